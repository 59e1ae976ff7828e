"""Bindings from the key table: every one with its id, so `[keys]` can move it."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def bindings(keys: dict[str, str], rows: list[tuple[str, str, str, str]]) -> list[BindingType]:
    """Return a node's bindings: (binding id, action, footer word, what it does) each, with
    the key `keys` (config/keys.py) gives that id."""
    return [
        Binding(keys[bid], action, word, tooltip=what, id=bid) for bid, action, word, what in rows
    ]
