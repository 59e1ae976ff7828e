"""Helpers for the Pilot tests: build the app from test parts, type, wait for the writer."""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.console import Console, ConsoleRenderable, RenderableType
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from execgap_tui.app import ExecGapApp
from execgap_tui.core.clock import Clock
from execgap_tui.settings import Channels, Settings
from execgap_tui.storage import Store

QUIET = Settings(channels=Channels(desktop=False, terminal=True), ascii=False)
"""Tests never pop up notifications on a developer's desktop (the e2e test uses its own bus)."""


def make_app(store: Store, clock: Clock, settings: Settings = QUIET) -> ExecGapApp:
    return ExecGapApp(clock=clock, store=store, settings=settings, environ={})


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app work (the writer thread, the screen) until `condition` holds."""
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never reached the expected state")


def plain(renderable: RenderableType, width: int = 80) -> str:
    """Return what `renderable` shows, as plain text."""
    console = Console(width=width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().rstrip()


def static_text(widget: Static, width: int = 80) -> str:
    """Return what a Static given a Rich renderable (or a string) shows, as plain text."""
    content = widget.content
    assert isinstance(content, ConsoleRenderable | str)
    return plain(content, width)


def rows(option_list: OptionList, width: int = 80) -> list[str]:
    """Return each option of `option_list` as plain text."""
    options = (option_list.get_option_at_index(i) for i in range(option_list.option_count))
    return [plain(option.prompt, width) for option in options]  # type: ignore[arg-type]
