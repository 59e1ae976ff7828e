"""When a start or finish happened: now, `--at WHEN`, or `--ago 5m`.

WHEN is a local time: `HH:MM` (today), `yesterday HH:MM`, or `YYYY-MM-DD HH:MM`, each
with an optional UTC offset after it for a time the clocks show twice (`01:30 -05:00`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from execgap_tui.core.clock import Clock
from execgap_tui.core.errors import InvalidTimeError

MAX_DURATION_S = 7 * 24 * 3600
_DAYS = (date(2000, 1, 1), date(2999, 12, 31))
_DAY = timedelta(days=1)
_DURATION = re.compile(r"(?:(\d{1,9})h)?(?:(\d{1,9})m(?:in)?)?(?:(\d{1,9})s)?")
# At most 9 digits: a week is 604800 s, and Python refuses to read over 4300 digits as a number.
_AT = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?:\s*([+-])([01]\d):?([0-5]\d))?")
_ON_DAY = re.compile(r"(yesterday|\d{4}-\d{2}-\d{2})\s+(\S.*)", re.IGNORECASE)
FORMS = "09:30, yesterday 18:30 or 2026-12-01 09:30"
"""The forms of WHEN, for messages and help."""


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


def duration_arg(seconds: int) -> str:
    """Return whole `seconds` as --ago takes them: 90 -> "1m30s" (`parse_duration`'s inverse)."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(hours, "h"), (minutes, "m"), (secs, "s")]
    return "".join(f"{n}{unit}" for n, unit in parts if n) or "0s"


def resolve(clock: Clock, at: str | None = None, ago: str | None = None) -> datetime:
    """Return the moment meant by `--at HH:MM` (today, local) or `--ago`, else now (UTC).

    A time the clocks show twice today (when they go back) is the first, unless a UTC offset
    after it says which: `--at "01:30 -05:00"`. A time they skip (when they go forward) is
    refused, as is an offset the zone does not have then.

    Raises:
        InvalidTimeError: both are given, the text is malformed, the time does not exist
            today, or the moment is in the future.
    """
    now = clock.now()
    if at is not None and ago is not None:
        raise InvalidTimeError("Give --at or --ago, not both.")
    if ago is not None:
        return now - parse_duration(ago)
    if at is None:
        return now
    local = clock.local(now)
    day, wall = _day_of(at.strip(), local.date())
    moment = _at_on(clock, day, wall, at.strip(), local.date())
    if moment > now:
        raise InvalidTimeError(f"--at {at} is in the future (it is {local:%H:%M} now).")
    return moment.astimezone(now.tzinfo)


def _day_of(text: str, today: date) -> tuple[date, str]:
    """Split WHEN into its local day (today unless it names one) and its time of day."""
    match = _ON_DAY.fullmatch(text)
    if match is None:
        return today, text
    if match[1].lower() == "yesterday":
        return today - _DAY, match[2]
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        raise InvalidTimeError(f"{match[1]!r} is not a day: write it like 2026-12-01.") from None
    if not _DAYS[0] <= day <= _DAYS[1]:
        raise InvalidTimeError(f"{match[1]!r} is too far from now.")
    return day, match[2]


def _at_on(clock: Clock, day: date, text: str, given: str, today: date) -> datetime:
    """Return the moment of `HH:MM` (or `HH:MM +HH:MM`) on the local `day`, in UTC; `given`
    is the whole WHEN, for messages."""
    match = _AT.fullmatch(text.strip())
    if match is None:
        raise InvalidTimeError(
            f"{given!r} is not a time: write it like {FORMS} (or 01:30 -05:00 for the "
            "second of a time the clocks show twice)."
        )
    on = "today" if day == today else "yesterday" if day == today - _DAY else f"on {day}"
    wall = time(int(match[1]), int(match[2]))
    shown = occurrences(clock, day, wall)
    if not shown:
        start, end = _skipped(clock, day, wall)
        raise InvalidTimeError(
            f"--at {given} does not exist {on}: the clocks went from {start} to {end}. "
            "Give a time outside it."
        )
    if match[3] is None:
        return shown[0]
    sign = 1 if match[3] == "+" else -1
    offset = sign * timedelta(hours=int(match[4]), minutes=int(match[5]))
    for moment in shown:
        if clock.local(moment).utcoffset() == offset:
            return moment
    offsets = ", then ".join(_offset_text(clock.local(moment).utcoffset()) for moment in shown)
    raise InvalidTimeError(
        f"--at {given}: {wall:%H:%M} {on} is {offsets} here. "
        f"Write it like {wall:%H:%M} {offsets[:6]}."
    )


def occurrences(clock: Clock, day: date, wall: time) -> list[datetime]:
    """Return the moments (UTC, in order) the local clock shows `wall` on `day`: one, two
    when the clocks go back over it, none when they skip it."""
    moments = sorted({clock.at(day, wall.replace(fold=fold)).astimezone(UTC) for fold in (0, 1)})
    return [moment for moment in moments if _wall(clock, moment) == (wall.hour, wall.minute)]


def at_label(clock: Clock, moment: datetime) -> str:
    """Return `moment` as a local HH:MM, with its UTC offset when that time came twice."""
    local = clock.local(moment)
    # Only near a clock change is the exact look needed (it loads the zone's rules: 5 ms).
    near = {clock.local(moment + hours).utcoffset() for hours in (-_DAY, _DAY)}
    twice = near != {local.utcoffset()} and (
        len(occurrences(clock, local.date(), time(local.hour, local.minute))) > 1
    )
    return f"{local:%H:%M} {_offset_text(local.utcoffset())}" if twice else f"{local:%H:%M}"


def when_label(clock: Clock, moment: datetime) -> str:
    """Return `moment` as WHEN is written: `at_label`, after "yesterday" or its date when
    it is not today (local)."""
    day, today = clock.local(moment).date(), clock.local(clock.now()).date()
    on = "" if day == today else "yesterday " if day == today - _DAY else f"{day} "
    return on + at_label(clock, moment)


def _wall(clock: Clock, moment: datetime) -> tuple[int, int]:
    local = clock.local(moment)
    return local.hour, local.minute


def _skipped(clock: Clock, day: date, wall: time) -> tuple[str, str]:
    """Return the local times (HH:MM) a forward clock change over `wall` on `day` skips."""
    # Read with the offset after the change (fold=1) `wall` is a moment before it; with
    # the offset before (fold=0), one after. Halve the span to the change's second.
    before, after = (int(clock.at(day, wall.replace(fold=f)).timestamp()) for f in (1, 0))
    old = clock.local(datetime.fromtimestamp(before, UTC)).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if clock.local(datetime.fromtimestamp(middle, UTC)).utcoffset() == old:
            before = middle
        else:
            after = middle
    change = datetime.fromtimestamp(after, UTC)
    start = (change + (old or timedelta())).replace(tzinfo=None)
    return f"{start:%H:%M}", f"{clock.local(change):%H:%M}"


def _offset_text(offset: timedelta | None) -> str:
    """Return a UTC offset as +HH:MM (strftime's %:z is Python 3.12's)."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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
