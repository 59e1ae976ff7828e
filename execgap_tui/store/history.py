"""The month files: finished sessions by the UTC month they started in, and closed plan
items by the month they were planned in, so a review reads one or two however long the
history grows, and a save adds to one. Part of the storage adapter (folder.py)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from functools import partial
from itertools import repeat
from operator import itemgetter, le

from execgap_tui.core.board import Change
from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.core.model import PlanItem, Session
from execgap_tui.store.files import Document, names_in
from execgap_tui.store.reading import read_file
from execgap_tui.store.records import field_value, read_column

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

    from execgap_tui.store.tinyfile import Mark
    from execgap_tui.store.writes import Writes

    Encode = Callable[[list[Document]], list[str]]
    """Writes session records as lines, one a record (for export: JSON or CSV); a function
    of a module, as it may run in a worker process."""

_MONTH_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.json")
_REQUIRED = frozenset(name for name in Session._fields if name not in Session._field_defaults)
"""What every stored session has: export refuses a record without one, as a read would."""


def month_paths(folder: str, start: datetime | None, end: datetime | None) -> list[str]:
    """Return the month files (named by UTC month) that overlap [start, end]."""
    first = f"{start.astimezone(UTC):%Y-%m}" if start else "0000-00"
    last = f"{end.astimezone(UTC):%Y-%m}" if end else "9999-99"
    names = sorted(name for name in names_in(folder) if _MONTH_FILE.fullmatch(name))
    return [os.path.join(folder, name) for name in names if first <= name[:7] <= last]


def sessions_between(folder: str, start: datetime | None, end: datetime | None) -> list[Session]:
    """Return finished sessions that started in [start, end), oldest first (None: open)."""
    sessions: list[Session] = []
    for path in month_paths(folder, start, end):
        sessions.extend(read_file(path, items="none", notices=[]).sessions)
    after = [s for s in sessions if start is None or start <= s.started_at]
    return sorted((s for s in after if end is None or s.started_at < end), key=_started)


def session_lines(
    folder: str, start: datetime | None, end: datetime | None, encode: Encode
) -> list[str]:
    """Return the stored records of the sessions started in [start, end), oldest first, as
    `encode` writes them: each with every field of a `Session` in order (a missing optional
    one takes its default).

    Of each record only the start is read (to choose and order them) and the fields it must
    have are looked for; the rest is passed on as stored. The month files are read and
    encoded on all cores, at 100k sessions (cores.py).
    """
    from execgap_tui.store.cores import each_file  # only for export

    work = partial(_encoded, start=start, end=end, encode=encode)
    found = [pair for pairs in each_file(work, month_paths(folder, start, end)) for pair in pairs]
    found.sort(key=_first)
    return [line for _, line in found]


def _encoded(
    path: str, *, start: datetime | None, end: datetime | None, encode: Encode
) -> list[tuple[float, str]]:
    """Return the sessions of one month file started in [start, end), each encoded, with
    when it started (as a timestamp: it sorts as the time does, and pickles in a word)."""
    docs = list(
        (read_file(path, records=False, notices=[]).data or {}).get("sessions", {}).values()
    )
    try:  # a column at a time, as a read is (records.py)
        if not all(map(le, repeat(_REQUIRED), map(dict.keys, docs))):
            raise KeyError("a field")
        began = read_column("started_at", list(map(_STARTED_AT, docs)))
    except (KeyError, TypeError, ValueError):
        _refuse_damaged(path)
    chosen = [(moment.timestamp(), doc) for moment, doc in zip(began, docs, strict=True)
              if (start is None or start <= moment) and (end is None or moment < end)]  # fmt: skip
    lines = encode([doc if list(doc) == _FIELDS else _in_order(doc) for _, doc in chosen])
    return list(zip([moment for moment, _ in chosen], lines, strict=True))


def _in_order(doc: Document) -> Document:
    """Return a session record with every field of a `Session`, in order."""
    return {name: doc.get(name, default) for name, default in _DEFAULTS}


_FIELDS = list(Session._fields)
_DEFAULTS = [(name, Session._field_defaults.get(name)) for name in Session._fields]
_STARTED_AT = itemgetter("started_at")


def _refuse_damaged(path: str) -> NoReturn:
    """Raise the error a read gives for the first session record of `path` it cannot read."""
    data = read_file(path, records=False, notices=[]).data or {}
    for key, doc in data.get("sessions", {}).items():
        try:
            if missing := _REQUIRED.difference(doc):  # as reading it would refuse
                raise KeyError(", ".join(sorted(missing)))
            field_value("started_at", doc["started_at"])
        except (KeyError, TypeError, ValueError) as error:
            record = f"has a record that cannot be read (sessions record {key}: {error!r})"
            damaged = DamagedFileError(path, record)
            raise DataFileError(f"{damaged} Run 'execgap doctor'.") from None
    raise AssertionError(f"{path}: a column failed where every record reads")  # a bug


def history(folder: str, start: datetime, end: datetime) -> tuple[list[Session], list[PlanItem]]:
    """Return the sessions started and the closed plan items planned in [start, end)."""
    sessions: list[Session] = []
    items: list[PlanItem] = []
    for path in month_paths(folder, start, end):
        loaded = read_file(path, notices=[])
        sessions.extend(loaded.sessions)
        items.extend(loaded.board.items)  # a month file's items are closed ones
    return (
        sorted((s for s in sessions if start <= s.started_at < end), key=_started),
        [item for item in items if start <= item.created_at < end],
    )


def log(folder: str, change: Change, writes: Writes, mark: Mark) -> None:
    """Write what left the board to its month files: one read and write per file.

    A month file's records are not read to add one: at the end of a month that is 700
    of them and 3 ms of every `execgap done`. What was there is written back as it was;
    a record damaged by hand is reported by the reviews that read it, and by doctor.
    """
    entries: dict[str, list[tuple[str, Document]]] = {}
    if change.session is not None:
        path = _month_file(folder, change.session.started_at)
        entries.setdefault(path, []).append(("sessions", mark.doc(change.session)))
    if change.closed is not None:
        path = _month_file(folder, change.closed.created_at)  # where a review looks for it
        entries.setdefault(path, []).append(("items", mark.doc(change.closed)))
    from execgap_tui.store.tinyfile import upsert

    for path, docs in entries.items():
        data = read_file(path, repair=True, records=False, notices=writes.notices).data
        upsert(path, data, docs, writes)


def _month_file(folder: str, moment: datetime) -> str:
    return os.path.join(folder, f"{moment.astimezone(UTC):%Y-%m}.json")


def _first(pair: tuple[float, str]) -> float:
    return pair[0]


def _started(session: Session) -> datetime:
    return session.started_at
