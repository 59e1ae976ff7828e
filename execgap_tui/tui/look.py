"""How the app looks: the high-contrast theme, the remembered theme, when to draw in ASCII."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from textual.theme import Theme

from execgap_tui.core.errors import ExecGapError
from execgap_tui.store.files import read_text, write_text

THEME_FILE = "theme.json"
"""In the data folder: the theme last chosen from the command palette."""

HIGH_CONTRAST = Theme(
    name="execgap-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    warning="#FFFF00",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={"footer-key-foreground": "#FFFF00", "text-muted": "#FFFFFF"},
)
"""White on black, yellow and cyan accents; nothing dim."""


LOCALE_VARIABLES = ("LC_ALL", "LC_CTYPE", "LANG")
"""Where a C program's setlocale(LC_CTYPE, "") finds the locale: the first one set."""


def wants_ascii(setting: bool | None, environ: Mapping[str, str]) -> bool:
    """Return whether to draw in ASCII: as set, else when the locale is not UTF-8."""
    if setting is not None:
        return setting
    return not utf8_locale(environ)


def utf8_locale(environ: Mapping[str, str]) -> bool:
    """Return whether the locale `environ` names has UTF-8 characters, as the terminal
    programs around execgap (tmux, the shell) read it: LC_ALL, else LC_CTYPE, else LANG;
    none of them, C or POSIX is the C locale, which is ASCII.

    Not Python's stdout encoding: Python makes it UTF-8 in the C locale (PEP 538, 540).
    """
    name = next((environ[key] for key in LOCALE_VARIABLES if environ.get(key)), "C")
    codeset = name.partition(".")[2] or name  # "en_US.UTF-8", "C.utf8", macOS's "UTF-8"
    return codeset.partition("@")[0].lower().replace("-", "") == "utf8"


def launch_environ() -> Mapping[str, str]:
    """Return the environment execgap was started with.

    In the C locale Python sets LC_CTYPE=C.UTF-8 in `os.environ` as it starts (PEP 538),
    which would hide the locale the terminal is in; Linux keeps the environment as it was
    given in /proc/self/environ. Elsewhere, or where that cannot be read, `os.environ`.
    """
    try:
        with open("/proc/self/environ", "rb") as file:
            given = file.read()
    except OSError:
        return os.environ
    pairs = (entry.partition(b"=") for entry in given.split(b"\0") if b"=" in entry)
    return {os.fsdecode(name): os.fsdecode(value) for name, _, value in pairs}


def remembered_theme(path: Path) -> str | None:
    """Return the theme saved in `path`, if any (an unreadable file, a link, or a file
    that is not a theme's few bytes, is no theme)."""
    try:
        name = json.loads(read_text(path, limit=4096) or "{}").get("theme")
    except (ExecGapError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) else None


def remember_theme(path: Path, name: str) -> None:
    """Save the theme's name in `path` (atomically)."""
    write_text(path, json.dumps({"theme": name}) + "\n")
