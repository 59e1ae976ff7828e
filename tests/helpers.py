"""Helpers for the Pilot tests: build the app from test parts, type, wait for the writer."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleRenderable, RenderableType
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from execgap_tui.config.settings import Channels, Settings
from execgap_tui.core.clock import Clock
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.now_panel import NowPanel
from execgap_tui.tui.widgets.row_list import RowList

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


async def add_in_prompt(pilot: Pilot[None], app: ExecGapApp, *texts: str) -> None:
    """Add each of `texts` as a plan item the way a user does: a, the text, enter."""
    from execgap_tui.tui.screens.main import MainScreen
    from execgap_tui.tui.screens.text_prompt import TextPromptScreen

    for text in texts:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, text)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))


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


def rows(row_list: RowList, width: int = 80) -> list[str]:
    """Return each row of `row_list` as plain text (what it says instead, when empty)."""
    if not row_list.row_count:
        placeholder = row_list.placeholder()
        return [] if placeholder is None else [drawn(placeholder, width)]
    return [drawn(row_list.row(index), width) for index in range(row_list.row_count)]


def drawn(prompt: object, width: int = 80) -> str:
    """Return what an option's prompt (a Rich renderable or a Textual Visual) shows."""
    if isinstance(prompt, Visual) and not isinstance(prompt, Content):
        options = RenderOptions(lambda _: VisualStyle(), {})
        return "\n".join(s.text for s in prompt.render_strips(width, None, VisualStyle(), options))
    return plain(prompt, width)  # type: ignore[arg-type]


def footer_fits(screen: Screen[Any], width: int) -> bool:
    """Whether the footer is at most `width` wide and shows each of its keys whole."""
    footer = screen.query_one(KeyFooter)
    line = footer.render_line(0).text
    shown = footer.shown
    return footer.size.width <= width and all(f"{k.display} {k.description}" in line for k in shown)


def now_panel(screen: Screen[Any]) -> NowPanel:
    return screen.query_one(NowPanel)


def panel_lines(screen: Screen[Any]) -> list[str]:
    """Return the lines the next-action panel draws (inside its frame), as plain text."""
    panel = now_panel(screen)
    return [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]
