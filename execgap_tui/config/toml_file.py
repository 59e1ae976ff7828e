"""config.toml as a file: read only if it is one, and its keys and values quoted safely.

A config file is a few lines of text; what stands in its place (a folder, a FIFO, /dev/zero,
a huge file, keys and values written to act on a terminal) gets one line, not a hang.
"""

from __future__ import annotations

import json
import os
import stat

from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.text import json_safe, shown

MAX_BYTES = 1 << 20
"""A config file is a few lines: a larger one is not one (or is /dev/zero), and is not read."""


class SettingsError(ExecGapError):
    """config.toml cannot be used as it is."""


def config_text(path: str) -> str:
    """Return the text of the file at `path`, checked to be a file before it is read.

    A FIFO would wait for a writer forever and /dev/zero never ends: opened without
    waiting, anything but a regular file is refused, and at most `MAX_BYTES` are read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise SettingsError(f"{path}: not readable ({error.strerror}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SettingsError(f"{path} is a folder: name the config file itself.")
        if not stat.S_ISREG(mode):
            raise SettingsError(f"{path} is not a file (a device, a pipe or a socket).")
        with open(fd, "rb", closefd=False) as file:
            data = file.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise SettingsError(f"{path} is over {MAX_BYTES >> 20} MiB: not a config file.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SettingsError(f"{path}: not UTF-8 text (byte {error.start + 1}).") from None


def toml_text(value: object, cells: int = 60) -> str:
    """Return `value` as TOML writes it (true, "2m", 5), safe to print, cut to `cells`."""
    try:
        text = json.dumps(value, default=str, ensure_ascii=False)
    except RecursionError:
        text = f"({'a table' if isinstance(value, dict) else 'an array'} nested too deeply)"
    return shown(json_safe(text), cells)


def key_text(key: str) -> str:
    """Return a key as TOML would write it: bare, or quoted when it has other characters."""
    bare = key.replace("_", "").replace("-", "")
    return key if bare.isascii() and bare.isalnum() else toml_text(key)


def either(choices: tuple[tuple[object, object], ...]) -> str:
    """Return the allowed values of `choices` as words: 'true, false or "auto"'."""
    *rest, last = [toml_text(given) for given, _ in choices]
    return f"{', '.join(rest)} or {last}" if rest else last
