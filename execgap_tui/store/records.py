"""Values to JSON documents and back, and the schema check: the shape of the data files.

Only storage.py uses this module; together they are the storage adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from enum import StrEnum
from functools import partial
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller

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

SCHEMA = 2
"""Version of the document shape, stored in every file's `meta` table. 2: the open plan
items are in plan/ (a version-1 state file held them: read there, moved at the next save)."""
APP = "execgap"


def _as_it_is(data: Document) -> Document:
    return data


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _as_it_is}
"""Schema n -> n + 1, applied on open (new fields take their defaults)."""
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
        "tomorrow_due",
        "nudged_at",
        "changed_at",
    }
)
_ENUMS: dict[str, type[StrEnum]] = {"state": ItemState, "outcome": Outcome, "kind": Activity}


def board_from(data: Document, item_ids: frozenset[str] | None = None) -> Board:
    """Return the board held by a data file's documents (TinyDB tables, read as they are).

    With `item_ids`, only the open items of those ids are read (status reads one of 5,000).
    """
    current = list(data.get("current", {}).values())
    doc = current[0] if current else {}
    running = doc.get("running")
    try:
        return Board(
            items=from_table(PlanItem, data, "items", item_ids),
            next_id=_text_or_none(doc.get("next_id")),
            running=from_doc(RunningSession, running) if running else None,
            recent=tuple(from_doc(Event, event) for event in doc.get("recent", [])),
            tomorrow=_text_or_none(doc.get("tomorrow")),
            tomorrow_at=field_value("tomorrow_at", doc.get("tomorrow_at")),
            tomorrow_due=field_value("tomorrow_due", doc.get("tomorrow_due")),
            nudged_at=field_value("nudged_at", doc.get("nudged_at")),
            told_waiting=_text_or_none(doc.get("told_waiting")),
        )
    except (AttributeError, TypeError, ValueError) as error:
        raise DataFileError(f"the open board is damaged: {error!r}") from error


def session_record(session: Session) -> Document:
    """Return `session` as it is stored (and exported): plain JSON values."""
    return to_doc(session)


def to_doc(value: PlanItem | RunningSession | Session | Event) -> Document:
    """Map a value to its document: times as ISO 8601 strings (aware UTC), enums as values."""
    writers = _WRITERS.get(type(value)) or _writers(type(value), value._fields)
    return {name: item if write is None else write(item)
            for (name, write), item in zip(writers, value, strict=True)}  # fmt: skip


_WRITERS: dict[type, tuple[tuple[str, Callable[[Any], object] | None], ...]] = {}


def _writers(
    cls: type, fields: tuple[str, ...]
) -> tuple[tuple[str, Callable[[Any], object] | None], ...]:
    """Each field of `cls` with what makes it plain JSON (None: it is), once per class."""
    made = _WRITERS[cls] = tuple((name, _writer(name)) for name in fields)
    return made


def _writer(name: str) -> Callable[[Any], object] | None:
    if name == "started_uptime":  # the one value nested in another
        return _uptime_doc
    return _iso if name in _TIMES else None  # enums are str: JSON writes their value


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _uptime_doc(uptime: Uptime) -> Document:
    return dict(uptime._asdict())


def from_table(
    cls: type[_Value], data: Document, table: str, ids: frozenset[str] | None = None
) -> tuple[_Value, ...]:
    """Return the values in `data`'s `table` (only those of `ids`, if given), in the order
    they were stored.

    Read a column at a time (`_columns`): a field's values go through C code together, where
    a record at a time spends most of its time in Python's loop (doctor at 100k sessions:
    1.1 s of checks). Should a column fail, the records are read one by one (`_from_fields`,
    the definition of a read) to name the damaged one.

    Raises:
        DataFileError: a record cannot be read; the message names it, for mending by hand.
    """
    stored = data.get(table, {})
    docs = list(stored.values())
    if ids is not None:
        docs = [doc for doc in docs if doc.get("id") in ids]
    if not docs:
        return ()
    fields = _readers(cls)
    try:
        return tuple(map(tuple.__new__, repeat(cls), zip(*_columns(fields, docs), strict=True)))
    except (KeyError, TypeError, ValueError, AttributeError):
        pass  # a record is damaged: find which
    for key, doc in stored.items():
        if ids is not None and doc.get("id") not in ids:
            continue
        try:
            _from_fields(cls, fields, doc)
        except DataFileError as error:
            named = f" (id {doc['id']})" if isinstance(doc.get("id"), str) else ""
            raise DataFileError(f"{table} record {key}{named}: {error.__cause__!r}") from error
    raise AssertionError(f"a column of {table} failed where every record reads")  # a bug


def _columns(fields: tuple[_Reader, ...], docs: list[Document]) -> Iterator[Sequence[Any]]:
    """Yield each field's values over `docs`, read as `_from_fields` reads one record's."""
    try:  # every record has every field, as those written by this version do
        stored = zip(*map(itemgetter(*[name for name, _, _ in fields]), docs), strict=True)
    except KeyError:  # some lack fields added since they were written
        for name, read, default in fields:
            yield _with_defaults(name, read, default, docs)
        return
    for (name, read, _), column in zip(fields, stored, strict=True):
        yield _read_column(name, read, column)


def _read_column(
    name: str, read: Callable[[Any], Any] | None, column: Sequence[Any]
) -> Sequence[Any]:
    """Return a field's stored values read, as `read` reads each."""
    if read is None:
        return column
    if read is _text:
        if not set(map(type, column)) <= _STR:
            raise TypeError(f"{name} is not a text")
        return column
    if name in _TIMES and set(map(type, column)) == _STR and "" not in column:
        moments = list(map(datetime.fromisoformat, column))
        if None in set(map(_ZONE, moments)):
            raise ValueError(f"{name} has no time zone")
        return moments
    return list(map(read, column))


