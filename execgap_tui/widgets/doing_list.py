"""The doing pane: today's sessions with their start time, duration and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from execgap_tui.core.format import clock_text
from execgap_tui.core.model import Outcome, Session
from execgap_tui.core.text import visible

EMPTY = "No session yet today. Press {key} to start the next action."
OUTCOME_MARK = {Outcome.DONE: "✓ done", Outcome.STOPPED: "■ stop"}


def doing_row(started: datetime, session: Session, hours: bool = False) -> Table:
    """Return one row: local start time, duration, outcome word, and the action cut.

    With `hours`, the duration column is wide enough for h:mm:ss, so rows stay aligned.
    """
    row = Table.grid(expand=True, padding=(0, 1, 0, 0))
    row.add_column(no_wrap=True, width=5)
    row.add_column(justify="right", no_wrap=True, width=7 if hours else 5)
    row.add_column(no_wrap=True, width=6)
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    outcome = Text(
        OUTCOME_MARK[session.outcome], style="bold" if session.outcome is Outcome.DONE else ""
    )
    row.add_row(
        f"{started:%H:%M}",
        clock_text(session.active_s),
        outcome,
        Text(visible(session.action_text[:400]), style="dim"),
    )
    return row


class DoingList(OptionList):
    """Today's sessions, newest first."""

    hint_key = "s"
    """The key that starts a session, for the hint an empty pane shows."""

    def show(self, sessions: Sequence[tuple[datetime, Session]]) -> None:
        """Show `(local start time, session)` pairs in the order given."""
        hours = any(s.active_s >= 3600 for _, s in sessions)
        self.set_options(Option(doing_row(start, s, hours), id=s.id) for start, s in sessions)
        if not sessions:
            empty = EMPTY.format(key=self.hint_key)
            self.add_option(Option(Text(empty, style="dim italic"), disabled=True))
        done = sum(1 for _, s in sessions if s.outcome is Outcome.DONE)
        self.border_title = f"Doing today · {len(sessions)} started · {done} done"
