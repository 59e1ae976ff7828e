"""The data and config folders are where platformdirs puts them, without importing it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from execgap_tui.config.paths import config_folder, data_folder

ENVIRONMENTS = [
    {"HOME": "/home/ada"},
    {"HOME": "/home/ada/"},
    {"HOME": "/"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/conf/"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "relative", "XDG_CONFIG_HOME": "~/conf"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": " "},
    {"HOME": "", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/conf"},
    {"HOME": "relative"},
    {},
]


@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=repr)
def test_the_folders_match_platformdirs(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert data_folder(None, os.environ) == platformdirs.user_data_dir("execgap", False)
    assert config_folder(os.environ) == platformdirs.user_config_dir("execgap", False)


def test_a_named_folder_wins(tmp_path: Path) -> None:
    environ = {"HOME": "/home/ada", "EXECGAP_HOME": str(tmp_path / "home")}
    assert data_folder(str(tmp_path / "flag"), environ) == str(tmp_path / "flag")
    assert data_folder(None, environ) == str(tmp_path / "home")
    assert data_folder("~/x/../y", environ) == os.path.expanduser("~/x/../y")  # as Path did
    assert data_folder("rel", environ) == os.path.join(os.getcwd(), "rel")
