"""A seeded morning, shared by the snapshot tests and the screenshot script."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.storage import Store

MORNING = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


def seed_morning(store: Store, clock: FakeClock, *, running: bool) -> None:
    """Fill `store` with a plausible morning; leave a session running if asked."""
    for n, text in enumerate(
        [
            "Rewrite the onboarding guide so new people can start on day one",
            "Book flights for the offsite",
            "Reply to Ana about the budget [draft]",
        ]
    ):
        store.apply(partial(steps.add_plan, text=text, now=clock.now(), new_id=f"p{n}"))
        clock.advance(7 * 60)
    loop = [
        ("Outline the quarterly report", Outcome.DONE, 6 * 60 + 40),
        ("Open the budget sheet and fix one formula", Outcome.STOPPED, 75),
        ("Draft the first paragraph of the report", Outcome.DONE, 14 * 60 + 5),
    ]
    for n, (text, outcome, seconds) in enumerate(loop):
        store.apply(partial(steps.write_next, text=text, now=clock.now(), new_id=f"a{n}"))
        clock.advance(90)
        store.apply(partial(steps.start, now=clock.now(), new_id=f"s{n}"))
        clock.advance(seconds)
        store.apply(partial(steps.finish, outcome=outcome, now=clock.now()))
        clock.advance(11 * 60)
    store.apply(partial(steps.promote, item_id="p1", now=clock.now()))
    if running:
        store.apply(partial(steps.start, now=clock.now(), new_id="s9"))
        clock.advance(95)
