"""The gap meter: plan items added against sessions started, over the rolling window."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
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

    counts: reactive[Gap] = reactive(Gap(0, 0))
    running: reactive[bool] = reactive(False)
    """A session runs: the meter says so instead of urging a start."""

    def __init__(self, threshold: int, window_min: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.threshold = threshold
        self.window_min = window_min

    def render(self) -> Text:
        return meter_text(
            self.counts, self.threshold, self.window_min, self.size.width, self.running
        )

    def watch_running(self) -> None:
        self.watch_counts(self.counts)

    def watch_counts(self, counts: Gap) -> None:
        far = counts.lead >= self.threshold and not self.running
        self.set_class(far, "-far")
        self.set_class(0 < counts.lead < self.threshold and not self.running, "-ahead")
        self.set_class(counts.lead <= 0 or self.running, "-even")
