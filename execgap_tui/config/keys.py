"""The keys of every action, by binding id: the defaults, and what [keys] may change.

The screens take their keys from here, and settings.py checks a user's [keys] table
against it, so a remapped key can never silently shadow another action on its screen.
"""

from __future__ import annotations

MAIN = {
    "write-next": "n",
    "add-plan": "a",
    "start": "s",
    "finish": "f",
    "stop": "x",
    "keep-sleep": "k",
    "review": "r",
    "keys": "question_mark",
}
PLAN = {
    "edit-item": "e",
    "drop-item": "d",
}
"""The planning pane's own keys: they act on its highlighted item, while it has the focus."""
REVIEW = {
    "review-previous": "left_square_bracket",
    "review-next": "right_square_bracket",
    "review-week": "w",
    "review-tomorrow": "t",
    "review-markdown": "m",
    "review-back": "escape",
    "review-keys": "question_mark",
}
APP = {"quit": "q", "suspend": "ctrl+z"}
"""Bound on the app, so on every screen."""
SCREENS = {"main": {**MAIN, **PLAN, **APP}, "review": {**REVIEW, **APP}}
RESERVED = frozenset({
    "enter", "tab", "shift+tab", "up", "down", "home", "end", "pageup", "pagedown",
    "ctrl+p", "ctrl+c", "ctrl+q",
    "ctrl+i", "ctrl+m", "ctrl+j",  # what terminals send for tab and enter
})  # fmt: skip
"""Kept for moving in the panes, the command palette and leaving: not remappable to."""
RENAMED = {
    "solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
    "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore",
}  # fmt: skip
"""Where Textual's name for a character differs from its Unicode name (textual.keys)."""
NAMED = frozenset({
    "escape", "enter", "return", "tab", "space", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right", *(f"f{n}" for n in range(1, 25)),
})  # fmt: skip
"""The keys Textual names by a word (textual.keys.Keys), besides the characters."""
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
