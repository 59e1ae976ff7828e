"""User text: what is accepted, and how it is shown without being interpreted."""

from __future__ import annotations

from execgap_tui.core.errors import InvalidTextError

MAX_TEXT = 10_000
"""The longest text accepted; longer is refused rather than silently cut."""

# C0 controls become their Unicode "control pictures" (ESC -> U+241B), DEL becomes U+2421,
# and C1 controls (0x9B is a CSI on some terminals) become a visible \x.. escape.
_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = chr(0x2421)
_VISIBLE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})


def clean_text(raw: str, what: str = "text") -> str:
    """Return `raw` without surrounding white space, or refuse it.

    Args:
        raw: the text as the user typed it.
        what: what the text is, for the message ("next action", "plan item").

    Raises:
        InvalidTextError: the text is empty, blank, or longer than `MAX_TEXT`.
    """
    text = _valid_unicode(raw).strip()
    if not text:
        raise InvalidTextError(f"The {what} is empty: write a few words.")
    if len(text) > MAX_TEXT:
        raise InvalidTextError(
            f"The {what} is {len(text):,} characters long: refused (at most {MAX_TEXT:,})."
        )
    return text


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
    """Return `text` with control characters replaced by visible stand-ins.

    Terminal escapes then appear as typed and can never move the cursor or change colours.
    """
    return text.translate(_VISIBLE)
