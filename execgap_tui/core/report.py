"""A day's review as text, Markdown or JSON: what `execgap review` prints and `m` writes."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import date, datetime

from execgap_tui.core.review import DayReview, ItemLine
from execgap_tui.core.text import markdown_text, visible

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

Local = Callable[[datetime], datetime]
"""Turns a stored (UTC) time into the user's local time: `Clock.local`."""

BARS = "·▁▂▃▄▅▆▇█"
"""Focus in an hour, from none to a full hour: eight heights and a dot for nothing."""
ASCII_BARS = ".:-=+*#%@"
AXIS = "0     6     12    18    "
Show = Callable[[str], str]
"""Makes user text safe for the output: visible control characters, escaped markup."""


def timeline(hours: tuple[int, ...], bars: str = BARS) -> str:
    """Return one character per hour, as tall as that hour's focus (a full hour: full)."""
    top = len(bars) - 1
    return "".join(bars[min(top, math.ceil(seconds / 3600 * top))] for seconds in hours)


def duration_text(seconds: int) -> str:
    """Return a duration to read at a glance: "45s", "12m", "1h 05m"."""
    if seconds < 60:
        return f"{seconds}s"
    minutes = seconds // 60
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def day_title(day: date) -> str:
    """Return "Tuesday 24 November 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def figures(review: DayReview) -> list[tuple[str, str]]:
    """Return the figures as (name, value) lines, the same in every format."""
    rate = review.momentum_rate
    momentum = "—" if rate is None else f"{rate:.0%} of starts"
    latency = review.median_latency_s
    ratio = review.gap_ratio
    gap = "— (nothing done)" if ratio is None else f"{ratio:.1f}"
    return [
        ("sessions", str(review.sessions)),
        ("starts", str(review.starts)),
        ("done", str(review.done)),
        ("stopped", str(review.stopped)),
        ("focus", duration_text(review.focus_s)),
        ("median start latency", "—" if latency is None else duration_text(latency)),
        ("momentum", momentum),
        ("planned", str(review.planned)),
        ("items done", str(review.items_done)),
        ("gap: planned ÷ done", gap),
    ]


def encouragement(review: DayReview) -> str | None:
    """Return a kind word for a day with nothing, or with planning only."""
    if review.empty:
        return (
            "Nothing was planned or started this day. That is allowed: a start takes two minutes."
        )
    if not review.starts and not review.sessions:
        return (
            f"You planned {review.planned} and started nothing. Pick the smallest item "
            "and give it two minutes."
        )
    return None


Row = tuple[str, str, str]
"""One entry of a list: its times, the user's text (raw), its focus."""


GOING_ON = "Going on (continued past the day)"
"""The list of the items whose session went on past the day: shown only when it has one."""


def list_rows(review: DayReview, local: Local) -> list[tuple[str, list[Row]]]:
    """Return the lists, each entry as (times, text, focus): done, started not done, going
    on past the day (only if one did), and carried over."""

    def when(moment: datetime | None) -> str:
        if moment is None:
            return "now"
        shown = local(moment)  # with the date when it is not on the reviewed day
        return f"{shown:%H:%M}" if shown.date() == review.day else f"{shown:%d %b %H:%M}"

    def worked(line: ItemLine) -> Row:
        until = "now" if line.running else when(line.last)
        return f"{when(line.first)}-{until}", line.text, _focus(line)

    going = [(GOING_ON, [worked(line) for line in review.going_on])] if review.going_on else []
    return [
        ("Done", [worked(line) for line in review.done_items]),
        ("Started, not done", [worked(line) for line in review.started_not_done]),
        *going,
        (
            "Planned, never touched (carried over)",
            [(f"planned {when(line.first)}", line.text, "") for line in review.carried_over],
        ),
    ]


def list_sections(
    review: DayReview, local: Local, show: Show = visible
) -> list[tuple[str, list[str]]]:
    """Return the lists, each line with its times and the user's text `show`n."""
    return [
        (title, ["  ".join(part for part in (times, show(text), focus) if part)
                 for times, text, focus in rows])
        for title, rows in list_rows(review, local)
    ]  # fmt: skip


