"""Stored text in the app's toasts and prompts: shown as typed, never read as markup, never
acting on the terminal (the e2e test watches a real pane's title)."""

from __future__ import annotations

from functools import partial

from textual import events
from textual.widgets import Input
from textual.widgets._toast import Toast

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from tests.helpers import make_app, type_text, until

HOSTILE = "Fix\x1b]2;PWNED\x07 [bold red]it[/] \u202eexe.txt"
"""Retitles the terminal, looks like markup, and turns the rest of the line round."""
SHOWN = "Fix␛]2;PWNED␇ [bold red]it[/] \\u202eexe.txt"


def toasts(app: ExecGapApp) -> list[str]:
    """Each toast on the screen, as it is drawn."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def test_a_toast_quoting_stored_text_shows_it_as_typed(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.add_plan, text=HOSTILE, now=clock.now(), new_id="p0"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await until(pilot, lambda: any("Dropped" in toast for toast in toasts(app)))
        assert f"Dropped: {SHOWN}" in toasts(app)


async def test_a_refusal_quoting_stored_text_shows_it_as_typed(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.write_next, text=HOSTILE, now=clock.now(), new_id="a"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        finish = partial(steps.finish, outcome=Outcome.DONE, now=clock.now(), session_id="t")
        assert not app.keeper.save(finish)  # the session it meant was ended elsewhere
        await until(pilot, lambda: any("elsewhere" in toast for toast in toasts(app)))
        [told] = [toast for toast in toasts(app) if "elsewhere" in toast]
        assert f"The session running now is “{SHOWN}”, started elsewhere" in told


async def test_the_edit_prompt_shows_stored_text_as_typed(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text=HOSTILE, now=clock.now(), new_id="p0"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, TextPromptScreen)
        assert app.screen.query_one(Input).value == SHOWN
        await pilot.press("enter")  # saved untouched: it stays as it was
        await until(pilot, lambda: not isinstance(app.screen, TextPromptScreen))
        await until(pilot, lambda: not app.keeper.saving)
        assert [item.text for item in store.board().items] == [HOSTILE]
        clock.advance(1)
        await pilot.press("e", "end")
        await type_text(pilot, " now")
        await pilot.press("enter")
        await until(pilot, lambda: [item.text for item in store.board().items] == [SHOWN + " now"])
    assert [item.text for item in store.board().items] == [SHOWN + " now"]


async def test_what_is_pasted_into_a_prompt_is_shown_as_typed(
    store: Store, clock: FakeClock
) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        prompt = app.screen.query_one(Input)
        prompt.post_message(events.Paste("Call\x1b[2J the \u202ebank"))
        await until(pilot, lambda: prompt.value == "Call␛[2J the \\u202ebank")
        await pilot.press("enter")
        await until(pilot, lambda: store.board().next_action is not None)
    next_action = store.board().next_action
    assert next_action is not None and next_action.text == "Call␛[2J the \\u202ebank"
