"""Saving a session, a day's review and the commands, measured side by side in one run.

    python bench/storage.py [--runs N]

History is seeded as a user would have it: 10k sessions is about three years of a dozen a
day, spread over month files. A save touches the small state file and one month file, so
its cost should not grow with the history.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from execgap_tui.actions.reviews import load_reviews  # noqa: E402
from execgap_tui.core import board as steps  # noqa: E402
from execgap_tui.core.clock import SystemClock  # noqa: E402
from execgap_tui.core.model import ItemState, Outcome, PlanItem, Session  # noqa: E402
from execgap_tui.store.files import write_atomic  # noqa: E402
from execgap_tui.store.folder import Store  # noqa: E402
from execgap_tui.store.records import APP, SCHEMA, session_record, to_doc  # noqa: E402

NOW = datetime.now(UTC).replace(microsecond=0)
EVENING = SystemClock().local(NOW).replace(hour=20, minute=0, second=0).astimezone(UTC)
"""Each day's dozen sessions run back from 20:00 local, so all twelve fall in that day (from
now back, a run after midnight put most of yesterday's into the day before)."""


def seed(folder: Path, sessions: int) -> Store:
    """Write `sessions` finished sessions, a dozen a day back from today, into month files."""
    store = Store.open(folder)
    months: dict[str, dict[str, dict[str, dict[str, object]]]] = {}
    for n in range(sessions):
        start = EVENING - timedelta(days=n // 12 + 1, minutes=40 * (n % 12))
        end = start + timedelta(minutes=7)
        session = Session(f"s{n}", f"a{n}", f"Action number {n}", start, end, 120, 420,
                          Outcome.DONE, True, latency_s=60)  # fmt: skip
        item = PlanItem(f"a{n}", f"Action number {n}", start - timedelta(minutes=1),
                        start - timedelta(minutes=1), end, ItemState.DONE, start)  # fmt: skip
        tables = months.setdefault(f"{start:%Y-%m}", {"sessions": {}, "items": {}})
        tables["sessions"][str(n + 1)] = session_record(session)
        tables["items"][str(n + 1)] = to_doc(item)
    for month, docs in months.items():
        data = {"meta": {"1": {"app": APP, "schema": SCHEMA}}, **docs}
        write_atomic(store.history_folder / f"{month}.json", data)
    return store


def review_ms(store: Store, runs: int) -> float:
    """Median milliseconds to read and compute yesterday's review, as the `r` key does."""
    clock = SystemClock()
    yesterday = clock.local(NOW).date() - timedelta(days=1)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        [review], _board = load_reviews(store, clock, [yesterday])
        times.append(time.perf_counter() - began)
    assert review.sessions == 12 or not review.sessions  # a dozen a day, or no history
    return 1000 * statistics.median(times)


def save_ms(store: Store, runs: int) -> float:
    """Median milliseconds to start and finish a session (two saves, the second logs it)."""
    times = []
    for n in range(runs):
        store.apply(partial(steps.write_next, text=f"bench {n}", now=NOW, new_id=f"b{n}"))
        store.apply(partial(steps.start, now=NOW, new_id=f"x{n}"))
        began = time.perf_counter()
        store.apply(partial(steps.finish, outcome=Outcome.DONE, now=NOW + timedelta(minutes=3)))
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def commands_ms(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median milliseconds for each command to run to its end, a fresh process each time.

    The commands take turns, run by run, so a busy minute on the machine falls on all of them
    and not on one.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            began = time.perf_counter()
            # Each must do its job (a failing `start` would be quick): status alone
            # exits 1, when no session runs.
            subprocess.run(command, stdout=subprocess.DEVNULL, check=name != "status", env=env)
            times[name].append(time.perf_counter() - began)
    return {name: 1000 * statistics.median(took) for name, took in times.items()}


def measure(runs: int) -> dict[str, float]:
    """Return medians in ms: saves and reviews by history size, status and its yardstick."""
    figures: dict[str, float] = {}
    for size in (1_000, 10_000, 50_000):
        store = seed(Path(tempfile.mkdtemp(prefix="eg-bench-")), size)
        figures[f"save {size}"] = save_ms(store, runs)
        figures[f"review {size}"] = review_ms(store, runs)
    # The commands find their data as a status line's would: in the user data folder.
    data_home = Path(tempfile.mkdtemp(prefix="eg-bench-"))
    folder = seed(data_home / "execgap", 10_000).folder
    Store.open(folder).apply(partial(steps.write_next, text="status", now=NOW, new_id="st"))
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    env.pop("EXECGAP_HOME", None)
    execgap = str(Path(sys.executable).parent / "execgap")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "status": [execgap, "status"],
        "review command": [execgap, "review"],
        # A round of the writing commands, as a user's day has them: each leaves the next
        # one something to do.
        "plan": [execgap, "plan", "a bench item"],
        "next": [execgap, "next", "a bench action"],
        "start": [execgap, "start"],
        "done": [execgap, "done"],
    }
    shown = subprocess.run(commands["status"], capture_output=True, text=True, env=env).stdout
    assert "status" in shown, f"status did not find the seeded folder: {shown!r}"
    figures.update(commands_ms(commands, runs, env))
    return figures


def many_items_ms(runs: int, items: int = 5_000) -> dict[str, float]:
    """Medians in ms of status and the writing commands with `items` open plan items, and of
    the yardstick in the same run."""
    from bench.cpu import many_items_folder

    folder = many_items_folder(items, running=False)
    env = {**os.environ, "EXECGAP_HOME": str(folder)}
    execgap = str(Path(sys.executable).parent / "execgap")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "status": [execgap, "status"],
        "plan": [execgap, "plan", "a bench item"],
        "next": [execgap, "next", "a bench action"],
        "start": [execgap, "start"],
        "done": [execgap, "done"],
    }
    return commands_ms(commands, runs, env)


def whole_history_s(sessions: int = 100_000, runs: int = 3) -> dict[str, float]:
    """Medians in seconds of `doctor` and a whole `export` with `sessions` logged."""
    folder = seed(Path(tempfile.mkdtemp(prefix="eg-bench-")), sessions).folder
    env = {**os.environ, "EXECGAP_HOME": str(folder)}
    execgap = str(Path(sys.executable).parent / "execgap")
    times: dict[str, list[float]] = {"doctor": [], "export": []}
    for _ in range(runs):
        for name in times:
            began = time.perf_counter()
            # doctor exits 1 where there is no desktop session (a D-Bus problem it reports)
            subprocess.run([execgap, name], stdout=subprocess.DEVNULL, env=env, check=False)
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(took) for name, took in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    for name, ms in measure(runs).items():
        print(f"{name:24} {ms:7.2f} ms")
    for name, ms in many_items_ms(runs).items():
        print(f"{name + ', 5,000 items':24} {ms:7.2f} ms")
    for name, seconds in whole_history_s().items():
        print(f"{name + ', 100k sessions':24} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
