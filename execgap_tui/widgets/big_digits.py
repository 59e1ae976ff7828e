"""Large 3-by-3 digits drawn line by line: a new value repaints three short lines, nothing more.

Textual's `Digits` renders a Rich renderable through alignment and measurement on every
change. The timer changes once a second all day, so this widget draws from the same font
(Textual's own table) with the Line API and keeps its three strips until the value or its
style changes.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget


def digit_rows(value: str, bold: bool = False) -> tuple[str, str, str]:
    """Return the three rows that draw `value`; a character the font lacks sits on the last."""
    font = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in value.replace(".", "•"):
        position = DIGITS.find(character) * 3
        if position < 0:
            rows[0].append(" ")
            rows[1].append(" ")
            rows[2].append(character)
            continue
        for row, line in zip(rows, font[position : position + 3], strict=True):
            row.append(line.ljust(3))
    return "".join(rows[0]), "".join(rows[1]), "".join(rows[2])


FONT = frozenset(DIGITS) | {"."}
"""Characters whose width is known without measuring: the font's three cells, and a full
stop drawn as a one-cell bullet."""


def digits_width(value: str) -> int:
    """Return how many cells `value` takes in the font."""
    return sum(3 if character in DIGITS else 1 for character in value)


class BigDigits(Widget):
    """Shows a short value (a clock) in large digits; `update` repaints without a layout
    unless the width changes."""

    DEFAULT_CSS = "BigDigits { width: auto; height: 3; }"

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._strips: tuple[int, list[Strip]] | None = None
        """The width they were drawn for, and the three lines."""

    @property
    def value(self) -> str:
        """The value shown."""
        return self._value

    def update(self, value: str) -> None:
        """Show `value`."""
        if value == self._value:
            return
        relayout = digits_width(value) != digits_width(self._value)
        self._value = value
        self._strips = None
        self.refresh(layout=relayout)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return self._value, "\n"  # selecting the digits copies the time, as Digits does

    def notify_style_update(self) -> None:
        self._strips = None  # a new colour (the phase) or theme
        super().notify_style_update()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return digits_width(self._value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._strips is None or self._strips[0] != width:
            style = self.rich_style
            rows = digit_rows(self._value, bool(style.bold))
            # The font is one cell a glyph: say so, rather than have Rich measure (and
            # remember, in a cache that grows for an hour) a new string every second.
            cells = digits_width(self._value) if set(self._value) <= FONT else None
            strips = [Strip([Segment(row, style)], cells) for row in rows]
            self._strips = (width, [strip.adjust_cell_length(width, style) for strip in strips])
        strips = self._strips[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width)
