"""Reviews from the data folder: one read of the history for a day or a run of days."""

from __future__ import annotations

from datetime import date

from execgap_tui.core.board import Board
from execgap_tui.core.clock import Clock
from execgap_tui.core.review import DayReview, review_day, spans
from execgap_tui.core.when import day_window
from execgap_tui.store.folder import Store


def load_reviews(
    store: Store, clock: Clock, days: list[date], board: Board | None = None
) -> tuple[list[DayReview], Board]:
    """Return the review of each of `days` (local), and the open board they were made from.

    The app passes its board, which may hold steps not yet on disk; else it is read.
    """
    board = store.board() if board is None else board
    start, end = day_window(clock, min(days))[0], day_window(clock, max(days))[1]
    sessions, closed = store.history(start, end)
    day_spans = spans(sessions, board.running, clock.now(), clock.uptime())
    # A crash between logging a close and saving the board leaves an item in both.
    items = list({item.id: item for item in (*board.items, *closed)}.values())
    return [review_day(clock, day, day_spans, items) for day in days], board


def waiting_first_action(board: Board) -> str | None:
    """Return tomorrow's first action, written in a review and not yet in focus."""
    return board.tomorrow
