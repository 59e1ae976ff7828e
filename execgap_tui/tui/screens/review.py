"""The review: one day (or the last seven) honestly, then tomorrow's first tiny action."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from execgap_tui.actions.desk import Desk
from execgap_tui.actions.reviews import load_reviews, waiting_first_action
from execgap_tui.config.keys import REVIEW
from execgap_tui.core.board import Board
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.report import day_title, markdown_report
from execgap_tui.core.review import DayReview
from execgap_tui.store.files import write_text
from execgap_tui.tui.keeper import PENDING, BoardKeeper
from execgap_tui.tui.screens.help import HelpScreen, key_of, screen_keys
from execgap_tui.tui.screens.text_prompt import TextPromptScreen
from execgap_tui.tui.widgets.day_review import DayReviewView
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.week_table import WeekTable

WIDE = 80
WEEK = 7


class ReviewScreen(Screen[None]):
    """A day's figures, focus by hour and lists; `[` `]` step days, `w` the week."""

    DEFAULT_CSS = """
    #review-title {
        height: auto;
        padding: 0 1;
        text-style: bold;
        color: $text-primary;
    }
    #review-body {
        height: 1fr;
        padding: 0 1;
    }
    ReviewScreen.-narrow #review-title, ReviewScreen.-narrow #review-body {
        padding: 0;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (typed by Screen)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            REVIEW["review-previous"],
            "previous_day",
            "prev",
            tooltip="Review the day before",
            id="review-previous",
        ),
        Binding(
            REVIEW["review-next"],
            "next_day",
            "next",
            tooltip="Review the day after",
            id="review-next",
        ),
        Binding(
            REVIEW["review-week"],
            "toggle_week",
            "week",
            id="review-week",
            tooltip="Show the last seven days side by side (again: one day)",
        ),
        Binding(
            REVIEW["review-tomorrow"],
            "write_tomorrow",
            "tomorrow",
            tooltip="Write tomorrow's first tiny action",
            id="review-tomorrow",
        ),
        Binding(
            REVIEW["review-markdown"],
            "export_markdown",
            "export",
            tooltip="Write this day's review as Markdown",
            id="review-markdown",
        ),
        Binding(
            REVIEW["review-back"],
            "close_review",
            "back",
            tooltip="Back to the timer",
            id="review-back",
        ),
        Binding(
            REVIEW["review-keys"], "show_keys", "keys", tooltip="Show every key", id="review-keys"
        ),
    ]

    def __init__(self, desk: Desk, keeper: BoardKeeper) -> None:
        super().__init__()
        self.desk, self.keeper = desk, keeper
        self.clock = desk.clock
        self.store = desk.store
        self.day = self._today()
        self.week = False
        self._exported: dict[date, str] = {}
        self._shown: tuple[list[DayReview], Board] | None = None  # what was last read
        self._pending = keeper.saving > 0  # a change shown is not on disk yet

    def compose(self) -> ComposeResult:
        yield Static(id="review-title", markup=False)
        with VerticalScroll(id="review-body"):
            yield DayReviewView(id="review-day")
            yield WeekTable(id="review-week")
        yield KeyFooter(
            give_way=["quit", "show_keys", "export_markdown", "toggle_week", "write_tomorrow"]
        )

    def on_mount(self) -> None:
        self.query_one(DayReviewView).hint_key = key_of(self, "review-tomorrow")
        # What it shows changes when another process writes, and once our saves are on disk.
        self.keeper.reloaded.subscribe(self, self._reloaded)
        self.keeper.pending.subscribe(self, self._settled)
        self.reload()
        self.query_one(VerticalScroll).focus()

    def _reloaded(self, _board: Board) -> None:
        self.reload()

    def _settled(self, saving: int) -> None:
        self._pending = bool(saving)
        if not saving:
            self.reload()  # the history as saved
        else:
            self._show()  # the mark

    def on_resize(self) -> None:
        self._show()  # the same figures, laid out for the new width: nothing to read

    def on_screen_resume(self) -> None:
        self.reload()  # what changed while help or a prompt was on top

    def reload(self) -> None:
        """Read the history again and show the day (or week) as it is now."""
        days = [self.day - timedelta(days=n) for n in range(WEEK - 1, -1, -1)]
        try:
            self._shown = load_reviews(
                self.store, self.clock, days if self.week else [self.day], self.keeper.board
            )
        except ExecGapError as error:
            self.notify(str(error), severity="error", timeout=30, markup=False)
            return
        self._show()

    def _show(self) -> None:
        if self._shown is None:
            return
        reviews, board = self._shown
        wide = self.size.width >= WIDE
        self.query_one(DayReviewView).display = not self.week
        self.query_one(WeekTable).display = self.week
        if self.week:
            self.query_one(WeekTable).show(reviews, wide)
        else:
            tomorrow = waiting_first_action(board)
            self.query_one(DayReviewView).show(reviews[0], self.clock.local, tomorrow, wide)
        title = self._title(reviews[-1].day, reviews[0].day)
        self.query_one("#review-title", Static).update(
            f"{title} · {PENDING}" if self._pending else title
        )
        self.refresh_bindings()

    def _title(self, day: date, first: date) -> str:
        if self.week:
            return f"Seven days: {first:%a %d %b} to {day:%a %d %b}"
        when = {self._today(): "today", self._today() - timedelta(days=1): "yesterday"}
        title = f"Review of {day_title(day)}" + (f" ({when[day]})" if day in when else "")
        exported = self._exported.get(day)
        return f"{title}\nMarkdown: {exported}" if exported else title

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_day":
            return self.day < self._today()
        if action == "export_markdown":
            return not self.week
        return True

    def action_previous_day(self) -> None:
        self._go(self.day - timedelta(days=WEEK if self.week else 1))

    def action_next_day(self) -> None:
        self._go(min(self._today(), self.day + timedelta(days=WEEK if self.week else 1)))

    def action_toggle_week(self) -> None:
        self.week = not self.week
        self.reload()

    def action_write_tomorrow(self) -> None:
        prompt = TextPromptScreen("Tomorrow's first tiny action", "first action",
                                  waiting_first_action(self.keeper.board) or "")  # fmt: skip
        self.app.push_screen(prompt, self._write_tomorrow)

    def action_export_markdown(self) -> None:
        path = self.store.folder / "reviews" / f"{self.day.isoformat()}.md"
        try:
            [review], board = load_reviews(self.store, self.clock, [self.day], self.keeper.board)
            markdown = markdown_report(review, self.clock.local, waiting_first_action(board))
            write_text(path, markdown, inside=self.store.folder)  # reviews/ is never a link
        except ExecGapError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._exported[self.day] = str(path)
        self.notify(f"Saved as {path}", title="Markdown", markup=False)
        self.reload()

    def action_close_review(self) -> None:
        self.dismiss(None)

    def action_show_keys(self) -> None:
        self.app.push_screen(HelpScreen(list(screen_keys(self))))

    def _write_tomorrow(self, text: str | None) -> None:
        if text is not None:  # for a past day its tomorrow is here: the main screen takes it
            self.keeper.save(self.desk.write_tomorrow(text, reviewed=self.day))

    def _go(self, day: date) -> None:
        self.day = day
        self.reload()
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def _today(self) -> date:
        return self.clock.local(self.clock.now()).date()
