"""The doing pane: today's sessions under the one running now, read after the first frame."""

from __future__ import annotations

from execgap_tui.core.board import Change
from execgap_tui.core.errors import ExecGapError
from execgap_tui.tui.screens.plan_pane import PlanPaneScreen
from execgap_tui.tui.screens.today import Today
from execgap_tui.tui.widgets.doing_list import DoingList


class DoingPaneScreen(PlanPaneScreen):
    """A board screen with a `DoingList` kept in step with the day's history.

    Subclasses set `self._today` in `__init__` (they have the clock).
    """

    _today: Today
    _first_frame_shown = False

    def reloaded(self) -> None:
        if self._first_frame_shown:
            self._reload_today()
        else:  # the history is not needed for the first frame: read it right after
            self.call_after_refresh(self._after_first_frame)

    def saving(self, change: Change) -> None:
        if change.session is not None and self._today.add(change.session):
            self._show_doing()

    def new_day(self) -> bool:
        """After midnight, start the pane on the new day; True if the day turned."""
        turned = self._today.turned()
        if turned:
            self._reload_today()
        return turned

    def _after_first_frame(self) -> None:
        self._first_frame_shown = True
        self._reload_today()

    def _reload_today(self) -> None:
        try:
            self._today.reload()
        except ExecGapError as error:  # a damaged month file: the board still works
            self.notify(str(error), severity="error", timeout=30, markup=False)
        self._show_doing()

    def _show_doing(self) -> None:
        """Show today's sessions, newest first, under the one running now.

        Not before today's history is read (right after the first frame): until then the
        counts would be wrong.
        """
        if not self._today.loaded:
            return
        running, rows = self.board.running, self._today.rows()
        if running is None or running.id in self._today:  # logged and not yet cleared: once
            self.query_one(DoingList).show(rows)
            return
        shown = (self.clock.local(running.started_at), running)
        self.query_one(DoingList).show(rows, shown, self._today.holds(running))
