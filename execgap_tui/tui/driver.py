"""A terminal driver whose input thread sleeps until there is something to read.

Textual's `LinuxDriver` (every POSIX terminal) wakes its input thread ten times a second,
to see whether it should stop and to let a lone escape key time out. Idle, those wakeups
are nearly all the CPU a Textual app uses: about 90 ms a minute here, and the app stays
open all day. This driver waits on the terminal and on a pipe written when it must stop;
it sets a timeout only while the parser waits to tell the escape key from the start of an
escape sequence.

`LinuxDriver.run_input_thread` is Textual's, version 8 (pinned in constraints.txt); this
keeps its reading and parsing and changes only when it wakes. It reads the parser's private
`_timeout_time` (when a lone escape is due), which a new Textual could rename: the
end-to-end test that presses Escape would then fail.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from contextlib import suppress
from threading import Event
from typing import Any

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class WakingEvent(Event):
    """An event that also writes to a pipe when set, to wake a thread that waits on the pipe."""

    def __init__(self) -> None:
        super().__init__()
        self.read_fd = self._write_fd = -1
        self.open()

    def open(self) -> None:
        """Make the pipe, unless it is open."""
        if self.read_fd < 0:
            self.read_fd, self._write_fd = os.pipe()
            os.set_blocking(self.read_fd, False)
            os.set_blocking(self._write_fd, False)

    def set(self) -> None:
        super().set()
        if self._write_fd >= 0:
            with suppress(BlockingIOError):  # the pipe is full: plenty there to wake the reader
                os.write(self._write_fd, b"\0")

    def drain(self) -> None:
        """Read what `set` wrote."""
        try:
            while os.read(self.read_fd, 512):
                pass
        except BlockingIOError:
            pass

    def close(self) -> None:
        """Close the pipe (again: nothing happens); `set` still sets the event."""
        for fd in (self.read_fd, self._write_fd):
            if fd >= 0:
                os.close(fd)
        self.read_fd = self._write_fd = -1


class QuietDriver(LinuxDriver):
    """`LinuxDriver`, without the input thread's ten wakeups a second."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exit_event: WakingEvent = WakingEvent()

    def start_application_mode(self) -> None:
        self.exit_event.open()  # again after a suspend, which closed the driver
        super().start_application_mode()  # type: ignore[no-untyped-call]

    def close(self) -> None:
        super().close()
        self.exit_event.close()

    def run_input_thread(self) -> None:
        """Wait for input (or the stop) and dispatch events, as `LinuxDriver` does."""
        selector = selectors.SelectSelector()  # as Textual: kqueue cannot wait on a tty
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self.exit_event.read_fd, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for key, _ in events:
                if key.fd == self.exit_event.read_fd:
                    self.exit_event.drain()
                    continue
                data = decode(os.read(self.fileno, 4096), final=final)
                if not data:  # stdin is a closed pipe
                    break
                for event in parser.feed(data):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        def timeout() -> float | None:
            """None (no timeout) unless the parser waits for the rest of a sequence."""
            due = parser._timeout_time
            return None if due is None else max(0.0, due - get_time())

        try:
            while not self.exit_event.is_set():
                process(selector.select(timeout()))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _ in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
