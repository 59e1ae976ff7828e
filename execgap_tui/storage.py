"""TinyDB adapter: the only module that knows the shape of the data files.

Layout of the data folder (a write touches one small file, however long the history):

- `state.json`: what is open now (plan items, the next action, the running session);
- `history/YYYY-MM.json`: finished sessions and closed plan items, by month (UTC);
- `.lock`: the inter-process lock held around every read-modify-write.

Every write goes to a temporary file that is fsynced and moved over the old one with
`os.replace`, so a reader (another process, or `kill -9` mid-write) sees the old file or the
new one, never half of one. Every read opens the file as it is now: nothing is cached
between calls, because other processes write the same files.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import DataFileError, StorageBusyError
from execgap_tui.core.model import ItemState, Outcome, PlanItem, RunningSession, Session

SCHEMA = 1
"""Version of the document shape, stored in every file's `meta` table."""
APP = "execgap"
LOCK_TIMEOUT_S = 10.0
_ELSEWHERE = "It was left as it is: choose another folder with --data-dir."

Document = dict[str, Any]
Stamp = tuple[int, int, int]
_Value = TypeVar("_Value", PlanItem, RunningSession, Session)


def new_id() -> str:
    """Return a fresh id for a plan item or a session."""
    return uuid.uuid4().hex


class Store:
    """The data folder: read the open board, apply changes, read the history."""

    def __init__(self, folder: Path) -> None:
        """Point at `folder` without touching the disk (see `Store.open`)."""
        self.folder = folder
        self.state_path = folder / "state.json"
        self.history_folder = folder / "history"
        self._lock = FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_S)
        self.written: Stamp | None = None
        """The stamp of the state file as this store last wrote it."""

    @classmethod
    def open(cls, folder: Path) -> Store:
        """Open (and create if needed) the data folder, checking the state file is ours."""
        store = cls(folder)
        try:
            store.history_folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DataFileError(f"Cannot create the data folder {folder}: {error}") from error
        with store._locked():
            # Writers hold the lock while a temporary file exists: any found now is stale.
            for stale in (*folder.glob(".*.tmp"), *store.history_folder.glob(".*.tmp")):
                stale.unlink(missing_ok=True)
            with _database(store.state_path) as db:
                _check_meta(db, store.state_path)
        return store

    def stamp(self) -> Stamp | None:
        """Return what tells one version of the state file from another (None: no file)."""
        try:
            info = self.state_path.stat()
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_mtime_ns, info.st_size)

    def board(self) -> Board:
        """Return the open board as it is on disk now."""
        with _database(self.state_path) as db:
            return _board_from(db)

    def apply(self, step: Callable[[Board], Change]) -> Change:
        """Apply `step` to the board on disk, under the lock, and save what it changed.

        The finished session or closed item goes to the history before the board is
        written: a crash in between leaves a session that is both logged and still running,
        which the next finish logs again under the same id (an update, not a duplicate).
        """
        with self._locked():
            with _database(self.state_path) as db:
                change = step(_board_from(db))
            if change.session is not None or change.closed is not None:
                self._log(change)
            with _database(self.state_path) as db:
                _write_board(db, change.board)
            self.written = self.stamp()
            return change

    def sessions_between(self, start: datetime | None, end: datetime | None) -> list[Session]:
        """Return finished sessions that started in [start, end), oldest first.

        Only the month files that can hold such sessions are read; None leaves that end open.
        """
        sessions: list[Session] = []
        for path in _month_paths(self.history_folder, start, end):
            with _database(path) as db:
                sessions.extend(_from_doc(Session, doc) for doc in db.table("sessions").all())
        selected = [
            s for s in sessions
            if (start is None or start <= s.started_at) and (end is None or s.started_at < end)
        ]  # fmt: skip
        return sorted(selected, key=lambda s: s.started_at)

    def _log(self, change: Change) -> None:
        if change.session is not None:
            self._upsert("sessions", _doc(change.session), change.session.started_at)
        if change.closed is not None:
            closed = change.closed
            self._upsert("items", _doc(closed), closed.done_at or closed.created_at)

    def _upsert(self, table: str, doc: Document, moment: datetime) -> None:
        path = self.history_folder / f"{moment:%Y-%m}.json"
        with _database(path) as db:
            _check_meta(db, path)
            db.table(table).upsert(doc, Query().id == doc["id"])

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with self._lock:
                yield
        except Timeout as error:
            raise StorageBusyError(
                f"Another execgap process has held {self._lock.lock_file} for "
                f"{LOCK_TIMEOUT_S:.0f} s; nothing was changed. Try again."
            ) from error
        except OSError as error:
            raise DataFileError(f"Cannot lock the data folder {self.folder}: {error}") from error


