"""The end-of-day review: one local day's figures, lists and focus by hour.

Computed once here and shared by the review screen and `execgap review`. A session over
midnight counts on both days (`session.falls_in`, the doing pane's rule too), each with the
part of its focus that fell in it; its start counts on the day it started, and how it ended
(done, stopped) on the day it ended: on the days before, it was going on.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from execgap_tui.core.clock import Clock
from execgap_tui.core.model import ItemState, Outcome, PlanItem, RunningSession, Session, Uptime
from execgap_tui.core.session import NO_UPTIME, active_seconds, ended_in, falls_in, started_in
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.core.when import day_window

_QUARTER = 15 * 60  # every UTC offset in use is a whole number of quarter hours


class Span(NamedTuple):
    """A session as the review sees it: finished, or running until now."""

    session_id: str
    action_id: str
    text: str
    started_at: datetime
    ended_at: datetime
    active_s: int
    momentum: bool
    outcome: Outcome | None = None
    # None while the session is still running.
    latency_s: int | None = None


class ItemLine(NamedTuple):
    """One plan item in a review list, with its times in that day."""

    text: str
    first: datetime
    # Its first start that day (done, started), or when it was planned (carried over).
    last: datetime | None = None
    # When it was done, or its last session ended (perhaps a later day; None: running).
    focus_s: int = 0
    # Its focus within the day.
    sessions: int = 0
    running: bool = False
    # Its session is running now.


class DayReview(NamedTuple):
    """One local day, as the review shows it."""

    day: date
    sessions: int = 0
    # Sessions with any focus in the day (one over midnight counts on both days).
    starts: int = 0
    done: int = 0
    stopped: int = 0
    # How the sessions that ended in the day ended (one going on past it: where it ends).
    focus_s: int = 0
    median_latency_s: int | None = None
    momentum_rate: float | None = None
    planned: int = 0
    items_done: int = 0
    hours: tuple[int, ...] = (0,) * 24
    # Seconds of focus in each local hour of the day (0 to 23).
    done_items: tuple[ItemLine, ...] = ()
    started_not_done: tuple[ItemLine, ...] = ()
    # Items whose last session of the day ended in it, not done (or runs now).
    going_on: tuple[ItemLine, ...] = ()
    # Items whose last session of the day went on past its end (ended later, or runs now).
    carried_over: tuple[ItemLine, ...] = ()
    running: bool = False
    # A session is running now and has focus in this day.

    @property
    def gap_ratio(self) -> float | None:
        """Plan items added per item done (None when nothing was done)."""
        return self.planned / self.items_done if self.items_done else None

    @property
    def empty(self) -> bool:
        """Nothing was planned or started in the day."""
        return not self.sessions and not self.planned


def spans(
    sessions: list[Session],
    running: RunningSession | None,
    now: datetime,
    uptime: Uptime = NO_UPTIME,
) -> list[Span]:
    """Return the finished sessions, plus the running one up to `now`, as spans."""
    out = [
        Span(s.id, s.action_id, s.action_text, s.started_at, s.ended_at, s.active_s,
             s.momentum, s.outcome, s.latency_s)
        for s in sessions
    ]  # fmt: skip
    if running is not None and all(s.id != running.id for s in sessions):
        # (a crash between logging a finish and saving the board leaves it in both)
        active, _slept = active_seconds(running, now, uptime)
        out.append(
            Span(running.id, running.action_id, running.action_text, running.started_at,
                 max(now, running.started_at), active, active >= running.start_timer_s,
                 latency_s=running.latency_s)
        )  # fmt: skip
    return out


def review_day(clock: Clock, day: date, spans: list[Span], items: list[PlanItem]) -> DayReview:
    """Return the review of the local `day`.

    Args:
        clock: gives the local day's bounds and hours.
        day: the local day to review.
        spans: the sessions (see `spans`), at least every one with time in the day.
        items: the plan items open now and those closed that were planned in the day.
    """
    start, end = day_window(clock, day)
    inside = [s for s in spans if falls_in(s.started_at, s.ended_at, start, end)]
    focus = {s.session_id: _focus_by_hour(clock, s, start, end) for s in inside}
    hours = [0] * 24
    for by_hour in focus.values():
        for hour, seconds in by_hour.items():
            hours[hour] += seconds
    begun = [s for s in inside if started_in(s.started_at, start, end)]
    ended = [s for s in inside if s.outcome is not None and ended_in(s.ended_at, end)]
    latencies = [s.latency_s for s in begun if s.latency_s is not None]
    done_lines, open_lines, going_lines = _lines(inside, focus, end)
    return DayReview(
        day=day,
        sessions=len(inside),
        starts=len(begun),
        done=sum(1 for s in ended if s.outcome is Outcome.DONE),
        stopped=sum(1 for s in ended if s.outcome is Outcome.STOPPED),
        focus_s=sum(hours),
        median_latency_s=_median(latencies),
        momentum_rate=sum(s.momentum for s in begun) / len(begun) if begun else None,
        planned=sum(1 for item in items if start <= item.created_at < end),
        items_done=len(done_lines),
        hours=tuple(hours),
        done_items=done_lines,
        started_not_done=open_lines,
        going_on=going_lines,
        carried_over=_carried_over(items, spans, start, end),
        running=any(s.outcome is None for s in inside),
    )


def _median(values: list[int]) -> int | None:
    # statistics.median would cost `execgap` 10 ms of imports (fractions, decimal, random).
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return (
        ordered[middle] if len(ordered) % 2 else round((ordered[middle - 1] + ordered[middle]) / 2)
    )


def _focus_by_hour(clock: Clock, span: Span, start: datetime, end: datetime) -> dict[int, int]:
    """Spread the span's active seconds over the local hours of [start, end) it covers.

    A suspend is known only as an amount, so it is spread evenly over the session.
    """
    length = (span.ended_at - span.started_at).total_seconds()
    if length <= 0:
        return {}
    share = span.active_s / length
    seconds: dict[int, float] = defaultdict(float)
    moment, stop = max(span.started_at, start), min(span.ended_at, end)
    while moment < stop:
        quarter = _next_quarter(moment)
        piece_end = min(quarter, stop)
        seconds[clock.local(moment).hour] += (piece_end - moment).total_seconds() * share
        moment = piece_end
    return {hour: round(amount) for hour, amount in seconds.items()}


def _next_quarter(moment: datetime) -> datetime:
    since_epoch = int(moment.astimezone(UTC).timestamp())
    return datetime.fromtimestamp(since_epoch - since_epoch % _QUARTER + _QUARTER, UTC)


def _lines(
    inside: list[Span], focus: dict[str, dict[int, int]], end: datetime
) -> tuple[tuple[ItemLine, ...], tuple[ItemLine, ...], tuple[ItemLine, ...]]:
    """Return the items with time in the day by how their last session there ended: done in
    it, ended in it not done (or running now), and going on past its end (`ended_in`)."""
    by_item: dict[str, list[Span]] = defaultdict(list)
    for span in sorted(inside, key=lambda s: s.started_at):
        by_item[span.action_id].append(span)
    done: list[ItemLine] = []
    started: list[ItemLine] = []
    going: list[ItemLine] = []
    for item_spans in by_item.values():
        last = item_spans[-1]
        line = ItemLine(
            text=last.text,
            first=item_spans[0].started_at,
            last=last.ended_at if last.outcome is not None else None,
            focus_s=sum(sum(focus[s.session_id].values()) for s in item_spans),
            sessions=len(item_spans),
            running=last.outcome is None,
        )
        if not ended_in(last.ended_at, end):
            going.append(line)
        else:
            (done if last.outcome is Outcome.DONE else started).append(line)
    return tuple(done), tuple(started), tuple(going)


def _carried_over(
    items: list[PlanItem], spans: list[Span], start: datetime, end: datetime
) -> tuple[ItemLine, ...]:
    """Return the plan items planned in the day and not started (nor closed) by its end."""
    started = {s.action_id for s in spans if s.started_at < end}
    return tuple(
        ItemLine(item.text, item.created_at)
        for item in sorted(items, key=lambda item: item.created_at)
        if start <= item.created_at < end
        and not _closed_before(item, end)
        and (item.started_at is None or item.started_at >= end)
        and item.id not in started
    )


def _closed_before(item: PlanItem, end: datetime) -> bool:
    return item.state is not ItemState.OPEN and (item.done_at or item.created_at) < end
