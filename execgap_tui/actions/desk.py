"""The use cases: every action of the CLI and the app, made from the store, clock and settings.

Each action is a step, a pure function from the board to a `Change` with the moment, the
new ids and the user's settings bound in, so the app (which shows a step at once and saves
it on its writer's thread) and the CLI (which saves it and prints the result) do exactly the
same thing. `Desk.perform` applies a step under the data folder's lock, announces its fact
to whoever listens (once, and only once it is on disk) and returns what was saved, with the
stamps before and after and what the user must be told.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board, Change
from execgap_tui.core.clock import Clock
from execgap_tui.core.errors import DataFileError, InvalidTimeError
from execgap_tui.core.facts import Fact, NudgeSent, SessionKept
from execgap_tui.core.gap import Gap, gap
from execgap_tui.core.merge import keep_shown
from execgap_tui.core.model import Outcome, RunningSession, new_id
from execgap_tui.core.nudge import take_nudge
from execgap_tui.core.session import refuse_overlap, uptime_at
from execgap_tui.core.when import day_window
from execgap_tui.store.folder import Saved, Store

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.config.settings import Settings


class Step:
    """One action, ready to apply to a board: in the app to show it, under the lock to save
    it. `needs` names the plan items it reads (None: all; the next action's and the running
    session's are always there), so a save reads two files of 5,000 items, not all."""

    __slots__ = ("needs", "run")

    def __init__(self, run: Callable[[Board], Change], needs: frozenset[str] | None) -> None:
        self.run, self.needs = run, needs

    def __call__(self, board: Board) -> Change:
        return self.run(board)


NOTHING: frozenset[str] = frozenset()
"""A step that reads no plan item but the next action and the running session's."""
Listener = Callable[[Fact], None]
"""Told each fact once its change is on disk, on the thread that saved it."""


class Desk:
    """Where every action is made: the same settings give the same result from either front end."""

    def __init__(self, store: Store, clock: Clock, settings: Settings) -> None:
        """Act on `store`, at `clock`'s time, by the user's `settings`."""
        self.store = store
        self.clock = clock
        self.settings = settings
        self._listeners: list[Listener] = []

    def listen(self, listener: Listener) -> None:
        """Tell `listener` every fact saved through `perform` from now on."""
        self._listeners.append(listener)

    def perform(self, step: Callable[[Board], Change]) -> Saved:
        """Apply `step` to the board on disk, under the lock, then announce its fact.

        Blocking (fsync), so the app calls it on its writer's thread; listeners are told on
        that thread, after the write, and never for a step that was refused.
        """
        needs = step.needs if isinstance(step, Step) else None
        saved = self.store.save(step, at=self.clock.now(), needs=needs)
        fact = saved.change.fact
        if fact is not None:
            for listener in self._listeners:
                listener(fact)
        return saved

    def plan(self, text: str) -> Step:
        """Add a plan item."""
        return Step(
            partial(steps.add_plan, text=text, now=self.clock.now(), new_id=new_id()), NOTHING
        )

    def write_next(self, text: str) -> Step:
        """Write a new next action (a new plan item, in focus at once)."""
        return Step(
            partial(steps.write_next, text=text, now=self.clock.now(), new_id=new_id()), NOTHING
        )

    def promote(self, item_id: str) -> Step:
        """Make an open plan item the next action."""
        return Step(
            partial(steps.promote, item_id=item_id, now=self.clock.now()), frozenset([item_id])
        )

    def edit(self, item_id: str, text: str) -> Step:
        """Reword an open plan item."""
        return Step(partial(steps.edit, item_id=item_id, text=text), frozenset([item_id]))

    def drop(self, item_id: str) -> Step:
        """Drop an open plan item."""
        return Step(
            partial(steps.drop, item_id=item_id, now=self.clock.now()), frozenset([item_id])
        )

    def start(
        self, text: str | None = None, at: datetime | None = None, item_id: str | None = None
    ) -> Step:
        """Start the next action (`text` first becomes it, or the open item `item_id` is made
        it: what `s` starts, `core.nudge.to_start`) with the settings' start timer.

        A start back-dated `at` a moment that would overlap a session already logged is
        refused (`refuse_overlap`): it would count that time twice. Only the month files
        from `at` to now are read, under the lock; a start now reads none.
        """
        now = self.clock.now()
        moment = now if at is None else at
        timer, uptime = self.settings.start_timer_s, self.clock.uptime()
        action_id, session_id = new_id(), new_id()

        def start(board: Board) -> Change:
            if text is not None:
                steps.refuse_while_running(board, "start another")
                board = steps.write_next(board, text, now=moment, new_id=action_id).board
            elif item_id is not None and item_id != board.next_id:
                board = steps.promote(board, item_id, now=moment).board
            change = steps.start(
                board, now=moment, new_id=session_id, start_timer_s=timer, uptime=uptime
            )
            if at is not None and at < now:
                try:
                    logged = self.store.sessions_during(at, now)
                except DataFileError:  # a damaged month file: its session's end sets it
                    logged = []  # aside and tells (and doctor); the start is not refused
                refuse_overlap(at, now, logged, self.clock.local)
            return change

        return Step(start, NOTHING if item_id is None else frozenset([item_id]))

    def finish(
        self,
        outcome: Outcome,
        note: str = "",
        at: datetime | None = None,
        session_id: str | None = None,
    ) -> Step:
        """End the running session (the one `session_id` names, if given) as `outcome`.

        A finish back-dated `at` a moment before the session began is refused; a plain one
        (now) never is: read before the session began (a clock set back, a start that won
        the lock), it ends the session at its start (see `clock_behind`).
        """
        now = self.clock.now()
        moment = now if at is None else at
        uptime = uptime_at(self.clock.uptime(), now, moment)
        local = self.clock.local

        def finish(board: Board) -> Change:
            running = board.running
            meant = running is not None and session_id in (None, running.id)
            if at is not None and meant and running is not None and at < running.started_at:
                began = f"{local(running.started_at):%H:%M}"
                raise InvalidTimeError(f"That is before the session started ({began}).")
            return steps.finish(
                board, outcome, now=moment, note=note, uptime=uptime, session_id=session_id
            )

        return Step(finish, NOTHING)

    def keep_sleep(self, session_id: str | None) -> Step:
        """Count the suspend so far during the running session as work after all."""
        keep = partial(steps.keep_sleep, uptime=self.clock.uptime(), session_id=session_id)
        return Step(keep, NOTHING)

    def write_tomorrow(self, text: str, reviewed: date | None = None) -> Step:
        """Write tomorrow's first tiny action: the next action from the start of the local day
        after `reviewed` (default: today).

        For a review of an earlier day that day is here, and the fact says it is due.
        """
        now = self.clock.now()
        day = self.clock.local(now).date() if reviewed is None else reviewed
        due_at = day_window(self.clock, day + timedelta(days=1))[0]
        return Step(partial(steps.write_tomorrow, text=text, now=now, due_at=due_at), NOTHING)

    def take_tomorrow(self) -> Step:
        """Put tomorrow's first action in focus, unless a session runs."""
        return Step(partial(steps.take_tomorrow, now=self.clock.now(), new_id=new_id()), NOTHING)

    def keep_lost(self, shown: Board, board: Board) -> Step | None:
        """The step that brings back what the app showed, `shown`, onto `board`, just read
        from disk, if `board` lost its running session without its being finished anywhere:
        another process found the state file damaged, set it aside and started a fresh one.

        None when nothing was lost: the session is on `board`, or it was finished (it is
        logged). Where another session runs by now, the earlier-started of the two is logged
        as stopped where the other began (core/merge.py); the gap's events come back with it.
        The step looks again, under the lock: a command may have logged the session since
        (`execgap done`, `execgap restore`), or brought it back; then it changes nothing.
        """
        held = shown.running
        if held is None or self._kept_already(held, board):
            return None

        def keep(board: Board) -> Change:
            if self._kept_already(held, board):
                return Change(board)
            merged = keep_shown(board, shown)
            return Change(merged.board, session=merged.ended, fact=SessionKept(held, merged.ended))

        return Step(keep, frozenset([held.action_id]))

    def _kept_already(self, held: RunningSession, board: Board) -> bool:
        """Whether `held` needs no keeping: it runs on `board`, or it is logged."""
        if board.running is not None and board.running.id == held.id:
            return True
        began = held.started_at
        logged = self.store.sessions_between(began, began + timedelta(microseconds=1))
        return any(session.id == held.id for session in logged)

    def nudge(self, cursor: str | None = None) -> Step:
        """Record the nudge due now, if any (a `NudgeSent` fact); under the lock only one
        process finds it due, so the cooldown holds across launches and instances.

        It names what `s` would start: the next action, else the item `cursor` names.
        """
        now = self.clock.now()
        local_time = self.clock.local(now).time()
        take = partial(
            take_nudge, now=now, local_time=local_time, rules=self.settings.nudge, cursor=cursor
        )
        return Step(take, NOTHING if cursor is None else frozenset([cursor]))

    def nudge_due(self, board: Board, cursor: str | None = None) -> bool:
        """Whether `board` has a nudge due now: a look without the lock, before `nudge`."""
        return isinstance(self.nudge(cursor)(board).fact, NudgeSent)

    def gap(self, board: Board) -> Gap:
        """Planning against doing over the settings' window, now."""
        return gap(board.recent, self.clock.now(), self.settings.nudge.window)
