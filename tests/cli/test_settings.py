"""config.toml: defaults, every key, and messages that name the file, the key, what is allowed."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path

import pytest
from textual.binding import Binding

from execgap_tui.config.settings import SettingsError, config_path, load_settings, render
from execgap_tui.core.nudge import QuietHours


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_no_file_means_the_defaults_and_nothing_is_written(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "config.toml")
    assert settings.start_timer_s == 120 and settings.nudge.threshold == 3
    assert settings.channels.desktop and settings.channels.terminal
    assert list(tmp_path.iterdir()) == []


def test_every_key(tmp_path: Path) -> None:
    path = write(tmp_path, """
start_timer = "90s"
[nudge]
window = "2h"
threshold = 5
cooldown = "45m"
waiting = "30m"
quiet_hours = "22:30-07:00"
[channels]
desktop = false
terminal = false
""")  # fmt: skip
    s = load_settings(path)
    assert (s.start_timer_s, s.nudge.start_timer_s) == (90, 90)
    assert s.nudge.window == timedelta(hours=2) and s.nudge.threshold == 5
    assert s.nudge.cooldown == timedelta(minutes=45)
    assert s.nudge.stale_after == timedelta(minutes=30)
    assert s.nudge.quiet == QuietHours(time(22, 30), time(7))
    assert not s.channels.desktop and not s.channels.terminal
    assert load_settings(write(tmp_path, render(s))) == s  # what config prints reads back


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colour = "red"', "unknown key colour"),
        ("[nudge]\nthresold = 2", "unknown key nudge.thresold (known: nudge.cooldown"),
        ('[nudge]\nwindow = "2m"', 'nudge.window = "2m" is not allowed: a duration from 5m'),
        ("[nudge]\nthreshold = true", "nudge.threshold = true is not allowed: a whole number"),
        ("[nudge]\nthreshold = 0", "nudge.threshold = 0 is not allowed"),
        ('[nudge]\nquiet_hours = "late"', 'quiet_hours = "late" is not allowed: a span like'),
        ('[channels]\ndesktop = "yes"', 'channels.desktop = "yes" is not allowed: true or false'),
        ("start_timer = 5", "start_timer = 5 is not allowed: a whole number from 10"),
        ('nudge = "x"', 'nudge = "x" is not allowed: a table'),
        ("[nudge\n", "not readable as TOML"),
        (
            '[display]\nascii = "sometimes"',
            'ascii = "sometimes" is not allowed: true, false or "auto"',
        ),
        ("[display]\nascii = 1", 'display.ascii = 1 is not allowed: true, false or "auto"'),
        ('"\\u001b]2;PWNED\\u0007" = 1', 'unknown key "\\u001b]2;PWNED\\u0007" (known: channels'),
        ('[keys]\n"\\u202eab" = "x"', 'unknown key keys."\\u202eab" (known: keys.'),
        ("a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("x = {" + "a = {" * 900 + "}" * 901, "nested too deeply"),
        ("[display]\nascii = " + "[" * 300 + "]" * 300, "display.ascii = [[[[[[[[["),
        ("start_timer = " + '"' + "9" * 5000 + 's"', 'start_timer = "99999999999'),
    ],
)
def test_bad_settings_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    said = str(raised.value)
    assert said.startswith(f"{path}: ") and message in said
    assert said.isprintable() and len(said) < len(str(path)) + 400  # one line, and short


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.mkdir(), "is a folder: name the config file itself"),
        (lambda path: os.mkfifo(path), "is not a file (a device, a pipe or a socket)"),
        (lambda path: path.symlink_to("/dev/zero"), "is not a file (a device, a pipe or a"),
        (lambda path: path.write_text("# " + "x" * (1 << 20)), "is over 1 MiB: not a config"),
        (lambda path: path.write_bytes(b"a = 1\n\xff\x1b]2;x\x07"), "not UTF-8 text (byte 7)"),
    ],
)
def test_what_is_not_a_config_file_is_one_line_at_once(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    """In a process of its own: a FIFO or /dev/zero read as a file never ends."""
    path = tmp_path / "config.toml"
    make(path)
    done = subprocess.run(
        [sys.executable, "-m", "execgap_tui", "--data-dir", str(tmp_path / "d"), "status"],
        env={**os.environ, "EXECGAP_CONFIG": str(path)}, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"execgap: {path}") and message in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr[:-1].isprintable()


def test_the_config_file_can_be_named(tmp_path: Path) -> None:
    assert config_path({"EXECGAP_CONFIG": str(tmp_path / "c.toml")}) == str(tmp_path / "c.toml")
    assert config_path({}).endswith("/config.toml")


def test_keys_can_be_moved_and_are_named_as_textual_names_them(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nstart = "space"\nreview = "?"\nkeys = "f1"\n'
                           'review-week = "W, f7"\nstop = "x"\n')  # fmt: skip
    assert load_settings(path).keys == (  # stop = "x" is the default: nothing moved
        ("keys", "f1"), ("review", "question_mark"), ("review-week", "W,f7"), ("start", "space")
    )  # fmt: skip
    assert 'start = "space"' in render(load_settings(path))
    assert 'finish = "f"' in render(load_settings(path))  # every action is listed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('strat = "g"', "unknown key keys.strat (known: keys.add-plan"),
        ('start = "f"', 'keys.start = "f" is not allowed: f is finish\'s key on the main screen'),
        ('review-week = "q"', "q is quit's key on the review screen"),
        ('finish = "enter"', "enter is kept for moving around the app"),
        ('start = ""', 'a key like "s", "ctrl+s"'),
        ('start = "a b"', 'a key like "s", "ctrl+s"'),
        ("start = 5", 'a key like "s", "ctrl+s"'),
        ('start = "spcae"', 'keys.start = "spcae" is not allowed: a key like "s"'),
        ('start = "ctrl+spcae"', 'a key like "s", "ctrl+s"'),
        ('start = "cmd+s"', 'a key like "s", "ctrl+s"'),
        ('start = "f5,spcae"', 'a key like "s", "ctrl+s"'),
    ],
)
def test_bad_keys_are_refused_by_name(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(write(tmp_path, f"[keys]\n{text}\n"))
    assert str(caught.value).startswith(f"{tmp_path / 'config.toml'}: ") and message in str(
        caught.value
    )


def test_every_binding_of_every_screen_is_in_the_key_table() -> None:
    from textual.dom import DOMNode

    from execgap_tui.config.keys import APP, MAIN, PLAN, REVIEW
    from execgap_tui.tui.app import ExecGapApp
    from execgap_tui.tui.screens.main import MainScreen
    from execgap_tui.tui.screens.review import ReviewScreen
    from execgap_tui.tui.widgets.plan_list import PlanList

    bound_where: list[tuple[type[DOMNode], dict[str, str]]] = [
        (MainScreen, MAIN), (PlanList, PLAN), (ReviewScreen, REVIEW), (ExecGapApp, APP)
    ]  # fmt: skip
    for cls, table in bound_where:
        bound = {b.id: b.key for b in cls.BINDINGS if isinstance(b, Binding)}
        assert bound == table


def test_keys_are_named_as_textual_fires_them(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nstart = "/"\nstop = "-"\nreview = "Ctrl+S"\nkeys = "F5"\n')
    assert dict(load_settings(path).keys) == {
        "start": "slash", "stop": "minus", "review": "ctrl+s", "keys": "f5"
    }  # fmt: skip


@pytest.mark.parametrize("key", ["home", "pagedown", "ctrl+i", "ctrl+m", "Enter"])
def test_keys_the_panes_or_the_terminal_use_are_kept(tmp_path: Path, key: str) -> None:
    with pytest.raises(SettingsError, match="kept for moving around"):
        load_settings(write(tmp_path, f'[keys]\nstart = "{key}"\n'))


def test_quiet_hours_are_local_times(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="quiet_hours"):
        load_settings(write(tmp_path, '[nudge]\nquiet_hours = "22:00+01:00-07:00"\n'))


def test_key_names_are_the_ones_textual_has() -> None:
    from textual.keys import Keys, _character_to_key

    from execgap_tui.config.settings import _is_key, _key_name

    for key in Keys:  # every key Textual can fire is accepted under its name
        if not key.value.startswith("<") and "ctrl-at" not in key.value:
            assert _is_key(key.value), key.value
    for char in string.punctuation + "£§€°«¿":  # characters are named as Textual names them
        assert _key_name(char) == _character_to_key(char)
        assert _is_key(_key_name(char)) and _is_key(_character_to_key(char))
    # with modifiers, as Textual's parser fires them: the character by name, modifiers sorted
    assert _key_name("Ctrl+?") == "ctrl+question_mark"
    assert _key_name("Shift+Ctrl+X") == "ctrl+shift+x"
    assert not _is_key("latin_small_letter_a")  # Textual fires "a"
