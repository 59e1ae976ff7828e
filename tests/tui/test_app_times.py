"""The app and the clock: a clock set back, midnight, the next local day (Pilot)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from tests.conftest import T0
from tests.helpers import make_app, until


@pytest.mark.parametrize(("key", "outcome"), [("f", Outcome.DONE), ("x", Outcome.STOPPED)])
async def test_finishing_after_the_clock_went_back_ends_at_the_start_and_says_so(
    tmp_path: Path, key: str, outcome: Outcome
) -> None:
    store = Store.open(tmp_path)
    store.apply(partial(steps.write_next, text="Call the bank", now=T0, new_id="a1"))
    ahead = T0 + timedelta(minutes=10)  # started before the clock was set back
    store.apply(partial(steps.start, now=ahead, new_id="s1"))
    app = make_app(store, FakeClock(T0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await until(pilot, lambda: store.board().running is None)
        told = [n.message for n in app._notifications]
        assert (
            "The clock reads 09:00, before the session began (09:10): it was ended at its start."
            in told
        )
    [session] = store.sessions_between(None, None)
    assert (session.outcome, session.ended_at, session.active_s) == (outcome, ahead, 0)
