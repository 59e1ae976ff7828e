"""The session state machine with a fake clock: countdown, momentum, finish, restart."""

from __future__ import annotations

from datetime import timedelta

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import (
    InvalidTextError,
    NoNextActionError,
    NoSessionError,
    SessionRunningError,
    UnknownItemError,
)
from execgap_tui.core.model import ItemState, Outcome, Uptime
from execgap_tui.core.session import Phase, timer_view, uptime_at


def started(clock: FakeClock, timer: int = 120) -> Board:
    board = steps.write_next(Board(), "Write the intro", now=clock.now(), new_id="a1").board
    return steps.start(board, now=clock.now(), new_id="s1", start_timer_s=timer).board


def test_idle_timer_shows_the_next_start_timer(clock: FakeClock) -> None:
    view = timer_view(None, clock.now(), 90)
    assert (view.phase, view.remaining_s, view.elapsed_s) == (Phase.IDLE, 90, 0)


def test_start_timer_counts_down_then_momentum_counts_up(clock: FakeClock) -> None:
    board = started(clock)
    assert timer_view(board.running, clock.now()).remaining_s == 120
    clock.advance(119.9)
    view = timer_view(board.running, clock.now())
    assert (view.phase, view.remaining_s) == (Phase.START, 1)
    clock.advance(0.1)
    view = timer_view(board.running, clock.now())
    assert (view.phase, view.remaining_s, view.momentum_s) == (Phase.MOMENTUM, 0, 0)
    clock.advance(95)
    view = timer_view(board.running, clock.now())
    assert (view.phase, view.elapsed_s, view.momentum_s) == (Phase.MOMENTUM, 215, 95)


def test_finish_as_done_logs_the_session_and_closes_the_action(clock: FakeClock) -> None:
    board = started(clock)
    clock.advance(245)
    change = steps.finish(board, Outcome.DONE, now=clock.now())
    session, closed = change.session, change.closed
    assert session is not None and closed is not None
    assert (session.active_s, session.momentum, session.outcome) == (245, True, Outcome.DONE)
    assert session.ended_at - session.started_at == timedelta(seconds=245)
    assert (closed.state, closed.done_at) == (ItemState.DONE, session.ended_at)
    assert (change.board.items, change.board.next_id, change.board.running) == ((), None, None)


def test_stop_before_the_start_timer_ends_keeps_the_action(clock: FakeClock) -> None:
    board = started(clock)
    clock.advance(30)
    change = steps.finish(board, Outcome.STOPPED, now=clock.now(), note="  phone rang ")
    assert change.session is not None
    assert (change.session.momentum, change.session.note) == (False, "phone rang")
    assert change.closed is None
    assert change.board.running is None
    assert change.board.next_action is not None
    assert change.board.next_action.text == "Write the intro"


def test_restart_mid_session_shows_the_right_elapsed_time(clock: FakeClock) -> None:
    board = started(clock)
    clock.advance(3 * 3600 + 7)  # the app was closed for three hours
    reopened = Board(board.items, board.next_id, board.running)
    view = timer_view(reopened.running, clock.now())
    assert (view.phase, view.elapsed_s) == (Phase.MOMENTUM, 10807)


def test_a_clock_set_back_never_gives_negative_time(clock: FakeClock) -> None:
    board = started(clock)
    assert board.running is not None
    earlier = board.running.started_at - timedelta(minutes=5)
    assert timer_view(board.running, earlier).elapsed_s == 0
    session = steps.finish(board, Outcome.DONE, now=earlier).session
    assert session is not None and session.active_s == 0 and session.ended_at >= session.started_at


def test_steps_refuse_what_makes_no_sense(clock: FakeClock) -> None:
    with pytest.raises(NoNextActionError):
        steps.start(Board(), now=clock.now(), new_id="s")
    with pytest.raises(NoSessionError):
        steps.finish(Board(), Outcome.DONE, now=clock.now())
    board = started(clock)
    with pytest.raises(SessionRunningError):
        steps.start(board, now=clock.now(), new_id="s2")
    with pytest.raises(SessionRunningError):
        steps.write_next(board, "other", now=clock.now(), new_id="b")
    with pytest.raises(UnknownItemError):
        steps.promote(Board(), "nope", now=clock.now())
    with pytest.raises(InvalidTextError):
        steps.add_plan(board, "   ", now=clock.now(), new_id="c")


def test_promote_keeps_when_an_item_first_became_the_next_action(clock: FakeClock) -> None:
    board = steps.add_plan(Board(), "Call the bank", now=clock.now(), new_id="p").board
    clock.advance(60)
    board = steps.promote(board, "p", now=clock.now()).board
    first = board.next_action
    clock.advance(60)
    board = steps.promote(board, "p", now=clock.now()).board
    assert first is not None and board.next_action == first
    assert first.promoted_at == first.created_at + timedelta(seconds=60)


def test_plan_items_come_newest_first(clock: FakeClock) -> None:
    board = Board()
    for n in range(3):
        board = steps.add_plan(board, f"item {n}", now=clock.now(), new_id=str(n)).board
        clock.advance(1)
    assert [item.text for item in board.newest_first()] == ["item 2", "item 1", "item 0"]


