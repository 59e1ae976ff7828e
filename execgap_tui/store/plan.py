"""The open plan items, filed by id in 64 small files: `plan/00.json` to `plan/3f.json`.

Part of the storage adapter. With the items beside the rest of the open board in one state
file, every save read, parsed and rewrote all of them: 5,000 open items were a 1 MB file,
and `execgap plan` took 8x `python -c pass`. Filed by a hash of their id, an item's file is
known without reading any other, so a save reads and rewrites only the files of the items
its step reads or changes (`Store.save(step, needs=...)`), and a status line reads one.
"""

from __future__ import annotations

import os
import re
from datetime import datetime

from execgap_tui.core.board import Board
from execgap_tui.core.model import PlanItem
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.store.device import fnv1a_64
from execgap_tui.store.files import Document, names_in
from execgap_tui.store.reading import Items, Loaded, read_file

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.store.tinyfile import Mark
    from execgap_tui.store.writes import Writes

SHARDS = 64
"""Files the items are spread over (a power of two): 5,000 items make about 80 each, which
a save reads in a millisecond (at 16 files, 300 each cost 5 ms)."""
_SHARD_FILE = re.compile(r"[0-9a-f]{2}\.json")


def shard_name(item_id: str) -> str:
    """Return the name of the file that holds the open item `item_id`."""
    return f"{fnv1a_64(item_id.encode()) & (SHARDS - 1):02x}.json"


def shard_paths(folder: str) -> list[str]:
    """Return the shard files that exist in the plan `folder`, in name order."""
    names = sorted(name for name in names_in(folder) if _SHARD_FILE.fullmatch(name))
    return [os.path.join(folder, name) for name in names]


class Opened(NamedTuple):
    """The open board as read for a step, with the files it was read from."""

    board: Board
    state: Loaded
    shards: dict[str, Loaded]
    """The plan files read, by path."""


def open_board(
    state: Loaded,
    folder: str,
    items: Items,
    needs: frozenset[str] | None,
    *,
    repair: bool,
    notices: list[str],
) -> Opened:
    """Complete the board of the state file `state` with its items from the plan `folder`:
    all (`items` "all", no `needs`), the next action's alone ("next", for status), or those
    of `needs` with the next action's and the running session's (for a save)."""
    board = state.board  # items here: a state file from before plan/ (moved at a save)
    wanted = [board.next_id, board.running.action_id if board.running else None]
    every = shard_paths(folder)
    if items == "all" and needs is None:
        paths = every
    else:
        ids = {item_id for item_id in wanted if item_id} | (needs or set())
        paths = sorted({os.path.join(folder, shard_name(item_id)) for item_id in ids})
    shards = {path: read_file(path, repair=repair, notices=notices) for path in paths}
    read = [*board.items, *(item for shard in shards.values() for item in shard.board.items)]
    total = len(read) if paths == every else _open_total(state.data)
    if items == "next":
        read = [item for item in read if item.id == board.next_id]
    read.sort(key=_planned)
    board = board._replace(items=tuple(read), unseen=max(0, total - len(read)))
    return Opened(board, state, shards)


def write_plan(folder: str, opened: Opened, board: Board, mark: Mark, writes: Writes) -> None:
    """Write the plan files of the items `board` changed from `opened`'s (added, changed,
    removed), and every item still in the state file (a folder from before plan/).

    An item stays in the file it was read from (one moved there by hand is not lost when
    that file is written); a new one goes to the file of its id.
    """
    from execgap_tui.store.tinyfile import write_items

    found = {item.id: path for path, shard in opened.shards.items() for item in shard.board.items}

    def home(item_id: str) -> str:
        return found.get(item_id) or os.path.join(folder, shard_name(item_id))

    before = {item.id: item for item in opened.board.items}
    after = {item.id for item in board.items}
    legacy = bool(opened.state.data and opened.state.data.get("items"))
    touched = {home(item.id) for item in board.items
               if legacy or before.get(item.id) is not item}  # fmt: skip
    touched |= {home(item_id) for item_id in before if item_id not in after}
    for path in sorted(touched):
        shard = opened.shards.get(path) or read_file(path, repair=True, notices=writes.notices)
        mine = [item for item in board.items if home(item.id) == path]
        if path not in opened.shards:  # only added items: the file's own stay as they are
            held = {item.id for item in shard.board.items}
            mine = [*shard.board.items, *(item for item in mine if item.id not in held)]
        write_items(path, shard.data, shard.board.items, tuple(mine), mark, writes)


def _open_total(data: Document | None) -> int:
    """How many items the state file says are open (0 when it does not say)."""
    current: Document = next(iter((data or {}).get("current", {}).values()), {})
    total = current.get("open", 0)
    return total if isinstance(total, int) and not isinstance(total, bool) else 0


def _planned(item: PlanItem) -> tuple[datetime, str]:
    return (item.created_at, item.id)
