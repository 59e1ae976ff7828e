"""Hostile stored text through the command line: printed as typed, never acting on the
terminal or a spreadsheet, and every message one line."""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from pathlib import Path

import pytest

from execgap_tui.core import board as steps
from execgap_tui.core.clock import SystemClock
from execgap_tui.core.model import Outcome
from execgap_tui.core.text import clean_text
from execgap_tui.store.folder import Store
from tests.cli.test_cli import execgap, ok
from tests.legacy import plant

TITLE = "\x1b]2;PWNED\x07"
"""Retitles the terminal window (tmux: the pane)."""
HOSTILE = [
    f"Fix {TITLE}the sink",
    "invoice\u202eexe.pdf \u2066and\u2069 ad\u200bmin\ufeff",  # direction, zero width
    "clear\x1b[2J\x1b[H and \x9b31m red",  # an escape, a C1 CSI
]


def safe(output: str) -> bool:
    """Whether `output` is lines of printable text: no control, format or separator
    character but the line breaks (and so no escape the terminal would obey)."""
    return all(line.isprintable() for line in output.split("\n"))


def seed(folder: Path) -> list[str]:
    """Log a session for each hostile text (through the command line); return what it said.

    Typed text loses its control characters; the stored texts are then made `HOSTILE`
    whole, as an older execgap or a hand edit may have left them.
    """
    said = [ok(folder, "plan", HOSTILE[1])]
    for text in HOSTILE:
        said += [ok(folder, "start", text), ok(folder, "stop", "--note", text)]
    said.append(ok(folder, "next", HOSTILE[0]))
    plant(folder, {clean_text(text): text for text in HOSTILE})
    return said


def test_what_commands_print_never_acts_on_the_terminal(tmp_path: Path) -> None:
    said = seed(tmp_path)
    formats = [["review"], ["review", "--format", "md"], ["review", "--format", "json"],
               ["export"], ["export", "--format", "csv"]]  # fmt: skip
    said += [ok(tmp_path, *args) for args in formats]
    said.append(execgap(tmp_path, "status").stdout)
    assert all(safe(output) for output in said), [o for o in said if not safe(o)]
    assert "planned: invoice\\u202eexe.pdf \\u2066and\\u2069 ad\\u200bmin\\ufeff" in said[0]


def test_json_keeps_the_stored_text_exactly(tmp_path: Path) -> None:
    seed(tmp_path)
    records = json.loads(ok(tmp_path, "export"))
    assert [(r["action_text"], r["note"]) for r in records] == [(t, t) for t in HOSTILE]
    review = json.loads(ok(tmp_path, "review", "--format", "json"))
    assert [line["text"] for line in review["started_not_done"]] == HOSTILE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--format", "{a\nb}"], "Unknown placeholder {a␊b}"),
        (["status", "--format", "{" + TITLE + "}"], "Unknown placeholder {␛]2;PWNED␇}"),
        (["status", "--format", "{action:>9}"], "Write placeholders plainly"),
        (["status", TITLE], "execgap: unrecognized arguments: ␛]2;PWNED␇; see execgap --help"),
        (["start", "--ago", "-5m"],
         "execgap start: argument --ago: expected one argument; see execgap start --help"),
        (["start", "--ago", "5\x1b[31m"], "'5\\x1b[31m' is not a duration"),
        (["review", "--format", "html"], "invalid choice: 'html'"),
        (["plna", "x"], "execgap: argument COMMAND: invalid choice: 'plna'"),
        (["plan"], "execgap plan: the following arguments are required: TEXT; see execgap plan"),
    ],
)  # fmt: skip
def test_every_error_is_one_printable_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = execgap(tmp_path, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and safe(done.stderr), done.stderr
    assert message in done.stderr


FORMULAS = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1:A9)", "a\tb\x1b[31m\nc"]
"""What a spreadsheet runs (a tab or CR first is one too: text is stripped before it is kept)."""


def test_csv_cells_are_never_formulas_nor_escapes(tmp_path: Path) -> None:
    store, clock = Store.open(tmp_path), SystemClock()
    for n, text in enumerate(FORMULAS):
        store.apply(partial(steps.write_next, text="x", now=clock.now(), new_id=f"a{n}"))
        store.apply(partial(steps.start, now=clock.now(), new_id=f"s{n}"))
        store.apply(partial(steps.finish, outcome=Outcome.DONE, now=clock.now(), note=text))
        store.apply(partial(steps.write_next, text=text, now=clock.now(), new_id=f"b{n}"))
        store.apply(partial(steps.start, now=clock.now(), new_id=f"t{n}"))
        store.apply(partial(steps.finish, outcome=Outcome.STOPPED, now=clock.now()))
    plant(tmp_path, {clean_text(text): text for text in FORMULAS})  # as an older version kept
    output = ok(tmp_path, "export", "--format", "csv")
    assert safe(output.replace("\t", " "))  # a tab and a line break may stay, in their cell
    rows = list(csv.DictReader(io.StringIO(output)))
    assert len(rows) == 2 * len(FORMULAS)
    texts = [row[field] for row in rows for field in ("action_text", "note") if row[field]]
    assert all(text[0] not in "=+-@\t\r" for text in texts), texts
    assert '\'=HYPERLINK("http://x","click")' in texts and "a\tb␛[31m\nc" in texts
    assert rows[0]["active_s"] == "0" and rows[0]["outcome"] == "done"  # numbers stay numbers


def test_typed_control_characters_are_dropped_and_a_tab_is_a_space(tmp_path: Path) -> None:
    said = ok(tmp_path, "plan", "Fix\tthe\x1b[31m sink\x07")
    assert said == "planned: Fix the[31m sink (1 open)\n"
    assert [item.text for item in Store.open(tmp_path).board().items] == ["Fix the[31m sink"]


def test_a_status_format_keeps_its_own_escapes_and_shows_the_stored_text(tmp_path: Path) -> None:
    """A coloured shell prompt or tmux status line: the template's codes are the user's own,
    given on purpose; the fields it takes from stored text are shown as everywhere else."""
    ok(tmp_path, "next", "Fix the sink")
    plant(tmp_path, {"Fix the sink": f"Fix {TITLE}the sink"})
    coloured = execgap(tmp_path, "status", "--format", "\x1b[32m{action}\x1b[0m {state}")
    assert coloured.stdout == "\x1b[32mFix ␛]2;PWNED␇the sink\x1b[0m idle\n"
    plain = [execgap(tmp_path, "status").stdout, ok(tmp_path, "review"), ok(tmp_path, "config")]
    assert plain[0] == "· Fix ␛]2;PWNED␇the sink\n" and all(safe(output) for output in plain)
