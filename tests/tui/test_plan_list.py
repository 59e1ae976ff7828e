"""The planning pane on its own: pages of rows, the count, the row that shows more."""

from __future__ import annotations

from datetime import timedelta

from textual.app import App, ComposeResult

from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import PlanItem
from execgap_tui.tui.widgets.plan_list import PlanList
from tests.helpers import rows


class PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlanList(id="plan")


def made(clock: FakeClock, count: int) -> list[PlanItem]:
    return [
        PlanItem(f"p{n}", f"item {n}", clock.now() - timedelta(minutes=n)) for n in range(count)
    ]


async def test_the_count_and_the_more_row_follow_items_beyond_the_page(clock: FakeClock) -> None:
    async with PaneApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(PlanList)
        items = made(clock, 150)
        plan.show(items, None, clock.now())
        assert plan.border_title == "Planning · 150 open"
        plan.show(items[:149], None, clock.now())  # one of the hidden ones went (a finish)
        assert plan.border_title == "Planning · 149 open"
        assert rows(plan)[-1] == "… 49 older items: enter shows 49 more"
        plan.show(items[:100], None, clock.now())  # none hidden now
        assert plan.option_count == 100 and "older items" not in rows(plan)[-1]


async def test_a_cursor_on_the_more_row_stays_there(clock: FakeClock) -> None:
    async with PaneApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(PlanList)
        items = made(clock, 120)
        plan.show(items, None, clock.now())
        plan.highlighted = 100
        clock.advance(120)  # the minute's refresh of the ages
        plan.show(items, None, clock.now())
        await pilot.pause()
        assert plan.highlighted == 100


async def test_two_records_of_one_item_show_as_one_row(clock: FakeClock) -> None:
    async with PaneApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(PlanList)
        [one, two] = made(clock, 2)
        plan.show([one, two, one], None, clock.now())  # a file mended by hand
        assert plan.option_count == 2
