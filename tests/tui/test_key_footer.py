"""The footer of keys: what fits, what a click does; and the collector paused for the start."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.key_footer import SEPARATOR, KeyFooter, Offered, laid_out
from tests.helpers import make_app


def key(action: str, display: str, words: str, enabled: bool = True) -> Offered:
    return Offered(display, display, words, action, enabled, "")


KEYS = [key("a", "a", "alpha"), key("b", "b", "beta"), key("c", "c", "gamma")]
PALETTE = key("command_palette", "^p", "palette")


def test_labels_are_two_apart_when_there_is_room() -> None:
    placed = laid_out(KEYS, PALETTE, ["c"], 80)
    assert [start for start, _ in placed.keys] == [0, 9, 17]  # "a alpha" is 7 cells, then 2
    assert placed.palette == (80 - PALETTE.cells - 1, PALETTE)


def test_labels_close_up_before_a_key_gives_way() -> None:
    tight = sum(k.cells for k in KEYS) + 2  # one cell apart, no palette
    placed = laid_out(KEYS, PALETTE, ["command_palette", "b"], tight)
    assert placed.palette is None
    assert [start for start, _ in placed.keys] == [0, 8, 15]
    placed = laid_out(KEYS, PALETTE, ["command_palette", "b"], tight - 1)
    assert [k.action for _, k in placed.keys] == ["a", "c"]  # b gave way, as asked


def test_the_palette_keeps_its_separator_clear_of_the_keys() -> None:
    width = sum(k.cells + 2 for k in KEYS) + len(SEPARATOR) + PALETTE.cells + 1
    assert laid_out(KEYS, PALETTE, ["command_palette"], width).palette is not None
    assert laid_out(KEYS, PALETTE, ["command_palette"], width - 4).palette is None


async def test_a_click_on_a_key_presses_it(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render_line(0).text
        [(start, add)] = [(s, k) for s, k in footer.placed.keys if k.action == "add_plan"]
        assert line[start : start + add.cells] == f"{add.display} {add.description}"
        await pilot.hover(KeyFooter, offset=(start + 1, 0))
        assert footer.tooltip == "Add a plan item"
        await pilot.click(KeyFooter, offset=(start + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, TextPromptScreen)


async def test_the_footer_follows_the_keys_on_offer(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render_line(0).text
        assert "s start" in line and "f done" not in line
        await pilot.press("n", "x", "enter", "s")  # write one, start it
        await pilot.pause(0.1)
        assert isinstance(app.screen, MainScreen)
        line = footer.render_line(0).text
        assert "f done" in line and "s start" not in line


@pytest.fixture
def paused_collector() -> Iterator[None]:
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("paused_collector")
async def test_the_collector_runs_again_after_the_first_frame(
    store: Store, clock: FakeClock
) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
