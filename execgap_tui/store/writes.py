"""One save's writes: all or nothing, and what the user must be told of them.

Part of the storage adapter (folder.py's Store.saving makes them; files.py writes each
file; a restore writes through them too).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import DataFileError, ExecGapError
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store import history, plan
from execgap_tui.store.files import Document, backup_of, discard

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.store.tinyfile import Mark

    Stamp = tuple[int, int, int]


class Saved(NamedTuple):
    """A change as saved, with the state file's stamp before and after the write."""

    change: Change
    before: Stamp | None
    after: Stamp | None
    notices: tuple[str, ...] = ()
    """What the user must hear about: a damaged file set aside during this save."""


class Saving:
    """A save under way, under the lock: the board as read for it, and its writes."""

    def __init__(
        self,
        where: tuple[str, str, str],
        opened: plan.Opened,
        mark: Mark,
        writes: Writes,
        before: Stamp | None,
        stamp: Callable[[], Stamp | None],
    ) -> None:
        """Save into the state file, plan folder and history folder `where`; `opened` is
        what was read, `before` the state file's stamp then, `stamp` reads it again."""
        self._state, self._plan, self._history = where
        self.opened, self.mark, self.writes = opened, mark, writes
        self._before, self._stamp = before, stamp

    @property
    def board(self) -> Board:
        """The open board as read for this save."""
        return self.opened.board

    def write(self, change: Change) -> Saved:
        """Write what `change` changed of the board read (see `Store.save`)."""
        from execgap_tui.store.tinyfile import write_board

        if change.session is not None or change.closed is not None:
            history.log(self._history, change, self.writes, self.mark)
        plan.write_plan(self._plan, self.opened, change.board, self.mark, self.writes)
        # Last: the state file's new stamp is what tells readers (the app) to look.
        write_board(self._state, self.opened.state.data, change.board, self.mark, self.writes)
        return Saved(change, self._before, self._stamp(), tuple(self.writes.notices))

    def upsert(self, path: str, data: Document | None, docs: list[tuple[str, Document]]) -> None:
        """Add or update `(table, document)` pairs in the file `path` (as read: `data`)."""
        from execgap_tui.store.tinyfile import write_records

        write_records(path, data, [(table, doc["id"], doc) for table, doc in docs], self.writes)


class Writes:
    """One save's writes: what they replaced, to put back if a later one fails, and what
    the user must be told (shared with the save's reads, which set damage aside).

    A save writes a few files one after another (a month file, a plan file, the state
    file); should one fail, those before it are put back, so that a save reported as failed
    has not happened: the user's retry would do it twice (a plan item stored twice).
    """

    __slots__ = ("_replaced", "notices")

    def __init__(self, notices: list[str]) -> None:
        """Tell into `notices`."""
        self.notices = notices
        self._replaced: list[tuple[str, bool, str | None]] = []

    def replaced(self, path: str, kept: bool, spare: str | None = None) -> None:
        """Note that `path` was replaced (`kept`: its old version is its .bak now; `spare`:
        the .bak before that, under a temporary name until the save is done)."""
        self._replaced.append((path, kept, spare))

    def done(self) -> None:
        """The save is made: drop the .bak copies kept to undo it."""
        for _, _, spare in self._replaced:
            if spare is not None:
                discard(spare)
        self._replaced.clear()

    def unsynced(self, error: OSError) -> None:
        """Tell that a folder could not be synced after a file in it was replaced, once."""
        told_unsynced(error, self.notices)

    def undo(self) -> list[str]:
        """Put back every file replaced so far, newest first; return those that could not be."""
        stuck = []
        for path, kept, spare in reversed(self._replaced):
            try:
                if kept:
                    os.replace(backup_of(path), path)
                else:
                    os.remove(path)  # it was new
            except OSError:
                stuck.append(path)
                continue
            self._put_back_backup(path, spare)
        self._replaced.clear()
        return stuck

    def _put_back_backup(self, path: str, spare: str | None) -> None:
        """Put back the .bak `path` had before the save (kept as `spare`), or tell where it is."""
        if spare is None:
            return
        try:
            os.replace(spare, backup_of(path))
        except OSError as error:
            self.notices.append(f"The last good copy of {path} could not be put back "
                                f"({error.strerror or error}): it is kept as {spare}.")  # fmt: skip


def told_unsynced(error: OSError, notices: list[str]) -> None:
    """Tell in `notices` (once) that a folder could not be synced after a file in it was
    replaced or moved: the change happened, but may not outlive a power cut."""
    told = (f"The change was saved, but the data folder could not be synced to disk "
            f"({error.strerror or error}): a power cut now could still lose it. Check the "
            "disk ('execgap doctor').")  # fmt: skip
    if told not in notices:
        notices.append(told)


@contextmanager
def all_or_nothing(writes: Writes) -> Iterator[Writes]:
    """Make the block's `writes`; should one fail, put back those before it and say so."""
    try:
        yield writes
    except DataFileError as error:
        stuck = writes.undo()
        undone = (
            f" It could not all be undone: {', '.join(stuck)} may already hold this change "
            "(written before it, it could not be put back). Look before trying again (with "
            "'execgap status' or a review): a retry could make the change twice."
            if stuck else " Nothing was changed."
        )  # fmt: skip
        raise DataFileError(f"{error}{undone}") from error
    finally:
        writes.done()  # made (or undone, or failed in a way that undoes nothing)


@contextmanager
def told_with(notices: list[str]) -> Iterator[None]:
    """Raise an execgap error of the block with `notices` (what the block set aside before
    it was refused or failed) to be told first: the files stay aside, and a command that
    refuses its input must not move one silently."""
    try:
        yield
    except ExecGapError as error:
        error.notices = (*notices, *error.notices)
        raise
