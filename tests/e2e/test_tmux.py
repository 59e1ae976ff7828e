"""The installed `execgap` in a real tmux pane: type the loop, read the screen, check the files."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import SystemClock
from execgap_tui.store.folder import Store
from tests.e2e.tmux import Pane

pytestmark = pytest.mark.e2e
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 15), id="40x15")]


def open_app(panes: list[Pane], execgap: Path, data: Path, size: tuple[int, int]) -> Pane:
    pane = Pane([str(execgap), "--data-dir", str(data)], *size)
    panes.append(pane)
    pane.wait_for("READY")
    return pane


def sessions(data: Path) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []
    for path in sorted((data / "history").glob("*.json")):
        docs.extend(json.loads(path.read_text()).get("sessions", {}).values())
    return docs


@pytest.mark.parametrize("size", SIZES)
def test_the_whole_loop_typed_into_a_real_terminal(
    execgap: Path, panes: list[Pane], tmp_path: Path, size: tuple[int, int]
) -> None:
    pane = open_app(panes, execgap, tmp_path, size)
    assert "Nothing yet" in pane.screen()
    pane.keys("n")
    pane.wait_for("enter save")
    pane.keys("Enter")
    pane.wait_for("empty")  # blank text is refused and the prompt stays
    pane.type("Write the [bold]intro[/] 漢字")
    pane.keys("Enter")
    pane.wait(lambda s: "enter save" not in s and "Write the [bold]intro[/]" in s, "next action")
    pane.keys("a")
    pane.wait_for("enter save")
    pane.type("Call the bank")
    pane.keys("Enter")
    pane.wait_for("Call the bank")

    pane.keys("s")
    pane.wait_for("STARTING")
    pane.keys("x")
    pane.wait_for("1 started · 0 done")
    assert "■ stop" in pane.wait_for("READY")
    pane.keys("s")
    pane.wait_for("STARTING")
    pane.keys("f")
    screen = pane.wait_for("2 started · 1 done")
    assert "✓ done" in screen
    pane.wait_for("Nothing yet")  # the done action left the focus

    pane.keys("Enter")  # the highlighted plan item becomes the next action
    pane.wait(lambda s: s.count("Call the bank") >= 2, "Call the bank as the next action")
    pane.keys("q")
    pane.wait_exit()

    logged = sessions(tmp_path)
    assert [(doc["outcome"], doc["action_text"]) for doc in logged] == [
        ("stopped", "Write the [bold]intro[/] 漢字"),
        ("done", "Write the [bold]intro[/] 漢字"),
    ]
    board = Store.open(tmp_path).board()
    assert board.running is None
    assert board.next_action is not None and board.next_action.text == "Call the bank"


@pytest.mark.parametrize("size", SIZES)
def test_a_killed_app_comes_back_to_the_running_session(
    execgap: Path, panes: list[Pane], tmp_path: Path, size: tuple[int, int]
) -> None:
    store = Store.open(tmp_path)
    clock = SystemClock()
    # A session begun 117 s ago: the real app crosses into momentum while we watch.
    began = clock.now() - timedelta(seconds=117)
    store.apply(partial(steps.write_next, text="Survive a crash", now=began, new_id="a1"))
    store.apply(partial(steps.start, now=began, new_id="s1"))

    pane = Pane([str(execgap), "--data-dir", str(tmp_path)], *size)
    panes.append(pane)
    pane.wait_for("STARTING")
    pane.wait_for("MOMENTUM", timeout=10)
    os.kill(pane.pid(), signal.SIGKILL)
    pane.wait_exit()

    again = Pane([str(execgap), "--data-dir", str(tmp_path)], *size)
    panes.append(again)
    screen = again.wait_for("MOMENTUM")
    assert "Survive a crash" in screen
    assert "2 min in all" in screen  # from the timestamps, not from ticks
    again.close()  # the terminal is closed under the app (SIGHUP)

    last = Pane([str(execgap), "--data-dir", str(tmp_path)], *size)
    panes.append(last)
    last.wait_for("MOMENTUM")
    last.keys("f")
    last.wait_for("READY")
    last.keys("q")
    last.wait_exit()
    [logged] = sessions(tmp_path)
    assert logged["outcome"] == "done" and logged["momentum"] is True
    assert isinstance(logged["active_s"], int) and logged["active_s"] >= 120


def scheduled(pid: int) -> int:
    """How many times any of the process's threads has been put on a CPU."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return sum(int((task / "schedstat").read_text().split()[2]) for task in tasks)


def test_an_idle_app_sleeps_and_still_reads_a_lone_escape(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    pane = open_app(panes, execgap, tmp_path, (80, 24))
    pid = pane.pid()
    time.sleep(1)  # the first frame's work, the folder watch and the history are done
    before = scheduled(pid)
    time.sleep(3)
    # Textual's own driver wakes its input thread ten times a second: 30 here.
    assert scheduled(pid) - before <= 5  # the minute's refresh may fall in the window
    takes_keys_and_quits(pane)  # its lone escape is told from a sequence by a timeout


def takes_keys_and_quits(pane: Pane) -> None:
    """Open the next-action prompt, close it, and quit: the app still answers and ends."""
    pane.keys("n")
    pane.wait_for("enter save")
    pane.keys("Escape")
    pane.wait(lambda s: "enter save" not in s, "the prompt to close")
    pane.keys("q")
    pane.wait_exit()


def test_a_suspended_app_comes_back_drawn_and_takes_keys(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    """ctrl+z in a shell with job control, then `fg`: the app draws itself again at once.

    The terminal's alternate screen comes back blank and Textual's driver reports the same
    size, so the app showed nothing until a key changed something. (A bare SIGTSTP to an app
    that tmux runs itself proves nothing: tmux continues a stopped pane command at once.)
    ctrl+z itself is a key to the app (the terminal is raw), bound to the same suspend.
    """
    shell = Pane(["bash", "--norc", "--noprofile", "-i"], 80, 24, env={"PS1": "sh$ "})
    panes.append(shell)
    shell.wait_for("sh$")
    shell.type(f"{execgap} --data-dir {tmp_path}")
    shell.keys("Enter")
    shell.wait_for("READY")
    shell.keys("C-z")
    shell.wait_for("Stopped")  # bash has the terminal: the job is stopped
    assert "Next action" not in shell.screen()
    shell.type("fg")
    shell.keys("Enter")
    shell.wait_for("Next action")  # drawn again with no key pressed
    assert "READY" in shell.screen()
    shell.keys("n")
    shell.wait_for("enter save")
    shell.keys("Escape")
    shell.wait(lambda s: "enter save" not in s, "the prompt to close")
    shell.keys("q")
    shell.wait_for("sh$ ")  # the app ended and the shell has its prompt back


def threads(pid: int) -> int:
    """Return how many threads process `pid` has."""
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


@pytest.mark.parametrize("round_", range(3))
def test_a_continue_with_no_stop_before_it_changes_nothing(
    execgap: Path, panes: list[Pane], tmp_path: Path, round_: int
) -> None:
    """The kernel sends SIGCONT with the SIGHUP of a closed terminal; `kill -CONT` any time.

    Textual's driver took the terminal a second time on it: two input threads on one wake-up
    pipe, and quitting could wait forever (apps were left running after their pane closed).
    """
    pane = open_app(panes, execgap, tmp_path, (80, 24))
    pid = pane.pid()
    time.sleep(1)  # the first frame's work and the folder watch are done
    before = threads(pid)
    os.kill(pid, signal.SIGCONT)
    time.sleep(0.5)
    assert threads(pid) == before  # not a second input and output thread
    takes_keys_and_quits(pane)
