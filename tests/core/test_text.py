"""What text is accepted, and how it is shown."""

from __future__ import annotations

import json
import unicodedata

import pytest

from execgap_tui.core.errors import InvalidTextError
from execgap_tui.core.format import age_text, clock_text
from execgap_tui.core.text import (
    MAX_TEXT,
    cells,
    clean_text,
    csv_cell,
    json_safe,
    markdown_text,
    shown,
    visible,
)


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "\u3000"])
def test_empty_or_blank_text_is_refused(raw: str) -> None:
    with pytest.raises(InvalidTextError, match="empty"):
        clean_text(raw, "next action")


def test_ten_thousand_characters_are_accepted_and_more_refused() -> None:
    assert clean_text("x" * MAX_TEXT) == "x" * MAX_TEXT
    with pytest.raises(InvalidTextError, match="10,001 characters"):
        clean_text("x" * (MAX_TEXT + 1))


def test_a_text_of_control_characters_only_is_empty() -> None:
    with pytest.raises(InvalidTextError, match="empty"):
        clean_text("\x1b\x07\t")


def test_markup_and_wide_characters_are_kept_as_typed() -> None:
    raw = " [bold]Do[/] the [link=x]thing[/link] 漢字 😀 "
    assert clean_text(raw) == raw.strip()
    assert visible(raw) == raw


def test_control_characters_become_visible_stand_ins() -> None:
    assert visible("a\x1b[31mred\x07\x7f\x9b") == "a\u241b[31mred\u2407\u2421\\x9b"


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59, "0:59"), (125, "2:05"), (3600, "1:00:00"), (-5, "0:00")]
)
def test_clock_text(seconds: int, text: str) -> None:
    assert clock_text(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "now"), (59, "now"), (60, "1m"), (3599, "59m"), (7200, "2h"), (3 * 86400, "3d")],
)
def test_age_text(seconds: float, text: str) -> None:
    assert age_text(seconds) == text


def test_bytes_that_were_not_utf8_become_replacement_characters() -> None:
    assert clean_text("a\udc9bb") == "a\ufffdb"  # how Python decodes a bad argv byte
    assert "\ud800" not in clean_text("x\ud800y")


HOSTILE = [
    "Fix\x1b]2;PWNED\x07 it",  # retitles the terminal window
    "a\x1b[2J\x1b[H\x9b31m",  # clears the screen, a C1 CSI
    "invoice\u202eexe.pdf",  # right-to-left override: shows as "invoicefdp.exe"
    "pay\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d",  # directions
    "ad\u200bmin\u200c\u200d\u2060\ufeff",  # zero-width: "admin" that is not "admin"
    "line\u2028break\u2029",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_or_invisible_character_is_left(text: str) -> None:
    shown_text = visible(text)
    assert shown_text.isprintable()  # no control, format or separator character
    assert len(shown_text.splitlines()) == 1 and visible(shown_text) == shown_text


def test_direction_and_zero_width_characters_are_shown_as_escapes() -> None:
    assert visible("invoice\u202eexe.pdf") == "invoice\\u202eexe.pdf"
    assert visible("ad\u200bmin\ufeff") == "ad\\u200bmin\\ufeff"
    assert visible("Müller 漢字 😀 [bold red]x[/]") == "Müller 漢字 😀 [bold red]x[/]"


JOINED = [
    "\U0001f469\u200d\U0001f4bb Fix the bike",  # woman technologist: one emoji, joined
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # three joined into one
    "\U0001f3f3\ufe0f\u200d\U0001f308 flag",  # a variation selector before the joiner
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a non-joiner in a word
    "\u0915\u094d\u200d\u0937",  # Devanagari: a joiner after a virama
]


@pytest.mark.parametrize("text", JOINED)
def test_a_joiner_between_two_visible_characters_is_kept(text: str) -> None:
    assert visible(text) == text
    assert csv_cell(text) == text  # a spreadsheet gets the same words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u200dadmin", "\\u200dadmin"),  # leading
        ("admin\u200c", "admin\\u200c"),  # trailing
        ("ad \u200dmin", "ad \\u200dmin"),  # beside a space
        ("ad\u200d min", "ad\\u200d min"),
        ("ad\u200d\u200dmin", "ad\\u200d\\u200dmin"),  # beside another invisible
        ("ad\u200b\u200cmin", "ad\\u200b\\u200cmin"),
        ("a\x1b\u200db", "a\u241b\\u200db"),  # beside a control character
        ("\u200d", "\\u200d"),
    ],
)
def test_a_joiner_that_joins_nothing_visible_is_shown(text: str, expected: str) -> None:
    assert visible(text) == expected
    assert visible(expected) == expected


