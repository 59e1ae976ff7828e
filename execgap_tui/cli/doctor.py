"""`execgap doctor`: what works here, and how to fix the rest."""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from execgap_tui.cli.commands import Context
from execgap_tui.core.errors import ExecGapError
from execgap_tui.notify.chain import check_desktop, daemon_answers, make_notifier
from execgap_tui.store.files import backup_of, original_of, set_aside_in
from execgap_tui.store.folder import Store
from execgap_tui.store.lock import holders
from execgap_tui.store.private import linked, open_entries


def doctor(ctx: Context, environ: Mapping[str, str], send_test: bool) -> int:
    """Say what works (data folder, notifications) and how to fix the rest; 1 on a problem.

    Every check is made, whatever another found: a folder that cannot be written, a file
    that cannot be read or a full disk is one line among the others, never the end.
    """
    ctx.say(f"data folder: {ctx.store.folder}")
    checks = _folder(ctx.store)
    _report(ctx, checks)
    ctx.say("desktop notifications:")
    notes = _each([partial(_notification_checks, environ, send_test)])
    _report(ctx, notes)
    ctx.say("  (in the app, a nudge also shows as a toast and rings the terminal's bell)")
    return 0 if all(ok for ok, _ in [*checks, *notes]) else 1


Check = tuple[bool, str]


def _folder(store: Store) -> list[Check]:
    """The data folder's checks, if there is a folder to check."""
    try:
        os.stat(store.folder)
    except FileNotFoundError:
        return [(True, "not made yet; the first plan or start makes it")]
    except OSError as error:
        return [(False, f"the data folder cannot be reached: {error}")]
    folder_checks = (_writable, _space, _lock, _private, _file_checks, _set_aside_checks)
    return _each([partial(check, store) for check in folder_checks])


def _each(checks: list[Callable[[], list[Check]]]) -> list[Check]:
    """Make every check: one that fails is a problem line, and the others still run."""
    found: list[Check] = []
    for check in checks:
        try:
            found += check()
        except (ExecGapError, OSError) as error:
            found.append((False, str(error)))
    return found


def _report(ctx: Context, checks: list[Check]) -> None:
    for ok, line in checks:
        ctx.say(f"  {'ok' if ok else 'PROBLEM'}: {line}")


def _notification_checks(environ: Mapping[str, str], send_test: bool) -> list[Check]:
    check = check_desktop(environ)
    checks = [(False, problem) for problem in check.problems]
    if check.backend:
        checks.append((True, f"plyer will deliver through {check.backend}"))
    if not check.problems:
        answers = daemon_answers(environ)
        if answers is not None:
            checks.append((answers, "a notification daemon answers on D-Bus" if answers else
                           "no notification daemon answers on D-Bus: start one (dunst, mako, "
                           "your desktop's own)"))  # fmt: skip
    if send_test:
        problems = make_notifier(True, False, print, environ).send(
            "execgap test", "If you can read this, desktop notifications work."
        )
        sent = "desktop" not in problems
        checks.append((sent, "a test notification was sent" if sent else problems["desktop"]))
    return checks


def _writable(store: Store) -> list[Check]:
    if os.statvfs(store.folder).f_flag & os.ST_RDONLY:
        return [(False, "the folder is on a read-only file system: execgap cannot save there")]
    writable = os.access(store.folder, os.W_OK)
    return [(writable, "the folder is writable" if writable else "the folder is not writable")]


FULL_BELOW = 64 * 1024
"""Free bytes under which a save (a few small files, each written whole) may not fit."""


def _space(store: Store) -> list[Check]:
    info = os.statvfs(store.folder)
    free = info.f_bavail * info.f_frsize
    if free < FULL_BELOW:
        return [(False, f"the disk is full ({free // 1024} KiB free): nothing can be saved "
                        "until some space is freed")]  # fmt: skip
    return [(True, f"the disk has room ({_size(free)} free)")]


