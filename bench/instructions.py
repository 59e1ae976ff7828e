"""Instructions from exec to the first frame, under callgrind: a figure that does not drift.

Wall-clock first frames on this machine move by 10% between runs of the same build, so a
change of 1-2% cannot be seen in them. Valgrind's callgrind counts the instructions each
program executes instead; the count repeats to about 0.1%, whatever else the machine does.
Each program runs in a real tmux pane (100x30), as in `frame.py`, and exits the moment
Textual writes its first frame. Needs valgrind (`apt-get install valgrind`).

    python bench/instructions.py
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The measured process imports nothing more than its program does: the bench's own
# modules are imported in the parent only, inside the functions that use them.


def exit_at_first_frame() -> None:
    """Make this process end (with no clean-up) once Textual has written its first frame."""
    from textual.app import App

    display = App._display

    def displayed(self: App[object], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None:
            os._exit(0)

    App._display = displayed  # type: ignore[method-assign,assignment]


def child(which: str, folder: str) -> None:
    """Run one program with the hook (this script's `--child` mode, under valgrind)."""
    exit_at_first_frame()
    if which == "minimal":
        from bench.minimal_app import MinimalApp

        MinimalApp(False).run()
    else:
        from execgap_tui.cli.main import main

        main(["--data-dir", folder])


def instructions(which: str, folder: Path) -> int:
    """Return the instructions `which` executes from exec to its first frame."""
    from tests.e2e.tmux import Pane

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("bench/instructions.py needs valgrind: apt-get install valgrind")
    out = Path(tempfile.mkdtemp(prefix="eg-callgrind-")) / "out"
    command = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, __file__, "--child", which, str(folder)]  # fmt: skip
    pane = Pane(command, 100, 30, env={"PYTHONHASHSEED": "0"})
    try:
        deadline = time.monotonic() + 120
        while pane.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        pane.close()
    written = out.read_text() if out.exists() else ""  # nothing if it never reached a frame
    shutil.rmtree(out.parent, ignore_errors=True)
    found = re.search(r"^summary: (\d+)", written, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{which} did not reach its first frame under callgrind in 120 s")
    return int(found.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
        return
    from bench.cpu import seeded_folder

    folder = seeded_folder(False)
    minimal, ours = instructions("minimal", folder), instructions("execgap", folder)
    print(f"minimal app {minimal / 1e6:7.1f} M, execgap {ours / 1e6:7.1f} M "
          f"instructions to the first frame: {ours / minimal:5.3f}x")  # fmt: skip


if __name__ == "__main__":
    main()