def _with_defaults(
    name: str, read: Callable[[Any], Any] | None, default: object, docs: list[Document]
) -> Sequence[Any]:
    """Return field `name` read over `docs`, its default where a record lacks it."""
    column = list(map(methodcaller("get", name, _ABSENT), docs))
    if _ABSENT not in column:
        return _read_column(name, read, column)
    if default is _REQUIRED:
        raise KeyError(name)
    values = iter(_read_column(name, read, [raw for raw in column if raw is not _ABSENT]))
    return [default if raw is _ABSENT else next(values) for raw in column]


_ABSENT = object()
_STR = frozenset({str})
_ZONE = attrgetter("tzinfo")


def from_doc(cls: type[_Value], doc: Document) -> _Value:
    """Map a document back to a value; a field the document lacks takes its default."""
    return _from_fields(cls, _readers(cls), doc)


_Reader = tuple[str, "Callable[[Any], Any] | None", object]
"""A field's name, what reads its stored value (None: as stored), and its default."""
_READERS: dict[type, tuple[_Reader, ...]] = {}
_REQUIRED = object()


def _readers(cls: type[_Value]) -> tuple[_Reader, ...]:
    """Each field of `cls` with what turns its stored value back (None: it is as stored)
    and its default, worked out once per class: 5,000 open items are 35,000 fields."""
    readers = _READERS.get(cls)
    if readers is None:
        defaults = cls._field_defaults
        readers = _READERS[cls] = tuple(
            (name, _reader(name), defaults.get(name, _REQUIRED)) for name in cls._fields
        )
    return readers


def _from_fields(cls: type[_Value], fields: tuple[_Reader, ...], doc: Document) -> _Value:
    values = []
    try:
        for name, read, default in fields:
            if name in doc:
                raw = doc[name]
                values.append(raw if read is None else read(raw))
            elif default is _REQUIRED:
                raise KeyError(name)
            else:  # a field added since the record was written
                values.append(default)
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"A {cls.__name__} record is damaged: {error!r}") from error
    return cls._make(values)


def _reader(name: str) -> Callable[[Any], Any] | None:
    if name in _TEXTS:  # ids and words: a number there (mended by hand) is damage
        return _text
    if name == "started_uptime":
        return _uptime
    if name in _TIMES:
        return partial(_moment, name)
    if name in _ENUMS:  # a dict's lookup: calling the enum costs 1 µs (5 ms for 5,000 items)
        return {member.value: member for member in _ENUMS[name]}.__getitem__
    return None


_TEXTS = frozenset({"id", "action_id", "text", "action_text", "note", "device"})


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise TypeError(f"{raw!r} is not a text")
    return raw


def _text_or_none(raw: Any) -> str | None:
    return None if raw is None else _text(raw)


def _uptime(raw: Any) -> Uptime:
    return Uptime(**raw)


def _moment(name: str, raw: Any) -> datetime | None:
    moment = datetime.fromisoformat(raw) if raw else None
    if moment is not None and moment.tzinfo is None:
        raise ValueError(f"{name} {raw!r} has no time zone")
    return moment


def read_column(name: str, column: Sequence[Any]) -> Sequence[Any]:
    """Turn a stored field's values back into values, as `field_value` turns each."""
    return _read_column(name, _reader(name), column)


def field_value(name: str, raw: Any) -> Any:
    """Turn one stored field back into its value (a time, an enum, an uptime)."""
    read = _reader(name)
    return raw if read is None else read(raw)
