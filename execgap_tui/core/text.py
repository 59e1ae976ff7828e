"""User text: what is accepted, and how it is shown without being interpreted.

Text typed or given, in the app or on the command line, is kept as `clean_text` makes it:
one line, no control character, otherwise as typed. Every place that shows stored text
(an older version or a hand edit may have left anything in it) goes through one of these:
`visible` for a terminal (with `shown` to cut it to a width), `markdown_text`, `csv_cell`
and `json_safe` for the files a user opens elsewhere. None of them lets the text act on
what shows it.
"""

from __future__ import annotations

from execgap_tui.core.errors import InvalidTextError

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from re import Match, Pattern

MAX_TEXT = 10_000
"""The longest text accepted; longer is refused rather than silently cut."""

# C0 controls become their Unicode "control pictures" (ESC -> U+241B), DEL becomes U+2421,
# and C1 controls (0x9B is a CSI on some terminals) become a visible \x.. escape.
_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = chr(0x2421)
_VISIBLE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
INVISIBLE = (
    0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),  # direction
    0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,  # zero width
    0x180E, *range(0x2061, 0x2065), *range(0x206A, 0x2070),  # other invisible formatting
    0x2028, 0x2029,  # line and paragraph separators
)  # fmt: skip
"""Characters that take no cell yet change what is shown around them (U+202E turns
"txt.exe" round), or break a line: each becomes a visible \\u.... escape."""
_VISIBLE.update({code: f"\\u{code:04x}" for code in INVISIBLE})
JOINERS = "\u200c\u200d"
"""Zero-width non-joiner and joiner: Persian and Indic words and every joined emoji (👩‍💻)
need them between two visible characters; elsewhere they only hide, and are shown."""
_ONE_LINE: dict[int, str | None] = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])
_ONE_LINE.update(dict.fromkeys(map(ord, "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"), " "))
"""What text typed or given keeps of the control characters: a space for a tab or a line
break (what str.splitlines breaks at), nothing for the others."""

FORMULA_STARTS = frozenset("=+-@\t\r")
"""What a spreadsheet runs as a formula when a cell starts with it (OWASP: CSV injection)."""
_MARKDOWN_INLINE = r"([\\`*_\[\]<>#|~&])"
"""Markup anywhere in a line: emphasis, code, links, HTML, headings, tables, entities."""
_MARKDOWN_LINE_START = r"^(\d*)([-+=.)])"
"""Markup at the start of a line: a list (- + 1. 1)), a rule or heading line (--- ===)."""


def clean_text(raw: str, what: str = "text") -> str:
    """Return `raw` as `one_line` without surrounding white space, or refuse it.

    Args:
        raw: the text as the user typed it.
        what: what the text is, for the message ("next action", "plan item").

    Raises:
        InvalidTextError: the text is empty, blank, or longer than `MAX_TEXT`.
    """
    text = one_line(_valid_unicode(raw)).strip()
    if not text:
        raise InvalidTextError(f"The {what} is empty: write a few words.")
    if len(text) > MAX_TEXT:
        raise InvalidTextError(
            f"The {what} is {len(text):,} characters long: refused (at most {MAX_TEXT:,})."
        )
    return text


def one_line(raw: str) -> str:
    """Return `raw` as the one line of text it is kept as, in the app and the command line.

    A tab or a line break (CR LF is one) becomes a space; every other control character
    (C0, DEL, C1) is dropped: none is wanted in one line, and each can act on a terminal.
    The rest is kept as typed: markup, direction and zero-width characters too (`visible`
    shows them).
    """
    if raw.isprintable():
        return raw
    return raw.replace("\r\n", "\n").translate(_ONE_LINE)


def _valid_unicode(raw: str) -> str:
    # Bytes that were not UTF-8 (a shell argument decoded with surrogateescape) and other
    # lone surrogates would reach the terminal as escapes and break the layout: each
    # becomes U+FFFD.
    try:
        data = raw.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = raw.encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "replace")


def visible(text: str) -> str:
    """Return `text` with control and invisible formatting characters shown as stand-ins.

    Terminal escapes then appear as typed and can never move the cursor, change colours or
    retitle the window; a direction override or a zero-width character is seen, not obeyed.
    A joiner (`JOINERS`) between two visible characters is kept: it is part of the word.
    The result is one line, and `visible` of it is itself.
    """
    return _shown_with(text, _VISIBLE, _VISIBLE_JOINED)


