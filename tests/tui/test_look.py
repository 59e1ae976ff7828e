"""Themes (one remembered, one high-contrast) and the ASCII fallback for every glyph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.color import Color

from execgap_tui.core.clock import FakeClock
from execgap_tui.core.report import BARS
from execgap_tui.store.folder import Store
from execgap_tui.tui.app import ExecGapApp
from execgap_tui.tui.ascii import to_ascii
from execgap_tui.tui.look import (
    HIGH_CONTRAST,
    THEME_FILE,
    remember_theme,
    remembered_theme,
    wants_ascii,
)
from tests.helpers import QUIET, make_app
from tests.seed import MORNING, seed_morning

SCREENS = [  # what the app draws: borders, big digits, meters, marks, bars, user text
    "╭─ Next action ──╮ │ ╰──╯ ┌┐└┘├┤┬┴┼ ╶╴╵╷",
    "╶┼╴╰─┤ : ┌─┘ ╷ ╷ ╶─╮",
    "plan 6 · do 2 · last 60 min  ▮▮▮▮▮▮▯▯  start something",
    "▶ Draft · 6m  ✓ done  ■ stop  » +3:10  …  —  gap: planned ÷ done",
    BARS + " ▏▌▔▁ 🔎",
    "Müller 漢字 😀 ␛[31m",
]


@pytest.mark.parametrize("line", SCREENS)
def test_ascii_keeps_every_cell(line: str) -> None:
    drawn = to_ascii(line)
    assert drawn.isascii()
    assert cell_len(drawn) == cell_len(line)


def test_ascii_keeps_the_shapes_readable() -> None:
    assert to_ascii("╭─ Next ─╮") == "+- Next -+"
    assert to_ascii("▮▮▯ ✓ done ■ stop ▶") == "##- v done x stop >"
    assert to_ascii("·▁▄█") == ".:=#"


@pytest.mark.parametrize(
    ("environ", "ascii_"),
    [
        ({"LANG": "C"}, True),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, True),  # LC_ALL first
        ({"LC_CTYPE": "POSIX", "LANG": "en_GB.UTF-8"}, True),  # then LC_CTYPE
        ({"LANG": "de_DE.ISO-8859-1"}, True),
        ({"LANG": "en_US"}, True),  # no codeset: Latin-1 in glibc
        ({}, True),  # nothing set: the C locale
        ({"LC_ALL": "", "LC_CTYPE": "", "LANG": "C.UTF-8"}, False),  # empty is not set
        ({"LANG": "en_GB.utf8"}, False),
        ({"LC_CTYPE": "UTF-8"}, False),  # as macOS sets it
        ({"LC_ALL": "sr_RS.UTF-8@latin", "LANG": "C"}, False),
    ],
)
def test_ascii_is_chosen_when_the_locale_is_not_utf8(environ: dict[str, str], ascii_: bool) -> None:
    assert wants_ascii(None, environ) is ascii_
    assert wants_ascii(True, {"LANG": "C.UTF-8"}) and not wants_ascii(False, {"LANG": "C"})


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL", "LC_CTYPE"])
def test_the_locale_is_read_as_the_app_was_started_not_as_python_changed_it(
    variable: str,
) -> None:
    """In the C locale Python sets LC_CTYPE=C.UTF-8 in os.environ as it starts (PEP 538)."""
    script = "from execgap_tui.tui.look import launch_environ, wants_ascii\n" \
             "print(wants_ascii(None, launch_environ()))"  # fmt: skip
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE", "LANG")}
    env = {**clean, variable: "C", "PYTHONCOERCECLOCALE": "1"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert (done.stdout, done.stderr) == ("True\n", "")


def test_a_remembered_theme_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / THEME_FILE
    assert remembered_theme(path) is None
    for junk in ("", "[1, 2]", '{"theme": 5}', "\xff"):
        path.write_text(junk)
        assert remembered_theme(path) is None
    remember_theme(path, "nord")
    assert remembered_theme(path) == "nord"


async def test_the_theme_chosen_is_the_theme_next_time(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    clock = FakeClock(MORNING)
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        pilot.app.theme = "execgap-high-contrast"
        await pilot.pause()
    assert remembered_theme(store.folder / THEME_FILE) == "execgap-high-contrast"
    saved = (store.folder / THEME_FILE).stat().st_mtime_ns
    async with make_app(store, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "execgap-high-contrast"
        assert pilot.app.screen.styles.background == Color.parse(HIGH_CONTRAST.background)
    assert (store.folder / THEME_FILE).stat().st_mtime_ns == saved  # read, not written again


@pytest.mark.parametrize(
    ("ascii_", "environ"), [(True, {}), (None, {"LANG": "C"})], ids=["ascii = true", "LANG=C"]
)
async def test_the_ascii_app_draws_no_other_character(
    tmp_path: Path, ascii_: bool | None, environ: dict[str, str]
) -> None:
    store = Store.open(tmp_path / "data")
    clock = FakeClock(MORNING)
    seed_morning(store, clock, running=True)
    settings = QUIET._replace(ascii=ascii_)
    app = ExecGapApp(clock=clock, store=store, settings=settings, environ=environ)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot()
    assert "Next&#160;action" in shown
    for char in "╭─│▮▯▶✓■·…▏":
        assert char not in shown
