"""The one-line status for a tmux status bar or a shell prompt."""

from __future__ import annotations

from datetime import datetime, timedelta

from execgap_tui.core.board import Board
from execgap_tui.core.errors import InvalidFormatError
from execgap_tui.core.format import clock_text
from execgap_tui.core.gap import WINDOW, gap
from execgap_tui.core.model import Uptime
from execgap_tui.core.session import NO_UPTIME, Phase, timer_view
from execgap_tui.core.text import shown

DEFAULT_FORMAT = "{mark} {time} {action}"
ACTION_CELLS = 40
"""Longer actions are cut with an ellipsis (by terminal cells), to keep a status bar short."""
FIELDS = {
    "action": f"the next action (or the running one), cut to {ACTION_CELLS} terminal cells",
    "state": "start, momentum or idle",
    "elapsed": "time since the session started, m:ss",
    "remaining": "time left on the start timer, m:ss",
    "time": "remaining while starting, +momentum after, empty when idle",
    "mark": "▶ starting, » momentum, · idle",
    "gap": "plan items added minus sessions started in the last 60 min (+3: planning leads)",
    "planned": "plan items added in the last 60 min",
    "started": "sessions started in the last 60 min",
}
_MARKS = {Phase.START: "▶", Phase.MOMENTUM: "»", Phase.IDLE: "·"}


def check_format(template: str) -> str:
    """Return `template` if every {placeholder} in it is known.

    Raises:
        InvalidFormatError: an unknown or malformed placeholder.
    """
    try:
        from string import Formatter  # 0.6 ms to import: only status lines pay for it

        fields = [(n, s, c) for _, n, s, c in Formatter().parse(template) if n is not None]
    except ValueError as error:
        raise InvalidFormatError(f"--format {template!r}: {error}.") from error
    for name, spec, conversion in fields:
        if name not in FIELDS:
            known = ", ".join("{" + field + "}" for field in FIELDS)
            raise InvalidFormatError(f"Unknown placeholder {{{name}}}; known: {known}.")
        if spec or conversion:  # {action:>99999999} would eat memory; nothing needs them
            raise InvalidFormatError(f"Write placeholders plainly, like {{{name}}}.")
    return template


def status_line(
    board: Board,
    now: datetime,
    template: str = DEFAULT_FORMAT,
    uptime: Uptime = NO_UPTIME,
    window: timedelta = WINDOW,
) -> str:
    """Return the status of `board` at `now`, shaped by `template` (a suspend not counted).

    `{gap}` counts over `window`, the nudge's window in the user's settings. The action,
    the one field from stored text, is `shown`; `template` is the user's own and is kept
    as given (its colour codes are wanted), so the line needs no `visible` after.
    """
    view = timer_view(board.running, now, uptime=uptime)
    counts = gap(board.recent, now, window)
    text = board.running.action_text if board.running else ""
    if not text and board.next_action is not None:
        text = board.next_action.text
    action = shown(text, ACTION_CELLS)
    time = {
        Phase.START: clock_text(view.remaining_s),
        Phase.MOMENTUM: "+" + clock_text(view.momentum_s),
        Phase.IDLE: "",
    }[view.phase]
    values = {
        "action": action or "no next action",
        "state": view.phase.value,
        "elapsed": clock_text(view.elapsed_s),
        "remaining": clock_text(view.remaining_s),
        "time": time,
        "mark": _MARKS[view.phase],
        "gap": f"{counts.lead:+d}" if counts.lead else "0",
        "planned": str(counts.planned),
        "started": str(counts.started),
    }
    return " ".join(check_format(template).format_map(values).split())
