"""The `execgap` command. Textual is imported only when the app opens."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from execgap_tui import __version__
from execgap_tui.core.errors import ExecGapError
from execgap_tui.paths import HOME_VARIABLE, data_folder
from execgap_tui.storage import Store

DESCRIPTION = """\
A terminal focus timer for people who plan more than they do.

Write one tiny next action (n), start it (s): a 2-minute start timer counts down, then
the session keeps counting up while momentum lasts. Finish it (f) or stop it (x); every
session is logged. Plan items (a) wait in the planning pane beside what you actually did.
Press ? in the app for every key."""

EPILOG = f"""\
data folder: --data-dir DIR, else ${HOME_VARIABLE}, else the platform's user data folder.
A session keeps running when the app is closed and is there the next time it opens."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the `execgap` command."""
    parser = argparse.ArgumentParser(
        prog="execgap",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"execgap {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the data in DIR (default: ${HOME_VARIABLE}, else the user data folder)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        store = Store.open(data_folder(args.data_dir, os.environ))
    except ExecGapError as error:
        print(f"execgap: {error}", file=sys.stderr)
        return 1
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("execgap: the app needs a terminal (see execgap --help).", file=sys.stderr)
        return 2
    from execgap_tui.app import build_app  # Textual is loaded only to open the app

    build_app(store).run()
    return 0
