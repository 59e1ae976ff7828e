"""A list of one-line rows with a cursor, drawn a line at a time (Textual's Line API).

The planning and doing panes were Textual OptionLists. An OptionList makes an Option for
each row and lays out every one of them, so 5,000 open items were shown a hundred at a time;
and at the first frame it cost about 15 ms (its import, five component classes styled on
every restyle, its layout of each option): a fifth of what the app adds to a minimal
Textual app there. A row list asks its owner for the rows in sight only, when it draws them,
so any number of rows costs what a screenful does.

The owner (PlanList, DoingList) says how many rows there are (`reset`) and draws one on
asking (`row`, with `row_key`: what its drawing depends on). The keys are OptionList's:
up, down, home, end, page up and down move the cursor, enter (or a click) selects.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

_PLACEHOLDER_LINES = 12
"""The most lines a wrapped placeholder may take (below them, lines are blank at once)."""


class RowList(ScrollView, can_focus=True):
    """Rows drawn as they come into sight, one of them under a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--placeholder"}
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        color: $foreground;
        background: $surface;
        & > .row-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .row-list--placeholder {
            color: $text-disabled;
            text-style: dim italic;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class _RowMessage(Message):
        """Something happened to row `index` of `rows`."""

        def __init__(self, rows: RowList, index: int) -> None:
            super().__init__()
            self.rows = rows
            self.index = index

        @property
        def control(self) -> RowList:
            return self.rows

    class Highlighted(_RowMessage):
        """The cursor moved to row `index`."""

    class Selected(_RowMessage):
        """Row `index` was chosen (enter, or a click)."""

    _count = 0
    _highlighted: int | None = None

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: LRUCache[tuple[Hashable, int, object], Strip] = LRUCache(256)
        self._placeholders: LRUCache[tuple[Visual, int, object], list[Strip]] = LRUCache(4)
        self._drawn: dict[int, tuple[int, Hashable, bool]] = {}
        """What each line in sight was last drawn with (`_line`), to redraw only a change."""

    # What the owner gives.

    def row(self, index: int) -> Visual:
        """Return row `index` to draw (0 <= index < `row_count`)."""
        raise NotImplementedError

    def row_key(self, index: int) -> Hashable:
        """Return what row `index`'s drawing depends on (rows of one key look the same)."""
        return index

    def placeholder(self) -> Visual | None:
        """Return what an empty list shows on its first line (it cannot be selected)."""
        return None

    # What the owner and the screen use.

    @property
    def row_count(self) -> int:
        """How many rows there are (the placeholder not counted)."""
        return self._count

    @property
    def highlighted(self) -> int | None:
        """The row under the cursor (None: no row, or none chosen yet)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        index = None if index is None or not self._count else max(0, min(index, self._count - 1))
        if index != self._highlighted:
            self._move(index)

    def reset(self, count: int, highlighted: int | None) -> None:
        """There are `count` rows now (each may have changed), the cursor on `highlighted`.

        Only what is in sight is drawn again, and only if a row there changed.
        """
        self._count = count
        self.virtual_size = Size(self.scrollable_content_region.width, max(count, 1))
        highlighted = None if highlighted is None or not count else min(highlighted, count - 1)
        if highlighted != self._highlighted:
            self._move(highlighted)
        elif self._changed_in_sight():
            self.refresh()

    def _move(self, index: int | None) -> None:
        self._highlighted = index
        self.refresh()
        if index is not None:
            self.scroll_to_highlight()
            self.post_message(self.Highlighted(self, index))

    def scroll_to_highlight(self) -> None:
        """Scroll so that the cursor's row is in sight."""
        if self._highlighted is None:
            return
        if not self.scrollable_content_region:  # not laid out yet
            self.call_after_refresh(self.scroll_to_highlight)
            return
        region = Region(0, self._highlighted, self.scrollable_content_region.width, 1)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    # Drawing.

    def render_line(self, y: int) -> Strip:
        self._drawn[y] = line = self._line(y)
        index, key, cursor = line
        width = self.scrollable_content_region.width
        if key is None:
            return Strip.blank(width, self.visual_style.rich_style)
        if not self._count:
            return self._placeholder_lines(width)[index]
        style = self.get_visual_style("row-list--cursor") if cursor else self.visual_style
        cache_key = (key, width, style)
        strip = self._strips.get(cache_key)
        if strip is None:
            [strip, *_] = Visual.to_strips(self, self.row(index), width, 1, style)
            strip = self._strips[cache_key] = strip.extend_cell_length(width, style.rich_style)
        return strip

    def _placeholder_lines(self, width: int) -> list[Strip]:
        """The placeholder, wrapped to `width` (an empty list has the room)."""
        placeholder = self.placeholder()
        if placeholder is None or not width:
            return []
        style = self.get_visual_style("row-list--placeholder")
        cache_key = (placeholder, width, style)
        strips = self._placeholders.get(cache_key)
        if strips is None:
            drawn = Visual.to_strips(self, placeholder, width, None, style)
            strips = [strip.extend_cell_length(width, style.rich_style) for strip in drawn]
            self._placeholders[cache_key] = strips
        return strips

    def _line(self, y: int) -> tuple[int, Hashable, bool]:
        """Return what line `y` shows: the row's index (or the placeholder's line), its key
        (None: nothing), whether the cursor is on it."""
        index = round(self.scroll_offset.y) + y
        if index < self._count:
            return index, self.row_key(index), index == self._highlighted
        width = self.scrollable_content_region.width
        if (
            not self._count
            and index < _PLACEHOLDER_LINES
            and index < len(self._placeholder_lines(width))
        ):
            return index, ("placeholder", self.placeholder(), width), False
        return index, None, False

    def _changed_in_sight(self) -> bool:
        """Whether a line in sight would show something else than it was drawn with."""
        height = self.scrollable_content_region.height
        return not height or any(self._drawn.get(y) != self._line(y) for y in range(height))

    # Keys and the mouse.

    def action_cursor_down(self) -> None:
        self.highlighted = 0 if self._highlighted is None else self._highlighted + 1

    def action_cursor_up(self) -> None:
        self.highlighted = self._count - 1 if self._highlighted is None else self._highlighted - 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self._count - 1

    def action_page_down(self) -> None:
        page = max(1, self.scrollable_content_region.height)
        self.highlighted = (
            self._count - 1 if self._highlighted is None else self._highlighted + page
        )

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height)
        self.highlighted = 0 if self._highlighted is None else self._highlighted - page

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_offset.y) + offset.y
        if 0 <= index < self._count:
            self.highlighted = index
            self.action_select()
