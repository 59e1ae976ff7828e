"""The frame the planning and doing panes stand in, side by side (or stacked, narrow)."""

from __future__ import annotations

from textual.containers import Container
from textual.geometry import Region
from textual.strip import Strip

from execgap_tui.tui.widgets.plain import blank_lines


class Panes(Container):
    """The planning and doing panes side by side."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank_lines(self, crop)  # a frame, nothing else
