"""The planning pane on its own: rows made as they come into sight, the cursor, the count."""

from __future__ import annotations

from datetime import timedelta

from textual.app import App, ComposeResult
from textual.visual import Visual

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


class Counted(PlanList):
    """A planning pane that counts the rows it is asked to make."""

    made = 0

    def row(self, index: int) -> Visual:
        self.made += 1
        return super().row(index)


class CountedApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Counted(id="plan")


async def test_only_the_rows_in_sight_are_made(clock: FakeClock) -> None:
    async with CountedApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(Counted)
        plan.show(made(clock, 5000), "p0", clock.now())
        await pilot.pause()
        assert plan.row_count == 5000 and plan.border_title == "Planning · 5000 open"
        height = plan.scrollable_content_region.height
        assert 0 < plan.made <= height
        assert rows(plan)[0].startswith("▶ item 0") and rows(plan)[-1].startswith("· item 4999")
        plan.made = 0
        await pilot.press("end")
        await pilot.pause()
        assert plan.highlighted == 4999 and plan.made <= height


async def test_the_cursor_stays_on_its_item_and_nothing_unchanged_is_redrawn(
    clock: FakeClock,
) -> None:
    async with CountedApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(Counted)
        items = made(clock, 120)
        plan.show(items, None, clock.now())
        plan.highlighted = 100
        await pilot.pause()
        plan.show(items, None, clock.now() + timedelta(seconds=5))  # the same ages
        plan.made = 0
        await pilot.pause()
        assert plan.made == 0 and plan.highlighted == 100
        plan.show(items[50:], None, clock.now() + timedelta(minutes=2))  # older ones went
        await pilot.pause()
        assert plan.highlighted_id() == "p100" and plan.made > 0
        plan.show([], None, clock.now())
        await pilot.pause()
        assert rows(plan) == ["Nothing planned. Press a to add an item."]
        assert plan.highlighted is None and plan.selected() is None


async def test_two_records_of_one_item_show_as_one_row(clock: FakeClock) -> None:
    async with PaneApp().run_test(size=(60, 20)) as pilot:
        plan = pilot.app.query_one(PlanList)
        [one, two] = made(clock, 2)
        plan.show([one, two, one], None, clock.now())  # a file mended by hand
        assert plan.row_count == 2
