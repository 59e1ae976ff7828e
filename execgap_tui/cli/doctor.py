"""`execgap doctor`: what works here, and how to fix the rest."""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

from execgap_tui.cli.commands import Context
from execgap_tui.core.errors import ExecGapError
from execgap_tui.core.text import visible
from execgap_tui.core.when import at_label
from execgap_tui.notify.chain import check_desktop, daemon_answers, make_notifier
from execgap_tui.store.aside import BEFORE_RESTORE, RESTORED, copies_in, original_of, set_aside_in
from execgap_tui.store.folder import Store
from execgap_tui.store.lock import holders
from execgap_tui.store.private import linked, open_entries
from execgap_tui.store.restore import Restored
from execgap_tui.store.restore import restore as merge_back
from execgap_tui.store.salvage import restorable

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from execgap_tui.store.reading import Problem


def doctor(ctx: Context, environ: Mapping[str, str], send_test: bool) -> int:
    """Say what works (data folder, notifications) and how to fix the rest; 1 on a problem.

    Every check is made, whatever another found: a folder that cannot be written, a file
    that cannot be read or a full disk is one line among the others, never the end.
    """
    ctx.say(f"data folder: {ctx.store.folder}")
    checks = _folder(ctx.store, environ)
    _report(ctx, checks)
    ctx.say("desktop notifications:")
    notes = _each([partial(_notification_checks, environ, send_test)])
    _report(ctx, notes)
    ctx.say("  (in the app, a nudge also shows as a toast and rings the terminal's bell)")
    return 0 if all(ok for ok, _ in [*checks, *notes]) else 1


Check = tuple[bool, str]


def _folder(store: Store, environ: Mapping[str, str]) -> list[Check]:
    """The data folder's checks, if there is a folder to check."""
    try:
        os.stat(store.folder)
    except FileNotFoundError:
        return [(True, "not made yet; the first plan or start makes it")]
    except OSError as error:
        return [(False, f"the data folder cannot be reached: {error}")]
    command = command_for(store, environ)
    checks = [partial(check, store) for check in (_writable, _space, _lock, _private)]
    checks += [partial(check, store, command) for check in (_file_checks, _set_aside_checks)]
    return _each(checks)


def _each(checks: Sequence[Callable[[], list[Check]]]) -> list[Check]:
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
    if hasattr(os, "statvfs") and os.statvfs(store.folder).f_flag & os.ST_RDONLY:
        return [(False, "the folder is on a read-only file system: execgap cannot save there")]
    writable = os.access(store.folder, os.W_OK)
    return [(writable, "the folder is writable" if writable else "the folder is not writable")]


FULL_BELOW = 64 * 1024
"""Free bytes under which a save (a few small files, each written whole) may not fit."""


def _space(store: Store) -> list[Check]:
    import shutil  # only for doctor

    free = shutil.disk_usage(store.folder).free  # what the user may still write
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


def _mend(path: str, problem: Problem, command: Command) -> str:
    """Add to `problem` (with data file `path`) how to mend it, losing nothing."""
    text = problem.rstrip(".")
    if problem.kind == "damaged" and restorable(path):  # set aside, what reads brought back
        restore = command("restore", path)
        return (f"{text}; to set it aside and bring back every record of it and of its last "
                f"good copy that reads, keeping everything else: {restore}")  # fmt: skip
    if problem.kind == "damaged":
        return f"{text}; {_LOST}"
    if problem.kind == "unreadable":
        return f"{text}; see who may read it: ls -l {shlex.quote(path)}"
    return text  # newer: left as it is until execgap is upgraded; a link: the message says


_LOST = (
    "neither it nor an earlier copy of it can be read at all: nothing in it can be brought "
    "back (it is kept as it is; a backup's copy of the file can be restored with execgap "
    "restore)"
)
Command = Callable[..., str]
"""Writes an execgap command line for the user to run, every word shell-quoted."""


def command_for(store: Store, environ: Mapping[str, str]) -> Command:
    """Return what writes the command lines doctor prints: `execgap WORDS...`, with the
    data folder named when it is not the one execgap finds by itself."""
    from execgap_tui.config.paths import data_folder

    own = os.path.abspath(data_folder(None, environ)) == os.path.abspath(store.folder)
    where = [] if own else ["--data-dir", str(store.folder)]

    def command(*words: str) -> str:
        return shlex.join(["execgap", *where, *words])

    return command


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


