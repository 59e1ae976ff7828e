"""A tick just after each whole second of a running session, and none without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.message_pump import MessagePump
from textual.timer import Timer


class SecondTicker:
    """Calls `tick` just after each whole second since a moment, while it follows one.

    Ticks are woken from timestamps, never counted: Textual drops a late timer's ticks.
    """

    def __init__(self, node: MessagePump, tick: Callable[[], None]) -> None:
        self._node, self._tick = node, tick
        self._timer: Timer | None = None

    def follow(self, since: datetime | None, now: datetime) -> None:
        """Tick on the whole seconds since `since` (None: stop ticking)."""
        if since is None and self._timer is not None:
            self._timer.stop()
            self._timer = None
        elif since is not None and self._timer is None:
            # Wake just after the next whole second, then once a second from there.
            fraction = (now - since).total_seconds() % 1
            self._timer = self._node.set_timer(1.005 - fraction, self._every_second)

    def _every_second(self) -> None:
        self._tick()
        self._timer = self._node.set_interval(1.0, self._tick)
