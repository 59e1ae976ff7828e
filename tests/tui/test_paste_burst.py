"""How the quiet driver tells a paste that came without the paste marks from typed keys."""

from __future__ import annotations

import pytest
from textual.events import Key, Paste

from execgap_tui.tui.driver import MarkedPaste, is_bare_paste, paste_events


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


def test_the_middle_of_a_marked_paste_is_left_to_the_parser() -> None:
    marked = MarkedPaste()
    marked.see("\x1b[200~" + "word " * 800)
    assert marked.open  # the next reads look like bare pastes, but are this one's
    marked.see("word " * 800 + "\x1b[20")
    assert marked.open
    marked.see("1~")  # the end mark, cut between two reads
    assert not marked.open
