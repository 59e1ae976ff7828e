"""Planning against doing over a rolling window, with a fake clock."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.gap import KEPT, WINDOW, gap
from execgap_tui.core.model import NudgeKind, Outcome
from execgap_tui.core.nudge import NudgeRules, QuietHours, nudge_for, to_start


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


RULES = NudgeRules(threshold=3, cooldown=timedelta(minutes=20), stale_after=timedelta(minutes=15))


def planned(clock: FakeClock, count: int, board: Board | None = None) -> Board:
    board = board or Board()
    for n in range(count):
        board = steps.add_plan(board, f"plan item {n:02d}", now=clock.now(), new_id=f"p{n}").board
        clock.advance(30)
    return board


def test_a_nudge_when_planning_leads_by_the_threshold(clock: FakeClock) -> None:
    board = planned(clock, 2)
    assert nudge_for(board, clock.now(), time(9), RULES) is None
    board = planned(clock, 1, board)
    nudge = nudge_for(board, clock.now(), time(9), RULES, cursor="p0")
    assert nudge is not None and nudge.kind is NudgeKind.GAP
    assert nudge.title == "Planning is ahead of doing"
    assert "planned 3 and started 0 in 60 min" in nudge.body
    assert "“plan item 00”" in nudge.body and "just 2 minutes" in nudge.body


def test_the_nudge_names_what_s_starts_the_next_action_else_the_cursors_item(
    clock: FakeClock,
) -> None:
    board = steps.add_plan(Board(), "a much longer plan item", now=clock.now(), new_id="l").board
    board = planned(clock, 3, board)
    board = steps.add_plan(board, "tiny", now=clock.now(), new_id="t").board
    nudge = nudge_for(board, clock.now(), time(9), RULES, cursor="l")
    assert nudge is not None and nudge.item_id == "l" and to_start(board, "l") == board.items[0]
    assert "“a much longer plan item”" in nudge.body
    nudge = nudge_for(board, clock.now(), time(9), RULES)  # no cursor: no item is named
    assert nudge is not None and nudge.item_id == "" and to_start(board, None) is None
    assert nudge.body.endswith("in 60 min. Choose one and start it for just 2 minutes.")
    board = steps.promote(board, "t", now=clock.now()).board
    nudge = nudge_for(board, clock.now(), time(9), RULES, cursor="l")
    assert nudge is not None and nudge.item_id == "t" and to_start(board, "l") is board.next_action


def test_no_nudge_within_the_cooldown_while_running_or_in_quiet_hours(clock: FakeClock) -> None:
    board = planned(clock, 4)
    last = clock.now() - timedelta(minutes=19)
    assert nudge_for(board, clock.now(), time(9), RULES, last_nudge=last) is None
    last = clock.now() - timedelta(minutes=20)
    assert nudge_for(board, clock.now(), time(9), RULES, last_nudge=last) is not None
    running = steps.start(steps.promote(board, "p0", now=clock.now()).board,
                          now=clock.now(), new_id="s").board  # fmt: skip
    assert nudge_for(running, clock.now(), time(9), RULES) is None
    night = RULES._replace(quiet=QuietHours(time(22), time(7)))
    assert nudge_for(board, clock.now(), time(23, 30), night) is None
    assert nudge_for(board, clock.now(), time(6, 59), night) is None
    assert nudge_for(board, clock.now(), time(7), night) is not None


def test_a_next_action_waiting_too_long_is_told_once(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "Call the bank", now=clock.now(), new_id="a").board
    clock.advance(14 * 60 + 59)
    assert nudge_for(board, clock.now(), time(9), RULES) is None
    clock.advance(1)
    nudge = nudge_for(board, clock.now(), time(9), RULES)
    assert nudge is not None and nudge.kind is NudgeKind.WAITING
    assert "waited 15 min" in nudge.body
    assert nudge_for(board, clock.now(), time(9), RULES, told_waiting="a") is None


def test_a_start_resets_the_waiting_time(clock: FakeClock) -> None:
    board = steps.write_next(Board(), "Call the bank", now=clock.now(), new_id="a").board
    clock.advance(10 * 60)
    board = steps.start(board, now=clock.now(), new_id="s").board
    board = steps.finish(board, Outcome.STOPPED, now=clock.now()).board
    clock.advance(10 * 60)
    assert nudge_for(board, clock.now(), time(9), RULES) is None


@pytest.mark.parametrize(
    ("span", "inside", "outside"),
    [
        ((time(22), time(7)), [time(22), time(3)], [time(7), time(21, 59)]),
        ((time(12), time(13)), [time(12, 30)], [time(13), time(11)]),
    ],
)
def test_quiet_hours(span: tuple[time, time], inside: list[time], outside: list[time]) -> None:
    quiet = QuietHours(*span)
    assert all(quiet.covers(moment) for moment in inside)
    assert not any(quiet.covers(moment) for moment in outside)
