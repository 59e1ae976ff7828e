"""A real desktop session for the tests: Xvfb, a private D-Bus session bus, dunst, a monitor."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from execgap_tui.notify.chain import daemon_answers

NEEDED = ("Xvfb", "dbus-daemon", "dbus-monitor", "dbus-send", "dunst", "notify-send")
INSTALL = "apt-get install xvfb dbus dunst libnotify-bin"


@dataclass
class Desktop:
    """The session's environment, and every Notify call seen on its bus."""

    env: dict[str, str]
    lines: list[str] = field(default_factory=list)

    def notify_calls(self) -> list[str]:
        """Return the text of each Notify method call (its arguments on the lines after)."""
        calls: list[str] = []
        for line in list(self.lines):
            if "member=Notify" in line and line.startswith("method call"):
                calls.append("")
            elif calls:
                calls[-1] += line.strip() + "\n"
        return calls


@contextmanager
def desktop_session() -> Iterator[Desktop]:
    """Start Xvfb, a session bus and dunst; yield once dunst answers on the bus."""
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"the desktop test needs {', '.join(missing)}: {INSTALL}")
    processes: list[subprocess.Popen[str]] = []
    try:
        xvfb, display = _start_xvfb()
        processes.append(xvfb)
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        processes.append(bus)
        assert bus.stdout is not None
        env = {"DISPLAY": f":{display}", "DBUS_SESSION_BUS_ADDRESS": bus.stdout.readline().strip()}
        full = {**os.environ, **env}
        processes.append(_start_dunst(full))
        desktop = Desktop(env)
        monitor = subprocess.Popen(
            ["dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"],
            env=full, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        processes.append(monitor)
        threading.Thread(target=_collect, args=(monitor, desktop.lines), daemon=True).start()
        _wait(lambda: bool(desktop.lines), "dbus-monitor to start")
        yield desktop
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=10)


def _start_xvfb() -> tuple[subprocess.Popen[str], str]:
    """Start Xvfb on a free display; once more (up to three times) if it cannot be reached.

    Seen here, about one start in four under load: Xvfb reported display 0, then died, as it
    does when the pipe is closed between the number and its newline (read both now). A
    connection setup that succeeds is the proof it is up.
    """
    said = ""
    for _attempt in range(3):
        read, write = os.pipe()
        with tempfile.TemporaryFile("w+") as log:
            xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten",
                 "tcp", "-noreset"],
                pass_fds=(write,), stderr=log, text=True,
            )  # fmt: skip
            os.close(write)
            # Xvfb writes the number and the newline in two writes, and dies ("Cannot write
            # display number") if the pipe was closed in between: read up to the newline.
            chunks = [b""]
            while not chunks[-1].endswith(b"\n") and (chunk := os.read(read, 16)):
                chunks.append(chunk)
            display = b"".join(chunks).decode().strip()
            os.close(read)
            try:
                _wait(partial(_x_answers, display), "Xvfb to accept", 10)
                return xvfb, display
            except RuntimeError:
                xvfb.terminate()
                xvfb.wait(timeout=10)
                log.seek(0)
                said = f" (display {display!r}; Xvfb said: {' '.join(log.read().split())[-300:]})"
    raise RuntimeError(f"Xvfb started three times and could not be reached{said}")


def _x_answers(display: str) -> bool:
    """Return whether the X server on `display` completes a connection setup (no auth)."""
    if not display.isdigit():  # Xvfb exited before it chose a display
        return False
    for address in (f"\0/tmp/.X11-unix/X{display}", f"/tmp/.X11-unix/X{display}"):
        with socket.socket(socket.AF_UNIX) as client:
            try:
                client.settimeout(2)
                client.connect(address)
                client.sendall(b"l\0\x0b\0\0\0\0\0\0\0\0\0")  # little-endian, X11.0
                reply = client.recv(8)
            except OSError:
                continue
            return reply[:1] == b"\x01"  # 0: refused, 2: wants authentication
    return False


def _start_dunst(env: dict[str, str]) -> subprocess.Popen[str]:
    """Start dunst and wait until it owns its bus name; once more if it died (a loaded CI)."""
    for attempt in (1, 2):
        with tempfile.TemporaryFile("w+") as log:
            dunst = subprocess.Popen(["dunst"], env=env, stdout=log, stderr=log, text=True)
            try:
                _wait(lambda: daemon_answers(env) is True, "dunst to answer on the bus", 20)
                return dunst
            except RuntimeError as error:
                dunst.terminate()
                dunst.wait(timeout=10)
                log.seek(0)
                if attempt == 2:
                    raise RuntimeError(f"{error}; dunst said: {log.read()[-800:]}") from None
    raise AssertionError("unreachable")


def _collect(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)


def _wait(condition: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise RuntimeError(f"waited {timeout} s for {what}")
