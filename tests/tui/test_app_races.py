"""Races the review found: saves queued behind another process's lock, quick keys, clock changes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock, SystemClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.keeper import PENDING
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.big_digits import digit_rows
from execgap_tui.tui.widgets.row_list import RowList
from tests.helpers import add_in_prompt, make_app, panel_lines, rows, type_text, until
from tests.holder import lock_held, release


async def test_saves_queued_behind_a_busy_lock_are_kept_on_quit(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    app = make_app(store, FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
    async with app.run_test(size=(80, 24)) as pilot:
        with lock_held(tmp_path, seconds=5):
            await add_in_prompt(pilot, app, *("one", "two", "three"))
            await pilot.press("q")  # while the saves still wait for the lock
    assert sorted(item.text for item in Store.open(tmp_path).board().items) == [
        "one", "three", "two"
    ]  # fmt: skip


def ready_to_start(folder: Path) -> tuple[Store, ExecGapApp]:
    """A data folder with a next action, and the app on it."""
    store = Store.open(folder)
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    store.apply(partial(steps.write_next, text="quick", now=clock.now(), new_id="a1"))
    return store, make_app(store, clock)


async def test_a_change_not_yet_on_disk_is_marked_until_it_lands(tmp_path: Path) -> None:
    store, app = ready_to_start(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one("#now")
        assert not panel.border_subtitle
        with lock_held(tmp_path, seconds=None) as holder:
            await pilot.press("s")
            await pilot.pause()
            # Shown as started, and marked: it is not on disk while the lock is held.
            assert "▶ now" in rows(app.screen.query_one("#doing", RowList))[0]
            assert store.board().running is None and str(panel.border_subtitle) == PENDING
            release(holder)
            await until(pilot, lambda: not panel.border_subtitle)
        assert store.board().running is not None  # the mark went when the write landed


async def test_a_review_opened_while_a_change_waits_is_marked(tmp_path: Path) -> None:
    from execgap_tui.tui.screens.review import ReviewScreen

    _, app = ready_to_start(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        with lock_held(tmp_path, seconds=None) as holder:
            await pilot.press("s", "r")  # the start waits for the lock; the review opens
            await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            title = app.screen.query_one("#review-title", Static)
            assert PENDING in str(title.render())
            release(holder)
            await until(pilot, lambda: PENDING not in str(title.render()))


async def test_keys_pressed_before_the_save_lands_are_not_dropped(tmp_path: Path) -> None:
    store, app = ready_to_start(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        with lock_held(tmp_path):
            await pilot.press("s", "f")  # both while the first save waits for the lock
        await until(pilot, lambda: bool(store.sessions_between(None, None)))
    [session] = store.sessions_between(None, None)
    assert session.outcome is Outcome.DONE and store.board().running is None


async def test_a_session_finished_elsewhere_shows_even_if_the_app_saves_at_once(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path)
    app = make_app(store, SystemClock())
    async with app.run_test(size=(80, 24)) as pilot:
        doing = app.screen.query_one("#doing", RowList)
        for args in (("start", "elsewhere"), ("stop",)):
            subprocess.run(
                [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path), *args],
                check=True, capture_output=True,
            )  # fmt: skip
        await pilot.press("a")  # a save of our own inside the reload delay
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await pilot.press("x", "enter")
        await until(pilot, lambda: doing.border_title == "Doing today · 1 started · 0 done")


async def test_the_next_action_fits_its_text_after_a_resize(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    text = "Write the opening paragraph of the quarterly report"  # 2 lines at 40, 1 at 100
    store.apply(partial(steps.write_next, text=text, now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(40, 15)) as pilot:
        digits_top = digit_rows("2:00")[0]
        await pilot.pause()
        assert panel_lines(app.screen).index(digits_top) == 2  # no blank line when narrow
        for size, lines in (((100, 30), 1), ((40, 15), 2), ((100, 30), 1)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            shown = panel_lines(app.screen)
            assert shown[lines - 1].endswith("report"), size
            assert shown.index(digits_top) == lines + (size[0] >= 80), size  # a blank line


def test_day_windows_follow_daylight_saving() -> None:
    from zoneinfo import ZoneInfo

    from execgap_tui.core.when import day_window, resolve

    berlin = ZoneInfo("Europe/Berlin")
    clock = FakeClock(datetime(2026, 10, 25, 22, 30, tzinfo=UTC), berlin)  # 23:30 local
    start, end = day_window(clock, clock.local(clock.now()).date())
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)
    assert start <= clock.now() < end
    assert resolve(clock, at="23:00") == datetime(2026, 10, 25, 22, 0, tzinfo=UTC)
    assert resolve(clock, at="01:00") == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)


SHELL_STARTS_B = textwrap.dedent(
    """
    import contextlib, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from execgap_tui.core import board as steps
    from execgap_tui.store.lock import hold
    from execgap_tui.store.folder import Store

    class HeldStore(Store):  # this process already holds the lock
        @contextlib.contextmanager
        def _locked(self, timeout=0.0):
            yield

    def start_b(board):
        now = datetime.now(UTC)
        board = steps.write_next(board, "B from the shell", now=now, new_id="b").board
        return steps.start(board, now=now, new_id="sb")

    with hold(Path(sys.argv[1]) / ".lock", timeout=10, poll=0.01):
        print("locked", flush=True)
        sys.stdin.readline()  # while the app's keys wait for the lock
        HeldStore(Path(sys.argv[1])).apply(start_b)
    """
)


async def keys_while_the_shell_starts_b(pilot: Pilot[None], folder: Path, *keys: str) -> None:
    """Press `keys` while another process holds the lock; it then starts session B."""
    shell = subprocess.Popen(
        [sys.executable, "-c", SHELL_STARTS_B, str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert shell.stdout is not None and shell.stdin is not None
    assert shell.stdout.readline().strip() == "locked"
    await pilot.press(*keys)
    shell.stdin.write("go\n")
    shell.stdin.close()
    assert shell.wait(timeout=30) == 0


async def test_queued_keys_never_end_a_session_started_elsewhere(tmp_path: Path) -> None:
    store, app = ready_to_start(tmp_path)  # a next action of this app's
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys_while_the_shell_starts_b(pilot, tmp_path, "s", "f")  # shown at once,
        # queued behind the lock
        await until(pilot, lambda: any("elsewhere" in n.message for n in app._notifications))
        await until(pilot, lambda: "B from the shell" in panel_lines(app.screen)[0])
    running = store.board().running
    assert running is not None and running.id == "sb"
    assert store.sessions_between(None, None) == []


async def test_a_start_refused_on_disk_is_not_logged_as_a_stopped_session(tmp_path: Path) -> None:
    """The start `s` showed at once never ran: another process started one first."""
    store, app = ready_to_start(tmp_path)  # a next action of this app's
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys_while_the_shell_starts_b(pilot, tmp_path, "s")  # shown at once, queued
        # behind the lock, refused on disk
        await until(pilot, lambda: "B from the shell" in panel_lines(app.screen)[0])
        await until(pilot, lambda: not app.keeper.saving)
    assert store.sessions_between(None, None) == []
    running = store.board().running
    assert running is not None and running.id == "sb"
    assert not any("logged as stopped" in n.message for n in app._notifications)


async def test_after_a_save_repairs_a_damaged_file_the_app_shows_what_is_on_disk(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path)
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    for n in range(3):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.screen.query_one("#plan", RowList)
        await pilot.pause()
        store.state_path.write_text("{damaged")
        await until(pilot, lambda: any("not valid JSON" in n.message for n in app._notifications))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "four")
        await pilot.press("enter")
        # The state file was set aside; the open items live in their own files (plan/).
        await until(pilot, lambda: plan.border_title == "Planning · 4 open")
    assert sorted(item.text for item in store.board().items) == [
        "four", "item 0", "item 1", "item 2"
    ]  # fmt: skip


async def test_a_damaged_month_file_leaves_the_board_working(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    (store.history_folder / "2026-11.json").write_text("")
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.screen.query_one("#plan", RowList)
        # The history is read right after the first frame.
        await until(pilot, lambda: any("2026-11.json is empty" in n.message
                                       for n in app._notifications))  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path), "plan", "x"],
            check=True, capture_output=True,
        )  # fmt: skip
        await until(pilot, lambda: plan.border_title == "Planning · 1 open")
        app.screen.refresh_minute()  # type: ignore[attr-defined]
