"""The clock seam: the only module that reads the time.

Stored times are aware UTC datetimes from `Clock.now()`; local days and times of day come
from `Clock.local()`. Tests and screenshots use `FakeClock` and move it by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Where the domain gets the time from."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        ...

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the user's local time zone."""
        ...

    def midnight(self, day: date) -> datetime:
        """Return the start of the local `day` (aware; right across daylight saving)."""
        ...


class SystemClock:
    """The real clock of this machine."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        return datetime.now(UTC)

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the system's local time zone."""
        return moment.astimezone()

    def midnight(self, day: date) -> datetime:
        """Return the start of the local `day`, with that day's UTC offset."""
        return datetime.combine(day, time()).astimezone()


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime, tz: tzinfo = UTC) -> None:
        """Create a clock frozen at `start` (aware), showing local times in `tz`."""
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._tz = tz

    def now(self) -> datetime:
        """Return the frozen time."""
        return self._now

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the clock's time zone."""
        return moment.astimezone(self._tz)

    def midnight(self, day: date) -> datetime:
        """Return the start of `day` in the clock's time zone."""
        return datetime.combine(day, time(), tzinfo=self._tz)

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds` (never back)."""
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._now += timedelta(seconds=seconds)
