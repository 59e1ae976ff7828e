"""Doctor's advice as a user follows it: every command it prints, run as printed, loses nothing.

Real processes and files; the commands doctor prints go through a real shell.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

from execgap_tui.core import board as steps
from execgap_tui.core.clock import SystemClock
from execgap_tui.store.folder import Store
from execgap_tui.store.plan import shard_name

BIN = os.path.dirname(sys.executable)  # where the installed `execgap` is, beside its python


def execgap(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def ok(folder: Path, *args: str) -> str:
    done = execgap(folder, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def printed(folder: Path) -> list[str]:
    """Every command line doctor prints for `folder` (after a colon, at a line's end)."""
    report = execgap(folder, "doctor").stdout
    assert " cp " not in report and "rm " not in report, report  # never a command that loses
    return re.findall(r": (execgap .+)$", report, re.MULTILINE)


def follow(commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run each command through a shell, as a user pasting it would."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return [
        subprocess.run(command, shell=True, capture_output=True, text=True, env=env, timeout=60)
        for command in commands
    ]


def everything_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_foreign_state_file_is_kept_whatever_doctor_says_to_do(tmp_path: Path) -> None:
    ok(tmp_path, "plan", "one")
    ok(tmp_path, "start", "two")
    foreign = b'{"_default": {"1": {"song": "another program\'s data"}}}'
    (tmp_path / "state.json").write_bytes(foreign)
    commands = printed(tmp_path)
    assert commands == [f"execgap --data-dir {tmp_path} restore {tmp_path / 'state.json'}"]
    [done] = follow(commands)
    assert done.returncode == 0, done.stderr
    assert foreign in everything_in(tmp_path).values()  # kept, under another name
    # What the last good copy held is back (it is from before the start: the session was
    # only in the file replaced), and the open items, in their own files, were never lost.
    assert "restored state.json from state.json.damaged-1" in done.stdout
    assert sorted(item.text for item in Store(tmp_path).board().items) == ["one", "two"]


def test_a_file_from_a_newer_execgap_is_never_offered_for_replacing(tmp_path: Path) -> None:
    ok(tmp_path, "plan", "one")
    ok(tmp_path, "plan", "two")  # a .bak exists, of this version
    newer = b'{"meta": {"1": {"app": "execgap", "schema": 99}}, "current": {"1": {}}}'
    (tmp_path / "state.json").write_bytes(newer)
    report = execgap(tmp_path, "doctor").stdout
    assert "newer execgap" in report and "upgrade" in report
    follow(printed(tmp_path))
    done = execgap(tmp_path, "restore", str(tmp_path / "state.json.bak"))  # tried anyway
    assert done.returncode == 2 and "newer execgap" in done.stderr
    assert (tmp_path / "state.json").read_bytes() == newer


def damage_a_record(state: Path) -> None:
    data = json.loads(state.read_text())
    data["current"]["1"]["recent"][0]["at"] = 5
    state.write_text(json.dumps(data))


def test_restoring_a_set_aside_state_file_keeps_what_was_confirmed_since(tmp_path: Path) -> None:
    ok(tmp_path, "plan", "one")
    ok(tmp_path, "start", "two", "--ago", "20m")
    damage_a_record(tmp_path / "state.json")
    assert "set aside as" in execgap(tmp_path, "plan", "three").stderr  # and "two" is gone
    ok(tmp_path, "start", "four", "--ago", "5m")
    ok(tmp_path, "done")
    ok(tmp_path, "plan", "five")  # confirmed since the set-aside
    commands = printed(tmp_path)
    assert commands == [
        f"execgap --data-dir {tmp_path} restore {tmp_path / 'state.json.damaged-1'}"
    ]
    [done] = follow(commands)
    assert done.returncode == 0, done.stderr
    assert (
        "the running session “two”" in done.stdout and "state.json.before-restore-1" in done.stdout
    )
    board = Store(tmp_path).board()
    assert board.running is not None and board.running.action_text == "two"
    assert sorted(item.text for item in board.items) == ["five", "one", "three", "two"]
    assert [s.action_text for s in Store(tmp_path).sessions_between(None, None)] == ["four"]
    # Its damaged event is only there: it stays set aside, never called safe to remove.
    assert "state.json.damaged-1 is left as it was" in done.stdout
    assert not (tmp_path / "state.json.restored-1").exists()
    assert (tmp_path / "state.json.before-restore-1").exists()
    again = follow(printed(tmp_path))  # offered again: it loses nothing, brings nothing twice
    assert again[0].returncode == 0 and "nothing to bring back" in again[0].stdout


def test_a_state_file_damaged_inside_a_record_is_mended_keeping_its_running_session(
    tmp_path: Path,
) -> None:
    ok(tmp_path, "plan", "one")
    ok(tmp_path, "start", "two")
    damage_a_record(tmp_path / "state.json")  # an event of the gap: the session is fine
    [command] = printed(tmp_path)
    assert command == f"execgap --data-dir {tmp_path} restore {tmp_path / 'state.json'}"
    [done] = follow([command])
    assert done.returncode == 0 and "set aside as" in done.stderr, done.stderr
    board = Store(tmp_path).board()
    assert board.running is not None and board.running.action_text == "two"
    assert "1 damaged record could not be read" in done.stdout


def one_session_under_a_bad_key(folder: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Log one session; return its month file and its documents, the session's record key
    changed to one TinyDB cannot read (to be written back, changed more if need be)."""
    ok(folder, "start", "one", "--ago", "30m")
    ok(folder, "done", "--ago", "25m")
    [month] = (folder / "history").glob("*.json")
    data = json.loads(month.read_text())
    data["sessions"]["x"] = data["sessions"].pop("1")
    return month, data


def test_a_month_file_set_aside_comes_back_merged_by_id(tmp_path: Path) -> None:
    month, data = one_session_under_a_bad_key(tmp_path)
    month.write_text(json.dumps(data))
    ok(tmp_path, "start", "two", "--ago", "10m")
    assert "set aside as" in execgap(tmp_path, "done").stderr
    [done] = follow(printed(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "1 finished session" in done.stdout
    texts = [s.action_text for s in Store(tmp_path).sessions_between(None, None)]
    assert texts == ["one", "two"]
    follow([f"execgap --data-dir {tmp_path} restore {month}.restored-1"])  # twice: once each
    assert len(Store(tmp_path).sessions_between(None, None)) == 2


def test_a_backups_plan_files_bring_back_their_items_but_not_those_done_since(
    tmp_path: Path,
) -> None:
    folder, backup = tmp_path / "data", tmp_path / "backup"
    store, now = Store.open(folder), SystemClock().now()
    assert shard_name("p1") != shard_name("a1")  # each in a file of its own, written once
    store.apply(partial(steps.add_plan, text="keep me", now=now, new_id="p1"))
    store.apply(partial(steps.write_next, text="finish me", now=now, new_id="a1"))
    shutil.copytree(folder, backup)  # the user's backup, this morning
    ok(folder, "start")
    ok(folder, "done")  # "finish me" is closed: in the history
    board = Store(backup).board()
    [keep] = [item for item in board.items if item.text == "keep me"]
    shard = folder / "plan" / shard_name(keep.id)
    shard.write_text("{damaged")  # written once: it has no earlier copy
    report = execgap(folder, "doctor").stdout
    assert "neither it nor an earlier copy of it can be read" in report and printed(folder) == []
    for item in board.items:  # restore each plan file from the backup, as --help says
        done = execgap(folder, "restore", str(backup / "plan" / shard_name(item.id)))
        assert done.returncode == 0, done.stderr
    texts = sorted(item.text for item in Store(folder).board().items)
    assert texts == ["keep me"]  # and "finish me" stays done
    assert [s.action_text for s in Store(folder).sessions_between(None, None)] == ["finish me"]


def test_every_command_doctor_prints_is_quoted_for_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "my data; $(touch pwned) `touch pwned` 'quoted' \"too\""
    ok(folder, "plan", "one")
    ok(folder, "plan", "one more")  # so that the state file has a last good copy
    (folder / "state.json").write_text("{damaged")
    ok(folder, "plan", "two")  # sets it aside
    commands = printed(folder)
    assert len(commands) == 1
    [done] = follow(commands)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("pwned")) and not Path("pwned").exists()
    assert "state.json.damaged-1 could not be read at all" in done.stdout
    assert (folder / "state.json.damaged-1").exists()  # unread: never called restored


def null_field(month: Path, name: str) -> None:
    data = json.loads(month.read_text())
    data["sessions"]["1"][name] = None  # an older or hand-edited file: null, not ""
    month.write_text(json.dumps(data))


def test_a_null_note_or_device_reads_as_empty_not_as_damage(tmp_path: Path) -> None:
    ok(tmp_path, "start", "one", "--ago", "30m")
    ok(tmp_path, "done", "--ago", "25m")
    [month] = (tmp_path / "history").glob("*.json")
    null_field(month, "note")
    null_field(month, "device")
    [session] = Store(tmp_path).sessions_between(None, None)
    assert (session.note, session.device) == ("", "")
    ok(tmp_path, "start", "two", "--ago", "10m")
    assert "set aside" not in execgap(tmp_path, "done").stderr
    assert printed(tmp_path) == []


def test_a_copy_restored_only_in_part_stays_set_aside_and_says_so(tmp_path: Path) -> None:
    month, data = one_session_under_a_bad_key(tmp_path)
    data["sessions"]["x"]["started_at"] = 5  # and the session itself: it reads nowhere
    month.write_text(json.dumps(data))
    ok(tmp_path, "start", "two", "--ago", "10m")
    assert "set aside as" in execgap(tmp_path, "done").stderr
    [command] = printed(tmp_path)
    [done] = follow([command])
    assert done.returncode == 0, done.stderr
    assert "1 damaged record could not be read" in done.stdout
    assert f"{month.name}.damaged-1 is left as it was" in done.stdout
    assert "renamed" not in done.stdout
    assert (Path(f"{month}.damaged-1")).exists() and not Path(f"{month}.restored-1").exists()
    report = execgap(tmp_path, "doctor").stdout
    kept = [line for line in report.splitlines() if "kept by restores" in line]
    assert all("damaged-1" not in line for line in kept)
    assert f"{month.name}.damaged-1 was set aside as damaged" in report
