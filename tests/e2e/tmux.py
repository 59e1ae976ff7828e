"""A real tmux server on a private socket, with one pane running a real command."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path


class Pane:
    """One detached tmux session of a fixed size; type into it and read its screen."""

    def __init__(
        self,
        command: Sequence[str],
        cols: int,
        rows: int,
        env: Mapping[str, str | None] | None = None,
    ) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            raise RuntimeError("the end-to-end tests need tmux: apt-get install tmux")
        self._socket = Path(tempfile.mkdtemp(prefix="eg-tmux-")) / "s"
        self._base = [tmux, "-u", "-S", str(self._socket), "-f", os.devnull]
        given = {"LANG": "C.UTF-8", "TERM": "xterm-256color", "TMUX": None, **(env or {})}
        merged = {**os.environ, **given}
        self._env = {key: value for key, value in merged.items() if value is not None}
        self._tmux("new-session", "-d", "-s", "e2e", "-x", str(cols), "-y", str(rows),
                   "--", *command)  # fmt: skip

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self._base, *args], env=self._env, capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name ("Enter", "q", "Escape")."""
        self._tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Type `text` literally."""
        self._tmux("send-keys", "-t", "e2e", "-l", text)

    def paste(self, text: str, *, bracketed: bool) -> None:
        """Paste `text` as a terminal does: its newlines sent as Enter, inside the bracketed
        paste marks if `bracketed` and the app asked for them, else as bare keys."""
        self._tmux("set-buffer", "-b", "paste", "--", text)
        self._tmux("paste-buffer", "-d", "-b", "paste", "-t", "e2e", *(["-p"] if bracketed else []))

    def screen(self) -> str:
        """Return the pane's screen as plain text."""
        return self._tmux("capture-pane", "-p", "-t", "e2e")

    def bell_rang(self) -> bool:
        """Return whether the pane's window has rung the bell."""
        return self._tmux("display-message", "-p", "-t", "e2e", "#{window_bell_flag}") == "1\n"

    def display(self, format: str) -> str:
        """Return tmux's `format` (such as "#{alternate_on}") for the pane, without the newline."""
        return self._tmux("display-message", "-p", "-t", "e2e", format).rstrip("\n")

    def pid(self) -> int:
        """Return the pid of the command running in the pane."""
        return int(self._tmux("list-panes", "-t", "e2e", "-F", "#{pane_pid}").split()[0])

    def alive(self) -> bool:
        """Return whether the pane's command is still running."""
        done = subprocess.run(
            [*self._base, "has-session", "-t", "e2e"], env=self._env, capture_output=True
        )
        return done.returncode == 0

    def wait(self, condition: Callable[[str], bool], what: str, timeout: float = 15) -> str:
        """Poll the screen until `condition` holds for it; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            if not self.alive():
                raise AssertionError(f"the app exited while waiting for {what}:\n{screen}")
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"waited {timeout} s for {what}; the screen was:\n{screen}")

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """Wait until `text` is on the screen."""
        return self.wait(lambda screen: text in screen, repr(text), timeout)

    def wait_exit(self, timeout: float = 10) -> None:
        """Wait until the pane's command has exited."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not exit; the screen was:\n{self.screen()}")
            time.sleep(0.1)

    def close(self) -> None:
        """Stop the tmux server and everything in it."""
        subprocess.run([*self._base, "kill-server"], env=self._env, capture_output=True)
        shutil.rmtree(self._socket.parent, ignore_errors=True)
