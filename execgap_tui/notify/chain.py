"""Delivering a nudge: desktop (plyer), terminal (bell, OSC 777 / OSC 9). Never fatal.

The in-app toast is the screen's own; these are the channels beyond it. Each failure is
reported back and never stops the others, nor reaches the timer. Desktop delivery blocks on
Linux (a subprocess or a D-Bus call), so `NotifierChain.send` runs on a worker thread.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.text import visible
from execgap_tui.core.tuples import NamedTuple

APP_NAME = "execgap"
_NAME_OWNER_QUERY = [
    "dbus-send", "--session", "--dest=org.freedesktop.DBus", "--type=method_call",
    "--print-reply", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
    "string:org.freedesktop.Notifications",
]  # fmt: skip


class NotifyError(ExecGapError):
    """A channel could not deliver; the message says what would make it work."""


class Notifier(Protocol):
    """One way of telling the user."""

    name: str

    def send(self, title: str, body: str) -> None:
        """Deliver, or raise NotifyError saying why not."""
        ...


class DesktopCheck(NamedTuple):
    """What the desktop channel would use here, and what stands in its way."""

    backend: str | None
    problems: tuple[str, ...]


def check_desktop(environ: Mapping[str, str]) -> DesktopCheck:
    """Say which plyer backend would deliver here, and what is missing."""
    if not sys.platform.startswith("linux"):
        return DesktopCheck("plyer", ())
    problems: list[str] = []
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if not environ.get("DBUS_SESSION_BUS_ADDRESS") and not (Path(runtime) / "bus").exists():
        problems.append(
            "no D-Bus session bus (over SSH or in a container?): run execgap inside a desktop "
            "session, or start one with dbus-run-session"
        )
    backend = _linux_backend()
    if backend is None:
        problems.append(
            "neither notify-send nor dbus-python is installed: apt-get install libnotify-bin "
            "(Debian, Ubuntu), dnf install libnotify (Fedora), or pip install dbus-python"
        )
    return DesktopCheck(backend, tuple(problems))


def daemon_answers(environ: Mapping[str, str]) -> bool | None:
    """Return whether a notification daemon owns its D-Bus name (None: cannot tell)."""
    if shutil.which("dbus-send") is None:
        return None
    try:
        done = subprocess.run(
            _NAME_OWNER_QUERY, capture_output=True, text=True, timeout=3, env=dict(environ)
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.returncode == 0 and "boolean true" in done.stdout


class DesktopNotifier:
    """A desktop notification through plyer, with the backend chosen here.

    plyer takes the Flatpak portal whenever a folder /app exists (common in containers),
    and ignores notify-send's failures; so the backend is picked by what is installed, and
    a notification daemon is checked for once.
    """

    name = "desktop"

    def __init__(self, environ: Mapping[str, str]) -> None:
        """Deliver in the session that `environ` describes."""
        self._environ = environ
        self._ready: bool | None = None

    def send(self, title: str, body: str) -> None:
        """Show a desktop notification, or raise NotifyError saying what is missing."""
        check = check_desktop(self._environ)
        if check.problems:
            raise NotifyError("; ".join(check.problems))
        if self._ready is None:
            self._ready = daemon_answers(self._environ) is not False
        if not self._ready:
            raise NotifyError("no notification daemon answers on D-Bus (start dunst, mako…)")
        _plyer_notifier(check.backend).notify(
            title=visible(title),
            message=desktop_body(body, check.backend),
            app_name=APP_NAME,
            timeout=10,
        )


class TerminalNotifier:
    """The bell, plus OSC 777 or OSC 9 where the terminal is known to show them."""

    name = "terminal"

    def __init__(self, write: Callable[[str], None], environ: Mapping[str, str]) -> None:
        """Write escape sequences with `write` (the app's terminal)."""
        self._write = write
        self._environ = environ

    def send(self, title: str, body: str) -> None:
        """Ring the bell and, where supported, raise a terminal notification."""
        self._write(terminal_sequences(title, body, self._environ))


MARKUP_BACKENDS = frozenset(["notify-send", "dbus-python"])
"""The backends that hand the body to a Desktop Notifications daemon over D-Bus (Linux)."""


def desktop_body(text: str, backend: str | None) -> str:
    """Return `text` as the body `backend` shows as exactly that text: `body_markup` for a
    D-Bus daemon, `visible` plain text for the others (plyer's macOS and Windows backends
    show the body as it is: an escaped `&lt;` would show)."""
    return body_markup(text) if backend in MARKUP_BACKENDS else visible(text)


def body_markup(text: str) -> str:
    """Return `text` as a notification body that shows as exactly that text.

    Daemons (dunst, GNOME, KDE) read the body as the Desktop Notifications spec's markup:
    `<a href>` is a link, `<img src>` loads a file. Escaping & < > leaves only text; the
    title is plain text in the spec, so only `visible` there.
    """
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def terminal_sequences(title: str, body: str, environ: Mapping[str, str]) -> str:
    """Return the bell and the OSC notification this terminal understands, if any.

    Inside tmux the OSC is wrapped for passthrough (tmux needs allow-passthrough on).
    """
    kind = _osc_kind(environ)
    title, body = visible(title).replace(";", ","), visible(body)
    osc = {
        "777": f"\x1b]777;notify;{title};{body}\x1b\\",
        "9": f"\x1b]9;{title}: {body}\x1b\\",
        "": "",
    }[kind]
    if osc and environ.get("TMUX"):
        osc = "\x1bPtmux;" + osc.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return "\a" + osc


class NotifierChain:
    """Every enabled channel, each on its own: one failing never stops the next."""

    def __init__(self, notifiers: list[Notifier]) -> None:
        """Send through `notifiers`, in order."""
        self.notifiers = notifiers

    def send(self, title: str, body: str) -> dict[str, str]:
        """Deliver everywhere; return {channel: what went wrong} for those that failed."""
        problems: dict[str, str] = {}
        for notifier in self.notifiers:
            try:
                notifier.send(title, body)
            except NotifyError as error:
                problems[notifier.name] = str(error)
            except Exception as error:
                problems[notifier.name] = f"{type(error).__name__}: {error}"
        return problems


def make_notifier(
    desktop: bool, terminal: bool, write: Callable[[str], None], environ: Mapping[str, str]
) -> NotifierChain:
    """Return the chain of the channels switched on in the settings."""
    chain: list[Notifier] = []
    if desktop:
        chain.append(DesktopNotifier(environ))
    if terminal:
        chain.append(TerminalNotifier(write, environ))
    return NotifierChain(chain)


def _linux_backend() -> str | None:
    try:
        import dbus  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return "notify-send" if shutil.which("notify-send") else None
    return "dbus-python"


def _plyer_notifier(backend: str | None) -> _PlyerNotification:
    if backend == "dbus-python":
        from plyer.platforms.linux.notification import NotifyDbus

        return NotifyDbus()  # type: ignore[no-any-return]
    if backend == "notify-send":
        from plyer.platforms.linux.notification import NotifySendNotification

        return NotifySendNotification()  # type: ignore[no-any-return]
    from plyer import notification

    return notification  # type: ignore[no-any-return]


class _PlyerNotification(Protocol):
    def notify(self, *, title: str, message: str, app_name: str, timeout: int) -> None: ...


def _osc_kind(environ: Mapping[str, str]) -> str:
    program = environ.get("TERM_PROGRAM", "")
    if environ.get("VTE_VERSION") or environ.get("TERM", "").startswith(("foot", "rxvt")):
        return "777"
    if environ.get("ITERM_SESSION_ID") or environ.get("WEZTERM_PANE") or program in (
        "iTerm.app", "WezTerm", "ghostty"
    ):  # fmt: skip
        return "9"
    return ""
