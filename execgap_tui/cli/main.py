"""The `execgap` command: dispatch, and the one place errors become a line and an exit status.

`execgap status` runs in a status bar every few seconds: a plain call of it, or of the other
everyday commands, skips argparse and loads only what it needs. Textual is imported only to
open the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from execgap_tui.cli.table import COMMANDS, QUICK, Quick
from execgap_tui.config.paths import data_folder
from execgap_tui.core.clock import SystemClock
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.text import visible
from execgap_tui.store.files import failed, full_disk
from execgap_tui.store.folder import Store

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

    from execgap_tui.cli.commands import Context
    from execgap_tui.config.settings import Settings


def run() -> int:
    """The `execgap` command: run it, and return its exit status for `sys.exit`.

    What a command made dies with its process, so the interpreter's last full garbage
    collection at exit would only walk it: `gc.freeze` leaves it out (2.5 ms of every
    command). Exit still flushes and closes as usual; every file was closed already.
    """
    status = main()
    import gc

    gc.freeze()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    values = quick_args(args)
    if values is None:
        from execgap_tui.cli.arguments import build_parser

        values = vars(build_parser(args).parse_args(args))
    folder = data_folder(values.get("data_dir"), os.environ)
    command = values["command"]
    if command is None:
        return guarded(lambda: _open_app(folder))
    return guarded(lambda: _run(values, folder))


def quick_args(args: list[str]) -> dict[str, Any] | None:
    """Return what argparse would make of a plain call, as `vars` of its namespace: a
    command in `QUICK` with its words and options, or opening the app (command None).

    These skip argparse (3.5 ms with building the parser). Anything else, or anything
    unusual (help, an abbreviation, a word after an option, a word or value that starts
    with a dash, a missing or bad value), returns None and goes to argparse, which
    explains it.
    """
    values: dict[str, Any] = {"command": None}
    quick: Quick | None = None
    words: list[str] | None = None  # open to words until the first option
    given = iter(args)
    for arg in given:
        if quick is None and arg in QUICK:
            quick = QUICK[arg]
            values.update(quick.defaults, command=arg)
            if quick.words:
                words = values["text"] = []
            continue
        if words is not None and not arg.startswith("-"):
            words.append(arg)
            continue
        words = None
        name, equals, value = arg.partition("=")
        if name != "--data-dir" and (quick is None or name not in quick.options):
            return None
        if not equals:
            value = next(given, "-")
        if value.startswith("-"):
            return None
        if name == "--data-dir":
            values["data_dir"] = value
            continue
        assert quick is not None
        allowed = quick.options[name]
        if allowed and value not in allowed:
            return None
        values[name.removeprefix("--")] = value
    if quick is not None and quick.words == "+" and not values["text"]:
        return None
    return values


def guarded(run: Callable[[], int]) -> int:
    """Run a command: a user's mistake or a closed pipe is one line and an exit status.

    A message may quote what the user gave or what a file holds: it is printed `visible`,
    one line whatever it quotes, and no escape in it reaches the terminal.
    """
    try:
        status = run()
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return status
    except ExecGapError as error:
        tell(*error.notices, str(error))  # what it set aside first, then why not
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `execgap export | head`: the reader left, nothing is wrong
        _drop_output()
        return 0
    except Exception as error:
        if isinstance(error, OSError) and full_disk(error):  # `export > file` on a full disk
            tell(str(failed("write the output", error)))
            _drop_output()
            return 2
        if os.environ.get("EXECGAP_DEBUG"):
            raise
        # A bug, not the user's doing: one line, not a traceback (EXECGAP_DEBUG=1 shows it).
        tell(f"unexpected {type(error).__name__}: {error}")
        return 2


def _drop_output() -> None:
    """Send what is left of the output nowhere: Python's flush at exit would fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def tell(*lines: str) -> None:
    """Print each line for the user on stderr, as every execgap message is: one a line."""
    for line in lines:
        print(f"execgap: {visible(line)}", file=sys.stderr)


def _run(values: dict[str, Any], folder: str) -> int:
    """Run the command `values` name (what argparse made of the command line, as a dict)."""
    command = COMMANDS.get(values["command"])
    if command is None:  # argparse knows only the table's commands: this is a bug
        raise ExecGapError(f"unknown command {values['command']!r}: see execgap --help")
    if not command.writes:
        return command.run(_context(Store(folder)), values)
    store = Store.open(folder)
    ctx = _context(store)
    ctx.tell(store.notices)  # what opening set aside (each save tells its own)
    return command.run(ctx, values)


def _context(store: Store) -> Context:
    from execgap_tui.cli.commands import Context

    return Context(store, SystemClock(), settings=_user_settings)


def _user_settings() -> Settings:
    """config.toml, read when a command first needs it (a bad file: one line, exit 2)."""
    from execgap_tui.config.settings import config_path, load_settings

    return load_settings(config_path(os.environ))


def _open_app(folder: str) -> int:
    store = Store.open(folder)  # a folder that cannot be used is told even without a terminal
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # What opening set aside (the app would tell it), then why the app cannot open.
        tell(*store.notices, "the app needs a terminal (see execgap --help).")
        return 2
    from execgap_tui.config.settings import config_path, load_settings

    settings = load_settings(config_path(os.environ))  # a bad file: one line, exit 2
    import gc

    gc.disable()  # until the first frame: see app.resume_collecting
    try:
        from execgap_tui.tui.app import build_app  # Textual is loaded only to open the app

        app = build_app(store, settings)
        app.run()
    finally:
        gc.enable()  # had the app not started
    if app.writer.unsaved:  # the terminal is back: it can be read now
        print(f"execgap: {unsaved(app.writer.unsaved, store.lock_timeout_s)}", file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0  # 128 + the signal that ended it (tui/driver.py)


def unsaved(count: int, timeout_s: float) -> str:
    """Say that `count` changes made in the app were lost to a lock held past `timeout_s`."""
    changes = "1 change" if count == 1 else f"{count} changes"
    return (
        f"{changes} made in the app just before it closed could not be saved: another "
        f"execgap process held the data folder's lock for over {timeout_s:.0f} s "
        "(execgap doctor says which). Make them again once it lets go."
    )
