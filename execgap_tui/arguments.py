"""The `execgap` command's arguments: the parser, its help texts and subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from functools import partial

from execgap_tui.core.status import DEFAULT_FORMAT, FIELDS
from execgap_tui.paths import CONFIG_VARIABLE, HOME_VARIABLE

DESCRIPTION = """\
A terminal focus timer for people who plan more than they do.

Write one tiny next action (n), start it (s): a 2-minute start timer counts down, then
the session keeps counting up while momentum lasts. Finish it (f) or stop it (x); every
session is logged. Plan items (a) wait in the planning pane beside what you actually did.
Press ? in the app for every key. The commands below work on the same data, also while
the app is open."""

EPILOG = f"""\
data folder: --data-dir DIR, else ${HOME_VARIABLE}, else the platform's user data folder.
A session keeps running when the app is closed and is there the next time it opens.
'execgap COMMAND --help' explains each command."""

WHEN_HELP = "back-date it: --at a local time today (HH:MM), or --ago a duration (5m, 1h30m)"
STATUS_HELP = "placeholders: " + "; ".join(f"{{{k}}} {v}" for k, v in FIELDS.items())


def help_width(environ: Mapping[str, str]) -> int:
    """Return the width argparse would wrap help to: `$COLUMNS`, else the terminal's, less 2.

    argparse works it out with `shutil`, whose import (with zlib, bz2 and lzma) would cost
    every command 2 ms, also those that never print help.
    """
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return (columns or 80) - 2


Command = Callable[[str, str, str], argparse.ArgumentParser]
"""Adds a subcommand: name, one-line summary, description for its --help."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the `execgap` command and its subcommands."""
    width = help_width(os.environ)
    plain = partial(argparse.HelpFormatter, width=width)
    common = argparse.ArgumentParser(add_help=False, formatter_class=plain)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep the data in DIR (default: ${HOME_VARIABLE}, else the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="execgap",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=partial(argparse.RawDescriptionHelpFormatter, width=width),
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=description,
            parents=[common],
            formatter_class=plain,
        )

    _add_writing_commands(command)
    _add_reading_commands(command)
    return parser


def _add_writing_commands(command: Command) -> None:
    for name, summary, description in (
        ("plan", "add a plan item", "Add a plan item to the planning pane."),
        ("next", "set the next action", "Write the next action: one small, concrete step."),
    ):
        command(name, summary, description).add_argument(
            "text", nargs="+", metavar="TEXT", help="the words (quotes are optional)"
        )
    start = command(
        "start",
        "start a session",
        "Start a session on the next action; TEXT first makes it the next action.",
    )
    start.add_argument("text", nargs="*", metavar="TEXT", help="a new next action to start")
    _add_when(start)
    for name, verb in (("done", "finish the session as done"), ("stop", "stop the session")):
        finish = command(name, verb, f"{verb.capitalize()}. A stopped session counts as a start.")
        finish.add_argument("--note", default="", help="a note to keep with the session")
        _add_when(finish)


def _add_reading_commands(command: Command) -> None:
    status = command(
        "status",
        "one line for tmux or a prompt",
        "Print one line about the session; exit 0 while one runs, 1 when none does.",
    )
    status.add_argument("--format", default=DEFAULT_FORMAT, metavar="FMT", help=STATUS_HELP)
    review = command(
        "review",
        "the end-of-day review of one day",
        "Print a local day's review: sessions, focus, start latency, momentum, planned "
        "against done, focus by hour, and the lists (done, started not done, carried over).",
    )
    review.add_argument(
        "--date", default="today", metavar="DAY", help="YYYY-MM-DD, today (default) or yesterday"
    )
    review.add_argument(
        "--format", choices=("text", "md", "json"), default="text", help="default: text"
    )
    export = command("export", "print the sessions as JSON or CSV", "Print logged sessions.")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--from", dest="first", metavar="DAY", help="YYYY-MM-DD, today, yesterday")
    export.add_argument("--to", dest="last", metavar="DAY", help="last day included")
    doctor = command(
        "doctor",
        "check the data folder and notifications",
        "Check the data folder and the desktop notification path: what works, and how to "
        "fix what does not.",
    )
    doctor.add_argument("--send-test", action="store_true", help="send a real desktop notification")
    command(
        "config",
        "show the settings in effect",
        f"Print the config file's path (${CONFIG_VARIABLE}, else config.toml in the user "
        "config folder) and the settings in effect.",
    )


class _Version(argparse.Action):
    """--version, reading the version only when asked (it costs 50 ms to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import execgap_tui

        parser.exit(message=f"execgap {execgap_tui.__version__}\n")


def _add_when(parser: argparse.ArgumentParser) -> None:
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="HH:MM", help=WHEN_HELP)
    when.add_argument("--ago", metavar="DURATION", help=WHEN_HELP)
