"""The data folder is the user's alone: folders 0700, files 0600, and no link followed.

Part of the storage adapter (files.py writes and reads through it). Modes are set outright,
not left to the umask (022 made every file readable by every local user, 002 writable by
the group). Inside the data folder nothing is opened through a symbolic link: a link
planted where execgap writes (its temporary files' names are known) would have it write
over the link's target. The data folder itself may be a link: that is the user's choice.
"""

from __future__ import annotations

import errno
import os
import stat

from execgap_tui.core.errors import DataFileError, LinkedFileError

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Sequence

    from execgap_tui.store.files import StrPath

FILE_MODE = 0o600
FOLDER_MODE = 0o700
OPEN_TO_OTHERS = 0o077
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # none on Windows, where links need privileges
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_READ = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC  # a FIFO: no wait


def linked(path: str) -> DataFileError:
    """The error for a symbolic link found where a file or folder of execgap's belongs."""
    return LinkedFileError(
        f"{path} is a symbolic link: execgap follows no link inside its data folder (one "
        "could send its writes anywhere). Put the file itself there, or remove the link."
    )


def create(path: str) -> int:
    """Open a new file at `path` for writing, 0600, never through a link; return its fd.

    Something already there (a temporary file left by a crash, or a link planted at the
    name) is removed first: removing a link never touches its target.
    """
    try:
        fd = os.open(path, _CREATE, FILE_MODE)
    except FileExistsError:
        os.remove(path)
        fd = os.open(path, _CREATE, FILE_MODE)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)  # the umask took bits away, or added none: exactly 0600
    return fd


def open_to_read(path: str) -> int:
    """Open the regular file at `path` to read, never through a link, never waiting on a
    FIFO; return its fd.

    Raises:
        FileNotFoundError: there is no file.
        OSError: it cannot be opened.
        DataFileError: it is a link, or not a regular file.
    """
    try:
        fd = os.open(path, _READ)
    except OSError as error:
        if error.errno == errno.ELOOP and os.path.islink(path):
            raise linked(path) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataFileError(f"{path} is not a regular file: execgap keeps its data in files.")
    return fd


def private_folder(path: str, *, itself: bool = False) -> None:
    """Make the folder `path` (0700) if it is not there; tighten one left open to others.

    A folder inside the data folder that is a link is refused; the data folder `itself`
    may be one (the user's own choice, made outside it).

    Raises:
        OSError: it cannot be made, or is not a folder.
        DataFileError: it is a link.
    """
    try:
        os.mkdir(path, FOLDER_MODE)
    except FileExistsError:
        info = os.stat(path) if itself else os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise linked(path) from None
        if not stat.S_ISDIR(info.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path) from None
        if stat.S_IMODE(info.st_mode) & OPEN_TO_OTHERS and _tightened(info):
            tighten(path)
        return
    os.chmod(path, FOLDER_MODE)  # mkdir's mode goes through the umask


def tighten(folder: str) -> None:
    """Make `folder` and the files in it (not their links, not its folders) the user's
    alone: what an older execgap left readable to all, at the first write since."""
    os.chmod(folder, FOLDER_MODE)
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & OPEN_TO_OTHERS and _tightened(info):
            os.chmod(path, FILE_MODE)


def private_fd(fd: int) -> None:
    """Make the open file `fd` 0600 if it is the user's and open to others (the lock file
    an older version made)."""
    info = os.fstat(fd)
    if hasattr(os, "fchmod") and info.st_mode & OPEN_TO_OTHERS and _tightened(info):
        os.fchmod(fd, FILE_MODE)


def _tightened(info: os.stat_result) -> bool:
    """Whether a file or folder of `info` is execgap's to tighten: the user's own, and not
    a shared folder (sticky, like /tmp, given as the data folder by mistake)."""
    owner = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return owner and not info.st_mode & stat.S_ISVTX


def private_folders(folder: str, inside: tuple[str, ...]) -> None:
    """Make the data `folder` (and the folders above it, as the system makes them) and its
    folders `inside`, each private (see `private_folder`)."""
    os.makedirs(os.path.dirname(os.path.abspath(folder)), exist_ok=True)
    private_folder(folder, itself=True)
    for path in inside:
        private_folder(path)


def private_file(path: str) -> None:
    """Make the file at `path` 0600 if it is the user's and open to others (a set-aside
    copy of a file another version or program wrote)."""
    info = os.lstat(path)
    if stat.S_ISREG(info.st_mode) and info.st_mode & OPEN_TO_OTHERS and _tightened(info):
        os.chmod(path, FILE_MODE)


def open_entries(folder: StrPath, inside: Sequence[StrPath]) -> tuple[list[str], list[str]]:
    """Return what in the data `folder` and its folders `inside` others may read or write
    (the folders themselves, and their files), and the links in them, for doctor: the next
    write tightens the first."""
    opened, links = [], []
    for n, where in enumerate([os.fspath(path) for path in (folder, *inside)]):
        try:
            info = os.stat(where) if n == 0 else os.lstat(where)
            names = [] if stat.S_ISLNK(info.st_mode) else os.listdir(where)
        except FileNotFoundError:
            continue
        if stat.S_IMODE(info.st_mode) & OPEN_TO_OTHERS and not stat.S_ISLNK(info.st_mode):
            opened.append(where)
        for name in names:
            path = os.path.join(where, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                links.append(path)
            elif stat.S_ISREG(mode) and mode & OPEN_TO_OTHERS:
                opened.append(path)
    return opened, links
