"""The storage adapter on real files in a temp folder, with real processes for the lock."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import Outcome
from execgap_tui.store import records
from execgap_tui.store.device import device_id
from execgap_tui.store.files import Document
from execgap_tui.store.folder import Store
from execgap_tui.store.plan import shard_name
from execgap_tui.store.records import SCHEMA

DAY = timedelta(days=1)


def run_loop(store: Store, clock: FakeClock, outcome: Outcome = Outcome.DONE) -> None:
    store.apply(partial(steps.write_next, text="Write the intro", now=clock.now(), new_id="a1"))
    clock.advance(30)
    store.apply(partial(steps.start, now=clock.now(), new_id="s1", start_timer_s=120))
    clock.advance(150)
    store.save(partial(steps.finish, outcome=outcome, now=clock.now(), note="ok"), at=clock.now())


def load(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data = json.loads(path.read_text())
    assert isinstance(data, dict)
    return data


def test_a_finished_session_is_logged_with_every_field(store: Store, clock: FakeClock) -> None:
    run_loop(store, clock)
    history = load(store.history_folder / "2026-11.json")
    [session] = history["sessions"].values()
    assert session == {
        "id": "s1",
        "action_id": "a1",
        "action_text": "Write the intro",
        "started_at": "2026-11-24T09:00:30+00:00",
        "ended_at": "2026-11-24T09:03:00+00:00",
        "start_timer_s": 120,
        "active_s": 150,
        "outcome": "done",
        "momentum": True,
        "note": "ok",
        "slept_s": 0,
        "latency_s": 30,
        "changed_at": "2026-11-24T09:03:00+00:00",  # when and where it was written
        "device": device_id(),
    }
    [item] = history["items"].values()
    assert item == {
        "id": "a1",
        "text": "Write the intro",
        "created_at": "2026-11-24T09:00:00+00:00",
        "promoted_at": "2026-11-24T09:00:00+00:00",
        "done_at": "2026-11-24T09:03:00+00:00",
        "state": "done",
        "started_at": "2026-11-24T09:00:30+00:00",
        "changed_at": "2026-11-24T09:03:00+00:00",
        "device": device_id(),
    }
    meta = {"app": "execgap", "schema": SCHEMA}
    assert list(load(store.state_path)["meta"].values()) == [meta]
    # A month file says it holds the sessions that ran on into it (history.py).
    month = load(store.history_folder / "2026-11.json")["meta"]
    assert list(month.values()) == [{**meta, "carries": True}]


def test_the_board_survives_reopening(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text="Call the bank", now=clock.now(), new_id="p1"))
    store.apply(partial(steps.write_next, text="Draft 漢字 😀", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    store.apply(partial(steps.write_tomorrow, text="Open the draft", now=clock.now()))
    before = store.board()
    after = Store.open(store.folder).board()
    assert after == before
    assert after.running is not None and after.running.started_at.tzinfo is not None
    assert (after.tomorrow, after.tomorrow_at) == ("Open the draft", clock.now())
    assert sorted(item.text for item in after.items) == ["Call the bank", "Draft 漢字 😀"]


def test_every_read_sees_what_another_store_wrote(tmp_path: Path, clock: FakeClock) -> None:
    first, second = Store.open(tmp_path), Store.open(tmp_path)
    assert second.board().items == ()
    first.apply(partial(steps.add_plan, text="one", now=clock.now(), new_id="1"))
    assert [item.id for item in second.board().items] == ["1"]
    second.apply(partial(steps.add_plan, text="two", now=clock.now(), new_id="2"))
    assert [item.id for item in first.board().items] == ["1", "2"]


def test_writes_leave_no_temporary_files(store: Store, clock: FakeClock) -> None:
    run_loop(store, clock)
    leftovers = [p.name for p in store.folder.rglob("*.tmp")]
    assert leftovers == []


def test_sessions_are_read_back_by_time_range(store: Store, clock: FakeClock) -> None:
    run_loop(store, clock, Outcome.STOPPED)
    start = datetime(2026, 11, 24, tzinfo=UTC)
    [session] = store.sessions_between(start, start + timedelta(days=1))
    assert (session.id, session.outcome, session.active_s) == ("s1", Outcome.STOPPED, 150)
    assert store.sessions_between(start + timedelta(days=1), start + timedelta(days=2)) == []


def test_finishing_twice_after_a_crash_logs_one_session(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    board = store.board()
    store.apply(partial(steps.finish, outcome=Outcome.STOPPED, now=clock.now()))
    # A crash between the history write and the board write leaves the session running.
    store.apply(lambda _: steps.Change(board))
    store.apply(partial(steps.finish, outcome=Outcome.STOPPED, now=clock.now()))
    sessions = load(store.history_folder / "2026-11.json")["sessions"]
    assert [doc["id"] for doc in sessions.values()] == ["s1"]


def good_state(folder: Path, clock: FakeClock) -> bytes:
    """Write two versions of the state; return the bytes of the first (the .bak)."""
    store = Store.open(folder)
    store.apply(partial(steps.add_plan, text="first", now=clock.now(), new_id="p1"))
    first = store.state_path.read_bytes()
    store.apply(partial(steps.add_plan, text="second", now=clock.now(), new_id="p2"))
    return first


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda good: good[: len(good) // 2], "is not valid JSON"),  # truncated
        (lambda good: b"", "is empty"),
        (lambda good: b"\x00\xff garbage", "is not valid JSON"),
        (lambda good: b"[1, 2, 3]", "holds no tables"),
        (lambda good: b'{"_default": {"1": {"x": 1}}}', "is not an execgap file"),
        (lambda good: b'{"meta": {"1": {"app": "other", "schema": 1}}}', "not an execgap file"),
        (lambda good: b"[" * 100_000 + b"]" * 100_000, "is nested too deeply"),
    ],
    ids=[
        "truncated",
        "empty",
        "binary",
        "array",
        "tinydb-of-another-program",
        "foreign-meta",
        "nested-deep",
    ],
)
def test_a_damaged_or_foreign_file_is_set_aside_and_the_last_good_copy_kept(
    tmp_path: Path, clock: FakeClock, damage: Callable[[bytes], bytes], reason: str
) -> None:
    first = good_state(tmp_path, clock)
    state = tmp_path / "state.json"
    damaged = damage(state.read_bytes())
    state.write_bytes(damaged)

    with pytest.raises(DataFileError, match=f"{reason}.*execgap doctor"):
        Store(tmp_path).board()  # a reader without the lock says so and changes nothing
    assert state.read_bytes() == damaged

    store = Store.open(tmp_path)
    [notice] = store.notices
    aside = tmp_path / "state.json.damaged-1"
    assert str(state) in notice and reason in notice
    assert str(aside) in notice and "state.json.damaged-1.bak" in notice
    assert aside.read_bytes() == damaged  # byte for byte
    assert (tmp_path / "state.json.damaged-1.bak").read_bytes() == first
    # A fresh state file; nothing was overwritten, and the open items (in plan/) are all there.
    assert [item.id for item in store.board().items] == ["p1", "p2"]
    for n in range(2):  # later writes rotate state.json.bak, never the copy from before
        store.apply(partial(steps.add_plan, text=f"after {n}", now=clock.now(), new_id=f"x{n}"))
    assert (tmp_path / "state.json.damaged-1.bak").read_bytes() == first

    state.write_bytes(b"{again")
    Store.open(tmp_path)
    assert (tmp_path / "state.json.damaged-2").read_bytes() == b"{again"
    assert aside.read_bytes() == damaged


def test_a_damaged_month_file_is_set_aside_when_a_session_is_logged(
    store: Store, clock: FakeClock
) -> None:
    month = store.history_folder / "2026-11.json"
    month.write_bytes(b'{"sessions": ')
    store.apply(partial(steps.write_next, text="Write the intro", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    clock.advance(150)
    saved = store.save(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    assert (store.history_folder / "2026-11.json.damaged-1").read_bytes() == b'{"sessions": '
    assert "2026-11.json" in saved.notices[0]  # the save that set it aside says so
    assert [s.id for s in store.sessions_between(None, None)] == ["s1"]


def test_a_session_is_logged_beside_a_record_damaged_by_hand(
    store: Store, clock: FakeClock
) -> None:
    month = store.history_folder / "2026-11.json"
    run_loop(store, clock)
    data = load(month)
    data["sessions"]["1"]["started_at"] = "yesterday-ish"
    month.write_text(json.dumps(data))
    store.apply(partial(steps.write_next, text="Again", now=clock.now(), new_id="a2"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s2"))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    after = load(month)["sessions"]
    assert after["1"]["started_at"] == "yesterday-ish"  # kept as it was, for the user to mend
    assert [doc["id"] for doc in after.values()] == ["s1", "s2"]
    with pytest.raises(DataFileError, match=r"2026-11.json has a record that cannot be read"):
        store.sessions_between(None, None)
    assert [path for path, problem in store.check() if problem] == [str(month)]


def test_odd_things_in_the_data_folder_are_left_alone(store: Store, clock: FakeClock) -> None:
    (store.folder / ".tmp").write_text("the user's")
    (store.folder / ".cache.tmp").mkdir()
    (store.folder / ".state.json.1234.tmp").write_text("a writer's, left by a crash")
    assert Store.open(store.folder).board() == store.board()
    assert (store.folder / ".tmp").read_text() == "the user's"
    assert (store.folder / ".cache.tmp").is_dir()
    assert not (store.folder / ".state.json.1234.tmp").exists()
    shutil.rmtree(store.history_folder)
    store.history_folder.write_text("not a folder")
    assert Store(store.folder).sessions_between(None, None) == []  # as status and review read
    with pytest.raises(DataFileError, match="Cannot create the data folder"):
        Store.open(store.folder)


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    newer = b'{"meta": {"1": {"app": "execgap", "schema": 99}}}'
    (tmp_path / "state.json").write_bytes(newer)
    with pytest.raises(DataFileError, match=r"newer execgap.*upgrade"):
        Store.open(tmp_path)
    assert (tmp_path / "state.json").read_bytes() == newer
    assert list(tmp_path.glob("*.damaged-*")) == []


def test_an_older_schema_is_migrated_on_open(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_state(tmp_path, clock)

    # Pretend this version reads schema 3, whose migration renames a field.
    def rename_text(data: Document) -> Document:
        for doc in data.get("items", {}).values():
            doc["text"] = doc["text"].upper()
        return data

    monkeypatch.setattr(records, "SCHEMA", 3)
    monkeypatch.setitem(records.MIGRATIONS, 2, rename_text)
    store = Store.open(tmp_path)
    assert {item.text for item in store.board().items} == {"FIRST", "SECOND"}
    store.apply(partial(steps.add_plan, text="third", now=clock.now(), new_id="p3"))
    assert list(load(store.state_path)["meta"].values()) == [{"app": "execgap", "schema": 3}]


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from functools import partial
    from pathlib import Path
    from execgap_tui.core import board as steps
    from execgap_tui.core.model import new_id
    from execgap_tui.store.folder import Store

    store = Store.open(Path(sys.argv[1]))
    for n in range(int(sys.argv[2])):
        now = datetime.now(UTC)
        store.apply(partial(steps.add_plan, text=f"{sys.argv[3]} {n}", now=now, new_id=new_id()))
    """
)


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    Store.open(tmp_path)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "60", f"w{n}"])
        for n in range(3)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0]
    texts = {item.text for item in Store.open(tmp_path).board().items}
    assert texts == {f"w{w} {n}" for w in range(3) for n in range(60)}


