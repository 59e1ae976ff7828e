"""What text is accepted, and how it is shown."""

from __future__ import annotations

import pytest

from execgap_tui.core.errors import InvalidTextError
from execgap_tui.core.format import age_text, clock_text
from execgap_tui.core.text import MAX_TEXT, clean_text, visible


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "\u3000"])
def test_empty_or_blank_text_is_refused(raw: str) -> None:
    with pytest.raises(InvalidTextError, match="empty"):
        clean_text(raw, "next action")


def test_ten_thousand_characters_are_accepted_and_more_refused() -> None:
    assert clean_text("x" * MAX_TEXT) == "x" * MAX_TEXT
    with pytest.raises(InvalidTextError, match="10,001 characters"):
        clean_text("x" * (MAX_TEXT + 1))


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
