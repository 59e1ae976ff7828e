"""The data folder's lock: one writer at a time, across processes and threads.

On POSIX it is an exclusive `flock` on the lock file, tried again every `poll` seconds until
`timeout`. The kernel lets go of it when its holder exits, crashed or not, so a lock is never
left stale. The file is created once and never truncated or removed: removing it while
another process waits on it would let two writers in at once.

Written here because the filelock package costs every writing command 40 ms to
import (it loads logging, inspect, secrets and decimal), against a budget of 45 ms for the
whole command. Off POSIX, filelock does the same job.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.core.errors import DataFileError
    from execgap_tui.store.files import StrPath

_HELD_ELSEWHERE = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


def holders(path: StrPath) -> list[int]:
    """Return the ids of the processes holding the lock on `path` now.

    Read from Linux's /proc/locks; elsewhere, or when it cannot be read, none are known.
    """
    try:
        info = os.stat(path)
        with open("/proc/locks", encoding="ascii") as file:
            table = file.read()
    except (OSError, UnicodeDecodeError):
        return []
    where = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:2148837 0 EOF"; a waiter's line has "->" after "1:"
    rows = (line.split() for line in table.splitlines())
    return [int(row[4]) for row in rows if row[1:2] == ["FLOCK"] and row[5:6] == [where]]


class LockError(Exception):
    """The lock cannot be taken: its file cannot be opened, or its file system cannot lock."""


class LockTimeout(LockError):
    """The lock was still held by someone else when the timeout ran out."""


if sys.platform == "win32":  # not run by CI, which is Linux

    @contextmanager
    def hold(path: StrPath, timeout: float, poll: float) -> Iterator[None]:
        """Hold the lock on `path` for the `with` block (see the POSIX one below)."""
        from filelock import FileLock, Timeout

        lock = FileLock(path)
        try:
            lock.acquire(timeout=timeout, poll_interval=poll)
        except Timeout as error:
            raise LockTimeout(path) from error
        except OSError as error:
            raise LockError(error) from error
        try:
            yield
        finally:
            lock.release()

else:
    import fcntl

    @contextmanager
    def hold(path: StrPath, timeout: float, poll: float) -> Iterator[None]:
        """Hold the lock on `path` for the `with` block.

        Raises:
            LockTimeout: another holder kept it for `timeout` seconds.
            LockError: the lock file cannot be opened, or its file system cannot lock.
        """
        try:
            fd = _open_lock(path)
        except OSError as error:
            raise LockError(error) from error
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in _HELD_ELSEWHERE:
                        raise LockError(error) from error
                if time.monotonic() >= deadline:
                    raise LockTimeout(path)
                time.sleep(poll)
            yield
        finally:
            os.close(fd)  # and with it the lock


def _open_lock(path: StrPath) -> int:
    """Open (made if need be) the lock file; read-only where it cannot be written (a
    read-only folder): a lock needs only an open file, and doctor still sees who holds it."""
    from execgap_tui.store.private import FILE_MODE, private_fd

    nofollow = getattr(os, "O_NOFOLLOW", 0)  # a link at .lock is refused, never opened
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | nofollow, FILE_MODE)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EROFS, errno.EPERM) or not os.path.exists(path):
            raise
        return os.open(path, os.O_RDONLY | nofollow)
    private_fd(fd)  # made 0600 whatever the umask; one an older version made, tightened
    return fd


POLL_S = 0.002
"""Poll often: a busy writer (a script in a loop) takes the lock again at once, and at a
50 ms poll a waiter (the app) could starve for seconds."""


@contextmanager
def folder_lock(lock: str, folder: str, made: tuple[str, ...], timeout: float) -> Iterator[None]:
    """Hold the data `folder`'s `lock`, making its `made` folders first; raise execgap's
    errors (StorageBusyError after `timeout`, DataFileError when it cannot be done)."""
    from execgap_tui.core.errors import StorageBusyError
    from execgap_tui.store.files import failed
    from execgap_tui.store.private import private_folders

    try:
        private_folders(folder, made)
    except OSError as error:
        raise failed(f"create the data folder {folder}", error) from error
    try:
        with hold(lock, timeout, POLL_S):
            yield
    except LockTimeout as error:
        raise StorageBusyError(
            f"Another execgap process has held {lock} for "
            f"{timeout:.0f} s; nothing was changed. Try again."
        ) from error
    except LockError as error:
        raise lock_failed(folder, error) from error


def lock_failed(folder: str, error: LockError) -> DataFileError:
    """The execgap error for the lock of the data `folder` that could not be taken."""
    from execgap_tui.store.files import failed

    cause = error.__cause__
    if not isinstance(cause, OSError):  # filelock's own (off POSIX)
        cause = OSError(str(error))
    return failed(f"lock the data folder {folder}", cause)
