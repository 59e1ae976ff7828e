"""One save's writes: all or nothing, and what the user must be told of them.

Part of the storage adapter (folder.py's Store.save makes them; files.py writes each file).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from execgap_tui.core.errors import DataFileError, ExecGapError
from execgap_tui.store.files import backup_of


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
        self._replaced: list[tuple[str, bool]] = []

    def replaced(self, path: str, kept: bool) -> None:
        """Note that `path` was replaced (`kept`: its old version is its .bak now)."""
        self._replaced.append((path, kept))

    def unsynced(self, error: OSError) -> None:
        """Tell that a folder could not be synced after a file in it was replaced, once."""
        told_unsynced(error, self.notices)

    def undo(self) -> list[str]:
        """Put back every file replaced so far, newest first; return those that could not be."""
        stuck = []
        for path, kept in reversed(self._replaced):
            try:
                if kept:
                    os.replace(backup_of(path), path)
                else:
                    os.remove(path)  # it was new
            except OSError:
                stuck.append(path)
        self._replaced.clear()
        return stuck


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
            f" {', '.join(stuck)}, written before it, could not be put back: run 'execgap "
            "doctor'." if stuck else " Nothing was changed."
        )  # fmt: skip
        raise DataFileError(f"{error}{undone}") from error


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
