"""A full disk, a read-only folder, an unreadable file: one line each, and doctor carries on.

Real file systems (tests/smallfs.py): a tmpfs filled to its last block, or remounted
read-only, in the test's own mount namespace.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.smallfs import FILL, READ_ONLY, in_small_fs

COMMANDS = {
    "plan": "$EXECGAP plan three 2>&1",
    "done": "$EXECGAP done 2>&1",
    "stop": "$EXECGAP stop 2>&1",
    "status": "$EXECGAP status 2>&1",
    "review": "$EXECGAP review 2>&1",
    "export": '$EXECGAP export 2>&1 >"$1/out.json"',  # the output itself onto the full disk
    "doctor": "$EXECGAP doctor 2>&1",
}


def run_each(folder: Path, before: str) -> dict[str, tuple[int, str]]:
    """Run each of COMMANDS after `before`; return each one's exit status and output."""
    script = "; ".join(
        f'echo "== {name}"; {command}; echo "== status $?"' for name, command in COMMANDS.items()
    )
    done = in_small_fs(folder, f"$EXECGAP plan one && $EXECGAP start two && {before}; {script}")
    assert done.returncode == 0, done.stderr
    found = re.findall(r"== (\w+)\n(.*?)== status (\d+)\n", done.stdout, re.DOTALL)
    assert [name for name, _, _ in found] == list(COMMANDS), done.stdout
    return {name: (int(status), output) for name, output, status in found}


def test_every_command_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    result = run_each(tmp_path, FILL)
    for name in ("plan", "done", "stop", "export"):
        status, output = result[name]
        assert status == 2, (name, output)
        [line] = output.splitlines()
        assert line.startswith("execgap: The disk is full"), (name, output)
    assert result["status"] == (0, result["status"][1])  # reading needs no space
    assert result["review"][0] == 0
    status, report = result["doctor"]
    assert status == 1 and "PROBLEM: the disk is full" in report
    assert "state.json is readable" in report and "desktop notifications:" in report


def test_doctor_carries_on_through_a_read_only_folder(tmp_path: Path) -> None:
    result = run_each(tmp_path, f'rm -f "$EXECGAP_HOME/.lock"; {READ_ONLY}')
    status, report = result["doctor"]
    assert status == 1 and "Traceback" not in report
    assert "PROBLEM: the folder is on a read-only file system" in report
    assert "state.json is readable" in report and "desktop notifications:" in report
    status, output = result["plan"]
    assert status == 2 and output.count("\n") == 1 and "Read-only file system" in output


def test_doctor_carries_on_past_a_file_it_cannot_read() -> None:
    # Under /tmp, not pytest's own folder: another user must reach it (run as root, doctor
    # runs as nobody, whom the permissions stop; as a user, the permissions stop them).
    with tempfile.TemporaryDirectory() as top:
        folder = Path(top) / "data"
        subprocess.run([sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), "plan",
                        "x"], check=True, capture_output=True)  # fmt: skip
        (folder / "state.json").chmod(0)
        for path in (Path(top), folder, folder / "plan", *(folder / "plan").iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)  # all readable but state.json
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        if os.geteuid() == 0 and subprocess.run([*user, sys.executable, "-c", "pass"],
                                                capture_output=True).returncode != 0:  # fmt: skip
            # Seen with pyenv's 3.12 and 3.13 as root: their libpython is under /root, which
            # nobody may enter. The same test runs on the Python the full suite runs on.
            pytest.skip(f"{sys.executable} cannot run as another user on this machine")
        done = subprocess.run(
            [*(user if os.geteuid() == 0 else []), sys.executable, "-m", "execgap_tui",
             "--data-dir", str(folder), "doctor"],
            capture_output=True, text=True, timeout=60, env={**os.environ, "HOME": top},
        )  # fmt: skip
    assert done.returncode == 1 and done.stderr == "", done.stderr
    assert f"PROBLEM: Cannot read {folder / 'state.json'}: [Errno 13] Permission denied" in (
        done.stdout
    )
    assert "plan/" in done.stdout and "desktop notifications:" in done.stdout
