"""The footer of keys: one line, fitted to the width; the least needed keys give way first.

Textual's `Footer` makes a widget for each key and composes them all again whenever the keys
on offer change (a move of the highlight can do that): about 8 ms of the first frame, and a
rebuild each time. This draws the same keys as one line with the Line API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from execgap_tui.core.tuples import NamedTuple

SEPARATOR = "▏ "
"""Before the command palette's key, on the right."""
DIM = Style(dim=True)
NORMAL = Style()


class Offered(NamedTuple):
    """A key the footer shows, and what pressing it does."""

    key: str
    """The key, in Textual's name: clicking the label presses it."""
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def cells(self) -> int:
        """The label's width: the key, a space, the words."""
        return cell_len(self.display) + 1 + cell_len(self.description)


class Placed(NamedTuple):
    """Where each shown label starts, and the command palette's (None: left out)."""

    keys: tuple[tuple[int, Offered], ...]
    palette: tuple[int, Offered] | None


def offered(screen: Screen[object]) -> tuple[list[Offered], Offered | None]:
    """Return the keys `screen` offers now, one per action in binding order, as Textual's
    Footer picks them; and the command palette's key, if it is on offer."""
    app = screen.app
    keys: dict[str, Offered] = {}
    palette: Offered | None = None
    for _, binding, enabled, tooltip in screen.active_bindings.values():
        is_palette = binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE
        if not is_palette and (not binding.show or binding.action in keys):
            continue
        label = Offered(binding.key, app.get_key_display(binding), binding.description,
                        binding.action, enabled, tooltip)  # fmt: skip
        if is_palette:
            palette = label
        else:
            keys[binding.action] = label
    return list(keys.values()), palette


def laid_out(
    keys: Sequence[Offered], palette: Offered | None, give_way: Iterable[str], width: int
) -> Placed:
    """Return the labels that fit `width`, leaving out those named (by action) in `give_way`,
    first first. Labels are two cells apart, or one when that keeps a key."""
    left = list(keys)
    for action in ["", *give_way]:
        if action == "command_palette":
            palette = None
        left = [key for key in left if key.action != action]
        for gap in (2, 1):
            used = sum(key.cells + gap for key in left) - (gap if left else 0)
            if palette is not None:
                used += gap + len(SEPARATOR) + palette.cells + 1
            if used <= width:
                return _positions(left, palette, gap, width)
    return _positions(left, None, 1, width)  # nothing left to give way: cut at the edge


def _positions(keys: list[Offered], palette: Offered | None, gap: int, width: int) -> Placed:
    starts: list[tuple[int, Offered]] = []
    x = 0
    for key in keys:
        starts.append((x, key))
        x += key.cells + gap
    return Placed(tuple(starts), None if palette is None else (width - palette.cells - 1, palette))


class KeyFooter(Widget):
    """The keys on offer now, as one line; click a key to press it.

    What gives way is still bound, and listed by `?` and the command palette.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, give_way: Sequence[str] = ()) -> None:
        super().__init__()
        self.give_way = ["command_palette", *give_way]
        self._offered: tuple[list[Offered], Offered | None] | None = None
        self._stale = True
        """The keys on offer may have changed since `_offered` was read."""
        self._line: tuple[tuple[int, int | None], Strip] | None = None
        """The width and hovered label it was drawn for, and the line."""
        self._hover: int | None = None
        """Where the label under the mouse starts."""

    @property
    def placed(self) -> Placed:
        """The labels shown at the present width, and where."""
        if self._stale:
            self._stale = False
            now = offered(self.screen)
            if now != self._offered:
                self._offered, self._line = now, None
                self._hover = None  # the label under the mouse may have moved
        assert self._offered is not None
        return laid_out(*self._offered, self.give_way, self.size.width)

    @property
    def shown(self) -> list[Offered]:
        """The keys shown at the present width, left to right."""
        return [key for _, key in self._labels(self.placed)]

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Read when drawn: the signal can come before the screen is ready to answer.
        self._stale = True
        self.refresh()

    def notify_style_update(self) -> None:
        self._line = None  # a new theme
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        placed = self.placed  # first: it drops the line when the keys on offer changed
        drawn_for = (self.size.width, self._hover)
        if self._line is None or self._line[0] != drawn_for:
            self._line = (drawn_for, self._draw(placed))
        return self._line[1]

    def _draw(self, placed: Placed) -> Strip:
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-footer--key")
        words_style = base + self.get_component_rich_style("key-footer--description")
        hover = self.get_component_rich_style("key-footer--hover")
        segments: list[Segment] = []
        x = 0
        for start, key in self._labels(placed):
            if placed.palette is not None and start == placed.palette[0]:
                gap = start - len(SEPARATOR) - x
                segments += [Segment(" " * gap, base), Segment(SEPARATOR, base + DIM)]
            else:
                segments.append(Segment(" " * (start - x), base))
            extra = (NORMAL if key.enabled else DIM) + (hover if start == self._hover else NORMAL)
            segments += [Segment(key.display, key_style + extra),
                         Segment(" " + key.description, words_style + extra)]  # fmt: skip
            x = start + key.cells
        width = self.size.width
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)

    @staticmethod
    def _labels(placed: Placed) -> list[tuple[int, Offered]]:
        return [*placed.keys, *([] if placed.palette is None else [placed.palette])]

    def _label_at(self, x: int) -> tuple[int, Offered] | None:
        labels = self._labels(self.placed)
        return next(((s, k) for s, k in labels if s <= x < s + k.cells), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        label = self._label_at(event.x)
        start = None if label is None else label[0]
        if start != self._hover:
            self._hover = start
            self.tooltip = None if label is None else (label[1].tooltip or None)
            self.refresh()

    def on_leave(self) -> None:
        self.tooltip = None
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_resize(self) -> None:
        self._hover = None  # the labels moved
        self.tooltip = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        label = self._label_at(event.x)
        if label is None:
            return
        if label[1].enabled:
            self.app.simulate_key(label[1].key)
        else:
            self.app.bell()
