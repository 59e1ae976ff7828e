"""One line of columns for a row list, laid out by hand at the width it is drawn.

A Rich `Table.grid` per row measured every cell through Rich's console on each draw: the
two rows of a small plan took about 10 ms to draw the first time, and each minute's new
age drew a table again. A row only needs fixed columns and one that takes the rest.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from execgap_tui.core.tuples import NamedTuple

PLAIN = Style()
BOLD = Style(bold=True)
DIM = Style(dim=True)


class Cell(NamedTuple):
    """A column's text and style. `width` None: the column takes the room the others leave;
    otherwise it is `width` cells. Text that does not fit ends in an ellipsis."""

    text: str
    style: Style = PLAIN
    width: int | None = None
    right: bool = False
    """Aligned to the right of its width."""


def fitted(text: str, width: int, right: bool = False, ellipsis: bool = True) -> str:
    """Return `text` cut (with an ellipsis) or padded to exactly `width` cells."""
    length = cell_len(text)
    if length > width:
        if ellipsis and width:
            return set_cell_size(text, width - 1) + "…"
        return set_cell_size(text, width)
    return " " * (width - length) + text if right else text + " " * (width - length)


class Row(Visual):
    """Cells side by side, one cell apart, as wide as the line they are drawn on."""

    def __init__(self, *cells: Cell) -> None:
        self.cells = cells

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        fixed = sum(cell.width + 1 for cell in self.cells if cell.width is not None)
        room = max(0, width - fixed)
        text: list[str] = []
        spans: list[Span] = []
        position = 0
        for index, cell in enumerate(self.cells):
            part = fitted(cell.text, room if cell.width is None else cell.width, cell.right)
            if index < len(self.cells) - 1:
                part += " "
            if cell.style is not PLAIN:
                spans.append(Span(position, position + len(part.rstrip(" ")), cell.style))
            text.append(part)
            position += len(part)
        line = fitted("".join(text), width, ellipsis=False)  # when the fixed columns overflow
        spans = [Span(start, min(end, len(line)), cell_style)
                 for start, end, cell_style in spans if start < len(line)]  # fmt: skip
        content = Content(line, spans, width, strip_control_codes=False)
        return [Strip(content.render_segments(style), width)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widths = (cell_len(c.text) if c.width is None else c.width for c in self.cells)
        return sum(width + 1 for width in widths) - 1

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1
