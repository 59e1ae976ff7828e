"""The custom TinyDB storage passes the checks TinyDB makes of its own JSON storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import where

from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.store.files import load_json
from execgap_tui.store.tinyfile import tinydb_file

ELEMENT = {
    "none": [None, None],
    "int": 42,
    "float": 3.14159,
    "list": ["LITE", "RES_ACID", "SUS_DEXT"],
    "dict": {"hp": 13, "sp": 5},
    "bool": [True, False, True, False],
    "text": "漢字 😀 \x1b[31m [bold]",
}


def test_round_trip_of_every_json_type(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with tinydb_file(path, load_json(path)) as db:
        db.insert(ELEMENT)
    with tinydb_file(path, load_json(path)) as db:
        assert db.all() == [ELEMENT]


def test_insert_get_remove_cycles_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    long, short = {"name": "A very long entry"}, {"name": "A short one"}
    for item in (long, short):
        with tinydb_file(path, load_json(path)) as db:
            db.insert(item)
        with tinydb_file(path, load_json(path)) as db:
            assert db.get(where("name") == item["name"]) == item
            db.remove(where("name") == item["name"])
        with tinydb_file(path, load_json(path)) as db:
            assert db.get(where("name") == item["name"]) is None


def test_several_tables_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with tinydb_file(path, load_json(path)) as db:
        db.table("a").insert({"x": 1})
        db.table("b").insert_multiple([{"y": 2}, {"y": 3}])
    with tinydb_file(path, load_json(path)) as db:
        assert db.tables() >= {"a", "b", "meta"}
        assert db.table("a").all() == [{"x": 1}]
        assert [doc["y"] for doc in db.table("b").all()] == [2, 3]
    assert set(json.loads(path.read_text())) == {"a", "b", "meta"}


def test_nothing_is_written_when_nothing_changed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with tinydb_file(path, None) as db:
        assert db.all() == []
    assert not path.exists()


def test_an_invalid_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "db.json"
    with pytest.raises(DataFileError, match="Cannot write"), tinydb_file(path, None) as db:
        db.insert({"x": 1})


def test_an_empty_file_is_damaged_not_an_empty_database(tmp_path: Path) -> None:
    # TinyDB reads an empty file as an empty database; here nothing writes one, so an
    # empty file means something went wrong, and it is set aside rather than reused.
    path = tmp_path / "db.json"
    path.write_bytes(b"")
    with pytest.raises(DamagedFileError, match="is empty"):
        load_json(path)
