"""Keys that come together into a prompt of the installed app, in a real tmux pane: a double
enter, a paste of several lines with and without the terminal's paste marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from execgap_tui.core.text import MAX_TEXT
from tests.e2e.tmux import Pane


@pytest.fixture
def app(execgap: Path, panes: list[Pane], tmp_path: Path) -> Pane:
    """The app in an 80x24 pane run by a shell that prints its exit status and waits."""
    command = f"'{execgap}' --data-dir '{tmp_path}'; echo EXIT=$?; sleep 60"
    pane = Pane(["sh", "-c", command], 80, 24)
    panes.append(pane)
    pane.wait_for("READY")
    return pane


def board(data: Path) -> dict[str, dict[str, dict[str, object]]]:
    tables: dict[str, dict[str, dict[str, object]]] = json.loads((data / "state.json").read_text())
    for shard in sorted((data / "plan").glob("*.json")):
        for name, docs in json.loads(shard.read_text()).items():
            tables.setdefault(name, {}).update(docs)
    return tables


def texts(data: Path) -> list[str]:
    """The texts of the items on the board (the next action's among them)."""
    return sorted(str(doc["text"]) for doc in board(data).get("items", {}).values())


def test_two_enters_together_save_once_and_the_app_goes_on(app: Pane, tmp_path: Path) -> None:
    app.keys("n")
    app.wait_for("enter save")
    app.type("Call Ana")
    app.wait_for("Call Ana")
    app.keys("Enter", "Enter")  # one write to the terminal: they arrive together
    app.wait(lambda s: "enter save" not in s and "Call Ana" in s, "the prompt to close")
    app.keys("s")
    app.wait_for("STARTING")  # the app still takes keys
    assert "EXIT=" not in app.screen()
    assert texts(tmp_path) == ["Call Ana"]
    app.keys("q")
    app.wait_for("EXIT=0")


@pytest.mark.parametrize("bracketed", [True, False], ids=["bracketed", "bare"])
def test_a_paste_of_several_lines_keeps_the_first_and_says_so(
    app: Pane, tmp_path: Path, bracketed: bool
) -> None:
    """Without the paste marks the lines would end the prompt and then run as keys on the
    main screen (s starts, f finishes, d drops): they must stay text."""
    app.keys("a")
    app.wait_for("enter save")
    app.paste("\nBook flights\nsend the draft to Ana\nfix the docs\n", bracketed=bracketed)
    screen = app.wait_for("3 lines")
    assert "kept the first" in screen
    assert "Book flights" in screen and "enter save" in screen  # still in the prompt
    app.keys("Enter")
    app.wait(lambda s: "enter save" not in s, "the prompt to close")
    app.wait_for("Planning · 1 open")
    assert texts(tmp_path) == ["Book flights"]
    screen = app.screen()
    assert "STARTING" not in screen and "EXIT=" not in screen  # no line ran as keys
    app.keys("q")
    app.wait_for("EXIT=0")


def test_a_bare_paste_on_the_main_screen_runs_no_keys(app: Pane, tmp_path: Path) -> None:
    app.keys("n")
    app.wait_for("enter save")
    app.type("Call Ana")
    app.keys("Enter")
    app.wait(lambda s: "enter save" not in s and "Call Ana" in s, "the prompt to close")
    app.paste("start the draft\nfix the docs\nadd notes\n", bracketed=False)  # s, f, d, a, n
    app.wait_for("To use pasted text")  # told, where it goes
    app.keys("r")  # a key after it still works: the review opens
    app.wait_for("Review")
    assert "STARTING" not in app.screen() and "enter save" not in app.screen()
    assert texts(tmp_path) == ["Call Ana"]
    app.keys("q")
    app.wait_for("EXIT=0")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


@pytest.mark.parametrize("bracketed", [True, False], ids=["bracketed", "bare"])
def test_ten_thousand_pasted_characters_are_one_paste(
    app: Pane, tmp_path: Path, bracketed: bool
) -> None:
    """Taken a key at a time, a bare paste of 10,000 characters kept the app busy for
    seconds and left it 70 MiB bigger for good; the 10,001st is refused, not cut."""
    pid = int(app.pid())
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        pid = int(child)  # the pane runs sh, and sh the app
    before = rss_mib(pid)
    for length, saved in ((MAX_TEXT + 1, False), (MAX_TEXT, True)):
        app.keys("a")
        app.wait_for("enter save")
        app.paste(("word " * 2001)[: length - 1] + "Z", bracketed=bracketed)
        app.wait_for(f"Pasted {length:,} characters")  # all of it came, as one paste
        app.keys("Enter")
        if saved:
            app.wait(lambda s: "enter save" not in s, "the prompt to close")
        else:
            screen = app.wait_for("refused")  # the note "Pasted 10,001 characters" came first
            assert "10,001 characters long: refused" in screen and "kept" not in screen
            app.keys("Escape")
            app.wait(lambda s: "enter save" not in s, "the prompt to close")
    app.wait_for("Planning · 1 open")
    [text] = texts(tmp_path)
    assert len(text) == MAX_TEXT and text.endswith("wordZ")
    assert rss_mib(pid) - before < 10  # one paste, not 10,000 keys (which took 70 MiB)


def test_a_pasted_escape_is_text_and_its_next_lines_are_not_keys(app: Pane, tmp_path: Path) -> None:
    """Textual's parser ended a marked paste at an escape in it and typed the rest: the
    pasted newline submitted the prompt and the next line ran as keys (d drops)."""
    app.keys("a")
    app.wait_for("enter save")
    app.paste("Buy milk\x1b]2;PWNED\x07 now\nd\nsend the draft\n", bracketed=True)
    screen = app.wait_for("3 lines")
    assert "Buy milk]2;PWNED now" in screen and "enter save" in screen  # as the CLI keeps it
    app.keys("Enter")
    app.wait_for("Planning · 1 open")
    assert texts(tmp_path) == ["Buy milk]2;PWNED now"]
    assert "STARTING" not in app.screen()


def test_a_line_and_enter_typed_ahead_in_one_write_fill_and_save_the_prompt(
    app: Pane, tmp_path: Path
) -> None:
    """Typed ahead of a busy app, or bunched by a slow link, they are keys, not a paste
    (tests/tui/test_paste_burst.py has the rule; this is the whole way, in a terminal)."""
    app.keys("n")
    app.wait_for("enter save")
    app.type("Call the dentist\r")  # one write to the terminal, 17 characters
    app.wait(lambda s: "enter save" not in s and "Call the dentist" in s, "the next action")
    assert texts(tmp_path) == ["Call the dentist"]
