"""The review screen with Pilot: days, the week, Markdown, and tomorrow's first action."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from functools import partial
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.screens.review import ReviewScreen
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.day_review import DayReviewView
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.week_table import WeekTable
from tests.helpers import footer_fits, make_app, now_panel, static_text, type_text, until
from tests.seed import FIRST_ACTION_TOMORROW, WEEK_START, seed_week


def review(app: App[None]) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def shown(app: App[None], width: int = 80) -> str:
    screen = review(app)
    title = str(screen.query_one("#review-title", Static).content)
    body = static_text(screen.query_one(WeekTable if screen.week else DayReviewView), width)
    return title + "\n" + body


def squeezed(text: str) -> str:
    """`text` with each run of spaces made one (the lists are laid out in columns)."""
    return re.sub(" +", " ", text)


def week_store(tmp_path: Path) -> tuple[Store, FakeClock]:
    clock = FakeClock(WEEK_START)
    store = Store.open(tmp_path / "data")
    seed_week(store, clock)
    return store, clock


async def test_r_opens_today_and_the_brackets_step_through_days(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        text = shown(app)
        assert text.startswith("Review of Tuesday 24 November 2026 (today)")
        assert re.search(r"^focus +1h 07m +median start latency +1m", text, re.M)
        assert re.search(r"^items done +4 +gap: planned ÷ done +1.8", text, re.M)
        assert "14:21-14:59 Send the report to Ana (38m)" in squeezed(text)
        assert "next_day" not in [key.action for key in app.screen.query_one(KeyFooter).shown]
        await pilot.press("right_square_bracket")  # no day after today
        assert review(app).day == clock.now().date()
        await pilot.press("left_square_bracket")
        assert shown(app).startswith("Review of Monday 23 November 2026 (yesterday)")
        for _ in range(2):
            await pilot.press("left_square_bracket")
        text = shown(app)
        assert text.startswith("Review of Saturday 21 November 2026")
        assert "Nothing was planned or started this day." in text
        await pilot.press("right_square_bracket")
        assert shown(app).startswith("Review of Sunday 22 November 2026")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_w_shows_seven_days_side_by_side(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "w")
        lines = shown(app).splitlines()
        assert lines[0] == "Seven days: Wed 18 Nov to Tue 24 Nov"
        assert lines[1].split() == ["day", "Wed", "18", "Thu", "19", "Fri", "20", "Sat", "21",
                                    "Sun", "22", "Mon", "23", "Tue", "24"]  # fmt: skip
        assert lines[2].split() == ["starts", "2", "1", "3", "0", "1", "2", "5"]
        assert lines[-1].split() == ["gap", "4.0", "6.0", "2.0", "—", "—", "8.0", "1.8"]
        await pilot.resize_terminal(40, 15)
        await pilot.pause()
        narrow = shown(app, 40).splitlines()
        assert narrow[1].split() == ["day", "starts", "done", "focus", "gap"]
        assert narrow[-1].split() == ["Tue", "24", "5", "4", "1h", "07m", "1.8"]
        await pilot.press("w")
        assert shown(app, 40).startswith("Review of Tuesday 24 November 2026")


async def test_m_writes_the_day_as_markdown_where_the_screen_says(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "m")
        path = store.folder / "reviews" / "2026-11-24.md"
        assert f"Markdown: {path}" in shown(app)
    markdown = path.read_text()
    assert markdown.startswith("# Review of Tuesday 24 November 2026\n")
    assert "| gap: planned ÷ done | 1.8 |" in markdown
    assert "- 14:21-14:59  Send the report to Ana  (38m)" in markdown


async def test_tomorrows_first_action_is_written_and_in_focus_the_next_morning(
    tmp_path: Path,
) -> None:
    store, clock = week_store(tmp_path)
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await pilot.press("r", "t")
        assert isinstance(app.screen, TextPromptScreen)
        await type_text(pilot, FIRST_ACTION_TOMORROW)
        await pilot.press("enter")
        await until(pilot, lambda: store.board().tomorrow is not None)
        assert f"Tomorrow starts with\n  {FIRST_ACTION_TOMORROW}" in shown(app)
        await pilot.press("escape")  # today's focus stays as it is
        assert now_panel(app.screen).text == ""
    clock.advance(14 * 3600)  # the next morning
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: store.board().tomorrow is None)
        next_action = store.board().next_action
        assert next_action is not None and next_action.text == FIRST_ACTION_TOMORROW
        assert now_panel(pilot.app.screen).text == FIRST_ACTION_TOMORROW


async def test_a_first_action_written_for_a_past_day_is_in_focus_at_once(
    tmp_path: Path,
) -> None:
    store, clock = week_store(tmp_path)
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "left_square_bracket", "t")  # yesterday's tomorrow is today
        await type_text(pilot, "Ring the plumber")
        await pilot.press("enter")
        await until(pilot, lambda: store.board().tomorrow is None)
        await pilot.press("escape")
        assert now_panel(pilot.app.screen).text == "Ring the plumber"
        next_action = store.board().next_action
        assert next_action is not None and next_action.text == "Ring the plumber"


async def test_the_review_follows_a_session_finished_from_the_command_line(
    tmp_path: Path,
) -> None:
    store, clock = week_store(tmp_path)
    store.apply(partial(steps.write_next, text="Water the plants", now=clock.now(), new_id="w"))
    store.apply(partial(steps.start, now=clock.now() - timedelta(minutes=5), new_id="sw"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert "17:35-now Water the plants (5m, running)" in squeezed(shown(app))
        clock.advance(60)
        other = Store(store.folder)  # as another process would: its own store
        other.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
        await until(pilot, lambda: "Water the plants (6m)" in squeezed(shown(app)))
        assert "17:35-17:41 Water the plants (6m)" in squeezed(shown(app))


async def test_the_review_and_its_keys_fit_40_columns(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("r", "t")
        await type_text(pilot, FIRST_ACTION_TOMORROW)
        await pilot.press("enter")
        await until(pilot, lambda: store.board().tomorrow is not None)
        keys = app.screen.query_one(KeyFooter).shown
        assert keys and footer_fits(app.screen, 40)
        assert [key.action for key in keys][:2] == ["previous_day", "toggle_week"]
        text = shown(app, 40)
        assert f"Tomorrow starts with\n  {FIRST_ACTION_TOMORROW[:36]}" in text
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = static_text(app.screen.query_one("#help Static", Static))
        assert "Write this day's review as Markdown" in help_text


def test_review_from_the_command_line_matches_the_screen(tmp_path: Path) -> None:
    store, _clock = week_store(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(store.folder), "review",
         "--date", "2026-11-24", "--format", "md"],
        capture_output=True, text=True, timeout=60, env={"TZ": "UTC", "PATH": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "| focus | 1h 07m |" in done.stdout


async def test_m_with_a_damaged_month_file_says_so_and_the_app_lives(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        (store.history_folder / "2026-11.json").write_text("{damaged")
        await pilot.press("m")
        await until(pilot, lambda: any("not valid JSON" in n.message for n in app._notifications))
        assert isinstance(app.screen, ReviewScreen)
    assert not (store.folder / "reviews" / "2026-11-24.md").exists()


async def test_a_first_action_waiting_on_a_session_comes_when_it_ends(tmp_path: Path) -> None:
    store, clock = week_store(tmp_path)
    store.apply(partial(steps.write_next, text="Late work", now=clock.now(), new_id="late"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s-late"))
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "left_square_bracket", "t")  # yesterday's tomorrow: today
        await type_text(pilot, "Ring the plumber")
        await pilot.press("enter")
        await until(pilot, lambda: store.board().tomorrow == "Ring the plumber")
        await pilot.press("escape", "f")  # the session it waited for ends
        await until(pilot, lambda: store.board().tomorrow is None)
        next_action = store.board().next_action
        assert next_action is not None and next_action.text == "Ring the plumber"
