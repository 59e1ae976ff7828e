"""Sessions that outrun their day, their week and their month, in the reviews read from disk.

A session is filed in the month file of its start; the months it runs on into hold a copy,
so a review reads the month files of its days alone, however long a session ran.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.actions.reviews import load_reviews
from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome, Session
from execgap_tui.core.review import DayReview
from execgap_tui.store import history
from execgap_tui.store.files import write_atomic
from execgap_tui.store.folder import Store
from execgap_tui.store.records import APP, SCHEMA, session_record
from execgap_tui.store.tinyfile import Mark
from execgap_tui.store.writes import Writes

DAY = 24 * 3600


def run(store: Store, started: datetime, ended: datetime, new_id: str = "s1") -> None:
    """Log a session from `started` to `ended`, as the app or the CLI would."""
    store.apply(partial(steps.write_next, text=f"Work {new_id}", now=started, new_id=f"a-{new_id}"))
    store.apply(partial(steps.start, now=started, new_id=new_id))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=ended))


def reviews(store: Store, clock: FakeClock, *days: date) -> list[DayReview]:
    """Each day's review read on its own, as the review screen reads one day."""
    return [load_reviews(store, clock, [day])[0][0] for day in days]


def test_a_session_longer_than_a_week_counts_after_it_ends_as_while_it_ran(
    store: Store, clock: FakeClock
) -> None:
    started = clock.now() - timedelta(days=8)  # 16 November, 09:00
    store.apply(partial(steps.write_next, text="Marathon", now=started, new_id="a1"))
    store.apply(partial(steps.start, now=started, new_id="s1"))
    days = [started.date() + timedelta(days=n) for n in range(9)]
    running = [review.focus_s for review in reviews(store, clock, *days)]
    assert running == [15 * 3600, *[DAY] * 7, 9 * 3600]
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    assert [review.focus_s for review in reviews(store, clock, *days)] == running
    [today] = reviews(store, clock, clock.now().date())
    assert (today.sessions, today.done, [line.text for line in today.done_items]) == (
        1, 1, ["Marathon"]
    )  # fmt: skip


def test_a_session_over_the_end_of_a_month_counts_in_the_next(
    store: Store, clock: FakeClock
) -> None:
    run(store, datetime(2026, 10, 31, 22, tzinfo=UTC), datetime(2026, 11, 1, 3, tzinfo=UTC))
    october, november = reviews(store, clock, date(2026, 10, 31), date(2026, 11, 1))
    assert (october.focus_s, november.focus_s) == (2 * 3600, 3 * 3600)


def test_a_session_of_seventy_days_counts_in_every_month_it_ran_through(
    store: Store, clock: FakeClock
) -> None:
    run(store, datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 11, 10, tzinfo=UTC))
    found = reviews(store, clock, date(2026, 9, 1), date(2026, 10, 15), date(2026, 11, 9))
    assert [review.focus_s for review in found] == [DAY, DAY, DAY]
    assert [s.id for s in store.sessions_during(*window(date(2026, 10, 15)))] == ["s1"]


