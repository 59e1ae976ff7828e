"""The planning pane: open plan items, newest first, with their age, and its own keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.visual import Visual

from execgap_tui.config.keys import PLAN
from execgap_tui.core.format import age_text
from execgap_tui.core.model import PlanItem
from execgap_tui.core.text import visible
from execgap_tui.tui.bindings import bindings
from execgap_tui.tui.widgets.row import BOLD, DIM, PLAIN, Cell, Row
from execgap_tui.tui.widgets.row_list import RowList

NEXT_MARK = "▶ "
ITEM_MARK = "· "
EMPTY = "Nothing planned. Press {key} to add an item."


def plan_row(item: PlanItem, is_next: bool, age: str) -> Row:
    """Return one row: a mark, the text cut to one line, and the age (`age_text`) on the right."""
    mark = NEXT_MARK if is_next else ITEM_MARK
    # Only what fits a line is laid out, so a 10,000-character item costs nothing.
    text = Cell(mark + visible(item.text[:400]), BOLD if is_next else PLAIN)
    return Row(text, Cell(age, DIM, cell_len(age)))


def _unique(items: Sequence[PlanItem]) -> list[PlanItem]:
    """`items` with each id once (the first): the cursor follows an item by its id."""
    first: dict[str, PlanItem] = {}
    for item in items:
        first.setdefault(item.id, item)
    return list(first.values())


class PlanList(RowList):
    """Open plan items; `enter`, `e` and `d` on the highlighted one post what was asked.

    The screen acts on the messages; the pane only knows what it shows. Rows are made as
    they come into sight: 5,000 open items cost the first frame and each key what a
    screenful does.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        PLAN,
        [  # binding id (see keys.py), action, footer word, what it does
        ("edit-item", "edit_item", "edit", "Edit the selected plan item"),
        ("drop-item", "drop_item", "drop", "Drop the selected plan item"),
        ],
    )  # fmt: skip

    # Messages as plain classes, as Textual's own: @dataclass costs 1 ms each to import.
    class ItemChosen(Message):
        """`enter` on an item: make it the next action."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class EditAsked(Message):
        """`e` on an item: reword it."""

        def __init__(self, item: PlanItem) -> None:
            super().__init__()
            self.item = item

    class DropAsked(Message):
        """`d` on an item: drop it."""

        def __init__(self, item: PlanItem) -> None:
            super().__init__()
            self.item = item

    hint_key = "a"
    """The key that adds a plan item, for the hint an empty pane shows."""
    running_id: str | None = None
    """The item a session runs on, set by the screen: it cannot be dropped meanwhile."""

    _items: Sequence[PlanItem] = ()
    """The rows' items, each id once, in order."""
    _next_id: str | None = None
    _at: datetime

    def show(
        self,
        items: Sequence[PlanItem],
        next_id: str | None,
        now: datetime,
        total: int | None = None,
        cursor: str | None = None,
    ) -> None:
        """Show `items` (already in order), keeping the cursor on the item it was on (on
        the item `cursor`, if given: scrolled into sight).

        `total` counts open items not given (a first frame's board holds the next action
        alone). Nothing is redrawn when no row in sight would change (most once-a-minute
        age refreshes).
        """
        highlighted = cursor or self.highlighted_id()
        self._items, self._next_id, self._at = _unique(items), next_id, now
        self.border_title = f"Planning · {len(items) if total is None else total} open"
        ids = [item.id for item in self._items]
        # Keep the cursor on the same item; otherwise on the newest, ready for enter.
        self.reset(len(ids), ids.index(highlighted) if highlighted in ids else 0)

    def row_key(self, index: int) -> tuple[PlanItem, bool, str]:
        item = self._items[index]
        return (
            item,
            item.id == self._next_id,
            age_text((self._at - item.created_at).total_seconds()),
        )

    def row(self, index: int) -> Visual:
        return plan_row(*self.row_key(index))

    def placeholder(self) -> Visual:
        return Content(EMPTY.format(key=self.hint_key))

    def highlighted_id(self) -> str | None:
        """Return the id of the highlighted plan item, if one is."""
        item = self.selected()
        return None if item is None else item.id

    def selected(self) -> PlanItem | None:
        """The highlighted plan item, as shown, if any."""
        index = self.highlighted
        return None if index is None or index >= len(self._items) else self._items[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e` and `d` with an item highlighted; `d` not on the item a session runs on."""
        if action not in ("edit_item", "drop_item"):
            return True
        item = self.selected()
        return item is not None and (action == "edit_item" or item.id != self.running_id)

    def action_edit_item(self) -> None:
        if (item := self.selected()) is not None:
            self.post_message(self.EditAsked(item))

    def action_drop_item(self) -> None:
        if (item := self.selected()) is not None:
            self.post_message(self.DropAsked(item))

    def _on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self.refresh_bindings()  # e and d come and go with a highlighted item

    def _on_row_list_selected(self, event: RowList.Selected) -> None:
        event.stop()
        if (item := self.selected()) is not None:
            self.post_message(self.ItemChosen(item.id))
