"""The session state machine: start timer counts down, then momentum counts up.

Every figure comes from timestamps (never from counting ticks), so a session that was
started by another process, or before the app was closed, shows the right time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from execgap_tui.core.errors import InvalidTimeError
from execgap_tui.core.model import (
    DEFAULT_START_TIMER_S,
    SUSPEND_MIN_S,
    Outcome,
    RunningSession,
    Session,
    Uptime,
)
from execgap_tui.core.text import visible
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.core.when import duration_arg

NO_UPTIME = Uptime()
"""For callers that know nothing of suspends (a session then counts wall time)."""


class Phase(StrEnum):
    """What the timer is doing."""

    IDLE = "idle"
    START = "start"
    MOMENTUM = "momentum"


class TimerView(NamedTuple):
    """What the timer shows at one moment, in whole seconds."""

    phase: Phase
    elapsed_s: int = 0
    start_timer_s: int = 0
    slept_s: int = 0
    # A suspend during the session; left out of elapsed_s unless the user kept it.
    sleep_kept: bool = False

    @property
    def remaining_s(self) -> int:
        """Seconds left on the start timer."""
        return max(0, self.start_timer_s - self.elapsed_s)

    @property
    def momentum_s(self) -> int:
        """Seconds past the end of the start timer."""
        return max(0, self.elapsed_s - self.start_timer_s)


def falls_in(started_at: datetime, ended_at: datetime, start: datetime, end: datetime) -> bool:
    """Whether a session from `started_at` to `ended_at` belongs to the span [start, end).

    The one rule of which day a session is on, for the doing pane and the review alike: it
    belongs to every day it has time in (one over midnight, to both), and one of no length
    to the day it started in. Its start counts on one of them (`started_in`), and how it
    ended on another (`ended_in`).
    """
    return started_at < end and (ended_at > start or started_at >= start)


def started_in(started_at: datetime, start: datetime, end: datetime) -> bool:
    """Whether a session that belongs to [start, end) (`falls_in`) started in it: a start
    is counted on one day, the session on each it has time in."""
    return start <= started_at < end


def ended_in(ended_at: datetime, end: datetime) -> bool:
    """Whether a session that belongs to a span ending at `end` (`falls_in`) ended in it:
    how it ended (done, stopped) counts on that one day; on the days before, it went on.
    One that ends on the stroke of midnight ended on the day its time fell in."""
    return ended_at <= end


def overlaps(started_at: datetime, ended_at: datetime, start: datetime, end: datetime) -> bool:
    """Whether a session from `started_at` to `ended_at` shares time with [start, end): one
    of no length (a plain finish read before its start) shares none, whatever `falls_in` says.
    """
    return started_at < ended_at and ended_at > start and started_at < end


def elapsed_seconds(running: RunningSession, now: datetime) -> int:
    """Return whole seconds since the session started, never negative."""
    return max(0, int((now - running.started_at).total_seconds()))


def slept_seconds(running: RunningSession, uptime: Uptime) -> int:
    """Return how long the machine slept during `running`, if over `SUSPEND_MIN_S`.

    Known only within one boot: across a reboot (or without a suspend counter) it is 0.
    """
    start = running.started_uptime
    if not start.boot_id or start.boot_id != uptime.boot_id:
        return 0
    slept = int(uptime.slept_s - start.slept_s)
    return slept if slept > SUSPEND_MIN_S else 0


def active_seconds(running: RunningSession, now: datetime, uptime: Uptime) -> tuple[int, int]:
    """Return (seconds of work, seconds slept) at `now`; kept sleep counts as work."""
    slept = min(slept_seconds(running, uptime), elapsed_seconds(running, now))
    counted = max(0, slept - running.kept_slept_s)
    return max(0, elapsed_seconds(running, now) - counted), slept


def uptime_at(uptime: Uptime, now: datetime, moment: datetime) -> Uptime:
    """Return the least the suspend counter can have read at an earlier `moment`.

    It grows no faster than the wall clock, so for a finish back-dated with --at or --ago a
    suspend is counted as sleep only where it must have fallen before the end.
    """
    behind = max(0.0, (now - moment).total_seconds())
    return uptime._replace(slept_s=uptime.slept_s - behind)


def timer_view(
    running: RunningSession | None,
    now: datetime,
    idle_timer_s: int = DEFAULT_START_TIMER_S,
    uptime: Uptime = NO_UPTIME,
) -> TimerView:
    """Return what the timer shows at `now` for `running`.

    When nothing runs the view is idle and shows `idle_timer_s`, the next start timer.
    """
    if running is None:
        return TimerView(Phase.IDLE, 0, idle_timer_s)
    active, slept = active_seconds(running, now, uptime)
    phase = Phase.START if active < running.start_timer_s else Phase.MOMENTUM
    kept = slept > 0 and running.kept_slept_s >= slept
    return TimerView(phase, active, running.start_timer_s, slept, kept)


def end_session(
    running: RunningSession,
    now: datetime,
    outcome: Outcome,
    note: str = "",
    uptime: Uptime = NO_UPTIME,
) -> Session:
    """Return the finished session for `running`, ended at `now`.

    A session that reached the end of its start timer ran on momentum. A suspend during
    it is left out of its active seconds, unless the user kept it.
    """
    ended_at = max(now, running.started_at)
    active, slept = active_seconds(running, ended_at, uptime)
    return Session(
        id=running.id,
        action_id=running.action_id,
        action_text=running.action_text,
        started_at=running.started_at,
        ended_at=ended_at,
        start_timer_s=running.start_timer_s,
        active_s=active,
        outcome=outcome,
        momentum=active >= running.start_timer_s,
        note=note,
        slept_s=max(0, slept - running.kept_slept_s),
        latency_s=running.latency_s,
    )


def clock_behind(
    started_at: datetime, moment: datetime, local: Callable[[datetime], datetime]
) -> str | None:
    """Return what to tell when a plain finish read the time `moment` before its session began.

    The system clock went back, or a start saved elsewhere won the lock after the time was
    read: the session ends at its start (`end_session`), never refused. A gap under a second
    changes no figure shown, and is not told.
    """
    if (started_at - moment).total_seconds() < 1:
        return None
    return (
        f"The clock reads {local(moment):%H:%M}, before the session began "
        f"({local(started_at):%H:%M}): it was ended at its start."
    )


def refuse_overlap(
    moment: datetime, now: datetime, logged: list[Session], local: Callable[[datetime], datetime]
) -> None:
    """Refuse a start back-dated to `moment` that would overlap sessions already logged.

    Args:
        moment: when the new session would have started; it runs until `now` at least.
        now: the time now.
        logged: the logged sessions with time in [moment, now), oldest first; only those
            it `overlaps` are refused.
        local: gives local times (`Clock.local`), for the message.

    Raises:
        InvalidTimeError: naming the first session it overlaps, and when a start is free.
    """
    logged = [s for s in logged if overlaps(s.started_at, s.ended_at, moment, now)]
    if not logged:
        return
    today = local(now).date()

    def when(at: datetime) -> str:  # another day's time says its day
        shown = local(at)
        return f"{shown:%H:%M}" if shown.date() == today else f"{shown:%Y-%m-%d %H:%M}"

    first, last_end = logged[0], max(session.ended_at for session in logged)
    text = visible(first.action_text[:60])
    more = f" and {len(logged) - 1} more sessions" if len(logged) > 1 else ""
    raise InvalidTimeError(
        f"A start at {when(moment)} would overlap “{text}” ({when(first.started_at)}-"
        f"{local(first.ended_at):%H:%M}){more} already logged: {_free_from(last_end, now, local)}."
    )


def _free_from(end: datetime, now: datetime, local: Callable[[datetime], datetime]) -> str:
    """Say how to start after `end`, the last logged session's: a whole minute --at takes
    (today's), else --ago (a start on another day), else now."""
    shown = local(end)
    minute = shown.replace(second=0, microsecond=0)
    free = minute if minute == shown else minute + timedelta(minutes=1)
    if free > now:
        return "start it now, without --at or --ago"
    if free.date() == local(now).date():
        return f"start it at {free:%H:%M} or later"
    return f"start it --ago {duration_arg(int((now - end).total_seconds()))} or less"
