"""Where execgap keeps its data and its config. Nothing here touches the disk.

Paths are strings here: `pathlib` would cost `execgap status` 3 ms to import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

APP_NAME = "execgap"
HOME_VARIABLE = "EXECGAP_HOME"
CONFIG_VARIABLE = "EXECGAP_CONFIG"


def data_folder(override: str | None, environ: Mapping[str, str]) -> str:
    """Return the data folder: `--data-dir`, else `$EXECGAP_HOME`, else the user data folder.

    Args:
        override: the `--data-dir` argument, if given.
        environ: the process environment.
    """
    chosen = override or environ.get(HOME_VARIABLE)
    if chosen:
        chosen = os.path.expanduser(chosen)  # made absolute, with any `..` left as it is
        return chosen if os.path.isabs(chosen) else os.path.join(os.getcwd(), chosen)
    return _xdg_folder(environ, "XDG_DATA_HOME", ".local/share") or _platformdirs("data")


def config_folder(environ: Mapping[str, str]) -> str:
    """Return the user config folder, where config.toml lives unless `$EXECGAP_CONFIG` says."""
    return _xdg_folder(environ, "XDG_CONFIG_HOME", ".config") or _platformdirs("config")


def _xdg_folder(environ: Mapping[str, str], variable: str, under_home: str) -> str | None:
    """Return the folder platformdirs would give on Linux, or None to ask platformdirs.

    Worked out here because importing platformdirs costs every `execgap status` 7 ms (it
    loads tempfile, shutil and random). Like platformdirs, a relative XDG variable is
    ignored; a missing or relative $HOME, or another system, is left to platformdirs.
    `tests/test_paths.py` holds the two side by side.
    """
    if sys.platform != "linux" or "ANDROID_DATA" in environ:
        return None
    base, home = environ.get(variable, ""), environ.get("HOME", "")
    if os.path.isabs(base):
        return os.path.join(base, APP_NAME)
    if os.path.isabs(home):
        return os.path.join(home, under_home, APP_NAME)
    return None


def _platformdirs(kind: str) -> str:
    import platformdirs  # the fallback, off Linux

    if kind == "data":
        return platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return platformdirs.user_config_dir(APP_NAME, appauthor=False)
