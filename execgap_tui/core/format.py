"""Plain-text figures shared by the screens and the command line."""

from __future__ import annotations


def clock_text(seconds: int) -> str:
    """Return `seconds` as m:ss, or h:mm:ss from an hour on (125 -> "2:05")."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def age_text(seconds: float) -> str:
    """Return a short age: "now", "5m", "3h", "2d"."""
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 1:
        return "now"
    if minutes < 60:
        return f"{minutes}m"
    if minutes < 48 * 60:
        return f"{minutes // 60}h"
    return f"{minutes // (24 * 60)}d"