def test_a_cut_never_ends_on_a_joiner() -> None:
    assert shown("\U0001f469\u200d\U0001f4bb\U0001f4bb", 4) == "\U0001f469…"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Fix\tthe sink", "Fix the sink"),  # a tab is a space in one line
        ("1\r\n2\n3\r4\x0b5\x0c6\x1f7\x858\u20289\u2029", "1 2 3 4 5 6 7 8 9"),  # line breaks
        ("Call\x1b[2J the bank\x07", "Call[2J the bank"),  # what acts on a terminal goes
        ("a\x00b\x08c\x7fd\x9be\x80f", "abcdef"),
        *((text, text) for text in JOINED),
        ("\u200dinvoice\u202eexe.pdf\u200b", "\u200dinvoice\u202eexe.pdf\u200b"),  # kept, shown
    ],
)  # fmt: skip
def test_text_is_kept_as_typed_but_for_control_characters(typed: str, kept: str) -> None:
    assert clean_text(typed) == kept
    assert clean_text(kept) == kept


def width(text: str) -> int:
    """Terminal cells, counted here apart from the code under test."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("x" * 40, 40, "x" * 40),
        ("x" * 41, 40, "x" * 39 + "…"),
        ("漢" * 20, 40, "漢" * 20),
        ("漢" * 42, 40, "漢" * 19 + "…"),  # 39 cells: half a character is never drawn
        ("e\u0301" * 45, 40, "e\u0301" * 39 + "…"),  # a combining accent takes no cell
        ("ab漢", 3, "ab…"),
        ("漢字", 3, "漢…"),
        ("漢字", 2, "…"),
        ("漢字", 1, "…"),
        ("\x1b[31m", 40, "␛[31m"),
    ],
)
def test_text_is_cut_by_terminal_cells(text: str, limit: int, expected: str) -> None:
    assert shown(text, limit) == expected
    assert width(shown(text, limit)) == cells(shown(text, limit)) <= limit


def test_markdown_text_renders_as_the_text_itself() -> None:
    from markdown_it import MarkdownIt  # Textual's own Markdown parser

    render = MarkdownIt("commonmark").enable("table").render
    for text in MARKDOWN_HOSTILE:
        html = render(markdown_text(text)).strip()
        assert html == f"<p>{escape(text)}</p>", text


MARKDOWN_HOSTILE = [
    "---", "***", "___", "===", "- a list", "+ a list", "* a list", "1. a list", "12) a list",
    "# heading", "> quote", "| a | b |", "`code`", "```", "~~~", "*em* _em_ **strong**",
    "[link](http://x)", "![image](http://x/i.png)", "<b>bold</b>", "&copy; &amp;",
    "a \\ backslash", "2026. A year", "ok: nothing to escape",
]  # fmt: skip


def escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'␍x"),
        ("a\x1b[31m\r\nb\tc", "a␛[31m␍\nb\tc"),  # a cell may hold a tab and a line break
        ("Call the bank", "Call the bank"), ("1+1=2", "1+1=2"), ("", ""),
    ],
)  # fmt: skip
def test_a_csv_cell_is_never_a_formula_nor_an_escape(text: str, cell: str) -> None:
    assert csv_cell(text) == cell


def test_json_escapes_what_would_act_on_a_terminal_and_reads_back_the_same() -> None:
    record = {"text": "a\x7f\x9b31m\u202e漢字\u200b", "plain": "ascii"}
    encoded = json_safe(json.dumps(record, ensure_ascii=False))
    assert encoded.isprintable() and "漢字" in encoded
    assert json.loads(encoded) == record
    assert json_safe('{"a": "\x7f"}') == '{"a": "\\u007f"}'
