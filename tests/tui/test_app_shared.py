"""The open app and command-line processes writing the same data folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from execgap_tui.core.clock import SystemClock
from execgap_tui.store.folder import Store
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.row_list import RowList
from tests.helpers import make_app, now_panel, panel_lines, until


def cli(folder: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), *args],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


async def test_the_app_shows_what_the_command_line_wrote(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    app = make_app(store, SystemClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.screen.query_one("#plan", RowList)
        cli(tmp_path, "plan", "From another pane")
        await until(pilot, lambda: plan.border_title == "Planning · 1 open")
        cli(tmp_path, "start", "Typed in a shell")
        await until(pilot, lambda: now_panel(app.screen).text == "Typed in a shell")
        await until(pilot, lambda: "STARTING" in panel_lines(app.screen)[-1])
        cli(tmp_path, "done")
        doing = app.screen.query_one("#doing", RowList)
        await until(pilot, lambda: doing.border_title == "Doing today · 1 started · 1 done")
        assert doing.row_count == 1


WRITER = textwrap.dedent(
    """
    import sys
    from execgap_tui.cli.main import main
    folder, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for n in range(count):
        assert main(["--data-dir", folder, "plan", f"{name} {n}"]) == 0
    """
)


@pytest.mark.soak
async def test_four_processes_writing_while_the_app_is_open(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    app = make_app(store, SystemClock())
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.screen
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(tmp_path), f"w{w}", "200"],
                stdout=subprocess.DEVNULL,
            )
            for w in range(4)
        ]
        await pilot.press("a")  # the app writes too, in the middle of it
        await until(pilot, lambda: isinstance(app.screen, TextPromptScreen))
        await pilot.press(*"app", "enter")
        while any(w.poll() is None for w in writers):
            await pilot.pause(0.05)
        assert [w.returncode for w in writers] == [0, 0, 0, 0]
        plan = main.query_one("#plan", RowList)
        await until(pilot, lambda: plan.border_title == "Planning · 801 open")
    texts = {item.text for item in Store.open(tmp_path).board().items}
    assert texts == {f"w{w} {n}" for w in range(4) for n in range(200)} | {"app"}
