"""Reading the whole history: doctor and export share the month files among the cores, and
every read goes a column at a time; each is held against the plain way of doing it."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from execgap_tui.cli.commands import csv_lines, json_lines
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import ItemState, Outcome, PlanItem, Session
from execgap_tui.store import cores, records
from execgap_tui.store.files import Document, write_atomic
from execgap_tui.store.folder import Store
from execgap_tui.store.records import APP, SCHEMA, from_table, session_record, to_doc

MONTHS = cores.SHARED_FROM + 6
FIRST = datetime(2020, 1, 10, 9, 0, tzinfo=UTC)


def session(n: int, start: datetime, **fields: Any) -> Session:
    return Session(f"s{n}", f"a{n}", f"Action {n}", start, start + timedelta(minutes=7), 120,
                   420, Outcome.DONE, True, **fields)  # fmt: skip


def seed_months(store: Store) -> list[Document]:
    """Write three sessions a month for `MONTHS` months; return their records, oldest first."""
    written = []
    for month in range(MONTHS):
        start = FIRST.replace(year=2020 + month // 12, month=1 + month % 12)
        docs = [
            session_record(session(3 * month + k, start + timedelta(days=k))) for k in (2, 0, 1)
        ]
        data = {"meta": {"1": {"app": APP, "schema": SCHEMA}},
                "sessions": {str(k + 1): doc for k, doc in enumerate(docs)}}  # fmt: skip
        write_atomic(store.history_folder / f"{start:%Y-%m}.json", data)
        written += sorted(docs, key=lambda doc: doc["started_at"])
    return written


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path)


@pytest.fixture
def serial(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work done in this process, one file after the other."""
    monkeypatch.setattr(cores, "SHARED_FROM", 10**9)


def test_doctor_finds_the_same_damage_in_workers_as_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_months(store)
    damaged = store.history_folder / "2021-03.json"
    data = json.loads(damaged.read_text())
    data["sessions"]["2"]["started_at"] = "yesterday"
    damaged.write_text(json.dumps(data))
    (store.history_folder / "2021-07.json").write_text('{"sessions": ')
    shared = store.check()
    assert len(shared) > cores.SHARED_FROM  # shared among the cores, where there are two
    monkeypatch.setattr(cores, "SHARED_FROM", 10**9)
    assert shared == store.check()
    found = {Path(path).name: problem for path, problem in shared if problem}
    assert sorted(found) == ["2021-03.json", "2021-07.json"]
    assert "sessions record 2" in found["2021-03.json"]
    assert "not valid JSON" in found["2021-07.json"]


@pytest.mark.parametrize("way", ["shared", "serial"])
def test_export_lines_are_every_record_oldest_first(
    store: Store, way: str, request: pytest.FixtureRequest
) -> None:
    if way == "serial":
        request.getfixturevalue("serial")
    written = seed_months(store)
    moved = store.history_folder / "2020-05.json"  # a record moved by hand to another month
    data = json.loads(moved.read_text())
    early = session_record(session(999, FIRST - timedelta(days=3), note='say "hi"\n\x1b]0;x\x07'))
    data["sessions"]["9"] = early
    moved.write_text(json.dumps(data))
    lines = store.session_lines(None, None, json_lines)
    assert [json.loads(line) for line in lines] == [early, *written]
    middle = FIRST + timedelta(days=300)
    between = store.session_lines(middle, middle + timedelta(days=90), json_lines)
    expected = [doc for doc in written if middle.isoformat() <= doc["started_at"]]
    assert [json.loads(line) for line in between] == expected[: len(between)]
    assert len(between) == 9  # three months of three


def test_json_lines_are_the_records_whatever_their_text() -> None:
    tricky = [
        session_record(session(1, FIRST, note='}, {"id": "not a record"}')),
        {**session_record(session(2, FIRST)), "note": [{"id": 1}, {"id": 2}]},  # by hand
        session_record(session(3, FIRST, note="ünïcode ✅ and a\nbreak")),
    ]
    for docs in ([], tricky[:1], tricky, tricky[::2]):
        lines = json_lines(docs)
        assert [json.loads(line) for line in lines] == docs
        assert all("\n" not in line for line in lines)
    assert json_lines(tricky[2:]) == [json.dumps(tricky[2], ensure_ascii=False)]


def test_csv_lines_are_the_rows_a_csv_reader_reads_back() -> None:
    notes = ["plain", 'a "quote", a comma', "two\nlines", ""]
    docs = [session_record(session(n, FIRST, note=note)) for n, note in enumerate(notes)]
    lines = csv_lines(docs)
    assert len(lines) == len(docs)
    rows = list(csv.DictReader(io.StringIO(",".join(Session._fields) + "\n" + "".join(lines))))
    assert [row["note"] for row in rows] == [doc["note"] for doc in docs]
    assert [row["started_at"] for row in rows] == [doc["started_at"] for doc in docs]


# A column at a time reads as a record at a time: the same values, or the same refusal.

GOOD: dict[type, Document] = {
    Session: session_record(session(1, FIRST, latency_s=60, changed_at=FIRST, device="d1")),
    PlanItem: to_doc(PlanItem("a1", "Call the garage", FIRST, FIRST, None, ItemState.OPEN)),
}
STRANGE: list[object] = [None, "", 0, 1, True, "yesterday", "2020-01-10T09:00:00", [], {}, "x",
                         "done", "open", FIRST.isoformat(), 3.5]  # fmt: skip


def one_at_a_time(cls: type[Any], table: Document) -> tuple[Any, ...] | str:
    fields = records._readers(cls)
    try:
        return tuple(records._from_fields(cls, fields, doc) for doc in table.values())
    except (KeyError, TypeError, ValueError):  # what a reader raises on a value it refuses
        return "refused"


def by_columns(cls: type[Any], table: Document) -> tuple[Any, ...] | str:
    try:
        return from_table(cls, {"t": table}, "t")  # a column failing where no record does: a bug
    except DataFileError as error:
        assert str(error).startswith("t record ")  # named by the record
        return "refused"


@pytest.mark.parametrize("cls", [Session, PlanItem], ids=["sessions", "items"])
def test_a_column_at_a_time_reads_as_a_record_at_a_time(cls: type[Any]) -> None:
    chance = random.Random(14)
    refused = 0
    for _ in range(1500):
        table = {}
        for key in range(chance.randint(1, 4)):
            doc = dict(GOOD[cls])
            for _ in range(chance.choice([0, 0, 1, 2])):
                name = chance.choice(list(doc))
                if chance.random() < 0.3:
                    del doc[name]  # written before the field existed, or damaged
                else:
                    doc[name] = chance.choice(STRANGE)
            table[str(key + 1)] = doc
        expected = one_at_a_time(cls, table)
        assert by_columns(cls, table) == expected, table
        refused += isinstance(expected, str)
    assert 300 < refused < 1200  # both kinds were tried
