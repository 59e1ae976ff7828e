"""Saving off the UI thread: changes go to the store on one thread, in the order asked.

A lock held by another process longer than its timeout does not take a change back: the
writer tries again, keeping the order (later changes wait behind it), until the lock is
free or the app closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import TYPE_CHECKING

from execgap_tui.core.board import Board, Change
from execgap_tui.core.errors import StorageBusyError
from execgap_tui.store.folder import Saved

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from execgap_tui.actions.desk import Desk


class StoreWriter:
    """Performs board steps on a single background thread (fsync never blocks the UI)."""

    def __init__(self, desk: Desk, busy: Callable[[], None] = lambda: None) -> None:
        """Perform through `desk`: its listeners hear each fact once it is saved. `busy` is
        called (on the writer's thread, so it must not wait for the app's) each time a save
        found the lock held too long and will try again."""
        self.desk = desk
        self._busy = busy
        self._deadline: float | None = None
        """Set by `close`: when the last queued save must have the lock."""
        self.unsaved = 0
        """Changes that could not be saved when closing (the lock was still held)."""
        self._executor: ThreadPoolExecutor | None = None
        """Made at the first save: the app's first frame does not wait for it."""

    def apply(self, step: Callable[[Board], Change]) -> Awaitable[Saved | None]:
        """Queue `step` now (steps run in the order queued); await it for what was saved
        (None: the app closed while the lock was held, and it is counted in `unsaved`).

        Awaiting may be cancelled (the app quitting) without cancelling the write: every
        queued step is saved. Domain errors come back raised. Call it from the event loop.
        """
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(1, thread_name_prefix="execgap-writer")
        return asyncio.shield(asyncio.wrap_future(self._executor.submit(self._perform, step)))

    def _perform(self, step: Callable[[Board], Change]) -> Saved | None:
        while True:
            try:
                if self._deadline is not None:  # closing: what is left of one timeout
                    self.desk.store.lock_timeout_s = max(0.0, self._deadline - monotonic())
                return self.desk.perform(step)
            except StorageBusyError:
                if self._deadline is not None:  # closing: nobody waits for an answer
                    self.unsaved += 1
                    return None
                self._busy()

    def close(self) -> None:
        """Finish every write that was asked for, then stop the thread: all of them within
        one timeout of the lock from now, so a lock another process keeps holds the app's
        closing once, not once per change. What is still not saved then is counted in
        `unsaved` (the app says so after the terminal is back)."""
        self._deadline = monotonic() + self.desk.store.lock_timeout_s
        if self._executor is not None:
            self._executor.shutdown(wait=True)
