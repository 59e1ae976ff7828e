"""The ASCII fallback: every glyph on screen drawn with plain ASCII, cell for cell.

For terminals and fonts without box drawing or block characters (a serial console, a
non-UTF-8 locale). It works on what Textual renders, so no widget needs an ASCII twin.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_BARS = dict(zip("▁▂▃▄▅▆▇█", "::==++##", strict=True))
_NAMED = {"▮": "#", "▯": "-", "▶": ">", "»": ">", "·": ".", "✓": "v", "■": "x", "…": ".",
          "—": "-", "\u2013": "-", "÷": "/", "▏": "|", "▌": "|", "␛": "^", "↑": "^", "↓": "v",
          "←": "<", "→": ">"}  # fmt: skip


@lru_cache(maxsize=4096)
def ascii_char(char: str) -> str:
    """Return ASCII as wide as `char` (one cell, or two for a wide character)."""
    if char.isascii():
        return char
    if char in _NAMED or char in _BARS:
        return _NAMED.get(char) or _BARS[char]
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        if " AND " in name:  # a junction: ├ ┤ ┬ ┴ ┼
            return "+"
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        ends = ("LEFT" in name or "RIGHT" in name, "UP" in name or "DOWN" in name)
        if horizontal and not vertical:
            return "-"
        if vertical and not horizontal:
            return "|"
        if not (horizontal or vertical):  # arcs, corners and half lines
            return {(True, False): "-", (False, True): "|"}.get(ends, "+")
        return "+"
    if "\u2580" <= char <= "\u259f":  # block elements: shades, halves, quadrants
        return "#"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    width = cell_len(char)
    return plain[:width].ljust(width, "?") if plain else "?" * width


def to_ascii(text: str) -> str:
    """Return `text` drawn in ASCII, the same number of cells wide."""
    return text if text.isascii() else "".join(ascii_char(char) for char in text)


class AsciiFilter(LineFilter):
    """A Textual line filter that turns every rendered glyph into ASCII."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(to_ascii(text), style, control) for text, style, control in segments]
