"""When to nudge, remembered between checks, and delivery through the notifier chain."""

from __future__ import annotations

from datetime import datetime, time

from execgap_tui.core.board import Board
from execgap_tui.core.nudge import Nudge, NudgeKind, NudgeRules, nudge_for
from execgap_tui.notify.chain import NotifierChain


class Nudger:
    """Decides with the rules of core.gap and keeps what they need: the last nudge's time."""

    def __init__(self, rules: NudgeRules, chain: NotifierChain) -> None:
        """Nudge by `rules`, through `chain`."""
        self.rules = rules
        self.chain = chain
        self._last: datetime | None = None
        self._told_waiting: str | None = None

    def due(self, board: Board, now: datetime, local_time: time) -> Nudge | None:
        """Return the nudge due now, if any, and count it as sent."""
        nudge = nudge_for(board, now, local_time, self.rules, self._last, self._told_waiting)
        if nudge is not None:
            self._last = now
            if nudge.kind is NudgeKind.WAITING:
                self._told_waiting = nudge.item_id
        return nudge

    def deliver(self, nudge: Nudge) -> dict[str, str]:
        """Send `nudge` through every channel (blocking: call it on a worker thread)."""
        return self.chain.send(nudge.title, nudge.body)
