"""A terminal driver whose input thread sleeps until there is something to read.

Textual's `LinuxDriver` (every POSIX terminal) wakes its input thread ten times a second,
to see whether it should stop and to let a lone escape key time out. Idle, those wakeups
are nearly all the CPU a Textual app uses: about 90 ms a minute here, and the app stays
open all day. This driver waits on the terminal and on a pipe written when it must stop;
it sets a timeout only while the parser waits to tell the escape key from the start of an
escape sequence.

It also ends the app gracefully on SIGHUP (the terminal closed), SIGTERM and SIGINT (from
`kill`; the ctrl+c key stays a key): `App.exit`, so Textual's own shutdown puts the terminal
back and the app's unmount finishes the queued saves. After a hang-up the terminal is gone:
writes to it fail with EIO (which would stop Textual's output thread and then block the
shutdown on its full queue), so from then on the output goes to /dev/null.

`LinuxDriver.run_input_thread` is Textual's, version 8 (pinned in constraints.txt); this
keeps its reading and parsing and changes only when it wakes. For that it needs Textual's
private parser (`textual._xterm_parser.XTermParser`, its `_timeout_time`: when a lone escape
is due, `textual._time.get_time`, `textual._parser.ParseError`). `quiet_driver()` checks
they are all there; when a Textual has renamed any, the app runs on `ExitingDriver`:
Textual's own `LinuxDriver` (its ten wakeups a second) with the same ending on signals.
"""

from __future__ import annotations

import asyncio
import io
import os
import selectors
import signal
import sys
from codecs import getincrementaldecoder
from contextlib import suppress
from threading import Event
from typing import TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver
from textual.events import Paste

if TYPE_CHECKING:
    from collections.abc import Callable

    from _typeshed import ReadableBuffer
    from textual.app import App


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


EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
"""The signals that end the app as quitting does; its exit status is then 128 + the signal."""


