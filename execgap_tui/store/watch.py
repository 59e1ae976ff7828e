"""Being told when another process replaces a file in the data folder.

On Linux the kernel tells us (inotify, through ctypes: no dependency, no wakeups while
nothing changes). Elsewhere `FolderWatch.start` returns False and the caller checks the
file's modification time once a second instead.
"""

from __future__ import annotations

import asyncio
import os
import struct
from collections.abc import Callable
from pathlib import Path

_IN_CLOSE_WRITE, _IN_MOVED_TO, _IN_CREATE = 0x008, 0x080, 0x100
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows


class FolderWatch:
    """Calls `on_change(names)` with the names of files replaced or written in `folder`."""

    def __init__(self, folder: Path, on_change: Callable[[set[str]], None]) -> None:
        """Watch `folder` (not yet: see `start`)."""
        self.folder = folder
        self._on_change = on_change
        self._fd: int | None = None

    def start(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Start watching on `loop`; return False where inotify is not available."""
        if not hasattr(os, "O_CLOEXEC") or not hasattr(os, "fsencode"):
            return False
        import ctypes  # here, not at import: the app's first frame does not wait for it

        try:
            # The C library this process already runs on; ctypes.util.find_library("c")
            # would start ldconfig in a subprocess to find its name.
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return False
        if fd < 0:
            return False
        mask = _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE
        if libc.inotify_add_watch(fd, os.fsencode(self.folder), mask) < 0:
            os.close(fd)
            return False
        self._fd = fd
        loop.add_reader(fd, self._read)
        return True

    def close(self, loop: asyncio.AbstractEventLoop) -> None:
        """Stop watching."""
        if self._fd is not None:
            loop.remove_reader(self._fd)
            os.close(self._fd)
            self._fd = None

    def _read(self) -> None:
        assert self._fd is not None
        names: set[str] = set()
        try:
            data = os.read(self._fd, 64 * 1024)
        except BlockingIOError:
            return
        offset = 0
        while offset + _EVENT.size <= len(data):
            _wd, _mask, _cookie, length = _EVENT.unpack_from(data, offset)
            start = offset + _EVENT.size
            names.add(data[start : start + length].rstrip(b"\0").decode(errors="replace"))
            offset = start + length
        if names:
            self._on_change(names)
