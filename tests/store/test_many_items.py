"""Thousands of open plan items: a write touches only the documents that changed, status
reads only the next action, and a command reads the state file once."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store
from execgap_tui.store.plan import shard_name


def planned(tmp_path: Path, clock: FakeClock, count: int) -> Store:
    store = Store.open(tmp_path)
    for n in range(count):
        store.apply(partial(steps.add_plan, text=f"item {n}", now=clock.now(), new_id=f"p{n}"))
    return store


def plan_docs(tmp_path: Path) -> dict[str, dict[str, object]]:
    """Every open item's document in the plan files, by item id."""
    docs: dict[str, dict[str, object]] = {}
    for path in sorted((tmp_path / "plan").glob("*.json")):
        for doc in json.loads(path.read_text()).get("items", {}).values():
            docs[str(doc["id"])] = doc
    return docs


def shard_of(tmp_path: Path, item_id: str) -> Path:
    return tmp_path / "plan" / shard_name(item_id)


def edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_step_rewrites_only_the_items_it_changed(tmp_path: Path, clock: FakeClock) -> None:
    store = planned(tmp_path, clock, 5)
    before = plan_docs(tmp_path)

    def from_a_newer_execgap(data: dict[str, Any]) -> None:
        for doc in data["items"].values():
            if doc["id"] == "p0":
                doc["from_a_newer_execgap"] = "kept"

    edit_json(shard_of(tmp_path, "p0"), from_a_newer_execgap)
    clock.advance(60)
    store.save(partial(steps.edit, item_id="p2", text="item two, reworded"), at=clock.now())
    store.save(partial(steps.drop, item_id="p3", now=clock.now()), at=clock.now())
    store.save(partial(steps.add_plan, text="item 5", now=clock.now(), new_id="p5"))
    after = plan_docs(tmp_path)
    assert after["p0"]["from_a_newer_execgap"] == "kept"  # not written again
    assert after["p0"]["changed_at"] == before["p0"]["changed_at"]
    # Written again, marked with when and where.
    changed = {"text": "item two, reworded", "changed_at": clock.now().isoformat()}
    assert after["p2"] == {**before["p2"], **changed}
    assert "p3" not in after and "p5" in after
    assert [item.id for item in store.board().items] == ["p0", "p1", "p2", "p4", "p5"]


def test_two_documents_of_one_item_are_written_as_the_board_has_them(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 2)

    def twice(data: dict[str, Any]) -> None:
        [doc] = [d for d in data["items"].values() if d["id"] == "p0"]
        data["items"]["99"] = dict(doc)  # mended by hand: p0 twice

    edit_json(shard_of(tmp_path, "p0"), twice)
    store.apply(partial(steps.add_plan, text="item 2", now=clock.now(), new_id="p2"))
    ids = sorted(item.id for item in store.board().items)
    assert ids == ["p0", "p0", "p1", "p2"]  # nothing lost, nothing merged by guess


def test_status_reads_the_next_action_and_not_the_other_items(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 3)
    store.apply(partial(steps.promote, item_id="p1", now=clock.now()))

    def damage(data: dict[str, Any]) -> None:
        for doc in data["items"].values():
            if doc["id"] != "p1":
                doc["created_at"] = "not a time"  # damaged: only a full read sees it

    for item_id in ("p0", "p2"):
        edit_json(shard_of(tmp_path, item_id), damage)
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


def test_a_save_reads_and_writes_only_the_files_of_the_items_it_needs(
    tmp_path: Path, clock: FakeClock
) -> None:
    from execgap_tui.actions.desk import Desk
    from execgap_tui.config.settings import Settings

    planned(tmp_path, clock, 40)
    target = "p7"
    others = {shard_of(tmp_path, f"p{n}") for n in range(40)} - {shard_of(tmp_path, target)}
    untouched = {path: path.read_bytes() for path in others}
    damaged = sorted(others)[0]
    damaged.write_text("{not json")  # a file the save has no need to read
    untouched[damaged] = damaged.read_bytes()
    desk = Desk(Store.open(tmp_path), clock, Settings())
    saved = desk.perform(desk.promote(target))
    assert saved.notices == () and saved.change.board.open_count == 40
    assert {path: path.read_bytes() for path in others} == untouched
    assert json.loads((tmp_path / "state.json").read_text())["current"]["1"]["open"] == 40
    added = desk.perform(desk.plan("one more")).change.board
    assert added.open_count == 41 and len(added.items) < 41  # counted, not all read


def test_a_folder_from_before_plan_files_moves_its_items_at_the_next_save(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 3)
    # As version 1 kept them: the items in the state file, no plan/ folder.
    items = {str(n + 1): doc for n, doc in enumerate(plan_docs(tmp_path).values())}
    edit_json(tmp_path / "state.json", lambda data: data.update(items=items))
    for path in (tmp_path / "plan").glob("*.json"):
        path.unlink()
    assert [item.id for item in Store(tmp_path).board().items] == ["p0", "p1", "p2"]
    store.apply(partial(steps.add_plan, text="item 3", now=clock.now(), new_id="p3"))
    assert "items" not in json.loads((tmp_path / "state.json").read_text())
    assert sorted(plan_docs(tmp_path)) == ["p0", "p1", "p2", "p3"]
    assert [item.id for item in Store(tmp_path).board().items] == ["p0", "p1", "p2", "p3"]


def test_a_state_file_changed_in_place_just_now_is_read_again(
    tmp_path: Path, clock: FakeClock
) -> None:
    planned(tmp_path, clock, 1)
    state = tmp_path / "state.json"
    text = state.read_text()
    assert '"told_waiting":null' in text
    opened = Store.open(tmp_path)  # as a command starts, the file just written
    # Edited in place, the same size, in the same tick of the file clock: the same stamp.
    info = state.stat()
    with open(state, "r+") as file:
        file.write(text.replace('"told_waiting":null', '"told_waiting":"xy"'))
    import os

    os.utime(state, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert opened.board().told_waiting == "xy"


def test_an_item_moved_to_another_file_by_hand_is_kept_when_that_file_is_written(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = planned(tmp_path, clock, 2)
    # p0 moved by hand into p1's file: it is not where its id says.
    moved = plan_docs(tmp_path)["p0"]
    shard_of(tmp_path, "p0").unlink()
    edit_json(shard_of(tmp_path, "p1"), lambda data: data["items"].update({"99": moved}))
    store.apply(partial(steps.edit, item_id="p1", text="item one, reworded"))
    assert sorted(plan_docs(tmp_path)) == ["p0", "p1"]
    assert sorted(item.text for item in store.board().items) == ["item 0", "item one, reworded"]
