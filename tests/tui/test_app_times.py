"""The app and the clock: a clock set back, midnight, the next local day (Pilot)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.actions.reviews import load_reviews
from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.widgets.row_list import RowList
from tests.conftest import T0
from tests.helpers import make_app, now_panel, rows, until


@pytest.mark.parametrize(("key", "outcome"), [("f", Outcome.DONE), ("x", Outcome.STOPPED)])
async def test_finishing_after_the_clock_went_back_ends_at_the_start_and_says_so(
    tmp_path: Path, key: str, outcome: Outcome
) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.write_next, text="Call the bank", now=T0, new_id="a1"))
    ahead = T0 + timedelta(minutes=10)  # started before the clock was set back
    store.apply(partial(steps.start, now=ahead, new_id="s1"))
    app = make_app(store, FakeClock(T0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await until(pilot, lambda: store.board().running is None)
        told = [n.message for n in app._notifications]
        assert (
            "The clock reads 09:00, before the session began (09:10): it was ended at its start."
            in told
        )
    [session] = store.sessions_between(None, None)
    assert (session.outcome, session.ended_at, session.active_s) == (outcome, ahead, 0)


@pytest.mark.parametrize("refreshed", [True, False], ids=["refreshed", "at once"])
async def test_around_midnight_the_doing_pane_and_the_reviews_agree_on_the_day(
    tmp_path: Path, refreshed: bool
) -> None:
    store = Store.open(tmp_path)
    clock = FakeClock(datetime(2026, 11, 24, 23, 58, tzinfo=UTC))
    store.apply(partial(steps.write_next, text="Late fix", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("s")
        clock.advance(3 * 60)  # 00:01
        if refreshed:  # the app's once-a-minute refresh crosses midnight first
            screen.refresh_minute()
        await pilot.press("f")  # else the finish is the first to see the new day
        await until(pilot, lambda: bool(store.sessions_between(None, None)))
        doing = screen.query_one("#doing", RowList)
        await until(pilot, lambda: doing.row_count == 1)
        assert doing.border_title == "Doing today · 0 started · 1 done"
        [row] = rows(doing)
        assert row.split() == ["23:58", "3:00", "✓", "done", "Late", "fix"]
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:  # opened again
        doing = pilot.app.screen.query_one("#doing", RowList)
        await until(pilot, lambda: doing.border_title == "Doing today · 0 started · 1 done")
    day_before, today = load_reviews(store, clock, [date(2026, 11, 24), date(2026, 11, 25)])[0]
    for review in (day_before, today):  # the session is on both days, with its focus in each
        assert review.sessions == 1 and review.started_not_done == ()
    # Done on the day it ended, the day of the doing pane; the day before, it went on.
    assert (day_before.done, day_before.done_items) == (0, ())
    assert [line.text for line in day_before.going_on] == ["Late fix"]
    assert (today.done, [line.text for line in today.done_items]) == (1, ["Late fix"])
    assert (day_before.starts, today.starts) == (1, 0)
    assert (day_before.focus_s, today.focus_s) == (120, 60)


async def test_tomorrows_first_action_waits_for_the_next_local_day(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    clock = FakeClock(datetime(2026, 11, 24, 20, tzinfo=UTC))
    store.apply(partial(steps.write_next, text="Tonight's thing", now=clock.now(), new_id="a1"))
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "t", *"Open", "space", *"the", "space", *"draft", "enter")
        await until(pilot, lambda: store.board().tomorrow == "Open the draft")
    clock.advance(3600)  # opened again the same evening
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        assert now_panel(pilot.app.screen).text == "Tonight's thing"
    board = store.board()
    assert board.tomorrow == "Open the draft" and board.next_action is not None
    assert board.next_action.text == "Tonight's thing"
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:  # open past midnight
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        doing = screen.query_one("#doing", RowList)
        await until(pilot, lambda: str(doing.border_title).startswith("Doing today"))  # read
        clock.advance(3 * 3600)  # 00:00 the next day (UTC)
        screen.refresh_minute()
        await until(pilot, lambda: store.board().tomorrow is None)
        assert now_panel(screen).text == "Open the draft"
