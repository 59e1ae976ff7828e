"""What of a kept copy of a data file reads, record by record: a restore's reading.

Part of the storage adapter (restore.py merges what this reads). A damaged record is
counted and left, the others read; a copy that is not JSON, or not execgap's, reads as None.
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import partial

from execgap_tui.core.board import Board
from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.core.model import Event, PlanItem, RunningSession, Session
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store.fields import moment, text
from execgap_tui.store.files import Document, backup_of, load_json
from execgap_tui.store.records import checked, from_doc

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _Record = TypeVar("_Record", PlanItem, Session)


def restorable(path: str) -> bool:
    """Whether a restore from `path` (a copy, or the current file, of a data file) would
    find anything to read in it or in its last good copy."""
    copy = path.removesuffix(".bak")
    try:
        return any(salvaged(p) is not None for p in (copy, backup_of(copy)) if os.path.exists(p))
    except DataFileError:  # a newer execgap's: not for this one to restore
        return False


class Salvaged(NamedTuple):
    """What of a copy reads, record by record."""

    board: Board
    sessions: tuple[Session, ...]
    skipped: int


def salvaged(path: str) -> Salvaged | None:
    """Read every record of `path` that reads (None: not JSON, or not execgap's).

    Raises:
        DataFileError: it was written by a newer execgap (its records are not known here),
            or it cannot be opened (a folder, a file not readable): the error says which.
    """
    try:
        data = checked(load_json(path), path)
    except DamagedFileError:  # not JSON, or not execgap's (a newer one's is raised)
        return None
    if data is None:
        return None
    items, bad_items = _records(PlanItem, data.get("items"))
    sessions, bad_sessions = _records(Session, data.get("sessions"))
    board, bad_board = _open_board(data.get("current"))
    return Salvaged(board._replace(items=items), sessions, bad_items + bad_sessions + bad_board)


def _records(cls: type[_Record], table: object) -> tuple[tuple[_Record, ...], int]:
    """The records of `table` that read, and how many did not."""
    if not isinstance(table, dict):
        return (), 0 if table is None else 1
    found, bad = [], 0
    for doc in table.values():
        try:
            found.append(from_doc(cls, doc))
        except (KeyError, TypeError, ValueError):
            bad += 1
    return tuple(found), bad


def _open_board(table: object) -> tuple[Board, int]:
    """The open board of a state file's record, a part at a time: each part that reads
    (a damaged event of the gap leaves the others, a damaged `recent` the running session)."""
    doc: Any = next(iter(table.values()), {}) if isinstance(table, dict) else {}
    if not isinstance(doc, dict):
        return Board(), 1
    bad = [0]

    def part(read: Callable[[Any], Any], raw: Any) -> Any:
        try:
            return read(raw)
        except (KeyError, TypeError, ValueError):
            bad[0] += 1
            return None

    def running(raw: Any) -> RunningSession | None:
        return None if raw is None else from_doc(RunningSession, raw, "running")

    events: list[Any] = doc["recent"] if isinstance(doc.get("recent"), list) else []
    recent = tuple(e for e in (part(partial(from_doc, Event), raw) for raw in events) if e)
    texts = {name: part(partial(_optional_text, name), doc.get(name))
             for name in ("next_id", "tomorrow", "told_waiting")}  # fmt: skip
    tomorrow_at = part(partial(moment, "tomorrow_at"), doc.get("tomorrow_at"))
    tomorrow_due = part(partial(moment, "tomorrow_due"), doc.get("tomorrow_due"))
    board = Board(
        next_id=texts["next_id"],
        running=part(running, doc.get("running")),
        recent=recent,
        tomorrow=texts["tomorrow"],
        tomorrow_at=tomorrow_at if texts["tomorrow"] else None,
        tomorrow_due=tomorrow_due if texts["tomorrow"] else None,
        nudged_at=part(partial(moment, "nudged_at"), doc.get("nudged_at")),
        told_waiting=texts["told_waiting"],
    )
    return board, bad[0]


def _optional_text(name: str, raw: Any) -> str | None:
    return None if raw is None else text(name, raw)


def written_at(data: Document | None) -> datetime | None:
    """When the state file's documents `data` were last saved (None: not said, or damaged)."""
    table = (data or {}).get("current")
    doc: Any = next(iter(table.values()), {}) if isinstance(table, dict) else {}
    try:
        return moment("changed_at", doc.get("changed_at")) if isinstance(doc, dict) else None
    except (TypeError, ValueError):
        return None
