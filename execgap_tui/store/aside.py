"""Copies beside a data file: set aside as damaged, restored since, or kept before a restore.

Part of the storage adapter. A copy is never made over another file (the first free number
is taken), and its .bak goes with it: the file's own .bak rotates at each write.
"""

from __future__ import annotations

import contextlib
import os
import re

from execgap_tui.core.errors import DataFileError
from execgap_tui.store.files import backup_of, failed, folder_of, names_in, second_name, sync_folder
from execgap_tui.store.private import private_file

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.store.files import StrPath


def set_aside(path: str, notices: list[str]) -> str:
    """Move a damaged `path` to a new name beside it, never over another file; return it.

    Its last good copy goes with it (`backup_of(aside)`): the next writes of `path` rotate
    `path`'s own .bak, and the copy from before the damage must outlive them. A folder that
    cannot be synced after the move is told in `notices` (the move has happened).
    """
    aside = copy_aside(path, path, DAMAGED)
    os.remove(path)
    try:
        sync_folder(folder_of(path))
    except OSError as error:
        notices.append(
            f"The data folder could not be synced to disk after {path} was set aside "
            f"({error.strerror or error}): a power cut now could undo the move. Check "
            "the disk ('execgap doctor')."
        )
    return aside


DAMAGED, RESTORED, BEFORE_RESTORE = "damaged", "restored", "before-restore"
"""What a copy beside a data file is: set aside as damaged; set aside, then restored (what
it held is in the file again); the file as it was before a restore."""
_COPY = re.compile(rf"(.+)\.({DAMAGED}|{RESTORED}|{BEFORE_RESTORE})-[0-9]+")


def copy_aside(source: str, original: str, kind: str) -> str:
    """Give `source` (and its .bak, if any) a new name beside `original`, `ORIGINAL.KIND-N`
    with the first N free, never over another file; return it. `source` stays too.

    Raises:
        DataFileError: it cannot be done.
    """
    for n in range(1, 10_000):
        copy = f"{original}.{kind}-{n}"
        try:
            second_name(source, copy)  # fails rather than overwrite
        except FileExistsError:
            continue
        except OSError as error:
            raise failed(f"set {source} aside", error) from error
        with contextlib.suppress(FileNotFoundError):
            second_name(backup_of(source), backup_of(copy))
            private_file(backup_of(copy))
        private_file(copy)  # another version's or program's, it may be open to all
        return copy
    raise DataFileError(f"Cannot set {source} aside: too many copies beside it.")


def copies_in(*folders: StrPath, kind: str = DAMAGED) -> list[str]:
    """Return the copies of `kind` (`copy_aside`) in `folders`, by name (not their .bak)."""
    return sorted(
        os.path.join(folder, name)
        for folder in [os.fspath(folder) for folder in folders]
        for name in names_in(folder)
        if (found := _COPY.fullmatch(name)) and found[2] == kind
    )


def set_aside_in(*folders: StrPath) -> list[str]:
    """Return the files `set_aside` has left in `folders`, by name (not their .bak)."""
    return copies_in(*folders, kind=DAMAGED)


def original_of(copy: str) -> str:
    """Return the path of the file a copy beside it (`copy_aside`, or a .bak) is of."""
    folder, name = os.path.split(copy)
    name = name.removesuffix(".bak")
    found = _COPY.fullmatch(name)
    return os.path.join(folder, found[1] if found else name)


def kind_of(copy: str) -> str | None:
    """Return what kind of copy `copy` is (`copy_aside`), None if it is not one."""
    found = _COPY.fullmatch(os.path.basename(copy).removesuffix(".bak"))
    return found[2] if found else None


def mark_restored(copy: str) -> str:
    """Rename the set-aside `copy` (and its .bak) `ORIGINAL.restored-N`: what it held is in
    the file again. Nothing is removed but the old names."""
    restored = copy_aside(copy, original_of(copy), RESTORED)
    for name in (copy, backup_of(copy)):
        with contextlib.suppress(FileNotFoundError):
            os.remove(name)
    sync_folder(folder_of(copy))
    return restored
