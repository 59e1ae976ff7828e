"""Reading a stored field back: each field's type checked as it is read, by its name.

Part of the storage adapter (records.py maps whole records). A file mended by hand, or
written by another program, can hold valid JSON of the wrong shape: a number where a text
belongs, a list where a time does. Read as stored, such a value travelled on and failed far
from the file (the app's traceback, the CLI's "unexpected TypeError"); read here, it is damage,
told with the field, the value and what belongs there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from operator import attrgetter

from execgap_tui.core.model import Activity, ItemState, Outcome, Uptime

TYPE_CHECKING = False  # typing costs every command 7 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from enum import StrEnum
    from typing import Any

MAX_SECONDS = 100 * 366 * 86_400
"""Longer than any session, timer or suspend: more overflows the time arithmetic."""
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""Times outside these are damage: near the ends of `datetime`, a local day overflows."""

TIMES = frozenset(
    {
        "created_at",
        "promoted_at",
        "done_at",
        "started_at",
        "ended_at",
        "at",
        "tomorrow_at",
        "tomorrow_due",
        "nudged_at",
        "changed_at",
    }
)
TEXTS = frozenset({"id", "action_id", "text", "action_text", "note", "device", "boot_id"})
"""Ids and words: a number there (mended by hand) is damage."""
EMPTY_WHEN_NULL = frozenset({"note", "device"})
"""Texts an older or hand-edited file may hold as null: no note, no device, not damage."""
SECONDS = frozenset({"start_timer_s", "active_s", "slept_s", "kept_slept_s", "latency_s"})
FLAGS = frozenset({"momentum"})
ENUMS: dict[str, type[StrEnum]] = {"state": ItemState, "outcome": Outcome, "kind": Activity}


def reader(name: str, optional: bool) -> Callable[[Any], Any]:
    """Return what reads field `name`'s stored value (`optional`: None is a value too).

    Each raises TypeError or ValueError, saying what is wrong, on a value of the wrong shape.
    """
    if name in EMPTY_WHEN_NULL:
        return partial(_or_empty, name)
    if name in TEXTS:
        return partial(_optional, text, name) if optional else partial(text, name)
    if name == "started_uptime":
        return uptime
    if name in TIMES:
        return partial(moment, name) if optional else partial(required_moment, name)
    if name in SECONDS:
        return partial(_optional, seconds, name) if optional else partial(seconds, name)
    if name in FLAGS:
        return partial(flag, name)
    if name in ENUMS:  # a dict's lookup: calling the enum costs 1 µs (5 ms for 5,000 items)
        return partial(_member, name, {member.value: member for member in ENUMS[name]})
    raise AssertionError(f"no reader for the field {name!r}")  # a field added without one


def text(name: str, raw: Any) -> str:
    """Return `raw` if it is a text."""
    if not isinstance(raw, str):
        raise TypeError(f"{name} is {shown(raw)}, not a text")
    return raw


def moment(name: str, raw: Any) -> datetime | None:
    """Return the aware time `raw` stores (None: no time; "" is none too, as written once)."""
    return None if raw is None or raw == "" else required_moment(name, raw)


def required_moment(name: str, raw: Any) -> datetime:
    """Return the aware time `raw` stores, in execgap's range of times."""
    if not isinstance(raw, str):
        raise TypeError(f"{name} is {shown(raw)}, not a time")
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name} is {shown(raw)}, not a time") from None
    if value.tzinfo is None:
        raise ValueError(f"{name} {raw!r} has no time zone")
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"{name} {raw!r} is out of range")
    return value


def seconds(name: str, raw: Any) -> int:
    """Return `raw` if it is a whole number of seconds execgap can count with."""
    if type(raw) is not int:  # not a bool either, though Python's bool is an int
        raise TypeError(f"{name} is {shown(raw)}, not a whole number of seconds")
    if not 0 <= raw <= MAX_SECONDS:
        raise ValueError(f"{name} {raw} is out of range")
    return raw


def flag(name: str, raw: Any) -> bool:
    """Return `raw` if it is true or false."""
    if type(raw) is not bool:
        raise TypeError(f"{name} is {shown(raw)}, not true or false")
    return raw


def uptime(raw: Any) -> Uptime:
    """Return the suspend counter a running session started at: a boot id, seconds slept."""
    if not isinstance(raw, dict):
        raise TypeError(f"started_uptime is {shown(raw)}, not a table")
    if unknown := set(raw) - set(Uptime._fields):
        raise ValueError(f"started_uptime has unknown fields {sorted(unknown)}")
    slept = raw.get("slept_s", 0.0)
    if type(slept) not in (int, float) or not math.isfinite(slept) or abs(slept) > MAX_SECONDS:
        raise TypeError(f"started_uptime.slept_s is {shown(slept)}, not a number of seconds")
    return Uptime(text("started_uptime.boot_id", raw.get("boot_id", "")), float(slept))


def _optional(read: Callable[[str, Any], Any], name: str, raw: Any) -> Any:
    return None if raw is None else read(name, raw)


def _or_empty(name: str, raw: Any) -> str:
    return "" if raw is None else text(name, raw)


def _member(name: str, members: dict[str, Any], raw: Any) -> Any:
    member = members.get(raw) if isinstance(raw, str) else None
    if member is None:
        raise ValueError(f"{name} is {shown(raw)}, not one of {', '.join(members)}")
    return member


def shown(raw: Any) -> str:
    """`raw` as the message shows it: short, and one line (a repr escapes control bytes)."""
    shown = repr(raw)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def read_column(
    name: str, read: Callable[[Any], Any], column: Sequence[Any], optional: bool = False
) -> Sequence[Any]:
    """Return one field's stored values read as `read` reads each (`optional`: None is a
    value too), checked a column at a time where the type allows: C code over 100k values,
    not a Python call for each."""
    kinds = set(map(type, column))
    if optional and _NONE in kinds:
        present = iter(read_column(name, read, [raw for raw in column if raw is not None]))
        return [None if raw is None else next(present) for raw in column]
    if not column or (name in TEXTS and kinds <= _STR):
        return column
    if name in SECONDS and kinds <= _INT and min(column) >= 0 and max(column) <= MAX_SECONDS:
        return column
    if name in FLAGS and kinds <= _BOOL:
        return column
    if name in TIMES and kinds == _STR and "" not in column:
        try:
            moments = list(map(datetime.fromisoformat, column))
        except ValueError:
            return list(map(read, column))  # says which value
        zoned = None not in set(map(_ZONE, moments))
        if zoned and min(moments) >= EARLIEST and max(moments) < LATEST:
            return moments
    return list(map(read, column))


_NONE = type(None)
_STR = frozenset({str})
_INT = frozenset({int})
_BOOL = frozenset({bool})
_ZONE = attrgetter("tzinfo")
