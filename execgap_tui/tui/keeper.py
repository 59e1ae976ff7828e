"""The board as the app shows it: one object every screen shares, owned by the app."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App
from textual.signal import Signal
from textual.timer import Timer

from execgap_tui.actions.writer import StoreWriter
from execgap_tui.core.board import Board, Change
from execgap_tui.core.clock import Clock
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.facts import Fact, SessionKept
from execgap_tui.core.text import visible
from execgap_tui.store.folder import Saved, Stamp, Store
from execgap_tui.store.watch import FolderWatch

RELOAD_DELAY_S = 0.2
"""How long to gather other processes' writes before one reload."""
FIRST_FRAME_ITEMS = 100
"""Up to this many open items are read for the first frame; more come right after it."""
PENDING = "saving…"
"""What the screens show while a change they show is not on disk yet."""
_UNTRIED = object()
"""No keep tried yet (a missing state file's stamp is None)."""
BUSY = (
    "Another execgap process is holding the data folder's lock. What you did is kept and "
    "saved as soon as it lets go (execgap doctor says which process)."
)


class BoardKeeper:
    """Shows each step at once and saves it on the writer's thread; follows other writers.

    Screens hear of it through signals (published on the app's thread):

    - `stepped` (the `Change`): a step is shown, not yet on disk;
    - `pending` (how many shown steps are not on disk yet): the screens mark it;
    - `recorded` (the `Fact`): a change of this app is on disk;
    - `reloaded` (the `Board`): the board was read again (another process wrote).

    Other processes' writes arrive by inotify (else a once-a-second look at the state
    file's stamp) and cost one reload per burst.
    """

    def __init__(self, app: App[Any], store: Store, writer: StoreWriter) -> None:
        self.app, self.store, self.writer = app, store, writer
        self.desk = writer.desk
        self.board = Board()
        """What the screens show: the board on disk, with the steps still being saved."""
        self.saving = 0
        """Steps shown and not yet on disk."""
        self.stepped: Signal[Change] = Signal(app, "stepped")
        self.pending: Signal[int] = Signal(app, "pending")
        self.recorded: Signal[Fact] = Signal(app, "recorded")
        self.reloaded: Signal[Board] = Signal(app, "reloaded")
        self._watch = FolderWatch(store.folder, self._files_changed)
        self._following = False
        self._seen: Stamp | None = None
        self._disk = Board()
        """The board last seen on disk (read, or a save confirmed): only its session is kept."""
        self._kept_at: object = _UNTRIED  # the version a keep was last tried on
        self._told: Stamp | None = None  # the damaged version last told of
        self._reload_timer: Timer | None = None
        self._stale = False  # another process wrote while saves were queued
        self._loop: asyncio.AbstractEventLoop | None = None
        self._told_busy = False  # since the last save that landed

    def follow(self) -> None:
        """Read the board, then follow other processes' writes (once; later calls do nothing).

        The watch starts after the next frame: nothing can change in between that the
        first look at the stamp will not catch.
        """
        if self._following:
            return
        self._following = True
        self._loop = asyncio.get_running_loop()
        # The first frame needs the next action and the timer; with many open items (5,000
        # are 60 ms to read) the others come right after it, a few at once.
        self.reload(focus=True)
        if self.board.unseen <= FIRST_FRAME_ITEMS:
            self.reload()
        self.app.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self.board.unseen and self.saving:  # a key pressed already: read all once
            self._stale = True  # its save has landed
        elif self.board.unseen:
            self.reload()
        self._start_watching()

    def _start_watching(self) -> None:
        if not self._watch.start(asyncio.get_running_loop()):
            self.app.set_interval(1.0, self.reload_if_changed)  # no inotify: poll the stamp
        self.reload_if_changed()  # a write between the first read and the watch

    def close(self) -> None:
        """Stop watching the folder (the app is closing)."""
        self._watch.close(asyncio.get_running_loop())

    def reload(self, *, focus: bool = False) -> None:
        """Read the board as it is on disk now, and tell the screens; with `focus`, of the
        open items only the next action (the others are counted in `Board.unseen`)."""
        stamp = self.store.stamp()
        read = False
        try:
            self.board = self.store.focus() if focus else self.store.board()
            self._seen, read = stamp, True  # only a version actually read counts as seen
        except ExecGapError as error:  # a damaged file: say so; the next save repairs it
            if stamp != self._told:  # once for each version of the file
                self.app.notify(str(error), severity="error", timeout=30, markup=False)
            self._told = stamp
        self.reloaded.publish(self.board)
        self._tell(self.store.notices)
        self.store.notices.clear()
        if read and stamp != self._kept_at:  # a keep that failed is not tried again on it
            self._keep(self._disk, stamp)

    def _keep(self, seen: Board, stamp: Stamp | None) -> None:
        """Save again the session last seen on disk here, if the board just read lost it
        without its being finished anywhere (another process set the state file aside).

        Never one only shown (a start not saved yet, or refused, or whose save failed).
        """
        self._disk = self.board
        held = seen.running
        if held is None or (self.board.running and self.board.running.id == held.id):
            return
        try:
            step = self.desk.keep_lost(seen, self.board)
        except ExecGapError as error:  # the history cannot be read: not known, not kept
            self.app.notify(str(error), severity="error", markup=False)
            return
        if step is not None:
            self._disk, self._kept_at = seen, stamp  # a later version may still bring it back
            self.save(step)  # its fact (SessionKept) tells the user, once it is on disk

    def reload_if_changed(self) -> None:
        """Reload when another process has replaced the state file since we last saw it.

        While our own saves are queued, their confirmation tells (and reloads) instead.
        """
        if not self.saving and self.store.stamp() != self._seen:
            self.reload()

    def save(self, step: Callable[[Board], Change]) -> bool:
        """Show `step` at once, then save it; False if the step was refused (and said why).

        Steps are pure: on disk the same step gives the same result, unless another process
        wrote in between (then the board is read again once every save has landed).
        """
        try:
            change = step(self.board)
        except ExecGapError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return False
        # Queued before it is shown: a save that showing it sets off (a nudge) comes after.
        self.saving += 1
        self.app.run_worker(self._confirm(self.writer.apply(step)), group="save")
        self.board = change.board
        self.stepped.publish(change)
        self.pending.publish(self.saving)
        return True

    async def _confirm(self, saving: Awaitable[Saved | None]) -> None:
        """Once the queued saves are on disk, reload if anyone else wrote in between."""
        fact: Fact | None = None
        try:
            saved = await saving
            if saved is None:  # closing, and the lock still held: counted, told at exit
                return
            self._told_busy = False
            # Another process wrote between our saves, or the store repaired a damaged file.
            self._stale |= saved.before != self._seen or bool(saved.notices)
            self._seen = saved.after
            if not self._stale:  # else what it was applied to is unknown: the reload tells
                self._disk = saved.change.board
            self._tell(saved.notices)
            fact = saved.change.fact
        except ExecGapError as error:
            self._tell(error.notices)  # what the refused save set aside, first
            self.app.notify(str(error), severity="error", markup=False)
            self._stale = True  # what is shown was not saved: show what is on disk
        finally:
            self.saving -= 1
        if fact is not None:
            self.recorded.publish(fact)
        if not self.saving and self._stale:
            self._stale = False
            self.reload()
        self.pending.publish(self.saving)

    def busy(self) -> None:
        """A save found the lock held too long and tries again (from the writer's thread)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._tell_busy)

    def _tell_busy(self) -> None:
        if not self._told_busy:  # once until a save lands
            self._told_busy = True
            self.app.notify(BUSY, severity="warning", timeout=20, markup=False)

    def _tell(self, notices: tuple[str, ...] | list[str]) -> None:
        for notice in notices:  # a damaged file set aside: where it went
            self.app.notify(notice, severity="error", timeout=60, markup=False)

    def _files_changed(self, names: set[str]) -> None:
        # A burst of writes (a script calling execgap plan in a loop) costs one reload.
        if self.store.state_path.name in names and self._reload_timer is None:
            self._reload_timer = self.app.set_timer(RELOAD_DELAY_S, self._reload_soon)

    def _reload_soon(self) -> None:
        self._reload_timer = None
        self.reload_if_changed()


def kept_message(fact: SessionKept, clock: Clock) -> str:
    """What the user is told of a session the app showed and saved again (`SessionKept`)."""
    text = visible(fact.session.action_text)
    why = "another execgap set the damaged state file aside and started a fresh one"
    if fact.ended is None:
        return f"The session “{text}” running here was kept: {why}."
    at = f"{clock.local(fact.ended.ended_at):%H:%M}"
    if fact.ended.id != fact.session.id:  # the other began first: it was stopped
        other = visible(fact.ended.action_text)
        stopped = f"“{other}”, begun before it, was logged as stopped at {at}"
        return f"The session “{text}” running here was kept and {stopped}: {why}."
    stopped = f"was logged as stopped at {at}, when another began"
    return f"The session “{text}” running here {stopped}: {why}."
