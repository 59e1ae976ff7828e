"""Where execgap keeps its data. Nothing here touches the disk."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

APP_NAME = "execgap"
HOME_VARIABLE = "EXECGAP_HOME"
CONFIG_VARIABLE = "EXECGAP_CONFIG"


def data_folder(override: str | None, environ: Mapping[str, str]) -> Path:
    """Return the data folder: `--data-dir`, else `$EXECGAP_HOME`, else the user data folder.

    Args:
        override: the `--data-dir` argument, if given.
        environ: the process environment.
    """
    chosen = override or environ.get(HOME_VARIABLE)
    if chosen:
        return Path(chosen).expanduser().absolute()
    from platformdirs import user_data_path  # 8 ms: only when no folder was named

    return user_data_path(APP_NAME, appauthor=False)