def window(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    return start, start + timedelta(days=1)


def test_a_review_reads_the_month_files_of_its_days_alone(store: Store, clock: FakeClock) -> None:
    run(store, datetime(2026, 10, 31, 22, tzinfo=UTC), datetime(2026, 11, 1, 3, tzinfo=UTC))
    run(store, datetime(2026, 11, 2, 9, tzinfo=UTC), datetime(2026, 11, 2, 10, tzinfo=UTC), "s2")
    october = store.history_folder / "2026-10.json"
    october.write_text("not JSON")  # damaged after November was written: never read for it
    first, second = reviews(store, clock, date(2026, 11, 1), date(2026, 11, 2))
    assert (first.focus_s, second.focus_s) == (3 * 3600, 3600)
    assert october.read_text() == "not JSON"


@pytest.mark.parametrize("november", [False, True])
def test_month_files_written_before_copies_were_kept_are_still_read_right(
    store: Store, clock: FakeClock, november: bool
) -> None:
    # Written by an earlier execgap: October's session over midnight, no copy in November.
    late = Session("s0", "a0", "Late", datetime(2026, 10, 31, 23, tzinfo=UTC),
                   datetime(2026, 11, 1, 1, tzinfo=UTC), 120, 7200, Outcome.DONE, True)  # fmt: skip
    old = {"meta": {"1": {"app": APP, "schema": SCHEMA}}}
    write_atomic(
        store.history_folder / "2026-10.json", {**old, "sessions": {"1": session_record(late)}}
    )
    if november:  # and November's own file, from before too
        on_the_2nd = late._replace(id="s9", started_at=late.started_at + timedelta(days=2),
                                   ended_at=late.ended_at + timedelta(days=1))  # fmt: skip
        write_atomic(
            store.history_folder / "2026-11.json",
            {**old, "sessions": {"1": session_record(on_the_2nd)}},
        )
    [first] = reviews(store, clock, date(2026, 11, 1))
    assert first.focus_s == 3600
    run(store, datetime(2026, 11, 5, 9, tzinfo=UTC), datetime(2026, 11, 5, 10, tzinfo=UTC))
    [first] = reviews(store, clock, date(2026, 11, 1))  # November's file now carries it
    assert first.focus_s == 3600


def test_a_session_logged_again_after_a_crash_counts_once(tmp_path: Path, clock: FakeClock) -> None:
    store = Store.open(tmp_path)
    started = datetime(2026, 10, 30, 9, tzinfo=UTC)
    store.apply(partial(steps.write_next, text="Long", now=started, new_id="a1"))
    store.apply(partial(steps.start, now=started, new_id="s1"))
    board = store.board()
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    # A crash between logging the finish and saving the board leaves it running: the next
    # finish logs the same session again.
    store.apply(lambda _: steps.Change(board))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    assert [s.id for s in store.sessions_during(*window(date(2026, 11, 10)))] == ["s1"]


@pytest.mark.parametrize(
    "first_end",
    [datetime(2027, 3, 1, 0, 30, tzinfo=UTC), datetime(2027, 5, 2, 9, tzinfo=UTC)],
    ids=["into March", "into May"],
)
def test_a_session_logged_again_to_an_earlier_end_leaves_no_copy_in_later_months(
    store: Store, clock: FakeClock, first_end: datetime
) -> None:
    started = datetime(2027, 2, 28, 23, tzinfo=UTC)
    store.apply(partial(steps.write_next, text="Taxes", now=started, new_id="a1"))
    store.apply(partial(steps.start, now=started, new_id="s1"))
    board = store.board()
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=first_end))
    store.apply(lambda _: steps.Change(board))  # a crash before the board was saved
    again = datetime(2027, 2, 28, 23, 50, tzinfo=UTC)  # the next finish reads an earlier time
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=again))
    days = [date(2027, 2, 28), date(2027, 3, 1), date(2027, 4, 15), first_end.date()]
    found = reviews(store, clock, *days)
    assert [(review.sessions, review.focus_s) for review in found] == [(1, 50 * 60), *[(0, 0)] * 3]
    for month in ("2027-03", "2027-04", "2027-05"):  # no copy left for a later read either
        assert store.sessions_during(*window(date.fromisoformat(f"{month}-01"))) == []


def test_a_session_is_moved_or_taken_out_of_every_month_file_it_was_in(
    store: Store, clock: FakeClock
) -> None:
    # What an edit or a delete of a logged session writes (history.refiled).
    run(store, datetime(2027, 2, 28, 23, tzinfo=UTC), datetime(2027, 4, 2, tzinfo=UTC))
    [logged] = store.sessions_between(None, None)
    folder, mark = str(store.history_folder), Mark(clock.now(), "here")
    edited = logged._replace(started_at=datetime(2027, 3, 1, 0, 10, tzinfo=UTC),
                             ended_at=datetime(2027, 3, 1, 0, 30, tzinfo=UTC),
                             active_s=1200)  # fmt: skip
    history.write_months(history.refiled(folder, logged, edited, mark), Writes([]), {})
    days = [date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 15), date(2027, 4, 1)]
    assert [review.focus_s for review in reviews(store, clock, *days)] == [0, 1200, 0, 0]
    history.write_months(history.refiled(folder, edited, None, mark), Writes([]), {})  # deleted
    assert [review.sessions for review in reviews(store, clock, *days)] == [0, 0, 0, 0]
    assert store.sessions_between(None, None) == []
