"""The rule of a restore: two copies made one, losing nothing, bringing nothing back that ended."""

from __future__ import annotations

from datetime import timedelta

from execgap_tui.core.board import Board
from execgap_tui.core.merge import keep_shown, merge_board, merge_records
from execgap_tui.core.model import Activity, Event, ItemState, Outcome, PlanItem, RunningSession
from tests.conftest import T0

MINUTE = timedelta(minutes=1)


def item(item_id: str, text: str = "x", changed: int | None = None) -> PlanItem:
    at = None if changed is None else T0 + changed * MINUTE
    return PlanItem(item_id, text, T0, changed_at=at)


def running(session_id: str, started: int, action_id: str = "a") -> RunningSession:
    return RunningSession(session_id, action_id, f"doing {session_id}", T0 + started * MINUTE)


def test_records_merge_by_id_and_the_newer_one_wins() -> None:
    current = [item("1", "now", changed=5), item("2", "only now", changed=1)]
    earlier = [item("1", "before", changed=2), item("3", "only before"), item("2", "newer", 9)]
    merged, taken = merge_records(current, earlier)
    assert sorted((i.id, i.text) for i in merged) == [
        ("1", "now"), ("2", "newer"), ("3", "only before")
    ]  # fmt: skip
    assert [i.id for i in taken] == ["3", "2"]
    same, none_taken = merge_records(current, current)
    assert (same, none_taken) == (current, [])  # a tie keeps the current one


def test_an_earlier_running_session_comes_back_when_none_runs() -> None:
    earlier = Board(items=(item("a"),), next_id="a", running=running("s1", 0))
    merged = merge_board(Board(items=(item("a"),)), earlier, frozenset())
    assert merged.board.running == running("s1", 0) and merged.running == running("s1", 0)
    assert merged.board.next_id == "a" and merged.ended is None


def test_a_session_finished_since_does_not_come_back() -> None:
    earlier = Board(running=running("s1", 0))
    merged = merge_board(Board(), earlier, gone=frozenset({"s1"}))
    assert merged.board.running is None and not merged.changed


def test_where_two_run_the_current_stays_and_the_earlier_is_logged_as_stopped() -> None:
    current = Board(running=running("s2", 10))
    merged = merge_board(current, Board(running=running("s1", 0)), frozenset())
    assert merged.board.running == running("s2", 10) and merged.running is None
    assert merged.ended is not None and merged.ended.id == "s1"
    assert merged.ended.outcome is Outcome.STOPPED
    assert merged.ended.ended_at == T0 + 10 * MINUTE  # where the other began


def test_where_the_current_began_first_it_is_logged_as_stopped_where_the_copys_began() -> None:
    current = Board(running=running("s2", 0))
    merged = merge_board(current, Board(running=running("s1", 10)), frozenset())
    assert merged.board.running == running("s1", 10) and merged.running == running("s1", 10)
    assert merged.ended is not None and merged.ended.id == "s2"
    assert merged.ended.outcome is Outcome.STOPPED
    assert merged.ended.ended_at == T0 + 10 * MINUTE  # not a session of no length


def test_items_closed_since_stay_closed_and_open_ones_come_back_in_order() -> None:
    earlier = Board(items=(item("done since"), item("back")))
    current = Board(items=(item("here"),))
    merged = merge_board(current, earlier, frozenset({"done since"}))
    assert sorted(i.id for i in merged.board.items) == ["back", "here"]
    assert [i.id for i in merged.items] == ["back"]
    assert all(i.state is ItemState.OPEN for i in merged.board.items)


def test_the_gap_counts_each_event_once_and_tomorrow_comes_back_if_none_is_written() -> None:
    planned = Event(Activity.PLANNED, T0)
    started = Event(Activity.STARTED, T0 + MINUTE)
    current = Board(recent=(started,), nudged_at=T0)
    earlier = Board(recent=(planned, started), tomorrow="Open the draft", tomorrow_at=T0,
                    nudged_at=T0 + MINUTE)  # fmt: skip
    merged = merge_board(current, earlier, frozenset())
    assert merged.board.recent == (planned, started) and merged.events == 1
    assert (merged.board.tomorrow, merged.tomorrow) == ("Open the draft", True)
    assert merged.board.nudged_at == T0 + MINUTE  # the later one: the cooldown holds
    written = merge_board(current._replace(tomorrow="Mine", tomorrow_at=T0), earlier, frozenset())
    assert written.board.tomorrow == "Mine" and not written.tomorrow


def test_what_the_app_shows_comes_back_onto_a_board_that_lost_it() -> None:
    started = Event(Activity.STARTED, T0)
    shown = Board(items=(item("a"), item("closed since")), next_id="a",
                  running=running("s1", 0), recent=(started,))  # fmt: skip
    kept = keep_shown(Board(items=(item("a"),)), shown)
    assert kept.board.running == running("s1", 0) and kept.board.next_id == "a"
    assert kept.board.recent == (started,)
    assert [i.id for i in kept.board.items] == ["a"]  # items are in their own files: not lost
    other = keep_shown(Board(running=running("s2", 3)), shown)
    assert other.board.running == running("s2", 3)
    assert other.ended is not None and other.ended.id == "s1"


def test_tomorrow_taken_since_does_not_come_back() -> None:
    due = T0 + 10 * 60 * MINUTE
    earlier = Board(tomorrow="Open the draft", tomorrow_at=T0, tomorrow_due=due)
    taken = merge_board(Board(), earlier, frozenset(), written=due + MINUTE)
    assert taken.board.tomorrow is None and not taken.tomorrow  # its day came: it was taken
    lost = merge_board(Board(), earlier, frozenset(), written=T0 + MINUTE)
    assert lost.board.tomorrow == "Open the draft" and lost.tomorrow  # before its day: lost
