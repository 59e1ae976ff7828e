"""The storage adapter: the data folder's TinyDB files, read, checked and changed safely.

Layout of the data folder (a write touches one small file, however long the history):

- `state.json`: what is open now (plan items, the next action, the running session);
- `history/YYYY-MM.json`: finished sessions and closed plan items, by the UTC month they
  started or were planned in;
- `.lock`: the inter-process lock held around every read-modify-write.

records.py maps values to documents; tinyfile.py writes through TinyDB, and is loaded only
to write. Files are read as plain JSON, parsed once. Writes are atomic (files.py). Every
read opens the file as it is now: nothing is cached, because other processes write it too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import DamagedFileError, DataFileError, StorageBusyError
from execgap_tui.core.model import (
    PlanItem,
    Session,
)
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store.files import Document, backup_of, discard, load_json, names_in, set_aside
from execgap_tui.store.lock import LockError, LockTimeout, hold
from execgap_tui.store.records import board_from, checked, field_value, from_table

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from pathlib import Path
    from types import EllipsisType

    from execgap_tui.store.files import StrPath
    from execgap_tui.store.tinyfile import Mark

LOCK_TIMEOUT_S = 10.0
LOCK_POLL_S = 0.002
_MONTH_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.json")
_TEMPORARY = re.compile(r"\..+\.[0-9]+\.tmp")
"""What files.py writes before moving into place: `.state.json.1234.tmp`."""

Stamp = tuple[int, int, int]
Items = str
"""Which plan items a read parses: "all", "next" (only the next action, for status) or
"none" (the sessions alone). A plain str at run time: typing costs status 3 ms to import."""


class Store:
    """The data folder: read the open board, apply changes, read the history.

    Paths are strings inside: `pathlib` would cost `execgap status` 3 ms to import. The app
    and doctor get them as `Path`s from the properties.
    """

    def __init__(self, folder: StrPath) -> None:
        """Point at `folder` without touching the disk (see `Store.open`)."""
        self._folder = os.fspath(folder)
        self._state = os.path.join(self._folder, "state.json")
        self._history = os.path.join(self._folder, "history")
        self._lock = os.path.join(self._folder, ".lock")
        self.notices: list[str] = []
        """What opening told (a damaged file set aside); each save returns its own."""
        self._opened: tuple[Stamp | None, Document | None] | None = None
        """The state file as `open` read it, for the first read after (if still that version):
        a command reads it once, however many open plan items it holds. Used once, so nothing
        read is kept (other processes write too)."""

    @property
    def folder(self) -> Path:
        """The data folder."""
        return _path(self._folder)

    @property
    def state_path(self) -> Path:
        """The state file: the open board."""
        return _path(self._state)

    @property
    def history_folder(self) -> Path:
        """Where the month files are."""
        return _path(self._history)

    @property
    def lock_path(self) -> Path:
        """The lock file."""
        return _path(self._lock)

    @classmethod
    def open(cls, folder: StrPath) -> Store:
        """Open (creating it if needed) the data folder; set damaged files aside."""
        store = cls(folder)
        try:
            os.makedirs(store._history, exist_ok=True)
        except OSError as error:
            raise DataFileError(f"Cannot create the data folder {folder}: {error}") from error
        if not store._leftovers():
            try:  # the usual case, and no lock needed to see it: nothing to clean or repair
                stamp = store.stamp()  # before the read: a newer file is read again
                # Its records are read by the first read, which needs them (or not: status).
                store._opened = (stamp, store._read(store._state, records=False).data)
                return store
            except DataFileError:
                pass  # damaged: repaired under the lock
        with store._locked():
            # Writers hold the lock while a temporary file exists: any found now is stale.
            for stale in store._leftovers():
                discard(stale)
            store._read(store._state, repair=True)
        return store

    def _leftovers(self) -> list[str]:
        """Temporary files a writer left (it holds the lock while one exists)."""
        return [
            os.path.join(folder, name)
            for folder in (self._folder, self._history)
            for name in names_in(folder)
            if _TEMPORARY.fullmatch(name)
        ]

    def stamp(self) -> Stamp | None:
        """Return what tells one version of the state file from another (None: no file)."""
        try:
            info = os.stat(self._state)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_mtime_ns, info.st_size)

    def board(self) -> Board:
        """Return the open board as it is on disk now (TinyDB is loaded only to write)."""
        return self._read_state().board

    def focus(self) -> Board:
        """Return the open board with only the next action among its items: what a status
        line shows, read without the other open items (there may be thousands)."""
        return self._read_state(items="next").board

    def apply(self, step: Callable[[Board], Change]) -> Change:
        """Save `step` (see `save`) and return only the change: for scripts and tests."""
        return self.save(step).change

    def save(self, step: Callable[[Board], Change], *, at: datetime | None = None) -> Saved:
        """Apply `step` to the board on disk, under the lock, and save what it changed.

        Returns the change with the state file's stamps before and after the write and
        what the user must be told; nothing is left on the store for another thread.

        The finished session or closed item goes to the history before the board is
        written: a crash in between leaves a session that is both logged and still running,
        which the next finish logs again under the same id (an update, not a duplicate).

        Every record written is marked with `at` (default: now) and this machine's device
        id: what a merge of two machines' files will order by.
        """
        from execgap_tui.core.clock import SystemClock  # status and reviews never need these
        from execgap_tui.store.device import device_id
        from execgap_tui.store.tinyfile import Mark, write_board

        notices: list[str] = []
        mark = Mark(at or SystemClock().now(), device_id())
        with self._locked():
            before = self.stamp()
            loaded = self._read_state(repair=True, notices=notices)
            change = step(loaded.board)
            if change.session is not None or change.closed is not None:
                self._log(change, notices, mark)
            write_board(self._state, loaded.data, loaded.board, change.board, mark)
            return Saved(change, before, self.stamp(), tuple(notices))

    def sessions_between(self, start: datetime | None, end: datetime | None) -> list[Session]:
        """Return finished sessions that started in [start, end), oldest first.

        Only the month files that can hold such sessions are read; None leaves that end open.
        """
        sessions: list[Session] = []
        for path in _month_paths(self._history, start, end):
            sessions.extend(self._read(path, items="none").sessions)
        after = [s for s in sessions if start is None or start <= s.started_at]
        return sorted((s for s in after if end is None or s.started_at < end), key=_started)

    def session_records(self, start: datetime | None, end: datetime | None) -> list[Document]:
        """Return the stored records of the sessions started in [start, end), oldest first,
        each with every field of a `Session` in order (a missing one takes its default).

        For export: of each record only the start is read (to choose and order them), the
        rest is passed on as stored; `check` (doctor) reads every field.
        """
        found: list[tuple[datetime, Document]] = []
        for path in _month_paths(self._history, start, end):
            data = self._read(path, records=False).data or {}
            for key, doc in data.get("sessions", {}).items():
                try:
                    began = field_value("started_at", doc["started_at"])
                except (KeyError, TypeError, ValueError) as error:
                    record = f"has a record that cannot be read (sessions record {key}: {error!r})"
                    damaged = DamagedFileError(path, record)
                    raise DataFileError(f"{damaged} Run 'execgap doctor'.") from None
                if (start is None or start <= began) and (end is None or began < end):
                    found.append((began, doc))
        found.sort(key=_first)
        fields = [(name, Session._field_defaults.get(name)) for name in Session._fields]
        return [{name: doc.get(name, default) for name, default in fields} for _, doc in found]

    def history(self, start: datetime, end: datetime) -> tuple[list[Session], list[PlanItem]]:
        """Return the sessions started and the closed plan items planned in [start, end).

        Both are filed by the month they began in, so this reads only the month files of
        [start, end), however long the history.
        """
        sessions: list[Session] = []
        items: list[PlanItem] = []
        for path in _month_paths(self._history, start, end):
            loaded = self._read(path)
            sessions.extend(loaded.sessions)
            items.extend(loaded.board.items)  # a month file's items are closed ones
        return (
            sorted((s for s in sessions if start <= s.started_at < end), key=_started),
            [item for item in items if start <= item.created_at < end],
        )

    def check(self) -> Iterator[tuple[str, str | None]]:
        """Yield each data file with what is wrong with it (None: readable), for doctor."""
        for path in [self._state, *_month_paths(self._history, None, None)]:
            try:
                _parsed(checked(load_json(path), path), path)
            except DataFileError as error:
                yield path, str(error)
            else:
                yield path, None

    def lock_is_free(self) -> bool:
        """Return whether the data folder's lock can be taken now (nobody is writing)."""
        try:
            with self._locked(timeout=1.0):
                return True
        except StorageBusyError:
            return False

    def _read_state(
        self, *, repair: bool = False, notices: list[str] | None = None, items: Items = "all"
    ) -> Loaded:
        """Read the state file (as `open` read it, if it is still that version)."""
        opened, self._opened = self._opened, None
        data = opened[1] if opened is not None and opened[0] == self.stamp() else ...
        return self._read(self._state, repair=repair, notices=notices, data=data, items=items)

    def _read(
        self,
        path: str,
        *,
        repair: bool = False,
        records: bool = True,
        notices: list[str] | None = None,
        data: Document | EllipsisType | None = ...,
        items: Items = "all",
    ) -> Loaded:
        """Read and parse `path` (or `data`, as read from it); with `repair` (only under the
        lock) set damage aside.

        Without `records`, only the file is checked (JSON, an execgap schema, tables of
        documents), and its records are left unread; `items` as for `_parsed`.
        """
        try:
            if data is ...:
                data = checked(load_json(path), path)
            return _parsed(data, path, records=records, items=items)
        except DamagedFileError as error:
            if not repair:
                raise DataFileError(f"{error} Run 'execgap doctor' to see what to do.") from error
            aside = set_aside(path)
            backup = backup_of(aside)
            earlier = (
                f"The last good copy is {backup}: 'execgap doctor' shows how to restore it."
                if os.path.exists(backup) else "There is no earlier copy of it."
            )  # fmt: skip
            (self.notices if notices is None else notices).append(
                f"{error} It was set aside as {aside}; a new one was started. {earlier}"
            )
            return Loaded(None)

    def _log(self, change: Change, notices: list[str], mark: Mark) -> None:
        """Write what left the board to its month files: one read and write per file.

        A month file's records are not read to add one: at the end of a month that is 700
        of them and 3 ms of every `execgap done`. What was there is written back as it was;
        a record damaged by hand is reported by the reviews that read it, and by doctor.
        """
        entries: dict[str, list[tuple[str, Document]]] = {}
        if change.session is not None:
            path = self._month_file(change.session.started_at)
            entries.setdefault(path, []).append(("sessions", mark.doc(change.session)))
        if change.closed is not None:
            path = self._month_file(change.closed.created_at)  # where a review looks for it
            entries.setdefault(path, []).append(("items", mark.doc(change.closed)))
        from execgap_tui.store.tinyfile import upsert

        for path, docs in entries.items():
            upsert(path, self._read(path, repair=True, records=False, notices=notices).data, docs)

    def _month_file(self, moment: datetime) -> str:
        return os.path.join(self._history, f"{moment.astimezone(UTC):%Y-%m}.json")

    @contextmanager
    def _locked(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        # Poll often: a busy writer (a script in a loop) takes the lock again at once, and
        # at a 50 ms poll a waiter (the app) could starve for seconds.
        try:
            # Made again if it went while the app was open: the next save keeps what it has.
            os.makedirs(self._history, exist_ok=True)
        except OSError as error:
            raise DataFileError(f"Cannot create the data folder {self._folder}: {error}") from error
        try:
            with hold(self._lock, timeout, LOCK_POLL_S):
                yield
        except LockTimeout as error:
            raise StorageBusyError(
                f"Another execgap process has held {self._lock} for "
                f"{timeout:.0f} s; nothing was changed. Try again."
            ) from error
        except LockError as error:
            raise DataFileError(f"Cannot lock the data folder {self._folder}: {error}") from error


class Saved(NamedTuple):
    """A change as saved, with the state file's stamp before and after the write."""

    change: Change
    before: Stamp | None
    after: Stamp | None
    notices: tuple[str, ...] = ()
    """What the user must hear about: a damaged file set aside during this save."""


class Loaded(NamedTuple):
    """A data file as read: its documents, and what they hold, parsed once."""

    data: Document | None
    board: Board = Board()
    # The open board (in a month file: its closed plan items, as `items`).
    sessions: tuple[Session, ...] = ()


def _parsed(
    data: Document | None, path: str, *, records: bool = True, items: Items = "all"
) -> Loaded:
    """Return `data` parsed, if every table (and record) in it can be read; else it is damaged.

    Without `records`, the records are neither read nor checked; of the items, `items` says
    which are read: all, only the next action, or none (for the sessions alone).
    """
    if data is None:
        return Loaded(None)
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise DamagedFileError(str(path), f"has a damaged table {name!r}")
    if not records:
        return Loaded(data)
    try:
        sessions = from_table(Session, data, "sessions")
        ids = None if items == "all" else _next_id(data) if items == "next" else frozenset()
        return Loaded(data, board_from(data, ids), sessions)
    except DataFileError as error:
        raise DamagedFileError(str(path), f"has a record that cannot be read ({error})") from None


def _next_id(data: Document) -> frozenset[str]:
    """The next action's id in a state file's documents (their tables checked), as a set."""
    current: Document = next(iter(data.get("current", {}).values()), {})
    next_id = current.get("next_id")
    return frozenset([next_id]) if isinstance(next_id, str) else frozenset()


def _month_paths(folder: str, start: datetime | None, end: datetime | None) -> list[str]:
    """Return the month files (named by UTC month) that overlap [start, end]."""
    first = f"{start.astimezone(UTC):%Y-%m}" if start else "0000-00"
    last = f"{end.astimezone(UTC):%Y-%m}" if end else "9999-99"
    names = sorted(name for name in names_in(folder) if _MONTH_FILE.fullmatch(name))
    return [os.path.join(folder, name) for name in names if first <= name[:7] <= last]


def _path(path: str) -> Path:
    from pathlib import Path  # for the app and doctor, never on the way to a status line

    return Path(path)


def _first(pair: tuple[datetime, Document]) -> datetime:
    return pair[0]


def _started(session: Session) -> datetime:
    return session.started_at
