"""A restore of the state file from a backup: what ended since does not come back.

Real files, as the rest of tests/store.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from functools import partial
from pathlib import Path

from execgap_tui.core import board as steps
from execgap_tui.core.clock import SystemClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store
from execgap_tui.store.restore import restore


def test_tomorrows_action_taken_and_done_since_does_not_come_back(
    store: Store, tmp_path: Path
) -> None:
    now = SystemClock().now()  # the saves mark their records with the system's time
    written, due = now - timedelta(days=2), now - timedelta(days=1)
    store.apply(partial(steps.write_tomorrow, text="Open the draft", now=written, due_at=due))
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(store.state_path, backup / "state.json")
    taken = due + timedelta(hours=1)
    store.apply(partial(steps.take_tomorrow, now=taken, new_id="a1"))
    store.apply(partial(steps.start, now=taken, new_id="s1"))
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=taken + timedelta(minutes=5)))
    done = restore(store, str(backup / "state.json"))
    assert store.board().tomorrow is None and not done.merged.tomorrow
    assert not done.changed
