"""The next action, large: wrapped to a few lines, the rest cut with an ellipsis."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from execgap_tui.core.text import visible


def clamp(text: str, console: Console, width: int, lines: int) -> Text:
    """Return `text` wrapped to `width` cells in at most `lines` lines.

    Control characters are shown as visible stand-ins and markup is never interpreted.
    What does not fit ends in an ellipsis, cut on a character boundary (wide characters
    are never split).
    """
    width = max(1, width)
    # Each character takes at least one cell, so nothing past this can be shown.
    head = visible(text[: width * lines + 1])
    wrapped = Text(head).wrap(console, width, overflow="fold")
    if len(wrapped) <= lines and len(head) == len(text):
        return Text("\n").join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    last.rstrip()
    if last.cell_len > width - 1:
        last.truncate(width - 1)  # pads rather than split a wide character
    last.append("…")
    return Text("\n").join(kept)


class NextAction(Widget):
    """Shows the next action, or what to do when there is none."""

    DEFAULT_CSS = """
    NextAction { height: auto; }
    """
    MAX_LINES = 2

    text: reactive[str] = reactive("", layout=True)
    placeholder: reactive[str] = reactive("", layout=True)

    def render(self) -> Text:
        return self._shown(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Measured at the width being laid out, not the old one (a resize changes both).
        return len(self._shown(width).split())

    def _shown(self, width: int) -> Text:
        shown = clamp(self.text or self.placeholder, self.app.console, width, self.MAX_LINES)
        if not self.text:
            shown.stylize("italic")
        return shown
