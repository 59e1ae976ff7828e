"""Painting a widget that has no border and no content of its own as its background.

Textual renders every widget whose clip overlaps a change, so the timer's tick repaints the
screen and the containers around it too. Those are plain background, and drawn as blank
lines they cost almost nothing. Textual's own `BLANK` switch does this but skips the app's
output filters, so under NO_COLOR (a monochrome filter) they kept their colour; here the
filters see the blank lines as they see everything else.
"""

from __future__ import annotations

from rich.style import Style
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

_drawn: dict[tuple[int, Style, tuple[LineFilter, ...]], Strip] = {}
"""Blank lines as drawn, by width, style and filters: the same few, once a second."""


def blank_lines(widget: Widget, crop: Region) -> list[Strip]:
    """Return `crop` of `widget` drawn as its background, through the app's line filters."""
    style, filters = widget.visual_style.rich_style, tuple(widget.get_line_filters())
    key = (crop.width, style, filters)
    strip = _drawn.get(key)
    if strip is None:
        if len(_drawn) > 64:  # a resize or a theme change: start again
            _drawn.clear()
        strip = Strip.blank(crop.width, style)
        background = widget.background_colors[1]
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        _drawn[key] = strip
    return [strip] * crop.height
