"""Yardstick: a minimal Textual app with one label; `--tick` redraws it once a second."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Label


class MinimalApp(App[None]):
    def __init__(self, tick: bool) -> None:
        super().__init__()
        self._tick = tick
        self._count = 0

    def compose(self) -> ComposeResult:
        yield Label("0", id="label")

    def on_mount(self) -> None:
        if self._tick:
            self.set_interval(1.0, self._update)

    def _update(self) -> None:
        self._count += 1
        self.query_one("#label", Label).update(str(self._count))


if __name__ == "__main__":
    MinimalApp(tick="--tick" in sys.argv).run()
