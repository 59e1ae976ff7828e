"""How the quiet driver tells a paste that came without the paste marks from typed keys."""

from __future__ import annotations

import pytest
from textual.events import Key, Paste

from execgap_tui.tui.driver import MarkedPastes, is_bare_paste, paste_events


@pytest.mark.parametrize(
    ("data", "paste"),
    [
        ("s", False),  # one key
        ("\r\r", False),  # two enters: keys, the prompt answers the first
        ("ab\r", False),  # a short word and enter (a slow machine's read)
        ("漢字", False),  # an input method commits a few characters at once
        ("one\rtwo", True),  # two lines
        ("\nBook flights\nsend the draft\n", True),
        ("x" * 16, True),  # more than anyone types between two reads
        ("\x1b[A" * 8, False),  # escape sequences are the parser's: eight up arrows
        ("\x1b[200~one\ntwo\x1b[201~", False),  # a marked paste
    ],
)
def test_a_bare_paste_is_many_lines_or_characters_at_once(data: str, paste: bool) -> None:
    assert is_bare_paste(data) is paste


def test_one_line_and_a_newline_is_the_line_then_enter() -> None:
    [pasted, enter] = paste_events("Write the intro\n")
    assert isinstance(pasted, Paste) and pasted.text == "Write the intro"
    assert isinstance(enter, Key) and enter.key == "enter"
    [several] = paste_events("one\ntwo\n")  # the prompt keeps the first and says so
    assert isinstance(several, Paste) and several.text == "one\ntwo\n"


def test_a_marked_paste_is_taken_whole_escapes_and_all() -> None:
    """Textual's parser ended such a paste at its escape and typed the rest as keys."""
    marked = MarkedPastes()
    [before, pasted, after] = marked.split("a\x1b[200~Buy\x1b]2;x\x07 milk\rd\r\x1b[201~b")
    assert before == "a" and after == "b"
    assert isinstance(pasted, Paste) and pasted.text == "Buy\x1b]2;x\x07 milk\rd\r"


def test_a_marked_paste_over_several_reads_ends_at_its_end_mark_cut_in_two() -> None:
    marked = MarkedPastes()
    assert marked.split("\x1b[200~" + "word " * 800) == []  # not for the parser
    assert marked.split("word " * 800 + "\x1b[20") == []
    [pasted, key] = marked.split("1~s")
    assert isinstance(pasted, Paste) and pasted.text == "word " * 1600
    assert key == "s"