def _size(count: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if count < 1024:
            return f"{count} {unit}"
        count //= 1024
    return f"{count} TiB"


def _private(store: Store) -> list[Check]:
    """Whether the folder is the user's alone, and holds no link (execgap follows none)."""
    inside = [store.plan_folder, store.history_folder, store.folder / "reviews"]
    opened, links = open_entries(store.folder, inside)
    checks: list[Check] = [(False, f"{linked(path)}".rstrip(".")) for path in links]
    if os.stat(store.folder).st_mode & stat.S_ISVTX:
        shared = "the data folder is shared by all (sticky, like /tmp): give execgap one"
        checks.append((False, f"{shared} of your own (--data-dir, EXECGAP_HOME)"))
    if opened:
        shown = ", ".join(os.path.relpath(path, store.folder) for path in opened[:3])
        checks.append((False, f"other users can read the data folder ({len(opened)} open to "
                              f"them: {shown}{', ...' if len(opened) > 3 else ''}); the next "
                              "save makes it private, or now: "
                              f"chmod -R go= {shlex.quote(str(store.folder))}"))  # fmt: skip
    elif not links:
        checks.append((True, "the folder is private (folders 0700, files 0600)"))
    return checks


def _lock(store: Store) -> list[Check]:
    free = store.lock_is_free()
    return [(free, "nobody holds the lock" if free else _held(store))]


def _mend(path: str, problem: str) -> str:
    """Add to `problem` (with data file `path`) how to mend it by hand."""
    problem = problem.rstrip(".")
    if "record that cannot be read" in problem:
        return (f"{problem}; edit that record in a text editor (the file is JSON: copy it "
                "first), or remove it")  # fmt: skip
    return f"{problem}; {_go_back(backup_of(path), path)}"


def _go_back(backup: str, to: str, since: str = "") -> str:
    """Say how to restore the last good copy `backup` of `to`, if there is one."""
    if not os.path.exists(backup):
        return "there is no earlier copy of it"
    return f"to go back to its last good copy{since}: cp '{backup}' '{to}'"


def _held(store: Store) -> str:
    """Say who holds the lock. The system lets go of it when its holder ends, so a lock is
    never stale, and removing its file would let two writers in at once."""
    who = ", ".join(f"process {pid} ({_command_of(pid)})" for pid in holders(store.lock_path))
    return (
        f"the lock has been held for over a second{f' by {who}' if who else ''}: it is let "
        f"go when its holder ends; if that hangs, end it (do not remove {store.lock_path})"
    )


def _command_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            words = file.read().rstrip(b"\0").split(b"\0")
    except OSError:
        return "gone"
    command = " ".join(b" ".join(words).decode(errors="replace").split())  # one line
    return command if len(command) <= 60 else command[:57] + "..."


def _file_checks(store: Store) -> list[Check]:
    found = list(store.check())
    checks = [(False, _mend(path, problem)) for path, problem in found if problem]
    readable = [path for path, problem in found if problem is None]
    if str(store.state_path) in readable:
        checks.insert(0, (True, "state.json is readable"))
    for folder, what in ((store.plan_folder, "plan"), (store.history_folder, "history")):
        names = [os.path.basename(path) for path in readable if Path(path).parent == folder]
        if len(names) == 1:
            checks.append((True, f"{what}/{names[0]} is readable"))
        elif names:  # one line for years of history
            checks.append((True, f"{len(names)} {what} files are readable "
                                 f"({names[0]} to {names[-1]})"))  # fmt: skip
    return checks


def _set_aside_checks(store: Store) -> list[Check]:
    checks = []
    for aside in set_aside_in(store.folder, store.plan_folder, store.history_folder):
        since = " from before it (losing what was written since)"
        restore = _go_back(backup_of(aside), original_of(aside), since)
        tidy = f"when you no longer need the damaged file: rm '{aside}'"
        checks.append((False, f"{aside} was set aside; {restore}; {tidy}"))
    return checks
