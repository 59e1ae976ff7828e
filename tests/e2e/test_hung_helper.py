"""A notification helper that never returns must not hold the app: the installed app in
tmux, with a `notify-send` on PATH that hangs (as one did, waiting on a stuck daemon)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.tmux import Pane


def test_quitting_does_not_wait_for_a_hung_notify_send(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    tools, data, started = tmp_path / "bin", tmp_path / "data", tmp_path / "started"
    tools.mkdir()
    for name in ("notify-send", "dbus-send"):  # dbus-send: the daemon check says "it answers"
        hang = "sleep 300" if name == "notify-send" else "echo 'boolean true'"
        script = tools / name
        script.write_text(f"#!/bin/sh\necho $$ >> '{started}'\n{hang}\n")
        script.chmod(0o755)
    env = {"PATH": f"{tools}:{os.environ['PATH']}", "EXECGAP_CONFIG": str(tmp_path / "none.toml"),
           "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}  # fmt: skip
    command = f"'{execgap}' --data-dir '{data}'; echo EXIT=$?; sleep 60"
    pane = Pane(["sh", "-c", command], 80, 24, env=env)
    panes.append(pane)
    pane.wait_for("READY")
    for text in ("Book flights", "Email the landlord", "Fix the bike", "Call Ana"):
        subprocess.run([sys.executable, "-m", "execgap_tui", "--data-dir", str(data), "plan",
                        text], check=True, capture_output=True, timeout=30)  # fmt: skip
    pane.wait_for("Planning is ahead of doing")  # the toast: the nudge fired
    pane.wait(lambda _: started.exists() and len(started.read_text().split()) >= 2,
              "notify-send to be started (after the daemon check)")  # fmt: skip
    pane.keys("q")
    pane.wait_for("EXIT=0")  # it waited for the helper: 27 s for one, forever for this one
