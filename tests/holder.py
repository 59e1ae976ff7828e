"""Another process holding the data folder's lock, as a busy CLI writer would."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = textwrap.dedent(
    """
    import sys, time
    from execgap_tui.store.lock import hold
    with hold(sys.argv[1], timeout=10, poll=0.01):
        print("locked", flush=True)
        if sys.argv[2] == "line":
            sys.stdin.readline()
        else:
            time.sleep(float(sys.argv[2]))
    """
)


@contextmanager
def lock_held(folder: Path, seconds: float | None = 1.5) -> Iterator[subprocess.Popen[str]]:
    """Hold `folder`'s lock in another process for `seconds`, or (None) until `release`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder / ".lock"),
         "line" if seconds is None else str(seconds)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        yield holder
    finally:
        if holder.poll() is None:
            release(holder)


def release(holder: subprocess.Popen[str]) -> None:
    """Let go of the lock (a holder for some seconds keeps it for them), and wait for it."""
    assert holder.stdin is not None
    if not holder.stdin.closed:
        holder.stdin.write("\n")
        holder.stdin.close()
    holder.wait(timeout=30)
