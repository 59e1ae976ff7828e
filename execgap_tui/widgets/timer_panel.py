"""The session timer: large digits and a word for its state (never colour alone)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits, Static

from execgap_tui.core.format import clock_text
from execgap_tui.core.session import Phase, TimerView


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


class TimerPanel(Widget):
    """Shows a `TimerView`; redraws only when what it shows changes."""

    DEFAULT_CSS = """
    TimerPanel { height: auto; layout: vertical; }
    """

    view: reactive[TimerView] = reactive(TimerView(Phase.IDLE), init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._digits = Digits(digits_text(self.view), id="digits")
        self._state = Static(state_text(self.view), id="timer-state")
        self._sleep = Static(sleep_text(self.view), id="timer-sleep", markup=False)

    def compose(self) -> ComposeResult:
        yield self._digits
        yield self._state
        yield self._sleep

    def watch_view(self, old: TimerView, new: TimerView) -> None:
        for phase in Phase:
            self.set_class(new.phase is phase, f"-{phase.value}")
        self._update_changed(old, new)

    def _update_changed(self, old: TimerView, new: TimerView) -> None:
        if digits_text(old) != digits_text(new):
            self._digits.update(digits_text(new))
        if state_text(old) != state_text(new):
            self._state.update(state_text(new), layout=False)
        if sleep_text(old) != sleep_text(new):
            self._sleep.update(sleep_text(new))
            self._sleep.display = bool(new.slept_s)
