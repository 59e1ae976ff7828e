"""A running session the app shows is not lost when another command sets the state file aside.

The app (Pilot) holds the session; a real `execgap` process finds the state file damaged,
sets it aside and starts a fresh one, which has no running session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from textual.pilot import Pilot

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock, SystemClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.facts import SessionKept
from execgap_tui.core.model import Activity, Outcome, RunningSession
from execgap_tui.core.session import end_session
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.keeper import kept_message
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from tests.helpers import make_app, panel_lines, type_text, until


def execgap(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def damage_a_record(state: Path) -> None:
    """Valid JSON, damaged inside: the app's reload is told, the next write sets it aside."""
    data = json.loads(state.read_text())
    data["current"]["1"]["recent"][0]["at"] = 5
    state.write_text(json.dumps(data))


def session_in_app(folder: Path) -> tuple[Store, ExecGapApp]:
    """A session running in `folder` ("Write the intro", id s1), and the app on it."""
    store = Store.open(folder)
    now = SystemClock().now()
    store.apply(partial(steps.write_next, text="Write the intro", now=now, new_id="a1"))
    store.apply(partial(steps.start, now=now, new_id="s1"))
    return store, make_app(store, SystemClock())


async def shown_then_damaged(pilot: Pilot[None], app: ExecGapApp, store: Store) -> None:
    """Wait for the app to show the running session, then damage the state file under it
    (the app is told, and still shows the session)."""
    await until(pilot, lambda: "Write the intro" in panel_lines(app.screen)[0])
    damage_a_record(store.state_path)
    await until(pilot, lambda: any("recent[0]" in n.message for n in app._notifications))


async def test_a_cli_write_after_damage_does_not_drop_the_session_the_app_shows(
    tmp_path: Path,
) -> None:
    store, app = session_in_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_then_damaged(pilot, app, store)
        done = execgap(tmp_path, "plan", "Book flights")
        assert "set aside as" in done.stderr  # the fresh state file has no running session
        await until(pilot, lambda: _running_id(store) == "s1")
        await until(pilot, lambda: any("kept" in n.message for n in app._notifications))
        assert "Write the intro" in panel_lines(app.screen)[0]
    board = store.board()
    assert board.running is not None and board.running.id == "s1"
    assert sorted(item.text for item in board.items) == ["Book flights", "Write the intro"]
    assert store.sessions_between(None, None) == []
    assert Activity.STARTED in {event.kind for event in board.recent}  # the gap counts it


async def test_where_the_cli_started_another_the_apps_session_is_logged_not_lost(
    tmp_path: Path,
) -> None:
    store, app = session_in_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_then_damaged(pilot, app, store)
        assert "set aside as" in execgap(tmp_path, "start", "Reply to Ana").stderr
        await until(pilot, lambda: bool(store.sessions_between(None, None)))
        await until(pilot, lambda: "Reply to Ana" in panel_lines(app.screen)[0])
        await until(pilot, lambda: any("logged as stopped" in n.message
                                       for n in app._notifications))  # fmt: skip
    [logged] = store.sessions_between(None, None)
    assert (logged.id, logged.outcome) == ("s1", Outcome.STOPPED)
    running = store.board().running
    assert running is not None and running.action_text == "Reply to Ana"
    assert logged.ended_at == running.started_at  # stopped where the other began


async def test_the_apps_own_save_after_damage_keeps_its_session_too(tmp_path: Path) -> None:
    store, app = session_in_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_then_damaged(pilot, app, store)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "later")
        await pilot.press("enter")  # this save sets the file aside: a fresh board, no session
        await until(pilot, lambda: _running_id(store) == "s1")
    assert sorted(i.text for i in store.board().items) == ["Write the intro", "later"]


async def test_a_session_finished_elsewhere_is_not_brought_back(tmp_path: Path) -> None:
    store, app = session_in_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Write the intro" in panel_lines(app.screen)[0])
        assert execgap(tmp_path, "done").returncode == 0
        await until(pilot, lambda: "Write the intro" not in panel_lines(app.screen)[0])
        await pilot.pause(0.3)
    assert store.board().running is None
    assert [s.id for s in store.sessions_between(None, None)] == ["s1"]


async def test_a_start_whose_save_fails_is_told_once_and_not_saved_again(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.write_next, text="Write the intro", now=SystemClock().now(),
                        new_id="a1"))  # fmt: skip
    (tmp_path / "state.json.bak").mkdir()  # every save fails, as on a full disk
    app = make_app(store, SystemClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Write the intro" in panel_lines(app.screen)[0])
        await pilot.press("s")
        await until(pilot, lambda: bool(_errors(app)))
        await until(pilot, lambda: not app.keeper.saving)
        for _ in range(5):  # a keep would be queued at once; none is
            await pilot.pause()
            assert not app.keeper.saving
        assert len(_errors(app)) == 1
    assert store.board().running is None
    assert store.sessions_between(None, None) == []


async def test_a_keep_whose_save_fails_is_tried_once_for_that_version(tmp_path: Path) -> None:
    store, app = session_in_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_then_damaged(pilot, app, store)
        assert "set aside as" in execgap(tmp_path, "plan", "Book flights").stderr
        bak = tmp_path / "state.json.bak"
        bak.unlink(missing_ok=True)
        bak.mkdir()  # before the app hears of the fresh file: its keep cannot be saved
        before = len(_errors(app))
        await until(pilot, lambda: len(_errors(app)) > before)
        await until(pilot, lambda: not app.keeper.saving)
        for _ in range(5):  # a keep tried again would be queued at once; none is
            await pilot.pause()
            assert not app.keeper.saving
        assert len(_errors(app)) == before + 1
    assert _running_id(store) is None


def test_the_message_says_which_session_was_logged_as_stopped() -> None:
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    mine = RunningSession("s1", "a1", "Write the intro", clock.now() + timedelta(minutes=10))
    other = RunningSession("s2", "a2", "Reply to Ana", clock.now())  # began first, elsewhere
    ended = end_session(other, mine.started_at, Outcome.STOPPED)
    message = kept_message(SessionKept(mine, ended), clock)
    assert "“Write the intro” running here was kept" in message
    assert "“Reply to Ana”" in message and "logged as stopped at 09:10" in message


def _errors(app: ExecGapApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


def _running_id(store: Store) -> str | None:
    try:
        running = store.board().running
    except DataFileError:  # still damaged: not yet set aside
        return None
    return running.id if running else None
