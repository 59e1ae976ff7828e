"""The session timer: large digits and a word for its state (never colour alone)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from execgap_tui.core.format import clock_text
from execgap_tui.core.session import Phase, TimerView
from execgap_tui.widgets.big_digits import BigDigits
from execgap_tui.widgets.plain import blank_lines


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


NO_SESSION = TimerView(Phase.IDLE)
"""What the panel shows before it is told otherwise."""


def _state_key(view: TimerView) -> tuple[object, ...]:
    """What `state_text` depends on: compared each second instead of building the text."""
    if view.phase is Phase.MOMENTUM:
        return (view.phase, view.elapsed_s // 60)
    return (view.phase, view.start_timer_s if view.phase is Phase.IDLE else 0)


class TimerPanel(Widget):
    """Shows a `TimerView`; redraws only what changed, without a layout pass.

    `show` runs every second while a session runs, so it compares plain values and
    builds text only for a line that changes.
    """

    DEFAULT_CSS = """
    TimerPanel { height: auto; layout: vertical; }
    """

    def __init__(self, view: TimerView = NO_SESSION, *, id: str | None = None) -> None:
        """Show `view` from the start: styled with the rest before mount, not restyled after."""
        super().__init__(id=id, classes=f"-{view.phase.value}")
        self.view = view
        """What is shown now."""
        self._digits = BigDigits(digits_text(view), id="digits")
        self._state = Static(state_text(view), id="timer-state")
        self._sleep: Static | None = None
        """The line about a suspend: made the first time there is one (most days, never)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank_lines(self, crop)  # no border, no content

    def compose(self) -> ComposeResult:
        yield self._digits
        yield self._state
        if self.view.slept_s:
            yield self._sleep_line(self.view)

    def _sleep_line(self, view: TimerView) -> Static:
        self._sleep = Static(sleep_text(view), id="timer-sleep", markup=False)
        return self._sleep

    def show(self, view: TimerView) -> None:
        """Show `view`."""
        old, self.view = self.view, view
        if old.phase is not view.phase:  # one restyle, not two
            self.update_classes({f"-{old.phase.value}": False, f"-{view.phase.value}": True})
        self._digits.update(digits_text(view))
        if _state_key(old) != _state_key(view):
            self._state.update(state_text(view), layout=False)
        if (old.slept_s, old.sleep_kept) == (view.slept_s, view.sleep_kept):
            return
        if self._sleep is not None:
            self._sleep.update(sleep_text(view))
            self._sleep.display = bool(view.slept_s)
        elif view.slept_s:
            self.mount(self._sleep_line(view))
