"""How the app looks: the high-contrast theme, the remembered theme, when to draw in ASCII."""

from __future__ import annotations

import json
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


def wants_ascii(setting: bool | None, encoding: str | None) -> bool:
    """Return whether to draw in ASCII: as set, else when the output is not UTF-8."""
    if setting is not None:
        return setting
    return "utf" not in (encoding or "").lower()


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
