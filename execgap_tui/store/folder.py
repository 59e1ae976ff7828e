"""The storage adapter: the data folder's TinyDB files, read, checked and changed safely.

The data folder (a write touches a few small files, however long the history, however
many open items): `state.json`, what is open but for the plan items; `plan/00.json` to
`plan/3f.json`, the open items by a hash of their id (plan.py); `history/YYYY-MM.json`,
finished sessions and closed items by month (history.py); `.lock`, held around every
read-modify-write (lock.py).

records.py maps values to documents (fields.py checks each field's type as it is read);
reading.py reads (plain JSON, parsed once); tinyfile.py writes through TinyDB, loaded only
to write; writes are atomic (files.py). Every read opens the file as it is now: other
processes write it too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from functools import partial

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.model import (
    PlanItem,
    Session,
)
from execgap_tui.store import history, plan
from execgap_tui.store.files import Document, discard, failed, leftovers
from execgap_tui.store.lock import POLL_S, LockError, LockTimeout, folder_lock, hold, lock_failed
from execgap_tui.store.private import private_folders
from execgap_tui.store.reading import Items, Loaded, Problem, problem_in, read_file
from execgap_tui.store.writes import Saved as Saved  # imported from here by the front ends
from execgap_tui.store.writes import Saving, Writes, all_or_nothing, told_with

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from pathlib import Path
    from types import EllipsisType

    from execgap_tui.store.files import StrPath

LOCK_TIMEOUT_S = 10.0
RACY_NS = 2_000_000_000
"""A file changed this recently may change again without its stamp telling (FAT: 2 s)."""

Stamp = tuple[int, int, int]


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
        self._plan = os.path.join(self._folder, "plan")
        self._lock = os.path.join(self._folder, ".lock")
        self.notices: list[str] = []
        """What opening told (a damaged file set aside); each save returns its own."""
        self.lock_timeout_s = LOCK_TIMEOUT_S
        """How long a save waits for another process's lock before StorageBusyError."""
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
    def plan_folder(self) -> Path:
        """Where the open plan items are."""
        return _path(self._plan)

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
            private_folders(store._folder, (store._history, store._plan))
        except OSError as error:
            raise failed(f"create the data folder {folder}", error) from error
        if not leftovers(store._folder, store._history, store._plan):
            try:  # the usual case, and no lock needed to see it: nothing to clean or repair
                stamp = store.stamp()  # before the read: a newer file is read again
                data = store._read(store._state, records=False).data
                # Its records are read by the first read, which needs them (or not: status).
                # Not a file changed within the last 2 s: an edit in place of the same size in
                # the same tick of the clock would keep its stamp (git's "racy" rule).
                if stamp is not None and _settled(stamp):
                    store._opened = (stamp, data)
                return store
            except DataFileError:
                pass  # damaged: repaired under the lock
        with store._locked():
            # Writers hold the lock while a temporary file exists: any found now is stale.
            for stale in leftovers(store._folder, store._history, store._plan):
                discard(stale)
            store._read(store._state, repair=True)
        return store

    def stamp(self) -> Stamp | None:
        """Return what tells one version of the state file from another (None: no file)."""
        try:
            info = os.stat(self._state)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_mtime_ns, info.st_size)

    def board(self) -> Board:
        """Return the open board as it is on disk now (TinyDB is loaded only to write)."""
        return self._open_board().board

    def focus(self) -> Board:
        """Return the open board with only the next action among its items: what a status
        line shows, read without the other open items (there may be thousands)."""
        return self._open_board(items="next").board

    def apply(self, step: Callable[[Board], Change]) -> Change:
        """Save `step` (see `save`) and return only the change: for scripts and tests."""
        return self.save(step).change

    def save(
        self,
        step: Callable[[Board], Change],
        *,
        at: datetime | None = None,
        needs: frozenset[str] | None = None,
    ) -> Saved:
        """Apply `step` to the board on disk, under the lock, and save what it changed.

        Returns the change with the state file's stamps before and after the write and
        what the user must be told; nothing is left on the store for another thread.

        The finished session or closed item goes to the history before the board is
        written: a crash in between leaves a session logged and still running, which the
        next finish logs again under the same id (`history.refiled`: no duplicate, no copy).
        A write that fails puts back the files written before it (writes.Writes): a save
        reported as failed has not happened, and its retry does not do it twice.

        Every record written is marked with `at` (default: now) and this machine's device
        id: what a merge of two machines' files will order by.

        `needs` names the plan items the step reads (None: all of them); the next action's
        and the running session's are always read. Only their files are read, and only the
        files of items that changed are written.
        """
        with self.saving(needs=needs, at=at) as saving:
            return saving.write(step(saving.board))

    @contextmanager
    def saving(
        self, *, needs: frozenset[str] | None = None, at: datetime | None = None
    ) -> Iterator[Saving]:
        """Hold the lock around the board read for a save (see `save`) and its writes: one
        that fails puts back those before it, and what was set aside is told with any
        error of the block."""
        from execgap_tui.core.clock import SystemClock  # status and reviews never need these
        from execgap_tui.store.device import device_id
        from execgap_tui.store.tinyfile import Mark

        notices: list[str] = []
        mark = Mark(at or SystemClock().now(), device_id())
        with self._locked(), told_with(notices), all_or_nothing(Writes(notices)) as writes:
            before = self.stamp()
            opened = self._open_board(repair=True, notices=notices, needs=needs)
            where = (self._state, self._plan, self._history)
            yield Saving(where, opened, mark, writes, before, self.stamp)

    def sessions_between(self, start: datetime | None, end: datetime | None) -> list[Session]:
        """Return finished sessions that started in [start, end), oldest first.

        Only the month files that can hold such sessions are read; None leaves that end open.
        """
        return history.sessions_between(self._history, start, end)

    def session_lines(
        self, start: datetime | None, end: datetime | None, encode: history.Encode
    ) -> list[str]:
        """Return the sessions started in [start, end) as `encode` writes their stored
        records, a line each, oldest first, for export (see `history.session_lines`)."""
        return history.session_lines(self._history, start, end, encode)

    def sessions_during(self, start: datetime, end: datetime) -> list[Session]:
        """Return the finished sessions with time in [start, end) (`core.session.falls_in`),
        oldest first, also those that began long before it.

        Only the month files of [start, end) are read, however long the history or the
        sessions (a session that runs on into a month has a copy there: history.py).
        """
        return history.sessions_during(self._history, start, end)

    def history(self, start: datetime, end: datetime) -> tuple[list[Session], list[PlanItem]]:
        """Return the sessions with time in [start, end) (as `sessions_during`) and the closed
        plan items planned in it, from the month files of [start, end) alone."""
        return history.history(self._history, start, end)

    def check(self) -> list[tuple[str, Problem | None]]:
        """Return each data file with what is wrong with it (None: readable), for doctor; a
        folder that cannot be listed is one of them (its files are not known)."""
        paths, unlisted = [self._state], []
        every_month = partial(history.month_paths, start=None, end=None)
        for folder, listed in ((self._plan, plan.shard_paths), (self._history, every_month)):
            try:
                paths += listed(folder)
            except DataFileError as error:
                unlisted.append((folder, Problem("unreadable", str(error))))
        from execgap_tui.store.cores import each_file  # only for doctor

        return [*zip(paths, each_file(problem_in, paths), strict=True), *unlisted]

    def lock_is_free(self) -> bool:
        """Return whether the data folder's lock can be taken now (nobody is writing); a
        look that makes and tightens nothing else (doctor tells, the next save mends)."""
        try:
            with hold(self._lock, 1.0, POLL_S):
                return True
        except LockTimeout:
            return False
        except LockError as error:
            raise lock_failed(self._folder, error) from error

    def _open_board(
        self,
        *,
        repair: bool = False,
        notices: list[str] | None = None,
        items: Items = "all",
        needs: frozenset[str] | None = None,
    ) -> plan.Opened:
        """Read the open board: the state file, and the plan files `items` or `needs` call
        for (all; the next action's alone, for status; those of `needs`, for a save)."""
        told = self.notices if notices is None else notices
        state = self._read_state(repair=repair, notices=told, items="all")
        return plan.open_board(state, self._plan, items, needs, repair=repair, notices=told)

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
        """Read `path` (see `reading.read_file`); what it sets aside is told in `notices`
        (by default, the store's own: what opening told)."""
        told = self.notices if notices is None else notices
        return read_file(path, repair=repair, records=records, notices=told, data=data, items=items)

    def _locked(self, timeout: float | None = None) -> AbstractContextManager[None]:
        # Its folders are made again if they went while the app was open: the next save
        # keeps what it has.
        wait = self.lock_timeout_s if timeout is None else timeout
        return folder_lock(self._lock, self._folder, (self._history, self._plan), wait)


def _path(path: str) -> Path:
    from pathlib import Path  # for the app and doctor, never on the way to a status line

    return Path(path)


def _settled(stamp: Stamp) -> bool:
    """Whether the file of `stamp` was last changed over 2 s ago (the coarsest file clock)."""
    import time  # already loaded by the interpreter: no cost

    return time.time_ns() - stamp[1] > RACY_NS
