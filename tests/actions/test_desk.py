"""The use-case layer announces each saved change once, to whoever listens, from either
front end (the CLI and the app's writer both perform through it)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from execgap_tui.actions.desk import Desk, Step
from execgap_tui.config.settings import Settings
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import InvalidTimeError, NoSessionError
from execgap_tui.core.facts import Fact, PlanItemAdded
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store


def test_a_fact_is_told_once_and_only_after_it_is_on_disk(tmp_path: Path, clock: FakeClock) -> None:
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    told: list[tuple[Fact, int]] = []
    desk.listen(lambda fact: told.append((fact, len(Store(tmp_path).board().items))))
    desk.perform(desk.plan("Buy stamps"))
    [(fact, items_on_disk)] = told
    assert isinstance(fact, PlanItemAdded) and fact.item.text == "Buy stamps"
    assert items_on_disk == 1  # read by another reader while being told: already written


def test_a_refused_step_tells_nothing(tmp_path: Path, clock: FakeClock) -> None:
    desk = Desk(Store.open(tmp_path), clock, Settings())
    told: list[Fact] = []
    desk.listen(told.append)
    with pytest.raises(NoSessionError):
        desk.perform(desk.finish(Outcome.DONE))
    assert told == []


def test_the_cli_and_the_app_writer_make_the_same_facts(tmp_path: Path, clock: FakeClock) -> None:
    import asyncio
    import io

    from execgap_tui.actions.writer import StoreWriter
    from execgap_tui.cli import commands

    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    told: list[Fact] = []
    desk.listen(told.append)

    async def through_the_writer() -> None:  # as the app saves a key
        writer = StoreWriter(desk)
        await writer.apply(desk.plan("Buy stamps"))
        writer.close()

    asyncio.run(through_the_writer())
    ctx = commands.Context(store, clock, out=io.StringIO(), desk=desk)  # this test listens
    assert commands.plan(ctx, "Buy stamps") == 0  # as `execgap plan "Buy stamps"`
    app_fact, cli_fact = told
    assert isinstance(app_fact, PlanItemAdded) and isinstance(cli_fact, PlanItemAdded)
    assert app_fact.item.text == cli_fact.item.text == "Buy stamps"


def test_a_plain_done_made_before_a_start_that_won_the_lock_ends_it_at_its_start(
    tmp_path: Path, clock: FakeClock
) -> None:
    # As two processes race: `done` reads the time, then waits on the lock that `start` holds.
    desk = Desk(Store.open(tmp_path), clock, Settings())
    desk.perform(desk.write_next("Call the bank"))
    done = desk.finish(Outcome.DONE)
    clock.advance(0.2)
    desk.perform(desk.start())
    session = desk.perform(done).change.session
    assert session is not None and session.ended_at == session.started_at == clock.now()
    assert (session.active_s, session.outcome) == (0, Outcome.DONE)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_plain_finish_after_the_clock_went_back_is_never_refused(
    tmp_path: Path, clock: FakeClock, outcome: Outcome
) -> None:
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    desk.perform(desk.start("Call the bank"))
    behind = Desk(store, FakeClock(clock.now() - timedelta(hours=1)), Settings())  # set back
    session = behind.perform(behind.finish(outcome)).change.session
    assert session is not None and session.ended_at == session.started_at == clock.now()
    assert session.active_s == 0 and store.board().running is None


def log_session(desk: Desk, clock: FakeClock, text: str, start: str, end: str) -> None:
    """Log a session of today (UTC) from `start` to `end` (HH:MM) through the use cases."""
    day = clock.now().date()
    began, ended = (datetime.combine(day, time.fromisoformat(t), tzinfo=UTC) for t in (start, end))
    desk.perform(desk.start(text, at=began))
    desk.perform(desk.finish(Outcome.DONE, at=ended))


def test_a_back_dated_start_over_logged_sessions_is_refused_naming_them(
    tmp_path: Path,
) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 18, 30, tzinfo=UTC))
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    log_session(desk, clock, "Draft the intro", "10:00", "10:30")
    log_session(desk, clock, "Call the bank", "11:00", "11:45")
    log_session(desk, clock, "Sort the receipts", "14:00", "16:40")
    desk.perform(desk.write_next("Plan the week"))
    before = store.board()
    morning = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    for step in (desk.start(at=morning), desk.start("Something new", at=morning)):
        with pytest.raises(InvalidTimeError) as refused:
            desk.perform(step)
        assert str(refused.value) == (
            "A start at 09:30 would overlap “Draft the intro” (10:00-10:30) and 2 more "
            "sessions already logged: start it at 16:40 or later."
        )
    assert store.board() == before and len(store.sessions_between(None, None)) == 3
    at_the_end = datetime(2026, 11, 24, 16, 40, tzinfo=UTC)  # where the last one ended
    running = desk.perform(desk.start(at=at_the_end)).change.board.running
    assert running is not None and running.started_at == at_the_end


def test_the_overlap_hint_is_a_time_that_works(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 18, 0, 50, tzinfo=UTC))
    desk = Desk(Store.open(tmp_path), clock, Settings())
    ended = datetime(2026, 11, 24, 17, 59, 30, tzinfo=UTC)
    desk.perform(desk.start("Draft the intro", at=ended - timedelta(minutes=4)))
    desk.perform(desk.finish(Outcome.DONE, at=ended))
    with pytest.raises(InvalidTimeError, match=r"\(17:55-17:59\).*: start it at 18:00 or later"):
        desk.perform(desk.start("Second", at=clock.now() - timedelta(minutes=3)))
    running = desk.perform(desk.start("Second", at=datetime(2026, 11, 24, 18, tzinfo=UTC)))
    assert running.change.board.running is not None
    desk.perform(desk.finish(Outcome.DONE))
    with pytest.raises(InvalidTimeError, match="start it now, without --at or --ago"):
        desk.perform(desk.start("Third", at=clock.now() - timedelta(seconds=30)))
    days_ago = Desk(desk.store, FakeClock(clock.now() + timedelta(days=2)), Settings())
    with pytest.raises(InvalidTimeError, match=r"\(2026-11-24 18:00-18:00\).*--ago 48h or less"):
        days_ago.perform(days_ago.start("Fourth", at=clock.now() - timedelta(minutes=1)))


def test_a_back_dated_start_reads_only_the_month_files_near_it(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 18, 30, tzinfo=UTC))
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    log_session(desk, clock, "Draft the intro", "10:00", "10:30")
    (store.history_folder / "2026-10.json").write_text("not JSON")  # never read for today
    running = desk.perform(desk.start("Plan", at=clock.now() - timedelta(minutes=3)))
    assert running.change.board.running is not None


def test_a_back_dated_start_over_a_session_of_no_length_is_not_refused(tmp_path: Path) -> None:
    # A plain done that read the time before a start won the lock logs a 0-second session.
    clock = FakeClock(datetime(2026, 11, 24, 18, tzinfo=UTC))
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    desk.perform(desk.write_next("Call the bank"))
    done = desk.finish(Outcome.DONE)
    clock.advance(0.2)
    desk.perform(desk.start())
    desk.perform(done)
    [empty] = store.sessions_between(None, None)
    assert empty.ended_at == empty.started_at
    clock.advance(60)
    back = clock.now() - timedelta(minutes=5)  # 17:56, over the 0-second session at 18:00
    running = desk.perform(desk.start("Write the intro", at=back)).change.board.running
    assert running is not None and running.started_at == back


def test_a_back_dated_start_is_refused_only_over_sessions_it_overlaps(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 18, 30, tzinfo=UTC))
    desk = Desk(Store.open(tmp_path), clock, Settings())
    log_session(desk, clock, "Draft the intro", "10:00", "10:00")  # of no length
    log_session(desk, clock, "Call the bank", "11:00", "11:45")
    log_session(desk, clock, "Sort the receipts", "14:00", "14:00")  # of no length
    with pytest.raises(InvalidTimeError) as refused:
        desk.perform(desk.start("Plan the week", at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC)))
    assert str(refused.value) == (
        "A start at 09:30 would overlap “Call the bank” (11:00-11:45) already logged: "
        "start it at 11:45 or later."
    )


def a_lost_session(tmp_path: Path, clock: FakeClock) -> tuple[Store, Desk, Step]:
    """A session runs on disk; the app's keep step for it, decided on a board read without it."""
    store = Store.open(tmp_path)
    desk = Desk(store, clock, Settings())
    desk.perform(desk.start("Write the intro"))
    seen = store.board()
    step = desk.keep_lost(seen, seen._replace(running=None))
    assert step is not None
    clock.advance(60)
    return store, desk, step


def test_a_keep_does_nothing_once_the_session_is_logged_elsewhere(
    tmp_path: Path, clock: FakeClock
) -> None:
    store, desk, keep = a_lost_session(tmp_path, clock)
    desk.perform(desk.finish(Outcome.DONE))  # `execgap done` between the check and the save
    saved = desk.perform(keep)
    assert store.board().running is None and saved.change.fact is None
    [logged] = store.sessions_between(None, None)
    assert logged.outcome == Outcome.DONE


def test_a_keep_does_nothing_where_the_board_on_disk_runs_the_session(
    tmp_path: Path, clock: FakeClock
) -> None:
    store, desk, keep = a_lost_session(tmp_path, clock)
    saved = desk.perform(keep)
    assert saved.change.fact is None  # nothing was lost: the user is not told it was kept
    running = store.board().running
    assert running is not None and running.action_text == "Write the intro"
