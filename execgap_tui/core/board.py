"""The open state: plan items, the next action, the running session, and how they change.

Each step is a pure function from one `Board` to a `Change`; storage applies it under the
data folder's lock to the board as it is on disk, so two processes never undo each other.
"""

from __future__ import annotations

from datetime import datetime

from execgap_tui.core.errors import (
    NoNextActionError,
    NoSessionError,
    SessionRunningError,
    UnknownItemError,
)
from execgap_tui.core.facts import (
    Fact,
    NextActionChosen,
    NextActionWritten,
    PlanItemAdded,
    PlanItemDropped,
    PlanItemEdited,
    SessionFinished,
    SessionStarted,
    SleepKept,
    TomorrowPassed,
    TomorrowWritten,
)
from execgap_tui.core.gap import record
from execgap_tui.core.model import (
    DEFAULT_START_TIMER_S,
    Activity,
    Event,
    ItemState,
    Outcome,
    PlanItem,
    RunningSession,
    Session,
    Uptime,
)
from execgap_tui.core.session import NO_UPTIME, end_session, slept_seconds
from execgap_tui.core.text import clean_text, one_line, shown
from execgap_tui.core.tuples import NamedTuple


class Board(NamedTuple):
    """Everything open right now; small, whatever the length of the history."""

    items: tuple[PlanItem, ...] = ()
    next_id: str | None = None
    running: RunningSession | None = None
    recent: tuple[Event, ...] = ()
    # Plan items added and sessions started in the last day, for the gap.
    tomorrow: str | None = None
    # Tomorrow's first action, written in a review and not yet the next action.
    tomorrow_at: datetime | None = None
    # When it was written (a next action chosen after it is the newer wish).
    tomorrow_due: datetime | None = None
    # When it becomes the next action: the start of the local day after the day reviewed
    # (None, from an earlier execgap: at once).
    nudged_at: datetime | None = None
    # When the last nudge was sent, by any process: the cooldown counts from it.
    told_waiting: str | None = None
    # The next action a "waiting" nudge last named (it is told once).
    unseen: int = 0
    # Open items not read into this board: the store reads only those a step needs.

    @property
    def open_count(self) -> int:
        """How many plan items are open, read into this board or not."""
        return len(self.items) + self.unseen

    @property
    def next_action(self) -> PlanItem | None:
        """The plan item in focus, if any."""
        return next((item for item in self.items if item.id == self.next_id), None)

    def newest_first(self) -> list[PlanItem]:
        """Open plan items, newest first."""
        return sorted(self.items, key=lambda item: item.created_at, reverse=True)


class Change(NamedTuple):
    """A new board, plus what left it for the history (a finished session, a closed item),
    and the fact that says what happened (None: nothing did)."""

    board: Board
    session: Session | None = None
    closed: PlanItem | None = None
    fact: Fact | None = None


def add_plan(board: Board, text: str, *, now: datetime, new_id: str) -> Change:
    """Add a plan item to the planning pane."""
    item = PlanItem(id=new_id, text=clean_text(text, "plan item"), created_at=now)
    return Change(_planned(board, item), fact=PlanItemAdded(item))


def write_next(board: Board, text: str, *, now: datetime, new_id: str) -> Change:
    """Write a new next action: a new plan item, in focus at once."""
    refuse_while_running(board, "write a new next action")
    item = PlanItem(id=new_id, text=clean_text(text, "next action"), created_at=now)
    board = _promote(_planned(board, item), item.id, now)
    return Change(board, fact=NextActionWritten(board.items[-1]))


def edit(board: Board, item_id: str, text: str) -> Change:
    """Rewrite an open plan item's text (a running session on it takes the new words)."""
    item = _open_item(board, item_id)
    # The same words, untouched, stay as they are (an older text may hold what clean_text drops).
    edited = item if text == item.text else item._replace(text=clean_text(text, "plan item"))
    if edited == item:
        return Change(board)  # the same words: nothing happened
    running = board.running
    if running is not None and running.action_id == item_id:
        running = running._replace(action_text=edited.text)
    return Change(_with_item(board, edited)._replace(running=running), fact=PlanItemEdited(edited))


def drop(board: Board, item_id: str, *, now: datetime) -> Change:
    """Drop an open plan item: it leaves the plan, and goes to the history as dropped."""
    item = _open_item(board, item_id)
    if board.running is not None and board.running.action_id == item_id:
        raise SessionRunningError("A session is running on it: finish or stop it first.")
    items = tuple(other for other in board.items if other.id != item_id)
    next_id = None if board.next_id == item_id else board.next_id
    closed = item._replace(state=ItemState.DROPPED, done_at=now)
    board = board._replace(items=items, next_id=next_id)
    return Change(board, closed=closed, fact=PlanItemDropped(closed))


def promote(board: Board, item_id: str, *, now: datetime) -> Change:
    """Make an open plan item the next action."""
    refuse_while_running(board, "change the next action")
    if board.next_id == item_id:
        return Change(board)  # already the next action: nothing happened
    board = _promote(board, item_id, now)
    return Change(board, fact=NextActionChosen(_open_item(board, item_id)))


