"""TinyDB over one JSON file of the data folder: read once before, written once after.

Part of the storage adapter: storage.py loads it only to write, so reading (status, a
review) never pays for importing TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, cast

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from execgap_tui.core.board import Board
from execgap_tui.core.model import PlanItem, Session
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store import records
from execgap_tui.store.files import Document, write_atomic
from execgap_tui.store.records import to_doc
from execgap_tui.store.writes import Writes

if TYPE_CHECKING:
    from execgap_tui.store.files import StrPath


class _FileStorage(Storage):
    """One JSON file, read before and written once per `tinydb_file` (atomic replace)."""

    def __init__(self, path: StrPath, data: Document | None, writes: Writes | None) -> None:
        self.path, self.writes = path, writes
        meta = {"app": records.APP, "schema": records.SCHEMA}  # read now: tests change it
        self._data = data if data is not None else {"meta": {"1": meta}}
        self._dirty = False

    def read(self) -> Document:
        return self._data

    def write(self, data: Document) -> None:
        self._data, self._dirty = data, True

    def commit(self) -> None:
        if self._dirty:
            write_atomic(self.path, self._data, self.writes)


@contextmanager
def tinydb_file(
    path: StrPath, data: Document | None, writes: Writes | None = None
) -> Iterator[TinyDB]:
    """TinyDB over `data` as read from `path`; what the block changes is written once (as
    one of a save's `writes`, or alone: see `write_atomic`)."""
    db = TinyDB(path, data, writes, storage=_FileStorage)
    yield db
    cast(_FileStorage, db.storage).commit()


class Mark(NamedTuple):
    """When a save happened and on which device: every record it writes carries both."""

    at: datetime
    device: str

    def doc(self, value: PlanItem | Session) -> Document:
        """`value`'s document, marked as written now, here."""
        return to_doc(value._replace(changed_at=self.at, device=self.device))


def write_board(
    path: StrPath, data: Document | None, board: Board, mark: Mark, writes: Writes
) -> None:
    """Write `board`, but for its items (plan.py), into the state file's tables (the reverse
    of `records.board_from`); items a state file from before plan/ held are gone from it."""
    with tinydb_file(path, data, writes) as db:
        if "items" in db.tables():
            db.drop_table("items")  # written to their plan files first
        running = to_doc(board.running) if board.running else None
        current = db.table("current")
        current.truncate()
        recent = [to_doc(event) for event in board.recent]
        tomorrow_at = board.tomorrow_at.isoformat() if board.tomorrow_at else None
        tomorrow_due = board.tomorrow_due.isoformat() if board.tomorrow_due else None
        current.insert(
            {
                "next_id": board.next_id,
                "running": running,
                "recent": recent,
                "tomorrow": board.tomorrow,
                "tomorrow_at": tomorrow_at,
                "tomorrow_due": tomorrow_due,
                "nudged_at": board.nudged_at.isoformat() if board.nudged_at else None,
                "told_waiting": board.told_waiting,
                "open": board.open_count,
                "changed_at": mark.at.isoformat(),
                "device": mark.device,
            }
        )


def write_records(
    path: StrPath,
    data: Document | None,
    records: list[tuple[str, str, Document | None]],
    writes: Writes,
    meta: Document | None = None,
) -> None:
    """Add or update `(table, id, document)` records in one file, by their `id` (a None
    document takes the record out), and set `meta`'s fields (if any) in its meta document,
    in one write (one of a save's `writes`)."""
    with tinydb_file(path, data, writes) as db:
        for table, record_id, doc in records:
            if doc is None:
                db.table(table).remove(Query().id == record_id)
            else:
                db.table(table).upsert(doc, Query().id == record_id)
        if meta:
            db.table("meta").update(meta)


def write_items(
    path: StrPath,
    data: Document | None,
    before: tuple[PlanItem, ...],
    items: tuple[PlanItem, ...],
    mark: Mark,
    writes: Writes,
) -> None:
    """Write one plan file's `items`. `before` is what `data` holds: only the items that
    changed from it are written again (steps keep an unchanged item as the same value),
    each marked with `mark`."""
    with tinydb_file(path, data, writes) as db:
        _write_items(db.table("items"), before, items, mark)


def _write_items(
    table: Table, before: tuple[PlanItem, ...], items: tuple[PlanItem, ...], mark: Mark
) -> None:
    """Remove, update and add the documents of the items that changed, by their TinyDB ids."""
    stored = (table.storage.read() or {}).get(table.name, {})
    doc_ids = {doc.get("id"): int(key) for key, doc in stored.items()}
    if len(doc_ids) != len(stored):  # two documents of one item (mended by hand): all again
        table.truncate()
        table.insert_multiple(mark.doc(item) for item in items)
        return
    held = {item.id: item for item in before}
    kept = {item.id for item in items}
    gone = [doc_id for item_id, doc_id in doc_ids.items() if item_id not in kept]
    if gone:
        table.remove(doc_ids=gone)
    for item in items:
        doc_id = doc_ids.get(item.id)
        if doc_id is None:
            table.insert(mark.doc(item))
        elif held.get(item.id) is not item:  # steps keep an unchanged item as the same value
            table.update(mark.doc(item), doc_ids=[doc_id])
