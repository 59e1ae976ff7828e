"""A seeded morning, shared by the snapshot tests and the screenshot script."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store

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


WEEK_START = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
EARLIER_DAYS = [  # (plan items added, (minutes of focus, done?) per session) for six days
    (2, [(25, True), (4, False)]),
    (5, [(12, True)]),
    (1, [(48, True), (30, True), (2, False)]),
    (0, []),
    (3, [(20, False)]),
    (6, [(9, True), (1, False)]),
]
IDEAS = (
    [
        "Research standing desks", "Learn the basics of Rust", "Plan the garden for spring",
        "Sort the photo archive", "Write a blog post about habits", "Try the new CI runner",
        "Read the paper on caching", "Redesign the team wiki", "Draft a talk for the meetup",
        "Set up a home server", "Compare pension funds", "Clean up old branches",
        "Organise the bookshelf", "Outline a side project", "Map the customer journey",
        "Update the CV", "Plan a weekend trip",
    ]
)  # fmt: skip
FIRST_ACTION_TOMORROW = "Open the onboarding guide and rewrite its first heading"


def seed_week(store: Store, clock: FakeClock) -> None:
    """Six earlier days, then a whole today: the morning, an afternoon, and a plan left open.

    `clock` must start at `WEEK_START`; it ends at 17:40 on the last day (24 November).
    """
    ideas = iter(IDEAS)
    for day, (planned, sessions) in enumerate(EARLIER_DAYS):
        for n in range(planned):
            store.apply(partial(steps.add_plan, text=next(ideas), now=clock.now(),
                                new_id=f"w{day}p{n}"))  # fmt: skip
        for n, (minutes, done) in enumerate(sessions):
            store.apply(partial(steps.write_next, text=f"Step {n + 1} of the week's errands",
                                now=clock.now(), new_id=f"w{day}a{n}"))  # fmt: skip
            clock.advance(3 * 60)
            store.apply(partial(steps.start, now=clock.now(), new_id=f"w{day}s{n}"))
            clock.advance(minutes * 60)
            outcome = Outcome.DONE if done else Outcome.STOPPED
            store.apply(partial(steps.finish, outcome=outcome, now=clock.now()))
            clock.advance(40 * 60)
        clock.advance((WEEK_START.replace(hour=8) + (day + 1) * DAY - clock.now()).total_seconds())
    clock.advance((MORNING - clock.now()).total_seconds())
    seed_morning(store, clock, running=False)  # leaves "Book flights" as the next action
    clock.advance((AFTERNOON - clock.now()).total_seconds())
    _session(store, clock, 7)
    store.apply(partial(steps.write_next, text="Send the report to Ana", now=clock.now(),
                        new_id="b1"))  # fmt: skip
    clock.advance(4 * 60)
    _session(store, clock, 38)
    clock.advance((EVENING - clock.now()).total_seconds())


def _session(store: Store, clock: FakeClock, minutes: int) -> None:
    store.apply(partial(steps.start, now=clock.now(), new_id=f"t{minutes}"))
    clock.advance(minutes * 60)
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))


DAY = timedelta(days=1)
AFTERNOON = datetime(2026, 11, 24, 14, 10, tzinfo=UTC)
EVENING = datetime(2026, 11, 24, 17, 40, tzinfo=UTC)
