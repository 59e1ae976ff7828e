"""Two copies of the same data made one, losing nothing: the rule of a restore.

A copy kept from before (a last good copy, a file set aside as damaged) is merged into what
is there now: records by id, the newer one of an id winning (by when it was written, the
current one on a tie); open items already closed in the history, and sessions already
finished, stay closed and finished. The running session is the one thing a board has only
one of: an earlier copy's comes back when none runs now; when another does, the
earlier-started of the two is logged as stopped where the other began, and the other runs
(on a tie, the one running now).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from execgap_tui.core.board import Board
from execgap_tui.core.gap import KEPT
from execgap_tui.core.model import Event, Outcome, PlanItem, RunningSession, Session
from execgap_tui.core.session import end_session
from execgap_tui.core.tuples import NamedTuple

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from typing import TypeVar

    _Record = TypeVar("_Record", PlanItem, Session)

_OLDEST = datetime.min.replace(tzinfo=UTC)


def merge_records(
    current: Iterable[_Record], earlier: Iterable[_Record]
) -> tuple[list[_Record], list[_Record]]:
    """Return `current` and `earlier` as one list (by id, the newer record of an id, the
    current one on a tie), and the records of `earlier` it took."""
    merged = {record.id: record for record in current}
    taken = []
    for record in earlier:
        there = merged.get(record.id)
        if there is None or _written(record) > _written(there):
            merged[record.id] = record
            taken.append(record)
    return list(merged.values()), taken


def _written(record: PlanItem | Session) -> datetime:
    """When `record` was last written (none said: before anything that says)."""
    return record.changed_at or _OLDEST


class Merged(NamedTuple):
    """A board with an earlier copy merged in, and what the merge brought back."""

    board: Board
    items: tuple[PlanItem, ...] = ()
    """Open plan items the earlier copy brought back (or brought newer)."""
    running: RunningSession | None = None
    """The earlier copy's running session, running again."""
    ended: Session | None = None
    """The session logged as stopped, where two ran."""
    events: int = 0
    """Plan items added and sessions started, back in the gap's count."""
    tomorrow: bool = False
    """Tomorrow's first action came back."""

    @property
    def changed(self) -> bool:
        """Whether the merge brought anything back."""
        return bool(self.items or self.running or self.ended or self.events or self.tomorrow)


def merge_board(
    current: Board, earlier: Board, gone: frozenset[str], written: datetime | None = None
) -> Merged:
    """Merge the board `earlier` into `current`; `gone` holds the ids of the items closed
    and the sessions finished in the history since (they do not come back).

    `written` is when `current` was last saved (None: not known). The earlier copy's
    tomorrow's action comes back only where `current` has none and was not saved since its
    day came (`tomorrow_due`, else when it was written): a save since then took it, and
    what was taken (and maybe done) must not come back."""
    items, taken = merge_records(current.items, (i for i in earlier.items if i.id not in gone))
    running, brought, ended = _running(current.running, earlier.running, gone)
    recent = _events(current, earlier)
    next_id = current.next_id
    if next_id is None and earlier.next_id in {item.id for item in items}:
        next_id = earlier.next_id
    if brought is not None and any(item.id == brought.action_id for item in items):
        next_id = brought.action_id  # the item it runs on is in focus, as its start made it
    tomorrow_back = current.tomorrow is None and _tomorrow_open(earlier, written)
    board = current._replace(
        items=tuple(sorted(items, key=_planned)),
        next_id=next_id,
        running=running,
        recent=recent,
        tomorrow=earlier.tomorrow if tomorrow_back else current.tomorrow,
        tomorrow_at=earlier.tomorrow_at if tomorrow_back else current.tomorrow_at,
        tomorrow_due=earlier.tomorrow_due if tomorrow_back else current.tomorrow_due,
        nudged_at=max(filter(None, (current.nudged_at, earlier.nudged_at)), default=None),
        told_waiting=current.told_waiting or earlier.told_waiting,
    )
    events = len(recent) - len(current.recent)
    return Merged(board, tuple(taken), brought, ended, events, tomorrow_back)


def keep_shown(board: Board, shown: Board) -> Merged:
    """Bring back what the app showed of the open board, `shown` (a running session not
    finished anywhere, the gap's events, tomorrow's action), onto the `board` on disk, which
    lost it (its file was set aside): the rule of `merge_board`. The items are not in the
    state file, and were not lost."""
    return merge_board(board, shown._replace(items=(), unseen=0), frozenset())


def _running(
    current: RunningSession | None, earlier: RunningSession | None, gone: frozenset[str]
) -> tuple[RunningSession | None, RunningSession | None, Session | None]:
    """The session running after a merge, the earlier copy's if it came back, and, where
    both run, the earlier-started one logged as stopped where the other began."""
    if earlier is None or earlier.id in gone or (current and current.id == earlier.id):
        return current, None, None
    if current is None:
        return earlier, earlier, None
    if current.started_at < earlier.started_at:
        return earlier, earlier, end_session(current, earlier.started_at, Outcome.STOPPED)
    return current, None, end_session(earlier, current.started_at, Outcome.STOPPED)


def _tomorrow_open(earlier: Board, written: datetime | None) -> bool:
    """Whether `earlier`'s tomorrow's action may still be waiting: no save since its day came."""
    since = earlier.tomorrow_due or earlier.tomorrow_at
    return earlier.tomorrow is not None and (written is None or since is None or written <= since)


def _events(current: Board, earlier: Board) -> tuple[Event, ...]:
    """Both boards' recent activity, each event once, oldest first, as long as it is kept."""
    events = sorted({*current.recent, *earlier.recent}, key=lambda event: event.at)
    if not events:
        return ()
    latest = events[-1].at
    return tuple(event for event in events if latest - event.at < KEPT)


def _planned(item: PlanItem) -> tuple[datetime, str]:
    return (item.created_at, item.id)
