"""Every key, as it is bound now (remapped keys show as remapped)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import Any, ClassVar, Protocol, runtime_checkable

from rich.table import Table
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

PANE_KEYS = [
    ("enter", "Make the selected plan item the next action"),
    ("↑ ↓", "Move in a pane"),
    ("tab", "Move between the panes"),
    ("^p", "Command palette: every action by name"),
]
"""The main screen's keys that are Textual's own (no binding of ours to list them from)."""


def keys_table(keys: Sequence[tuple[str, str]]) -> Table:
    """Return a two-column table: key, what it does."""
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in keys:
        table.add_row(key, description)
    return table


@runtime_checkable
class Remapped(Protocol):
    """An app that tells which keys the user moved (ExecGapApp)."""

    @property
    def keymap(self) -> Mapping[str, str]: ...


def screen_keys(screen: Screen[Any]) -> Iterator[tuple[str, str]]:
    """Yield (key, what it does) for every binding of `screen` and the app, as remapped.

    Unlike active_bindings, this also holds keys hidden for now by check_action; only
    execgap's own bindings carry an id.
    """
    for key, what, _id in _bindings(screen):
        yield key, what


def _bindings(screen: Screen[Any]) -> Iterator[tuple[str, str, str]]:
    app = screen.app
    keymap = dict(app.keymap) if isinstance(app, Remapped) else {}
    # The screen's keys, its panes' own, then the app's (a modal screen's keys are its own).
    panes = [node for node in screen.walk_children(with_self=False) if _bound(node)]
    nodes: list[DOMNode] = [screen, *panes] if screen.is_modal else [screen, *panes, app]
    for node in nodes:
        bindings = class_bindings(type(node))
        if keymap:
            bindings.apply_keymap(keymap)
        for _key, binding in bindings:
            if binding.id:
                what = binding.tooltip or binding.description
                yield app.get_key_display(binding), what, binding.id


def _bound(node: DOMNode) -> bool:
    """Whether `node` is a pane with keys of execgap's own (they carry an id)."""
    return any(
        isinstance(binding, Binding) and binding.id
        for binding in type(node).__dict__.get("BINDINGS", [])
    )


def class_bindings(cls: type[DOMNode]) -> BindingsMap:
    """Return the bindings `cls` declares in its and its bases' BINDINGS, as Textual merges
    them (a subclass's binding of a key replaces its base's)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if issubclass(base, DOMNode):
            keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return BindingsMap.from_keys(keys)


def palette_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Yield a command palette entry for each action of `screen` (and of its pane in focus)
    usable now."""
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if node is not screen.app and binding.tooltip:  # the screen's, and the pane's in focus
            run = partial(screen.app.run_action, binding.action, node)
            yield SystemCommand(binding.tooltip, f"key: {binding.key}", run)


def key_of(screen: Screen[Any], binding_id: str) -> str:
    """Return how the key bound to `binding_id` is shown, as remapped (for hints)."""
    return next((key for key, _what, bid in _bindings(screen) if bid == binding_id), "?")


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #help-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close_help", "Close", id="close-help"),
    ]

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(keys_table(self._keys))
            yield Static("escape closes · ctrl+p lists every action", id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).border_title = "Keys"

    def action_close_help(self) -> None:
        self.dismiss(None)
