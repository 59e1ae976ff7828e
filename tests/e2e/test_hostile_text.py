"""Hostile stored text in a real tmux pane: an escape that sets the terminal's title, shown in
every list, toast, prompt and command, never retitles the pane."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

import pytest

from execgap_tui.core.text import clean_text
from tests.e2e.desktop import desktop_session
from tests.e2e.tmux import Pane
from tests.legacy import plant

pytestmark = pytest.mark.e2e
TITLE = "\x1b]2;PWNED\x07"
"""OSC 2: a terminal (tmux: the pane) takes what follows as its title."""
C_LOCALE = {"LANG": "C", "LC_ALL": None, "LC_CTYPE": None}
TITLED = "printf '\\033]2;%s\\033\\\\' before; "
"""A shell's first words: the pane's title is "before" until something retitles it."""


def run(execgap: Path, data: Path, *args: str) -> None:
    subprocess.run([str(execgap), "--data-dir", str(data), *args], check=True,
                   capture_output=True, timeout=30)  # fmt: skip


def as_kept_by_an_older_version(data: Path, texts: list[str]) -> None:
    """Typed text loses its control characters: make the stored texts whole again, as an
    older execgap or a hand edit may have left them."""
    plant(data, {clean_text(text): text for text in texts})


def test_a_stored_title_escape_never_retitles_the_pane(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    data, texts = tmp_path / "data", [f"Write{TITLE} \u202eit", f"[bold red]Edit[/]{TITLE}"]
    run(execgap, data, "next", texts[0])
    run(execgap, data, "plan", texts[1])
    run(execgap, data, "plan", f"Drop{TITLE} me")  # the newest: highlighted
    as_kept_by_an_older_version(data, [*texts, f"Drop{TITLE} me"])
    app = shlex.join([str(execgap), "--data-dir", str(data)])
    pane = Pane(["sh", "-c", TITLED + "exec " + app], 80, 24)
    panes.append(pane)
    pane.wait_for("READY")
    pane.keys("d")  # a toast quotes the dropped item
    screen = pane.wait_for("Dropped: Drop")
    assert pane.display("#{pane_title}") == "before"
    assert "Dropped: Drop␛]2;PWNED␇ me" in screen
    screen = pane.wait_for("[bold red]Edit[/]␛]2;PWNED␇")  # literally, in the list
    assert "│ Write␛]2;PWNED␇ \\u202eit  " in screen  # whole: no "…"
    pane.keys("e")  # the prompt's first value is the stored text
    pane.wait(lambda s: any("▊" in line and "[bold red]Edit[/]␛]2;PWNED␇" in line
                            for line in s.splitlines()), "the prompt with the text")  # fmt: skip
    pane.keys("Escape")
    pane.wait(lambda screen: "enter save" not in screen, "the prompt to close")
    pane.keys("r")
    pane.wait_for("Review of")
    pane.keys("Escape")
    pane.wait_for("READY")
    assert pane.display("#{pane_title}") == "before"
    pane.keys("q")
    pane.wait_exit()


def test_no_command_prints_a_title_escape(execgap: Path, panes: list[Pane], tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config.toml"
    config.write_text('"\\u001b]2;PWNED\\u0007" = 1\n')  # an unknown key, quoted in the error
    run(execgap, data, "start", f"Write{TITLE} it")
    run(execgap, data, "stop", "--note", f"note{TITLE}")
    as_kept_by_an_older_version(data, [f"Write{TITLE} it", f"note{TITLE}"])
    commands = [["status"], ["review"], ["review", "--format", "md"], ["export"],
                ["export", "--format", "csv"], ["status", "--format", "{" + TITLE + "}"],
                ["status", TITLE]]  # fmt: skip
    lines = [shlex.join([str(execgap), "--data-dir", str(data), *args]) for args in commands]
    lines.append(f"EXECGAP_CONFIG={shlex.quote(str(config))} {lines[0]}")
    script = TITLED + "; ".join(lines) + "; echo ALL-PRINTED; exec sleep 60"
    pane = Pane(["sh", "-c", script], 200, 60)
    panes.append(pane)
    pane.wait_for("ALL-PRINTED")
    assert pane.display("#{pane_title}") == "before"


def test_the_c_locale_draws_the_app_in_ascii(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    pane = Pane([str(execgap), "--data-dir", str(tmp_path / "data")], 80, 24, env=C_LOCALE)
    panes.append(pane)
    screen = pane.wait_for("READY")
    assert screen.isascii() and "Next action" in screen
    pane.keys("q")
    pane.wait_exit()


def test_a_desktop_notification_shows_plan_text_as_text(
    execgap: Path, panes: list[Pane], tmp_path: Path
) -> None:
    """dunst renders the body's markup (a link, an image): the nudge's body is escaped."""
    data, hostile = tmp_path / "data", '<a href="http://x.example">Pay</a> <img src="/x.png">'
    with desktop_session() as desktop:
        env = {**desktop.env, "EXECGAP_CONFIG": str(tmp_path / "none.toml")}
        pane = Pane([str(execgap), "--data-dir", str(data)], 80, 24, env=env)
        panes.append(pane)
        pane.wait_for("READY")
        for text in ("Book the flights to Lisbon", "Email the landlord", "Fix the bike"):
            run(execgap, data, "plan", text)
        run(execgap, data, "next", hostile)  # the nudge names the next action
        pane.wait_for("Planning is ahead of doing")
        deadline = time.monotonic() + 10
        while not desktop.notify_calls() and time.monotonic() < deadline:
            time.sleep(0.05)
        [call] = desktop.notify_calls()
    assert "<a href" not in call and "<img" not in call
    assert '&lt;a href="http://x.example"&gt;Pay&lt;/a&gt; &lt;img src="/x.png"&gt;' in call
