"""Whole-file safety for the data folder: atomic replace, the last good copy, setting aside.

Nothing here knows what the files hold (that is storage.py); it knows how not to lose them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re

from execgap_tui.core.errors import DamagedFileError, DataFileError
from execgap_tui.store.private import create, linked, open_to_read, private_folder

TYPE_CHECKING = False  # typing costs every command 3 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

    from execgap_tui.store.writes import Writes

    StrPath = str | os.PathLike[str]
    """A path as a string or a `Path`; the functions here work on strings, with `os.path`,
    because `pathlib` costs `execgap status` 3 ms to import."""

Document = dict[str, "Any"]


def failed(doing: str, error: OSError) -> DataFileError:
    """Return the error of `doing` ("write /path/state.json") failing with `error`, in one
    line; a full disk says so first, whatever was being written."""
    if error.errno == errno.ELOOP and error.filename and os.path.islink(error.filename):
        return linked(os.fsdecode(error.filename))  # opened without following it: a link
    if full_disk(error):
        full = "The disk quota is full" if error.errno == errno.EDQUOT else "The disk is full"
        return DataFileError(f"{full}: cannot {doing}. Free some space, then try again.")
    return DataFileError(f"Cannot {doing}: {error}")


def full_disk(error: OSError) -> bool:
    """Whether `error` says the disk (or the user's quota on it) is full."""
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


def backup_of(path: StrPath) -> str:
    """Return where the last good copy of `path` is kept."""
    return os.fspath(path) + ".bak"


def load_json(path: StrPath) -> Document | None:
    """Return the JSON object in `path`, or None when there is no file.

    Raises:
        DamagedFileError: the file is empty, truncated, not JSON, or not a JSON object.
        DataFileError: the file cannot be read at all.
    """
    try:
        with open(open_to_read(os.fspath(path)), "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise failed(f"read {path}", error) from error
    if not raw.strip():
        raise DamagedFileError(str(path), "is empty")
    try:
        data = json.loads(raw)
    except ValueError as error:  # not UTF-8, not JSON, a number of over 4,300 digits
        raise DamagedFileError(str(path), f"is not valid JSON ({error})") from error
    except RecursionError:  # lists in lists, thousands deep: no execgap file is
        raise DamagedFileError(str(path), "is nested too deeply to be an execgap file") from None
    if not isinstance(data, dict):
        raise DamagedFileError(str(path), "holds no tables")
    return data


def read_text(path: StrPath, limit: int) -> str | None:
    """Return the text of a small file in the data folder (a setting it remembers), None
    when there is none, or it is not text, or is longer than `limit` bytes.

    Raises:
        DataFileError: it is a link or not a regular file (opened as `load_json` opens).
    """
    try:
        with open(open_to_read(os.fspath(path)), "rb") as file:
            raw = file.read(limit + 1)
    except OSError:
        return None
    try:
        return raw.decode("utf-8") if len(raw) <= limit else None
    except UnicodeDecodeError:
        return None


def write_atomic(path: StrPath, data: Document, writes: Writes | None = None) -> None:
    """Replace `path` with `data` so that a reader or a crash sees the old file or the new.

    The file being replaced (read and found good by the caller) stays as the `.bak` copy.
    Call it only while holding the data folder's lock. Once the new file is in place the
    write has happened: should the folder then fail to sync, `writes` tells it, and the
    write is not reported as failed (a retry would make it twice). Without `writes` (a
    script's lone write), that failure is raised.
    """
    path = os.fspath(path)
    tmp = _beside(path, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(create(tmp), "w", encoding="utf-8") as file:
            # dumps, not dump: dump streams through the pure-Python encoder (10x slower).
            file.write(json.dumps(data, separators=(",", ":")))
            file.flush()
            os.fsync(file.fileno())
        kept, spare = _keep_backup(path, spare=writes is not None)
        try:
            os.replace(tmp, path)
        except OSError:
            _put_back(spare, backup_of(path))
            raise
    except OSError as error:
        discard(tmp)
        raise failed(f"write {path}", error) from error
    if writes is not None:
        writes.replaced(path, kept, spare)
    try:
        sync_folder(folder_of(path))
    except OSError as error:
        if writes is None:
            raise failed(f"sync the folder of {path}, written", error) from error
        writes.unsynced(error)


def write_text(path: StrPath, text: str, inside: StrPath | None = None) -> None:
    """Write a file the user reads (an exported review): whole or not at all, no backup.

    Its folder is made if need be, private; when it is not the data folder `inside` (the
    folder itself: default), a link in its place is refused.

    Raises:
        DataFileError: the folder cannot be made or the file cannot be written.
    """
    path = os.fspath(path)
    tmp = _beside(path, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    folder = folder_of(path)
    try:
        itself = inside is None or (os.path.isdir(folder) and os.path.samefile(folder, inside))
        private_folder(folder, itself=itself)
        with open(create(tmp), "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(tmp, path)
    except OSError as error:
        discard(tmp)
        raise failed(f"write {path}", error) from error


def leftovers(*folders: str) -> list[str]:
    """Return the temporary files writers left in `folders` (a writer holds the lock while
    one exists: any found under it are stale)."""
    return [
        os.path.join(folder, name)
        for folder in folders
        for name in names_in(folder)
        if _TEMPORARY.fullmatch(name)
    ]


_TEMPORARY = re.compile(r"\..+\.[0-9]+\.tmp")
"""What is written before it moves into place: `.state.json.1234.tmp` (see `_beside`)."""


def names_in(folder: str) -> list[str]:
    """Return the names in `folder` (none when it is not there, or is not a folder).

    Raises:
        DataFileError: it is a folder that cannot be read.
    """
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise failed(f"read the folder {folder}", error) from error


def folder_of(path: str) -> str:
    """Return the folder `path` is in."""
    return os.path.dirname(path) or "."


def _beside(path: str, name: str) -> str:
    return os.path.join(folder_of(path), name)


def discard(path: str) -> None:
    """Remove the file at `path`, if there is one."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _keep_backup(path: str, spare: bool = False) -> tuple[bool, str | None]:
    """Make the current file at `path` its .bak; False when there is none (a new file).

    With `spare`, the .bak it replaces keeps a temporary name, returned (None: there was
    none), for an undo of the save to put back: the last good copy before it is not lost.
    """
    backup = backup_of(path)
    tmp = _beside(path, f".{os.path.basename(path)}.bak.{os.getpid()}.tmp")
    discard(tmp)
    try:
        second_name(path, tmp)  # a second name for the current file: no copy
    except FileNotFoundError:
        return False, None
    old = _beside(path, f".{os.path.basename(path)}.oldbak.{os.getpid()}.tmp") if spare else None
    if old is not None:
        discard(old)
        try:
            second_name(backup, old)
        except FileNotFoundError:
            old = None
    os.replace(tmp, backup)
    return True, old


def _put_back(spare: str | None, backup: str) -> None:
    """Put the .bak a failed write replaced back from its temporary name, if it kept one."""
    if spare is not None:
        os.replace(spare, backup)


def second_name(source: str, target: str) -> None:
    """Give `source` a second name (a hard link, never through a link); copy where the
    file system has no hard links.

    Raises:
        FileExistsError: `target` is taken (it is never replaced).
    """
    try:
        # A link's own name, never its target (where the system can tell them apart).
        os.link(source, target, follow_symlinks=os.link not in os.supports_follow_symlinks)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:  # no hard links here (FAT, some network shares)
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        import shutil  # rarely needed, and it costs every command 2 ms to import

        shutil.copy2(source, target, follow_symlinks=False)


def sync_folder(folder: str) -> None:
    """Make the names in `folder` durable (a rename, a new file), where the system can."""
    if os.name == "nt":  # a folder cannot be opened there; NTFS orders the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
