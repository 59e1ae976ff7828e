"""The `execgap` command's arguments: the parser, its help texts and subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from functools import partial

from execgap_tui.cli.table import COMMANDS
from execgap_tui.config.paths import HOME_VARIABLE
from execgap_tui.core.text import visible

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import NoReturn

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


class Parser(argparse.ArgumentParser):
    """argparse's parser, with a usage error as one line, like every other error of execgap.

    argparse prints the whole usage and then the error on a line of its own (three lines
    or more for `execgap start --ago -5m`); the help is one option away, and says it.
    The subcommands' parsers are of this class too (argparse makes them of the parent's).
    """

    def error(self, message: str) -> NoReturn:
        """Print `message` (it may quote what the user typed) as one line, and exit 2."""
        self.exit(2, f"{self.prog}: {visible(message)}; see {self.prog} --help\n")


def build_parser(args: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the parser for the `execgap` command and its subcommands.

    Given the `args` it will parse, it leaves out the subcommands they do not name, and
    parses them the same: each subcommand costs 0.25 ms to build (argparse looks up a
    translation of every message it may print, with a file lookup per language).
    """
    named = _command_named(args) if args is not None else None
    width = help_width(os.environ)
    plain = partial(argparse.HelpFormatter, width=width)
    common = Parser(add_help=False, formatter_class=plain)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep the data in DIR (default: ${HOME_VARIABLE}, else the user data folder)",
    )
    parser = Parser(
        prog="execgap",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=partial(argparse.RawDescriptionHelpFormatter, width=width),
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, command in COMMANDS.items():
        if named is None or name == named:
            command.add_arguments(
                sub.add_parser(
                    name,
                    help=command.summary,
                    description=command.description,
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
            return arg if arg in COMMANDS else None
    return None


class _Version(argparse.Action):
    """--version, reading the version only when asked (it costs 50 ms to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=str(kwargs["help"])
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import execgap_tui

        parser.exit(message=f"execgap {execgap_tui.__version__}\n")
