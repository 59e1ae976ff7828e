"""Times given and times read: back-dated starts and finishes, races, a clock gone back.

Real processes on real files, as a user runs them (see test_cli.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import SystemClock
from execgap_tui.store.folder import Store
from execgap_tui.store.lock import POLL_S, hold
from tests.cli.test_cli import execgap, ok


class HeldStore(Store):
    """The store of a process that holds the data folder's lock already (this test)."""

    def _locked(self, timeout: float | None = None) -> AbstractContextManager[None]:
        return nullcontext()


def waits_on(process: subprocess.Popen[str], lock: Path) -> bool:
    """Whether `process` has the lock file open: it read the time and now waits for the lock."""
    fds = Path(f"/proc/{process.pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(lock.resolve()) for fd in fds.iterdir())
    except FileNotFoundError:  # it has exited (or a descriptor closed as it was read)
        return False


@pytest.mark.parametrize("late_s", [0, 2])
def test_a_plain_done_is_not_refused_when_a_concurrent_start_wins_the_lock(
    tmp_path: Path, late_s: int
) -> None:
    ok(tmp_path, "next", "Call the bank")
    lock = tmp_path / ".lock"
    with hold(lock, timeout=10, poll=POLL_S):
        done = subprocess.Popen(
            [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path), "done"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        while not waits_on(done, lock):
            assert done.poll() is None, done.communicate()
            time.sleep(POLL_S)
        # The start that wins the lock: saved after `done` read the time, at once or (on a
        # loaded machine) seconds later.
        now = SystemClock().now() + timedelta(seconds=late_s)
        HeldStore(tmp_path).apply(partial(steps.start, now=now, new_id="s1"))
    out, err = done.communicate(timeout=60)
    assert (done.returncode, err) == (0, "")  # not refused
    # Then, a second or more behind, a line says the clock read a time before the start.
    assert out.splitlines()[0] == "done: Call the bank · 0:00 · a start"
    [session] = Store(tmp_path).sessions_between(None, None)
    assert session.id == "s1" and session.ended_at == session.started_at == now
    assert Store(tmp_path).board().running is None


def test_a_plain_done_after_the_clock_went_back_ends_the_session_at_its_start(
    tmp_path: Path,
) -> None:
    ok(tmp_path, "next", "Call the bank")
    ahead = SystemClock().now() + timedelta(minutes=10)  # started before the clock was set back
    Store.open(tmp_path).apply(partial(steps.start, now=ahead, new_id="s1"))
    done = execgap(tmp_path, "stop", env={"TZ": "UTC"})
    assert (done.returncode, done.stderr) == (0, "")
    stopped, told = done.stdout.splitlines()
    assert stopped == "stopped: Call the bank · 0:00 · a start"
    assert told.startswith("The clock reads ")  # the minute it is now
    assert told.endswith(f", before the session began ({ahead:%H:%M}): it was ended at its start.")
    [session] = Store(tmp_path).sessions_between(None, None)
    assert session.ended_at == session.started_at == ahead


def test_the_help_says_how_to_pick_a_time_the_clocks_show_twice(tmp_path: Path) -> None:
    for command in ("start", "done", "stop"):
        text = " ".join(ok(tmp_path, command, "--help", env={"COLUMNS": "200"}).split())
        assert 'unless its UTC offset says which: "01:30 -05:00"' in text


def near_noon() -> tuple[dict[str, str], ZoneInfo]:
    """A whole-hour zone (its TZ setting) where it is between 12:00 and 13:00 now: the last
    minutes and the next are on one local day, whenever the test runs."""
    hours = 12 - SystemClock().now().hour
    name = f"Etc/GMT{-hours:+d}" if hours else "UTC"  # Etc/GMT-9 is 9 hours ahead of UTC
    return {"TZ": name}, ZoneInfo(name)


def test_a_back_dated_start_over_a_session_just_logged_is_refused(tmp_path: Path) -> None:
    noon, zone = near_noon()  # another day's times would name their day
    ok(tmp_path, "start", "Write the intro", "--ago", "5m", env=noon)
    ok(tmp_path, "done", "--ago", "1m", env=noon)
    before = (tmp_path / "state.json").read_bytes()
    done = execgap(tmp_path, "start", "Second", "--ago", "3m", env=noon)
    assert (done.returncode, done.stdout) == (2, "")
    [session] = Store(tmp_path).sessions_between(None, None)
    began, ended = (f"{moment.astimezone(zone):%H:%M}"
                    for moment in (session.started_at, session.ended_at))  # fmt: skip
    assert done.stderr.startswith("execgap: A start at ")
    assert f" would overlap “Write the intro” ({began}-{ended}) already logged: " in done.stderr
    assert done.stderr.count("\n") == 1
    assert (tmp_path / "state.json").read_bytes() == before  # nothing started, nothing planned
    assert Store(tmp_path).sessions_between(None, None) == [session]
