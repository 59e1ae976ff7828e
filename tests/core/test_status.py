"""The one-line status: as wide in a status bar as it says, whatever the script."""

from __future__ import annotations

import unicodedata

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.board import Board
from execgap_tui.core.status import ACTION_CELLS, status_line
from tests.conftest import T0


def cells(text: str) -> int:
    """Terminal cells, counted apart from the code under test."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@pytest.mark.parametrize(
    ("action", "shown"),
    [
        ("漢字" * 21, "漢字" * 9 + "漢…"),  # 42 characters, 84 cells: cut to 39 and "…"
        ("Ünïcödé " * 6, ("Ünïcödé " * 5)[:39] + "…"),
        ("Cafe\u0301 " * 10, ("Cafe\u0301 " * 8)[:47] + "…"),  # the accents take no cell
        ("😀 Ship it", "😀 Ship it"),
        ("\x1b]2;x\x07 \u202eabc", "␛]2;x␇ \\u202eabc"),  # as an older version kept it
    ],
)
def test_the_action_is_cut_to_forty_cells(action: str, shown: str) -> None:
    board = steps.write_next(Board(), "x", now=T0, new_id="a").board
    board = board._replace(items=tuple(item._replace(text=action) for item in board.items))
    line = status_line(board, T0, "{action}")
    assert line == shown and cells(line) <= ACTION_CELLS
