"""A one-line input in a modal: returns the cleaned text, or None when cancelled.

It answers once: keys that arrive together (two enters in one write, an enter behind a long
paste) find it already closing. A paste of several lines keeps the first with text and says
so, whether the terminal marked it as a paste or the driver saw it come as one burst.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from execgap_tui.core.errors import InvalidTextError
from execgap_tui.core.text import clean_text, one_line, visible

LONG_PASTE = 200
"""A pasted line this long is told with its length: the input shows only a part of it."""


class LineInput(Input):
    """An input of one line that holds what will be kept, and never a control character.

    What is typed or pasted comes in as `one_line` keeps it, as the command line does: a tab
    becomes a space, other control characters are dropped, so none reaches the terminal
    (Input draws its value as it is); a paste of several lines keeps its first line with
    text, and tells.
    """

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace `start` to `end` with `text` (every insert and paste comes here)."""
        super().replace(one_line(text), start, end)  # so the cursor goes after what is kept

    def validate_value(self, value: str) -> str:
        """Whatever sets the value (a key, a paste, code), it holds no control character."""
        return one_line(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) or _kept_key(character)

    async def _on_key(self, event: events.Key) -> None:
        # Input takes only what Python calls printable; a joiner (from an emoji picker, an
        # input method, a Persian keyboard's key), a no-break space and the like are text too.
        if _kept_key(event.character):
            assert event.character is not None
            event.stop()
            self.replace(event.character, *self.selection)

    @dataclass
    class Pasted(Message):
        """A paste of `lines` lines with text came in; the first, `kept` characters long,
        is kept."""

        lines: int
        kept: int

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        event.prevent_default()  # else Textual calls Input's own handler too, after this one
        event.stop()  # else it bubbles to the app, which sends it back to this input
        super()._on_paste(events.Paste(lines[0] if lines else ""))
        if len(lines) > 1 or (lines and len(lines[0]) >= LONG_PASTE):
            self.post_message(self.Pasted(len(lines), len(lines[0])))


def _kept_key(character: str | None) -> bool:
    """Whether a key's `character` is text that Input leaves, yet `one_line` keeps."""
    return (
        character is not None and not character.isprintable() and one_line(character) == character
    )


class TextPromptScreen(ModalScreen[str | None]):
    """Asks for one line of text; empty or too long text is refused and the prompt stays.

    A stored text to edit is shown `visible` (an older one may hold control characters);
    saved untouched, it stays as it was; edited, what is shown is kept.
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
    #prompt-hint, #prompt-note {
        color: $text-muted;
    }
    #prompt-note {
        height: auto;
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
        self._answered = False
        self._shown = visible(value)

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield LineInput(self._shown, placeholder=f"one small, concrete {self._what}")
            yield Static("", id="prompt-error", markup=False)
            yield Static("", id="prompt-note", markup=False)
            yield Static("enter save · escape cancel", id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt", Vertical).border_title = self._title

    @on(Input.Submitted)
    def save_text(self, event: Input.Submitted) -> None:
        if self._answered:  # a second enter that came with the first
            return
        if self._value and event.value == self._shown:
            self._answer(self._value)  # untouched: the stored text, as it is
            return
        try:
            self._answer(clean_text(event.value, self._what))
        except InvalidTextError as error:
            self.query_one("#prompt-error", Static).update(str(error))
            self.app.bell()

    @on(LineInput.Pasted)
    def tell_paste(self, event: LineInput.Pasted) -> None:
        note = f"Pasted {event.lines} lines: kept the first (one line per {self._what})."
        if event.lines == 1:  # long: most of it is out of sight
            note = f"Pasted {event.kept:,} characters."
        self.query_one("#prompt-note", Static).update(note)

    @on(Input.Changed)
    def clear_error(self) -> None:
        self.query_one("#prompt-error", Static).update("")

    def action_cancel_prompt(self) -> None:
        self._answer(None)

    def _answer(self, text: str | None) -> None:
        """Close with `text` (None: cancelled), once: later enters and escapes do nothing."""
        if not self._answered:
            self._answered = True
            self.dismiss(text)