def test_a_suspend_over_a_minute_is_not_counted(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "x", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1", uptime=clock.uptime()).board
    clock.advance(100)
    clock.suspend(20 * 60)  # the lid closed for twenty minutes
    clock.advance(50)
    view = timer_view(board.running, clock.now(), uptime=clock.uptime())
    assert (view.elapsed_s, view.slept_s, view.phase) == (150, 1200, Phase.MOMENTUM)
    session = steps.finish(board, Outcome.DONE, now=clock.now(), uptime=clock.uptime()).session
    assert session is not None
    assert (session.active_s, session.slept_s, session.momentum) == (150, 1200, True)


def test_a_kept_suspend_counts_as_work(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "x", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1", uptime=clock.uptime()).board
    clock.suspend(10 * 60)
    board = steps.keep_sleep(board, uptime=clock.uptime()).board
    view = timer_view(board.running, clock.now(), uptime=clock.uptime())
    assert (view.elapsed_s, view.slept_s, view.sleep_kept) == (600, 600, True)
    session = steps.finish(board, Outcome.DONE, now=clock.now(), uptime=clock.uptime()).session
    assert session is not None and (session.active_s, session.slept_s) == (600, 0)


@pytest.mark.parametrize(
    ("slept", "other_boot", "counted"), [(59, False, 109), (61, True, 111), (61, False, 50)]
)
def test_short_suspends_and_other_boots_count_wall_time(
    clock: FakeClock, slept: int, other_boot: bool, counted: int
) -> None:
    board = steps.write_next(Board(), "x", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1", uptime=clock.uptime()).board
    clock.advance(50)
    clock.suspend(slept)
    uptime = Uptime("after-a-reboot", 0.0) if other_boot else clock.uptime()
    assert timer_view(board.running, clock.now(), uptime=uptime).elapsed_s == counted


def test_a_finish_meant_for_another_session_is_refused(clock: FakeClock) -> None:
    board = started(clock)
    with pytest.raises(NoSessionError, match="started elsewhere"):
        steps.finish(board, Outcome.DONE, now=clock.now(), session_id="not-this-one")
    assert steps.finish(board, Outcome.DONE, now=clock.now(), session_id="s1").session


def test_after_a_keep_a_later_suspend_is_left_out_again(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "x", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1", uptime=clock.uptime()).board
    clock.suspend(2 * 60)
    board = steps.keep_sleep(board, uptime=clock.uptime()).board
    clock.advance(60)
    clock.suspend(8 * 3600)
    view = timer_view(board.running, clock.now(), uptime=clock.uptime())
    assert (view.elapsed_s, view.sleep_kept) == (180, False)  # the night is not work


def test_a_back_dated_finish_counts_no_sleep_that_came_after_its_end(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "x", now=clock.now(), new_id="a1").board
    board = steps.start(board, now=clock.now(), new_id="s1", uptime=clock.uptime()).board
    clock.advance(3600)  # an hour of work
    end = clock.now()
    clock.suspend(2 * 3600)  # then the lid closed; "done --at" the next morning
    uptime = uptime_at(clock.uptime(), clock.now(), end)
    session = steps.finish(board, Outcome.DONE, now=end, uptime=uptime).session
    assert session is not None and (session.active_s, session.slept_s) == (3600, 0)


def test_an_item_is_edited_and_a_running_session_takes_the_new_words(clock: FakeClock) -> None:
    board = started(clock)
    edited = steps.edit(board, "a1", "  Write the intro, short  ").board
    assert edited.items[0].text == "Write the intro, short"
    assert edited.running is not None and edited.running.action_text == "Write the intro, short"
    with pytest.raises(InvalidTextError):
        steps.edit(board, "a1", "   ")
    with pytest.raises(UnknownItemError):
        steps.edit(board, "gone", "x")


def test_an_older_text_given_back_untouched_is_kept_as_it_is(clock: FakeClock) -> None:
    """An older version kept control characters, which typed text loses: the same text given
    back (an edit or a first action saved untouched) changes nothing."""
    older = "Fix\x1b]2;x\x07 it\tnow"
    board = steps.add_plan(Board(), "x", now=clock.now(), new_id="p1").board
    board = board._replace(items=(board.items[0]._replace(text=older),), tomorrow=older)
    assert steps.edit(board, "p1", older).board == board
    assert steps.write_tomorrow(board, older, now=clock.now()).board.tomorrow == older
    assert steps.edit(board, "p1", older + "!").board.items[0].text == "Fix]2;x it now!"


def test_a_dropped_item_leaves_the_plan_for_the_history(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "Book flights", now=clock.now(), new_id="a1").board
    clock.advance(60)
    change = steps.drop(board, "a1", now=clock.now())
    assert change.board.items == () and change.board.next_id is None
    assert change.closed is not None
    assert (change.closed.state, change.closed.done_at) == (ItemState.DROPPED, clock.now())
    with pytest.raises(SessionRunningError):
        steps.drop(started(clock), "a1", now=clock.now())