def text_report(review: DayReview, local: Local, tomorrow: str | None = None) -> str:
    """Return the review as plain text for a terminal."""
    kind = encouragement(review)
    lines = [f"Review of {day_title(review.day)}", "", *([kind, ""] if kind else [])]
    if not review.empty:
        lines += [f"  {name:<22}{value}" for name, value in figures(review)]
        lines += ["", "Focus by hour:", *_timeline_lines(review, "  "), ""]
    for title, entries in _sections(review, local, visible):
        lines += [f"{title}:", *(f"  {entry}" for entry in entries or ["none"]), ""]
    if tomorrow is not None:
        lines += [f"Tomorrow starts with: {visible(tomorrow)}", ""]
    return "\n".join(lines)


def markdown_report(review: DayReview, local: Local, tomorrow: str | None = None) -> str:
    """Return the review as Markdown (user text escaped, so it never becomes markup)."""
    kind = encouragement(review)
    lines = [f"# Review of {day_title(review.day)}", "", *([kind, ""] if kind else [])]
    if not review.empty:
        lines += ["| figure | value |", "|---|---|"]
        lines += [f"| {name} | {value} |" for name, value in figures(review)]
        lines += ["", "## Focus by hour", "", "```", *_timeline_lines(review, ""), "```", ""]
    for title, entries in _sections(review, local, markdown_text):
        lines += [f"## {title}", "", *([f"- {entry}" for entry in entries] or ["None."]), ""]
    if tomorrow is not None:
        lines += ["## Tomorrow starts with", "", markdown_text(tomorrow), ""]
    return "\n".join(lines)


def _sections(review: DayReview, local: Local, show: Show) -> list[tuple[str, list[str]]]:
    """The lists worth printing: all, or on an empty day only what was carried over."""
    sections = list_sections(review, local, show)
    return [(title, entries) for title, entries in sections if entries or not review.empty]


def json_report(review: DayReview, local: Local) -> dict[str, Any]:
    """Return the review as the documented JSON fields (times local, with their offset)."""

    def stamp(moment: datetime | None) -> str | None:
        return None if moment is None else local(moment).isoformat(timespec="seconds")

    def worked(line: ItemLine) -> dict[str, Any]:  # not done in the day
        return {"text": line.text, "started_at": stamp(line.first),
                "last_ended_at": stamp(line.last), "running": line.running,
                "focus_seconds": line.focus_s, "sessions": line.sessions}  # fmt: skip

    rate = review.momentum_rate
    ratio = review.gap_ratio
    return {
        "date": review.day.isoformat(),
        "sessions": review.sessions,
        "starts": review.starts,
        "done": review.done,
        "stopped": review.stopped,
        "focus_seconds": review.focus_s,
        "median_start_latency_seconds": review.median_latency_s,
        "momentum_rate": None if rate is None else round(rate, 4),
        "planned": review.planned,
        "items_done": review.items_done,
        "gap_ratio": None if ratio is None else round(ratio, 4),
        "hours": list(review.hours),
        "done_items": [
            {"text": line.text, "started_at": stamp(line.first), "done_at": stamp(line.last),
             "focus_seconds": line.focus_s, "sessions": line.sessions}
            for line in review.done_items
        ],
        "started_not_done": [worked(line) for line in review.started_not_done],
        "going_on": [worked(line) for line in review.going_on],
        "carried_over": [
            {"text": line.text, "planned_at": stamp(line.first)} for line in review.carried_over
        ],
    }  # fmt: skip


def _timeline_lines(review: DayReview, indent: str) -> Iterator[str]:
    yield indent + timeline(review.hours)
    yield indent + AXIS.rstrip()


def _focus(line: ItemLine) -> str:
    running = ", running" if line.running else ""
    times = f" in {line.sessions} sessions" if line.sessions > 1 else ""
    return f"({duration_text(line.focus_s)}{times}{running})"
