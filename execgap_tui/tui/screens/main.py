"""The main screen: the next action and its timer, planning beside doing."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer

from execgap_tui.actions.desk import Desk
from execgap_tui.actions.nudger import Nudger
from execgap_tui.actions.writer import StoreWriter
from execgap_tui.config.keys import MAIN
from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.gap import gap
from execgap_tui.core.model import Nudge, Outcome
from execgap_tui.core.session import TimerView, timer_view
from execgap_tui.tui.screens.doing_pane import DoingPaneScreen
from execgap_tui.tui.screens.help import HelpScreen, key_of, screen_keys
from execgap_tui.tui.screens.today import Today
from execgap_tui.tui.widgets.doing_list import DoingList
from execgap_tui.tui.widgets.gap_meter import GapMeter
from execgap_tui.tui.widgets.key_footer import KeyFooter
from execgap_tui.tui.widgets.now_panel import NowPanel
from execgap_tui.tui.widgets.plain import blank_lines
from execgap_tui.tui.widgets.plan_list import PlanList

WIDE = 80
"""From this many columns on, the panes stand side by side."""
PANE_KEYS = [
    ("enter", "Make the selected plan item the next action"),
    ("↑ ↓", "Move in a pane"),
    ("tab", "Move between the panes"),
    ("^p", "Command palette: every action by name"),
]


def bindings(keys: dict[str, str], rows: list[tuple[str, str, str, str]]) -> list[BindingType]:
    """Return a screen's bindings: (binding id, action, footer word, what it does) each."""
    return [
        Binding(keys[bid], action, word, tooltip=what, id=bid) for bid, action, word, what in rows
    ]


