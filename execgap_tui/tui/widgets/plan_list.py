"""The planning pane: open plan items, newest first, with their age."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from execgap_tui.core.format import age_text
from execgap_tui.core.model import PlanItem
from execgap_tui.core.text import visible
from execgap_tui.tui.widgets.row import BOLD, DIM, HINT, PLAIN, Cell, Row

NEXT_MARK = "▶ "
ITEM_MARK = "· "
EMPTY = "Nothing planned. Press {key} to add an item."


def plan_row(item: PlanItem, is_next: bool, age: str) -> Row:
    """Return one row: a mark, the text cut to one line, and the age (`age_text`) on the right."""
    mark = NEXT_MARK if is_next else ITEM_MARK
    # Only what fits a line is laid out, so a 10,000-character item costs nothing.
    text = Cell(mark + visible(item.text[:400]), BOLD if is_next else PLAIN)
    return Row(text, Cell(age, DIM, cell_len(age)))


class PlanList(OptionList):
    """Open plan items; `enter` on one posts `OptionList.OptionSelected` with its id."""

    hint_key = "a"
    """The key that adds a plan item, for the hint an empty pane shows."""

    _shown: tuple[tuple[PlanItem, bool, str], ...] = ()
    """Each row as drawn: the item, whether it is the next action, its age."""

    def show(self, items: Sequence[PlanItem], next_id: str | None, now: datetime) -> None:
        """Show `items` (already in order), keeping the highlighted item where it was.

        Nothing is redrawn when no row would change (most once-a-minute age refreshes).
        """
        shown = tuple((i, i.id == next_id, age_text((now - i.created_at).total_seconds()))
                      for i in items)  # fmt: skip
        if shown == self._shown and self.option_count:
            return
        old, self._shown = self._shown, shown
        if items and [(i.id, n) for i, n, _ in old] == [(i.id, n) for i, n, _ in shown]:
            # The same items in the same order, only ages (or words) moved on: redraw those
            # rows in place, so the cursor, the scroll and the keys on offer stay as they are.
            for index, (was, row) in enumerate(zip(old, shown, strict=True)):
                if was != row:
                    self.replace_option_prompt_at_index(index, plan_row(*row))
            return
        highlighted = self._highlighted_id()
        self.set_options(Option(plan_row(*row), id=row[0].id) for row in shown)
        if not items:
            empty = EMPTY.format(key=self.hint_key)
            self.add_option(Option(Content.styled(empty, HINT), disabled=True))
        ids = [item.id for item in items]
        if ids:  # keep the cursor on the same item; otherwise on the newest, ready for enter
            self.highlighted = ids.index(highlighted) if highlighted in ids else 0
        self.border_title = f"Planning · {len(items)} open"

    def highlighted_id(self) -> str | None:
        """Return the id of the highlighted plan item, if one is."""
        return self._highlighted_id()

    def _highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id
