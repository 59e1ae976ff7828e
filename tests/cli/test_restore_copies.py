"""A restore from a copy outside the data folder (a backup): it is read, never changed.

Real processes and files, as tests/cli/test_restore.py.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from execgap_tui.store.folder import Store
from tests.cli.test_restore import execgap, ok


def backup_with_a_running_session(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder whose state file was lost (set aside) and a backup holding it."""
    folder, backup = tmp_path / "data", tmp_path / "backup"
    ok(folder, "plan", "one")
    ok(folder, "start", "two")
    shutil.copytree(folder, backup)
    (folder / "state.json").write_text("{damaged")
    assert "set aside as" in execgap(folder, "plan", "three").stderr  # "two" runs no more
    return folder, backup


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.name: (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
        for p in folder.iterdir()
        if p.is_file()
    }


def test_a_set_aside_copy_in_a_backup_is_read_and_left_as_it_is(tmp_path: Path) -> None:
    folder, backup = backup_with_a_running_session(tmp_path)
    copy = backup / "state.json.damaged-7"  # the user's backup of a set-aside copy
    (backup / "state.json").rename(copy)
    copy.chmod(0o444)
    before = snapshot(backup)
    done = execgap(folder, "restore", str(copy))
    assert done.returncode == 0, done.stderr
    assert "renamed" not in done.stdout
    assert snapshot(backup) == before  # no name, mode or byte of the backup changed
    board = Store(folder).board()
    assert board.running is not None and board.running.action_text == "two"


def test_a_link_given_as_the_file_is_followed_to_read_it(tmp_path: Path) -> None:
    folder, backup = backup_with_a_running_session(tmp_path)
    link = tmp_path / "links" / "state.json.bak"
    link.parent.mkdir()
    link.symlink_to(backup / "state.json")
    before = snapshot(backup)
    done = execgap(folder, "restore", str(link))
    assert done.returncode == 0, done.stderr
    assert "could not be read" not in done.stdout
    board = Store(folder).board()
    assert board.running is not None and board.running.action_text == "two"
    assert snapshot(backup) == before and os.path.islink(link)


def test_a_link_to_nothing_is_told_as_such(tmp_path: Path) -> None:
    folder, backup = backup_with_a_running_session(tmp_path)
    link = tmp_path / "state.json.bak"
    link.symlink_to(backup / "gone.json")
    done = execgap(folder, "restore", str(link))
    assert done.returncode == 2 and "is a link to" in done.stderr and "not there" in done.stderr
