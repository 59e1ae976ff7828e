"""A nudge as a real desktop notification: the installed app in tmux, a real bus, dunst."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, desktop_session
from tests.e2e.tmux import Pane

pytestmark = pytest.mark.e2e


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    with desktop_session() as session:
        yield session


def plan(data: Path, *texts: str) -> None:
    for text in texts:
        subprocess.run(
            [sys.executable, "-m", "execgap_tui", "--data-dir", str(data), "plan", text],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip


def test_planning_ahead_sends_one_desktop_notification_per_cooldown(
    execgap: Path, panes: list[Pane], tmp_path: Path, desktop: Desktop
) -> None:
    data = tmp_path / "data"
    pane = Pane([str(execgap), "--data-dir", str(data)], 80, 24,
                env={**desktop.env, "EXECGAP_CONFIG": str(tmp_path / "none.toml")})  # fmt: skip
    panes.append(pane)
    pane.wait_for("READY")
    plan(data, "Book flights", "Email the landlord", "Fix the bike", "Call Ana")
    deadline = time.monotonic() + 5
    while not desktop.notify_calls() and time.monotonic() < deadline:
        time.sleep(0.05)
    [call] = desktop.notify_calls()
    assert '"execgap"' in call and '"Planning is ahead of doing"' in call
    assert "Start “" in call and "for just 2 minutes." in call
    pane.wait_for("Planning is ahead of doing")  # the toast, in the app too

    plan(data, "Read the lease", "Renew the passport", "Sort the photos")  # in the cooldown
    time.sleep(3)
    assert len(desktop.notify_calls()) == 1
    pane.keys("q")
    pane.wait_exit()


def test_with_no_dbus_the_nudge_is_a_toast_and_the_bell(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    no_bus = {"DBUS_SESSION_BUS_ADDRESS": None, "XDG_RUNTIME_DIR": str(tmp_path), "DISPLAY": None,
              "EXECGAP_CONFIG": str(tmp_path / "none.toml")}  # fmt: skip
    pane = Pane([str(execgap), "--data-dir", str(data)], 80, 24, env=no_bus)
    panes.append(pane)
    pane.wait_for("READY")
    plan(data, "Book flights", "Email the landlord", "Fix the bike")
    pane.wait_for("Planning is ahead of doing")
    pane.wait_for("Desktop notifications are off here")
    assert pane.bell_rang()
    pane.keys("n")
    pane.wait_for("enter save")  # the app still answers
    pane.keys("Escape")
    screen = pane.wait_for("READY")
    assert "Traceback" not in screen
