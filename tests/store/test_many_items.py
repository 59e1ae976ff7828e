"""Thousands of open plan items: a write touches only the documents that changed, status
reads only the next action, and a command reads the state file once."""

from __future__ import annotations

import json
from datetime import timedelta
from functools import partial
from pathlib import Path

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store


def planned(tmp_path: Path, clock: FakeClock, count: int) -> Store:
    store = Store.open(tmp_path)
    for n in range(count):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
    return store


def items_table(tmp_path: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(
        (tmp_path / "state.json").read_text()
    )
    return data["items"]


def test_a_step_rewrites_only_the_items_it_changed(tmp_path: Path, clock: FakeClock) -> None:
    store = planned(tmp_path, clock, 5)
    before = items_table(tmp_path)
    # A field only a newer execgap knows survives in the documents left as they were.
    state = json.loads((tmp_path / "state.json").read_text())
    state["items"]["1"]["from_a_newer_execgap"] = "kept"
    (tmp_path / "state.json").write_text(json.dumps(state))
    clock.advance(60)
    store.save(partial(steps.edit, item_id="p2", text="item two, reworded"), at=clock.now())
    store.save(partial(steps.drop, item_id="p3", now=clock.now()), at=clock.now())
    store.save(partial(steps.add_plan, text="item 5", now=clock.now(), new_id="p5"))
    after = items_table(tmp_path)
    assert after["1"]["from_a_newer_execgap"] == "kept"  # p0: not written again
    assert after["1"]["changed_at"] == before["1"]["changed_at"]
    # The same document id, marked with when and where it was written.
    changed = {"text": "item two, reworded", "changed_at": clock.now().isoformat()}
    assert after["3"] == {**before["3"], **changed}
    assert "4" not in after and after["6"]["id"] == "p5"
    assert [item.id for item in store.board().items] == ["p0", "p1", "p2", "p4", "p5"]


def test_two_documents_of_one_item_are_written_as_the_board_has_them(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 2)
    state = json.loads((tmp_path / "state.json").read_text())
    state["items"]["3"] = state["items"]["1"]  # mended by hand: p0 twice
    (tmp_path / "state.json").write_text(json.dumps(state))
    store.apply(partial(steps.add_plan, text="item 2", now=clock.now(), new_id="p2"))
    on_disk = [doc["id"] for doc in items_table(tmp_path).values()]
    assert on_disk == ["p0", "p1", "p0", "p2"]  # nothing lost, nothing merged by guess
    assert on_disk == [item.id for item in store.board().items]


def test_status_reads_the_next_action_and_not_the_other_items(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 3)
    store.apply(partial(steps.promote, item_id="p1", now=clock.now()))
    state = json.loads((tmp_path / "state.json").read_text())
    state["items"]["1"]["created_at"] = "not a time"  # p0, damaged: only a full read sees it
    (tmp_path / "state.json").write_text(json.dumps(state))
    focus = Store(tmp_path).focus()
    assert [item.id for item in focus.items] == ["p1"] and focus.next_action is not None


def test_a_command_reads_a_newer_state_file_than_it_opened(
    tmp_path: Path, clock: FakeClock
) -> None:
    planned(tmp_path, clock, 1)
    opened = Store.open(tmp_path)  # as a command starts
    other = Store.open(tmp_path)  # another process writes before the command reads
    other.apply(partial(steps.add_plan, text="from elsewhere", now=clock.now(), new_id="p9"))
    assert [item.id for item in opened.board().items] == ["p0", "p9"]


def test_every_record_written_says_when_and_on_which_device(
    tmp_path: Path, clock: FakeClock
) -> None:
    from execgap_tui.core.model import ItemState
    from execgap_tui.store.device import device_id

    store = planned(tmp_path, clock, 2)
    clock.advance(60)
    store.save(partial(steps.drop, item_id="p1", now=clock.now()), at=clock.now())
    [dropped] = store.history(clock.now() - timedelta(days=1), clock.now())[1]
    # A dropped item stays as a record, marked: the tombstone a merge of two machines needs.
    assert (dropped.state, dropped.changed_at, dropped.device) == (
        ItemState.DROPPED,
        clock.now(),
        device_id(),
    )
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["current"]["1"]["device"] == device_id()
    assert len(device_id()) == 16 and device_id() == device_id()


def test_the_device_id_comes_from_the_machine_not_the_folder(tmp_path: Path) -> None:
    from execgap_tui.store.device import device_id

    (tmp_path / "machine-id").write_text("3d1219c7aaaa\n")
    (tmp_path / "other-id").write_text("99999999bbbb\n")
    one = device_id((str(tmp_path / "machine-id"),))
    assert one == device_id((str(tmp_path / "missing"), str(tmp_path / "machine-id")))
    assert one != device_id((str(tmp_path / "other-id"),))
    assert "3d1219c7" not in one  # derived: the machine id itself is not written anywhere


def test_the_device_hash_is_fnv1a() -> None:
    from execgap_tui.store.device import fnv1a_64

    # The published FNV-1a 64 test vectors (Landon Curt Noll's list).
    assert fnv1a_64(b"") == 0xCBF29CE484222325
    assert fnv1a_64(b"a") == 0xAF63DC4C8601EC8C
    assert fnv1a_64(b"foobar") == 0x85944171F73967E8
