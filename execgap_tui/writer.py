"""Saving off the UI thread: changes go to the store on one thread, in the order asked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from execgap_tui.core.board import Board, Change
from execgap_tui.storage import Store


class StoreWriter:
    """Applies board steps on a single background thread (fsync never blocks the UI)."""

    def __init__(self, store: Store) -> None:
        """Write through `store`."""
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="execgap-writer")

    def apply(self, step: Callable[[Board], Change]) -> asyncio.Future[Change]:
        """Queue `step` now (steps run in the order queued); await the result for the change.

        Domain errors come back raised from the await. Call it from the event loop.
        """
        return asyncio.wrap_future(self._executor.submit(self.store.apply, step))

    def close(self) -> None:
        """Finish every write that was asked for, then stop the thread."""
        self._executor.shutdown(wait=True)
