"""The data folder is the user's alone, and nothing in it is followed as a link.

Real processes under the umasks users have (022 and 002 are common; 000 is the worst), real
links planted where execgap writes: at its temporary files' names, as state.json, as .lock.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import Outcome
from execgap_tui.store.files import write_text
from execgap_tui.store.folder import Store
from execgap_tui.store.plan import shard_name


def execgap(
    folder: Path, *args: str, umask: int = 0o022, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), *args],
        capture_output=True, text=True, timeout=timeout, umask=umask,
    )  # fmt: skip


def modes(folder: Path) -> dict[str, str]:
    """Each entry under `folder` (and `folder` itself, as "."), with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in sorted(folder.rglob("*")):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def private(found: dict[str, str]) -> bool:
    return all(mode == ("0o700" if name in DIRS else "0o600") for name, mode in found.items())


DIRS = {".", "plan", "history", "reviews"}


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_every_file_and_folder_is_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "data"
    for args in (["plan", "one"], ["start", "two"], ["done"], ["stop"], ["plan", "three"]):
        execgap(folder, *args, umask=umask)
    (folder / "state.json").write_text("{damaged")  # set aside, with its .bak, by the next
    assert execgap(folder, "plan", "four", umask=umask).returncode == 0
    old = os.umask(umask)
    try:
        write_text(folder / "reviews" / "2026-11-24.md", "# a review\n")  # as the app's `m`
    finally:
        os.umask(old)
    found = modes(folder)
    assert {".lock", "state.json.bak", "state.json.damaged-1", "state.json.damaged-1.bak",
            "reviews/2026-11-24.md"} <= set(found)  # fmt: skip
    assert private(found), found


def test_temporary_files_are_private_too(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, int] = {}
    real_replace = os.replace

    def replace(source: str, target: str) -> None:  # what each file is as it moves in
        seen[os.path.basename(source)] = stat.S_IMODE(os.lstat(source).st_mode)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    old = os.umask(0)
    try:
        store = Store.open(tmp_path / "data")
        store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id="a1"))
        store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
        store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
        write_text(store.folder / "theme.json", "{}")
    finally:
        os.umask(old)
    assert {name for name in seen if name.endswith(".tmp")} >= {
        f".state.json.{os.getpid()}.tmp", f".2026-11.json.{os.getpid()}.tmp",
        f".{shard_name('a1')}.{os.getpid()}.tmp", f".theme.json.{os.getpid()}.tmp",
    }  # fmt: skip
    assert set(seen.values()) == {0o600}, seen


def test_a_folder_made_by_an_older_version_is_made_private_at_the_next_write(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    execgap(folder, "start", "one")
    execgap(folder, "done")
    for path in [folder, *folder.rglob("*")]:  # as 0.1 left them, under umask 022
        path.chmod(0o755 if path.is_dir() else 0o644)
    report = execgap(folder, "doctor")
    assert "PROBLEM: other users can read the data folder" in report.stdout
    assert not private(modes(folder))  # doctor only says so
    assert execgap(folder, "plan", "two").returncode == 0
    assert private(modes(folder)), modes(folder)
    assert "other users" not in execgap(folder, "doctor").stdout


def test_a_link_planted_at_a_temporary_name_is_never_followed(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = Store.open(tmp_path / "data")
    victims = []
    for n, name in enumerate(["state.json", "2026-11.json", shard_name("a1"), "state.json.bak"]):
        victim = tmp_path / f"victim-{n}"
        victim.write_text("the user's own file")
        victims.append(victim)
        where = store.history_folder if name == "2026-11.json" else store.folder
        where = store.plan_folder if name == shard_name("a1") else where
        (where / f".{name}.{os.getpid()}.tmp").symlink_to(victim)  # this process's names
    store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    assert [victim.read_text() for victim in victims] == ["the user's own file"] * 4
    assert [s.id for s in store.sessions_between(None, None)] == ["s1"]
    for path in store.folder.rglob("*"):
        assert not path.is_symlink(), path  # the planted links are gone, not followed


def test_a_linked_state_file_or_lock_is_refused_and_its_target_left_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    execgap(folder, "plan", "one")
    target = tmp_path / "elsewhere.json"
    target.write_bytes((folder / "state.json").read_bytes())
    before = target.read_bytes()
    (folder / "state.json").unlink()
    (folder / "state.json").symlink_to(target)
    for args in (["status"], ["plan", "two"], ["review"]):
        done = execgap(folder, *args)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert f"{folder / 'state.json'} is a symbolic link" in done.stderr
    assert target.read_bytes() == before and (folder / "state.json").is_symlink()
    assert execgap(folder, "doctor").stdout.count("is a symbolic link") == 1  # said once

    (folder / "state.json").unlink()
    (folder / ".lock").unlink()
    lock_target = tmp_path / "not-a-lock"
    (folder / ".lock").symlink_to(lock_target)
    done = execgap(folder, "plan", "two")
    assert done.returncode == 2 and f"{folder / '.lock'} is a symbolic link" in done.stderr
    assert not lock_target.exists()  # not made through the link


def test_a_linked_folder_inside_the_data_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    execgap(folder, "plan", "one")
    elsewhere = tmp_path / "elsewhere"
    (folder / "history").rename(elsewhere)
    (folder / "history").symlink_to(elsewhere)
    done = execgap(folder, "start", "two")
    assert done.returncode == 2 and f"{folder / 'history'} is a symbolic link" in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_the_data_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "execgap"
    real.mkdir(parents=True)
    (tmp_path / "data").symlink_to(real)  # the user's own choice, not planted inside
    assert execgap(tmp_path / "data", "plan", "one").returncode == 0
    assert (real / "state.json").is_file()


def test_a_fifo_in_place_of_the_state_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    execgap(folder, "plan", "one")
    (folder / "state.json").unlink()
    os.mkfifo(folder / "state.json")
    done = execgap(folder, "status", timeout=10)  # would wait forever for a writer
    assert done.returncode == 2 and "is not a regular file" in done.stderr
    with pytest.raises(DataFileError, match="not a regular file"):
        Store(folder).board()
