"""Whole-file safety for the data folder: atomic replace, the last good copy, setting aside.

Nothing here knows what the files hold (that is storage.py); it knows how not to lose them.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from execgap_tui.core.errors import DamagedFileError, DataFileError

TYPE_CHECKING = False  # typing costs every command 7 ms to import; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

Document = dict[str, "Any"]
_ASIDE = ".damaged-"


def backup_of(path: Path) -> Path:
    """Return where the last good copy of `path` is kept."""
    return path.with_name(path.name + ".bak")


def load_json(path: Path) -> Document | None:
    """Return the JSON object in `path`, or None when there is no file.

    Raises:
        DamagedFileError: the file is empty, truncated, not JSON, or not a JSON object.
        DataFileError: the file cannot be read at all.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataFileError(f"Cannot read {path}: {error}") from error
    if not raw.strip():
        raise DamagedFileError(str(path), "is empty")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DamagedFileError(str(path), f"is not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise DamagedFileError(str(path), "holds no tables")
    return data


def write_atomic(path: Path, data: Document) -> None:
    """Replace `path` with `data` so that a reader or a crash sees the old file or the new.

    The file being replaced (read and found good by the caller) stays as the `.bak` copy.
    Call it only while holding the data folder's lock.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as file:
            # dumps, not dump: dump streams through the pure-Python encoder (10x slower).
            file.write(json.dumps(data, separators=(",", ":")))
            file.flush()
            os.fsync(file.fileno())
        _keep_backup(path)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise DataFileError(f"Cannot write {path}: {error}") from error


def write_text(path: Path, text: str) -> None:
    """Write a file the user reads (an exported review): whole or not at all, no backup.

    Raises:
        DataFileError: the folder cannot be made or the file cannot be written.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise DataFileError(f"Cannot write {path}: {error}") from error


def set_aside(path: Path) -> Path:
    """Move a damaged `path` to a new name beside it, never over another file; return it.

    Its last good copy goes with it (`backup_of(aside)`): the next writes of `path` rotate
    `path`'s own .bak, and the copy from before the damage must outlive them.
    """
    for n in range(1, 10_000):
        aside = path.with_name(f"{path.name}{_ASIDE}{n}")
        try:
            _link(path, aside)  # fails rather than overwrite
        except FileExistsError:
            continue
        except OSError as error:
            raise DataFileError(f"Cannot set {path} aside: {error}") from error
        with contextlib.suppress(FileNotFoundError):
            _link(backup_of(path), backup_of(aside))
        path.unlink()
        _fsync_folder(path.parent)
        return aside
    raise DataFileError(f"Cannot set {path} aside: too many damaged copies beside it.")


def set_aside_in(*folders: Path) -> list[Path]:
    """Return the files `set_aside` has left in `folders`, by name (not their .bak)."""
    found = (path for folder in folders for path in folder.glob(f"*{_ASIDE}*"))
    return sorted(path for path in found if path.suffix != ".bak")


def original_of(aside: Path) -> Path:
    """Return the path a set-aside file was found at."""
    return aside.with_name(aside.name.split(_ASIDE)[0])


def _keep_backup(path: Path) -> None:
    backup, tmp = backup_of(path), path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    with contextlib.suppress(FileNotFoundError):  # a new file has nothing to keep
        _link(path, tmp)  # a second name for the current file: no copy
        os.replace(tmp, backup)


def _link(source: Path, target: Path) -> None:
    """Give `source` a second name; copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:  # no hard links here (FAT, some network shares)
        if target.exists():
            raise FileExistsError(target) from None
        import shutil  # rarely needed, and it costs every command 2 ms to import

        shutil.copy2(source, target)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # a folder cannot be opened there; NTFS orders the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
