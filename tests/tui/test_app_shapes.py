"""The app on data files of valid JSON and the wrong shape: told, never a crash."""

from __future__ import annotations

import random
import tempfile
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from tests.conftest import T0
from tests.helpers import make_app, type_text, until
from tests.shapes import Mutation, mutations, retyped


def good_folder(folder: Path) -> Path:
    """A finished session and a closed item, an open item, and a session running now."""
    store, clock = Store.open(folder), FakeClock(T0)
    store.apply(partial(steps.add_plan, text="one", now=clock.now(), new_id="p1"))
    store.apply(partial(steps.write_next, text="two", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    clock.advance(300)
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    store.apply(partial(steps.write_next, text="three", now=clock.now(), new_id="a2"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s2"))
    return folder


def sample() -> list[Mutation]:
    """Each field of the state file's records (what the app reads at every reload) of
    another type, and a few mutations of the plan files and the month file (the same each
    run: the good folder is made with a fake clock and fixed ids)."""
    with tempfile.TemporaryDirectory() as folder:
        good = good_folder(Path(folder))
        state = [m for m in retyped(good, "state.json") if m.where[-1] not in (1, 2, 3, 4)]
        others = [m for m in mutations(good, random.Random(10), 1) if m.file != "state.json"]
    return [*state, *random.Random(10).sample(others, 6)]  # of the five events, one


@pytest.mark.parametrize("mutation", sample(), ids=str)
async def test_the_app_tells_a_damaged_record_and_keeps_working(
    tmp_path: Path, mutation: Mutation
) -> None:
    folder = good_folder(tmp_path / "data")
    path = mutation.apply(folder)
    try:
        Store(folder).board()
        damaged = False
    except DataFileError:
        damaged = True
    clock = FakeClock(T0.replace(minute=10))
    app = make_app(Store.open(folder), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "still works")
        await pilot.press("enter")
        await until(pilot, lambda: not app.keeper.saving)
        told = [n.message for n in app._notifications if n.severity == "error"]
        assert all(path.name in message for message in told), told
        assert bool(told) == damaged or mutation.file.startswith("history"), told
    assert app.return_code in (None, 0)
    # Saved (a plan file the save did not need may still be damaged: the board cannot be read).
    assert any("still works" in p.read_text() for p in (folder / "plan").glob("*.json"))
