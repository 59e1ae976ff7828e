"""--at and --ago, with a fake clock in a time zone that is not UTC."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from execgap_tui.core.clock import FakeClock
from execgap_tui.core.errors import InvalidTimeError
from execgap_tui.core.when import at_label, parse_duration, resolve, when_label

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
        ("24:00", "is not a time:"),
        ("7pm", "is not a time:"),
        ("12:60", "is not a time:"),
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


def noon_in(zone: str, day: str) -> FakeClock:
    """A fake clock at 12:00 local on `day` in `zone`."""
    tz = ZoneInfo(zone)
    return FakeClock(datetime.combine(date.fromisoformat(day), time(12), tzinfo=tz), tz)


GAP = "--at {} does not exist today: the clocks went from {} to {}. Give a time outside it."
OFFSETS = "--at {} {}: {} today is {} here. Write it like {} {}."


@pytest.mark.parametrize(
    ("zone", "day", "at", "message"),
    [
        # Forward: the times between are skipped.
        ("Europe/Berlin", "2026-03-29", "02:30", GAP.format("02:30", "02:00", "03:00")),
        ("Europe/Berlin", "2026-03-29", "02:00", GAP.format("02:00", "02:00", "03:00")),
        ("America/New_York", "2026-03-08", "2:59", GAP.format("2:59", "02:00", "03:00")),
        ("Atlantic/Azores", "2026-03-29", "00:30", GAP.format("00:30", "00:00", "01:00")),
        ("Atlantic/Azores", "2026-03-29", "00:30 -01:00",
         GAP.format("00:30 -01:00", "00:00", "01:00")),
        # An offset the zone does not have at that time.
        ("Europe/Berlin", "2026-10-25", "02:30 +05:00",
         OFFSETS.format("02:30", "+05:00", "02:30", "+02:00, then +01:00", "02:30", "+02:00")),
        ("Europe/Berlin", "2026-11-24", "09:15 +02:00",
         OFFSETS.format("09:15", "+02:00", "09:15", "+01:00", "09:15", "+01:00")),
        ("America/New_York", "2026-11-01", "01:30 +04:00",
         OFFSETS.format("01:30", "+04:00", "01:30", "-04:00, then -05:00", "01:30", "-04:00")),
    ],
)  # fmt: skip
def test_a_time_that_is_not_shown_today_is_refused_saying_why(
    zone: str, day: str, at: str, message: str
) -> None:
    with pytest.raises(InvalidTimeError) as refused:
        resolve(noon_in(zone, day), at=at)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("zone", "day", "at", "utc"),
    [
        # Berlin falls back at 03:00 summer time: 02:00 to 03:00 comes twice.
        ("Europe/Berlin", "2026-10-25", "02:30", "00:30"),  # the first, by default
        ("Europe/Berlin", "2026-10-25", "02:30 +02:00", "00:30"),
        ("Europe/Berlin", "2026-10-25", "02:30 +01:00", "01:30"),  # the second
        ("Europe/Berlin", "2026-10-25", "02:30+01:00", "01:30"),
        ("America/New_York", "2026-11-01", "01:30", "05:30"),
        ("America/New_York", "2026-11-01", "01:30 -05:00", "06:30"),
        ("America/New_York", "2026-11-01", "01:30 -0500", "06:30"),
        ("Atlantic/Azores", "2026-10-25", "00:30", "00:30"),
        ("Atlantic/Azores", "2026-10-25", "00:30 -01:00", "01:30"),
        ("Europe/Berlin", "2026-11-24", "09:15 +01:00", "08:15"),  # an ordinary time, said in full
    ],
)
def test_a_time_that_comes_twice_is_the_first_unless_its_offset_says(
    zone: str, day: str, at: str, utc: str
) -> None:
    expected = datetime.combine(date.fromisoformat(day), time.fromisoformat(utc), tzinfo=UTC)
    assert resolve(noon_in(zone, day), at=at) == expected


def test_the_second_of_a_time_that_comes_twice_can_be_in_the_future() -> None:
    tz = ZoneInfo("America/New_York")
    clock = FakeClock(datetime(2026, 11, 1, 5, 45, tzinfo=UTC), tz)  # 01:45 EDT, the first
    assert resolve(clock, at="01:30") == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    with pytest.raises(InvalidTimeError, match="in the future"):
        resolve(clock, at="01:30 -05:00")


def test_a_time_that_comes_twice_is_shown_with_its_offset() -> None:
    clock = noon_in("America/New_York", "2026-11-01")
    first, second = resolve(clock, at="01:30"), resolve(clock, at="01:30 -05:00")
    assert (at_label(clock, first), at_label(clock, second)) == ("01:30 -04:00", "01:30 -05:00")
    assert at_label(clock, resolve(clock, at="09:30")) == "09:30"


def test_a_duration_of_thousands_of_digits_is_refused_as_any_bad_duration() -> None:
    with pytest.raises(InvalidTimeError, match="is not a duration"):
        parse_duration("9" * 5000 + "s")  # Python reads at most 4300 digits as a number


@pytest.mark.parametrize(
    ("at", "utc"),
    [
        ("yesterday 18:30", "2026-11-23 17:30"),  # Berlin is +01:00 in November
        ("Yesterday 09:00", "2026-11-23 08:00"),
        ("2026-11-20 14:05", "2026-11-20 13:05"),
        ("2026-10-25 02:30 +01:00", "2026-10-25 01:30"),  # the second 02:30 of that night
        ("2026-10-25 02:30", "2026-10-25 00:30"),  # the first, by default
    ],
)
def test_when_may_name_yesterday_or_a_date(at: str, utc: str) -> None:
    """`log --from/--to` and every --at take `yesterday HH:MM` and `YYYY-MM-DD HH:MM`."""
    clock = noon_in("Europe/Berlin", "2026-11-24")
    expected = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert resolve(clock, at=at) == expected


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2026-11-25 09:00", "is in the future"),
        ("2026-02-30 09:00", "'2026-02-30' is not a day"),
        ("1066-10-14 09:00", "too far from now"),
        ("2026-03-29 02:30", "does not exist on 2026-03-29: the clocks went from 02:00 to 03:00"),
        ("yesterday 25:00", "is not a time: write it like 09:30, yesterday 18:30"),
        ("tomorrow 09:00", "is not a time"),
    ],
)
def test_a_day_that_cannot_be_is_refused_saying_why(at: str, message: str) -> None:
    with pytest.raises(InvalidTimeError, match=re.escape(message)):
        resolve(noon_in("Europe/Berlin", "2026-11-24"), at=at)


def test_a_moment_is_labelled_as_when_is_written() -> None:
    clock = noon_in("Europe/Berlin", "2026-11-24")
    assert when_label(clock, resolve(clock, at="09:30")) == "09:30"
    assert when_label(clock, resolve(clock, at="yesterday 18:30")) == "yesterday 18:30"
    assert when_label(clock, resolve(clock, at="2026-11-20 14:05")) == "2026-11-20 14:05"
