"""The app picks QuietDriver only when Textual's private parser names are all there.

Issue 14: a Textual that renamed `textual._xterm_parser`, its `_timeout_time` or the
parser's methods must leave the app on Textual's own `LinuxDriver` input loop (as
`ExitingDriver`, which keeps the ending on signals), not break it at start.
"""

from __future__ import annotations

import sys

import pytest
import textual._xterm_parser
from textual.drivers.linux_driver import LinuxDriver

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.tui.driver import ExitingDriver, QuietDriver, quiet_driver
from tests.helpers import make_app


@pytest.fixture(autouse=True)
def linux(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual itself picks LinuxDriver (no TEXTUAL_DRIVER from the developer's shell)."""
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")


def test_with_the_private_names_there_the_app_runs_on_quiet_driver(
    store: Store, clock: FakeClock
) -> None:
    assert quiet_driver() is QuietDriver
    assert make_app(store, clock).get_driver_class() is QuietDriver


class Renamed:
    """An XTermParser whose Textual renamed `_timeout_time`."""

    def __init__(self, debug: bool = False) -> None:
        self.timeout_at = None

    def feed(self, data: str) -> list[object]:
        return []

    def tick(self) -> list[object]:
        return []


class NoTick:
    """An XTermParser without one of the methods the quiet loop calls."""

    def __init__(self, debug: bool = False) -> None:
        self._timeout_time = None

    def feed(self, data: str) -> list[object]:
        return []


@pytest.mark.parametrize("missing", ["textual._xterm_parser", "textual._parser", "textual._time"])
def test_without_a_private_module_the_app_runs_on_textual_s_loop(
    monkeypatch: pytest.MonkeyPatch, store: Store, clock: FakeClock, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # import fails as for a module gone
    assert quiet_driver() is None
    chosen = make_app(store, clock).get_driver_class()
    assert chosen is ExitingDriver
    assert chosen.run_input_thread is LinuxDriver.run_input_thread  # Textual's own loop


@pytest.mark.parametrize("parser", [Renamed, NoTick], ids=["no _timeout_time", "no tick"])
def test_with_a_changed_parser_the_app_runs_on_textual_s_loop(
    monkeypatch: pytest.MonkeyPatch, store: Store, clock: FakeClock, parser: type
) -> None:
    monkeypatch.setattr(textual._xterm_parser, "XTermParser", parser)
    assert quiet_driver() is None
    assert make_app(store, clock).get_driver_class() is ExitingDriver
