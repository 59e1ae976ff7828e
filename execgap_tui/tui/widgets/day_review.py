"""One day's review: the figures, focus by hour, the three lists, tomorrow's first action."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from execgap_tui.core.report import (
    AXIS,
    Local,
    Row,
    encouragement,
    figures,
    list_rows,
    timeline,
)
from execgap_tui.core.review import DayReview
from execgap_tui.core.text import shown

SHOWN_CELLS = 300
"""User text wider than this is cut in the lists (the Markdown export keeps it whole)."""
NO_TOMORROW = "Press {key} and write one small step to start tomorrow with."


def short(text: str) -> str:
    """Return user text made visible and cut to `SHOWN_CELLS`."""
    return shown(text, SHOWN_CELLS)


class DayReviewView(Static):
    """Everything the review says about one day; the screen scrolls it."""

    hint_key = "t"
    """The key that writes tomorrow's first action, for the hint shown until one is."""

    def show(self, review: DayReview, local: Local, tomorrow: str | None, wide: bool) -> None:
        """Render `review`; `tomorrow` is the first action waiting, if one was written."""
        parts: list[RenderableType] = []
        kind = encouragement(review)
        if kind:
            parts += [Text(kind, style="italic"), Text()]
        if not review.empty:
            parts += [_figures(review, wide), Text(), *_timeline(review)]
        for title, rows in list_rows(review, local):
            parts += [Text(), Text(title, style="bold"), _list(rows)]
        parts += [Text(), Text("Tomorrow starts with", style="bold")]
        if tomorrow:
            parts.append(Padding(Text(short(tomorrow)), (0, 0, 0, 2)))
        else:
            parts.append(Text(NO_TOMORROW.format(key=self.hint_key), style="dim italic"))
        self.update(Group(*parts))


def _figures(review: DayReview, wide: bool) -> Table:
    pairs = figures(review)
    table = Table.grid(padding=(0, 2, 0, 0))
    per_row = 2 if wide else 1
    for _ in range(per_row):
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
    for n in range(0, len(pairs), per_row):
        row = pairs[n : n + per_row]
        table.add_row(*(cell for name, value in row for cell in (name, value)))
    return table


def _list(rows: list[Row]) -> RenderableType:
    if not rows:
        return Padding(Text("none", style="dim"), (0, 0, 0, 2))
    table = Table.grid(padding=(0, 0, 0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, style="dim")
    for times, text, focus in rows:
        table.add_row(times, Text(short(text)), focus)
    return Padding(table, (0, 0, 0, 2))


def _timeline(review: DayReview) -> list[RenderableType]:
    return [
        Text("Focus by hour (each mark one hour; full: 60 minutes)", style="bold"),
        Text(timeline(review.hours)),
        Text(AXIS.rstrip(), style="dim"),
    ]
