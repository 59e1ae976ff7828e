"""Shared fixtures: a frozen clock, a real store in a temp folder, the app built from both."""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store

T0 = datetime(2026, 11, 24, 9, 0, 0, tzinfo=UTC)

USER_ENVIRONMENT = (
    "EXECGAP_HOME", "EXECGAP_CONFIG", "EXECGAP_DEBUG",  # the user's own execgap
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
    "DBUS_SESSION_BUS_ADDRESS",  # a nudge in a test must not reach the user's desktop
    "TZ", "LC_ALL", "LC_CTYPE", "LANGUAGE", "NO_COLOR", "COLUMNS", "LINES",
    "TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_DEBUG", "TEXTUAL_COLOR_SYSTEM",
    "TMUX", "TERM_PROGRAM", "VTE_VERSION", "WT_SESSION", "ITERM_SESSION_ID", "WEZTERM_PANE",
)  # fmt: skip
"""What a developer's shell may set that changes what execgap does; no test may depend on it."""
for _name in USER_ENVIRONMENT:  # now, before Textual reads its settings at import
    os.environ.pop(_name, None)
os.environ["TZ"] = "UTC"  # not the machine's /etc/localtime: tests that set a zone say so
time.tzset()  # this process's local zone too, not only its children's


@pytest.fixture(autouse=True)
def no_user_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Run each test (and the processes it starts) as on a fresh machine: none of the user's
    settings, and the user's own data and config folders out of reach."""
    for name in USER_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    constants = sys.modules.get("textual.constants")  # a pytest plugin loaded it, and it
    if constants is not None:  # read TEXTUAL_DRIVER then
        monkeypatch.setattr(constants, "DRIVER", None)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")
