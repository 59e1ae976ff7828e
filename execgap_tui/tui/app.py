"""ExecGapApp: wiring only. `build_app()` is the one place real parts are assembled."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from threading import Thread
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from execgap_tui.actions.desk import Desk
from execgap_tui.actions.nudger import Nudger
from execgap_tui.actions.writer import StoreWriter
from execgap_tui.config.keys import APP
from execgap_tui.config.settings import Settings
from execgap_tui.core.clock import Clock, SystemClock
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.facts import Fact, NudgeSent, SessionKept
from execgap_tui.core.model import Nudge
from execgap_tui.core.text import visible
from execgap_tui.notify.chain import make_notifier
from execgap_tui.store.folder import Store
from execgap_tui.tui.keeper import BoardKeeper, kept_message
from execgap_tui.tui.look import (
    HIGH_CONTRAST,
    THEME_FILE,
    launch_environ,
    remember_theme,
    remembered_theme,
    wants_ascii,
)
from execgap_tui.tui.screens.help import palette_commands
from execgap_tui.tui.screens.main import MainScreen


class ExecGapApp(App[None]):
    """The terminal app, assembled from the parts it is given."""

    CSS_PATH = "app.tcss"
    TITLE = "execgap"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            APP["quit"], "quit", "quit", tooltip="Quit (a running session keeps running)", id="quit"
        ),
        Binding(
            APP["suspend"],
            "suspend_process",
            "suspend",
            show=False,
            id="suspend",
            tooltip="Back to the shell, as ctrl+z does elsewhere (fg brings the app back)",
        ),
    ]

    def __init__(
        self,
        *,
        clock: Clock,
        store: Store,
        settings: Settings | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.store = store
        self.settings = settings or Settings()
        self.desk = Desk(store, clock, self.settings)
        self.writer = StoreWriter(self.desk, busy=lambda: self.keeper.busy())
        self.keeper = BoardKeeper(self, store, self.writer)
        channels = self.settings.channels
        environ = os.environ if environ is None else environ
        chain = make_notifier(channels.desktop, channels.terminal, self.write_terminal, environ)
        self.nudger = Nudger(self.settings.nudge, chain)
        self._told_desktop = False
        self.set_keymap(dict(self.settings.keys))
        self._ascii: list[LineFilter] = []
        if wants_ascii(self.settings.ascii, environ):
            from execgap_tui.tui.ascii import AsciiFilter  # with unicodedata: only when asked

            self._ascii.append(AsciiFilter())
        self.register_theme(HIGH_CONTRAST)
        self._theme_file = store.folder / THEME_FILE
        saved = remembered_theme(self._theme_file)
        if saved in self.available_themes:  # now: the first frame is styled once, in it
            self.theme = saved

    @property
    def keymap(self) -> Mapping[str, str]:
        """The keys the user moved: binding id -> keys, as given to `set_keymap`."""
        return dict(self.settings.keys)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR, dim...), then the ASCII fallback if it is on."""
        filters = super().get_line_filters()  # asked at every widget's render
        return [*filters, *self._ascii] if self._ascii else filters

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast, always as plain text: every toast (a widget's and a screen's come
        here) may quote stored text or a file name, so no markup is read and no control
        character reaches the terminal, whatever the caller passed."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout,
            markup=False,
        )  # fmt: skip

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.keeper.recorded.subscribe(self, self._recorded)
        self.app_resume_signal.subscribe(self, self._redraw)
        self.call_after_refresh(resume_collecting)

    def _redraw(self, _app: App[None]) -> None:
        """Draw the whole screen again, back from a suspend (`fg` after ctrl+z).

        The terminal's alternate screen comes back blank, and Textual's driver reports the
        same size as before, so nothing was drawn until something changed (as `App.suspend`
        does for its own resume).
        """
        self.refresh(layout=True)

    def _recorded(self, fact: Fact) -> None:
        if isinstance(fact, NudgeSent):  # saved first: no other process tells this one
            nudge = fact.nudge
            self.notify(nudge.body, title=nudge.title, timeout=20, markup=False)
            # A thread of its own, not a worker: quitting waits for Textual's workers, and a
            # notification helper can hang (notify-send behind a stuck daemon).
            Thread(target=self._deliver, args=(nudge,), name="nudge", daemon=True).start()
        elif isinstance(fact, SessionKept):
            self.notify(kept_message(fact, self.clock), severity="warning", timeout=30,
                        markup=False)  # fmt: skip

    def _deliver(self, nudge: Nudge) -> None:
        if "desktop" in self.nudger.deliver(nudge) and not self._told_desktop:  # said once
            self._told_desktop = True
            # Short (it shares 40 columns with the nudge); `execgap doctor` says why and how.
            hint = "Desktop notifications are off here: execgap doctor says why."
            with suppress(RuntimeError):  # the app has ended meanwhile
                self.call_from_thread(self.notify, hint, timeout=8, markup=False)

    def _remember_theme(self, theme: Theme) -> None:
        try:
            remember_theme(self._theme_file, theme.name)
        except ExecGapError as error:  # a read-only folder: the theme still changes
            self.notify(str(error), severity="warning", markup=False)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.desk, self.keeper)

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if driver is LinuxDriver:  # any POSIX terminal, unless TEXTUAL_DRIVER names another
            from execgap_tui.tui.driver import ExitingDriver, quiet_driver

            # QuietDriver needs Textual's private parser; without it, Textual's own input
            # loop, still ending on signals as quitting does
            return quiet_driver() or ExitingDriver
        return driver

    def write_terminal(self, sequence: str) -> None:
        """Write an escape sequence to the terminal, as App.bell does (any thread)."""
        driver = getattr(self, "_driver", None)  # private: no public way to the terminal
        if not self.is_headless and driver is not None:
            driver.write(sequence)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if not isinstance(screen, ModalScreen):  # the main screen and the review
            yield from palette_commands(screen)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        self.keeper.close()
        self.writer.close()


def resume_collecting() -> None:
    """Run Python's garbage collector again, after the first frame, if `cli` paused it.

    Nearly everything made while starting is kept all day, so collecting during the start
    is wasted work (about 20 ms, a tenth of it). One collection now frees what was not
    kept; what is left is moved out of later collections (`gc.freeze`).
    """
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()


def build_app(store: Store, settings: Settings) -> ExecGapApp:
    """Return the app wired to the real clock, the user's settings and this environment."""
    return ExecGapApp(clock=SystemClock(), store=store, settings=settings, environ=launch_environ())
