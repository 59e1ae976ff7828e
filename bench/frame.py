"""Time to first frame in a real tmux pane (100x30), against a minimal Textual app.

Each pane starts a shell that waits; the clock starts as Enter lets it exec the program and
stops when the program's first screen is visible (capture-pane, polled). Both programs are
measured the same way, alternately, so the tmux polling cost is in both.

    python bench/frame.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import many_items_folder, seeded_folder  # noqa: E402
from tests.e2e.tmux import Pane  # noqa: E402

WAITING = ["sh", "-c", 'read _ && exec "$@"', "sh"]
"""Runs the program only once Enter is pressed, so tmux's own start is not timed."""


def first_frame_ms(command: list[str], shown: Callable[[str], bool]) -> float:
    """Return milliseconds from Enter to the first screen on which `shown` holds."""
    pane = Pane([*WAITING, *command], 100, 30)
    try:
        time.sleep(0.3)  # the shell is waiting at `read`
        began = time.perf_counter()
        pane.keys("Enter")
        while not shown(pane.screen()):
            if time.perf_counter() - began > 20:
                raise RuntimeError(f"no first frame from {command[-1]} in 20 s")
            time.sleep(0.002)
        return 1000 * (time.perf_counter() - began)
    finally:
        pane.close()


def measure(runs: int, items: int = 0) -> tuple[float, float, float]:
    """Return the median first frame (ms) of the minimal app and of execgap, run alternately,
    and the median of each pair's ratio (a pair runs within two seconds, so a machine that
    slows down or speeds up between pairs moves both sides of the ratio alike). With
    `items`, execgap opens that many open plan items."""
    minimal = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    execgap = [str(Path(sys.executable).parent / "execgap"), "--data-dir",
               str(many_items_folder(items, False) if items else seeded_folder(False))]  # fmt: skip
    yardstick: list[float] = []
    ours: list[float] = []
    for _ in range(runs):
        yardstick.append(first_frame_ms(minimal, lambda screen: screen.startswith("0")))
        ours.append(first_frame_ms(execgap, lambda screen: "Next action" in screen))
    ratio = statistics.median(o / y for o, y in zip(ours, yardstick, strict=True))
    return statistics.median(yardstick), statistics.median(ours), ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--items", type=int, default=0, help="open plan items in execgap's")
    args = parser.parse_args()
    minimal, ours, ratio = measure(args.runs, args.items)
    print(f"minimal app {minimal:6.0f} ms, execgap {ours:6.0f} ms: {ratio:5.3f}x (median of pairs)")


if __name__ == "__main__":
    main()
