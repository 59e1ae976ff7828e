"""Writes that fail for real, below Python: what the command says is what happened.

The `execgap` command runs in a child process whose `os` functions fail as the system's
would (EIO, ENOSPC) for the files and folders named; everything else is the real thing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from execgap_tui.store.folder import Store

FAILING = textwrap.dedent(
    """
    import errno, os, stat, sys

    fail_sync_of_folders = sys.argv[1] == "folder-fsync"
    fail_replace_onto = sys.argv[1].removeprefix("replace:")
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        if fail_sync_of_folders and stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_fsync(fd)

    def replace(source, target, **kwargs):
        if os.path.basename(target) == fail_replace_onto:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(source, target, **kwargs)

    os.fsync, os.replace = fsync, replace
    from execgap_tui.cli.main import main
    sys.exit(main(sys.argv[2:]))
    """
)


def failing(folder: Path, failure: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `execgap ARGS` on `folder` with `failure`: "folder-fsync" (every fsync of a
    folder fails with EIO) or "replace:NAME" (moving a file onto NAME fails with ENOSPC)."""
    command = [sys.executable, "-c", FAILING, failure, "--data-dir", str(folder), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def plan_texts(folder: Path) -> list[str]:
    return sorted(item.text for item in Store(folder).board().items)


def test_a_folder_that_cannot_be_synced_after_the_write_is_told_as_a_saved_change(
    tmp_path: Path,
) -> None:
    done = failing(tmp_path, "folder-fsync", "plan", "Book flights")
    assert plan_texts(tmp_path) == ["Book flights"]  # the rename happened: it is saved
    assert done.returncode == 0 and done.stdout == "planned: Book flights (1 open)\n"
    [told] = done.stderr.splitlines()  # once, though three folders could not be synced
    assert told.startswith("execgap: The change was saved, but ") and "Input/output" in told
    assert "power" in told and "Traceback" not in done.stderr


def test_a_save_whose_last_file_cannot_be_written_leaves_every_file_as_it_was(
    tmp_path: Path,
) -> None:
    Store.open(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.rglob("*.json")}
    done = failing(tmp_path, "replace:state.json", "plan", "Book flights")
    assert done.returncode == 2 and "The disk is full: cannot write" in done.stderr
    assert "nothing was changed" in done.stderr.lower()
    assert {p.name: p.read_bytes() for p in tmp_path.rglob("*.json")} == before
    retry = failing(tmp_path, "none", "plan", "Book flights")  # the user's retry
    assert retry.returncode == 0
    assert plan_texts(tmp_path) == ["Book flights"]  # once


def test_a_finish_whose_last_file_cannot_be_written_keeps_the_session_running(
    tmp_path: Path,
) -> None:
    failing(tmp_path, "none", "start", "Write it", "--ago", "5m")
    done = failing(tmp_path, "replace:state.json", "done")
    assert done.returncode == 2 and "nothing was changed" in done.stderr.lower()
    assert Store(tmp_path).board().running is not None
    assert not any(json.loads(p.read_text()).get("sessions") for p in tmp_path.glob("history/*"))


def test_a_file_set_aside_in_a_folder_that_cannot_be_synced_is_told_as_moved(
    tmp_path: Path,
) -> None:
    (tmp_path / "state.json").write_text("{damaged")
    done = failing(tmp_path, "folder-fsync", "plan", "Book flights")
    assert done.returncode == 0 and plan_texts(tmp_path) == ["Book flights"]
    aside, aside_unsynced, unsynced = done.stderr.splitlines()
    assert f"set aside as {tmp_path / 'state.json.damaged-1'};" in aside
    assert (
        "could not be synced to disk after" in aside_unsynced and "undo the move" in aside_unsynced
    )
    assert unsynced.startswith("execgap: The change was saved, but ")
