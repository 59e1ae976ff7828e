"""The main screen: the next action and its timer, planning beside doing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

from execgap_tui.actions.desk import Desk, Step
from execgap_tui.config.keys import MAIN
from execgap_tui.core.board import Board, Change, tomorrow_due
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.facts import Fact, PlanItemAdded, TomorrowWritten
from execgap_tui.core.model import Outcome
from execgap_tui.core.nudge import to_start
from execgap_tui.core.session import TimerView, clock_behind, timer_view
from execgap_tui.core.text import shown
from execgap_tui.tui.bindings import bindings
from execgap_tui.tui.keeper import PENDING, BoardKeeper
from execgap_tui.tui.screens.help import PANE_KEYS, HelpScreen, key_of, screen_keys
from execgap_tui.tui.screens.today import Today
from execgap_tui.tui.ticker import SecondTicker
from execgap_tui.tui.widgets.doing_list import DoingList
from execgap_tui.tui.widgets.gap_meter import GapMeter
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.now_panel import NowPanel
from execgap_tui.tui.widgets.panes import Panes
from execgap_tui.tui.widgets.plain import blank_lines
from execgap_tui.tui.widgets.plan_list import PlanList

WIDE = 80
"""From this many columns on, the panes stand side by side."""
CHOOSE = "Nothing yet: choose a plan item (↑ ↓ enter) or press {key}."
WRITE = "Nothing yet. Press {key} and write one tiny step."


class MainScreen(Screen[None]):
    """One tiny next action, its timer, and the gap between planning and doing.

    The board is the keeper's (the app's); this screen shows it, hears of each change
    through the keeper's signals, and turns keys and the panes' messages into steps.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (typed by Screen)
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        MAIN,
        [  # binding id (see keys.py), action, footer word, what it does
        ("write-next", "write_next", "next", "Write the next action"),
        ("add-plan", "add_plan", "plan", "Add a plan item"),
        ("start", "start_session", "start", "Start the next action"),
        ("finish", "finish_session", "done", "Finish the session as done"),
        ("stop", "stop_session", "stop", "Stop the session (not done)"),
        ("keep-sleep", "keep_sleep", "keep", "Count a suspend as work"),
        ("review", "open_review", "review", "Review the day"),
        ("keys", "show_keys", "keys", "Show every key"),
        ],
    )  # fmt: skip

    def __init__(self, desk: Desk, keeper: BoardKeeper) -> None:
        super().__init__()
        self.desk, self.keeper = desk, keeper
        self.clock = desk.clock
        self.start_timer_s = desk.settings.start_timer_s
        self._ticker = SecondTicker(self, self.refresh_timer)
        self._today = Today(desk.store, desk.clock)
        self._first_frame_shown = False
        self._tomorrow_waits = False
        self._write_key = "n"  # as remapped, once the bindings are known (on_mount)

    @property
    def board(self) -> Board:
        """The board as shown: the keeper's."""
        return self.keeper.board

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank_lines(self, crop)  # a solid background

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint class on the first resize, after the first frame: set it
        # now, so the first frame has the right layout and nothing is styled twice.
        wide = self.app.size.width >= WIDE
        self.update_classes({"-wide": wide, "-narrow": not wide})
        self.keeper.follow()  # read the board once, for every part of the first frame
        rules = self.desk.settings.nudge
        yield GapMeter(rules.threshold, int(rules.window.total_seconds() // 60), id="gap")
        self._now = NowPanel(self._first_view(), spaced=wide, id="now")
        self._now.border_title = "Next action"
        yield self._now
        with Panes(id="panes"):
            yield PlanList(id="plan")
            yield DoingList(id="doing")
        yield KeyFooter(
            give_way=["quit", "drop_item", "edit_item", "open_review", "show_keys", "add_plan"]
        )

    def _first_view(self) -> TimerView:
        """The timer as the data folder has it, so the panel is styled right from the start
        (a later change of phase restyles it)."""
        running = self.board.running
        return timer_view(running, self.clock.now(), self.start_timer_s, self.clock.uptime())

    def on_mount(self) -> None:
        self._write_key = key_of(self, "write-next")
        self._show_placeholder(items=False)  # also when the state file cannot be read
        self.query_one(PlanList).hint_key = key_of(self, "add-plan")
        self.query_one(DoingList).hint_key = key_of(self, "start")
        keeper = self.keeper
        keeper.stepped.subscribe(self, self._stepped)
        keeper.reloaded.subscribe(self, self._reloaded)
        keeper.pending.subscribe(self, self._show_pending)
        keeper.recorded.subscribe(self, self._recorded)
        self.show(self.board)  # now, for the first frame (the signal comes after it)
        self.call_after_refresh(self._after_first_frame)  # the day's history is not needed
        self.take_tomorrow()
        self.set_interval(60, self.refresh_minute)
        self.query_one(PlanList).focus()

    def _after_first_frame(self) -> None:
        self._first_frame_shown = True
        self._reload_today()
        self._nudge_if_due()

    def on_resize(self, event: events.Resize) -> None:
        self._now.spaced = event.size.width >= WIDE  # a blank line above the digits

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense now, so the footer fits 40 columns."""
        running = self.board.running is not None
        if action in ("finish_session", "stop_session"):
            return running
        if action == "keep_sleep":
            view = self._now.view
            return running and view.slept_s > 0 and not view.sleep_kept
        if action in ("write_next", "start_session"):
            return not running
        return True

    def save(self, step: Step) -> bool:
        """Show `step` at once and save it (the keeper's); False if it was refused."""
        return self.keeper.save(step)

    def _stepped(self, change: Change) -> None:
        if change.session is not None:
            if self._tomorrow_waits:  # the session it waited for has ended
                self.call_later(self.take_tomorrow)
            if self._today.stale:  # ended after midnight: among the new day's sessions
                self._reload_today()
            self._today.add(change.session)
        added = change.fact.item.id if isinstance(change.fact, PlanItemAdded) else None
        self.show(change.board, added)

    def _reloaded(self, board: Board) -> None:
        if self._first_frame_shown:  # another process wrote: its sessions too
            self._reload_today()
        self.show(board)

    def _recorded(self, fact: Fact) -> None:
        if isinstance(fact, TomorrowWritten) and fact.due:  # for a day that is here
            self.take_tomorrow()

    def _show_pending(self, saving: int) -> None:
        self._now.border_subtitle = PENDING if saving else ""

    def take_tomorrow(self) -> None:
        """Put the first action written in a review in focus once its day has come (on
        opening, and at midnight). While a session runs it waits, and comes when it ends.
        """
        board = self.board
        due = tomorrow_due(board, self.clock.now())
        self._tomorrow_waits = due and board.running is not None
        if due and board.running is None:
            self.save(self.desk.take_tomorrow())

    def show(self, board: Board, added: str | None = None) -> None:
        """Show `board` in every part of the screen; the plan item `added` just now takes
        the cursor (it is at the top: in sight, ready for a key, and the one a nudge names)."""
        self.refresh_bindings()
        action = board.running.action_text if board.running else None
        if action is None and board.next_action is not None:
            action = board.next_action.text
        self._now.text = action or ""
        self._show_placeholder(items=bool(board.items))
        self.query_one(PlanList).running_id = board.running.action_id if board.running else None
        self._show_plan(board, added)
        self._show_doing()
        self.refresh_timer()
        self.refresh_gap()

    def refresh_timer(self) -> None:
        """Show the timer as it is now; while a session runs, tick on its whole seconds."""
        now = self.clock.now()
        running = self.board.running
        view = timer_view(running, now, self.start_timer_s, self.clock.uptime())
        panel = self._now  # held, not queried: this runs every second
        if (view.slept_s, view.sleep_kept) != (panel.view.slept_s, panel.view.sleep_kept):
            self.refresh_bindings()  # k (keep the sleep) comes with a suspend, goes when kept
        panel.show(view)
        self._ticker.follow(running.started_at if running else None, now)

    def refresh_minute(self) -> None:
        """Update the ages in the planning pane and, after midnight, the doing pane."""
        if self._today.stale:
            self._reload_today()
        self._show_plan(self.board)
        self.refresh_gap()

    def refresh_gap(self) -> None:
        """Show the gap over the window as it is now, and nudge if it is time."""
        self.query_one(GapMeter).show(self.desk.gap(self.board), self.board.running is not None)
        if self._first_frame_shown:  # the screen first, then a toast (_after_first_frame)
            self._nudge_if_due()

    def _nudge_if_due(self) -> None:
        # Recorded in the data folder first: only the process whose save finds it due tells
        # (the app tells it when the keeper announces the NudgeSent).
        cursor = self.query_one(PlanList).highlighted_id()  # named if there is no next action
        if self.desk.nudge_due(self.board, cursor):
            self.save(self.desk.nudge(cursor))

    def _reload_today(self) -> None:
        if self._today.stale:  # a new day: tomorrow's first action comes with it
            self.call_later(self.take_tomorrow)
        try:
            self._today.reload()
        except ExecGapError as error:  # a damaged month file: the board still works
            self.notify(str(error), severity="error", timeout=30, markup=False)
        self._show_doing()

    def _show_plan(self, board: Board, added: str | None = None) -> None:
        plan = self.query_one(PlanList)
        plan.show(board.newest_first(), board.next_id, self.clock.now(), board.open_count, added)

    def _show_doing(self) -> None:
        """Show today's sessions under the one running now (once the day is read)."""
        if self._today.loaded:
            self.query_one(DoingList).show(*self._today.shown(self.board.running))

    def on_paste(self, event: events.Paste) -> None:
        """A paste here is no keys (s, f, d...): say where pasted text goes."""
        if event.text.strip():
            add, write = key_of(self, "add-plan"), key_of(self, "write-next")
            self.notify(f"To use pasted text, press {add} (a plan item) or {write} (the next "
                        "action) and paste it there.", markup=False)  # fmt: skip

    def action_write_next(self) -> None:
        self._ask("Next action", "next action", "", self.desk.write_next)

    def action_add_plan(self) -> None:
        self._ask("Add to the plan", "plan item", "", self.desk.plan)

    @on(PlanList.EditAsked)
    def _edit_item(self, message: PlanList.EditAsked) -> None:
        step = partial(self.desk.edit, message.item.id)
        self._ask("Edit the plan item", "plan item", message.item.text, step)

    @on(PlanList.DropAsked)
    def _drop_item(self, message: PlanList.DropAsked) -> None:
        if self.save(self.desk.drop(message.item.id)):
            self.notify(f"Dropped: {shown(message.item.text, 80)}", markup=False)

    @on(PlanList.ItemChosen)
    def _choose_item(self, message: PlanList.ItemChosen) -> None:
        self.save(self.desk.promote(message.item_id))

    def _ask(self, title: str, what: str, text: str, step: Callable[[str], Step]) -> None:
        """Ask for a text in a prompt; once written, save the step it makes."""
        from execgap_tui.tui.screens.text_prompt import TextPromptScreen

        def written(text: str | None) -> None:
            if text is not None:
                self.save(step(text))

        self.app.push_screen(TextPromptScreen(title, what, text), written)

    def action_start_session(self) -> None:
        """Start what the nudge names: the next action, else the plan item under the cursor."""
        target = to_start(self.board, self.query_one(PlanList).highlighted_id())
        self.app.clear_notifications()  # a nudge to start is answered
        self.save(self.desk.start(item_id=None if target is None else target.id))

    def action_finish_session(self) -> None:
        self._finish(Outcome.DONE)

    def action_stop_session(self) -> None:
        self._finish(Outcome.STOPPED)

    def _finish(self, outcome: Outcome) -> None:
        """End the session now; a clock behind its start ends it there, and says so."""
        running, now = self.board.running, self.clock.now()
        if self.save(self.desk.finish(outcome, session_id=self._running_id())) and running:
            behind = clock_behind(running.started_at, now, self.clock.local)
            if behind is not None:
                self.notify(behind, severity="warning", markup=False)

    def action_keep_sleep(self) -> None:
        self.save(self.desk.keep_sleep(self._running_id()))

    def _running_id(self) -> str | None:
        """The session the key means: a queued step never ends one started elsewhere."""
        return self.board.running.id if self.board.running else None

    def action_open_review(self) -> None:
        from execgap_tui.tui.screens.review import ReviewScreen  # not needed for the first frame

        self.app.push_screen(ReviewScreen(self.desk, self.keeper))

    def action_show_keys(self) -> None:
        self.app.push_screen(HelpScreen([*screen_keys(self), *PANE_KEYS]))

    def _show_placeholder(self, items: bool) -> None:
        """Say how to get a next action: with plan items open, choosing one is the way."""
        self._now.placeholder = (CHOOSE if items else WRITE).format(key=self._write_key)