STARTER = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime
    from functools import partial
    from pathlib import Path
    from execgap_tui.core import board as steps
    from execgap_tui.store.folder import Store

    store = Store.open(Path(sys.argv[1]))
    now = datetime.fromisoformat(sys.argv[2])
    store.apply(partial(steps.write_next, text="Survive", now=now, new_id="a1"))
    store.apply(partial(steps.start, now=now, new_id="s1"))
    print("started", flush=True)
    time.sleep(60)
    """
)


def test_a_session_survives_its_process_being_killed(tmp_path: Path, clock: FakeClock) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(tmp_path), clock.now().isoformat()],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    running = Store.open(tmp_path).board().running
    assert running is not None
    assert (running.id, running.action_text, running.started_at) == ("s1", "Survive", clock.now())


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("state", lambda data: data.update(current=[])),  # a table that is not a table
        ("state", lambda data: data["current"]["1"].update(recent=5)),
        ("plan", lambda data: data["items"]["1"].update(created_at="2026-11-24T09:00:00")),
        ("plan", lambda data: data["items"]["1"].pop("text")),
        ("state", lambda data: data["meta"]["1"].update(schema=True)),
        ("state", lambda data: data["current"]["1"].update(next_id=5)),
        ("plan", lambda data: data["items"]["1"].update(id=5)),
    ],
    ids=[
        "table-is-a-list",
        "recent-is-a-number",
        "naive-time",
        "record-missing-text",
        "bool-schema",
        "next-id-a-number",
        "item-id-a-number",
    ],
)
def test_valid_json_with_damaged_contents_is_damaged_too(
    tmp_path: Path, clock: FakeClock, where: str, change: Callable[[dict[str, Any]], None]
) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.add_plan, text="one", now=clock.now(), new_id="p1"))
    path = store.state_path if where == "state" else store.plan_folder / shard_name("p1")
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError, match="execgap doctor"):
        store.board()  # the reader is told, never a TypeError
    assert any(problem for found, problem in store.check() if found == str(path))
    saved = store.save(partial(steps.add_plan, text="two", now=clock.now(), new_id="p2"))
    assert f"{path.name}.damaged-1" in saved.notices[0]
    # The damaged file is set aside: what it held is there, not on the board.
    kept = ["one", "two"] if where == "state" else ["two"]
    assert sorted(item.text for item in store.board().items) == kept


def test_a_review_reads_only_the_months_it_needs(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text="Planned in October", now=clock.now() - 40 * DAY,
                        new_id="old"))  # fmt: skip
    store.apply(partial(steps.write_next, text="Write", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.promote, item_id="old", now=clock.now()))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now() + DAY / 24))
    assert (store.history_folder / "2026-10.json").exists()  # filed by when it was planned
    (store.history_folder / "2019-01.json").write_text("not JSON")  # never read, so unharmed
    sessions, items = store.history(clock.now() - 50 * DAY, clock.now() + DAY)
    assert [s.id for s in sessions] == ["s1"]
    assert [item.text for item in items] == ["Planned in October"]
    assert (store.history_folder / "2019-01.json").read_text() == "not JSON"


def test_export_records_are_the_stored_ones_in_order_with_defaults(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = Store.open(tmp_path)
    run_loop(store, clock)
    [path] = list((tmp_path / "history").glob("*.json"))
    data = json.loads(path.read_text())
    [doc] = data["sessions"].values()
    early = {**doc, "id": "s0", "started_at": "2026-11-24T08:00:00+00:00"}
    del early["note"]  # written before notes existed
    data["sessions"]["9"] = early
    path.write_text(json.dumps(data))
    first, second = map(json.loads, store.session_lines(None, None, as_json))
    assert (first["id"], first["note"], second["id"]) == ("s0", "", "s1")
    assert list(first) == list(second)  # every field of a session, in one order
    data["sessions"]["9"]["started_at"] = "yesterday"
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError, match=r"sessions record 9.*Run 'execgap doctor'"):
        store.session_lines(None, None, as_json)
    data["sessions"]["9"] = {key: value for key, value in early.items() if key != "outcome"}
    path.write_text(json.dumps(data))  # a field every session has is missing
    with pytest.raises(DataFileError, match=r"sessions record 9.*outcome.*execgap doctor"):
        store.session_lines(None, None, as_json)


def as_json(records: list[Document]) -> list[str]:
    """Encode session records for `Store.session_lines` (a function of a module, as export's)."""
    return [json.dumps(record) for record in records]
