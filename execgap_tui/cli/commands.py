"""What each `execgap` subcommand does; the parsing is in cli.py. No Textual here."""

from __future__ import annotations

import json
import sys

from execgap_tui.actions.desk import Desk, Step
from execgap_tui.core.board import Change
from execgap_tui.core.clock import Clock
from execgap_tui.core.errors import InvalidTimeError
from execgap_tui.core.format import clock_text
from execgap_tui.core.model import Outcome, Session
from execgap_tui.core.session import clock_behind
from execgap_tui.core.status import status_line
from execgap_tui.core.text import csv_cell, json_safe, plain_cell, visible
from execgap_tui.core.when import day_window, parse_day, resolve, when_label
from execgap_tui.store.files import Document
from execgap_tui.store.folder import Store

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from execgap_tui.config.settings import Settings


class Context:
    """What a command works with: the store, the clock, the use cases, and where to print."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        out: TextIO | None = None,
        settings: Callable[[], Settings] | None = None,
        err: TextIO | None = None,
        desk: Desk | None = None,
    ) -> None:
        """`settings` is called once, when a command first needs them (status, start...);
        None: the defaults. A `desk` given is used as it is (its listeners hear each fact)."""
        self.store = store
        self.clock = clock
        self.out = sys.stdout if out is None else out
        self.err = sys.stderr if err is None else err
        self._settings = settings
        self._desk = desk

    @property
    def desk(self) -> Desk:
        """The use cases, with the user's settings (read at the first use)."""
        if self._desk is None:
            from execgap_tui.config.settings import Settings

            settings = Settings() if self._settings is None else self._settings()
            self._desk = Desk(self.store, self.clock, settings)
        return self._desk

    def perform(self, step: Step) -> Change:
        """Save `step` through the use cases; tell what the save had to set aside."""
        saved = self.desk.perform(step)
        self.tell(saved.notices)
        return saved.change

    def tell(self, notices: Sequence[str]) -> None:
        """Say on stderr what a save or opening the folder had to set aside."""
        for notice in notices:
            print(f"execgap: {visible(notice)}", file=self.err)

    def say(self, line: str) -> None:
        """Print one line for the user, `visible`: it may quote stored text or file names,
        and what a command prints never acts on the terminal."""
        print(visible(line), file=self.out)

    def show(self, text: str) -> None:
        """Print lines of text for the user, each `visible` (as `say` does)."""
        self.out.writelines(visible(line) + "\n" for line in text.splitlines())


def plan(ctx: Context, text: str) -> int:
    """Add a plan item."""
    change = ctx.perform(ctx.desk.plan(text))
    item = change.board.items[-1]
    ctx.say(f"planned: {item.text} ({change.board.open_count} open)")
    return 0


def next_action(ctx: Context, text: str) -> int:
    """Set the next action."""
    change = ctx.perform(ctx.desk.write_next(text))
    assert change.board.next_action is not None
    ctx.say(f"next action: {change.board.next_action.text}")
    return 0


def start(ctx: Context, text: str | None, at: str | None, ago: str | None) -> int:
    """Start a session on the next action (TEXT first becomes the next action)."""
    moment = resolve(ctx.clock, at, ago)
    given = moment if at or ago else None  # only a back-dated start can overlap the log
    running = ctx.perform(ctx.desk.start(text, given)).board.running
    assert running is not None
    since = f" · since {when_label(ctx.clock, moment)}" if at or ago else ""
    timer = clock_text(running.start_timer_s)
    ctx.say(f"started: {running.action_text} · {timer} start timer{since}")
    return 0


def finish(ctx: Context, outcome: Outcome, note: str, at: str | None, ago: str | None) -> int:
    """Finish the running session as done, or stop it."""
    moment = resolve(ctx.clock, at, ago)
    given = moment if at or ago else None  # a plain finish is never refused (Desk.finish)
    session = ctx.perform(ctx.desk.finish(outcome, note, given)).session
    assert session is not None
    how = "momentum" if session.momentum else "a start"
    verb = "done" if outcome is Outcome.DONE else "stopped"
    ctx.say(f"{verb}: {session.action_text} · {clock_text(session.active_s)} · {how}")
    behind = clock_behind(session.started_at, moment, ctx.clock.local)
    if behind is not None:
        ctx.say(behind)
    return 0


