"""A restore of a month file files each record where a save would: sessions in the month of
their start with a copy in each month they ran on into, closed items in their own month.

Real files, as the rest of tests/store.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from execgap_tui.store.folder import Store
from execgap_tui.store.restore import restore
from tests.store.test_long_sessions import run

NOV_30 = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
DEC_1 = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_session_restored_into_its_month_reaches_the_months_it_ran_on_into(
    store: Store, tmp_path: Path
) -> None:
    run(store, NOV_30, NOV_30 + timedelta(hours=8), "over")  # to 1 December, 04:00
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(store.history_folder / "2026-11.json", backup / "2026-11.json")
    for month in store.history_folder.glob("*.json"):
        month.unlink()  # both lost
    run(store, DEC_1 + timedelta(days=1), DEC_1 + timedelta(days=1, hours=1), "later")
    done = restore(store, str(backup / "2026-11.json"))
    assert done.sessions == 1
    [over] = store.sessions_during(DEC_1, DEC_1 + timedelta(days=1))
    assert over.id == "over"  # in December's review: a copy in its carried table
    assert [s.id for s in store.sessions_between(None, None)] == ["over", "later"]
    kept = sorted(path.name for path in store.history_folder.glob("*.before-restore-*"))
    assert kept == ["2026-12.json.before-restore-1"]  # every file written, kept as it was


def test_a_copy_saved_under_another_months_name_files_its_records_in_their_own(
    store: Store, tmp_path: Path
) -> None:
    run(store, DEC_1 + timedelta(hours=9), DEC_1 + timedelta(hours=10), "one")
    run(store, DEC_1 + timedelta(hours=11), DEC_1 + timedelta(hours=12), "two")
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(store.history_folder / "2026-12.json", backup / "2026-11.json")  # misnamed
    done = restore(store, str(backup / "2026-11.json"))
    assert (done.sessions, done.closed) == (0, 0)  # all of it is in December's file already
    assert [s.id for s in store.sessions_between(None, None)] == ["one", "two"]
    assert not (store.history_folder / "2026-11.json").exists()
