"""The planning pane: open plan items, newest first, with their age, and its own keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from execgap_tui.config.keys import PLAN
from execgap_tui.core.format import age_text
from execgap_tui.core.model import PlanItem
from execgap_tui.core.text import visible
from execgap_tui.tui.bindings import bindings
from execgap_tui.tui.widgets.row import BOLD, DIM, HINT, PLAIN, Cell, Row

NEXT_MARK = "▶ "
ITEM_MARK = "· "
EMPTY = "Nothing planned. Press {key} to add an item."
PAGE = 100
"""Rows made at a time; the row after them shows the next hundred."""
MORE = "more"
MORE_TEXT = "… {hidden} older items: enter shows {page} more"


def plan_row(item: PlanItem, is_next: bool, age: str) -> Row:
    """Return one row: a mark, the text cut to one line, and the age (`age_text`) on the right."""
    mark = NEXT_MARK if is_next else ITEM_MARK
    # Only what fits a line is laid out, so a 10,000-character item costs nothing.
    text = Cell(mark + visible(item.text[:400]), BOLD if is_next else PLAIN)
    return Row(text, Cell(age, DIM, cell_len(age)))


def _unique(items: Sequence[PlanItem]) -> list[PlanItem]:
    """`items` with each id once (the first), as the options' ids must be."""
    first: dict[str, PlanItem] = {}
    for item in items:
        first.setdefault(item.id, item)
    return list(first.values())


class PlanList(OptionList):
    """Open plan items; `enter`, `e` and `d` on the highlighted one post what was asked.

    The screen acts on the messages; the pane only knows what it shows.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        PLAN,
        [  # binding id (see keys.py), action, footer word, what it does
        ("edit-item", "edit_item", "edit", "Edit the selected plan item"),
        ("drop-item", "drop_item", "drop", "Drop the selected plan item"),
        ],
    )  # fmt: skip

    @dataclass
    class ItemChosen(Message):
        """`enter` on an item: make it the next action."""

        item_id: str

    @dataclass
    class EditAsked(Message):
        """`e` on an item: reword it."""

        item: PlanItem

    @dataclass
    class DropAsked(Message):
        """`d` on an item: drop it."""

        item: PlanItem

    hint_key = "a"
    """The key that adds a plan item, for the hint an empty pane shows."""
    running_id: str | None = None
    """The item a session runs on, set by the screen: it cannot be dropped meanwhile."""

    _shown: tuple[tuple[PlanItem, bool, str], ...] = ()
    """Each row as drawn: the item, whether it is the next action, its age."""
    _items: Sequence[PlanItem] = ()
    _next_id: str | None = None
    _at: datetime
    _limit = PAGE
    """How many rows are made; enter on the last row shows a page more."""

    def show(
        self,
        items: Sequence[PlanItem],
        next_id: str | None,
        now: datetime,
        total: int | None = None,
    ) -> None:
        """Show `items` (already in order), keeping the highlighted item where it was.

        `total` counts open items not given (a first frame's board holds the next action
        alone). Only the first `PAGE` rows (more on asking) are made: 5,000 open items cost the
        first frame and each key what a hundred do. Nothing is redrawn when no row would
        change (most once-a-minute age refreshes).
        """
        self._items, self._next_id, self._at = items, next_id, now
        unique = _unique(items)  # two records of one item (mended by hand): one row
        page = unique[: self._limit]
        hidden = len(unique) - len(page)
        shown = tuple((i, i.id == next_id, age_text((now - i.created_at).total_seconds()))
                      for i in page)  # fmt: skip
        self.border_title = f"Planning · {len(items) if total is None else total} open"
        if shown == self._shown and self.option_count:
            self._show_more(hidden)
            return
        old, self._shown = self._shown, shown
        if page and [(i.id, n) for i, n, _ in old] == [(i.id, n) for i, n, _ in shown]:
            # The same items in the same order, only ages (or words) moved on: redraw those
            # rows in place, so the cursor, the scroll and the keys on offer stay as they are.
            for index, (was, row) in enumerate(zip(old, shown, strict=True)):
                if was != row:
                    self.replace_option_prompt_at_index(index, plan_row(*row))
            self._show_more(hidden)
            return
        highlighted = self._highlighted_id()
        self.set_options(Option(plan_row(*row), id=row[0].id) for row in shown)
        if not items:
            empty = EMPTY.format(key=self.hint_key)
            self.add_option(Option(Content.styled(empty, HINT), disabled=True))
        self._show_more(hidden)
        ids = [item.id for item in page]
        if ids:  # keep the cursor on the same item; otherwise on the newest, ready for enter
            self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def _show_more(self, hidden: int) -> None:
        """End the rows with one that shows the next page while items are left out; the
        row changes in place, so a cursor on it stays there."""
        last = self.get_option_at_index(self.option_count - 1) if self.option_count else None
        has_more = last is not None and last.id == MORE
        more = Content.styled(MORE_TEXT.format(hidden=hidden, page=min(hidden, PAGE)), HINT)
        if has_more and hidden:
            self.replace_option_prompt(MORE, more)
        elif has_more:
            self.remove_option(MORE)
        elif hidden:
            self.add_option(Option(more, id=MORE))

    def highlighted_id(self) -> str | None:
        """Return the id of the highlighted plan item, if one is."""
        return self._highlighted_id()

    def selected(self) -> PlanItem | None:
        """The highlighted plan item, as shown, if any."""
        item_id = self._highlighted_id()
        return next((item for item, _next, _age in self._shown if item.id == item_id), None)

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

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # e and d come and go with a highlighted item

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == MORE:
            first_new, self._limit = self._limit, self._limit + PAGE
            self.show(self._items, self._next_id, self._at)
            self.highlighted = first_new  # where the row asking for them was
        elif event.option_id is not None:
            self.post_message(self.ItemChosen(event.option_id))

    def _highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id