def _file_checks(store: Store, command: Command) -> list[Check]:
    found = list(store.check())
    checks = [(False, _mend(path, problem, command)) for path, problem in found
              if problem and not os.path.islink(path)]  # fmt: skip  # a link: said by _private
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


def _set_aside_checks(store: Store, command: Command) -> list[Check]:
    """The files set aside as damaged, each with the command that brings back what it held;
    the copies kept by restores, in one line (nothing to do but remove them one day)."""
    folders = (store.folder, store.plan_folder, store.history_folder)
    checks: list[Check] = [
        (False, f"{aside} was set aside as damaged; to bring back what it and its last good "
                f"copy hold, keeping everything written since: {command('restore', aside)}"
         if restorable(aside) else f"{aside} was set aside as damaged; {_LOST}")
        for aside in set_aside_in(*folders)
    ]  # fmt: skip
    kept = [*copies_in(*folders, kind=RESTORED), *copies_in(*folders, kind=BEFORE_RESTORE)]
    if kept:
        names = ", ".join(_shown(store, path) for path in kept)
        checks.append((True, f"kept by restores (what they held is in the data files; "
                             f"remove them when you no longer need them): {names}"))  # fmt: skip
    return checks


def restore(ctx: Context, path: str) -> int:
    """Merge a copy of a data file back into it (see `store.restore`); say what came back."""
    done = merge_back(ctx.store, path)
    ctx.tell(done.notices)
    name = _shown(ctx.store, done.target)
    ctx.say(f"restored {name} from {' and '.join(_shown(ctx.store, p) for p in done.read)}:")
    if not done.changed:
        ctx.say("  nothing to bring back: all of it that reads is there already")
    for line in _brought(ctx, done):
        ctx.say(f"  {line}")
    for unread in done.unread:
        ctx.say(f"  {_shown(ctx.store, unread)} could not be read at all (not JSON): left as it is")
    for kept in done.kept:
        was = _shown(ctx.store, original_of(kept))
        ctx.say(f"kept: {was} as it was, as {_shown(ctx.store, kept)}")
    for left in done.left:
        ctx.say(f"left: {_shown(ctx.store, left)} is left as it was, set aside: not all of it "
                "could be read, and what could not is only there (mend it by hand, then "
                "restore it again)")  # fmt: skip
    for renamed in done.renamed:
        ctx.say(f"renamed: the copy restored is now {_shown(ctx.store, renamed)} (remove it "
                "when you no longer need it)")  # fmt: skip
    return 0


def _brought(ctx: Context, done: Restored) -> list[str]:
    """What a restore brought back, a line each."""
    merged, lines = done.merged, []
    if merged.running is not None:
        since = at_label(ctx.clock, merged.running.started_at)
        lines.append(f"the running session “{visible(merged.running.action_text)}” "
                     f"(since {since}), running again")  # fmt: skip
    if merged.ended is not None:
        ended = merged.ended
        span = f"{at_label(ctx.clock, ended.started_at)}-{at_label(ctx.clock, ended.ended_at)}"
        lines.append(f"the session “{visible(merged.ended.action_text)}” ({span}) logged as "
                     "stopped: another one runs now")  # fmt: skip
    counts = [(len(merged.items), "open plan item", "open plan items"),
              (done.sessions, "finished session", "finished sessions"),
              (done.closed, "closed plan item", "closed plan items"),
              (merged.events, "recent plan or start (the gap counts them)",
               "recent plans and starts (the gap counts them)")]  # fmt: skip
    lines += [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    if merged.tomorrow:
        lines.append("tomorrow's first action")
    if done.skipped:
        lines.append(f"{done.skipped} damaged record{'s' if done.skipped != 1 else ''} could "
                     "not be read: left where they are")  # fmt: skip
    return lines


def _shown(store: Store, path: str) -> str:
    """`path` as short as it is clear: inside the data folder, from there."""
    inside = os.path.relpath(path, store.folder)
    return inside if not inside.startswith("..") else path
