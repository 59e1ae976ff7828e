"""CPU while open, as ratios to minimal Textual apps measured side by side in the same run.

Each program runs in its own real tmux pane (100x30). After a warm-up, utime+stime is read
from /proc/PID/stat at the start and end of the window.

    python bench/cpu.py [--window SECONDS]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from execgap_tui.core import board as steps  # noqa: E402
from execgap_tui.core.board import Change  # noqa: E402
from execgap_tui.core.model import PlanItem  # noqa: E402
from execgap_tui.store.files import Document, write_atomic  # noqa: E402
from execgap_tui.store.folder import Store  # noqa: E402
from execgap_tui.store.records import APP, SCHEMA, to_doc  # noqa: E402
from tests.e2e.tmux import Pane  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """Return CPU time used so far: utime+stime, in 10 ms ticks (as `ps` and `top` see it)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def run_ns(pid: int) -> tuple[int, int]:
    """Return (nanoseconds on a CPU, times scheduled in) summed over every thread."""
    on_cpu = slices = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        fields = (task / "schedstat").read_text().split()
        on_cpu, slices = on_cpu + int(fields[0]), slices + int(fields[2])
    return on_cpu, slices


def seeded_folder(running: bool) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="eg-bench-"))
    store = Store.open(folder)
    now = datetime.now(UTC)
    store.apply(partial(steps.add_plan, text="Book flights", now=now, new_id="p1"))
    store.apply(partial(steps.write_next, text="Draft the intro", now=now, new_id="a1"))
    if running:
        store.apply(partial(steps.start, now=now, new_id="s1"))
    return folder


def many_items_folder(items: int, running: bool) -> Path:
    """A data folder with `items` open plan items, the newest the next action (running)."""
    folder = Path(tempfile.mkdtemp(prefix="eg-hour-"))
    (folder / "history").mkdir()
    now = datetime.now(UTC)
    plan = [
        PlanItem(f"{n:032x}", f"Plan item number {n}, a few words long", now - timedelta(minutes=n))
        for n in range(max(1, items))
    ]
    first = plan[0]._replace(promoted_at=now, started_at=now)
    plan[0] = first
    session = {
        "id": "5" * 32, "action_id": first.id, "action_text": first.text,
        "started_at": now.isoformat(), "start_timer_s": 120,
    }  # fmt: skip
    current: Document = {
        "next_id": first.id, "running": session if running else None, "recent": [],
        "tomorrow": None, "tomorrow_at": None, "nudged_at": None, "told_waiting": None,
    }  # fmt: skip
    data = {
        "meta": {"1": {"app": APP, "schema": SCHEMA}},
        "items": {str(n + 1): to_doc(item) for n, item in enumerate(plan)},
        "current": {"1": current},
    }
    write_atomic(folder / "state.json", data)
    # Written as version 1 kept them, quickly; a save moves them to plan/, as for a user.
    Store.open(folder).apply(Change)
    return folder


@dataclass
class Usage:
    """One program's share of a core over the window, its wakeups and its memory."""

    share: float
    """Percent of one core (scheduler nanoseconds, all threads)."""
    ticks: float
    """Percent of one core from utime+stime in /proc/PID/stat (10 ms ticks)."""
    wakeups: float
    rss_before_mib: float
    rss_after_mib: float


def rss_mib(pid: int) -> float:
    """Return the resident memory of `pid` in MiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(window: float) -> dict[str, Usage]:
    """Run the four programs side by side in tmux panes and measure `window` seconds."""
    python, execgap = sys.executable, str(Path(sys.executable).parent / "execgap")
    minimal = str(ROOT / "bench" / "minimal_app.py")
    programs = {
        "minimal app, idle": [python, minimal],
        "minimal app, label 1/s": [python, minimal, "--tick"],
        "execgap, no session": [execgap, "--data-dir", str(seeded_folder(False))],
        "execgap, session running": [execgap, "--data-dir", str(seeded_folder(True))],
    }
    panes = {name: Pane(command, 100, 30) for name, command in programs.items()}
    try:
        time.sleep(5)  # start-up and first frame are not part of the window
        pids = {name: pane.pid() for name, pane in panes.items()}
        before = {
            name: (cpu_seconds(pid), *run_ns(pid), rss_mib(pid)) for name, pid in pids.items()
        }
        time.sleep(window)
        after = {name: (cpu_seconds(pid), *run_ns(pid), rss_mib(pid)) for name, pid in pids.items()}
    finally:
        for pane in panes.values():
            pane.close()
    return {
        name: Usage(
            share=(after[name][1] - before[name][1]) / 1e7 / window,
            ticks=100 * (after[name][0] - before[name][0]) / window,
            wakeups=(after[name][2] - before[name][2]) / window,
            rss_before_mib=before[name][3],
            rss_after_mib=after[name][3],
        )
        for name in programs
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=60.0, help="seconds measured")
    args = parser.parse_args()
    usage = measure(args.window)
    print(f"{'':28} {'ticks %':>8} {'ns %':>8} {'wakeups/s':>10} {'RSS MiB':>8}")
    for name, use in usage.items():
        print(f"{name:28} {use.ticks:8.3f} {use.share:8.3f} {use.wakeups:10.1f} "
              f"{use.rss_after_mib:8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
