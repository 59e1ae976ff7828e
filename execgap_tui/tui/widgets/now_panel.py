"""The next action and its timer, in one widget drawn line by line.

They were five widgets (a frame, the action, a panel, its digits, its state line), and each
widget costs the first frame its styling, mounting and drawing: as one, the start runs 24 M
fewer instructions (2 %, `bench/instructions.py`). Each second repaints only the digits.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from execgap_tui.core.format import clock_text
from execgap_tui.core.session import Phase, TimerView
from execgap_tui.core.text import visible
from execgap_tui.tui.widgets.big_digits import FONT, digit_pieces, digits_width

ACTION_LINES = 2
"""The next action is wrapped to this many lines at most; the rest ends in an ellipsis."""
NO_SESSION = TimerView(Phase.IDLE)
"""What the timer shows before it is told otherwise."""


def clamp(text: str, console: Console, width: int, lines: int) -> Text:
    """Return `text` wrapped to `width` cells in at most `lines` lines.

    Control characters are shown as visible stand-ins and markup is never interpreted.
    What does not fit ends in an ellipsis, cut on a character boundary (wide characters
    are never split).
    """
    width = max(1, width)
    # Each character takes at least one cell, so nothing past this can be shown.
    cut = text[: width * lines + 1]
    wrapped = Text(visible(cut)).wrap(console, width, overflow="fold")
    if len(wrapped) <= lines and len(cut) == len(text):  # a stand-in may be longer
        return Text("\n").join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    last.rstrip()
    if last.cell_len > width - 1:
        last.truncate(width - 1)  # pads rather than split a wide character
    last.append("…")
    return Text("\n").join(kept)


def digits_text(view: TimerView) -> str:
    """Return what the large digits show: the start timer counting down, then momentum up."""
    if view.phase is Phase.START:
        return clock_text(view.remaining_s)
    if view.phase is Phase.MOMENTUM:
        return "+" + clock_text(view.momentum_s)
    return clock_text(view.start_timer_s)


def state_text(view: TimerView) -> Text:
    """Return the one-line state under the digits; it changes at most once a minute."""
    if view.phase is Phase.START:
        return Text.assemble(("STARTING", "bold"), " · just start")
    if view.phase is Phase.MOMENTUM:
        return Text.assemble(("MOMENTUM", "bold"), f" · {view.elapsed_s // 60} min in all")
    return Text.assemble(("READY", "bold"), f" · {clock_text(view.start_timer_s)} start timer")


def sleep_text(view: TimerView) -> str:
    """Return the line about a suspend during the session (empty when there was none)."""
    if not view.slept_s:
        return ""
    counted = "kept as work" if view.sleep_kept else "not counted"
    return f"slept {clock_text(view.slept_s)} · {counted}"


def state_key(view: TimerView) -> tuple[object, ...]:
    """What `state_text` depends on: compared each second instead of building the text."""
    if view.phase is Phase.MOMENTUM:
        return (view.phase, view.elapsed_s // 60)
    return (view.phase, view.start_timer_s if view.phase is Phase.IDLE else 0)


class NowPanel(Widget):
    """Shows the next action (or what to do without one) above a `TimerView`.

    Its class (-idle, -start, -momentum) lets the theme colour the digits; the state line
    says the same in words, so colour is never the only signal.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "now-panel--action",
        "now-panel--digits",
        "now-panel--state",
        "now-panel--sleep",
    }
    DEFAULT_CSS = "NowPanel { height: auto; }"

    text: reactive[str] = reactive("", layout=True)
    """The next action ("" when there is none)."""
    placeholder: reactive[str] = reactive("", layout=True)
    """What is shown instead of an empty next action."""
    spaced: reactive[bool] = reactive(True, layout=True)
    """A blank line between the action and the digits (where the screen has room)."""

    def __init__(
        self, view: TimerView = NO_SESSION, *, spaced: bool = True, id: str | None = None
    ) -> None:
        """Show `view` from the start: styled with the rest before mount, not restyled after."""
        super().__init__(id=id, classes=f"-{view.phase.value}")
        self.set_reactive(NowPanel.spaced, spaced)
        self.view = view
        """What the timer shows now."""
        self._drawn: dict[str, tuple[object, list[Strip]]] = {}
        """Each part's strips (action, digits, state, sleep), with what they were drawn from."""

    @property
    def digits(self) -> str:
        """What the large digits show."""
        return digits_text(self.view)

    def show(self, view: TimerView) -> None:
        """Show `view`, repainting only the lines that change (the digits, once a second)."""
        old, self.view = self.view, view
        resized = bool(old.slept_s) != bool(view.slept_s)  # the suspend line comes or goes
        if old.phase is not view.phase:
            self.update_classes({f"-{old.phase.value}": False, f"-{view.phase.value}": True})
        if old.phase is not view.phase or resized:
            self.refresh(layout=resized)  # all of it (even where two phases share a colour)
        elif self.size.width:  # drawn already: repaint what changed (else the first draw will)
            width = self.size.width
            top = self._timer_top(width)
            for name, line, height in (("digits", 0, 3), ("state", 3, 1), ("sleep", 4, 1)):
                if self._shown_in(name, old) != self._shown_in(name, view):
                    cells = width
                    if name == "digits":  # only as wide as the longer value
                        cells = max(digits_width(digits_text(old)), digits_width(digits_text(view)))
                    self.refresh(Region(0, top + line, cells, height))

    def notify_style_update(self) -> None:
        self._drawn = {}  # a new phase or theme: drawn again
        super().notify_style_update()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._timer_top(width) + 4 + bool(self.view.slept_s)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = [Strip.blank(width, self.rich_style)]
        parts = [*self._part("action", width), *blank * self.spaced,
                 *self._part("digits", width), *self._part("state", width)]  # fmt: skip
        if self.view.slept_s:
            parts += self._part("sleep", width)
        return parts[y] if 0 <= y < len(parts) else blank[0]

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        lines = [self.render_line(y).text.rstrip() for y in range(self.size.height)]
        top = self._timer_top(self.size.width)
        lines[top : top + 3] = [self.digits, "", ""]  # the time, not its drawing, as Digits does
        return selection.extract("\n".join(lines)), "\n"

    def _timer_top(self, width: int) -> int:
        """The line the digits start on."""
        return len(self._part("action", width)) + self.spaced

    def _part(self, name: str, width: int) -> list[Strip]:
        """The strips of one part, drawn again only when what it shows has changed."""
        drawn_from = self._shown_in(name, self.view)
        held = self._drawn.get(name)
        if held is None or held[0] != (drawn_from, width):
            held = self._drawn[name] = ((drawn_from, width), self._draw(name, width))
        return held[1]

    def _shown_in(self, name: str, view: TimerView) -> object:
        """What one part shows of `view`: the part is drawn again when this changes."""
        if name == "action":
            return self.text or self.placeholder, bool(self.text)
        if name == "digits":
            return digits_text(view)
        return state_key(view) if name == "state" else (view.slept_s, view.sleep_kept)

    def _draw(self, name: str, width: int) -> list[Strip]:
        style = self.get_component_rich_style(f"now-panel--{name}")
        if name == "digits":
            value = digits_text(self.view)
            # The font is one cell a glyph: say so, rather than have Rich measure (and
            # remember, in a cache that grows for an hour) a new string every second.
            cells = digits_width(value) if set(value) <= FONT else None
            rows = digit_pieces(value, bool(style.bold))
            return [Strip([Segment(piece, style) for piece in row], cells)
                    .adjust_cell_length(width, style) for row in rows]  # fmt: skip
        if name == "action":
            if not self.text:
                style += Style(italic=True)
            lines = clamp(self.text or self.placeholder, self.app.console, width, ACTION_LINES)
            return [self._strip(line, style, width) for line in lines.split()]
        line = state_text(self.view) if name == "state" else Text(sleep_text(self.view))
        line.truncate(width, overflow="ellipsis")
        return [self._strip(line, style, width)]

    def _strip(self, text: Text, style: Style, width: int) -> Strip:
        segments = Segment.apply_style(text.render(self.app.console), style)
        return Strip(segments).adjust_cell_length(width, style)
