"""Every `execgap` command, declared once: its help, its arguments, its quick path, its run.

argparse's parser and help (arguments.py), the quick path that skips argparse, and the
dispatch (main.py) are all read from `COMMANDS`; a command not in it is an error.
"""

from __future__ import annotations

import os

from execgap_tui.cli import commands
from execgap_tui.config.paths import CONFIG_VARIABLE
from execgap_tui.core.model import Outcome
from execgap_tui.core.status import DEFAULT_FORMAT, FIELDS
from execgap_tui.core.tuples import NamedTuple

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from argparse import ArgumentParser
    from collections.abc import Callable
    from typing import Any

    from execgap_tui.cli.commands import Context

    Args = dict[str, Any]

WHEN_HELP = (
    'back-date it: --at a local time (HH:MM today, "yesterday HH:MM" or "YYYY-MM-DD HH:MM"; '
    "in the hour the clocks go back over, the first, unless its UTC offset says which: "
    '"01:30 -05:00"), or --ago a duration (5m, 1h30m)'
)
STATUS_HELP = "placeholders: " + "; ".join(f"{{{k}}} {v}" for k, v in FIELDS.items())
_WORDS = "the words (quotes are optional)"


class Quick(NamedTuple):
    """What the quick path reads of one command (a test holds it to the arguments below)."""

    defaults: dict[str, object]
    """Every value argparse gives the command, by name, when none is given."""
    options: dict[str, tuple[str, ...]]
    """The options read here, with their allowed values (none listed: any)."""
    words: str | None = None
    """TEXT's nargs, "+" or "*" (None: no words)."""


class Command(NamedTuple):
    """One subcommand: what `--help` says, what it takes, and what it does."""

    summary: str
    description: str
    add_arguments: Callable[[ArgumentParser], None]
    run: Callable[[Context, Args], int]
    writes: bool = False
    """It changes the data: the folder is opened (made, damaged files set aside) first."""
    quick: Quick | None = None
    """Its plainest forms skip argparse (status bars, scripts and hands run these most)."""


def _words(help_text: str, nargs: str = "+") -> Callable[[ArgumentParser], None]:
    def add(parser: ArgumentParser) -> None:
        parser.add_argument("text", nargs=nargs, metavar="TEXT", help=help_text)

    return add


def _start(parser: ArgumentParser) -> None:
    _words("a new next action to start", "*")(parser)
    _add_when(parser)


def _finish(parser: ArgumentParser) -> None:
    parser.add_argument("--note", default="", help="a note to keep with the session")
    _add_when(parser)


def _status(parser: ArgumentParser) -> None:
    parser.add_argument("--format", default=DEFAULT_FORMAT, metavar="FMT", help=STATUS_HELP)


def _review(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--date", default="today", metavar="DAY", help="YYYY-MM-DD, today (default) or yesterday"
    )
    parser.add_argument(
        "--format", choices=("text", "md", "json"), default="text", help="default: text"
    )


def _export(parser: ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--from", dest="first", metavar="DAY", help="YYYY-MM-DD, today, yesterday")
    parser.add_argument("--to", dest="last", metavar="DAY", help="last day included")


def _doctor(parser: ArgumentParser) -> None:
    parser.add_argument("--send-test", action="store_true", help="send a real desktop notification")


def _restore(parser: ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="FILE",
        help="a copy of a data file: one set aside (FILE.damaged-N), a .bak, or a backup's",
    )  # fmt: skip


def _nothing(parser: ArgumentParser) -> None:
    pass


def _add_when(parser: ArgumentParser) -> None:
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="WHEN", help=WHEN_HELP)
    when.add_argument("--ago", metavar="DURATION", help=WHEN_HELP)


def _text(args: Args) -> str:
    return " ".join(args.get("text") or [])


def _plan(ctx: Context, args: Args) -> int:
    return commands.plan(ctx, _text(args))


def _next(ctx: Context, args: Args) -> int:
    return commands.next_action(ctx, _text(args))


def _start_run(ctx: Context, args: Args) -> int:
    # No words starts the next action; words, even "" (a script's empty variable), are the
    # text of a new one, held to the rules of any text.
    text = _text(args) if args.get("text") else None
    return commands.start(ctx, text, args["at"], args["ago"])


