"""`kill -9` at random moments during writes: the data always loads, acknowledged writes stay."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from execgap_tui.store.folder import Store

RUNS = 200
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from functools import partial
    from pathlib import Path
    from execgap_tui.core import board as steps
    from execgap_tui.core.model import Outcome
    from execgap_tui.store.folder import Store

    store, me = Store.open(Path(sys.argv[1])), sys.argv[2]
    for n in range(10_000):
        now = datetime.now(UTC)
        store.apply(partial(steps.add_plan, text=f"item {n}", now=now, new_id=f"{me}p{n}"))
        print(f"item {me}p{n}", flush=True)
        if n % 3 == 0 and me == "a":  # one writer logs sessions, both fight for the lock
            store.apply(partial(steps.promote, item_id=f"{me}p{n}", now=now))
            store.apply(partial(steps.start, now=now, new_id=f"s{n}"))
            store.apply(partial(steps.finish, outcome=Outcome.STOPPED, now=now))
            print(f"session s{n}", flush=True)
    """
)


def kill_during_writes(folder: Path, seed: int) -> tuple[set[str], set[str]]:
    """Run two writers on one folder, kill -9 each at a random moment; return what they acked."""
    rng = random.Random(seed)
    Store.open(folder)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), me], stdout=subprocess.PIPE, text=True
        )
        for me in ("a", "b")
    ]
    acked: dict[str, set[str]] = {"item": set(), "session": set()}
    for proc in procs:
        assert proc.stdout is not None
        kind, ident = proc.stdout.readline().split()  # up and writing
        acked[kind].add(ident)
    for proc in procs:
        time.sleep(rng.uniform(0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
    for proc in procs:
        assert proc.stdout is not None
        for line in proc.stdout:  # what it acknowledged before the kill
            kind, ident = line.split()
            acked[kind].add(ident)
        proc.wait()
    return acked["item"], acked["session"]


def check_one(root: Path, seed: int) -> str | None:
    folder = root / f"run{seed}"
    items, sessions = kill_during_writes(folder, seed)
    store = Store.open(folder)
    if store.notices:
        return f"run {seed}: a file needed setting aside: {store.notices}"
    board_ids = {item.id for item in store.board().items}
    logged = {s.id for s in store.sessions_between(None, None)}
    missing_items = items - board_ids  # stopped sessions leave their items open
    missing_sessions = sessions - logged
    if missing_items or missing_sessions:
        return f"run {seed}: lost {sorted(missing_items)} {sorted(missing_sessions)}"
    leftovers = list(folder.rglob("*.tmp"))
    return f"run {seed}: stale temporary files {leftovers}" if leftovers else None


@pytest.mark.soak
def test_kill_9_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(lambda s: check_one(tmp_path, s), range(RUNS)) if p]
    assert problems == []
