"""The review's figures, each checked against a value worked out by hand.

Days are built with the real board steps and a fake clock, as the app would build them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board, Change
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import InvalidTextError
from execgap_tui.core.model import Outcome, PlanItem, Session
from execgap_tui.core.review import DayReview, review_day, spans

DAY = date(2026, 11, 24)


class Diary:
    """A board driven through the core steps, keeping what leaves it for the history."""

    def __init__(self, tz: tzinfo = UTC, start: time = time(8)) -> None:
        self.clock = FakeClock(datetime.combine(DAY, start, tzinfo=tz), tz)
        self.board = Board()
        self.sessions: list[Session] = []
        self.closed: list[PlanItem] = []
        self._n = 0

    def at(self, hh_mm: str, day: date = DAY) -> None:
        """Move the clock on to a local time (never back)."""
        hours, minutes = (int(part) for part in hh_mm.split(":"))
        moment = self.clock.at(day, time(hours, minutes))
        self.clock.advance((moment - self.clock.now()).total_seconds())

    def later(self, seconds: float) -> None:
        self.clock.advance(seconds)

    def _apply(self, change: Change) -> None:
        self.board = change.board
        if change.session is not None:
            self.sessions.append(change.session)
        if change.closed is not None:
            self.closed.append(change.closed)

    def _id(self) -> str:
        self._n += 1
        return f"id{self._n}"

    def plan(self, text: str) -> str:
        item_id = self._id()
        self._apply(steps.add_plan(self.board, text, now=self.clock.now(), new_id=item_id))
        return item_id

    def next(self, text: str) -> None:
        self._apply(steps.write_next(self.board, text, now=self.clock.now(), new_id=self._id()))

    def promote(self, item_id: str) -> None:
        self._apply(steps.promote(self.board, item_id, now=self.clock.now()))

    def start(self, ago: float = 0) -> None:
        moment = self.clock.now() - timedelta(seconds=ago)
        step = steps.start(self.board, now=moment, new_id=self._id(), uptime=self.clock.uptime())
        self._apply(step)

    def finish(self, outcome: Outcome = Outcome.DONE) -> None:
        now, uptime = self.clock.now(), self.clock.uptime()
        self._apply(steps.finish(self.board, outcome, now=now, uptime=uptime))

    def review(self, day: date = DAY) -> DayReview:
        day_spans = spans(self.sessions, self.board.running, self.clock.now(), self.clock.uptime())
        return review_day(self.clock, day, day_spans, [*self.board.items, *self.closed])


def hours(**by_hour: int) -> tuple[int, ...]:
    """24 hours of focus, zero but for those named h9=1800 and so on."""
    return tuple(by_hour.get(f"h{hour}", 0) for hour in range(24))


def ordinary_day() -> Diary:
    diary = Diary()
    diary.plan("Call the bank")  # 08:00, never touched
    diary.at("09:00")
    diary.next("Write the intro")
    diary.at("09:05")
    diary.start()  # latency 5 min
    diary.at("09:35")
    diary.finish()  # 30 min, momentum
    diary.at("10:00")
    fix = diary.plan("Fix the bug")
    diary.promote(fix)
    diary.at("10:10")
    diary.start()  # latency 10 min
    diary.later(60)
    diary.finish(Outcome.STOPPED)  # a one-minute start: no momentum
    diary.at("14:00")
    diary.start()  # its second start: no latency
    diary.at("14:45")
    diary.finish()  # 45 min, momentum
    diary.at("16:00")
    diary.next("Tidy the desk")
    diary.at("16:30")
    diary.start()  # latency 30 min
    diary.later(90)
    diary.finish(Outcome.STOPPED)
    diary.at("18:00")
    return diary


def test_an_ordinary_day() -> None:
    review = ordinary_day().review()
    assert (review.sessions, review.starts, review.done, review.stopped) == (4, 4, 2, 2)
    assert review.focus_s == 1800 + 60 + 2700 + 90
    assert review.median_latency_s == 600  # of 300, 600 and 1800
    assert review.momentum_rate == 0.5  # 2 of 4 ran past two minutes
    assert (review.planned, review.items_done, review.gap_ratio) == (4, 2, 2.0)
    assert review.hours == hours(h9=1800, h10=60, h14=2700, h16=90)
    assert not review.empty and not review.running


def test_an_ordinary_days_lists() -> None:
    review = ordinary_day().review()

    def at(hh: int, mm: int, ss: int = 0) -> datetime:
        return datetime(2026, 11, 24, hh, mm, ss, tzinfo=UTC)

    intro, fix = review.done_items
    assert (intro.text, intro.first, intro.last, intro.focus_s) == (
        "Write the intro", at(9, 5), at(9, 35), 1800
    )  # fmt: skip
    assert (fix.text, fix.first, fix.last, fix.focus_s, fix.sessions) == (
        "Fix the bug", at(10, 10), at(14, 45), 2760, 2
    )  # fmt: skip
    [tidy] = review.started_not_done
    assert (tidy.text, tidy.first, tidy.last, tidy.focus_s) == (
        "Tidy the desk", at(16, 30), at(16, 31, 30), 90
    )  # fmt: skip
    [bank] = review.carried_over
    assert (bank.text, bank.first) == ("Call the bank", at(8, 0))


def over_midnight(until: str) -> Diary:
    """A session started at 23:30 on DAY, still running at `until` on the next day."""
    diary = Diary(start=time(23))
    diary.next("Write the intro")
    diary.at("23:30")
    diary.start()
    diary.at(until, DAY + timedelta(days=1))
    return diary


def test_a_session_over_midnight_is_split_between_the_two_days() -> None:
    diary = over_midnight("00:45")
    diary.finish()
    first, second = diary.review(DAY), diary.review(DAY + timedelta(days=1))
    # Its focus is on both days; how it ended, on the day it ended: the first, it went on.
    assert (first.sessions, first.starts, first.done, first.focus_s) == (1, 1, 0, 1800)
    assert first.hours == hours(h23=1800)
    assert first.momentum_rate == 1.0 and first.median_latency_s == 1800
    assert (first.planned, first.items_done, first.gap_ratio) == (1, 0, None)
    assert first.done_items == first.started_not_done == ()
    [going] = first.going_on
    assert (going.text, going.focus_s, going.last) == ("Write the intro", 1800, second_at(0, 45))
    assert (second.sessions, second.starts, second.done, second.focus_s) == (1, 0, 1, 2700)
    assert second.hours == hours(h0=2700)
    assert (second.momentum_rate, second.median_latency_s) == (None, None)
    assert (second.planned, second.items_done, second.gap_ratio) == (0, 1, 0.0)
    assert [line.focus_s for line in second.done_items] == [2700]
    assert second.going_on == ()


def second_at(hh: int, mm: int) -> datetime:
    """A time on the day after DAY (UTC)."""
    return datetime.combine(DAY + timedelta(days=1), time(hh, mm), tzinfo=UTC)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_long_session_ends_on_one_day_and_goes_on_through_the_days_before(
    outcome: Outcome,
) -> None:
    diary = Diary(start=time(9))
    diary.next("Marathon")
    diary.start()
    diary.at("18:00", DAY + timedelta(days=8))
    diary.finish(outcome)
    *before, last = [diary.review(DAY + timedelta(days=n)) for n in range(9)]
    assert [review.focus_s for review in (*before, last)] == [15 * 3600, *[86400] * 7, 18 * 3600]
    for review in before:  # its focus counts; it is going on, neither done nor stopped
        assert (review.sessions, review.done, review.stopped, review.items_done) == (1, 0, 0, 0)
        assert review.done_items == review.started_not_done == ()
        assert [line.text for line in review.going_on] == ["Marathon"]
    done = outcome is Outcome.DONE
    assert (last.sessions, last.done, last.stopped, last.items_done) == (1, done, not done, done)
    assert [line.text for line in (*last.done_items, *last.started_not_done)] == ["Marathon"]
    assert last.going_on == ()


def test_a_running_session_is_going_on_in_the_days_before_today() -> None:
    diary = over_midnight("00:15")
    first, second = diary.review(DAY), diary.review(DAY + timedelta(days=1))
    [going] = first.going_on
    assert (going.running, going.last, going.focus_s) == (True, None, 1800)
    assert first.started_not_done == () and first.running
    [line] = second.started_not_done
    assert (line.running, line.focus_s) == (True, 900)


def test_local_hours_in_a_half_hour_time_zone() -> None:
    # Kolkata is UTC+05:30: its day 24 November runs from 18:30 UTC on the 23rd.
    diary = Diary(ZoneInfo("Asia/Kolkata"))
    diary.next("Write the intro")
    diary.at("08:30")
    diary.start()
    diary.at("09:45")
    diary.finish()
    diary.at("23:50")
    diary.plan("Late idea")  # 18:20 UTC on the 24th: still the 24th in Kolkata
    review = diary.review()
    assert review.hours == hours(h8=1800, h9=2700)
    assert (review.focus_s, review.planned, review.items_done) == (4500, 2, 1)
    assert diary.review(DAY + timedelta(days=1)).empty


def test_the_long_night_when_the_clocks_go_back() -> None:
    # Berlin, 25 October 2026: 03:00 summer time becomes 02:00 again; the day has 25 hours.
    day = date(2026, 10, 25)
    diary = Diary(ZoneInfo("Europe/Berlin"))
    diary.clock = FakeClock(datetime(2026, 10, 24, 22, 0, tzinfo=UTC), ZoneInfo("Europe/Berlin"))
    diary.next("Night shift")
    diary.later(30 * 60)  # 00:30 local, summer time
    diary.start()
    diary.later(4 * 3600)  # 03:30 local, winter time: four real hours later
    diary.finish()
    review = diary.review(day)
    assert review.hours == hours(h0=1800, h1=3600, h2=7200, h3=1800)
    assert review.focus_s == 4 * 3600


def test_an_empty_day_is_empty_not_divided_by_zero() -> None:
    review = Diary().review()
    assert review.empty
    assert (review.sessions, review.starts, review.planned, review.focus_s) == (0, 0, 0, 0)
    assert (review.median_latency_s, review.momentum_rate, review.gap_ratio) == (None,) * 3
    assert review.hours == hours()
    assert review.done_items == review.started_not_done == review.carried_over == ()


def test_a_day_of_only_planning() -> None:
    diary = Diary()
    for text in ("Plan the trip", "Research hotels", "Compare flights"):
        diary.plan(text)
        diary.later(600)
    review = diary.review()
    assert not review.empty
    assert (review.planned, review.starts, review.items_done) == (3, 0, 0)
    assert (review.gap_ratio, review.momentum_rate, review.median_latency_s) == (None,) * 3
    assert [line.text for line in review.carried_over] == [
        "Plan the trip", "Research hotels", "Compare flights"
    ]  # fmt: skip


def test_a_running_session_counts_up_to_now() -> None:
    diary = Diary()
    diary.next("Write the intro")
    diary.start()
    diary.later(300)
    review = diary.review()
    assert (review.sessions, review.starts, review.done, review.stopped) == (1, 1, 0, 0)
    assert (review.focus_s, review.momentum_rate, review.running) == (300, 1.0, True)
    [line] = review.started_not_done
    assert (line.running, line.last, line.focus_s) == (True, None, 300)


def test_a_suspend_is_left_out_and_spread_over_the_session() -> None:
    diary = Diary()
    diary.next("Write the intro")
    diary.at("09:00")
    diary.start()
    diary.clock.suspend(3600)  # the lid closed for an hour
    diary.at("11:00")
    diary.finish()
    review = diary.review()
    assert review.focus_s == 3600
    assert review.hours == hours(h9=1800, h10=1800)


def test_a_start_back_dated_to_before_the_next_action_has_no_latency() -> None:
    diary = Diary()
    diary.at("09:00")
    diary.next("Write the intro")
    diary.start(ago=300)
    diary.later(60)
    diary.finish()
    assert diary.review().median_latency_s == 0


def test_carried_over_is_what_the_day_planned_and_had_not_started_by_its_end() -> None:
    diary = Diary()
    diary.plan("Untouched")
    diary.next("Done the same day")
    diary.start()
    diary.later(60)
    diary.finish()
    late = diary.plan("Started the next day")
    diary.at("09:00", DAY + timedelta(days=1))
    diary.promote(late)
    diary.start()
    diary.later(60)
    diary.finish()
    first, second = diary.review(), diary.review(DAY + timedelta(days=1))
    assert [line.text for line in first.carried_over] == ["Untouched", "Started the next day"]
    assert second.carried_over == ()  # an earlier day's plan is that day's to carry


@pytest.mark.parametrize("wait", [0, 1])
def test_tomorrows_first_action_takes_focus_unless_a_newer_choice_was_made(wait: int) -> None:
    diary = Diary()
    diary.next("Today's thing")
    now = diary.clock.now()
    board = steps.write_tomorrow(diary.board, "Open the draft", now=now).board
    board = steps.write_tomorrow(board, "Open the draft, then", now=now).board
    assert [item.text for item in board.items] == ["Today's thing"]  # not planned yet
    diary.later(60)
    if wait:  # a next action chosen after tomorrow's was written wins
        board = steps.write_next(board, "Newer", now=diary.clock.now(), new_id="n").board
    diary.later(14 * 3600)
    taken = steps.take_tomorrow(board, now=diary.clock.now(), new_id="t").board
    assert taken.tomorrow is None
    assert taken.next_action is not None
    if wait:
        assert taken.next_action.text == "Newer"
    else:
        assert (taken.next_action.text, taken.next_action.created_at) == (
            "Open the draft, then",
            diary.clock.now(),
        )  # planned on the day it takes focus


def test_tomorrows_first_action_waits_while_a_session_runs() -> None:
    diary = Diary()
    diary.next("Today's thing")
    diary.start()
    now = diary.clock.now()
    board = steps.write_tomorrow(diary.board, "Open the draft", now=now).board
    waiting = steps.take_tomorrow(board, now=now, new_id="t").board
    assert waiting.tomorrow == "Open the draft"
    assert steps.take_tomorrow(Board(), now=now, new_id="t").board == Board()
    with pytest.raises(InvalidTextError):
        steps.write_tomorrow(Board(), "   ", now=now)


def test_a_session_both_logged_and_running_counts_once() -> None:
    # A crash between logging a finish and saving the board leaves the session in both.
    diary = Diary()
    diary.next("Write the intro")
    diary.start()
    running = diary.board.running
    diary.later(600)
    diary.finish()
    day_spans = spans(diary.sessions, running, diary.clock.now())
    assert [span.active_s for span in day_spans] == [600]


def test_a_session_ending_on_the_stroke_of_midnight_ended_that_day() -> None:
    diary = Diary(start=time(23))
    diary.next("Close the day")
    diary.at("23:30")
    diary.start()
    diary.at("00:00", DAY + timedelta(days=1))
    diary.finish()
    first, second = diary.review(DAY), diary.review(DAY + timedelta(days=1))
    assert (first.done, first.items_done, first.focus_s) == (1, 1, 1800)
    assert first.started_not_done == ()
    assert second.empty and second.sessions == 0
