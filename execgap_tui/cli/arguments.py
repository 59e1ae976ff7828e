"""The `execgap` command's arguments: the parser, its help texts and subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from execgap_tui.config.paths import CONFIG_VARIABLE, HOME_VARIABLE
from execgap_tui.core.status import DEFAULT_FORMAT, FIELDS

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


def build_parser(args: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the parser for the `execgap` command and its subcommands.

    Given the `args` it will parse, it leaves out the subcommands they do not name, and
    parses them the same: each subcommand costs 0.25 ms to build (argparse looks up a
    translation of every message it may print, with a file lookup per language).
    """
    named = _command_named(args) if args is not None else None
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
    for name, (summary, description, add_arguments) in SUBCOMMANDS.items():
        if named is None or name == named:
            add_arguments(
                sub.add_parser(
                    name,
                    help=summary,
                    description=description,
                    parents=[common],
                    formatter_class=plain,
                )
            )
    return parser


def _command_named(args: Sequence[str]) -> str | None:
    """Return the subcommand `args` name, when nothing but `--data-dir` comes before it.

    Anything else first (help, --version, `--`, a word that starts with a dash) returns
    None: the whole parser then reads `args`, and its help lists every subcommand.
    """
    given = iter(args)
    for arg in given:
        if len(arg) > 2 and "--data-dir".startswith(arg.partition("=")[0]):
            if "=" not in arg:
                next(given, None)  # its value
        elif arg.startswith("-"):
            return None
        else:
            return arg if arg in SUBCOMMANDS else None
    return None


def _words(help_text: str, nargs: str = "+") -> Callable[[argparse.ArgumentParser], None]:
    def add(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("text", nargs=nargs, metavar="TEXT", help=help_text)

    return add


def _start(parser: argparse.ArgumentParser) -> None:
    _words("a new next action to start", "*")(parser)
    _add_when(parser)


def _finish(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--note", default="", help="a note to keep with the session")
    _add_when(parser)


def _status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default=DEFAULT_FORMAT, metavar="FMT", help=STATUS_HELP)


def _review(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", default="today", metavar="DAY", help="YYYY-MM-DD, today (default) or yesterday"
    )
    parser.add_argument(
        "--format", choices=("text", "md", "json"), default="text", help="default: text"
    )


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--from", dest="first", metavar="DAY", help="YYYY-MM-DD, today, yesterday")
    parser.add_argument("--to", dest="last", metavar="DAY", help="last day included")


def _doctor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--send-test", action="store_true", help="send a real desktop notification")


def _nothing(parser: argparse.ArgumentParser) -> None:
    pass


_WORDS = "the words (quotes are optional)"
SUBCOMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "plan": ("add a plan item", "Add a plan item to the planning pane.", _words(_WORDS)),
    "next": (
        "set the next action",
        "Write the next action: one small, concrete step.",
        _words(_WORDS),
    ),
    "start": (
        "start a session",
        "Start a session on the next action; TEXT first makes it the next action.",
        _start,
    ),
    "done": (
        "finish the session as done",
        "Finish the session as done. A stopped session counts as a start.",
        _finish,
    ),
    "stop": ("stop the session", "Stop the session. A stopped session counts as a start.", _finish),
    "status": (
        "one line for tmux or a prompt",
        "Print one line about the session; exit 0 while one runs, 1 when none does.",
        _status,
    ),
    "review": (
        "the end-of-day review of one day",
        "Print a local day's review: sessions, focus, start latency, momentum, planned "
        "against done, focus by hour, and the lists (done, started not done, carried over).",
        _review,
    ),
    "export": ("print the sessions as JSON or CSV", "Print logged sessions.", _export),
    "doctor": (
        "check the data folder and notifications",
        "Check the data folder and the desktop notification path: what works, and how to "
        "fix what does not.",
        _doctor,
    ),
    "config": (
        "show the settings in effect",
        f"Print the config file's path (${CONFIG_VARIABLE}, else config.toml in the user "
        "config folder) and the settings in effect.",
        _nothing,
    ),
}
"""Each subcommand, in the order `execgap --help` lists them: its one-line summary, the
description its --help opens with, and what adds its arguments."""


class _Version(argparse.Action):
    """--version, reading the version only when asked (it costs 50 ms to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=str(kwargs["help"])
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import execgap_tui

        parser.exit(message=f"execgap {execgap_tui.__version__}\n")


def _add_when(parser: argparse.ArgumentParser) -> None:
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="HH:MM", help=WHEN_HELP)
    when.add_argument("--ago", metavar="DURATION", help=WHEN_HELP)