def start(
    board: Board,
    *,
    now: datetime,
    new_id: str,
    start_timer_s: int = DEFAULT_START_TIMER_S,
    uptime: Uptime = NO_UPTIME,
) -> Change:
    """Start a session on the next action; `uptime` lets a suspend during it be told."""
    refuse_while_running(board, "start another")
    action = board.next_action
    if action is None:
        raise NoNextActionError("There is no next action yet: write one first.")
    latency = None
    if action.started_at is None:  # its first start: how long it waited in focus
        became = action.promoted_at or action.created_at
        latency = max(0, int((now - became).total_seconds()))
        board = _with_item(board, action._replace(started_at=now))
    running = RunningSession(
        new_id, action.id, action.text, now, start_timer_s, uptime, latency_s=latency
    )
    recent = record(board.recent, Event(Activity.STARTED, now))
    return Change(board._replace(running=running, recent=recent), fact=SessionStarted(running))


def write_tomorrow(
    board: Board, text: str, *, now: datetime, due_at: datetime | None = None
) -> Change:
    """Write tomorrow's first tiny action; it becomes the next action from `due_at` on (the
    start of the next local day; at once if that has come or is None: the review was of an
    earlier day, whose tomorrow is here).

    It is not a plan item until then: it counts as planned on the day it takes focus.
    """
    if text != board.tomorrow:  # the one written, untouched, stays as it is
        text = clean_text(text, "first action")
    fact = TomorrowWritten(text, due_at is None or due_at <= now)
    return Change(board._replace(tomorrow=text, tomorrow_at=now, tomorrow_due=due_at), fact=fact)


def tomorrow_due(board: Board, now: datetime) -> bool:
    """Whether tomorrow's first action is written and its day has come."""
    due = board.tomorrow_due
    return board.tomorrow is not None and (due is None or due <= now)


def take_tomorrow(board: Board, *, now: datetime, new_id: str) -> Change:
    """Make tomorrow's first action the next action once its day has come, unless a session
    runs (it waits).

    A next action chosen after it was written is the newer wish: that one stays.
    """
    if board.running is not None or board.tomorrow is None or not tomorrow_due(board, now):
        return Change(board)
    current = board.next_action
    chosen_since = (
        current is not None
        and current.promoted_at is not None
        and board.tomorrow_at is not None
        and current.promoted_at > board.tomorrow_at
    )
    cleared = board._replace(tomorrow=None, tomorrow_at=None, tomorrow_due=None)
    if chosen_since:
        return Change(cleared, fact=TomorrowPassed(board.tomorrow))
    return write_next(cleared, board.tomorrow, now=now, new_id=new_id)


def keep_sleep(board: Board, *, uptime: Uptime, session_id: str | None = None) -> Change:
    """Count the suspend so far during the running session as work after all."""
    running = _running(board, session_id)
    kept = running._replace(kept_slept_s=slept_seconds(running, uptime))
    return Change(board._replace(running=kept), fact=SleepKept(kept))


def finish(
    board: Board,
    outcome: Outcome,
    *,
    now: datetime,
    note: str = "",
    uptime: Uptime = NO_UPTIME,
    session_id: str | None = None,
) -> Change:
    """End the running session (the one `session_id` names, if given).

    Finishing it as done also closes its plan item.
    """
    note = clean_text(note, "note") if one_line(note).strip() else ""  # a note is optional
    session = end_session(_running(board, session_id), now, outcome, note, uptime)
    board = board._replace(running=None)
    action = next((item for item in board.items if item.id == session.action_id), None)
    if outcome is not Outcome.DONE or action is None:
        return Change(board, session, fact=SessionFinished(session))
    closed = action._replace(state=ItemState.DONE, done_at=session.ended_at)
    next_id = None if board.next_id == action.id else board.next_id
    items = tuple(item for item in board.items if item.id != action.id)
    board = board._replace(items=items, next_id=next_id)
    return Change(board, session, closed, SessionFinished(session, closed))


def _running(board: Board, session_id: str | None) -> RunningSession:
    if board.running is None:
        raise NoSessionError("No session is running.")
    if session_id is not None and board.running.id != session_id:
        raise NoSessionError(
            f"The session running now is “{shown(board.running.action_text, 60)}”, started "
            "elsewhere: nothing was changed."
        )
    return board.running


def refuse_while_running(board: Board, what: str) -> None:
    """Raise SessionRunningError, naming `what` cannot be done, if a session runs."""
    if board.running is not None:
        raise SessionRunningError(f"A session is running: finish or stop it before you {what}.")


def _planned(board: Board, item: PlanItem) -> Board:
    recent = record(board.recent, Event(Activity.PLANNED, item.created_at))
    return board._replace(items=(*board.items, item), recent=recent)


def _open_item(board: Board, item_id: str) -> PlanItem:
    item = next((item for item in board.items if item.id == item_id), None)
    if item is None:
        raise UnknownItemError("That plan item is no longer open.")
    return item


def _with_item(board: Board, changed: PlanItem) -> Board:
    items = tuple(changed if item.id == changed.id else item for item in board.items)
    return board._replace(items=items)


def _promote(board: Board, item_id: str, now: datetime) -> Board:
    if board.next_id == item_id:
        return board  # already in focus: keep when it first became the next action
    item = _open_item(board, item_id)
    return _with_item(board, item._replace(promoted_at=now))._replace(next_id=item_id)
