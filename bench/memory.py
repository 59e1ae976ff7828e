"""Memory over a simulated working day: the real app, headless, on a fake clock.

The timer ticks once a second for as long as a session runs. Here a fake clock moves one
second per tick, so a session of HOURS hours of ticks (with the once-a-minute refresh)
takes a few minutes instead of a day. Resident memory is read after the first hour, once
caches have warmed up, and at the end; what the day adds is the difference. (The process
is the headless app with its test harness, so its size is not the app's in a terminal:
`bench/cpu.py` measures that.)

    python bench/memory.py [--hours 8]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import rss_mib  # noqa: E402
from execgap_tui.config.settings import Channels, Settings  # noqa: E402
from execgap_tui.core import board as steps  # noqa: E402
from execgap_tui.core.clock import FakeClock  # noqa: E402
from execgap_tui.store.folder import Store  # noqa: E402
from execgap_tui.tui.app import ExecGapApp  # noqa: E402
from execgap_tui.tui.screens.main import MainScreen  # noqa: E402

HOUR = 3600


async def _day(hours: int) -> list[tuple[int, float]]:
    """Run a session for `hours` hours of ticks; return (hour, RSS MiB) from hour 0 on."""
    clock = FakeClock(datetime(2026, 11, 24, 8, tzinfo=UTC))
    store = Store.open(Path(tempfile.mkdtemp(prefix="eg-bench-memory-")))
    store.apply(partial(steps.write_next, text="Draft the intro", now=clock.now(), new_id="a1"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    quiet = Settings(channels=Channels(desktop=False, terminal=False))
    app = ExecGapApp(clock=clock, store=store, settings=quiet, environ={})
    readings: list[tuple[int, float]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.pause(0.1)
        gc.collect()
        readings.append((0, rss_mib_self()))
        for second in range(1, hours * HOUR + 1):
            clock.advance(1)
            screen.refresh_timer()
            if second % 60 == 0:
                screen.refresh_minute()
            await pilot.pause(0.001)  # let the screen update, as each tick does
            if second % HOUR == 0:
                gc.collect()
                readings.append((second // HOUR, rss_mib_self()))
    return readings


def rss_mib_self() -> float:
    """Resident memory of this process, in MiB."""
    import os

    return rss_mib(os.getpid())


def measure(hours: int) -> list[tuple[int, float]]:
    """Return (hour, RSS MiB) at the start and after each simulated hour of a session."""
    return asyncio.run(_day(hours))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=int, default=8, help="hours of ticks to simulate")
    readings = measure(parser.parse_args().hours)
    first = readings[1][1] if len(readings) > 1 else readings[0][1]
    for hour, rss in readings:
        print(f"after {hour:2d} h: {rss:6.2f} MiB ({rss - first:+.2f} since hour 1)")


if __name__ == "__main__":
    main()
