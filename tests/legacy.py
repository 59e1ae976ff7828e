"""Stored text as an older execgap or a file edited by hand may have left it: with control
characters that typed text no longer keeps (core.text.one_line)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path


def plant(folder: Path, texts: Mapping[str, str]) -> None:
    """Replace each stored text that is a key of `texts` by its value, in every data file
    of `folder` (open a Store on it afresh afterwards)."""
    for path in folder.rglob("*.json"):
        document = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps(_replaced(document, texts)), "utf-8")


def _replaced(value: object, texts: Mapping[str, str]) -> object:
    if isinstance(value, str):
        return texts.get(value, value)
    if isinstance(value, dict):
        return {key: _replaced(inner, texts) for key, inner in value.items()}
    if isinstance(value, list):
        return [_replaced(inner, texts) for inner in value]
    return value