class TerminalOutput(io.RawIOBase):
    """The terminal under Textual's output thread; once the terminal is gone, writes are dropped.

    An error writing (EIO: the terminal hung up) would end that thread, and the app's next
    writes would wait forever for room in its queue.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.gone = False
        """Set at the first failed write, or by a hang-up."""

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data: ReadableBuffer) -> int:
        """Write what the terminal takes of `data`; all of it, dropped, once it is gone."""
        if not self.gone:
            try:
                return os.write(self._fd, data)
            except OSError:
                self.gone = True
        return memoryview(data).nbytes


class ExitingDriver(LinuxDriver):
    """Textual's `LinuxDriver`, ending the app on SIGHUP, SIGTERM and SIGINT as quitting does."""

    def __init__(self, app: App[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self.owner = app
        """The app to end on a signal (Textual's own reference to it is private)."""
        self.exit_event: WakingEvent = WakingEvent()
        terminal = sys.__stderr__  # what Textual writes to
        assert terminal is not None  # as Textual's driver asks of it
        self.output = TerminalOutput(terminal.fileno())
        if hasattr(self, "_file"):  # Textual's private output file; without it, after a
            # hang-up the output still goes to /dev/null (`hang_up`), only less directly
            buffer = io.BufferedWriter(self.output)
            self._file = io.TextIOWrapper(buffer, terminal.encoding, terminal.errors)

    def start_application_mode(self) -> None:
        self.exit_event.open()  # again after a suspend, which closed the driver
        loop = asyncio.get_running_loop()  # Textual calls this from its event loop
        for signum in EXIT_SIGNALS:  # replaced by Python's own when the loop closes
            loop.add_signal_handler(signum, self.exit_on, signum)
        super().start_application_mode()  # type: ignore[no-untyped-call]

    _suspended = False

    def suspend_application_mode(self) -> None:
        self._suspended = True
        super().suspend_application_mode()

    def resume_application_mode(self) -> None:
        """Take the terminal again after a suspend; a SIGCONT with no suspend before it does
        nothing.

        The kernel sends SIGCONT with the SIGHUP of a closed terminal, and a shell's `bg` or
        `kill -CONT` may send one at any time. Textual's driver then started application
        mode a second time: a second input thread on the same wake-up pipe, which could take
        the stop's wake-up from the first, so that quitting waited for it forever (found as
        apps left running after their pane was closed).
        """
        if not self._suspended:
            return
        self._suspended = False
        super().resume_application_mode()

    def exit_on(self, signum: int) -> None:
        """End the app as quitting does (in the event loop, so Textual's shutdown runs)."""
        if signum == signal.SIGHUP:
            hang_up(self.output)
        self.owner.exit(return_code=128 + signum)

    def close(self) -> None:
        super().close()
        self.exit_event.close()


PASTE_FROM = 256
"""Characters in one read from which it is a paste, whatever they are: far more than keys
typed ahead of a busy app or bunched by a slow link."""
PASTE_LINES_FROM = 16
"""Characters in one read of two lines or more from which it is a paste ("Call Ana", enter
and s typed ahead stay keys)."""
PASTE_MOST = 1 << 20
"""The longest marked paste kept whole: a terminal whose end mark never comes (a program
that wrote a start mark) must not swallow every key after it."""

PASTE_GAP_S = 0.01
"""The longest pause between two reads of one paste that comes without the paste marks."""

PARSER_NEEDS = ("feed", "tick")
"""The methods of Textual's private XTermParser that `QuietDriver` calls."""


def quiet_driver() -> type[LinuxDriver] | None:
    """Return `QuietDriver` if this Textual has the private names it needs, else None."""
    try:
        from textual._parser import ParseError  # noqa: F401  # only: is it there
        from textual._time import get_time  # noqa: F401
        from textual._xterm_parser import XTermParser

        parser = XTermParser()
    except (ImportError, TypeError):  # a name gone, or a parser whose constructor changed
        return None
    if not all(callable(getattr(parser, name, None)) for name in PARSER_NEEDS):
        return None
    if not hasattr(parser, "_timeout_time"):
        return None
    return QuietDriver


class QuietDriver(ExitingDriver):
    """`ExitingDriver`, without the input thread's ten wakeups a second.

    Use it only as `quiet_driver()` returns it: it needs Textual's private parser.
    """

    def _rest_of_paste(self, data: str, decode: Callable[[bytes], str]) -> tuple[str, str]:
        """Return `data` with what follows it at once (a long paste comes in several reads,
        about 4 KiB each), and the first read after it that holds an escape: that one is
        not the paste's (a key, or a marked paste), and goes on as read."""
        parts, after = [data], ""
        with selectors.SelectSelector() as waiting:
            waiting.register(self.fileno, selectors.EVENT_READ)
            while not self.exit_event.is_set() and waiting.select(PASTE_GAP_S):
                try:
                    more = decode(os.read(self.fileno, 4096))
                except OSError:
                    break
                if not more:
                    break
                if "\x1b" in more:
                    after = more
                    break
                parts.append(more)
        return "".join(parts).replace("\r\n", "\n").replace("\r", "\n"), after

    def _dispatch(
        self, parts: list[str | Paste], parser: Any, decode: Callable[[bytes], str]
    ) -> str:
        """Send on what was read: pastes as they are, a bare paste gathered whole, the rest
        through Textual's parser; return what was read after a bare paste, to go on with."""
        for index, part in enumerate(parts):
            if isinstance(part, Paste):
                self.process_message(part)
            elif parser._timeout_time is None and is_bare_paste(part):
                text, after = self._rest_of_paste(part, decode)
                self.process_message(Paste(text))
                rest = "".join(p for p in parts[index + 1 :] if isinstance(p, str))
                return rest + after  # a cut paste mark in it is found again
            else:
                for event in parser.feed(part):
                    self.process_message(event)
        return ""

    def run_input_thread(self) -> None:
        """Wait for input (or the stop) and dispatch events, as `LinuxDriver` does."""
        from textual._parser import ParseError  # there: `quiet_driver` checked
        from textual._time import get_time
        from textual._xterm_parser import XTermParser

        selector = selectors.SelectSelector()  # as Textual: kqueue cannot wait on a tty
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self.exit_event.read_fd, selectors.EVENT_READ)
        parser = XTermParser(getattr(self, "_debug", False))  # Textual's private flag
        decode = getincrementaldecoder("utf-8")().decode
        marked = MarkedPastes()
        reading = True

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            nonlocal reading
            for key, _ in events:
                if key.fd == self.exit_event.read_fd:
                    self.exit_event.drain()
                    continue
                try:
                    data = decode(os.read(self.fileno, 4096), final=final)
                except OSError:  # the terminal hung up
                    data = ""
                if not data:  # stdin is a closed pipe or a hung-up terminal: read no more
                    if reading:
                        selector.unregister(self.fileno)
                        reading = False
                    break
                while data:
                    data = self._dispatch(marked.split(data), parser, decode)
            for event in parser.tick():
                self.process_message(event)

        def timeout() -> float | None:
            """None (no timeout) unless the parser waits for the rest of a sequence."""
            due = parser._timeout_time
            return None if due is None else max(0.0, due - get_time())

        try:
            while not self.exit_event.is_set():
                process(selector.select(timeout()))
            if reading:
                selector.unregister(self.fileno)
                reading = False
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _ in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def is_bare_paste(data: str) -> bool:
    """Return whether `data`, read at once from the terminal, is a paste without the paste
    marks: text alone (no escape, no control character but newlines and tabs), either two
    lines or more and `PASTE_LINES_FROM` characters, or `PASTE_FROM` characters.

    Keys a person types come one or two to a read, and a few more when they are typed ahead
    of a busy app or bunched by a slow link; a terminal that does not mark a paste (or a
    program that writes to the terminal) sends it all at once, its newlines as enter keys.
    Taken as keys, its second line would end a prompt and the rest would run as commands on
    the screen below (s starts, f finishes, d drops); and 10,000 characters taken one key at
    a time kept the app busy for 5 s and 70 MiB bigger for good.
    """
    if any((ord(char) < 0x20 and char not in "\r\n\t") or char == "\x7f" for char in data):
        return False
    if len(data) >= PASTE_FROM:
        return True
    lines = sum(1 for line in data.splitlines() if line.strip())
    return lines >= 2 and len(data) >= PASTE_LINES_FROM


class MarkedPastes:
    """Takes the pastes that come with the terminal's paste marks out of what is read,
    whole, before Textual's parser sees them.

    The parser ends a marked paste at the first escape inside it and turns the rest into
    keys: a pasted "\\x1b]2;x\\x07" with a line after it submitted the prompt, and its next
    line ran as commands (d drops). Here everything between the marks is the paste's text,
    escapes and all (the app shows them as stand-ins). A mark may be cut between two reads:
    the end mark is looked for in all the paste read so far; a start mark cut in two is left
    to the parser, as before.
    """

    START, END = "\x1b[200~", "\x1b[201~"

    def __init__(self) -> None:
        self._paste: list[str] | None = None
        """The paste read so far, a read at a time, while one is open."""
        self._size = 0

    def split(self, data: str) -> list[str | Paste]:
        """Return `data` as what goes to the parser (text) and the pastes it ends."""
        parts: list[str | Paste] = []
        while data:
            if self._paste is None:
                start = data.find(self.START)
                if start < 0:
                    parts.append(data)
                    break
                if start:
                    parts.append(data[:start])
                self._paste, self._size = [], 0
                data = data[start + len(self.START) :]
                continue
            # The end mark, where it can be: in this read, or cut between the last and this.
            tail = self._paste.pop() if self._paste else ""
            self._size -= len(tail)
            data, found = tail + data, (tail + data).find(self.END)
            if found < 0:
                self._paste.append(data)
                self._size += len(data)
                if self._size > PASTE_MOST:  # the end mark is not coming
                    parts.append(Paste("".join(self._paste)))
                    self._paste = None
                break
            parts.append(Paste("".join([*self._paste, data[:found]])))
            self._paste, data = None, data[found + len(self.END) :]
        return parts


def hang_up(output: TerminalOutput) -> None:
    """The terminal is gone: drop the driver's output, and send stdout and stderr (what
    Textual or Python may still print while the app saves and exits) to /dev/null."""
    output.gone = True
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.__stdout__, sys.__stderr__):
            if stream is not None:
                os.dup2(null, stream.fileno())
    finally:
        os.close(null)
