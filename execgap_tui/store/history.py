"""The month files: finished sessions by the UTC month they started in, and closed plan
items by the month they were planned in, so a review reads one however long the history
grows, and a save adds to one. Part of the storage adapter (folder.py).

A session that runs on into later months (over midnight at the end of one, or for weeks)
has a copy in each of them, in their `carried` table: a span of days reads the month files
of those days alone, however long a session ran. A session written again is `refiled`."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import repeat
from operator import itemgetter, le

from execgap_tui.core.board import Change
from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.core.model import PlanItem, Session
from execgap_tui.core.session import falls_in
from execgap_tui.store.files import Document, names_in
from execgap_tui.store.reading import Items, Loaded, read_file
from execgap_tui.store.records import field_value, from_doc, read_column, session_record

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import NoReturn

    from execgap_tui.store.tinyfile import Mark
    from execgap_tui.store.writes import Writes

    Encode = Callable[[list[Document]], list[str]]
    """Writes session records as lines, one a record (for export: JSON or CSV); a function
    of a module, as it may run in a worker process."""
    Write = tuple[str, str, Document | None]
    """A record to write in a month file: its table, its id and its document (None: take
    the record out)."""

_MONTH_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.json")
CARRIED = "carried"
"""A month file's copies of the sessions of earlier months that ran on into it."""
_CARRIES = "carries"
"""Set in a month file's meta once its `carried` table holds every such session: this
version copies them in from the month before when it first writes the file. A file
without it (from an earlier execgap, or none yet this month) has the month before it read
as well."""
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


def sessions_during(folder: str, start: datetime, end: datetime) -> list[Session]:
    """Return the finished sessions with time in [start, end) (`falls_in`), oldest first."""
    return _during(_files_during(folder, start, end, "none"), start, end)


def history(folder: str, start: datetime, end: datetime) -> tuple[list[Session], list[PlanItem]]:
    """Return the sessions with time in [start, end) and the closed plan items planned in it."""
    files = _files_during(folder, start, end, "all")
    items = [item for loaded in files for item in loaded.board.items]  # closed ones
    return _during(files, start, end), [item for item in items if start <= item.created_at < end]


def _files_during(folder: str, start: datetime, end: datetime, items: Items) -> list[Loaded]:
    """Read the month files of [start, end), and the month before them if the first does not
    carry every session that ran on into it (see `_CARRIES`)."""
    paths = month_paths(folder, start, end)
    files = [read_file(path, items=items, notices=[]) for path in paths]
    if not (paths and paths[0] == month_file(folder, start) and _carries(files[0].data)):
        before = _month_start(start) - timedelta(days=1)
        files.insert(0, read_file(month_file(folder, before), items=items, notices=[]))
    return files


def _during(files: list[Loaded], start: datetime, end: datetime) -> list[Session]:
    """The sessions of `files` (their own and their copies) with time in [start, end); of a
    session written more than once (logged again after a crash), the last written."""
    found: dict[str, Session] = {}
    for loaded in files:
        for session in (*loaded.carried, *loaded.sessions):
            held = found.get(session.id)
            if held is None or _written(session) >= _written(held):
                found[session.id] = session
    during = (s for s in found.values() if falls_in(s.started_at, s.ended_at, start, end))
    return sorted(during, key=_started)


def log(folder: str, change: Change, writes: Writes, mark: Mark) -> None:
    """Write what left the board to its month files: one read and write per file, each one
    of the save's `writes` (all or nothing).

    A month file's records are not read to add one: at the end of a month that is 700
    of them and 3 ms of every `execgap done`. What was there is written back as it was;
    a record damaged by hand is reported by the reviews that read it, and by doctor.
    A session that ran on into later months is copied into each of them; one logged before
    (a crash left it running) is `refiled` from where its old record has it.
    """
    read: dict[str, Document | None] = {}
    records: dict[str, list[Write]] = {}
    if (session := change.session) is not None:
        start = month_file(folder, session.started_at)
        logged = _logged(_data(start, read, writes.notices), session.id)
        records = refiled(folder, logged, session, mark)
    if change.closed is not None:
        path = month_file(folder, change.closed.created_at)  # where a review looks for it
        records.setdefault(path, []).append(("items", change.closed.id, mark.doc(change.closed)))
    write_months(records, writes, read)