class Panes(Container):
    """The planning and doing panes side by side."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank_lines(self, crop)  # a frame, nothing else


class MainScreen(DoingPaneScreen):
    """One tiny next action, its timer, and the gap between planning and doing."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (typed by Screen)
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        MAIN,
        [  # binding id (see keys.py), action, footer word, what it does
        ("write-next", "write_next", "next", "Write the next action"),
        ("add-plan", "add_plan", "plan", "Add a plan item"),
        ("edit-item", "edit_item", "edit", "Edit the selected plan item"),
        ("drop-item", "drop_item", "drop", "Drop the selected plan item"),
        ("start", "start_session", "start", "Start the next action"),
        ("finish", "finish_session", "done", "Finish the session as done"),
        ("stop", "stop_session", "stop", "Stop the session (not done)"),
        ("keep-sleep", "keep_sleep", "keep", "Count a suspend as work"),
        ("review", "open_review", "review", "Review the day"),
        ("keys", "show_keys", "keys", "Show every key"),
        ],
    )  # fmt: skip

    def __init__(self, desk: Desk, writer: StoreWriter, nudger: Nudger) -> None:
        super().__init__(desk.store, writer)
        self.desk = desk
        self.clock = clock = desk.clock
        self.start_timer_s = desk.settings.start_timer_s
        self.nudger = nudger
        self._told_desktop = False
        self._tick_timer: Timer | None = None
        self._today = Today(desk.store, clock)
        self._tomorrow_waits = False
        self._write_key = "n"  # as remapped, once the bindings are known (on_mount)

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank_lines(self, crop)  # a solid background

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint class on the first resize, after the first frame: set it
        # now, so the first frame has the right layout and nothing is styled twice.
        wide = self.app.size.width >= WIDE
        self.update_classes({"-wide": wide, "-narrow": not wide})
        rules = self.nudger.rules
        yield GapMeter(rules.threshold, int(rules.window.total_seconds() // 60), id="gap")
        self._now = NowPanel(self._first_view(), spaced=wide, id="now")
        self._now.border_title = "Next action"
        yield self._now
        with Panes(id="panes"):
            yield PlanList(id="plan", markup=False)
            yield DoingList(id="doing", markup=False)
        yield KeyFooter(
            give_way=["quit", "drop_item", "edit_item", "open_review", "show_keys", "add_plan"]
        )

    def _first_view(self) -> TimerView:
        """The timer as the data folder has it, so the panel is styled right from the start
        (a later change of phase restyles it). on_mount's reload says if the file is damaged."""
        try:
            running = self.store.board().running
        except ExecGapError:
            running = None
        return timer_view(running, self.clock.now(), self.start_timer_s, self.clock.uptime())

    def on_mount(self) -> None:
        self._write_key = key_of(self, "write-next")
        self._show_placeholder(items=False)  # also when the state file cannot be read
        self.query_one(PlanList).hint_key = key_of(self, "add-plan")
        self.query_one(DoingList).hint_key = key_of(self, "start")
        self.follow_the_folder()
        self.take_tomorrow()
        self.set_interval(60, self.refresh_minute)
        self.query_one(PlanList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._now.spaced = event.size.width >= WIDE  # a blank line above the digits

    def reloaded(self) -> None:
        self._refresh_review()  # another process wrote: the review on top shows it too
        super().reloaded()

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
        if action in ("edit_item", "drop_item"):
            item, session = self._selected(), self.board.running
            if item is None:
                return False
            return action == "edit_item" or session is None or session.action_id != item.id
        return True

    def take_tomorrow(self) -> None:
        """Put the first action written in a review in focus (on opening, and at midnight).

        While a session runs it waits, and comes when that session ends.
        """
        self._tomorrow_waits = self.board.tomorrow is not None and self.board.running is not None
        if self.board.tomorrow is not None and self.board.running is None:
            self.save(self.desk.take_tomorrow())

    def watch_board(self, board: Board) -> None:
        self.refresh_bindings()
        action = board.running.action_text if board.running else None
        if action is None and board.next_action is not None:
            action = board.next_action.text
        self._now.text = action or ""
        self._show_placeholder(items=bool(board.items))
        self.query_one(PlanList).show(board.newest_first(), board.next_id, self.clock.now())
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
        if running is None and self._tick_timer is not None:
            self._tick_timer.stop()
            self._tick_timer = None
        elif running is not None and self._tick_timer is None:
            # Wake just after the session's next whole second, then once a second from there.
            fraction = (now - running.started_at).total_seconds() % 1
            self._tick_timer = self.set_timer(1.005 - fraction, self._tick_every_second)

    def _tick_every_second(self) -> None:
        self.refresh_timer()
        self._tick_timer = self.set_interval(1.0, self.refresh_timer)

    def refresh_minute(self) -> None:
        """Update the ages in the planning pane and, after midnight, the doing pane."""
        if self.new_day():
            self.take_tomorrow()
        self.query_one(PlanList).show(
            self.board.newest_first(), self.board.next_id, self.clock.now()
        )
        self.refresh_gap()

    def refresh_gap(self) -> None:
        """Show the gap over the window as it is now, and nudge if it is time."""
        now = self.clock.now()
        meter = self.query_one(GapMeter)
        running = self.board.running is not None
        meter.show(gap(self.board.recent, now, self.nudger.rules.window), running)
        if self._first_frame_shown:  # the screen first, then a toast (_after_first_frame)
            self._nudge_if_due(now)

    def _after_first_frame(self) -> None:
        super()._after_first_frame()
        self._nudge_if_due(self.clock.now())

    def _nudge_if_due(self, now: datetime) -> None:
        # Recorded in the data folder first: only the process whose save finds it due tells.
        if self.desk.nudge_due(self.board):
            self.save(self.desk.nudge())

    def nudged(self, nudge: Nudge) -> None:
        self.notify(nudge.body, title=nudge.title, timeout=20, markup=False)
        self.run_worker(partial(self._deliver, nudge), thread=True, group="nudge")

    def _deliver(self, nudge: Nudge) -> None:
        if "desktop" in self.nudger.deliver(nudge) and not self._told_desktop:  # said once
            self._told_desktop = True
            # Short (it shares 40 columns with the nudge); `execgap doctor` says why and how.
            hint = "Desktop notifications are off here: execgap doctor says why."
            self.app.call_from_thread(self.notify, hint, timeout=8, markup=False)

    def action_write_next(self) -> None:
        from execgap_tui.tui.screens.text_prompt import TextPromptScreen

        self.app.push_screen(TextPromptScreen("Next action", "next action"), self._write_next)

    def action_start_session(self) -> None:
        if self.board.next_action is None and self.board.items:
            pick, write = key_of(self, "start"), key_of(self, "write-next")
            self.notify(
                f"No next action yet: choose a plan item (↑ ↓ and enter), then {pick}; "
                f"or press {write} to write one.",
                severity="warning",
                markup=False,
            )
            return  # fmt: skip
        self.app.clear_notifications()  # a nudge to start is answered
        self.save(self.desk.start())

    def action_finish_session(self) -> None:
        self.save(self.desk.finish(Outcome.DONE, session_id=self._running_id()))

    def action_stop_session(self) -> None:
        self.save(self.desk.finish(Outcome.STOPPED, session_id=self._running_id()))

    def action_keep_sleep(self) -> None:
        self.save(self.desk.keep_sleep(self._running_id()))

    def _running_id(self) -> str | None:
        """The session the key means: a queued step never ends one started elsewhere."""
        return self.board.running.id if self.board.running else None

    def action_open_review(self) -> None:
        from execgap_tui.tui.screens.review import ReviewScreen  # not needed for the first frame

        self.app.push_screen(
            ReviewScreen(self.desk, lambda: self.board, self.save, self.take_tomorrow)
        )

    def _refresh_review(self) -> None:
        # The review on top shows the board held here, and the history once it is saved.
        reload = getattr(self.app.screen, "reload_review", None)
        if reload is not None:
            reload()

    def action_show_keys(self) -> None:
        self.app.push_screen(HelpScreen([*screen_keys(self), *PANE_KEYS]))

    def _write_next(self, text: str | None) -> None:
        if text is not None:
            self.save(self.desk.write_next(text))

    def saving(self, change: Change) -> None:
        if self._tomorrow_waits and change.session is not None:  # the session it waited for
            self.call_later(self.take_tomorrow)
        super().saving(change)

    def settled(self) -> None:
        self._refresh_review()

    def _show_placeholder(self, items: bool) -> None:
        """Say how to get a next action: with plan items open, choosing one is the way."""
        write, shown = self._write_key, self._now
        if items:
            shown.placeholder = f"Nothing yet: choose a plan item (↑ ↓ enter) or press {write}."
        else:
            shown.placeholder = f"Nothing yet. Press {write} and write one tiny step."
