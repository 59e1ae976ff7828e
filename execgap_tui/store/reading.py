"""Reading one data file: parsed once, checked, and set aside (under the lock) if damaged.

Part of the storage adapter (folder.py is the Store). Files are read as plain JSON: TinyDB
is loaded only to write (tinyfile.py).
"""

from __future__ import annotations

import os

from execgap_tui.core.board import Board
from execgap_tui.core.errors import (
    DamagedFileError,
    DataFileError,
    LinkedFileError,
    NewerFileError,
)
from execgap_tui.core.model import Session
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store.aside import set_aside
from execgap_tui.store.files import Document, backup_of, load_json
from execgap_tui.store.records import board_from, checked, from_table

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from types import EllipsisType

Items = str
"""Which plan items a read parses: "all", "next" (only the next action, for status) or
"none" (the sessions alone). A plain str at run time: typing costs status 3 ms to import."""


class Loaded(NamedTuple):
    """A data file as read: its documents, and what they hold, parsed once."""

    data: Document | None
    board: Board = Board()
    # The open board (in a month file: its closed plan items; in a plan file: its items).
    sessions: tuple[Session, ...] = ()
    carried: tuple[Session, ...] = ()
    # In a month file: copies of earlier months' sessions that ran on into it (history.py).


def read_file(
    path: str,
    *,
    repair: bool = False,
    records: bool = True,
    notices: list[str],
    data: Document | EllipsisType | None = ...,
    items: Items = "all",
) -> Loaded:
    """Read and parse `path` (or `data`, as read from it); with `repair` (only under the
    lock) set damage aside, and say so in `notices`.

    Without `records`, only the file is checked (JSON, an execgap schema, tables of
    documents), and its records are left unread; `items` as for `parsed`.
    """
    try:
        if data is ...:
            data = checked(load_json(path), path)
        return parsed(data, path, records=records, items=items)
    except DamagedFileError as error:
        if not repair:
            raise DataFileError(f"{error} Run 'execgap doctor' to see what to do.") from error
        unsynced: list[str] = []
        aside = set_aside(path, unsynced)
        backup = backup_of(aside)
        earlier = (
            f"The last good copy is {backup}: 'execgap doctor' shows how to restore it."
            if os.path.exists(backup) else "There is no earlier copy of it."
        )  # fmt: skip
        notices.append(f"{error} It was set aside as {aside}; a new one was started. {earlier}")
        notices.extend(unsynced)
        return Loaded(None)


def parsed(
    data: Document | None, path: str, *, records: bool = True, items: Items = "all"
) -> Loaded:
    """Return `data` parsed, if every table (and record) in it can be read; else it is damaged.

    Without `records`, the records are neither read nor checked; of the items, `items` says
    which are read: all, only the next action, or none (for the sessions alone).
    """
    if data is None:
        return Loaded(None)
    for name, table in data.items():
        if not isinstance(table, dict) or not set(map(type, table.values())) <= _DICT:
            raise DamagedFileError(str(path), f"has a damaged table {name!r}")
        if table and not _numbered(table):
            key = next(key for key in table if not _numbered({key: None}))
            reason = f"has a damaged table {name!r} (its record key {key!r} is not a number)"
            raise DamagedFileError(str(path), reason)
    if not records:
        return Loaded(data)
    try:
        sessions = from_table(Session, data, "sessions")
        ids = None if items == "all" else _next_id(data) if items == "next" else frozenset()
        return Loaded(data, board_from(data, ids), sessions, from_table(Session, data, "carried"))
    except DataFileError as error:
        raise DamagedFileError(str(path), f"has a record that cannot be read ({error})") from None


_DICT = frozenset({dict})
"""What every document is (JSON gives no subclass)."""


def _numbered(table: Document) -> bool:
    """Whether every key of `table` is a record number, as TinyDB keys its records (it
    reads each with `int`, so another key breaks every later write of the file)."""
    keys = "".join(table)
    return keys.isdigit() and keys.isascii() and "" not in table


def _next_id(data: Document) -> frozenset[str]:
    """The next action's id in a state file's documents (their tables checked), as a set."""
    current: Document = next(iter(data.get("current", {}).values()), {})
    next_id = current.get("next_id")
    return frozenset([next_id]) if isinstance(next_id, str) else frozenset()


class Problem(str):
    """What is wrong with a data file (its message), and which kind of wrong it is, for
    doctor's advice: "damaged" (its contents: a restore mends it), "newer" (a newer
    execgap's), "linked" (a symbolic link), or "unreadable" (the system refuses it)."""

    kind: str

    def __new__(cls, kind: str, text: str) -> Problem:
        """The message `text`, of `kind`."""
        problem = super().__new__(cls, text)
        problem.kind = kind
        return problem

    def __reduce__(self) -> tuple[type[Problem], tuple[str, str]]:
        return (Problem, (self.kind, str(self)))  # it crosses to doctor's worker processes


def problem_in(path: str) -> Problem | None:
    """Return what is wrong with the data file at `path`, or None if it reads."""
    try:
        parsed(checked(load_json(path), path), path)
    except DataFileError as error:
        return Problem(_KINDS.get(type(error), "unreadable"), str(error))
    return None


_KINDS = {DamagedFileError: "damaged", NewerFileError: "newer", LinkedFileError: "linked"}