def write_months(
    records: dict[str, list[Write]], writes: Writes, read: dict[str, Document | None]
) -> None:
    """Make `records` (`refiled`'s writes, by month file), under the lock: one write per
    file, each one of `writes`.

    `read` holds the files read already, as read (it gets the others as they are read). A
    file that is not there is not made only to take a record out of it.
    """
    from execgap_tui.store.tinyfile import write_records

    notices = writes.notices
    for path in sorted(records):  # oldest first: a month copies from the one before it
        data = _data(path, read, notices)
        if data is None and all(doc is None for _, _, doc in records[path]):
            continue
        todo = records[path] if _carries(data) else [*_ran_into(path, notices), *records[path]]
        write_records(path, data, todo, writes, meta={_CARRIES: True})


def _data(path: str, read: dict[str, Document | None], notices: list[str]) -> Document | None:
    """A month file's documents, read once (damage set aside and told) and kept in `read`."""
    if path not in read:
        read[path] = read_file(path, repair=True, records=False, notices=notices).data
    return read[path]


def refiled(
    folder: str, old: Session | None, new: Session | None, mark: Mark
) -> dict[str, list[Write]]:
    """Return the writes, by month file, that move a session's records from the files `old`
    (as logged before; None: never) has them in to those `new` (None: deleted) needs: its
    record, marked, into each of them (`filed_in`), and out of each of `old`'s it leaves.
    """
    keep = filed_in(folder, new) if new is not None else {}
    writes: dict[str, list[Write]] = {}
    if old is not None:
        for path, table in filed_in(folder, old).items():
            if keep.get(path) != table:
                writes.setdefault(path, []).append((table, old.id, None))
    if new is not None:
        for path, table in keep.items():
            writes.setdefault(path, []).append((table, new.id, mark.doc(new)))
    return writes


def filed_in(folder: str, session: Session) -> dict[str, str]:
    """Return the month files that hold `session`'s records, each with its table there: the
    month it started in (`sessions`), and each later month it ran on into (`carried`)."""
    tables = {month_file(folder, session.started_at): "sessions"}
    for month in _months_after(session.started_at, session.ended_at):
        tables[month_file(folder, month)] = CARRIED
    return tables


def _logged(data: Document | None, session_id: str) -> Session | None:
    """The session `session_id` as its start month's `data` holds it, if it was logged."""
    for doc in (data or {}).get("sessions", {}).values():
        if doc.get("id") == session_id:
            try:
                return from_doc(Session, doc)
            except DataFileError:  # damaged by hand: the new record replaces it
                return None
    return None


def _ran_into(path: str, notices: list[str]) -> list[Write]:
    """Copies of the sessions of the month before `path`'s that ran on into its month."""
    month = datetime.strptime(os.path.basename(path)[:7], "%Y-%m").replace(tzinfo=UTC)
    before = month_file(os.path.dirname(path), month - timedelta(days=1))
    loaded = read_file(before, repair=True, items="none", notices=notices)
    sessions = (*loaded.carried, *loaded.sessions)
    return [(CARRIED, s.id, session_record(s)) for s in sessions if s.ended_at > month]


def _carries(data: Document | None) -> bool:
    """Whether a month file's `carried` table holds every session that ran on into it."""
    meta: Document = next(iter((data or {}).get("meta", {}).values()), {})
    return meta.get(_CARRIES) is True


def _months_after(started: datetime, ended: datetime) -> Iterator[datetime]:
    """Yield the first moment of each UTC month after `started`'s that begins before `ended`."""
    month = _month_start(started)
    while (month := _month_start(month + timedelta(days=32))) < ended:
        yield month


def _month_start(moment: datetime) -> datetime:
    utc = moment.astimezone(UTC)
    return datetime(utc.year, utc.month, 1, tzinfo=UTC)


def _written(session: Session) -> datetime:
    return session.changed_at or _NEVER


_NEVER = datetime.min.replace(tzinfo=UTC)


def month_file(folder: str, moment: datetime) -> str:
    """Return the month file (by UTC month) that a record of `moment` is filed in."""
    return os.path.join(folder, f"{moment.astimezone(UTC):%Y-%m}.json")


def _first(pair: tuple[float, str]) -> float:
    return pair[0]


def _started(session: Session) -> datetime:
    return session.started_at
