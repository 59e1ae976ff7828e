"""Which device wrote a record: an id for this machine, the same for every execgap on it.

Derived from the machine's id (systemd's /etc/machine-id, D-Bus's copy of it), so it lives
outside the data folder: a folder copied or synced to another machine never brings its id
along. The machine id itself is not stored (systemd asks applications to derive their own
from it); where there is none, the host name stands in.
"""

from __future__ import annotations

import os

MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")


def device_id(files: tuple[str, ...] = MACHINE_ID_FILES) -> str:
    """Return this machine's device id for execgap: 16 hex digits, stable across runs."""
    seed = _machine_id(files) or f"host:{os.uname().nodename}"
    return f"{fnv1a_64(f'execgap device:{seed}'.encode()):016x}"


def fnv1a_64(data: bytes) -> int:
    """The 64-bit FNV-1a hash of `data`."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def _machine_id(files: tuple[str, ...]) -> str | None:
    for path in files:
        try:
            with open(path, encoding="ascii") as file:
                found = file.read().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            return found
    return None
