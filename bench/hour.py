"""Memory over a real hour with a session running, side by side with the yardstick.

    python bench/hour.py [--minutes 60] [--every 60] [--items 0]

Two programs run at once, each in its own real tmux pane (100x30), for the same window of
wall-clock time (no simulated clock: the session's timer really ticks once a second):

- the yardstick, a minimal Textual app redrawing a label once a second;
- execgap with a session running (and `--items` open plan items).

Resident memory (VmRSS) is read from /proc every `--every` seconds after a minute's
warm-up. The budget: execgap grows no more than the yardstick over the window, within one
256 KiB step of noise (the allocator returns memory in such steps).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import many_items_folder, rss_mib  # noqa: E402
from tests.e2e.tmux import Pane  # noqa: E402

WARM_UP_S = 60
NOISE_MIB = 0.25


def measure(minutes: float, every: float, items: int) -> dict[str, list[tuple[float, float]]]:
    """Run both programs and return each one's (seconds since the warm-up, MiB) samples."""
    python, execgap = sys.executable, str(Path(sys.executable).parent / "execgap")
    programs = {
        "minimal app, label 1/s": [python, str(ROOT / "bench" / "minimal_app.py"), "--tick"],
        "execgap, session running": [execgap, "--data-dir", str(many_items_folder(items, True))],
    }
    panes = {name: Pane(command, 100, 30) for name, command in programs.items()}
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    try:
        time.sleep(WARM_UP_S)
        pids = {name: pane.pid() for name, pane in panes.items()}
        start = time.monotonic()
        while True:
            elapsed = time.monotonic() - start
            for name, pid in pids.items():
                samples[name].append((elapsed, rss_mib(pid)))
            if elapsed >= minutes * 60:
                break
            time.sleep(min(every, minutes * 60 - elapsed))
        if "▶ now" not in panes["execgap, session running"].screen():
            raise RuntimeError("execgap showed no running session: the window measured nothing")
    finally:
        for pane in panes.values():
            pane.close()
    return samples


def growth(series: list[tuple[float, float]]) -> float:
    """MiB from the first sample to the last."""
    return series[-1][1] - series[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="the window (real time)")
    parser.add_argument("--every", type=float, default=60.0, help="seconds between samples")
    parser.add_argument("--items", type=int, default=0, help="open plan items in execgap's")
    args = parser.parse_args()
    samples = measure(args.minutes, args.every, args.items)
    names = list(samples)
    print(f"{'minute':>7} " + " ".join(f"{name:>26}" for name in names))
    for row in zip(*(samples[name] for name in names), strict=True):
        print(f"{row[0][0] / 60:7.1f} " + " ".join(f"{mib:26.2f}" for _, mib in row))
    yard, ours = (growth(samples[name]) for name in names)
    verdict = "PASS" if ours <= yard + NOISE_MIB else "MISS"
    print(f"growth over {args.minutes:g} min: execgap {ours:+.2f} MiB, yardstick {yard:+.2f} MiB"
          f" (budget: no more than the yardstick, +{NOISE_MIB} MiB noise) {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
