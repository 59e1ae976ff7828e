"""`execgap restore`: a kept copy of a data file merged back into it, nothing lost.

Part of the storage adapter. The copy (a file set aside as damaged, with its last good
copy; a .bak; a backup) is read record by record, keeping every record that reads; the
current file is kept beside itself first (`.before-restore-N`), or set aside if it is
damaged (and what of it reads is merged too); then the records are merged by id, by the
rule of core/merge.py, and written as a save writes. A set-aside copy restored is renamed
`.restored-N`: doctor no longer calls it a problem, and nothing is removed.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import DataFileError
from execgap_tui.core.merge import Merged, merge_board, merge_records
from execgap_tui.core.model import PlanItem, Session
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store import aside, history
from execgap_tui.store.files import Document, backup_of
from execgap_tui.store.reading import Loaded, read_file
from execgap_tui.store.records import to_doc
from execgap_tui.store.salvage import Salvaged, salvaged, written_at
from execgap_tui.store.writes import Saving

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.store.folder import Store

_SHARD = re.compile(r"[0-9a-f]{2}\.json")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}\.json")


class Restored(NamedTuple):
    """What a restore did: from where into where, what it brought back, what it kept."""

    target: str
    merged: Merged
    read: tuple[str, ...] = ()
    """The copies read (the one given, its last good copy, the current file if damaged)."""
    unread: tuple[str, ...] = ()
    """The copies that could not be read at all (not JSON, or not execgap's)."""
    sessions: int = 0
    """Finished sessions brought back (or brought newer), into a month file."""
    closed: int = 0
    """Closed plan items brought back into a month file."""
    skipped: int = 0
    """Records in the copies that could not be read, left there."""
    kept: tuple[str, ...] = ()
    """The files written, each as it was, kept beside itself (`.before-restore-N`)."""
    renamed: tuple[str, ...] = ()
    """The set-aside copies restored, under their new names."""
    left: tuple[str, ...] = ()
    """The set-aside copies not read in full (or at all): left as they were, set aside."""
    notices: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything came back."""
        return self.merged.changed or bool(self.sessions or self.closed)


def target_of(store: Store, path: str) -> str:
    """Return the data file that `path`, a copy of one, restores into (by its name).

    Raises:
        DataFileError: its name is no data file's, or a copy of one.
    """
    name = os.path.basename(aside.original_of(path))
    if name == "state.json":
        return str(store.state_path)
    if _SHARD.fullmatch(name):
        return str(store.plan_folder / name)
    if _MONTH.fullmatch(name):
        return str(store.history_folder / name)
    raise DataFileError(
        f"{path} is not a copy of an execgap data file (state.json, plan/00.json to "
        "plan/3f.json, history/YYYY-MM.json, or one of these set aside or .bak): nothing "
        "was changed."
    )


def restore(store: Store, path: str) -> Restored:
    """Merge the copy at `path` (see the module) into its data file; return what it did.

    A link given is followed to read what it leads to (it is the user's own argument). A
    copy outside the data folder (a backup) is only read; one set aside in it is renamed
    once the writes are made, and a rename that fails then is told, the restore done.

    Raises:
        DataFileError: it is not a copy of a data file, cannot be read at all, or was
            written by a newer execgap; nothing was changed.
    """
    given = os.path.abspath(path)
    if not os.path.lexists(given):
        raise DataFileError(f"There is no file {given}: nothing was changed.")
    real = os.path.realpath(given)
    if not os.path.exists(real):
        raise DataFileError(f"{given} is a link to {real}, which is not there: nothing "
                            "was changed.")  # fmt: skip
    target = _target(store, given, real)
    asides = set(aside.set_aside_in(os.path.dirname(target)))
    with store.saving(needs=None) as saving:
        done = _restore(store, saving, real, target, asides)
    notices = list(done.notices)
    renamed = [_renamed(copy, notices) for copy in done.renamed]
    return done._replace(renamed=tuple(filter(None, renamed)), notices=tuple(notices))


def _target(store: Store, given: str, real: str) -> str:
    """The data file a copy restores into: by the name given, else by the name it links to."""
    try:
        return target_of(store, given)
    except DataFileError:
        if real == given:
            raise
        return target_of(store, real)


def _restore(store: Store, saving: Saving, path: str, target: str, asides: set[str]) -> Restored:
    """Read the copies and write what they bring back, under the save's lock; `renamed`
    holds the set-aside copies to mark restored once the writes are made."""
    current = read_file(target, repair=True, notices=saving.writes.notices)
    sources = _sources(path, target) + _since(target, asides)
    if not sources:
        raise DataFileError(
            f"{target} reads as it is: there is nothing to restore into it from itself. "
            "Give a copy of it: its .bak, a file set aside beside it, or a backup."
        )
    copies = [(source, salvaged(source)) for source in sources]
    read = [(source, copy) for source, copy in copies if copy is not None]
    if not read:
        raise DataFileError(f"{path} cannot be read at all (not JSON, or not execgap's).")
    done = _merge(store, saving, target, current.data, [copy for _, copy in read])
    restored, left = _restored(target, sources, copies)
    return done._replace(
        read=tuple(source for source, _ in read),
        unread=tuple(source for source, copy in copies if copy is None),
        renamed=tuple(restored),
        left=tuple(left),
        notices=tuple(saving.writes.notices),
    )


def _renamed(copy: str, notices: list[str]) -> str | None:
    """Mark the set-aside `copy` restored; its new name, or None (told) if it cannot be."""
    try:
        return aside.mark_restored(copy)
    except (DataFileError, OSError) as error:
        notices.append(f"The restore is done, but {copy} could not be renamed as restored "
                       f"({error}): it stays as it is, and restoring it again brings nothing "
                       "back twice.")  # fmt: skip
        return None


def _restored(
    target: str, sources: list[str], copies: list[tuple[str, Salvaged | None]]
) -> tuple[list[str], list[str]]:
    """The copies set aside beside `target` among `sources` whose every record (and their
    .bak's) was read and merged, to mark restored; and the others, left set aside: a record
    only they hold must not be called safe to remove. A copy elsewhere (a backup) is neither:
    it is only read."""
    whole = {source for source, copy in copies if copy is not None and not copy.skipped}
    restored: list[str] = []
    left: list[str] = []
    for source in sources:
        if aside.kind_of(source) != aside.DAMAGED or source.endswith(".bak"):
            continue
        if os.path.dirname(source) != os.path.dirname(target) or os.path.islink(source):
            continue
        parts = [source, *([backup_of(source)] if os.path.lexists(backup_of(source)) else [])]
        (restored if whole.issuperset(parts) else left).append(source)
    return restored, left


def _sources(path: str, target: str) -> list[str]:
    """The copies to read: `path` (not the current file itself) and, for a set-aside one,
    its last good copy."""
    found = [] if os.path.abspath(path) == os.path.abspath(target) else [path]
    if aside.kind_of(path) == aside.DAMAGED:
        copy = path.removesuffix(".bak")
        found = [copy, backup_of(copy)]
    return [source for source in dict.fromkeys(found) if os.path.lexists(source)]


def _since(target: str, before: set[str]) -> list[str]:
    """The current file and its last good copy, if this restore set it aside (damaged)."""
    new = [copy for copy in aside.set_aside_in(os.path.dirname(target)) if copy not in before]
    mine = [copy for copy in new if aside.original_of(copy) == target]
    return [source for copy in mine for source in (copy, backup_of(copy)) if os.path.exists(source)]


def _merge(
    store: Store, saving: Saving, target: str, data: Document | None, copies: list[Salvaged]
) -> Restored:
    """Merge `copies` into `target` (as read: `data`) and write what came back."""
    skipped = sum(copy.skipped for copy in copies)
    if os.path.dirname(target) == str(store.history_folder):
        return _merge_month(store, saving, target, data, copies)._replace(skipped=skipped)
    gone, written = _gone(store, copies), written_at(saving.opened.state.data)
    board, merged = saving.board, Merged(saving.board)
    for copy in copies:
        earlier = copy.board if target == str(store.state_path) else Board(items=copy.board.items)
        step = merge_board(board, earlier, gone, written)
        board = step.board
        merged = merged._replace(
            board=board, items=merged.items + step.items, running=merged.running or step.running,
            ended=merged.ended or step.ended, events=merged.events + step.events,
            tomorrow=merged.tomorrow or step.tomorrow,
        )  # fmt: skip
    kept: tuple[str, ...] = ()
    if merged.changed:
        kept = tuple(filter(None, [_keep(target)]))
        saving.write(Change(board, session=merged.ended))
    return Restored(target, merged, skipped=skipped, kept=kept)


def _merge_month(
    store: Store, saving: Saving, target: str, data: Document | None, copies: list[Salvaged]
) -> Restored:
    """Merge the sessions and closed items of `copies` (of the month file `target`, as read:
    `data`) into the month files they belong in, whatever the copy's name: as `history.log`
    files them, each session in its start's month with a copy in each month it ran on into,
    each closed item in the month it was planned in. Each file written is kept first."""
    folder, notices = str(store.history_folder), saving.writes.notices
    read: dict[str, Document | None] = {target: data}
    records: dict[str, list[history.Write]] = {}
    sessions = items = 0
    for path, (own_sessions, own_items) in _by_month(folder, copies).items():
        current = _month(path, read, notices)
        logged = {s.id: s for s in current.sessions} if current else {}
        _, taken = merge_records(logged.values(), own_sessions)
        for session in {session.id: session for session in taken}.values():
            sessions += 1
            refiled = history.refiled(folder, logged.get(session.id), session, saving.mark)
            for file, todo in refiled.items():
                records.setdefault(file, []).extend(_as_stored(todo, session))
        _, taken_items = merge_records(current.board.items if current else (), own_items)
        closed = {item.id: item for item in taken_items}
        items += len(closed)
        records.setdefault(path, []).extend(("items", i.id, to_doc(i)) for i in closed.values())
    records = {path: todo for path, todo in records.items() if todo}
    kept = tuple(filter(None, map(_keep, sorted(records))))
    history.write_months(records, saving.writes, read)
    return Restored(target, Merged(saving.board), sessions=sessions, closed=items, kept=kept)


def _by_month(
    folder: str, copies: list[Salvaged]
) -> dict[str, tuple[list[Session], list[PlanItem]]]:
    """The sessions and closed items of `copies`, by the month file each is filed in."""
    found: dict[str, tuple[list[Session], list[PlanItem]]] = {}
    for copy in copies:
        for session in copy.sessions:
            found.setdefault(history.month_file(folder, session.started_at), ([], []))[0].append(
                session
            )
        for item in copy.board.items:
            found.setdefault(history.month_file(folder, item.created_at), ([], []))[1].append(item)
    return found


def _month(path: str, read: dict[str, Document | None], notices: list[str]) -> Loaded | None:
    """The month file `path` as it is now (damage set aside and told), its data kept in
    `read` for the writes; None if there is none."""
    if path not in read:
        read[path] = read_file(path, repair=True, records=False, notices=notices).data
    data = read[path]
    return read_file(path, notices=[], data=data) if data is not None else None


def _as_stored(todo: list[history.Write], session: Session) -> list[history.Write]:
    """`refiled`'s writes of `session` with its record as the copy holds it: a restore
    brings a record back, it does not write it anew (the newer of an id wins by that)."""
    return [(table, key, None if doc is None else to_doc(session)) for table, key, doc in todo]


def _gone(store: Store, copies: list[Salvaged]) -> frozenset[str]:
    """The ids of the copies' items closed, and of their running sessions finished, in the
    history since: they must not come back open or running."""
    months: set[datetime] = {item.created_at for copy in copies for item in copy.board.items}
    months |= {copy.board.running.started_at for copy in copies if copy.board.running}
    gone: set[str] = set()
    for month in {f"{when.astimezone(UTC):%Y-%m}" for when in months}:
        path = str(store.history_folder / f"{month}.json")
        loaded = read_file(path, notices=[])  # a damaged one: told, and nothing restored
        gone |= {session.id for session in loaded.sessions}
        gone |= {item.id for item in loaded.board.items}
    return frozenset(gone)


def _keep(target: str) -> str | None:
    """Keep the current `target` beside itself before it is written; None if it is not
    there (it was damaged and set aside, or never made)."""
    return (
        aside.copy_aside(target, target, aside.BEFORE_RESTORE) if os.path.exists(target) else None
    )
