"""The main screen with Pilot: keys pressed, effects asserted on the store and the screen."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual.color import Color
from textual.command import CommandPalette
from textual.filter import Monochrome
from textual.geometry import Region
from textual.pilot import Pilot
from textual.renderables.digits import Digits as DigitsRenderable
from textual.selection import Selection
from textual.widgets import Input, Static

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import ItemState, Outcome, Session
from execgap_tui.core.session import Phase
from execgap_tui.core.text import MAX_TEXT
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.screens.help import HelpScreen
from execgap_tui.tui.screens.main import MainScreen
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.big_digits import digit_rows, digits_width
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.plan_list import PlanList
from execgap_tui.tui.widgets.row_list import RowList
from tests.conftest import T0
from tests.helpers import (
    QUIET,
    footer_fits,
    make_app,
    now_panel,
    panel_lines,
    rows,
    type_text,
    until,
)


def digits(screen: object) -> str:
    assert isinstance(screen, MainScreen)
    return now_panel(screen).digits


def main_screen(app: ExecGapApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def footer_actions(screen: object) -> list[str]:
    assert isinstance(screen, MainScreen)
    return [key.action for key in screen.query_one(KeyFooter).shown]


def history(store: Store) -> list[Session]:
    return store.sessions_between(T0 - timedelta(days=1), T0 + timedelta(days=1))


async def test_the_whole_loop_with_keys_only(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TextPromptScreen)
        await type_text(pilot, "Write the intro")
        await pilot.press("enter")
        await until(pilot, lambda: store.board().next_action is not None)
        assert now_panel(app.screen).text == "Write the intro"
        assert digits(app.screen) == "2:00"

        await pilot.press("s")
        await until(pilot, lambda: store.board().running is not None)
        doing = app.screen.query_one("#doing", RowList)
        assert doing.border_title == "Doing today · 1 started · 0 done"
        [row] = rows(doing)
        assert "▶ now" in row and "Write the intro" in row  # what runs now is being done
        clock.advance(61)
        main_screen(app).refresh_timer()
        await pilot.pause()
        assert digits(app.screen) == "0:59"
        assert now_panel(app.screen).view.phase is Phase.START

        clock.advance(59 + 35)
        main_screen(app).refresh_timer()
        await pilot.pause()
        assert digits(app.screen) == "+0:35"
        panel = now_panel(app.screen)
        assert panel.has_class("-momentum") and not panel.has_class("-start", "-idle")
        assert panel_lines(app.screen)[-1] == "MOMENTUM · 2 min in all"

        await pilot.press("f")
        await until(pilot, lambda: store.board().running is None)
        [session] = history(store)
        assert (session.outcome, session.active_s, session.momentum) == (Outcome.DONE, 155, True)
        assert now_panel(app.screen).placeholder.startswith("Nothing yet. Press n ")
        assert doing.border_title == "Doing today · 1 started · 1 done"
        [row] = rows(doing)
        assert "✓ done" in row and "▶ now" not in row
        [row] = rows(app.screen.query_one("#doing", RowList))
        assert row.split()[:4] == ["09:00", "2:35", "✓", "done"]
        assert store.board().next_action is None


async def test_stop_logs_a_start_and_keeps_the_action(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.write_next, text="Call the bank", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: store.board().running is not None)
        clock.advance(40)
        await pilot.press("x")
        await until(pilot, lambda: bool(history(store)))
        [session] = history(store)
        assert (session.outcome, session.momentum, session.active_s) == (
            Outcome.STOPPED,
            False,
            40,
        )
        next_action = store.board().next_action
        assert next_action is not None and next_action.state is ItemState.OPEN
        assert now_panel(app.screen).text == "Call the bank"


async def test_plan_items_newest_first_and_enter_promotes(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for text in ("Book flights", "Reply to Ana"):
            await pilot.press("a")
            await type_text(pilot, text)
            await pilot.press("enter")
            await until(pilot, lambda t=text: t in [i.text for i in store.board().items])  # type: ignore[misc]
            clock.advance(120)
        plan = app.screen.query_one("#plan", RowList)
        assert plan.has_focus
        # With plan items and no next action, the empty panel says how to choose one.
        placeholder = now_panel(app.screen).placeholder
        assert placeholder == "Nothing yet: choose a plan item (↑ ↓ enter) or press n."
        assert [row.split()[:4] for row in rows(plan)] == [
            ["·", "Reply", "to", "Ana"],
            ["·", "Book", "flights", "2m"],
        ]
        # The cursor stayed on the item it was on; move to the newest and back.
        await pilot.press("up", "down", "enter")
        await until(pilot, lambda: store.board().next_action is not None)
        next_action = store.board().next_action
        assert next_action is not None and next_action.text == "Book flights"
        assert next_action.promoted_at == T0 + timedelta(seconds=240)
        assert now_panel(app.screen).text == "Book flights"


async def test_bad_text_is_refused_with_a_message(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for bad in ("", "    ", "x" * (MAX_TEXT + 1)):
            await pilot.press("n")
            app.screen.query_one(Input).value = bad
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TextPromptScreen)
            error = str(app.screen.query_one("#prompt-error", Static).render())
            assert "empty" in error or "10,001" in error
            await pilot.press("escape")
            await pilot.pause()
        assert store.board().items == ()


async def test_literal_text_and_ten_thousand_characters(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    tricky = "[bold]x[/] [link=x]y \x1b[31mred\x1b[0m 漢字 😀 " + "z" * (MAX_TEXT - 40)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("n")
        app.screen.query_one(Input).value = tricky
        assert "\x1b" not in app.screen.query_one(Input).value  # nor ever drawn
        await pilot.press("enter")
        await until(pilot, lambda: store.board().next_action is not None)
        next_action = store.board().next_action
        kept = tricky.replace("\x1b", "").strip()  # a control character is never kept
        assert next_action is not None and next_action.text == kept
        await pilot.pause()
        shown = "".join(panel_lines(app.screen)[:2])
        assert shown.startswith("[bold]x[/] [link=x]y [31mred[0m 漢字")
        assert shown.endswith("…") and "\x1b" not in shown


async def test_keys_offer_only_what_makes_sense_now(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        assert footer_actions(app.screen) == [
            "write_next",
            "add_plan",
            "start_session",
            "open_review",
            "show_keys",  # q (quit) gives way at 40 columns; ? lists it
        ]
        await pilot.press("s", "f", "x")
        await pilot.pause(0.1)
        assert store.board().running is None and history(store) == []
        assert any("no next action" in n.message for n in app._notifications)
        store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id="a1"))
        store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
        app.keeper.reload()
        await pilot.press("n", "s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, MainScreen)
        assert store.board().running is not None
        assert footer_actions(app.screen) == [
            "add_plan",
            "finish_session",
            "stop_session",
            "open_review",
            "show_keys",
        ]
        assert footer_fits(app.screen, 40)


async def test_a_running_session_is_shown_again_after_restart(
    store: Store, clock: FakeClock
) -> None:
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Survive")
        await pilot.press("enter", "s")
        await until(pilot, lambda: store.board().running is not None)
        await pilot.press("q")
    clock.advance(3600 + 125)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert digits(app.screen) == "+1:00:05"
        assert now_panel(app.screen).text == "Survive"


async def test_help_lists_every_key(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = dict(app.screen._keys)
        assert list(listed) == [
            "n", "a", "s", "f", "x", "k", "r", "?", "e", "d", "q", "^z", "enter", "↑ ↓", "tab", "^p"
        ]  # fmt: skip
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_command_palette_lists_the_actions(store: Store, clock: FakeClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [command.title for command in app.get_system_commands(main_screen(app))]
        assert titles[:4] == [
            "Write the next action",
            "Add a plan item",
            "Start the next action",
            "Review the day",
        ]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Add a plan")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "From the palette")
        await pilot.press("enter")
        await until(pilot, lambda: len(store.board().items) == 1)
        store.apply(partial(steps.promote, item_id=store.board().items[0].id, now=clock.now()))
        store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
        app.keeper.reload()
        await pilot.pause()  # the screen hears of it next
        titles = [command.title for command in app.get_system_commands(main_screen(app))]
        assert titles[:4] == [  # no drop: the session runs on the only item
            "Edit the selected plan item",  # the keys of the pane in focus come first
            "Add a plan item",
            "Finish the session as done",
            "Stop the session (not done)",
        ]


async def test_a_damaged_file_at_start_is_told_and_the_app_works(
    tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / "state.json").write_bytes(b"\x00garbage")
    store = Store.open(tmp_path)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [notice] = [n.message for n in app._notifications if n.severity == "error"]
        assert "state.json.damaged-1" in notice and "not valid JSON" in notice
        await pilot.press("a")
        await type_text(pilot, "still works")
        await pilot.press("enter")
        await until(pilot, lambda: len(store.board().items) == 1)


async def test_a_state_file_damaged_after_opening_still_says_what_to_do(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.add_plan, text="x", now=clock.now(), new_id="p1"))
    (tmp_path / "state.json").write_text("{not json")  # damaged between opening and reading
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [told] = pilot.app._notifications  # once, though it is read again after the frame
        assert told.severity == "error" and "not valid JSON" in told.message
        shown = now_panel(pilot.app.screen)
        assert shown.text == "" and shown.placeholder.startswith("Nothing yet. Press n ")


async def test_a_save_that_set_a_file_aside_tells_it(tmp_path: Path, clock: FakeClock) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        data = json.loads(store.state_path.read_text())
        data["current"]["1"]["recent"][0]["at"] = 5  # read as damage only in full
        store.state_path.write_text(json.dumps(data))
        await until(pilot, lambda: any("recent[0]" in n.message for n in app._notifications))
        await pilot.press("s")  # the app still shows x: s starts it by its id (in plan/),
        aside = f"set aside as {tmp_path / 'state.json.damaged-1'}"  # though the fresh state
        await until(pilot, lambda: any(aside in n.message for n in app._notifications))
        running = store.board().running  # file has no next action
        assert running is not None and running.action_text == "x"


async def sleep_in_a_session(
    pilot: Pilot[None], app: ExecGapApp, store: Store, clock: FakeClock
) -> None:
    """Start the next action; 30 s later the machine sleeps 15 minutes; the timer ticks."""
    await pilot.press("s")
    await until(pilot, lambda: store.board().running is not None)
    clock.advance(30)
    clock.suspend(15 * 60)
    main_screen(app).refresh_timer()
    await pilot.pause()


async def test_the_suspend_line_goes_when_a_slept_session_is_stopped(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.write_next, text="lid closed", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sleep_in_a_session(pilot, app, store, clock)
        assert now_panel(pilot.app.screen).size.height == len(panel_lines(pilot.app.screen)) == 7
        await pilot.press("x")  # the same next action stays: only the timer changes
        await until(pilot, lambda: store.board().running is None)
        await pilot.pause()
        shown = panel_lines(pilot.app.screen)
        assert shown[-1] == "READY · 2:00 start timer"
        assert now_panel(pilot.app.screen).size.height == len(shown) == 6  # no blank line left


async def test_a_suspend_seen_as_momentum_begins_is_told(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.write_next, text="lid closed", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: store.board().running is not None)
        clock.advance(119)
        main_screen(app).refresh_timer()
        clock.suspend(15 * 60)
        clock.advance(2)  # the start timer ran out on the same tick the suspend is noticed
        main_screen(app).refresh_timer()
        await pilot.pause()
        panel = now_panel(pilot.app.screen)
        assert panel.view.phase is Phase.MOMENTUM
        assert panel.size.height == 7 and panel_lines(pilot.app.screen)[-1] == (
            "slept 15:00 · not counted"
        )


async def test_plain_background_goes_through_the_output_filters(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # Textual adds a monochrome filter
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        pilot.app.theme = "nord"  # a blue-grey background that monochrome must turn grey
        await pilot.pause()
        for widget in (pilot.app.screen, now_panel(pilot.app.screen)):
            [line] = widget.render_lines(Region(0, 0, 10, 1))
            drawn = line.apply_filter(Monochrome(), Color.parse("black"))
            assert list(line) == list(drawn)  # already grey: the filter saw it


async def test_a_suspend_is_told_and_can_be_kept_with_one_key(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.write_next, text="lid closed", now=clock.now(), new_id="a1"))
    app = make_app(store, clock)
    async with app.run_test(size=(40, 15)) as pilot:
        await sleep_in_a_session(pilot, app, store, clock)
        assert panel_lines(app.screen)[-1] == "slept 15:00 · not counted"
        assert digits(app.screen) == "1:30"  # only the 30 s awake count
        assert "keep_sleep" in footer_actions(app.screen)
        await pilot.press("k")
        await until(pilot, lambda: store.board().running.kept_slept_s > 0)  # type: ignore[union-attr]
        main_screen(app).refresh_timer()
        await pilot.pause()
        assert panel_lines(app.screen)[-1] == "slept 15:00 · kept as work"
        assert "keep_sleep" not in footer_actions(app.screen)
        await pilot.press("f")
        await until(pilot, lambda: bool(history(store)))
    [session] = history(store)
    assert (session.active_s, session.slept_s) == (930, 0)


async def test_moved_keys_work_and_show_where_keys_are_named(
    store: Store, clock: FakeClock
) -> None:
    moved = (("add-plan", "p"), ("keys", "f1"), ("start", "space"), ("write-next", "e"))
    app = make_app(store, clock, QUIET._replace(keys=moved))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert str(now_panel(screen).placeholder).startswith("Nothing yet. Press e ")
        assert rows(screen.query_one("#plan", RowList)) == [
            "Nothing planned. Press p to add an item."
        ]
        assert (
            "No session yet today. Press space to start"
            in rows(screen.query_one("#doing", RowList))[0]
        )
        footer = [(key.display, key.action) for key in screen.query_one(KeyFooter).shown]
        assert ("e", "write_next") in footer and ("space", "start_session") in footer
        await pilot.press("s", "n")  # the old keys do nothing now
        assert isinstance(app.screen, MainScreen) and store.board().running is None
        await pilot.press("e")
        await type_text(pilot, "Moved keys")
        await pilot.press("enter")
        await until(pilot, lambda: store.board().next_action is not None)
        await pilot.press("space")
        await until(pilot, lambda: store.board().running is not None)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert dict(app.screen._keys)["space"] == "Start the next action"


async def test_e_edits_and_d_drops_the_highlighted_plan_item(
    store: Store, clock: FakeClock
) -> None:
    for n, text in enumerate(["Call the bank", "Book flights"]):
        store.apply(partial(steps.add_plan, text=text, now=clock.now(), new_id=f"p{n}"))
        clock.advance(60)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {"edit_item", "drop_item"} <= set(footer_actions(app.screen))
        await pilot.press("e")  # the newest is highlighted: Book flights
        assert isinstance(app.screen, TextPromptScreen)
        await pilot.press("end")
        await type_text(pilot, " to Lisbon")
        await pilot.press("enter")
        await until(pilot, lambda: "Book flights" not in [i.text for i in store.board().items])
        await until(pilot, lambda: "Book flights to Lisbon" in rows(plan_list(app))[0])
        await pilot.press("down", "d")
        await until(pilot, lambda: len(store.board().items) == 1)
    [left] = store.board().items
    assert left.text == "Book flights to Lisbon"
    [dropped] = store.history(T0 - timedelta(days=1), T0 + timedelta(days=1))[1]
    assert (dropped.text, dropped.state) == ("Call the bank", ItemState.DROPPED)


def plan_list(app: ExecGapApp) -> PlanList:
    return app.screen.query_one(PlanList)


@pytest.mark.parametrize("value", ["2:00", "+12:34", "+1:00:05", "0:59", "-3.5x", "?"])
def test_big_digits_draw_what_textuals_digits_draw(value: str) -> None:
    console = Console(width=40, record=True, file=io.StringIO())
    for bold in (False, True):
        console.print(DigitsRenderable(value, Style(bold=bold)))
        drawn = [line.rstrip() for line in console.export_text().splitlines()]
        assert [row.rstrip() for row in digit_rows(value, bold)] == drawn
        assert len(digit_rows(value, bold)[0]) == digits_width(value)


async def test_selecting_the_panel_copies_the_action_and_the_time(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.write_next, text="Draft the intro", now=clock.now(), new_id="a1"))
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        selected = now_panel(pilot.app.screen).get_selection(Selection(None, None))
        assert selected is not None
        lines = selected[0].splitlines()
        assert lines[0] == "Draft the intro" and lines[-1] == "READY · 2:00 start timer"
        assert "2:00" in lines[2:5]  # the time itself, not the lines that draw it


async def test_a_new_theme_redraws_the_panel_it_keeps_drawn(store: Store, clock: FakeClock) -> None:
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = now_panel(pilot.app.screen)
        top = panel_lines(pilot.app.screen).index(digit_rows("2:00")[0].rstrip())

        def colours() -> tuple[object, object]:  # the action's line and the digits' first
            return panel.render_line(0)._segments[0].style, panel.render_line(top)._segments[
                0
            ].style

        before = colours()
        pilot.app.theme = "nord"
        await pilot.pause()
        assert all(a != b for a, b in zip(before, colours(), strict=True))


async def test_a_minute_of_ages_redraws_rows_in_place(store: Store, clock: FakeClock) -> None:
    for n in range(3):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        plan = screen.query_one(PlanList)
        await pilot.press("down")
        assert plan.highlighted_id() == "p1"
        asked: list[str] = []
        screen.refresh_bindings = lambda: asked.append("keys")  # type: ignore[method-assign]
        clock.advance(120)
        screen.refresh_minute()
        await pilot.pause()
        assert [row.split()[-1] for row in rows(plan)] == ["2m", "2m", "2m"]
        # The same items: the rows change in place, so the cursor stays and the footer
        # is not rebuilt (a rebuilt list moves the highlight and asks for new keys).
        assert plan.highlighted_id() == "p1" and asked == []
        store.apply(partial(steps.add_plan, text="item 3", now=clock.now(), new_id="p3"))
        app.keeper.reload()
        await pilot.pause()
        assert plan.highlighted_id() == "p1" and len(rows(plan)) == 4


async def test_every_open_item_is_a_key_away(store: Store, clock: FakeClock) -> None:
    for n in range(250):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
        clock.advance(1)
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        plan = plan_list(pilot.app)  # type: ignore[arg-type]
        await pilot.pause()
        assert plan.row_count == 250 and plan.border_title == "Planning · 250 open"
        await pilot.press("end")
        assert plan.highlighted_id() == "p0"  # the oldest, scrolled into sight
        assert plan.scroll_offset.y + plan.scrollable_content_region.height == 250
        await pilot.press("pageup", "enter")
        height = plan.scrollable_content_region.height
        await until(pilot, lambda: store.board().next_id == f"p{height}")
