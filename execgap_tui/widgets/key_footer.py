"""The footer of keys, fitted to the width: the least needed keys give way first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A compact footer that leaves out keys, in `give_way` order, until the rest fit.

    What is left out is still bound, and listed by `?` and the command palette.
    """

    def __init__(self, give_way: Sequence[str] = ()) -> None:
        super().__init__(compact=True)
        self.give_way = ["command_palette", *give_way]

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self.app.size.width
        yield from fitted(keys, self.give_way, width) if width else keys

    def on_resize(self) -> None:
        self.refresh(recompose=True)


def fitted(keys: list[Widget], give_way: Iterable[str], width: int) -> list[Widget]:
    """Return `keys` without those named (by action) in `give_way`, first first, until they fit."""
    left = list(keys)
    for action in give_way:
        if sum(_cells(key) for key in left) <= width:
            break
        left = [key for key in left if not (isinstance(key, FooterKey) and key.action == action)]
    return left


def _cells(key: Widget) -> int:
    if not isinstance(key, FooterKey):
        return 0
    return cell_len(key.key_display) + 1 + cell_len(key.description) + 1  # key, gap, words, gap
