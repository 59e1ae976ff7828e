"""The session state machine: start timer counts down, then momentum counts up.

Every figure comes from timestamps (never from counting ticks), so a session that was
started by another process, or before the app was closed, shows the right time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from execgap_tui.core.model import DEFAULT_START_TIMER_S, Outcome, RunningSession, Session


class Phase(StrEnum):
    """What the timer is doing."""

    IDLE = "idle"
    START = "start"
    MOMENTUM = "momentum"


@dataclass(frozen=True, slots=True)
class TimerView:
    """What the timer shows at one moment, in whole seconds."""

    phase: Phase
    elapsed_s: int = 0
    start_timer_s: int = 0

    @property
    def remaining_s(self) -> int:
        """Seconds left on the start timer."""
        return max(0, self.start_timer_s - self.elapsed_s)

    @property
    def momentum_s(self) -> int:
        """Seconds past the end of the start timer."""
        return max(0, self.elapsed_s - self.start_timer_s)


def elapsed_seconds(running: RunningSession, now: datetime) -> int:
    """Return whole seconds since the session started, never negative."""
    return max(0, int((now - running.started_at).total_seconds()))


def timer_view(
    running: RunningSession | None, now: datetime, idle_timer_s: int = DEFAULT_START_TIMER_S
) -> TimerView:
    """Return what the timer shows at `now` for `running`.

    When nothing runs the view is idle and shows `idle_timer_s`, the next start timer.
    """
    if running is None:
        return TimerView(Phase.IDLE, 0, idle_timer_s)
    elapsed = elapsed_seconds(running, now)
    phase = Phase.START if elapsed < running.start_timer_s else Phase.MOMENTUM
    return TimerView(phase, elapsed, running.start_timer_s)


def end_session(
    running: RunningSession, now: datetime, outcome: Outcome, note: str = ""
) -> Session:
    """Return the finished session for `running`, ended at `now`.

    A session that reached the end of its start timer ran on momentum.
    """
    ended_at = max(now, running.started_at)
    active = elapsed_seconds(running, ended_at)
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
    )
