"""Snapshots of the main screen: fixed sizes, a frozen clock, seeded data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.tui.widgets.day_review import DayReviewView
from tests.helpers import QUIET, make_app, static_text, type_text, until
from tests.seed import MORNING, WEEK_START, seed_morning, seed_week

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 15), id="40x15")]


def seeded(folder: Path, *, running: bool) -> App[None]:
    clock = FakeClock(MORNING)
    store = Store.open(folder)
    seed_morning(store, clock, running=running)
    return make_app(store, clock)


@pytest.mark.parametrize("size", SIZES)
def test_a_session_running(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(seeded(tmp_path, running=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_ready_to_start(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(seeded(tmp_path, running=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_first_run(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(Store.open(tmp_path), FakeClock(MORNING))
    assert snap_compare(app, terminal_size=size)


def test_keys_at_40_columns(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = seeded(tmp_path, running=False)
    assert snap_compare(app, terminal_size=(40, 15), press=["question_mark"])


def a_week(folder: Path) -> App[None]:
    clock = FakeClock(WEEK_START)
    store = Store.open(folder)
    seed_week(store, clock)
    return make_app(store, clock)


@pytest.mark.parametrize("size", SIZES)
def test_the_review_of_a_day(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(a_week(tmp_path), terminal_size=size, press=["r"])


@pytest.mark.parametrize("size", SIZES)
def test_the_review_of_a_week(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(a_week(tmp_path), terminal_size=size, press=["r", "w"])


def test_the_review_ends_with_tomorrows_first_action(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    app = a_week(tmp_path)

    async def write_tomorrow(pilot: Pilot[None]) -> None:
        await pilot.press("r", "t")
        await type_text(pilot, "Open the guide")
        await pilot.press("enter")
        await until(
            pilot, lambda: "Open the guide" in static_text(app.screen.query_one(DayReviewView))
        )
        await pilot.press("end")

    assert snap_compare(app, terminal_size=(80, 24), run_before=write_tomorrow)


def test_high_contrast(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = seeded(tmp_path, running=True)

    async def choose(pilot: Pilot[None]) -> None:
        pilot.app.theme = "execgap-high-contrast"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=choose)


def test_ascii_at_40_columns(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock(MORNING)
    store = Store.open(tmp_path)
    seed_morning(store, clock, running=True)
    app = make_app(store, clock, QUIET._replace(ascii=True))
    assert snap_compare(app, terminal_size=(40, 15))
