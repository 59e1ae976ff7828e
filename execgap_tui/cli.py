"""The `execgap` command: dispatch, and the one place errors become a line and an exit status.

`execgap status` runs in a status bar every few seconds: a plain status call skips argparse
and loads only what it needs. Textual is imported only to open the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from execgap_tui.core.clock import SystemClock
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.model import Outcome
from execgap_tui.core.status import DEFAULT_FORMAT
from execgap_tui.paths import data_folder
from execgap_tui.storage import Store

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    import argparse

    from execgap_tui.commands import Context

READ_ONLY = ("status", "review", "export", "doctor", "config")


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
    quick = quick_args(args)
    if quick is not None:
        command, data_dir, options = quick
        folder = data_folder(data_dir, os.environ)
        if command is None:
            return guarded(lambda: _open_app(folder))
        from execgap_tui import commands  # the app does without

        ctx = _context(Store(folder))
        if command == "status":
            return guarded(lambda: commands.status(ctx, options["--format"]))
        return guarded(lambda: commands.review(ctx, options["--date"], options["--format"]))
    from execgap_tui.arguments import build_parser

    parsed = build_parser(args).parse_args(args)
    folder = data_folder(getattr(parsed, "data_dir", None), os.environ)
    if parsed.command is None:
        return guarded(lambda: _open_app(folder))
    if parsed.command in READ_ONLY:
        return guarded(lambda: _run(parsed, _context(Store(folder))))
    return guarded(lambda: _write(parsed, folder))


QUICK: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "status": {"--format": (DEFAULT_FORMAT, ())},
    "review": {"--date": ("today", ()), "--format": ("text", ("text", "md", "json"))},
}
"""The commands a status bar or a script runs often: each option's default and allowed
values (none listed: any). As `arguments.py` says; a test holds the two together."""


def quick_args(args: list[str]) -> tuple[str | None, str | None, dict[str, str]] | None:
    """Return (command, data dir, options) for a plain `status` or `review` call, or for
    opening the app (command None: no arguments, or only `--data-dir`).

    These skip argparse (7 ms). Anything else, or anything unusual (help, an abbreviation,
    a missing or bad value), returns None and goes to argparse, which explains it.
    """
    command: str | None = None
    data_dir: str | None = None
    options: dict[str, str] = {}
    given = iter(args)
    for arg in given:
        if command is None and arg in QUICK:
            command = arg
            options = {name: default for name, (default, _) in QUICK[arg].items()}
            continue
        name, equals, value = arg.partition("=")
        known = ("--data-dir",) if command is None else ("--data-dir", *QUICK[command])
        if name not in known:
            return None
        if not equals:
            value = next(given, "-")
        if value.startswith("-"):
            return None
        if name == "--data-dir":
            data_dir = value
            continue
        assert command is not None
        allowed = QUICK[command][name][1]
        if allowed and value not in allowed:
            return None
        options[name] = value
    return command, data_dir, options


def guarded(run: Callable[[], int]) -> int:
    """Run a command: a user's mistake or a closed pipe is one line and an exit status."""
    try:
        status = run()
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return status
    except ExecGapError as error:
        print(f"execgap: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `execgap export | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("EXECGAP_DEBUG"):
            raise
        # A bug, not the user's doing: one line, not a traceback (EXECGAP_DEBUG=1 shows it).
        print(f"execgap: unexpected {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _write(parsed: argparse.Namespace, folder: str) -> int:
    store = Store.open(folder)
    status = _run(parsed, _context(store))
    for notice in store.notices:
        print(f"execgap: {notice}", file=sys.stderr)
    return status


def _context(store: Store) -> Context:
    from execgap_tui.commands import Context

    return Context(store, SystemClock())


def _run(args: argparse.Namespace, ctx: Context) -> int:
    from execgap_tui import commands

    text = " ".join(getattr(args, "text", None) or []) or None
    match args.command:
        case "plan":
            return commands.plan(ctx, text or "")
        case "next":
            return commands.next_action(ctx, text or "")
        case "start":
            return commands.start(ctx, text, args.at, args.ago)
        case "done" | "stop":
            outcome = Outcome.DONE if args.command == "done" else Outcome.STOPPED
            return commands.finish(ctx, outcome, args.note, args.at, args.ago)
        case "status":
            return commands.status(ctx, args.format)
        case "doctor":
            from execgap_tui.doctor import doctor

            return doctor(ctx, os.environ, args.send_test)
        case "config":
            from execgap_tui.settings import config_path

            return commands.config(ctx, config_path(os.environ))
        case "review":
            return commands.review(ctx, args.date, args.format)
        case _:
            return commands.export(ctx, args.format, args.first, args.last)


def _open_app(folder: str) -> int:
    store = Store.open(folder)  # a folder that cannot be used is told even without a terminal
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("execgap: the app needs a terminal (see execgap --help).", file=sys.stderr)
        return 2
    from execgap_tui.settings import config_path, load_settings

    settings = load_settings(config_path(os.environ))  # a bad file: one line, exit 2
    import gc

    gc.disable()  # until the first frame: see app.resume_collecting
    try:
        from execgap_tui.app import build_app  # Textual is loaded only to open the app

        build_app(store, settings).run()
    finally:
        gc.enable()  # had the app not started
    return 0
