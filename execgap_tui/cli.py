"""The `execgap` command: dispatch, and the one place errors become a line and an exit status.

`execgap status` runs in a status bar every few seconds: a plain status call skips argparse
and loads only what it needs. Textual is imported only to open the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from execgap_tui import commands
from execgap_tui.core.clock import SystemClock
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.model import Outcome
from execgap_tui.core.status import DEFAULT_FORMAT
from execgap_tui.paths import data_folder
from execgap_tui.storage import Store

TYPE_CHECKING = False  # typing costs every command 7 ms to import; mypy reads this as True
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

READ_ONLY = ("status", "review", "export", "doctor", "config")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    quick = quick_status(args)
    if quick is not None:
        folder = data_folder(quick[0], os.environ)
        ctx = commands.Context(Store(folder), SystemClock())
        return guarded(lambda: commands.status(ctx, quick[1]))
    from execgap_tui.arguments import build_parser

    parsed = build_parser().parse_args(args)
    folder = data_folder(getattr(parsed, "data_dir", None), os.environ)
    if parsed.command in READ_ONLY:
        return guarded(lambda: _run(parsed, commands.Context(Store(folder), SystemClock())))
    opened: list[Store] = []
    status = guarded(lambda: _write(parsed, folder, opened))
    if parsed.command is None and status == 0:
        return guarded(lambda: _open_app(opened[0]))
    return status


def quick_status(args: list[str]) -> tuple[str | None, str] | None:
    """Return (data dir, format) for a plain `status` call; None leaves it to argparse."""
    data_dir, template, rest = None, DEFAULT_FORMAT, []
    given = iter(args)
    for arg in given:
        name, equals, value = arg.partition("=")
        if name not in ("--data-dir", "--format"):
            rest.append(arg)
            continue
        if not equals:
            value = next(given, "-")
        if value.startswith("-") or (name == "--format" and rest != ["status"]):
            return None  # a missing value, or --format before status: argparse says so
        data_dir, template = (value, template) if name == "--data-dir" else (data_dir, value)
    return (data_dir, template) if rest == ["status"] else None


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


def _write(parsed: argparse.Namespace, folder: Path, opened: list[Store]) -> int:
    store = Store.open(folder)
    opened.append(store)
    if parsed.command is None:
        return 0
    status = _run(parsed, commands.Context(store, SystemClock()))
    for notice in store.notices:
        print(f"execgap: {notice}", file=sys.stderr)
    return status


def _run(args: argparse.Namespace, ctx: commands.Context) -> int:
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
            from execgap_tui.doctor import config
            from execgap_tui.settings import config_path

            return config(ctx, config_path(os.environ))
        case "review":
            return commands.review(ctx, args.date, args.format)
        case _:
            return commands.export(ctx, args.format, args.first, args.last)


def _open_app(store: Store) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("execgap: the app needs a terminal (see execgap --help).", file=sys.stderr)
        return 2
    from execgap_tui.settings import config_path, load_settings

    settings = load_settings(config_path(os.environ))  # a bad file: one line, exit 2
    from execgap_tui.app import build_app  # Textual is loaded only to open the app

    build_app(store, settings).run()
    return 0
