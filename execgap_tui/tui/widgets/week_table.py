"""Seven days side by side: the week's figures in one table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.table import Table
from textual.widgets import Static

from execgap_tui.core.report import duration_text
from execgap_tui.core.review import DayReview

Figure = Callable[[DayReview], str]


def _rate(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if percent else f"{value:.1f}"


ROWS: list[tuple[str, Figure]] = [
    ("starts", lambda r: str(r.starts)),
    ("done", lambda r: str(r.done)),
    ("stopped", lambda r: str(r.stopped)),
    ("focus", lambda r: duration_text(r.focus_s) if r.focus_s else "—"),
    ("latency", lambda r: "—" if r.median_latency_s is None else duration_text(r.median_latency_s)),
    ("momentum", lambda r: _rate(r.momentum_rate, percent=True)),
    ("planned", lambda r: str(r.planned)),
    ("items done", lambda r: str(r.items_done)),
    ("gap", lambda r: _rate(r.gap_ratio)),  # planned ÷ done
]
NARROW = ["starts", "done", "focus", "gap"]


class WeekTable(Static):
    """The figures of seven days: one column a day when wide, one row a day when narrow."""

    def show(self, reviews: Sequence[DayReview], wide: bool) -> None:
        """Render `reviews`, oldest first."""
        self.update(_by_column(reviews) if wide else _by_row(reviews))


def _by_column(reviews: Sequence[DayReview]) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("day", style="bold", no_wrap=True)
    for review in reviews:
        table.add_column(f"{review.day:%a %d}", justify="right", no_wrap=True)
    for name, figure in ROWS:
        table.add_row(name, *(figure(review) for review in reviews))
    return table


def _by_row(reviews: Sequence[DayReview]) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("day", style="bold", no_wrap=True)
    rows = [(name, figure) for name, figure in ROWS if name in NARROW]
    for name, _ in rows:
        table.add_column(name, justify="right", no_wrap=True)
    for review in reviews:
        table.add_row(f"{review.day:%a %d}", *(figure(review) for _, figure in rows))
    return table
