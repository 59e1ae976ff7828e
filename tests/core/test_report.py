"""A review as text, Markdown and JSON: the same figures, user text never taken as markup."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from execgap_tui.core.report import (
    ASCII_BARS,
    duration_text,
    json_report,
    markdown_report,
    text_report,
    timeline,
)
from execgap_tui.core.review import DayReview, ItemLine

DAY = date(2026, 11, 24)
AT = datetime(2026, 11, 24, 9, 5, tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def test_the_timeline_is_as_tall_as_each_hours_focus() -> None:
    hours = (0, 1, 450, 451, 1800, 3599, 3600, 7200, *([0] * 16))
    assert timeline(hours) == "·▁▁▂▄███" + "·" * 16
    assert timeline(hours, ASCII_BARS) == ".::-+@@@" + "." * 16


def test_durations_read_at_a_glance() -> None:
    assert [duration_text(s) for s in (0, 59, 60, 3599, 3600, 4650)] == [
        "0s", "59s", "1m", "59m", "1h 00m", "1h 17m"
    ]  # fmt: skip


def test_an_empty_day_has_no_ratios_and_a_kind_word() -> None:
    review = DayReview(DAY)
    text = text_report(review, utc)
    assert "Nothing was planned or started this day" in text
    assert "gap" not in text and "momentum" not in text
    assert json_report(review, utc)["gap_ratio"] is None
    assert "Nothing was planned" in markdown_report(review, utc)


def test_planning_only_says_so() -> None:
    line = ItemLine("Plan the trip", AT)
    review = DayReview(DAY, planned=3, carried_over=(line,))
    text = text_report(review, utc)
    assert "You planned 3 and started nothing." in text
    assert "  planned 09:05  Plan the trip\n" in text
    assert "gap: planned ÷ done   — (nothing done)" in text


def test_user_text_is_never_markup_or_a_terminal_escape() -> None:
    line = ItemLine("Fix *all* [bold]\x1b[31m | `x` <b>", AT, AT, 60, 1)
    review = DayReview(DAY, sessions=1, starts=1, done=1, items_done=1, done_items=(line,))
    markdown = markdown_report(review, utc, tomorrow="# not a heading")
    assert "Fix \\*all\\* \\[bold\\]␛\\[31m \\| \\`x\\` \\<b\\>" in markdown
    assert "\\# not a heading" in markdown and "\x1b" not in markdown
    assert "\x1b" not in text_report(review, utc, tomorrow="\x1b[2J")


def test_json_has_exactly_the_documented_fields() -> None:
    report = json_report(DayReview(DAY), utc)
    assert list(report) == [
        "date", "sessions", "starts", "done", "stopped", "focus_seconds",
        "median_start_latency_seconds", "momentum_rate", "planned", "items_done", "gap_ratio",
        "hours", "done_items", "started_not_done", "going_on", "carried_over",
    ]  # fmt: skip
    assert report["hours"] == [0] * 24 and report["date"] == "2026-11-24"


def test_a_session_going_on_past_the_day_is_listed_as_going_on_only_then() -> None:
    ended = datetime(2026, 11, 25, 0, 45, tzinfo=UTC)
    going = ItemLine("Write the intro", datetime(2026, 11, 24, 23, 30, tzinfo=UTC), ended, 1800, 1)
    review = DayReview(DAY, sessions=1, starts=1, focus_s=1800, going_on=(going,))
    text = text_report(review, utc)
    assert (
        "Going on (continued past the day):\n  23:30-25 Nov 00:45  Write the intro  (30m)\n" in text
    )
    assert "Done:\n  none\n" in text and "Started, not done:\n  none\n" in text
    assert "## Going on (continued past the day)" in markdown_report(review, utc)
    [line] = json_report(review, utc)["going_on"]
    assert line == {"text": "Write the intro", "started_at": "2026-11-24T23:30:00+00:00",
                    "last_ended_at": "2026-11-25T00:45:00+00:00", "running": False,
                    "focus_seconds": 1800, "sessions": 1}  # fmt: skip
    assert "Going on" not in text_report(review._replace(going_on=()), utc)


@pytest.mark.parametrize(
    "text", ["---", "1. Call the bank", "- a list", "+ a list", "# a heading", "> a quote",
             "| a | b |", "`code`", "*em* _em_", "[a link](http://x)", "<img src=x>", "&copy;",
             "===", "2) two"],
)  # fmt: skip
def test_markdown_shows_every_line_of_user_text_as_text(text: str) -> None:
    """Rendered by a real CommonMark parser (markdown-it, Textual's own), each list entry
    and tomorrow's action are the text as typed: no rule, list, heading, link or tag."""
    from markdown_it import MarkdownIt

    line = ItemLine(text, AT, AT, 60, 1)
    review = DayReview(DAY, sessions=1, starts=1, done=1, items_done=1, done_items=(line,))
    html = (
        MarkdownIt("commonmark").enable("table").render(markdown_report(review, utc, tomorrow=text))
    )
    literal = html_text(text)
    assert f"<li>09:05-09:05  {literal}  (1m)</li>" in html
    assert html.endswith(f"<h2>Tomorrow starts with</h2>\n<p>{literal}</p>\n")


def html_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
