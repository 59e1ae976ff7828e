"""The notifier chain with real parts: a desktop channel with no D-Bus, a terminal channel."""

from __future__ import annotations

import sys

import pytest

from execgap_tui.notify.chain import (
    DesktopNotifier,
    NotifierChain,
    TerminalNotifier,
    body_markup,
    check_desktop,
    desktop_body,
    terminal_sequences,
)


def test_with_no_desktop_session_the_terminal_still_rings() -> None:
    written: list[str] = []
    chain = NotifierChain([DesktopNotifier({}), TerminalNotifier(written.append, {})])
    problems = chain.send("Planning is ahead of doing", "Start something small.")
    assert list(problems) == ["desktop"] and "D-Bus" in problems["desktop"]
    assert written == ["\a"]  # no OSC for a terminal not known to show it


def test_the_missing_pieces_are_named_with_their_fix() -> None:
    check = check_desktop({"PATH": "/nonexistent"})
    assert any("dbus-run-session" in problem for problem in check.problems)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"VTE_VERSION": "7000"}, "\a\x1b]777;notify;T, t;B\x1b\\"),
        ({"TERM_PROGRAM": "iTerm.app"}, "\a\x1b]9;T, t: B\x1b\\"),
        ({"TERM": "xterm-256color"}, "\a"),
        (
            {"VTE_VERSION": "7000", "TMUX": "/tmp/tmux-0/default,1,0"},
            "\a\x1bPtmux;\x1b\x1b]777;notify;T, t;B\x1b\x1b\\\x1b\\",
        ),
    ],
)
def test_terminal_sequences(environ: dict[str, str], expected: str) -> None:
    assert terminal_sequences("T; t", "B", environ) == expected


def test_control_characters_never_reach_the_terminal() -> None:
    sequence = terminal_sequences("a\x1b[31m", "b\x07\x9b", {"VTE_VERSION": "1"})
    assert sequence.count("\x1b") == 2 and sequence.count("\a") == 1


def test_a_desktop_body_is_text_not_markup() -> None:
    """The spec's body markup: a link, an image, bold; escaped, each shows as typed."""
    assert body_markup('<a href="http://x">Pay</a> & <img src="/x.png"> \x1b[1m') == (
        '&lt;a href="http://x"&gt;Pay&lt;/a&gt; &amp; &lt;img src="/x.png"&gt; ␛[1m'
    )


HOSTILE_BODY = 'Pay <b>rent</b> & <img src="/x.png"> \x1b[1m'


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_elsewhere_a_desktop_body_is_plain_text(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    """plyer's macOS and Windows backends show the body as plain text: &lt; would show."""
    monkeypatch.setattr(sys, "platform", platform)
    backend = check_desktop({}).backend
    assert desktop_body(HOSTILE_BODY, backend) == 'Pay <b>rent</b> & <img src="/x.png"> ␛[1m'


@pytest.mark.parametrize("backend", ["notify-send", "dbus-python"])
def test_through_d_bus_a_desktop_body_is_escaped_markup(backend: str) -> None:
    """The Desktop Notifications spec's daemons read the body as markup."""
    assert desktop_body(HOSTILE_BODY, backend) == body_markup(HOSTILE_BODY)
    assert desktop_body(HOSTILE_BODY, backend).startswith("Pay &lt;b&gt;rent&lt;/b&gt; &amp;")