def status(ctx: Context, template: str) -> int:
    """Print one line; exit 0 while a session runs, 1 when none does."""
    board = ctx.store.focus()  # of the open items, only the next action is read
    now, window = ctx.clock.now(), ctx.desk.settings.nudge.window
    line = status_line(board, now, template, ctx.clock.uptime(), window)
    # Not `say`: the template is the user's own (colour codes for a shell prompt or tmux,
    # on purpose), and status_line shows each field it takes from stored text.
    print(line, file=ctx.out)
    return 0 if board.running is not None else 1


def review(ctx: Context, day_text: str, fmt: str) -> int:
    """Print one local day's review as text, Markdown or JSON."""
    from execgap_tui.actions.reviews import load_reviews, waiting_first_action  # not for status
    from execgap_tui.core.report import json_report, markdown_report, text_report

    day = parse_day(day_text, ctx.clock)
    today = ctx.clock.local(ctx.clock.now()).date()
    if day > today:
        raise InvalidTimeError(f"{day} is in the future: there is nothing to review yet.")
    [day_review], board = load_reviews(ctx.store, ctx.clock, [day])
    if fmt == "json":
        fields = json_report(day_review, ctx.clock.local)
        ctx.out.write(json_safe(json.dumps(fields, indent=2, ensure_ascii=False)) + "\n")
        return 0
    report = markdown_report if fmt == "md" else text_report
    ctx.show(report(day_review, ctx.clock.local, waiting_first_action(board)))
    return 0


def config(ctx: Context, path: str) -> int:
    """Print where the settings come from and what they are in effect."""
    from execgap_tui.config.settings import load_settings, render  # only this command reads them

    settings = load_settings(path)
    import os

    where = "" if os.path.exists(path) else " (not there: these are the defaults)"
    ctx.say(f"# {path}{where}")
    ctx.show(render(settings))
    return 0


def json_lines(records: list[Document]) -> list[str]:
    """Return each session record as a line of JSON.

    One call of the encoder for them all, split (a call a record costs twice as much). Each
    record starts with its "id" field, and the quote before `id` cannot be inside a string
    (JSON escapes a quote there), so every `}, {"id": ` is between two records; but one
    nested in a record by hand: then each is encoded alone.
    """
    encoded = json_safe(json.dumps(records, ensure_ascii=False))  # printed to a terminal too
    inner = encoded[len('[{"id": ') : -len("}]")].split('}, {"id": ') if records else []
    if len(inner) != len(records):
        return [json_safe(json.dumps(record, ensure_ascii=False)) for record in records]
    return [f'{{"id": {middle}}}' for middle in inner]


def csv_lines(records: list[Document]) -> list[str]:
    """Return each session record as a line of CSV, its texts as `csv_cell`s: never a
    formula in a spreadsheet, never an escape on a terminal, and one line each."""
    import csv  # only for this
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(Session._fields), lineterminator="\n")
    lengths = [writer.writerow(_cells(record)) for record in records]
    text, lines, at = buffer.getvalue(), [], 0
    for length in lengths:
        lines.append(text[at : at + length])
        at += length
    return lines


def _cells(record: Document) -> Document:
    """`record` with each text as a `csv_cell` (most need nothing: a quick look first)."""
    if all(type(value) is not str or plain_cell(value) for value in record.values()):
        return record
    return {key: csv_cell(v) if type(v) is str else v for key, v in record.items()}


def export(ctx: Context, fmt: str, first: str | None, last: str | None) -> int:
    """Print the sessions that started between two local days, as JSON or CSV."""
    start = day_window(ctx.clock, parse_day(first, ctx.clock))[0] if first else None
    end = day_window(ctx.clock, parse_day(last, ctx.clock))[1] if last else None
    if start and end and end <= start:
        raise InvalidTimeError(f"--to {last} is before --from {first}.")
    if fmt == "json":
        lines = ctx.store.session_lines(start, end, json_lines)
        ctx.out.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
        return 0
    ctx.out.write(",".join(Session._fields) + "\n")
    ctx.out.writelines(ctx.store.session_lines(start, end, csv_lines))
    return 0
