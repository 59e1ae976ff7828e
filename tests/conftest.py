"""Shared fixtures: a frozen clock, a real store in a temp folder, the app built from both."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from execgap_tui.core.clock import FakeClock
from execgap_tui.store.folder import Store

T0 = datetime(2026, 11, 24, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")
