"""Signals end the installed app in a real tmux pane without losing a queued save.

Issue 14: the pane closed (SIGHUP) right after a change, and the change was gone; after
SIGTERM the shell was left in the alternate screen with mouse reporting on. Each test holds
the data folder's lock in another process, so the change is still queued when the signal
comes, and lets go of it a second later.
"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from execgap_tui.store.folder import Store
from tests.e2e.tmux import Pane
from tests.holder import lock_held, release

pytestmark = pytest.mark.e2e

SHELL = '"$0" --data-dir "$1"; echo "exit status $?"; exec sleep 600'
"""Runs the app in a shell that keeps the pane (and its terminal's modes) after it exits."""
HELD_S = 1.0
"""How long the lock stays held after the signal: the app must wait for it, not give up."""


def running(pid: int) -> bool:
    """Return whether process `pid` exists and has not exited (a zombie has)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def child_of(pid: int, timeout: float = 10) -> int:
    """Return the pid of the (one) child process of `pid`, once it has one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise AssertionError(f"process {pid} started no child in {timeout} s")


def wait_gone(pid: int, timeout: float = 15) -> None:
    """Wait until process `pid` has exited."""
    deadline = time.monotonic() + timeout
    while running(pid):
        if time.monotonic() > deadline:
            raise AssertionError(f"process {pid} still runs {timeout} s after the signal")
        time.sleep(0.05)


def plan_texts(data: Path) -> list[str]:
    return [item.text for item in Store(data).board().items]


def add_plan_item(pane: Pane, text: str) -> None:
    pane.wait_for("READY")
    pane.keys("a")
    pane.wait_for("enter save")
    pane.type(text)
    pane.keys("Enter")
    pane.wait(lambda s: "enter save" not in s and text in s, "the plan item, shown at once")


def terminal_modes(pane: Pane) -> str:
    fields = "#{alternate_on} #{mouse_any_flag} #{mouse_standard_flag} #{mouse_button_flag}"
    return pane.display(f"{fields} #{{cursor_flag}}")


def test_closing_the_pane_keeps_a_change_queued_behind_the_lock(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    pane = Pane([str(execgap), "--data-dir", str(tmp_path)], 80, 24)
    panes.append(pane)
    app = pane.pid()
    with lock_held(tmp_path, None) as holder:
        add_plan_item(pane, "Call the bank")
        assert plan_texts(tmp_path) == []  # still queued, behind the lock
        pane.close()  # the terminal goes away: the app is hung up on (SIGHUP)
        time.sleep(HELD_S)  # the lock stays held a while after the hang-up
        release(holder)
    wait_gone(app)
    assert plan_texts(tmp_path) == ["Call the bank"]


@pytest.mark.parametrize(
    "signum", [pytest.param(signal.SIGTERM, id="TERM"), pytest.param(signal.SIGINT, id="INT")]
)
def test_a_signal_keeps_the_queued_change_and_gives_the_terminal_back(
    execgap: Path, panes: list[Pane], tmp_path: Path, signum: signal.Signals
) -> None:
    pane = Pane(["sh", "-c", SHELL, str(execgap), str(tmp_path)], 80, 24)
    panes.append(pane)
    app = child_of(pane.pid())
    with lock_held(tmp_path, None) as holder:
        add_plan_item(pane, "Call the bank")
        assert terminal_modes(pane).split()[:2] == ["1", "1"]  # alternate screen, mouse on
        assert plan_texts(tmp_path) == []
        os.kill(app, signum)
        time.sleep(HELD_S)
        release(holder)
    pane.wait_for(f"exit status {128 + signum}")
    assert plan_texts(tmp_path) == ["Call the bank"]
    # The shell's own screen again: no alternate screen, no mouse reporting, a cursor.
    assert terminal_modes(pane) == "0 0 0 0 1"


HIDDEN = textwrap.dedent(
    """
    import sys
    import textual._xterm_parser
    import textual.drivers.linux_driver  # Textual's driver keeps the parser it imported
    del textual._xterm_parser.XTermParser  # execgap's import of the private name fails
    from execgap_tui.cli.main import run
    sys.argv = ["execgap", "--data-dir", sys.argv[1]]
    sys.exit(run())
    """
)


def test_on_textual_s_own_driver_a_signal_still_keeps_the_change(
    panes: list[Pane], tmp_path: Path
) -> None:
    """Without the private parser (the fallback to LinuxDriver's loop): keys work, and
    SIGTERM still finishes the queued save and gives the terminal back."""
    shell = '"$0" -c "$1" "$2"; echo "exit status $?"; exec sleep 600'
    pane = Pane(["sh", "-c", shell, sys.executable, HIDDEN, str(tmp_path)], 80, 24)
    panes.append(pane)
    app = child_of(pane.pid())
    with lock_held(tmp_path, None) as holder:
        add_plan_item(pane, "Call the bank")
        assert terminal_modes(pane).split()[:2] == ["1", "1"]
        os.kill(app, signal.SIGTERM)
        time.sleep(HELD_S)
        release(holder)
    pane.wait_for(f"exit status {128 + signal.SIGTERM}")
    assert plan_texts(tmp_path) == ["Call the bank"]
    assert terminal_modes(pane) == "0 0 0 0 1"
