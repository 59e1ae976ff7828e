"""The architecture as a check: core is pure, and the command line never loads Textual."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "execgap_tui"


def imports(path: Path) -> set[str]:
    """Return the absolute module names that `path` imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_command_line_never_loads_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from execgap_tui.cli.main import main\n"
        f"for args in (['plan', 'x'], ['start'], ['status'], ['review'], ['export'], ['done']):\n"
        f"    main(['--data-dir', {str(tmp_path)!r}, *args])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'plyer')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args", [["status"], ["review"], ["review", "--date=yesterday", "--format", "json"]]
)
def test_status_and_review_load_neither_tinydb_nor_argparse(
    tmp_path: Path, args: list[str]
) -> None:
    code = (
        "import sys\n"
        "from execgap_tui.cli.main import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'plan', 'x'])\n"
        "for name in [m for m in sys.modules if m.startswith(('tinydb', 'execgap_tui', 'argp'))]:\n"
        "    del sys.modules[name]\n"
        "from execgap_tui.cli.main import main\n"
        f"main([*{args!r}, '--data-dir', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tinydb', 'argparse')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("args", "unloaded"),
    [
        (["status"], ("platformdirs", "typing", "pathlib", "shutil")),
        (["review"], ("platformdirs", "typing", "pathlib", "shutil")),
        (["plan", "x"], ("platformdirs", "filelock", "shutil", "logging", "argparse")),
        (["done"], ("platformdirs", "filelock", "shutil", "logging", "argparse")),
        (["done", "--note", "n"], ("platformdirs", "filelock", "shutil", "logging")),
    ],
)
def test_commands_in_the_default_folder_skip_the_costly_imports(
    tmp_path: Path, args: list[str], unloaded: tuple[str, ...]
) -> None:
    """Each of these costs a command 2-40 ms to import, against a 45 ms budget."""
    code = (
        "import sys\n"
        "from execgap_tui.cli.main import main\n"
        f"main({args!r})\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {unloaded!r}))"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": ""}
    env.pop("EXECGAP_HOME", None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_core_uses_only_the_standard_library_and_itself() -> None:
    for path in (PACKAGE / "core").glob("*.py"):
        for name in imports(path):
            stdlib = name.split(".")[0] in sys.stdlib_module_names
            assert stdlib or name.startswith("execgap_tui.core"), f"{path.name} imports {name}"


def test_only_the_storage_adapter_imports_tinydb() -> None:
    importers = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "tinydb" for name in imports(path))
    ]
    assert importers == ["store/tinyfile.py"]  # store/folder.py loads it only to write
