"""Planning against doing over a rolling window, with a fake clock."""

from __future__ import annotations

from datetime import timedelta

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.gap import KEPT, WINDOW, gap


def test_plan_items_and_starts_are_counted_inside_the_window(clock: FakeClock) -> None:
    board = Board()
    for n in range(3):
        board = steps.add_plan(board, f"p{n}", now=clock.now(), new_id=f"p{n}").board
        clock.advance(60)
    board = steps.write_next(board, "do it", now=clock.now(), new_id="a").board
    board = steps.start(board, now=clock.now(), new_id="s").board
    counts = gap(board.recent, clock.now())
    assert (counts.planned, counts.started, counts.lead) == (4, 1, 3)


def test_the_window_edge(clock: FakeClock) -> None:
    board = steps.add_plan(Board(), "old", now=clock.now(), new_id="p").board
    clock.advance(WINDOW.total_seconds() - 1)
    assert gap(board.recent, clock.now()).planned == 1
    clock.advance(1)  # exactly a window later: out
    assert gap(board.recent, clock.now()).planned == 0
    assert gap(board.recent, clock.now(), timedelta(hours=2)).planned == 1


def test_activity_older_than_a_day_is_dropped_from_the_board(clock: FakeClock) -> None:
    board = steps.add_plan(Board(), "yesterday", now=clock.now(), new_id="p1").board
    clock.advance(KEPT.total_seconds())
    board = steps.add_plan(board, "today", now=clock.now(), new_id="p2").board
    assert [event.at for event in board.recent] == [clock.now()]
