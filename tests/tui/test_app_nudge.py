"""Nudges in the app: the meter, a toast when planning gets ahead, none within the cooldown."""

from __future__ import annotations

from functools import partial

from textual.pilot import Pilot

from execgap_tui.actions.desk import Desk
from execgap_tui.config.settings import Settings
from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.facts import NudgeSent
from execgap_tui.core.gap import Gap
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.gap_meter import GapMeter, meter_text, meter_word
from execgap_tui.tui.widgets.plan_list import PlanList
from tests.helpers import make_app, type_text, until


def nudges(app: ExecGapApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Planning is ahead of doing"]


async def add(pilot: Pilot[None], app: ExecGapApp, text: str) -> None:
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
    await type_text(pilot, text)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_planning_ahead_nudges_once_per_cooldown(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meter = app.screen.query_one(GapMeter)
        for text in ("one", "two"):
            await add(pilot, app, text)
        assert nudges(app) == [] and "planning ahead" in str(meter.render())
        await add(pilot, app, "three")
        await until(pilot, lambda: len(nudges(app)) == 1)
        assert "You planned 3 and started 0 in 60 min" in nudges(app)[0]
        assert "start something" in str(meter.render()) and meter.has_class("-far")
        clock.advance(10 * 60)
        await add(pilot, app, "four")  # within the cooldown: nothing more
        await pilot.pause(0.1)
        assert len(nudges(app)) == 1
        clock.advance(10 * 60)
        await add(pilot, app, "five")  # twenty minutes on: due again
        await until(pilot, lambda: len(nudges(app)) == 2)


async def test_no_nudge_while_a_session_runs(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.write_next, text="doing it", now=clock.now(), new_id="a"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s"))
    app = make_app(store, clock)
    async with app.run_test(size=(40, 15)) as pilot:
        for text in ("one", "two", "three", "four"):
            await add(pilot, app, text)
        await pilot.pause(0.1)
        assert nudges(app) == []
        assert "plan 5 · do 1" in str(app.screen.query_one(GapMeter).render())


def test_the_meter_says_doing_while_a_session_runs() -> None:
    ahead = Gap(planned=5, started=1)
    assert meter_word(ahead, 3) == "start something"
    assert meter_word(ahead, 3, running=True) == "doing now"
    assert "doing now" in meter_text(ahead, 3, 60, 80, running=True).plain


async def test_s_without_a_next_action_starts_the_item_the_cursor_is_on(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.add_plan, text="Book flights", now=clock.now(), new_id="p1"))
    store.apply(partial(steps.add_plan, text="Call the dentist", now=clock.now(), new_id="p2"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.screen.query_one(PlanList)
        await pilot.press("down")
        cursor = plan.highlighted_id()
        assert cursor is not None
        await pilot.press("s")
        await until(pilot, lambda: store.board().running is not None)
        running = store.board().running
        assert running is not None and running.action_id == cursor
        assert store.board().next_id == cursor  # it became the next action, then started


async def test_the_nudge_names_what_s_then_starts(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for text in ("Write the quarterly report", "Call the dentist", "Tidy the desk"):
            await add(pilot, app, text)
        await until(pilot, lambda: len(nudges(app)) == 1)
        cursor = app.screen.query_one(PlanList).selected()
        assert cursor is not None and f"Start “{cursor.text}”" in nudges(app)[0]
        await pilot.press("s")
        await until(pilot, lambda: store.board().running is not None)
        running = store.board().running
        assert running is not None and running.action_text == cursor.text


async def test_the_cooldown_holds_across_launches_and_the_cli(
    store: Store, clock: FakeClock
) -> None:
    first = make_app(store, clock)
    async with first.run_test(size=(80, 24)) as pilot:
        for text in ("one", "two", "three"):
            await add(pilot, first, text)
        await until(pilot, lambda: len(nudges(first)) == 1)
    clock.advance(60)
    second = make_app(store, clock)  # a new launch, or a second instance, a minute later
    async with second.run_test(size=(80, 24)) as pilot:
        await add(pilot, second, "four")
        await pilot.pause(0.2)
        assert nudges(second) == []  # the first one's nudge is in the data folder
    clock.advance(20 * 60)
    desk = Desk(store, clock, Settings())  # what `execgap plan` does: it tells, and records
    assert isinstance(desk.perform(desk.nudge()).change.fact, NudgeSent)
    third = make_app(store, clock)
    async with third.run_test(size=(80, 24)) as pilot:
        await add(pilot, third, "five")
        await pilot.pause(0.2)
        assert nudges(third) == []
