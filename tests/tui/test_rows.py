"""The rows of the planning and doing panes, laid out by hand at the width they are drawn."""

from __future__ import annotations

from datetime import timedelta

from execgap_tui.core.model import Outcome, Session
from execgap_tui.tui.widgets.doing_list import DoingList
from execgap_tui.tui.widgets.row import Cell, Row
from tests.conftest import T0
from tests.helpers import drawn


def session(id: str, active_s: int, text: str = "Write the intro") -> Session:
    return Session(id, "a", text, T0, T0 + timedelta(seconds=active_s), 120, active_s,
                   Outcome.DONE, momentum=True)  # fmt: skip


def test_a_row_fills_its_width_and_cuts_with_an_ellipsis() -> None:
    row = Row(Cell("a long text that cannot fit"), Cell("12m", width=3))
    assert drawn(row, 20) == "a long text tha… 12m"
    assert drawn(row, 40) == "a long text that cannot fit" + " " * 9 + " 12m"


def test_a_fixed_column_too_narrow_ends_in_an_ellipsis() -> None:
    row = Row(Cell("11:06:40", width=7, right=True), Cell("text"))
    assert drawn(row, 20).startswith("11:06:… text")


async def test_every_duration_shows_whole_and_the_rows_stay_aligned() -> None:
    rows = DoingList()
    long, short = session("s1", 10 * 3600 + 400), session("s2", 75)
    rows.show([(T0, long), (T0, short)])
    first, second = (drawn(rows.row(i), 60) for i in range(2))
    assert "10:06:40 ✓ done" in first and "    1:15 ✓ done" in second
    assert first.index("✓") == second.index("✓")
