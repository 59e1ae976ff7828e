"""Planning against doing over a rolling window, from the board's recent activity."""

from __future__ import annotations

from datetime import datetime, timedelta

from execgap_tui.core.model import Activity, Event
from execgap_tui.core.tuples import NamedTuple

WINDOW = timedelta(minutes=60)
"""The default rolling window."""
KEPT = timedelta(hours=24)
"""How long activity stays on the board: the longest window anyone may set."""


class Gap(NamedTuple):
    """Plan items added and sessions started within a window."""

    planned: int
    started: int

    @property
    def lead(self) -> int:
        """How far planning is ahead of doing (negative: doing is ahead)."""
        return self.planned - self.started


def gap(recent: tuple[Event, ...], now: datetime, window: timedelta = WINDOW) -> Gap:
    """Count what happened in (now - window, now]."""
    inside = [event for event in recent if now - window < event.at <= now]
    return Gap(
        planned=sum(1 for event in inside if event.kind is Activity.PLANNED),
        started=sum(1 for event in inside if event.kind is Activity.STARTED),
    )


def record(recent: tuple[Event, ...], event: Event) -> tuple[Event, ...]:
    """Return `recent` with `event` added and anything older than `KEPT` dropped."""
    return (*(e for e in recent if event.at - e.at < KEPT), event)
