"""The doing pane: today's sessions with their start time, duration and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content
from textual.visual import Visual

from execgap_tui.core.format import clock_text
from execgap_tui.core.model import Outcome, RunningSession, Session
from execgap_tui.core.text import visible
from execgap_tui.tui.widgets.row import BOLD, DIM, PLAIN, Cell, Row
from execgap_tui.tui.widgets.row_list import RowList

EMPTY = "No session yet today. Press {key} to start the next action."
OUTCOME_MARK = {Outcome.DONE: "✓ done", Outcome.STOPPED: "■ stop"}
RUNNING_MARK = "▶ now"


def doing_row(started: datetime, session: Session | RunningSession, duration_width: int = 5) -> Row:
    """Return one row: local start time, duration, outcome word, and the action cut.

    A running session has no duration yet (the timer above shows it) and says "now".
    Every row gets the same `duration_width` (the longest duration's), so rows stay aligned.
    """
    if isinstance(session, Session):
        duration = clock_text(session.active_s)
        done = session.outcome is Outcome.DONE
        outcome = Cell(OUTCOME_MARK[session.outcome], BOLD if done else PLAIN, 6)
    else:
        duration, outcome = "", Cell(RUNNING_MARK, BOLD, 6)
    return Row(
        Cell(f"{started:%H:%M}", width=5),
        Cell(duration, width=duration_width, right=True),
        outcome,
        Cell(visible(session.action_text[:400]), DIM),
    )


class DoingList(RowList):
    """Today's sessions, newest first, under the one running now."""

    hint_key = "s"
    """The key that starts a session, for the hint an empty pane shows."""

    _shown: object = None
    _rows: tuple[tuple[datetime, Session | RunningSession], ...] = ()
    _width = 5

    def show(
        self,
        sessions: Sequence[tuple[datetime, Session]],
        running: tuple[datetime, RunningSession] | None = None,
        started: int | None = None,
    ) -> None:
        """Show `(local start time, session)` pairs in the order given, below `running`.

        `started` of them started today (None: all; one over midnight is shown on both
        days, and counted as started on the first). Nothing is redrawn when nothing would
        change.
        """
        shown = (tuple(sessions), running, started)
        if shown == self._shown:
            return
        self._shown = shown
        self._width = max([5, *(len(clock_text(s.active_s)) for _, s in sessions)])
        self._rows = (*([running] if running is not None else []), *sessions)
        self.reset(len(self._rows), self.highlighted)
        if started is None:
            started = len(self._rows)
        done = sum(1 for _, s in sessions if s.outcome is Outcome.DONE)
        self.border_title = f"Doing today · {started} started · {done} done"

    def row_key(self, index: int) -> tuple[object, ...]:
        return (*self._rows[index], self._width)

    def row(self, index: int) -> Visual:
        return doing_row(*self._rows[index], self._width)

    def placeholder(self) -> Visual:
        return Content(EMPTY.format(key=self.hint_key))
