"""Stored text in the app's toasts and prompts: shown as typed, never read as markup, never
acting on the terminal (the e2e test watches a real pane's title)."""

from __future__ import annotations

import unicodedata
from functools import partial
from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from tests.cli.test_cli import ok
from tests.helpers import make_app, type_text, until
from tests.legacy import plant

HOSTILE = "Fix\x1b]2;PWNED\x07 [bold red]it[/] \u202eexe.txt"
"""Retitles the terminal, looks like markup, and turns the rest of the line round."""
SHOWN = "Fix␛]2;PWNED␇ [bold red]it[/] \\u202eexe.txt"


def kept_by_an_older_version(store: Store) -> Store:
    """`store` opened afresh, its text "planted" made `HOSTILE` (control characters and
    all, which typed text no longer keeps) as an older execgap or a hand edit left it."""
    plant(store.folder, {"planted": HOSTILE})
    return Store.open(store.folder)


def toasts(app: ExecGapApp) -> list[str]:
    """Each toast on the screen, as it is drawn."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def test_a_toast_quoting_stored_text_shows_it_as_typed(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.add_plan, text="planted", now=clock.now(), new_id="p0"))
    app = make_app(kept_by_an_older_version(store), clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await until(pilot, lambda: any("Dropped" in toast for toast in toasts(app)))
        assert f"Dropped: {SHOWN}" in toasts(app)


async def test_a_refusal_quoting_stored_text_shows_it_as_typed(
    store: Store, clock: FakeClock
) -> None:
    store.apply(partial(steps.write_next, text="planted", now=clock.now(), new_id="a"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s"))
    app = make_app(kept_by_an_older_version(store), clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        finish = partial(steps.finish, outcome=Outcome.DONE, now=clock.now(), session_id="t")
        assert not app.keeper.save(finish)  # the session it meant was ended elsewhere
        await until(pilot, lambda: any("elsewhere" in toast for toast in toasts(app)))
        [told] = [toast for toast in toasts(app) if "elsewhere" in toast]
        assert f"The session running now is “{SHOWN}”, started elsewhere" in told


async def test_the_edit_prompt_shows_stored_text_as_typed(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text="planted", now=clock.now(), new_id="p0"))
    store = kept_by_an_older_version(store)
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


TYPED = [
    "\U0001f469\u200d\U0001f4bb Fix the bike",  # a joined emoji: one picture
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, a non-joiner inside the word
    "Fix\tthe sink",
    "Call\x1b[2J the \u202ebank\x7f\x9b",
    "\u200dHidden start",
]
"""Pasted into the prompt and given to `execgap plan`: the same text must be kept."""


async def test_the_prompt_keeps_what_is_pasted_as_the_command_line_does(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app(store, clock)

    async def paste(text: str) -> None:
        await pilot.press("a")
        prompt, items = app.screen.query_one(Input), len(store.board().items)
        prompt.post_message(events.Paste(text))
        await until(pilot, lambda: prompt.value != "")
        assert not any(unicodedata.category(c) == "Cc" for c in prompt.render_line(0).text)
        await pilot.press("enter")
        await until(pilot, lambda: len(store.board().items) == items + 1)

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        for text in TYPED:
            await paste(text)
    for text in TYPED:
        ok(tmp_path / "cli", "plan", text)
    kept = {item.text for item in store.board().items}
    assert kept == {item.text for item in Store.open(tmp_path / "cli").board().items}
    assert kept == {*TYPED[:2], "Fix the sink", "Call[2J the \u202ebank", TYPED[4]}


async def test_an_edit_keeps_a_joined_emoji(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text=TYPED[0], now=clock.now(), new_id="p0"))
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e", "end", "s", "enter")
        await until(pilot, lambda: store.board().items[0].text != TYPED[0])
    assert store.board().items[0].text == TYPED[0] + "s"


async def send_as_a_terminal(pilot: Pilot[None], text: str) -> None:
    """Send `text` as the keys Textual's parser makes of it coming from a terminal unmarked
    (Pilot.press loses the characters that have no character name)."""
    driver = pilot.app._driver
    assert driver is not None
    for event in XTermParser().feed(text):
        driver.send_message(event)
    await pilot.pause()


async def test_a_joiner_typed_as_a_key_is_kept(store: Store, clock: FakeClock) -> None:
    """An emoji picker or an input method sends its text as keys, a Persian keyboard has a
    key for the non-joiner: Textual's Input takes only what Python calls printable."""
    typed = f"{TYPED[1]} {TYPED[0]}"
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await send_as_a_terminal(pilot, typed)
        await pilot.press("enter")
        await until(pilot, lambda: store.board().next_action is not None)
    next_action = store.board().next_action
    assert next_action is not None and next_action.text == typed
