"""A screen that shows the open board and keeps it in step with the data folder."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from execgap_tui.actions.writer import StoreWriter
from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.model import Nudge
from execgap_tui.store.folder import Saved, Stamp, Store
from execgap_tui.store.watch import FolderWatch

RELOAD_DELAY_S = 0.2
"""How long to gather other processes' writes before one reload."""


class BoardScreen(Screen[None]):
    """Shows each step at once and saves it on the writer's thread; follows other writers.

    Other processes' writes arrive by inotify (else a once-a-second look at the state
    file's stamp) and cost one reload per burst. Subclasses show the board in `watch_board`
    and hear of the rest through `reloaded`, `saving` and `settled`.
    """

    board: reactive[Board] = reactive(Board, init=False, always_update=True)

    def __init__(self, store: Store, writer: StoreWriter) -> None:
        super().__init__()
        self.store = store
        self.writer = writer
        self._watch = FolderWatch(store.folder, self._files_changed)
        self._seen: Stamp | None = None
        self._told: Stamp | None = None  # the damaged version last told of
        self._reload_timer: Timer | None = None
        self._pending = 0  # saves queued and not yet confirmed
        self._stale = False  # another process wrote while saves were queued

    def follow_the_folder(self) -> None:
        """Read the board, then follow other processes' writes (call from on_mount).

        The watch starts after the first frame: nothing can change in between that the
        first look at the stamp will not catch.
        """
        self.reload()
        self.call_after_refresh(self._start_watching)

    def _start_watching(self) -> None:
        if not self._watch.start(asyncio.get_running_loop()):
            self.set_interval(1.0, self.reload_if_changed)  # no inotify here: poll the stamp
        self.reload_if_changed()  # a write between the first read and the watch

    def on_unmount(self) -> None:
        self._watch.close(asyncio.get_running_loop())

    def reload(self) -> None:
        """Read the board as it is on disk now."""
        stamp = self.store.stamp()
        try:
            self.board = self.store.board()
            self._seen = stamp  # only a version actually read counts as seen
        except ExecGapError as error:  # a damaged file: say so; the next save repairs it
            if stamp != self._told:  # once for each version of the file
                self.notify(str(error), severity="error", timeout=30, markup=False)
            self._told = stamp
        self.reloaded()
        self.tell_notices()

    def reloaded(self) -> None:
        """Called after each reload: read what else the screen shows from disk."""

    def saving(self, change: Change) -> None:
        """Called when a step is shown, before it is saved."""

    def nudged(self, nudge: Nudge) -> None:
        """Called when a saved change recorded a nudge as sent: now is the time to tell it."""

    def settled(self) -> None:
        """Called when every queued save is on disk and nothing needed a reload."""

    def tell_notices(self) -> None:
        """Show what the store must tell the user (a damaged file set aside), once."""
        while self.store.notices:
            notice = self.store.notices.pop(0)
            self.notify(notice, severity="error", timeout=60, markup=False)

    def reload_if_changed(self) -> None:
        """Reload when another process has replaced the state file since we last saw it.

        While our own saves are queued, their confirmation tells (and reloads) instead.
        """
        stamp = self.store.stamp()
        if not self._pending and stamp != self._seen:
            self.reload()

    def save(self, step: Callable[[Board], Change]) -> bool:
        """Show `step` at once, then save it; False if the step was refused (and said why).

        Keys are judged on the board as it will be.
        """
        try:
            change = step(self.board)  # steps are pure: on disk the same step gives the same
        except ExecGapError as error:
            self.notify(str(error), severity="warning", markup=False)
            return False
        # Queued before it is shown: a save that showing it sets off (a nudge) comes after.
        self._pending += 1
        self.run_worker(self._confirm(self.writer.apply(step)), group="save")
        self.board = change.board
        self.saving(change)
        return True

    async def _confirm(self, saving: Awaitable[Saved]) -> None:
        """Once the queued saves are on disk, reload if anyone else wrote in between."""
        try:
            saved = await saving
            # Another process wrote between our saves, or the store repaired a damaged file.
            self._stale |= saved.before != self._seen or bool(saved.notices)
            self._seen = saved.after
            for notice in saved.notices:
                self.notify(notice, severity="error", timeout=60, markup=False)
            if saved.change.nudge is not None:
                self.nudged(saved.change.nudge)
        except ExecGapError as error:
            self.notify(str(error), severity="error", markup=False)
            self._stale = True  # what is shown was not saved: show what is on disk
        finally:
            self._pending -= 1
        if not self._pending and self._stale:
            self._stale = False
            self.reload()
        elif not self._pending:
            self.settled()
        self.tell_notices()

    def _files_changed(self, names: set[str]) -> None:
        # A burst of writes (a script calling execgap plan in a loop) costs one reload.
        if self.store.state_path.name in names and self._reload_timer is None:
            self._reload_timer = self.set_timer(RELOAD_DELAY_S, self._reload_soon)

    def _reload_soon(self) -> None:
        self._reload_timer = None
        self.reload_if_changed()
