"""Themes (one remembered, one high-contrast) and the ASCII fallback for every glyph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.color import Color

from execgap_tui.core.clock import FakeClock
from execgap_tui.core.report import BARS
from execgap_tui.store.folder import Store
from execgap_tui.tui.ascii import to_ascii
from execgap_tui.tui.look import (
    HIGH_CONTRAST,
    THEME_FILE,
    remember_theme,
    remembered_theme,
    wants_ascii,
)
from tests.helpers import QUIET, make_app
from tests.seed import MORNING, seed_morning

SCREENS = [  # what the app draws: borders, big digits, meters, marks, bars, user text
    "╭─ Next action ──╮ │ ╰──╯ ┌┐└┘├┤┬┴┼ ╶╴╵╷",
    "╶┼╴╰─┤ : ┌─┘ ╷ ╷ ╶─╮",
    "plan 6 · do 2 · last 60 min  ▮▮▮▮▮▮▯▯  start something",
    "▶ Draft · 6m  ✓ done  ■ stop  » +3:10  …  —  gap: planned ÷ done",
    BARS + " ▏▌▔▁ 🔎",
    "Müller 漢字 😀 ␛[31m",
]


@pytest.mark.parametrize("line", SCREENS)
def test_ascii_keeps_every_cell(line: str) -> None:
    drawn = to_ascii(line)
    assert drawn.isascii()
    assert cell_len(drawn) == cell_len(line)


def test_ascii_keeps_the_shapes_readable() -> None:
    assert to_ascii("╭─ Next ─╮") == "+- Next -+"
    assert to_ascii("▮▮▯ ✓ done ■ stop ▶") == "##- v done x stop >"
    assert to_ascii("·▁▄█") == ".:=#"


def test_ascii_is_chosen_when_the_terminal_is_not_utf8() -> None:
    assert wants_ascii(None, "ANSI_X3.4-1968") and not wants_ascii(None, "utf-8")
    assert wants_ascii(True, "utf-8") and not wants_ascii(False, "ascii")


def test_a_remembered_theme_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / THEME_FILE
    assert remembered_theme(path) is None
    for junk in ("", "[1, 2]", '{"theme": 5}', "\xff"):
        path.write_text(junk)
        assert remembered_theme(path) is None
    remember_theme(path, "nord")
    assert remembered_theme(path) == "nord"


async def test_the_theme_chosen_is_the_theme_next_time(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    clock = FakeClock(MORNING)
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        pilot.app.theme = "execgap-high-contrast"
        await pilot.pause()
    assert remembered_theme(store.folder / THEME_FILE) == "execgap-high-contrast"
    saved = (store.folder / THEME_FILE).stat().st_mtime_ns
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "execgap-high-contrast"
        assert pilot.app.screen.styles.background == Color.parse(HIGH_CONTRAST.background)
    assert (store.folder / THEME_FILE).stat().st_mtime_ns == saved  # read, not written again


async def test_the_ascii_app_draws_no_other_character(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    clock = FakeClock(MORNING)
    seed_morning(store, clock, running=True)
    app = make_app(store, clock, QUIET._replace(ascii=True))
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot()
    assert "Next&#160;action" in shown
    for char in "╭─│▮▯▶✓■·…▏":
        assert char not in shown
