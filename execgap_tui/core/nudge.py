"""When to nudge: planning leading doing, or a next action left waiting; never in quiet hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from execgap_tui.core.board import Board, Change
from execgap_tui.core.facts import NudgeSent
from execgap_tui.core.gap import WINDOW, gap
from execgap_tui.core.model import (
    DEFAULT_START_TIMER_S,
    Activity,
    Nudge,
    NudgeKind,
    PlanItem,
)
from execgap_tui.core.text import shown
from execgap_tui.core.tuples import NamedTuple


class QuietHours(NamedTuple):
    """A daily span of local time with no nudges; it may run over midnight."""

    start: time
    end: time

    def covers(self, moment: time) -> bool:
        """Whether `moment` falls in the span (the start counts, the end does not)."""
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class NudgeRules(NamedTuple):
    """When to nudge: planning ahead by `threshold` within `window`, or a waiting action."""

    window: timedelta = WINDOW
    threshold: int = 3
    cooldown: timedelta = timedelta(minutes=20)
    stale_after: timedelta = timedelta(minutes=15)
    quiet: QuietHours | None = None
    start_timer_s: int = DEFAULT_START_TIMER_S
    """Named in the nudge: "start it for just 2 minutes"."""


def to_start(board: Board, cursor: str | None = None) -> PlanItem | None:
    """Return what `s` starts, and so what a nudge names: the next action, else the open
    plan item the cursor is on (`cursor`, its id). None: neither (a nudge then says to
    choose one)."""
    if board.next_action is not None:
        return board.next_action
    return next((item for item in board.items if item.id == cursor), None)


def nudge_for(
    board: Board,
    now: datetime,
    local_time: time,
    rules: NudgeRules,
    last_nudge: datetime | None = None,
    told_waiting: str | None = None,
    cursor: str | None = None,
) -> Nudge | None:
    """Return the nudge due at `now`, if any; it names what `s` would start (`to_start`).

    Never while a session runs, in quiet hours, within `cooldown` of the last nudge, or
    with nothing open. Planning ahead comes first; a next action waiting `stale_after` is
    told once.
    """
    quiet = rules.quiet is not None and rules.quiet.covers(local_time)
    cooling = last_nudge is not None and now - last_nudge < rules.cooldown
    if board.running is not None or quiet or cooling or not board.open_count:
        return None
    counts = gap(board.recent, now, rules.window)
    if counts.lead >= rules.threshold:
        minutes = int(rules.window.total_seconds() // 60)
        ahead = f"You planned {counts.planned} and started {counts.started} in {minutes} min."
        target = to_start(board, cursor)
        body = _start(ahead, target, rules.start_timer_s)
        return Nudge(NudgeKind.GAP, "Planning is ahead of doing", body, target.id if target else "")
    waiting = board.next_action
    if waiting is not None and waiting.id != told_waiting:
        since = max([waiting.promoted_at or waiting.created_at, *_starts(board)])
        if now - since >= rules.stale_after:
            minutes = int((now - since).total_seconds() // 60)
            body = _start(
                f"Your next action has waited {minutes} min.", waiting, rules.start_timer_s
            )
            return Nudge(NudgeKind.WAITING, "Your next action is waiting", body, waiting.id)
    return None


def take_nudge(
    board: Board, now: datetime, local_time: time, rules: NudgeRules, cursor: str | None = None
) -> Change:
    """Return the nudge due at `now` as a change that records it on the board.

    The board is in the data folder, so the cooldown holds across launches, instances and
    the command line: under the lock, only one of them finds a nudge due.
    """
    nudge = nudge_for(board, now, local_time, rules, board.nudged_at, board.told_waiting, cursor)
    if nudge is None:
        return Change(board)
    told = nudge.item_id if nudge.kind is NudgeKind.WAITING else board.told_waiting
    return Change(board._replace(nudged_at=now, told_waiting=told), fact=NudgeSent(nudge))


def _starts(board: Board) -> list[datetime]:
    return [event.at for event in board.recent if event.kind is Activity.STARTED]


def _start(why: str, item: PlanItem | None, start_timer_s: int) -> str:
    minutes = start_timer_s // 60
    just = (
        f"{minutes} minute{'s' * (minutes != 1)}"
        if start_timer_s % 60 == 0
        else (f"{start_timer_s} seconds")
    )
    if item is None:
        return f"{why} Choose one and start it for just {just}."
    return f"{why} Start “{shown(item.text, 80)}” for just {just}."
