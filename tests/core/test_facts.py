"""Each board step says what happened in one fact, carrying the values it changed."""

from __future__ import annotations

from datetime import time, timedelta

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.facts import (
    NextActionChosen,
    NextActionWritten,
    NudgeSent,
    PlanItemAdded,
    PlanItemDropped,
    PlanItemEdited,
    SessionFinished,
    SessionStarted,
    SleepKept,
    TomorrowWritten,
)
from execgap_tui.core.model import ItemState, Outcome, Uptime
from execgap_tui.core.nudge import NudgeRules, take_nudge


def test_every_step_tells_one_fact_with_what_it_changed(clock: FakeClock) -> None:
    now = clock.now()
    added = steps.add_plan(Board(), "Buy stamps", now=now, new_id="p1")
    assert added.fact == PlanItemAdded(added.board.items[0])
    written = steps.write_next(added.board, "Call the bank", now=now, new_id="a1")
    assert isinstance(written.fact, NextActionWritten)
    assert written.fact.item == written.board.next_action and written.fact.item.promoted_at == now
    chosen = steps.promote(written.board, "p1", now=now)
    assert chosen.fact == NextActionChosen(chosen.board.next_action)  # type: ignore[arg-type]
    edited = steps.edit(chosen.board, "p1", "Buy ten stamps")
    assert isinstance(edited.fact, PlanItemEdited) and edited.fact.item.text == "Buy ten stamps"
    started = steps.start(edited.board, now=now, new_id="s1")
    assert started.fact == SessionStarted(started.board.running)  # type: ignore[arg-type]
    kept = steps.keep_sleep(started.board, uptime=Uptime("b", 300.0))
    assert kept.fact == SleepKept(kept.board.running)  # type: ignore[arg-type]
    clock.advance(600)
    done = steps.finish(kept.board, Outcome.DONE, now=clock.now())
    assert done.fact == SessionFinished(done.session, done.closed)  # type: ignore[arg-type]
    assert done.closed is not None and done.closed.state is ItemState.DONE
    dropped = steps.drop(done.board, "a1", now=clock.now())
    assert dropped.fact == PlanItemDropped(dropped.closed)  # type: ignore[arg-type]
    assert dropped.closed is not None and dropped.closed.state is ItemState.DROPPED
    tomorrow = steps.write_tomorrow(dropped.board, "Open the draft", now=now, due_at=now)
    assert tomorrow.fact == TomorrowWritten("Open the draft", due=True)


def test_a_stopped_session_closes_nothing(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "Try", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1").board
    stopped = steps.finish(board, Outcome.STOPPED, now=clock.now())
    assert stopped.fact == SessionFinished(stopped.session)  # type: ignore[arg-type]


def test_a_nudge_is_a_fact_only_when_one_is_due(clock: FakeClock) -> None:
    board = Board()
    for n in range(4):
        board = steps.add_plan(board, f"idea {n}", now=clock.now(), new_id=f"p{n}").board
    taken = take_nudge(board, clock.now(), time(10), NudgeRules())
    assert isinstance(taken.fact, NudgeSent) and taken.board.nudged_at == clock.now()
    clock.advance(timedelta(minutes=1).total_seconds())
    assert take_nudge(taken.board, clock.now(), time(10), NudgeRules()).fact is None  # cooling


def test_taking_tomorrow_with_nothing_written_tells_nothing(clock: FakeClock) -> None:
    assert steps.take_tomorrow(Board(), now=clock.now(), new_id="x").fact is None


def test_a_step_that_changes_nothing_tells_nothing(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "Call the bank", now=clock.now(), new_id="a1").board
    assert steps.promote(board, "a1", now=clock.now()).fact is None  # already the next action
    assert steps.edit(board, "a1", "Call the bank").fact is None  # the same words


def test_tomorrow_let_go_for_a_newer_choice_is_told(clock: FakeClock) -> None:
    from execgap_tui.core.facts import TomorrowPassed

    board = steps.write_tomorrow(Board(), "Open the draft", now=clock.now()).board
    clock.advance(60)
    board = steps.write_next(board, "Something newer", now=clock.now(), new_id="a1").board
    taken = steps.take_tomorrow(board, now=clock.now(), new_id="x")
    assert taken.fact == TomorrowPassed("Open the draft") and taken.board.tomorrow is None
