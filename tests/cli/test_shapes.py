"""Data files of valid JSON and the wrong shape, through the real CLI and the app's read path.

Every field of every record of a good data folder is given wrong values (tests/shapes.py), one
at a time: each is read as it is or told as damage (the file, the table, the record), never a
traceback or "unexpected TypeError"; doctor names exactly the files a read refuses; and no
command fails for good.
"""

from __future__ import annotations

import contextlib
import io
import random
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from execgap_tui.cli.main import main
from execgap_tui.core.clock import SystemClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.store.folder import Store
from tests.shapes import Mutation, mutations


def execgap(folder: Path, *args: str) -> tuple[int, str, str]:
    """Run the real command line in this process (as `execgap` runs it); its status, out, err."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--data-dir", str(folder), *args])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a running session, open items, a finished session and a closed item."""
    folder = tmp_path_factory.mktemp("good")
    for args in (["plan", "one"], ["start", "two", "--ago", "10m"], ["done", "--note", "ok"],
                 ["plan", "three"], ["start", "four"]):  # fmt: skip
        assert execgap(folder, *args)[0] == 0
    return folder


def read_refuses(folder: Path, path: Path) -> str | None:
    """What the app's read path (the board, the status line, the history) says of `folder`,
    or None when it reads; anything but a DataFileError naming `path` fails the test."""
    store = Store.open(folder)
    try:
        store.board()
        store.focus()
        now = SystemClock().now()
        store.history(now - timedelta(days=400), now + timedelta(days=1))
    except DataFileError as error:
        assert str(path) in str(error), error
        return str(error)
    return None


def check(folder: Path, mutation: Mutation) -> None:
    """The properties every mutation must keep (see the module's docstring)."""
    path = mutation.apply(folder)
    refused = read_refuses(folder, path)
    status, report, _ = execgap(folder, "doctor")
    named = [line for line in report.splitlines() if f"PROBLEM: {path} " in line]
    assert bool(named) == bool(refused), (mutation, named, refused)
    if refused and mutation.field not in ("<key>", "<table>"):  # a record: named by its key
        assert " record " in named[0], named
    for args in (["status"], ["review"], ["export"], ["done"], ["plan", "z"], ["review"]):
        status, _, err = execgap(folder, *args)
        assert status in (0, 1, 2) and "unexpected" not in err and "Traceback" not in err, (
            mutation, args, err)  # fmt: skip
        for line in err.splitlines():
            assert line.startswith("execgap: "), (mutation, args, err)
    assert execgap(folder, "plan", "after")[0] == 0, mutation  # nothing fails for good


def test_every_field_of_every_record_of_the_wrong_shape_is_read_or_told(
    good: Path, tmp_path: Path
) -> None:
    found = mutations(good, random.Random(10), per_field=3)
    assert len(found) > 300 and {m.file.split("/")[0] for m in found} == {
        "state.json", "plan", "history"
    }  # fmt: skip
    for n, mutation in enumerate(found):
        folder = tmp_path / str(n)
        shutil.copytree(good, folder)
        check(folder, mutation)
        shutil.rmtree(folder)


@pytest.mark.parametrize("key", ["abc", "1.5"])
def test_a_month_file_with_a_key_tinydb_cannot_read_does_not_stop_done(
    good: Path, tmp_path: Path, key: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(good, folder)
    [month] = (folder / "history").glob("*.json")
    Mutation(f"history/{month.name}", ("sessions",), "<key>", key).apply(folder)
    status, report, _ = execgap(folder, "doctor")
    assert f"PROBLEM: {month} has a damaged table 'sessions' (its record key {key!r}" in report
    status, _, err = execgap(folder, "done")
    assert status == 0 and f"{month} has a damaged table 'sessions'" in err
    assert f"set aside as {month}.damaged-1" in err
    assert execgap(folder, "start", "again")[0] == 0
    assert execgap(folder, "done")[0] == 0  # and the next, and the next


@pytest.mark.parametrize("where", ["state", "month"])
def test_a_number_of_thousands_of_digits_is_damage_not_a_crash(tmp_path: Path, where: str) -> None:
    """Python refuses to read an integer of over 4,300 digits (ValueError, not a JSON
    error): every command, doctor and the app said "unexpected ValueError" and stopped."""
    for args in (["plan", "one"], ["start", "two", "--ago", "10m"], ["done"]):
        assert execgap(tmp_path, *args)[0] == 0
    [month] = (tmp_path / "history").glob("*.json")
    path = tmp_path / "state.json" if where == "state" else month
    raw = path.read_text()
    field = '"open":1' if where == "state" else '"active_s":600'
    path.write_text(raw.replace(field, field.split(":")[0] + ":" + "9" * 5000))
    assert "9" * 5000 in path.read_text()
    for args in (["status"], ["review"], ["doctor"]):
        status, out, err = execgap(tmp_path, *args)
        assert "unexpected" not in err and "Traceback" not in err, (args, err)
    assert status == 1 and f"PROBLEM: {path} is not valid JSON" in out  # doctor names it
    assert "desktop notifications:" in out  # and goes on
