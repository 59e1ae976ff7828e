"""A real small file system for a test: full, or read-only, as the kernel makes it.

`in_small_fs` runs shell commands in their own mount namespace (`unshare`, as root or as
a user allowed user namespaces), with a fresh tmpfs of a few hundred KiB mounted over a
folder: writes there fail with the system's own ENOSPC or EROFS, and nothing outside the
namespace sees the mount. `$EXECGAP` in the commands is the command under test.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

EXECGAP = f"{shlex.quote(sys.executable)} -m execgap_tui"

FILL = 'cat /dev/zero > "$1/fill" 2>/dev/null; true'
"""Fill the small file system to its last block."""
READ_ONLY = 'mount -o remount,ro "$1"'


def in_small_fs(
    folder: Path, commands: str, size: str = "512k"
) -> subprocess.CompletedProcess[str]:
    """Run the shell `commands` with `folder` (also `$1`) a fresh tmpfs of `size`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = f'mount -t tmpfs -o size={size},mode=700 execgap-test "$1" && {commands}'
    env = {**os.environ, "EXECGAP": EXECGAP, "EXECGAP_HOME": str(folder / "data")}
    return subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh", str(folder)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def sections(output: str) -> list[str]:
    """Split the output of commands that each `echo "== NAME $?"` after themselves."""
    return output.split("== ")
