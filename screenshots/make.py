"""Make the README's screenshots from the real app, with seeded data and a frozen clock.

Run from the repository root: python screenshots/make.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from execgap_tui.core.clock import FakeClock  # noqa: E402
from execgap_tui.store.folder import Store  # noqa: E402
from execgap_tui.tui.app import ExecGapApp  # noqa: E402
from tests.helpers import QUIET  # noqa: E402
from tests.seed import MORNING, WEEK_START, seed_morning, seed_week  # noqa: E402

SHOTS = {
    "main-wide.svg": ((80, 24), True),
    "main-narrow.svg": ((40, 15), True),
    "main-ready.svg": ((80, 24), False),
}
REVIEWS = {  # keys pressed on the main screen, at the end of a seeded week
    "review-wide.svg": ((80, 24), ["r"]),
    "review-narrow.svg": ((40, 15), ["r"]),
    "review-week.svg": ((80, 24), ["r", "w"]),
}


async def shoot(name: str, size: tuple[int, int], running: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(MORNING)
        store = Store.open(Path(folder))
        seed_morning(store, clock, running=running)
        await save(name, ExecGapApp(clock=clock, store=store, settings=QUIET, environ={}), size)


async def shoot_review(name: str, size: tuple[int, int], keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(WEEK_START)
        store = Store.open(Path(folder))
        seed_week(store, clock)
        app = ExecGapApp(clock=clock, store=store, settings=QUIET, environ={})
        await save(name, app, size, keys)


async def save(
    name: str, app: ExecGapApp, size: tuple[int, int], keys: list[str] | None = None
) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press(*(keys or []))
        await pilot.pause()
        app.save_screenshot(name, str(ROOT / "screenshots"))
    print(f"screenshots/{name}")


async def main() -> None:
    for name, (size, running) in SHOTS.items():
        await shoot(name, size, running)
    for name, (size, keys) in REVIEWS.items():
        await shoot_review(name, size, keys)


if __name__ == "__main__":
    asyncio.run(main())
