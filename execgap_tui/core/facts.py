"""What happened: one past-tense fact for each change the board steps make.

A step returns its fact in `Change.fact`; once the change is saved, the use-case layer
announces it (`actions.desk.Desk.listen`) and the app passes it on to its screens. The
fact carries what changed, as values, so a listener (a screen, the nudger, later a hook)
never has to read the data folder again to know.
"""

from __future__ import annotations

from execgap_tui.core.model import Nudge, PlanItem, RunningSession, Session
from execgap_tui.core.tuples import NamedTuple


class PlanItemAdded(NamedTuple):
    """A plan item was added to the planning pane."""

    item: PlanItem


class NextActionWritten(NamedTuple):
    """A new next action was written: a new plan item, in focus at once."""

    item: PlanItem


class NextActionChosen(NamedTuple):
    """An open plan item became the next action."""

    item: PlanItem


class PlanItemEdited(NamedTuple):
    """An open plan item was reworded."""

    item: PlanItem


class PlanItemDropped(NamedTuple):
    """An open plan item was dropped (it is kept in the history as dropped)."""

    item: PlanItem


class SessionStarted(NamedTuple):
    """A session started on the next action."""

    session: RunningSession


class SleepKept(NamedTuple):
    """The suspend so far during the running session was counted as work after all."""

    session: RunningSession


class SessionFinished(NamedTuple):
    """A session ended, done or stopped; `closed` is its plan item, if done closed it."""

    session: Session
    closed: PlanItem | None = None


class TomorrowWritten(NamedTuple):
    """Tomorrow's first tiny action was written in a review; `due` when the day it is for
    has already come (the review was of an earlier day), so it is taken at once."""

    text: str
    due: bool = False


class TomorrowPassed(NamedTuple):
    """Tomorrow's first action was let go: a next action chosen after it was written stays."""

    text: str


class SessionKept(NamedTuple):
    """A running session the app showed, lost from disk (another process set the damaged
    state file aside and started a fresh one), was saved again; where another ran by then,
    the earlier-started of the two is `ended` (logged as stopped where the other began)."""

    session: RunningSession
    ended: Session | None = None


class NudgeSent(NamedTuple):
    """A nudge was recorded as sent: the cooldown counts from it, wherever it is told."""

    nudge: Nudge


Fact = (
    PlanItemAdded
    | NextActionWritten
    | NextActionChosen
    | PlanItemEdited
    | PlanItemDropped
    | SessionStarted
    | SleepKept
    | SessionFinished
    | TomorrowWritten
    | TomorrowPassed
    | SessionKept
    | NudgeSent
)
"""Any one of the facts above."""
