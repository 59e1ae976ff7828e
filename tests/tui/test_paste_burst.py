"""How the quiet driver tells a paste that came without the paste marks from typed keys."""

from __future__ import annotations

import pytest
from textual.events import Paste

from execgap_tui.tui.driver import PASTE_MOST, MarkedPastes, is_bare_paste


@pytest.mark.parametrize(
    ("data", "paste"),
    [
        ("s", False),  # one key
        ("\r\r", False),  # two enters: keys, the prompt answers the first
        ("ab\r", False),  # a short word and enter (a slow machine's read)
        ("漢字", False),  # an input method commits a few characters at once
        ("nCall the dentist\r", False),  # typed ahead of a busy app: n opens the prompt
        ("Call Ana\rs", False),  # ... and enter saves, and s starts
        ("\x7f" * 20, False),  # backspaces bunched by a slow link
        ("x" * 255, False),
        ("x" * 256, True),  # more than anyone types between two reads
        ("\nBook flights\nsend the draft\n", True),  # lines of text
        ("one\ttwo\nthree four five six\n", True),
        ("\x1b[A" * 80, False),  # escape sequences are the parser's: up arrows
    ],
)
def test_a_bare_paste_is_many_lines_or_characters_at_once(data: str, paste: bool) -> None:
    assert is_bare_paste(data) is paste


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


def test_a_start_mark_whose_end_never_comes_lets_go_of_the_keys_after_it() -> None:
    marked = MarkedPastes()
    assert marked.split("\x1b[200~") == []
    chunk = "x" * 4096
    parts: list[str | Paste] = []
    for _ in range(PASTE_MOST // 4096 + 1):
        parts += marked.split(chunk)
    [pasted] = parts
    assert isinstance(pasted, Paste) and len(pasted.text) > PASTE_MOST
    assert marked.split("q") == ["q"]  # keys are keys again
