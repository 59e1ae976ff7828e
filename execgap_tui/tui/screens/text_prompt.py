"""A one-line input in a modal: returns the cleaned text, or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from execgap_tui.core.errors import InvalidTextError
from execgap_tui.core.text import clean_text, visible


class PlainInput(Input):
    """An Input that holds only what it can show: what is typed or pasted into it, control
    characters and all, comes in `visible`, so the terminal never receives them raw."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace `start` to `end` with `text` (every insert and paste comes here)."""
        super().replace(visible(text), start, end)


class TextPromptScreen(ModalScreen[str | None]):
    """Asks for one line of text; empty or too long text is refused and the prompt stays.

    A stored text to edit is shown `visible`; saved untouched, it stays as it was.
    """

    DEFAULT_CSS = """
    TextPromptScreen {
        align: center middle;
    }
    #prompt {
        width: 90%;
        max-width: 80;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #prompt-error {
        color: $text-error;
        height: auto;
    }
    #prompt-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_prompt", "Cancel", id="cancel")
    ]

    def __init__(self, title: str, what: str, value: str = "") -> None:
        super().__init__()
        self._title = title
        self._what = what
        self._value = value
        self._shown = visible(value)

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield PlainInput(self._shown, placeholder=f"one small, concrete {self._what}")
            yield Static("", id="prompt-error", markup=False)
            yield Static("enter save · escape cancel", id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt", Vertical).border_title = self._title

    @on(Input.Submitted)
    def save_text(self, event: Input.Submitted) -> None:
        text = self._value if event.value == self._shown else event.value
        try:
            self.dismiss(clean_text(text, self._what))
        except InvalidTextError as error:
            self.query_one("#prompt-error", Static).update(str(error))
            self.app.bell()

    @on(Input.Changed)
    def clear_error(self) -> None:
        self.query_one("#prompt-error", Static).update("")

    def action_cancel_prompt(self) -> None:
        self.dismiss(None)
