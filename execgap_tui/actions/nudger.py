"""Delivering a nudge through the notifier chain; the decision is `Desk.nudge`'s."""

from __future__ import annotations

from execgap_tui.core.model import Nudge
from execgap_tui.core.nudge import NudgeRules
from execgap_tui.notify.chain import NotifierChain


class Nudger:
    """Sends the nudges the use cases recorded as due, through every channel."""

    def __init__(self, rules: NudgeRules, chain: NotifierChain) -> None:
        """Nudge by `rules` (the meter shows their window), through `chain`."""
        self.rules = rules
        self.chain = chain

    def deliver(self, nudge: Nudge) -> dict[str, str]:
        """Send `nudge` through every channel (blocking: call it on a worker thread)."""
        return self.chain.send(nudge.title, nudge.body)
