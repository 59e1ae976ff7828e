"""The data folder's lock, with real processes: one writer at a time, never left stale."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.errors import DataFileError, StorageBusyError
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.store.lock import LockError, LockTimeout, hold, holders

HOLDER = textwrap.dedent(
    """
    import sys, time
    from execgap_tui.store.lock import hold
    with hold(sys.argv[1], timeout=10, poll=0.01):
        print("locked", flush=True)
        time.sleep(60)
    """
)
NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


@contextmanager
def holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the lock on `path` until it is killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)


def test_a_held_lock_times_out(tmp_path: Path) -> None:
    with holder(tmp_path / ".lock"):
        began = time.monotonic()
        with pytest.raises(LockTimeout), hold(tmp_path / ".lock", timeout=0.3, poll=0.01):
            pytest.fail("the lock was taken while another process held it")
        assert time.monotonic() - began >= 0.3


def test_a_crashed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    with holder(tmp_path / ".lock") as process:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        with hold(tmp_path / ".lock", timeout=1, poll=0.01):
            pass


def test_the_lock_file_is_never_truncated_or_removed(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    lock.write_text("kept")
    with hold(lock, timeout=1, poll=0.01):
        assert lock.read_text() == "kept"
    assert lock.read_text() == "kept"


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with hold(tmp_path / ".lock", timeout=10, poll=0.001):
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []


def test_a_folder_that_cannot_hold_a_lock_file_is_a_lock_error(tmp_path: Path) -> None:
    with pytest.raises(LockError), hold(tmp_path / "missing" / ".lock", timeout=1, poll=0.01):
        pass


def test_a_busy_store_changes_nothing_and_says_so(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.add_plan, text="kept", now=NOW, new_id="p1"))
    before = store.state_path.read_bytes()
    with (
        holder(store.lock_path),
        pytest.raises(StorageBusyError, match="nothing was changed"),
        store._locked(timeout=0.2),
    ):
        pytest.fail("the store wrote while another process held the lock")
    assert store.state_path.read_bytes() == before


def test_an_error_while_writing_is_not_called_a_lock_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(PermissionError), store._locked():
        raise PermissionError("disk says no")


def test_a_data_folder_removed_while_open_is_made_again_by_the_next_write(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "data")
    shutil.rmtree(tmp_path / "data")
    store.apply(partial(steps.write_next, text="kept", now=NOW, new_id="a"))
    store.apply(partial(steps.start, now=NOW, new_id="s"))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=NOW))
    assert [s.action_text for s in store.sessions_between(None, None)] == ["kept"]


def test_a_data_folder_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = Store(tmp_path / "file" / "data")
    with pytest.raises(DataFileError, match="Cannot create the data folder"), store._locked():
        pass


def test_the_holder_is_known_by_its_process_id(tmp_path: Path) -> None:
    assert holders(tmp_path / ".lock") == []  # no file
    with holder(tmp_path / ".lock") as process:
        assert holders(tmp_path / ".lock") == [process.pid]
    assert holders(tmp_path / ".lock") == []


def test_doctor_names_the_process_holding_the_lock(tmp_path: Path) -> None:
    Store.open(tmp_path).apply(partial(steps.add_plan, text="kept", now=NOW, new_id="p1"))
    with holder(tmp_path / ".lock") as process:
        done = subprocess.run(
            [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path), "doctor"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert f"by process {process.pid} ({sys.executable} -c" in done.stdout
    assert "do not remove" in done.stdout