class _FileStorage(Storage):
    """One JSON file, read once and written once per `_database` (atomic replace)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: Document | None = None
        self._dirty = False

    def read(self) -> Document | None:
        if self._data is None:
            self._data = _load(self.path)
        return self._data

    def write(self, data: Document) -> None:
        self._data, self._dirty = data, True

    def commit(self) -> None:
        if self._dirty and self._data is not None:
            _atomic_write(self.path, self._data)


@contextmanager
def _database(path: Path) -> Iterator[TinyDB]:
    db = TinyDB(path, storage=_FileStorage)
    yield db
    storage = db.storage
    assert isinstance(storage, _FileStorage)
    storage.commit()


def _load(path: Path) -> Document | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataFileError(f"Cannot read {path}: {error}") from error
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataFileError(f"{path} is not a readable execgap data file ({error}).") from error
    if not isinstance(data, dict):
        raise DataFileError(f"{path} is not an execgap data file (it holds no tables).")
    return data


def _atomic_write(path: Path, data: Document) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as file:
            json.dump(data, file, separators=(",", ":"))
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise DataFileError(f"Cannot write {path}: {error}") from error


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_meta(db: TinyDB, path: Path) -> None:
    meta = db.table("meta")
    docs = meta.all()
    if not docs:
        if any(name != "meta" for name in db.tables()):
            raise DataFileError(
                f"{path} belongs to another program (it has no execgap meta). {_ELSEWHERE}"
            )
        meta.insert({"app": APP, "schema": SCHEMA})
        return
    doc = docs[0]
    if doc.get("app") != APP:
        raise DataFileError(
            f"{path} belongs to another program (app: {doc.get('app')!r}). {_ELSEWHERE}"
        )
    if not isinstance(doc.get("schema"), int) or doc["schema"] > SCHEMA:
        raise DataFileError(
            f"{path} was written by a newer execgap (schema {doc.get('schema')}); "
            f"this one reads schema {SCHEMA}. Upgrade execgap."
        )


def _board_from(db: TinyDB) -> Board:
    current = db.table("current").all()
    doc = current[0] if current else {}
    running = doc.get("running")
    return Board(
        items=tuple(_from_doc(PlanItem, item) for item in db.table("items").all()),
        next_id=doc.get("next_id"),
        running=_from_doc(RunningSession, running) if running else None,
    )


def _write_board(db: TinyDB, board: Board) -> None:
    items = db.table("items")
    items.truncate()
    items.insert_multiple(_doc(item) for item in board.items)
    running = _doc(board.running) if board.running else None
    current = db.table("current")
    current.truncate()
    current.insert({"next_id": board.next_id, "running": running})


def _month_paths(folder: Path, start: datetime | None, end: datetime | None) -> list[Path]:
    """Return the month files (named by UTC month) that overlap [start, end]."""
    first = f"{start.astimezone(UTC):%Y-%m}" if start else "0000-00"
    last = f"{end.astimezone(UTC):%Y-%m}" if end else "9999-99"
    paths = sorted(folder.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json"))
    return [path for path in paths if first <= path.stem <= last]


_TIMES = frozenset({"created_at", "promoted_at", "done_at", "started_at", "ended_at"})
_ENUMS: dict[str, type[StrEnum]] = {"state": ItemState, "outcome": Outcome}


def session_record(session: Session) -> Document:
    """Return `session` as it is stored (and exported): plain JSON values."""
    return _doc(session)


def _doc(value: PlanItem | RunningSession | Session) -> Document:
    """Map a value to its document: times as ISO 8601 strings (aware UTC), enums as values."""
    return {
        name: item.isoformat() if isinstance(item, datetime) else item
        for name, item in asdict(value).items()
    }


def _from_doc(cls: type[_Value], doc: Document) -> _Value:
    """Map a document back to a value; a field the document lacks takes its default."""
    try:
        return cls(**{f.name: _field(f.name, doc[f.name]) for f in fields(cls) if f.name in doc})
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"A {cls.__name__} record is damaged: {error!r}") from error


def _field(name: str, raw: Any) -> Any:
    if name in _TIMES:
        return datetime.fromisoformat(raw) if raw else None
    if name in _ENUMS:
        return _ENUMS[name](raw)
    return raw
