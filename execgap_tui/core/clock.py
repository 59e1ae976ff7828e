"""The clock seam: the only module that reads the time.

Stored times are aware UTC datetimes from `Clock.now()`; local days and times of day come
from `Clock.local()`. Tests and screenshots use `FakeClock` and move it by hand.
"""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

from execgap_tui.core.model import Uptime

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # at run time the protocol is only documentation

_BOOT_ID = "/proc/sys/kernel/random/boot_id"


class Clock(Protocol):
    """Where the domain gets the time from."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        ...

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the user's local time zone."""
        ...

    def at(self, day: date, clock_time: time) -> datetime:
        """Return the aware moment the local clock shows `clock_time` on `day`.

        Right across daylight saving: the offset is that of the moment, not of now.
        """
        ...

    def uptime(self) -> Uptime:
        """Return this boot and how long the machine has been suspended in it."""
        ...


class SystemClock:
    """The real clock of this machine."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        return datetime.now(UTC)

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the system's local time zone."""
        return moment.astimezone()

    def at(self, day: date, clock_time: time) -> datetime:
        """Return `clock_time` on the local `day`, with that moment's UTC offset.

        A time the clocks skip (midnight where summer time starts at midnight, as in the
        Azores or Chile) is the first moment after the gap, as PEP 495 has it: `fold=0`
        reads it with the offset before the change, which lands just after the gap.
        """
        zone = local_zone()
        if zone is None:  # a TZ that zoneinfo cannot read: the C library's view of it
            return datetime.combine(day, clock_time).astimezone()
        return moment_at(zone, day, clock_time)

    def uptime(self) -> Uptime:
        """CLOCK_BOOTTIME runs on through a suspend and CLOCK_MONOTONIC does not (Linux)."""
        boottime = getattr(_time, "CLOCK_BOOTTIME", None)
        boot_id = _boot_id()
        if boottime is None or not boot_id:
            return Uptime()
        slept = _time.clock_gettime(boottime) - _time.clock_gettime(_time.CLOCK_MONOTONIC)
        return Uptime(boot_id, slept)


def moment_at(zone: tzinfo, day: date, clock_time: time) -> datetime:
    """Return the moment `zone`'s clocks show `clock_time` on `day` (its `fold` picks which of
    a time shown twice), with that moment's offset.

    A fixed offset, not the zone: datetimes sharing a ZoneInfo subtract and compare by the
    wall clock, which would make a 25-hour day 24 hours long.
    """
    utc = datetime.combine(day, clock_time, tzinfo=zone).astimezone(UTC)
    return utc.astimezone(timezone(utc.astimezone(zone).utcoffset() or timedelta()))


@cache
def local_zone() -> tzinfo | None:
    """Return the system's time zone as a `ZoneInfo` (`$TZ`, else /etc/localtime).

    None when neither names a zone zoneinfo can read (a POSIX rule such as `EST5EDT4`
    without tzdata). Loaded only for days and times of day: zoneinfo costs 5 ms to import,
    which `execgap status` does not pay.
    """
    import os
    import zoneinfo

    name = os.environ.get("TZ", "").removeprefix(":")
    try:
        if name.startswith("/"):
            with open(name, "rb") as file:
                return zoneinfo.ZoneInfo.from_file(file, key=name)
        if name:
            return zoneinfo.ZoneInfo(name)
        with open("/etc/localtime", "rb") as file:
            return zoneinfo.ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


@cache
def _boot_id() -> str:
    # Read once: a process never outlives the boot it started in (the timer asks each second).
    try:
        with open(_BOOT_ID, encoding="ascii") as file:
            return file.read().strip()
    except OSError:
        return ""


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime, tz: tzinfo = UTC) -> None:
        """Create a clock frozen at `start` (aware), showing local times in `tz`."""
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._tz = tz
        self._slept = 0.0

    def now(self) -> datetime:
        """Return the frozen time."""
        return self._now

    def local(self, moment: datetime) -> datetime:
        """Return `moment` in the clock's time zone."""
        return moment.astimezone(self._tz)

    def at(self, day: date, clock_time: time) -> datetime:
        """Return `clock_time` on `day` in the clock's time zone, as `SystemClock.at` does."""
        return moment_at(self._tz, day, clock_time)

    def uptime(self) -> Uptime:
        """Return a fixed boot and the seconds `suspend` has added up."""
        return Uptime("fake-boot", self._slept)

    def suspend(self, seconds: float) -> None:
        """Let the machine sleep: wall time moves on, and so does the suspend counter."""
        self.advance(seconds)
        self._slept += seconds

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds` (never back)."""
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._now += timedelta(seconds=seconds)
