"""Large 3-by-3 digits from Textual's own font, as three plain rows of text.

Textual's `Digits` renders a Rich renderable through alignment and measurement on every
change. The timer changes once a second all day, so `NowPanel` draws these rows with the
Line API and keeps them until the value or its style changes.
"""

from __future__ import annotations

from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD


def digit_rows(value: str, bold: bool = False) -> tuple[str, str, str]:
    """Return the three rows that draw `value`; a character the font lacks sits on the last."""
    top, middle, bottom = digit_pieces(value, bold)
    return "".join(top), "".join(middle), "".join(bottom)


def digit_pieces(value: str, bold: bool = False) -> tuple[list[str], list[str], list[str]]:
    """Return each of the three rows that draw `value` as one piece a character.

    Drawn as a segment each, the pieces are the same few strings all day, where whole rows
    were a new string every second: Rich's cache of text widths, which Textual's compositor
    fills as it crops, kept each of those (0.4 MiB in twenty minutes, up to its 4,096).
    """
    font = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in value.replace(".", "•"):
        position = DIGITS.find(character) * 3
        if position < 0:
            rows[0].append(" ")
            rows[1].append(" ")
            rows[2].append(character)
            continue
        for row, line in zip(rows, font[position : position + 3], strict=True):
            row.append(line.ljust(3))
    return rows


FONT = frozenset(DIGITS) | {"."}
"""Characters whose width is known without measuring: the font's three cells, and a full
stop drawn as a one-cell bullet."""


def digits_width(value: str) -> int:
    """Return how many cells `value` takes in the font."""
    return sum(3 if character in DIGITS else 1 for character in value)
