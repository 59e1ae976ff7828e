"""Fixtures for the end-to-end tests: the installed command, and tmux panes closed after."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Pane


@pytest.fixture
def execgap() -> Path:
    command = Path(sys.executable).parent / "execgap"
    if not command.exists():
        pytest.fail(f"{command} is missing: install the project (pip install -e '.[test]')")
    return command


@pytest.fixture
def panes() -> Iterator[list[Pane]]:
    opened: list[Pane] = []
    yield opened
    for pane in opened:
        pane.close()
