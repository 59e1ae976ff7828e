"""When a start or finish happened: now, `--at HH:MM` today, or `--ago 5m`."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from execgap_tui.core.clock import Clock
from execgap_tui.core.errors import InvalidTimeError

MAX_DURATION_S = 7 * 24 * 3600
_DAYS = (date(2000, 1, 1), date(2999, 12, 31))
_DURATION = re.compile(r"(?:(\d{1,9})h)?(?:(\d{1,9})m(?:in)?)?(?:(\d{1,9})s)?")
# At most 9 digits: a week is 604800 s, and Python refuses to read over 4300 digits as a number.
_AT = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def parse_duration(text: str) -> timedelta:
    """Parse a duration such as 90s, 5m, 1h or 1h30m.

    Raises:
        InvalidTimeError: the text is not such a duration, or it is zero.
    """
    match = _DURATION.fullmatch(text.strip().lower())
    if not text.strip() or match is None or not any(match.groups()):
        raise InvalidTimeError(f"{text!r} is not a duration: write it like 90s, 5m or 1h30m.")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if hours * 3600 + minutes * 60 + seconds > MAX_DURATION_S:
        raise InvalidTimeError(f"{text!r} is too long: at most a week (168h).")
    duration = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if not duration:
        raise InvalidTimeError("A duration of zero means now: leave the option out.")
    return duration


def resolve(clock: Clock, at: str | None = None, ago: str | None = None) -> datetime:
    """Return the moment meant by `--at HH:MM` (today, local) or `--ago`, else now (UTC).

    Raises:
        InvalidTimeError: both are given, the text is malformed, or the moment is in the future.
    """
    now = clock.now()
    if at is not None and ago is not None:
        raise InvalidTimeError("Give --at or --ago, not both.")
    if ago is not None:
        return now - parse_duration(ago)
    if at is None:
        return now
    match = _AT.fullmatch(at.strip())
    if match is None:
        raise InvalidTimeError(f"{at!r} is not a time of day: write it like 09:30 or 14:05.")
    local = clock.local(now)
    moment = clock.at(local.date(), time(int(match[1]), int(match[2])))
    if moment > now:
        raise InvalidTimeError(f"--at {at} is in the future (it is {local:%H:%M} now).")
    return moment.astimezone(now.tzinfo)


def day_window(clock: Clock, day: date) -> tuple[datetime, datetime]:
    """Return when the local `day` starts and ends (23 or 25 hours around a clock change)."""
    return clock.at(day, time()), clock.at(day + timedelta(days=1), time())


def parse_day(text: str, clock: Clock) -> date:
    """Parse YYYY-MM-DD, today or yesterday (local days).

    Raises:
        InvalidTimeError: anything else, or a date that does not exist.
    """
    today = clock.local(clock.now()).date()
    word = text.strip().lower()
    if word in ("today", "yesterday"):
        return today - timedelta(days=1 if word == "yesterday" else 0)
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise InvalidTimeError(
            f"{text!r} is not a day: write YYYY-MM-DD, today or yesterday."
        ) from None
    if not _DAYS[0] <= day <= _DAYS[1]:
        raise InvalidTimeError(f"{text!r} is out of range: {_DAYS[0]} to {_DAYS[1]}.")
    return day
