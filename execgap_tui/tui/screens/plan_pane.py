"""The planning pane's keys: a adds an item, enter makes one the next action, e edits, d drops."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.widgets import OptionList

from execgap_tui.actions.desk import Desk
from execgap_tui.core.clock import Clock
from execgap_tui.core.model import PlanItem
from execgap_tui.tui.screens.board_screen import BoardScreen
from execgap_tui.tui.widgets.plan_list import PlanList


class PlanPaneScreen(BoardScreen):
    """A board screen with a `PlanList`: the keys that act on its highlighted item."""

    clock: Clock
    desk: Desk

    def action_add_plan(self) -> None:
        from execgap_tui.tui.screens.text_prompt import TextPromptScreen

        self.app.push_screen(TextPromptScreen("Add to the plan", "plan item"), self._add_plan)

    def _add_plan(self, text: str | None) -> None:
        if text is not None:
            self.save(self.desk.plan(text))

    def action_edit_item(self) -> None:
        from execgap_tui.tui.screens.text_prompt import TextPromptScreen

        item = self._selected()
        if item is not None:
            prompt = TextPromptScreen("Edit the plan item", "plan item", item.text)
            self.app.push_screen(prompt, partial(self._edit_item, item.id))

    def action_drop_item(self) -> None:
        item = self._selected()
        if item is not None and self.save(self.desk.drop(item.id)):
            self.notify(f"Dropped: {item.text[:80]}", markup=False)

    def _edit_item(self, item_id: str, text: str | None) -> None:
        if text is not None:
            self.save(self.desk.edit(item_id, text))

    def _selected(self) -> PlanItem | None:
        """The plan item highlighted in the planning pane, if any."""
        item_id = self.query_one(PlanList).highlighted_id()
        return next((item for item in self.board.items if item.id == item_id), None)

    @on(OptionList.OptionHighlighted, "#plan")
    def _highlight_moved(self) -> None:
        self.refresh_bindings()  # e and d come and go with a highlighted item

    @on(OptionList.OptionSelected, "#plan")
    def promote_item(self, event: OptionList.OptionSelected) -> None:
        item_id = event.option_id or ""
        self.save(self.desk.promote(item_id))
