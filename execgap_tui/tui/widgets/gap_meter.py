"""The gap meter: plan items added against sessions started, over the rolling window."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from execgap_tui.core.gap import Gap

BAR = 8
SHORT_BELOW = 60
"""Below this many columns the meter says the same in fewer words."""


def meter_word(counts: Gap, threshold: int, running: bool = False) -> str:
    """Return the state in words (colour is never the only signal)."""
    if running:
        return "doing now"  # not the moment to be told to start something
    if counts.lead >= threshold:
        return "start something"
    if counts.lead > 0:
        return "planning ahead"
    return "doing ahead" if counts.lead < 0 else "even"


def meter_text(
    counts: Gap, threshold: int, window_min: int, width: int, running: bool = False
) -> Text:
    """Return the one-line meter, fitted to `width` columns."""
    total = counts.planned + counts.started
    filled = round(BAR * counts.planned / total) if total else 0
    bar = "▮" * filled + "▯" * (BAR - filled)
    word = meter_word(counts, threshold, running)
    if width < SHORT_BELOW:
        line = f"plan {counts.planned} · do {counts.started} · {window_min}m {bar} {word}"
    else:
        line = f"plan {counts.planned} · do {counts.started} · last {window_min} min  {bar}  {word}"
    return Text(line, no_wrap=True, overflow="ellipsis")


class GapMeter(Widget):
    """Shows a `Gap`; its class (-even, -ahead, -far) lets the theme colour it."""

    DEFAULT_CSS = "GapMeter { height: 1; }"

    def __init__(self, threshold: int, window_min: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-even")  # styled once with the rest, before mount
        self.threshold = threshold
        self.window_min = window_min
        self.counts = Gap(0, 0)
        self.running = False
        """A session runs: the meter says so instead of urging a start."""

    def render(self) -> Text:
        return meter_text(
            self.counts, self.threshold, self.window_min, self.size.width, self.running
        )

    def show(self, counts: Gap, running: bool) -> None:
        """Show `counts`; nothing is redrawn or restyled when nothing changed."""
        if (counts, running) == (self.counts, self.running):
            return
        self.counts, self.running = counts, running
        far = counts.lead >= self.threshold and not running
        ahead = 0 < counts.lead < self.threshold and not running
        self.update_classes({"-far": far, "-ahead": ahead, "-even": not (far or ahead)})
        self.refresh()
