"""Today's sessions for the doing pane: read once the first frame is up, kept by id.

A session is today's if it has time in today, as the review has it (`falls_in`): one over
midnight is on both days, and its start is counted on the day it started. The day is read
again when it is `stale`, before a session finished after midnight is kept: every session
shown as done or stopped ended in the day shown, where the review counts it (`ended_in`).
"""

from __future__ import annotations

from datetime import datetime

from execgap_tui.core.clock import Clock
from execgap_tui.core.model import RunningSession, Session
from execgap_tui.core.session import falls_in, started_in
from execgap_tui.core.when import day_window
from execgap_tui.store.folder import Store

Row = tuple[datetime, Session]
"""A session and its local start time, as the doing pane shows it."""


class Today:
    """The local day's sessions, newest first; a save and a reload may both bring one."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self._window: tuple[datetime, datetime] | None = None
        self.loaded = False
        """Read at least once: before that the pane shows nothing rather than wrong counts."""
        self._sessions: dict[str, Session] = {}

    @property
    def window(self) -> tuple[datetime, datetime]:
        """Today's local bounds; worked out at the first use, after the first frame (the
        zone's rules cost 5 ms to load)."""
        if self._window is None:
            self._window = self._window_now()
        return self._window

    def reload(self) -> None:
        """Read the local day it is now (after midnight, the new one) from the history; it
        raises ExecGapError for a damaged month file."""
        self.loaded = True
        start, end = self._window = self._window_now()
        self._sessions = {s.id: s for s in self.store.sessions_during(start, end)}

    @property
    def stale(self) -> bool:
        """Whether midnight has passed since the day was read (`reload` reads the new one)."""
        return self._window is not None and self._window != self._window_now()

    def add(self, session: Session) -> bool:
        """Keep a session just saved, if it has time in today; True if it does."""
        held = falls_in(session.started_at, session.ended_at, *self.window)
        if held:
            self._sessions[session.id] = session
        return held

    def rows(self) -> list[Row]:
        """Today's sessions, newest first, with their local start times."""
        newest_first = sorted(self._sessions.values(), key=lambda s: s.started_at, reverse=True)
        return [(self.clock.local(s.started_at), s) for s in newest_first]

    def shown(
        self, running: RunningSession | None
    ) -> tuple[list[Row], tuple[datetime, RunningSession] | None, int]:
        """What the doing pane shows (`DoingList.show`'s arguments): today's sessions, newest
        first, under the one running now, and how many of them started today. A session
        logged and not yet cleared from the board is shown once."""
        rows = self.rows()
        started = sum(started_in(session.started_at, *self.window) for _, session in rows)
        if running is None or running.id in self:
            return rows, None, started
        started += started_in(running.started_at, *self.window)
        return rows, (self.clock.local(running.started_at), running), started

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._sessions

    def _window_now(self) -> tuple[datetime, datetime]:
        return day_window(self.clock, self.clock.local(self.clock.now()).date())