def _finishing(outcome: Outcome) -> Callable[[Context, Args], int]:
    def run(ctx: Context, args: Args) -> int:
        return commands.finish(ctx, outcome, args["note"], args["at"], args["ago"])

    return run


def _status_run(ctx: Context, args: Args) -> int:
    return commands.status(ctx, args["format"])


def _review_run(ctx: Context, args: Args) -> int:
    return commands.review(ctx, args["date"], args["format"])


def _export_run(ctx: Context, args: Args) -> int:
    return commands.export(ctx, args["format"], args["first"], args["last"])


def _doctor_run(ctx: Context, args: Args) -> int:
    from execgap_tui.cli.doctor import doctor  # it loads the notifier

    return doctor(ctx, os.environ, args["send_test"])


def _restore_run(ctx: Context, args: Args) -> int:
    from execgap_tui.cli.doctor import restore  # not for status

    return restore(ctx, args["path"])


def _config_run(ctx: Context, args: Args) -> int:
    from execgap_tui.config.settings import config_path

    return commands.config(ctx, config_path(os.environ))


_WHEN = {"at": None, "ago": None}
COMMANDS: dict[str, Command] = {
    "plan": Command("add a plan item", "Add a plan item to the planning pane.", _words(_WORDS),
                    _plan, writes=True, quick=Quick({"text": []}, {}, "+")),
    "next": Command("set the next action", "Write the next action: one small, concrete step.",
                    _words(_WORDS), _next, writes=True, quick=Quick({"text": []}, {}, "+")),
    "start": Command(
        "start a session",
        "Start a session on the next action; TEXT first makes it the next action.",
        _start, _start_run, writes=True, quick=Quick({"text": [], **_WHEN}, {}, "*"),
    ),
    "done": Command(
        "finish the session as done",
        "Finish the session as done. A stopped session counts as a start.",
        _finish, _finishing(Outcome.DONE), writes=True, quick=Quick({"note": "", **_WHEN}, {}),
    ),
    "stop": Command(
        "stop the session", "Stop the session. A stopped session counts as a start.",
        _finish, _finishing(Outcome.STOPPED), writes=True, quick=Quick({"note": "", **_WHEN}, {}),
    ),
    "status": Command(
        "one line for tmux or a prompt",
        "Print one line about the session; exit 0 while one runs, 1 when none does.",
        _status, _status_run, quick=Quick({"format": DEFAULT_FORMAT}, {"--format": ()}),
    ),
    "review": Command(
        "the end-of-day review of one day",
        "Print a local day's review: sessions, focus, start latency, momentum, planned "
        "against done, focus by hour, and the lists (done, started not done, going on past "
        "the day, carried over).",
        _review, _review_run,
        quick=Quick({"date": "today", "format": "text"},
                    {"--date": (), "--format": ("text", "md", "json")}),
    ),
    "export": Command("print the sessions as JSON or CSV", "Print logged sessions.", _export,
                      _export_run),
    "doctor": Command(
        "check the data folder and notifications",
        "Check the data folder and the desktop notification path: what works, and how to "
        "fix what does not.",
        _doctor, _doctor_run,
    ),
    "restore": Command(
        "bring back a copy of a data file, keeping everything",
        "Merge a copy of a data file back into it: a file set aside as damaged (with its "
        "last good copy), a .bak, or a backup's. The current file is kept beside it first "
        "(FILE.before-restore-N), or set aside if it is damaged; plan items and sessions are "
        "merged by id, the newer record winning; a running session comes back unless it "
        "finished since. Nothing is removed: a set-aside file in the data folder restored in "
        "full is renamed FILE.restored-N (one with records that cannot be read stays as it "
        "is); a backup is only read. 'execgap doctor' prints the command for each file.",
        _restore, _restore_run,
    ),
    "config": Command(
        "show the settings in effect",
        f"Print the config file's path (${CONFIG_VARIABLE}, else config.toml in the user "
        "config folder) and the settings in effect.",
        _nothing, _config_run,
    ),
}  # fmt: skip
"""Each subcommand, in the order `execgap --help` lists them."""
QUICK = {name: command.quick for name, command in COMMANDS.items() if command.quick}
"""The commands with a quick path, by name."""
