"""The storage adapter on real files in a temp folder, with real processes for the lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import Outcome
from execgap_tui.storage import SCHEMA, Store


def run_loop(store: Store, clock: FakeClock, outcome: Outcome = Outcome.DONE) -> None:
    store.apply(partial(steps.write_next, text="Write the intro", now=clock.now(), new_id="a1"))
    clock.advance(30)
    store.apply(partial(steps.start, now=clock.now(), new_id="s1", start_timer_s=120))
    clock.advance(150)
    store.apply(partial(steps.finish, outcome=outcome, now=clock.now(), note="ok"))


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
    }
    [item] = history["items"].values()
    assert item == {
        "id": "a1",
        "text": "Write the intro",
        "created_at": "2026-11-24T09:00:00+00:00",
        "promoted_at": "2026-11-24T09:00:00+00:00",
        "done_at": "2026-11-24T09:03:00+00:00",
        "state": "done",
    }
    for path in (store.state_path, store.history_folder / "2026-11.json"):
        assert list(load(path)["meta"].values()) == [{"app": "execgap", "schema": SCHEMA}]


def test_the_board_survives_reopening(store: Store, clock: FakeClock) -> None:
    store.apply(partial(steps.add_plan, text="Call the bank", now=clock.now(), new_id="p1"))
    store.apply(partial(steps.write_next, text="Draft 漢字 😀", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    before = store.board()
    after = Store.open(store.folder).board()
    assert after == before
    assert after.running is not None and after.running.started_at.tzinfo is not None
    assert [item.text for item in after.items] == ["Call the bank", "Draft 漢字 😀"]


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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not a readable execgap data file"),
        (b"[1, 2, 3]", "not an execgap data file"),
        (b'{"_default": {"1": {"x": 1}}}', "belongs to another program"),
        (b'{"meta": {"1": {"app": "other", "schema": 1}}}', "belongs to another program"),
        (b'{"meta": {"1": {"app": "execgap", "schema": 99}}}', "newer execgap"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_and_left_alone(
    tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "state.json").write_bytes(content)
    with pytest.raises(DataFileError, match=message) as raised:
        Store.open(tmp_path)
    assert str(tmp_path / "state.json") in str(raised.value)
    assert (tmp_path / "state.json").read_bytes() == content


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from functools import partial
    from pathlib import Path
    from execgap_tui.core import board as steps
    from execgap_tui.storage import Store, new_id

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
    from execgap_tui.storage import Store

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
