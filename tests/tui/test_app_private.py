"""The running app writes nothing through a link planted in its data folder."""

from __future__ import annotations

import os
from pathlib import Path

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.store.plan import shard_name
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from tests.helpers import make_app, type_text, until


async def test_links_planted_at_the_apps_temporary_names_are_not_followed(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = Store.open(tmp_path / "data")
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        victim = tmp_path / "victim"
        victim.write_text("the user's own file")
        # The app's writer is this process: its temporary files are named by this pid.
        for where in (store.folder, store.plan_folder):
            for name in ["state.json", *(f"{n:02x}.json" for n in range(64))]:
                (where / f".{name}.{os.getpid()}.tmp").symlink_to(victim)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await type_text(pilot, "a new item")
        await pilot.press("enter")
        await until(pilot, lambda: not app.keeper.saving)
    assert victim.read_text() == "the user's own file"
    [item] = Store(store.folder).board().items
    assert item.text == "a new item" and (store.plan_folder / shard_name(item.id)).is_file()
