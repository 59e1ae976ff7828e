"""Values to JSON documents and back, and the schema check: the shape of the data files.

Only storage.py uses this module; together they are the storage adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from execgap_tui.core.board import Board
from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.core.model import (
    Activity,
    Event,
    ItemState,
    Outcome,
    PlanItem,
    RunningSession,
    Session,
    Uptime,
)
from execgap_tui.store.files import Document

SCHEMA = 1
"""Version of the document shape, stored in every file's `meta` table."""
APP = "execgap"
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}
"""Schema n -> n + 1, applied on open; none yet (new fields take their defaults)."""
TYPE_CHECKING = False  # typing costs every command 7 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any, TypeVar

    _Value = TypeVar("_Value", PlanItem, RunningSession, Session, Event)


def checked(data: Document | None, path: str) -> Document | None:
    """Return `data` if it is an execgap file this version reads, migrated to `SCHEMA`."""
    if data is None:
        return None
    meta = data.get("meta")
    doc = next(iter(meta.values()), None) if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("app") != APP:
        raise DamagedFileError(str(path), "is not an execgap file (another program's?)")
    schema = doc.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise DamagedFileError(str(path), f"has an unknown schema ({schema!r})")
    if schema > SCHEMA:
        raise DataFileError(
            f"{path} was written by a newer execgap (schema {schema}; this one reads "
            f"{SCHEMA}). It was left as it is: upgrade execgap to use it."
        )
    for version in range(schema, SCHEMA):
        data = MIGRATIONS[version](data)
        data["meta"] = {"1": {"app": APP, "schema": version + 1}}
    return data


_TIMES = frozenset(
    {
        "created_at",
        "promoted_at",
        "done_at",
        "started_at",
        "ended_at",
        "at",
        "tomorrow_at",
        "nudged_at",
    }
)
_ENUMS: dict[str, type[StrEnum]] = {"state": ItemState, "outcome": Outcome, "kind": Activity}


def board_from(data: Document) -> Board:
    """Return the board held by a data file's documents (TinyDB tables, read as they are)."""
    current = list(data.get("current", {}).values())
    doc = current[0] if current else {}
    running = doc.get("running")
    try:
        return Board(
            items=from_table(PlanItem, data, "items"),
            next_id=doc.get("next_id"),
            running=from_doc(RunningSession, running) if running else None,
            recent=tuple(from_doc(Event, event) for event in doc.get("recent", [])),
            tomorrow=doc.get("tomorrow"),
            tomorrow_at=field_value("tomorrow_at", doc.get("tomorrow_at")),
            nudged_at=field_value("nudged_at", doc.get("nudged_at")),
            told_waiting=doc.get("told_waiting"),
        )
    except (AttributeError, TypeError, ValueError) as error:
        raise DataFileError(f"the open board is damaged: {error!r}") from error


def session_record(session: Session) -> Document:
    """Return `session` as it is stored (and exported): plain JSON values."""
    return to_doc(session)


def to_doc(value: PlanItem | RunningSession | Session | Event) -> Document:
    """Map a value to its document: times as ISO 8601 strings (aware UTC), enums as values."""
    return {name: _plain(item) for name, item in value._asdict().items()}


def _plain(item: object) -> object:
    if isinstance(item, datetime):
        return item.isoformat()
    if isinstance(item, Uptime):  # the one value nested in another
        return dict(item._asdict())
    return item


def from_table(cls: type[_Value], data: Document, table: str) -> tuple[_Value, ...]:
    """Return the values in `data`'s `table`, in the order they were stored.

    Raises:
        DataFileError: a record cannot be read; the message names it, for mending by hand.
    """
    values = []
    for key, doc in data.get(table, {}).items():
        try:
            values.append(from_doc(cls, doc))
        except DataFileError as error:
            named = f" (id {doc['id']})" if isinstance(doc.get("id"), str) else ""
            raise DataFileError(f"{table} record {key}{named}: {error.__cause__!r}") from error
    return tuple(values)


def from_doc(cls: type[_Value], doc: Document) -> _Value:
    """Map a document back to a value; a field the document lacks takes its default."""
    try:
        return cls(**{name: field_value(name, doc[name]) for name in cls._fields if name in doc})
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"A {cls.__name__} record is damaged: {error!r}") from error


def field_value(name: str, raw: Any) -> Any:
    if name == "started_uptime":
        return Uptime(**raw)
    if name in _TIMES:
        moment = datetime.fromisoformat(raw) if raw else None
        if moment is not None and moment.tzinfo is None:
            raise ValueError(f"{name} {raw!r} has no time zone")
        return moment
    if name in _ENUMS:
        return _ENUMS[name](raw)
    return raw
