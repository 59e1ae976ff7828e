"""Values to JSON documents and back, and the schema check: the shape of the data files.

Only storage.py uses this module; together they are the storage adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import repeat
from operator import itemgetter, methodcaller

from execgap_tui.core.board import Board
from execgap_tui.core.errors import DamagedFileError, DataFileError, NewerFileError
from execgap_tui.core.model import Event, PlanItem, RunningSession, Session, Uptime
from execgap_tui.store.fields import TIMES, moment, reader, shown, text
from execgap_tui.store.fields import read_column as read_values
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
        raise NewerFileError(
            f"{path} was written by a newer execgap (schema {schema}; this one reads "
            f"{SCHEMA}). It was left as it is: upgrade execgap to use it."
        )
    for version in range(schema, SCHEMA):
        data = MIGRATIONS[version](data)
        data["meta"] = {"1": {"app": APP, "schema": version + 1}}
    return data


def board_from(data: Document, item_ids: frozenset[str] | None = None) -> Board:
    """Return the board held by a data file's documents (TinyDB tables, read as they are).

    With `item_ids`, only the open items of those ids are read (status reads one of 5,000).

    Raises:
        DataFileError: a record cannot be read; the message names its table and key.
    """
    items = from_table(PlanItem, data, "items", item_ids)
    current: dict[str, Document] = data.get("current", {})
    key, doc = next(iter(current.items()), ("1", {}))
    try:
        running, recent = doc.get("running"), doc.get("recent", [])
        if not isinstance(recent, list):
            raise TypeError(f"recent is {shown(recent)}, not a list")
        return Board(
            items=items,
            next_id=_maybe_text("next_id", doc),
            running=None if running is None else from_doc(RunningSession, running, "running"),
            recent=tuple(from_doc(Event, event, f"recent[{n}]") for n, event in enumerate(recent)),
            tomorrow=_maybe_text("tomorrow", doc),
            tomorrow_at=moment("tomorrow_at", doc.get("tomorrow_at")),
            tomorrow_due=moment("tomorrow_due", doc.get("tomorrow_due")),
            nudged_at=moment("nudged_at", doc.get("nudged_at")),
            told_waiting=_maybe_text("told_waiting", doc),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"current record {key}: {why(error)}") from None


def _maybe_text(name: str, doc: Document) -> str | None:
    raw = doc.get(name)
    return None if raw is None else text(name, raw)


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
    return _iso if name in TIMES else None  # enums are str: JSON writes their value


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
    except (KeyError, TypeError, ValueError):
        pass  # a record is damaged: find which
    for key, doc in stored.items():
        if ids is not None and doc.get("id") not in ids:
            continue
        try:
            _from_fields(cls, fields, doc)
        except (KeyError, TypeError, ValueError) as error:
            named = f" (id {doc['id']})" if isinstance(doc.get("id"), str) else ""
            raise DataFileError(f"{table} record {key}{named}: {why(error)}") from None
    raise AssertionError(f"a column of {table} failed where every record reads")  # a bug


def why(error: Exception) -> str:
    """What a reader's error says is wrong with a record (a KeyError: the missing field)."""
    return f"{error.args[0]} is missing" if isinstance(error, KeyError) else str(error)


def _columns(fields: tuple[_Reader, ...], docs: list[Document]) -> Iterator[Sequence[Any]]:
    """Yield each field's values over `docs`, read as `_from_fields` reads one record's."""
    try:  # every record has every field, as those written by this version do
        stored = zip(*map(itemgetter(*[name for name, _, _ in fields]), docs), strict=True)
    except KeyError:  # some lack fields added since they were written
        for name, read, default in fields:
            yield _with_defaults(name, read, default, docs)
        return
    for (name, read, default), column in zip(fields, stored, strict=True):
        yield read_values(name, read, column, default is None)


def _with_defaults(
    name: str, read: Callable[[Any], Any], default: object, docs: list[Document]
) -> Sequence[Any]:
    """Return field `name` read over `docs`, its default where a record lacks it."""
    column = list(map(methodcaller("get", name, _ABSENT), docs))
    if _ABSENT not in column:
        return read_values(name, read, column, default is None)
    if default is _REQUIRED:
        raise KeyError(name)
    present = [raw for raw in column if raw is not _ABSENT]
    values = iter(read_values(name, read, present, default is None))
    return [default if raw is _ABSENT else next(values) for raw in column]


_ABSENT = object()


def from_doc(cls: type[_Value], doc: Any, name: str | None = None) -> _Value:
    """Map a document back to a value; a field the document lacks takes its default.

    Raises:
        KeyError, TypeError, ValueError: it is not a table, or a field cannot be read
            (`name`, what the document is called, starts the message).
    """
    if not isinstance(doc, dict):
        raise TypeError(f"{name or cls.__name__} is {shown(doc)}, not a table")
    try:
        return _from_fields(cls, _readers(cls), doc)
    except KeyError as error:
        raise KeyError(f"{name}.{error.args[0]}" if name else error.args[0]) from None
    except (TypeError, ValueError) as error:
        raise type(error)(f"{name}: {error}" if name else str(error)) from None


_Reader = tuple[str, "Callable[[Any], Any]", object]
"""A field's name, what reads its stored value, and its default."""
_READERS: dict[type, tuple[_Reader, ...]] = {}
_REQUIRED = object()


def _readers(cls: type[_Value]) -> tuple[_Reader, ...]:
    """Each field of `cls` with what turns its stored value back and its default, worked
    out once per class: 5,000 open items are 35,000 fields."""
    readers = _READERS.get(cls)
    if readers is None:
        defaults = cls._field_defaults
        readers = _READERS[cls] = tuple(
            (name, reader(name, defaults.get(name, _REQUIRED) is None),
             defaults.get(name, _REQUIRED))
            for name in cls._fields
        )  # fmt: skip
    return readers


def _from_fields(cls: type[_Value], fields: tuple[_Reader, ...], doc: Document) -> _Value:
    values = []
    for name, read, default in fields:
        if name in doc:
            values.append(read(doc[name]))
        elif default is _REQUIRED:
            raise KeyError(name)
        else:  # a field added since the record was written
            values.append(default)
    return cls._make(values)


def field_value(name: str, raw: Any, of: type[Any] = Session) -> Any:
    """Turn one stored field of an `of` record back into its value (a time, an enum...).

    Raises:
        TypeError, ValueError: the value is not of the field's type (the message says so).
    """
    [read] = [read for field, read, _ in _readers(of) if field == name]
    return read(raw)


def read_column(name: str, column: Sequence[Any], of: type[Any] = Session) -> Sequence[Any]:
    """Turn a stored field's values back into values, as `field_value` turns each."""
    [(read, default)] = [(read, default) for field, read, default in _readers(of) if field == name]
    return read_values(name, read, column, default is None)
