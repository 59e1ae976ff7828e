"""The command line as a user runs it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import io
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from execgap_tui.cli.arguments import build_parser, help_width
from execgap_tui.cli.main import main, quick_args
from execgap_tui.cli.table import COMMANDS, QUICK
from execgap_tui.core import board as steps
from execgap_tui.core.clock import FakeClock, SystemClock
from execgap_tui.core.model import Outcome
from execgap_tui.store.folder import Store


def execgap(
    folder: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=None if env is None else {**os.environ, **env},
    )


def ok(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = execgap(folder, *args, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_the_loop_from_the_command_line(tmp_path: Path) -> None:
    assert ok(tmp_path, "plan", "Call", "the", "bank") == "planned: Call the bank (1 open)\n"
    assert ok(tmp_path, "next", "Write the [bold]intro[/]") == (
        "next action: Write the [bold]intro[/]\n"
    )
    assert ok(tmp_path, "start", "--ago", "3m").startswith(
        "started: Write the [bold]intro[/] · 2:00 start timer · since "
    )
    status = execgap(tmp_path, "status")
    assert (status.returncode, status.stdout) == (0, "» +1:00 Write the [bold]intro[/]\n")
    assert ok(tmp_path, "done", "--note", "went well") == (
        "done: Write the [bold]intro[/] · 3:00 · momentum\n"
    )
    assert ok(tmp_path, "start", "Phone mum") == "started: Phone mum · 2:00 start timer\n"
    assert ok(tmp_path, "stop") == "stopped: Phone mum · 0:00 · a start\n"
    status = execgap(tmp_path, "status")
    assert (status.returncode, status.stdout) == (1, "· Phone mum\n")

    board = Store.open(tmp_path).board()
    assert [item.text for item in board.newest_first()] == ["Phone mum", "Call the bank"]
    records = json.loads(ok(tmp_path, "export"))
    assert [(r["action_text"], r["outcome"], r["note"]) for r in records] == [
        ("Write the [bold]intro[/]", "done", "went well"),
        ("Phone mum", "stopped", ""),
    ]
    assert records[0]["active_s"] == 180 and records[0]["momentum"] is True


def test_status_formats(tmp_path: Path) -> None:
    ok(tmp_path, "start", "Draft", "--ago", "30s")
    line = ok(tmp_path, "status", "--format", "{state}|{elapsed}|{remaining}|{time}|{action}")
    assert line == "start|0:30|1:30|1:30|Draft\n"
    long = "y" * 100
    ok(tmp_path, "stop")
    ok(tmp_path, "next", long)
    done = execgap(tmp_path, "status", "--format", "{action}")
    assert (done.returncode, done.stdout) == (1, "y" * 39 + "…\n")


def test_status_creates_nothing_in_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    done = execgap(folder, "status")
    assert (done.returncode, done.stdout) == (1, "· no next action\n")
    assert not folder.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "   "), "empty"),
        (("next", ""), "empty"),
        (("start",), "no next action"),
        (("done",), "No session is running"),
        (("stop", "--ago", "5 minutes"), "not a duration"),
        (("start", "x", "--ago=-5m"), "not a duration"),
        (("start", "x", "--at", "23:59:99"), "is not a time:"),
        (("status", "--format", "{nope}"), "Unknown placeholder {nope}"),
        (("status", "--format", "{unclosed"), "--format"),
        (("export", "--from", "2026-02-30"), "not a day"),
        (("export", "--from", "today", "--to", "yesterday"), "before --from"),
        (("export", "--from", "0001-01-01"), "out of range"),
        (("export", "--to", "9999-12-31"), "out of range"),
        (("start", "x", "--ago", "100000000h"), "too long"),
        (("status", "--format", "{action:>999999999}"), "plainly"),
        (("status", "--format", "{gap!r}"), "plainly"),
        (("review", "--date", "tomorrow"), "not a day"),
        (("review", "--date", "2999-12-31"), "in the future"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    ok(tmp_path, "plan", "keep me")
    before = (tmp_path / "state.json").read_bytes()
    done = execgap(tmp_path, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("execgap: ") and message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert (tmp_path / "state.json").read_bytes() == before


def test_a_note_is_held_to_the_rules_of_any_text(tmp_path: Path) -> None:
    ok(tmp_path, "start", "Write it")
    before = (tmp_path / "state.json").read_bytes()
    done = execgap(tmp_path, "done", "--note", "x" * 10_001)
    assert done.returncode == 2 and "The note is 10,001 characters long" in done.stderr
    assert (tmp_path / "state.json").read_bytes() == before  # still running
    assert ok(tmp_path, "done", "--note", "  ") == "done: Write it · 0:00 · a start\n"
    [record] = json.loads(ok(tmp_path, "export"))
    assert record["note"] == ""  # blank is no note, not an error


@pytest.mark.parametrize(
    "args", [("start", ""), ("start", "  ", " "), ("start", "", "--ago", "1m")]
)
def test_an_empty_text_to_start_is_refused_like_any_empty_text(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    ok(tmp_path, "next", "Call the bank")
    before = (tmp_path / "state.json").read_bytes()
    done = execgap(tmp_path, *args)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "execgap: The next action is empty: write a few words.\n"
    assert (tmp_path / "state.json").read_bytes() == before  # nothing started


def test_a_future_at_is_refused(tmp_path: Path) -> None:
    done = execgap(tmp_path, "start", "x", "--at", "23:59")
    if done.returncode == 0:  # it is 23:59 now: the one minute this cannot be tested
        pytest.skip("the local time is 23:59")
    assert done.returncode == 2 and "in the future" in done.stderr


def test_back_dated_finish_before_the_start_is_refused(tmp_path: Path) -> None:
    ok(tmp_path, "start", "x", "--ago", "5m")
    done = execgap(tmp_path, "done", "--ago", "10m")
    assert done.returncode == 2 and "before the session started" in done.stderr
    assert Store.open(tmp_path).board().running is not None


def test_export_csv_between_days(tmp_path: Path) -> None:
    ok(tmp_path, "start", "first", "--ago", "10m")
    ok(tmp_path, "done", "--ago", "5m")
    rows = list(csv.DictReader(io.StringIO(ok(tmp_path, "export", "--format", "csv",
                                              "--from", "today", "--to", "today"))))  # fmt: skip
    assert [(r["action_text"], r["outcome"], r["active_s"]) for r in rows] == [
        ("first", "done", "300")
    ]
    assert json.loads(ok(tmp_path, "export", "--to", "yesterday")) == []


@pytest.mark.parametrize("command", ["", "plan", "next", "start", "done", "stop", "status",
                                     "review", "export", "restore"])  # fmt: skip
def test_every_command_explains_itself(tmp_path: Path, command: str) -> None:
    done = execgap(tmp_path, *([command] if command else []), "--help")
    assert done.returncode == 0 and "usage: execgap" in done.stdout
    assert "--data-dir" in done.stdout


def parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Return the `execgap` parser ("") and each subcommand's, by name."""
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **sub.choices}


