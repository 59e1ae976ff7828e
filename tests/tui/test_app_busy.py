"""A lock held longer than its timeout by another process: what the user did is kept, shown
as not saved yet, and saved when the lock is let go, in the order it was done."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.tui.keeper import PENDING
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.row_list import RowList
from tests.helpers import add_in_prompt, make_app, rows, type_text, until
from tests.holder import lock_held, release


async def test_a_busy_lock_keeps_what_was_typed_and_saves_it_when_free(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.lock_timeout_s = 0.3  # as the 10 s of a real one, sooner
    app = make_app(store, FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one("#now")
        with lock_held(tmp_path, seconds=None) as holder:
            await add_in_prompt(pilot, app, *("Book flights", "Call Ana"))
            plan = app.screen.query_one("#plan", RowList)
            await until(pilot, lambda: any("is kept" in n.message for n in app._notifications))
            await pilot.pause(1.0)  # three timeouts of the lock go by
            shown = rows(plan)
            assert any("Book flights" in row for row in shown)  # still shown, not taken back
            assert any("Call Ana" in row for row in shown)
            assert str(panel.border_subtitle) == PENDING and store.board().items == ()
            assert not any(n.severity == "error" for n in app._notifications)
            release(holder)
            await until(pilot, lambda: not panel.border_subtitle)
    assert sorted(item.text for item in Store.open(tmp_path).board().items) == [
        "Book flights",
        "Call Ana",
    ]


async def test_a_new_plan_item_is_scrolled_into_view(tmp_path: Path) -> None:
    """With the cursor far down a long plan, a new item (at the top, newest first) was added
    out of sight: it takes the cursor, in sight, ready for enter, e or d."""
    clock = FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC))
    store = Store.open(tmp_path)
    for n in range(40):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
        clock.advance(60)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.screen.query_one("#plan", RowList)
        plan.focus()
        await pilot.press("end")
        await until(pilot, lambda: plan.highlighted == 39 and plan.scroll_y > 0)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "Call Ana")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await until(pilot, lambda: plan.highlighted == 0 and plan.scroll_y == 0)
        assert "Call Ana" in rows(plan)[0]


async def test_closing_waits_one_timeout_in_all_and_counts_what_was_not_saved(
    tmp_path: Path,
) -> None:
    """Each queued save had a timeout of its own when closing (three changes were 30 s of a
    frozen screen), and what was still not saved was lost without a word."""
    store = Store.open(tmp_path)
    store.lock_timeout_s = 0.3
    app = make_app(store, FakeClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
    tries: list[float] = []
    perform = app.desk.perform

    def counted(step: object) -> object:
        tries.append(store.lock_timeout_s)
        return perform(step)  # type: ignore[arg-type]

    app.desk.perform = counted  # type: ignore[assignment,method-assign]
    with lock_held(tmp_path, seconds=None):
        async with app.run_test(size=(80, 24)) as pilot:
            await add_in_prompt(
                pilot, app, *("one", "two")
            )  # two: a third would bring a nudge, a save too
            await pilot.press("q")  # the first save still waits for the lock
    assert app.writer.unsaved == 2
    # The first was trying when q was pressed; the second had only what was left of one
    # shared timeout, not a timeout of its own.
    assert tries[-1] < 0.3
