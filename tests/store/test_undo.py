"""A save that fails puts back what it wrote: each file, and each file's last good copy.

Real files, as the rest of tests/store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from execgap_tui.core.errors import DataFileError
from execgap_tui.store.files import backup_of, write_atomic
from execgap_tui.store.writes import Writes, all_or_nothing


def version(path: Path) -> object:
    return json.loads(path.read_text())["v"]


def test_an_undone_write_puts_back_the_file_and_its_last_good_copy(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    write_atomic(path, {"v": 1})
    write_atomic(path, {"v": 2})  # 1 is the last good copy
    with pytest.raises(DataFileError), all_or_nothing(Writes([])) as writes:
        write_atomic(path, {"v": 3}, writes)
        raise DataFileError("the next file cannot be written.")
    assert version(path) == 2
    assert version(Path(backup_of(path))) == 1  # not lost by the undo
    assert sorted(os.listdir(tmp_path)) == ["state.json", "state.json.bak"]  # nothing left


def test_a_write_that_succeeds_leaves_no_spare_copy(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    write_atomic(path, {"v": 1})
    with all_or_nothing(Writes([])) as writes:
        write_atomic(path, {"v": 2}, writes)
    assert (version(path), version(Path(backup_of(path)))) == (2, 1)
    assert sorted(os.listdir(tmp_path)) == ["state.json", "state.json.bak"]


def test_a_write_that_cannot_be_put_back_says_what_may_be_saved(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    write_atomic(path, {"v": 1})
    with pytest.raises(DataFileError) as raised, all_or_nothing(Writes([])) as writes:
        write_atomic(path, {"v": 2}, writes)
        os.remove(backup_of(path))  # the undo cannot put 1 back
        raise DataFileError("the next file cannot be written.")
    told = str(raised.value)
    assert f"{path} may already hold this change" in told
    assert "before trying again" in told and "doctor" not in told
