"""ExecGapApp: wiring only. `build_app()` is the one place real parts are assembled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from execgap_tui.core.clock import Clock, SystemClock
from execgap_tui.core.model import DEFAULT_START_TIMER_S
from execgap_tui.screens.main import MainScreen
from execgap_tui.storage import Store
from execgap_tui.writer import StoreWriter


class ExecGapApp(App[None]):
    """The terminal app, assembled from the parts it is given."""

    CSS_PATH = "app.tcss"
    TITLE = "execgap"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", tooltip="Quit (a running session keeps running)", id="quit"),
    ]

    def __init__(
        self, *, clock: Clock, store: Store, start_timer_s: int = DEFAULT_START_TIMER_S
    ) -> None:
        super().__init__()
        self.clock = clock
        self.store = store
        self.writer = StoreWriter(store)
        self.start_timer_s = start_timer_s

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.clock, self.store, self.writer, self.start_timer_s)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if isinstance(screen, MainScreen):
            yield from screen.commands()
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        self.writer.close()


def build_app(store: Store) -> ExecGapApp:
    """Return the app wired to the real clock."""
    return ExecGapApp(clock=SystemClock(), store=store)
