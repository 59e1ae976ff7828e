"""The things execgap keeps: plan items and sessions, as frozen values."""

from __future__ import annotations

import os
from datetime import datetime
from enum import StrEnum

from execgap_tui.core.tuples import NamedTuple

DEFAULT_START_TIMER_S = 120
"""The start timer: two minutes, short enough that starting costs nothing."""
SUSPEND_MIN_S = 60
"""A suspend longer than this during a session is not counted as work (unless kept)."""


def new_id() -> str:
    """Return a fresh id for a plan item or a session (128 random bits, as hex)."""
    return os.urandom(16).hex()  # uuid4's randomness without importing uuid (6 ms)


class ItemState(StrEnum):
    """Where a plan item stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class Outcome(StrEnum):
    """How a session ended. A stopped session still counts as a start."""

    DONE = "done"
    STOPPED = "stopped"


class Activity(StrEnum):
    """What the gap counts."""

    PLANNED = "planned"
    STARTED = "started"


class Event(NamedTuple):
    """One plan item added, or one session started, at a moment."""

    kind: Activity
    at: datetime


class PlanItem(NamedTuple):
    """An intention captured in the planning pane."""

    id: str
    text: str
    created_at: datetime
    promoted_at: datetime | None = None
    # When it last became the next action.
    done_at: datetime | None = None
    # when it was done, or dropped
    state: ItemState = ItemState.OPEN
    started_at: datetime | None = None
    # When its first session started (None: never touched).
    changed_at: datetime | None = None
    # When the record was last written, and by which device: set by the store as it saves.
    device: str = ""


class NudgeKind(StrEnum):
    """Why a nudge was sent."""

    GAP = "gap"
    WAITING = "waiting"


class Nudge(NamedTuple):
    """What to tell the user, and about which plan item."""

    kind: NudgeKind
    title: str
    body: str
    item_id: str


class Uptime(NamedTuple):
    """Where this machine's suspend counter stands: which boot, and seconds slept in it."""

    boot_id: str = ""
    slept_s: float = 0.0


class RunningSession(NamedTuple):
    """A session that has started and not yet ended; it outlives the app."""

    id: str
    action_id: str
    action_text: str
    started_at: datetime
    start_timer_s: int = DEFAULT_START_TIMER_S
    started_uptime: Uptime = Uptime()
    kept_slept_s: int = 0
    # Seconds of suspend the user said were work after all (a later suspend is not).
    latency_s: int | None = None
    # Start latency, on its item's first start: seconds since it became the next action.


class Session(NamedTuple):
    """One finished attempt at a next action."""

    id: str
    action_id: str
    action_text: str
    started_at: datetime
    ended_at: datetime
    start_timer_s: int
    active_s: int
    outcome: Outcome
    momentum: bool
    note: str = ""
    slept_s: int = 0
    # Seconds the machine was suspended during the session, not counted in active_s.
    latency_s: int | None = None
    # Start latency, if this was its item's first start (see `RunningSession`).
    changed_at: datetime | None = None
    # When the record was last written, and by which device: set by the store as it saves.
    device: str = ""