def _shown_with(text: str, table: dict[int, str], joined: dict[int, str]) -> str:
    """`text` translated by `table`, but each joiner between two characters that `table`
    leaves as they are and that are not white space (`joined`: `table` but the joiners)."""
    if JOINERS[0] not in text and JOINERS[1] not in text:
        return text.translate(table)
    pieces, start = [], 0
    for index, char in enumerate(text):
        if char in JOINERS and not _joins(text, index, table):
            pieces += [text[start:index].translate(joined), table[ord(char)]]
            start = index + 1
    return "".join([*pieces, text[start:].translate(joined)])


def _joins(text: str, index: int, table: dict[int, str]) -> bool:
    if index == 0 or index == len(text) - 1:
        return False
    return all(not c.isspace() and ord(c) not in table for c in text[index - 1 : index + 2 : 2])


def _but_joiners(table: dict[int, str]) -> dict[int, str]:
    return {code: shown for code, shown in table.items() if chr(code) not in JOINERS}


_VISIBLE_JOINED = _but_joiners(_VISIBLE)


def shown(text: str, cells: int) -> str:
    """Return `text` made `visible` in at most `cells` terminal cells, cut with "…".

    Cut by cells, not characters: a wide character (CJK, most emoji) takes two, a
    combining mark none, and neither is ever split.
    """
    text = visible(text)
    if text.isascii():
        return text if len(text) <= cells else text[: cells - 1] + "…"
    used, keep = 0, -1
    for index, char in enumerate(text):
        used += char_cells(char)
        if keep < 0 and used > cells - 1:
            keep = index  # where the ellipsis goes, should the rest not fit
        if used > cells:
            return text[:keep].rstrip(JOINERS) + "…"  # a joiner would join the "…"
    return text


def char_cells(char: str) -> int:
    """Return how many terminal cells `char` takes: 0, 1 or 2 (as wcwidth and Rich count)."""
    if char.isascii():
        return 1
    import unicodedata  # only for text that is not ASCII

    category = unicodedata.category(char)
    if category in ("Mn", "Me") or (category == "Cf" and char != "\u00ad"):
        return 0
    if "\u1160" <= char <= "\u11ff":  # Hangul vowels and finals: they join the syllable
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """Return how many terminal cells `text` takes."""
    return len(text) if text.isascii() else sum(map(char_cells, text))


def markdown_text(text: str) -> str:
    """Return `text` as one line of Markdown that renders as exactly that text, `visible`.

    Every character Markdown reads as markup is escaped with a backslash, and so is what
    would begin a list, a rule or a heading at the start of a line (`1.`, `- `, `---`).
    """
    inline, line_start = _markdown_patterns()
    return line_start.sub(r"\1\\\2", inline.sub(r"\\\1", visible(text).strip()), count=1)


def csv_cell(text: str) -> str:
    """Return `text` as a spreadsheet cell that is only ever text, `visible` but for its
    tabs and line breaks (a cell may hold them, quoted, and they move no cursor).

    A cell that starts like a formula gets a leading apostrophe, which spreadsheets show
    as text (OWASP's advice against CSV injection).
    """
    if plain_cell(text):
        return text
    cell = _shown_with(text, _CELL_VISIBLE, _CELL_JOINED)
    return "'" + cell if text[:1] in FORMULA_STARTS else cell


def plain_cell(text: str) -> bool:
    """Whether `text` is a CSV cell as it is: no formula start, nothing `visible` replaces."""
    return text.isprintable() and text[:1] not in FORMULA_STARTS


_CELL_VISIBLE = {code: shown for code, shown in _VISIBLE.items() if chr(code) not in "\t\n"}
_CELL_JOINED = _but_joiners(_CELL_VISIBLE)


def json_safe(encoded: str) -> str:
    """Return JSON text with the characters `visible` replaces written as \\u escapes.

    `json.dumps(..., ensure_ascii=False)` leaves DEL, the C1 controls and the invisible
    formatting characters raw, and they act on a terminal the JSON is printed to. Escaped,
    they read back as the same text: nothing is lost.
    """
    if encoded.isascii() and "\x7f" not in encoded:  # DEL is the one ASCII among them
        return encoded
    return _json_unsafe().sub(_json_escape, encoded)


def _json_escape(match: Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def _json_unsafe() -> Pattern[str]:
    return _compiled("[\x7f" + "".join(chr(c) for c in _VISIBLE if c > 0x7F) + "]")


def _markdown_patterns() -> tuple[Pattern[str], Pattern[str]]:
    return _compiled(_MARKDOWN_INLINE), _compiled(_MARKDOWN_LINE_START)


_patterns: dict[str, Pattern[str]] = {}


def _compiled(pattern: str) -> Pattern[str]:
    """The pattern compiled once, when first needed (status never needs one)."""
    if pattern not in _patterns:
        import re

        _patterns[pattern] = re.compile(pattern)
    return _patterns[pattern]
