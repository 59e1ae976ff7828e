"""--at and --ago, with a fake clock in a time zone that is not UTC."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import InvalidTimeError
from execgap_tui.core.when import parse_duration, resolve

BERLIN_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 13, 45, 30, tzinfo=UTC)  # 14:45:30 local


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW, BERLIN_WINTER)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("5m", 300), ("5min", 300), ("1h", 3600), ("1h30m", 5400), (" 2M ", 120)],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "5", "-5m", "5 minutes", "m", "1.5h", "0m", "abc"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(InvalidTimeError):
        parse_duration(text)


def test_nothing_given_means_now(clock: FakeClock) -> None:
    assert resolve(clock) == NOW


def test_ago_goes_back(clock: FakeClock) -> None:
    assert resolve(clock, ago="5m") == NOW - timedelta(minutes=5)


def test_at_is_a_local_time_today(clock: FakeClock) -> None:
    assert resolve(clock, at="14:05") == datetime(2026, 11, 24, 13, 5, tzinfo=UTC)
    assert resolve(clock, at="9:30") == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("14:46", "future"),
        ("24:00", "time of day"),
        ("7pm", "time of day"),
        ("12:60", "time of day"),
    ],
)
def test_bad_or_future_at_is_refused(clock: FakeClock, at: str, message: str) -> None:
    with pytest.raises(InvalidTimeError, match=message):
        resolve(clock, at=at)


def test_at_and_ago_together_are_refused(clock: FakeClock) -> None:
    with pytest.raises(InvalidTimeError, match="not both"):
        resolve(clock, at="10:00", ago="5m")


def test_a_day_starting_in_a_clock_change_gap_starts_after_it() -> None:
    # The Azores move from -01:00 to +00:00 at midnight: 30 March 2025 has no 00:00.
    code = (
        "from datetime import date\n"
        "from execgap_tui.core.clock import SystemClock\n"
        "from execgap_tui.core.when import day_window\n"
        "start, end = day_window(SystemClock(), date(2025, 3, 30))\n"
        "print(start.isoformat(), (end - start).total_seconds() / 3600)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "TZ": "Atlantic/Azores"}, check=True)  # fmt: skip
    assert done.stdout.split() == ["2025-03-30T01:00:00+00:00", "23.0"]


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        # New York falls back at 02:00: 2025-11-02 has 25 hours, and 01:30 twice.
        ("America/New_York", "2025-11-02", "01:30", ["2025-11-02T01:30:00-04:00", "25.0"]),
        # Berlin springs forward at 02:00: 02:30 does not exist, 03:30 CEST is the moment after.
        ("Europe/Berlin", "2025-03-30", "02:30", ["2025-03-30T03:30:00+02:00", "23.0"]),
        # Lord Howe falls back half an hour at 02:00.
        ("Australia/Lord_Howe", "2025-04-06", "01:45", ["2025-04-06T01:45:00+11:00", "24.5"]),
    ],
)
def test_times_of_day_across_a_clock_change_follow_the_zone(
    zone: str, day: str, at: str, expected: list[str]
) -> None:
    # A repeated time is its first occurrence (fold=0); a skipped one moves past the gap.
    code = (
        "from datetime import date, time\n"
        "from execgap_tui.core.clock import SystemClock\n"
        "from execgap_tui.core.when import day_window\n"
        f"day, clock = date.fromisoformat({day!r}), SystemClock()\n"
        f"moment = clock.at(day, time.fromisoformat({at!r}))\n"
        "start, end = day_window(clock, day)\n"
        "print(moment.isoformat(), (end - start).total_seconds() / 3600)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "TZ": zone}, check=True)  # fmt: skip
    assert done.stdout.split() == expected


def test_a_duration_of_thousands_of_digits_is_refused_as_any_bad_duration() -> None:
    with pytest.raises(InvalidTimeError, match="is not a duration"):
        parse_duration("9" * 5000 + "s")  # Python reads at most 4300 digits as a number