@pytest.mark.parametrize("columns", ["40", "100", "", "0", "wide"])
def test_help_wraps_as_argparse_would_with_shutil(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert help_width(os.environ) == shutil.get_terminal_size().columns - 2
    ours, theirs = parsers(build_parser()), parsers(build_parser())
    for parser in theirs.values():  # argparse's own formatter, which asks shutil the width
        parser.formatter_class = parser.formatter_class.func  # type: ignore[attr-defined]
    assert {n: p.format_help() for n, p in ours.items()} == {
        n: p.format_help() for n, p in theirs.items()
    }


def test_data_dir_after_the_command_works_too(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "execgap_tui", "plan", "late option", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert [i.text for i in Store.open(tmp_path).board().items] == ["late option"]


def test_the_app_refuses_to_open_without_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = execgap(tmp_path)
    assert done.returncode == 2 and "needs a terminal" in done.stderr
    assert main(["--data-dir", str(tmp_path)]) == 2  # in-process, as a caller would
    assert gc.isenabled()  # the collector is paused only for an app that starts
    assert "needs a terminal" in capsys.readouterr().err


def test_a_damaged_state_file_is_set_aside_and_the_command_still_works(tmp_path: Path) -> None:
    ok(tmp_path, "plan", "before")
    ok(tmp_path, "plan", "kept in the backup")
    (tmp_path / "state.json").write_text('{"meta": {"1": {"app": "execgap", "sch')
    done = execgap(tmp_path, "plan", "after")
    assert done.returncode == 0 and done.stdout == "planned: after (1 open)\n"
    assert "state.json.damaged-1" in done.stderr and "state.json.damaged-1.bak" in done.stderr
    assert "Traceback" not in done.stderr


def damage_a_record(state: Path) -> None:
    """Give the state file's record a time of the wrong type: valid JSON, read only in full."""
    data = json.loads(state.read_text())
    data["current"]["1"]["recent"][0]["at"] = 5
    state.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "args",
    [("plan", "   "), ("start", "x", "--at", "25:00"), ("done",), ("next", "x" * 10_001)],
    ids=["blank-plan", "bad-time", "nothing-running", "too-long"],
)
def test_a_refused_command_still_tells_the_file_it_set_aside(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    ok(tmp_path, "plan", "one")
    damage_a_record(tmp_path / "state.json")
    done = execgap(tmp_path, *args)
    aside = tmp_path / "state.json.damaged-1"
    assert done.returncode == 2 and "Traceback" not in done.stderr
    if aside.exists():  # set aside by this command: it says so, and where it went
        told, refused = done.stderr.splitlines()
        assert f"set aside as {aside};" in told and "recent[0]: at is 5" in told
        assert told.startswith("execgap: ") and refused.startswith("execgap: ")
    else:  # refused before the folder was read: nothing was set aside, nothing to tell
        assert done.stderr.count("\n") == 1
    after = execgap(tmp_path, "plan", "two").stderr
    assert (done.stderr + after).count(f"set aside as {aside};") == 1  # by whichever did it


def test_the_app_without_a_terminal_still_tells_what_opening_set_aside(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{damaged")
    done = execgap(tmp_path)
    told, refused = done.stderr.splitlines()
    assert f"set aside as {tmp_path / 'state.json.damaged-1'};" in told
    assert done.returncode == 2 and "needs a terminal" in refused


def test_doctor_says_what_works_and_how_to_restore(tmp_path: Path) -> None:
    new = execgap(tmp_path / "new", "doctor")
    assert "ok: not made yet" in new.stdout and "Traceback" not in new.stderr
    ok(tmp_path, "plan", "one")
    ok(tmp_path, "plan", "two")
    healthy = execgap(tmp_path, "doctor")
    folder, _, notifications = healthy.stdout.partition("desktop notifications:")
    assert "ok: state.json is readable" in folder and "PROBLEM" not in folder
    assert notifications  # this environment's own notification path, said either way
    (tmp_path / "state.json").write_text("garbage")
    for text in ("three", "four"):  # two writes after the damage
        assert execgap(tmp_path, "plan", text).returncode == 0
    report = execgap(tmp_path, "doctor")
    assert report.returncode == 1
    restore = f"execgap --data-dir {tmp_path} restore {tmp_path}/state.json.damaged-1"
    assert restore in report.stdout
    done = execgap(tmp_path, *restore.split()[3:])
    assert done.returncode == 0 and "state.json.before-restore-1" in done.stdout
    # The open items are in their own files (plan/): restoring the state file keeps them all.
    texts = sorted(i.text for i in Store.open(tmp_path).board().items)
    assert texts == ["four", "one", "three", "two"]


def test_doctor_says_how_to_mend_a_damaged_history_file(tmp_path: Path) -> None:
    ok(tmp_path, "start", "one")
    ok(tmp_path, "done")
    [month] = (tmp_path / "history").glob("*.json")
    data = json.loads(month.read_text())
    [(key, session)] = data["sessions"].items()
    session["started_at"] = "yesterday-ish"
    month.write_text(json.dumps(data))
    old = tmp_path / "history" / "2025-01.json"
    old.write_text("{damaged")
    (tmp_path / "history" / "2025-01.json.bak").write_text(
        '{"meta": {"1": {"app": "execgap", "schema": 2}}}'
    )
    review = execgap(tmp_path, "review")
    assert review.returncode == 2 and f"sessions record {key} (id {session['id']})" in review.stderr
    report = execgap(tmp_path, "doctor")
    assert report.returncode == 1
    assert f"sessions record {key}" in report.stdout
    assert f"restore {month}\n" in report.stdout and f"restore {old}\n" in report.stdout


def test_status_gap_counts_the_last_hour(tmp_path: Path) -> None:
    for n in range(2):
        ok(tmp_path, "plan", f"idea {n}")
    ok(tmp_path, "start", "one small thing")  # a plan item too, and a start
    line = ok(tmp_path, "status", "--format", "{gap} {planned} {started}")
    assert line == "+2 3 1\n"


def config_file(tmp_path: Path, text: str) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text(text)
    return {"EXECGAP_CONFIG": str(config)}


def test_the_cli_starts_the_start_timer_the_settings_give(tmp_path: Path) -> None:
    env = config_file(tmp_path, 'start_timer = "5m"\n')
    assert "5:00 start timer" in ok(tmp_path, "start", "Open the draft", env=env)
    assert ok(tmp_path, "status", "--format", "{remaining}", env=env) == "5:00\n"
    board = Store(tmp_path).board()
    assert board.running is not None and board.running.start_timer_s == 300


def test_status_gap_counts_over_the_settings_window(tmp_path: Path) -> None:
    now = SystemClock().now()  # the command reads the real clock
    store = Store.open(tmp_path)
    store.apply(partial(steps.add_plan, text="an hour and a half ago",
                        now=now - timedelta(minutes=90), new_id="p0"))  # fmt: skip
    store.apply(partial(steps.add_plan, text="lately", now=now, new_id="p1"))
    wide = config_file(tmp_path, '[nudge]\nwindow = "2h"\n')
    planned = partial(execgap, tmp_path, "status", "--format", "{planned}")
    assert planned(env=wide).stdout == "2\n"
    assert planned().stdout == "1\n"  # the default hour


def test_planning_from_the_cli_leaves_the_nudge_to_the_app(tmp_path: Path) -> None:
    for n in range(4):  # planning leads by more than the threshold, 3
        assert ok(tmp_path, "plan", f"idea {n}") == f"planned: idea {n} ({n + 1} open)\n"
    board = Store(tmp_path).board()
    assert board.nudged_at is None  # not spent: the open app (or the next launch) tells it


def test_doctor_without_a_desktop_session_says_how_to_get_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",)}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path), "doctor"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "PROBLEM: no D-Bus session bus" in done.stdout and "dbus-run-session" in done.stdout


def test_config_prints_the_path_and_the_values(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    env = {**os.environ, "EXECGAP_CONFIG": str(config)}
    run = partial(subprocess.run, [sys.executable, "-m", "execgap_tui", "config"],
                  capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    done = run()
    assert done.returncode == 0 and "(not there: these are the defaults)" in done.stdout
    config.write_text("[nudge]\nthreshold = 5\n")
    assert "threshold = 5" in run().stdout
    config.write_text("[nudge]\nthresold = 5\n")
    bad = run()
    assert bad.returncode == 2 and "unknown key nudge.thresold" in bad.stderr
    opened = subprocess.run(  # the app refuses the same file before touching the terminal
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert opened.returncode == 2 and "Traceback" not in opened.stderr


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    now = SystemClock().now() - timedelta(hours=1)
    for n in range(250):  # more than a pipe holds, so the writer must meet the closed end
        store.apply(partial(steps.write_next, text=f"item {n}", now=now, new_id=f"a{n}"))
        store.apply(partial(steps.start, now=now, new_id=f"s{n}"))
        store.apply(partial(steps.finish, outcome=Outcome.DONE, now=now))
    done = subprocess.run(
        f"{sys.executable} -m execgap_tui --data-dir {tmp_path} export | head -c 10",
        shell=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout == '[\n{"id": "'  # one session a line
    assert done.stderr == ""


NEW_YORK = {"TZ": "America/New_York"}


def seed_new_york_day(folder: Path) -> None:
    """20 November 2026 in New York (UTC-5), worked out by hand in the test below."""
    store = Store.open(folder)
    clock = FakeClock(datetime(2026, 11, 20, 13, 0, tzinfo=UTC), ZoneInfo("America/New_York"))
    store.apply(partial(steps.add_plan, text="Call the bank", now=clock.now(), new_id="p1"))
    store.apply(partial(steps.write_next, text="Write *the* intro", now=clock.now(), new_id="a1"))
    clock.advance(4 * 60)  # 08:04 local
    store.apply(partial(steps.start, now=clock.now(), new_id="s1"))
    clock.advance(40 * 60)  # 08:44 local
    store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now()))
    clock.advance(15 * 3600 + 6 * 60)  # 23:50 local, 04:50 UTC on the 21st
    store.apply(partial(steps.write_next, text="Late fix", now=clock.now(), new_id="a2"))
    store.apply(partial(steps.start, now=clock.now(), new_id="s2"))
    clock.advance(20 * 60)  # 00:10 local on the 21st
    store.apply(partial(steps.finish, outcome=Outcome.STOPPED, now=clock.now()))


def test_review_prints_a_local_days_figures(tmp_path: Path) -> None:
    seed_new_york_day(tmp_path)
    report = json.loads(ok(tmp_path, "review", "--date", "2026-11-20", "--format", "json",
                           env=NEW_YORK))  # fmt: skip
    hours = [0] * 24
    hours[8], hours[23] = 40 * 60, 10 * 60
    assert report == {
        "date": "2026-11-20",
        "sessions": 2,
        "starts": 2,
        "done": 1,
        "stopped": 0,  # on the 21st, where the session over midnight ended
        "focus_seconds": 50 * 60,
        "median_start_latency_seconds": 120,  # of 4 min and 0
        "momentum_rate": 1.0,
        "planned": 3,
        "items_done": 1,
        "gap_ratio": 3.0,
        "hours": hours,
        "done_items": [
            {"text": "Write *the* intro", "started_at": "2026-11-20T08:04:00-05:00",
             "done_at": "2026-11-20T08:44:00-05:00", "focus_seconds": 2400, "sessions": 1}
        ],
        "started_not_done": [],
        "going_on": [  # on the 20th, it went on past the day
            {"text": "Late fix", "started_at": "2026-11-20T23:50:00-05:00",
             "last_ended_at": "2026-11-21T00:10:00-05:00", "running": False,
             "focus_seconds": 600, "sessions": 1}
        ],
        "carried_over": [{"text": "Call the bank", "planned_at": "2026-11-20T08:00:00-05:00"}],
    }  # fmt: skip
    next_day = json.loads(ok(tmp_path, "review", "--date", "2026-11-21", "--format", "json",
                             env=NEW_YORK))  # fmt: skip
    assert (next_day["sessions"], next_day["starts"], next_day["stopped"]) == (1, 0, 1)
    assert next_day["focus_seconds"] == next_day["hours"][0] == 600


def test_review_as_text_and_markdown(tmp_path: Path) -> None:
    seed_new_york_day(tmp_path)
    text = ok(tmp_path, "review", "--date", "2026-11-20", env=NEW_YORK)
    assert text.startswith("Review of Friday 20 November 2026\n")
    assert "  focus                 50m\n" in text
    assert "  08:04-08:44  Write *the* intro  (40m)\n" in text
    assert "Going on (continued past the day):\n  23:50-21 Nov 00:10  Late fix  (10m)\n" in text
    markdown = ok(tmp_path, "review", "--date", "2026-11-20", "--format", "md", env=NEW_YORK)
    assert markdown.startswith("# Review of Friday 20 November 2026\n")
    assert "| gap: planned ÷ done | 3.0 |" in markdown
    assert "- 08:04-08:44  Write \\*the\\* intro  (40m)" in markdown


def test_review_of_an_empty_day_is_kind(tmp_path: Path) -> None:
    text = ok(tmp_path, "review", "--date", "2026-01-05")
    assert "Nothing was planned or started this day." in text
    assert "0/0" not in text and "nan" not in text
    assert not (tmp_path / "state.json").exists()  # reading creates nothing


def test_format_belongs_to_status(tmp_path: Path) -> None:
    done = execgap(tmp_path, "--format", "{gap}", "status")
    assert done.returncode == 2 and done.stderr.endswith("; see execgap --help\n")
    assert done.stderr.count("\n") == 1  # argparse's own error, in one line
    plain = execgap(tmp_path, "status", "--format={planned}")
    assert (plain.returncode, plain.stdout) == (1, "0\n")


QUICK_CASES = [
    [],  # the app
    ["--data-dir", "/d"],
    ["--data-dir=/a", "--data-dir", "/b"],
    ["status"],
    ["--data-dir", "/d", "status", "--format", "{gap}"],
    ["status", "--data-dir=/d", "--format=x"],
    ["review"],
    ["review", "--date", "yesterday", "--format", "md"],
    ["--data-dir=/a", "review", "--format=json", "--date=2026-01-05", "--data-dir", "/b"],
    ["review", "--format", "json", "--format", "text"],
    ["plan", "x"],
    ["plan", "Call", "the", "bank", "--data-dir", "/d"],
    ["--data-dir=/d", "next", "Open the draft"],
    ["next", ""],  # an empty word: argparse takes it too, and the command refuses it
    ["start"],
    ["start", "a", "new", "one"],
    ["start", "--data-dir", "/d"],
    ["done"],
    ["stop", "--data-dir=/d"],
]
LEFT_TO_ARGPARSE = [
    ["review", "--format", "html"],  # not a choice: argparse says which are
    ["review", "--form", "md"],  # an abbreviation argparse accepts
    ["review", "--date"],  # a missing value
    ["review", "--date", "-1"],
    ["review", "extra"],
    ["--format", "{gap}", "status"],  # --format belongs after status
    ["status", "--help"],
    ["status", "status"],
    ["--data-dir"],
    ["--version"],
    ["--data-dir", "/d", "--help"],
    ["plan"],  # needs words
    ["plan", "-5", "apples"],  # argparse decides what a dash means
    ["plan", "a", "--", "b"],
    ["plan", "a", "--data-dir", "/d", "b"],  # a word after an option
    ["plan", "--data-dir", "/d", "a"],
    ["next", "x", "--help"],
    ["start", "--at", "09:00"],  # options beyond --data-dir are argparse's
    ["start", "--ago=5m", "x"],
    ["done", "--note", "n"],
    ["done", "extra"],
    ["stop", "x"],
    ["export"],
]


@pytest.mark.parametrize("args", QUICK_CASES)
def test_the_quick_path_reads_arguments_as_argparse_does(args: list[str]) -> None:
    assert quick_args(args) == vars(build_parser().parse_args(args))


@pytest.mark.parametrize("args", LEFT_TO_ARGPARSE)
def test_anything_unusual_is_left_to_argparse(args: list[str]) -> None:
    assert quick_args(args) is None


def test_the_quick_path_knows_the_same_options_and_values_as_argparse() -> None:
    subcommands = parsers(build_parser())
    for name, quick in QUICK.items():
        actions = [a for a in subcommands[name]._actions if a.dest not in ("help", "data_dir")]
        assert {a.dest: a.default for a in actions if a.dest != "text"} == {
            dest: default for dest, default in quick.defaults.items() if dest != "text"
        }
        [words] = [a.nargs for a in actions if a.dest == "text"] or [None]
        assert words == quick.words
        for option, allowed in quick.options.items():
            [action] = [a for a in actions if option in a.option_strings]
            assert tuple(action.choices or ()) == allowed


def parse(parser: argparse.ArgumentParser, args: list[str]) -> tuple[object, str]:
    """Return what `parser` makes of `args`: the namespace, or the exit and what it printed."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            return vars(parser.parse_args(args)), out.getvalue()
    except SystemExit as leaving:
        return leaving.code, out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        *QUICK_CASES,
        *LEFT_TO_ARGPARSE,
        ["plan", "a", "b"],
        ["plan"],
        ["plna", "x"],
        ["--data-dir", "plan", "next", "x"],
        ["--data", "plan", "next", "x"],
        ["--data-dir=plan", "next", "x"],
        ["--", "plan", "x"],
        ["next", "plan", "the", "day"],
        ["start", "--at", "09:00", "--ago", "5m"],
        ["done", "--note"],
        ["stop", "--note", "n", "--data-dir", "/d"],
        ["export", "--format", "xml"],
        ["doctor", "--send-test"],
        ["config", "x"],
        ["plan", "--help"],
        ["--help"],
        ["-h", "plan"],
        ["--help", "status"],
        ["-", "plan", "x"],
        ["--data-dir=/d", "-1", "plan"],
        ["--version", "plan"],
        [],
    ],
)
def test_a_parser_built_for_its_arguments_parses_them_as_the_whole_one(args: list[str]) -> None:
    assert parse(build_parser(args), args) == parse(build_parser(), args)


def test_the_quick_path_agrees_with_argparse_on_random_command_lines() -> None:
    """Whatever the quick path reads, argparse reads the same (3000 seeded command lines)."""
    vocabulary = [*QUICK, "export", "plan", "x", "-", "-5", "--", "", "a b", "--data-dir",
                  "--data-dir=/d", "/d", "--format", "--format=md", "md", "html", "{gap}",
                  "--date", "yesterday", "--at", "09:00", "--ago", "5m", "--note", "n",
                  "--help", "-h", "--version", "--form", "--data"]  # fmt: skip
    chance = random.Random(6)
    read = 0
    for _ in range(3000):
        args = chance.choices(vocabulary, k=chance.randint(0, 5))
        quick = quick_args(args)
        if quick is not None:
            read += 1
            assert (quick, "") == parse(build_parser(), args), args
    assert read > 300  # the quick path was really tried


def test_a_command_missing_from_the_table_is_an_error_not_another_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The dispatch once ended in a catch-all that ran export for any command it forgot.
    from execgap_tui.cli.main import _run as dispatch
    from execgap_tui.cli.main import guarded

    status = guarded(lambda: dispatch({"command": "report", "format": "json"}, str(tmp_path)))
    assert status == 2
    assert capsys.readouterr().err == "execgap: unknown command 'report': see execgap --help\n"
    assert set(QUICK) <= set(COMMANDS)
