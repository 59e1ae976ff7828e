"""The use-case layer announces each saved change once, to whoever listens, from either
front end (the CLI and the app's writer both perform through it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from execgap_tui.actions.desk import Desk
from execgap_tui.config.settings import Settings
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import NoSessionError
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
