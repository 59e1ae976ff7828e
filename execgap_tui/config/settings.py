"""config.toml -> frozen Settings, validated; every error names the file and the key.

The file is optional and never written by execgap: without it, the defaults hold.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import time, timedelta
from functools import cache, partial

from execgap_tui.config.keys import MODIFIERS, NAMED, RENAMED, RESERVED, SCREENS
from execgap_tui.config.paths import CONFIG_VARIABLE, config_folder
from execgap_tui.config.toml_file import SettingsError as SettingsError  # callers' import
from execgap_tui.config.toml_file import config_text, either, key_text, toml_text
from execgap_tui.core.errors import InvalidTimeError
from execgap_tui.core.model import DEFAULT_START_TIMER_S
from execgap_tui.core.nudge import NudgeRules, QuietHours
from execgap_tui.core.tuples import NamedTuple
from execgap_tui.core.when import parse_duration

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

BOOLEANS = ((True, True), (False, False))
"""TOML's true and false, as what they set: the allowed values are read off such tables."""
ASCII_CHOICES = (*BOOLEANS, ("auto", None))
"""[display] ascii: always, never, or when the locale is not UTF-8 (None)."""


class Channels(NamedTuple):
    """Where a nudge goes besides the app itself (the in-app toast is always shown)."""

    desktop: bool = True
    terminal: bool = True


class Settings(NamedTuple):
    """Everything a user can set."""

    start_timer_s: int = DEFAULT_START_TIMER_S
    nudge: NudgeRules = NudgeRules()
    channels: Channels = Channels()
    ascii: bool | None = None
    """Draw every glyph in ASCII; None: when the terminal's encoding is not UTF-8."""
    keys: tuple[tuple[str, str], ...] = ()
    """(binding id, key) pairs from [keys]: what the user moved, in Textual's key names."""
    path: str | None = None
    """The file these came from (None: the defaults, no file)."""


def config_path(environ: Mapping[str, str]) -> str:
    """Return `$EXECGAP_CONFIG`, else config.toml in the user config folder.

    A string, not a `Path`: `execgap status` reads the settings too, and pathlib would cost it
    3 ms to import.
    """
    if environ.get(CONFIG_VARIABLE):
        return os.path.expanduser(environ[CONFIG_VARIABLE])
    return os.path.join(config_folder(environ), "config.toml")


def load_settings(path: str | os.PathLike[str]) -> Settings:
    """Read `path` (a missing file means the defaults).

    Raises:
        SettingsError: not TOML, an unknown key, or a value out of range; the message
            names the file, the key, and what is allowed.
    """
    path = os.fspath(path)
    try:
        text = config_text(path)
    except FileNotFoundError:
        return Settings()
    import tomllib  # only when there is a file: opening the app without one skips it

    try:
        return _Reader(path).settings(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not readable as TOML ({error}).") from error
    except RecursionError:  # tomllib, like the rest, reads nested values by recursion
        raise SettingsError(f"{path}: values nested too deeply for a config file.") from None


def render(settings: Settings) -> str:
    """Return the effective settings as TOML, as `execgap config` prints them."""
    rules, channels = settings.nudge, settings.channels
    return "\n".join([
        f'start_timer = "{_duration(settings.start_timer_s)}"',
        "",
        "[nudge]",
        f'window = "{_duration(int(rules.window.total_seconds()))}"',
        f"threshold = {rules.threshold}",
        f'cooldown = "{_duration(int(rules.cooldown.total_seconds()))}"',
        f'waiting = "{_duration(int(rules.stale_after.total_seconds()))}"',
        f'quiet_hours = "{rules.quiet or ""}"',
        "",
        "[channels]",
        f"desktop = {str(channels.desktop).lower()}",
        f"terminal = {str(channels.terminal).lower()}",
        "",
        "[display]",
        f"ascii = {_ascii_value(settings.ascii)}  # {either(ASCII_CHOICES)}: when not UTF-8",
        "",
        "[keys]  # every action; change any of them",
        *(f'{action} = "{key}"' for action, key in sorted(_all_keys(settings).items())),
    ])  # fmt: skip


def _ascii_value(ascii_: bool | None) -> str:
    return next(toml_text(given) for given, value in ASCII_CHOICES if value is ascii_)


def _all_keys(settings: Settings) -> dict[str, str]:
    keys = {action: key for defaults in SCREENS.values() for action, key in defaults.items()}
    return {**keys, **dict(settings.keys)}


class _Reader:
    """Checks one file's tables key by key, naming the file and key in every message."""

    def __init__(self, path: str) -> None:
        self.path = path

    def settings(self, raw: dict[str, Any]) -> Settings:
        self._known(raw, "", {"start_timer", "nudge", "channels", "display", "keys"})
        display = self._table(raw, "display")
        self._known(display, "display.", {"ascii"})
        nudge, channels = self._table(raw, "nudge"), self._table(raw, "channels")
        self._known(nudge, "nudge.", {"window", "threshold", "cooldown", "waiting", "quiet_hours"})
        self._known(channels, "channels.", {"desktop", "terminal"})
        timer = self._get(raw, "start_timer", self._timer) or DEFAULT_START_TIMER_S
        span = partial(self._span, low=60, high=24 * 3600)
        given = {
            "window": self._get(nudge, "nudge.window", partial(self._span, low=300, high=86400)),
            "threshold": self._get(nudge, "nudge.threshold", partial(self._whole, low=1, high=99)),
            "cooldown": self._get(nudge, "nudge.cooldown", span),
            "stale_after": self._get(nudge, "nudge.waiting", span),
            "quiet": self._get(nudge, "nudge.quiet_hours", self._quiet),
        }
        rules = NudgeRules(start_timer_s=timer)._replace(**{k: v for k, v in given.items() if v})
        desktop = self._get(channels, "channels.desktop", self._bool)
        terminal = self._get(channels, "channels.terminal", self._bool)
        channels_on = Channels(desktop is not False, terminal is not False)
        ascii_ = self._get(display, "display.ascii", partial(self._one_of, choices=ASCII_CHOICES))
        keys = self._keys(self._table(raw, "keys"))
        return Settings(timer, rules, channels_on, ascii_, keys, self.path)

    def _keys(self, table: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        known = {action for keys in SCREENS.values() for action in keys}
        self._known(table, "keys.", known)
        defaults = {action: key for keys in SCREENS.values() for action, key in keys.items()}
        given = {action: self._key(f"keys.{action}", value) for action, value in table.items()}
        moved = {action: key for action, key in given.items() if key != defaults[action]}
        for screen, keys in SCREENS.items():
            taken: dict[str, str] = {}
            for action in sorted(keys, key=lambda action: action in moved):  # moved last
                for key in moved.get(action, keys[action]).split(","):
                    if key in taken:
                        raise self._fail(
                            f"keys.{action}",
                            table[action],
                            f"{key} is {taken[key]}'s key on the {screen} screen",
                        )
                    taken[key] = action  # fmt: skip
        return tuple(sorted(moved.items()))

    def _key(self, name: str, value: Any) -> str:
        """A key, or keys separated by commas: "s", "ctrl+s", "?", "f5,space"."""
        parts = [part.strip() for part in value.split(",")] if isinstance(value, str) else [""]
        keys = [_key_name(part) for part in parts]
        if not all(map(_is_key, keys)):
            raise self._fail(name, value, 'a key like "s", "ctrl+s", "?" or "f5,space"')
        if reserved := RESERVED.intersection(keys):
            raise self._fail(name, value, f"{min(reserved)} is kept for moving around the app")
        return ",".join(keys)

    def _fail(self, key: str, value: object, allowed: str) -> SettingsError:
        return SettingsError(f"{self.path}: {key} = {toml_text(value)} is not allowed: {allowed}.")

    def _known(self, table: dict[str, Any], prefix: str, keys: set[str]) -> None:
        for key in table:
            if key not in keys:
                known = ", ".join(prefix + k for k in sorted(keys))
                unknown = prefix + key_text(key)
                raise SettingsError(f"{self.path}: unknown key {unknown} (known: {known}).")

    def _table(self, raw: dict[str, Any], name: str) -> dict[str, Any]:
        table = raw.get(name, {})
        if not isinstance(table, dict):
            raise self._fail(name, table, f"a table, like [{name}]")
        return table

    def _get(self, table: dict[str, Any], key: str, check: Callable[[str, Any], Any]) -> Any:
        name = key.rsplit(".", 1)[-1]
        return check(key, table[name]) if name in table else None

    def _timer(self, key: str, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return int(self._whole(key, value, low=10, high=3600))
        return int(self._span(key, value, low=10, high=3600).total_seconds())

    def _span(self, key: str, value: Any, *, low: int, high: int) -> timedelta:
        try:
            span = parse_duration(value) if isinstance(value, str) else None
        except InvalidTimeError:
            span = None
        if span is None or not low <= span.total_seconds() <= high:
            allowed = f'a duration from {_duration(low)} to {_duration(high)}, like "20m"'
            raise self._fail(key, value, allowed)
        return span

    def _whole(self, key: str, value: Any, *, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self._fail(key, value, f"a whole number from {low} to {high}")
        return value

    def _bool(self, key: str, value: Any) -> bool:
        return self._one_of(key, value, BOOLEANS)

    def _one_of(self, key: str, value: Any, choices: tuple[tuple[object, T], ...]) -> T:
        """What `value` sets, if it is one of `choices`; else a message listing them all."""
        for given, result in choices:
            if type(value) is type(given) and value == given:  # 1 is not true
                return result
        raise self._fail(key, value, either(choices))

    def _quiet(self, key: str, value: Any) -> QuietHours | None:
        if value == "":
            return None
        try:
            start, end = (time.fromisoformat(part.strip()) for part in str(value).split("-"))
            if start.tzinfo or end.tzinfo:
                raise ValueError("quiet hours are local times")
        except ValueError:
            raise self._fail(key, value, 'a span like "22:00-07:00", or "" for none') from None
        return QuietHours(start, end)


def _is_key(key: str) -> bool:
    """Whether Textual can fire a key of this name: modifiers, then a character or a word."""
    *modifiers, last = key.split("+")
    if not all(m in MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers):
        return False
    if len(last) == 1:
        return last.isprintable() and not last.isspace()
    return last in NAMED or last in _ascii_names() or last in _character_names()


@cache
def _ascii_names() -> frozenset[str]:
    """The names of the punctuation keys on most keyboards ("question_mark"): checked first."""
    return frozenset(_char_name(chr(code)) for code in range(0x21, 0x7F) if not chr(code).isalnum())


@cache
def _character_names() -> frozenset[str]:
    """Textual's names for the keys of characters that are not letters or digits
    ("question_mark", "pound_sign"), through the Latin, punctuation and symbol blocks."""
    chars = (chr(code) for code in range(0x21, 0x2C00))
    return frozenset(_char_name(c) for c in chars if c.isprintable() and not c.isalnum())


def _key_name(key: str) -> str:
    """Textual's name for a key, as it fires it: "?" -> "question_mark", "Ctrl+/" ->
    "ctrl+slash", "Shift+Ctrl+X" -> "ctrl+shift+x" (modifiers in Textual's order)."""
    if len(key) == 1:
        return _char_name(key)
    *modifiers, last = key.split("+")
    if len(last) == 1 and not last.isalnum():
        last = _char_name(last)
    elif len(last) > 1 or modifiers:  # a named key ("Enter", "F5") or "Ctrl+S"
        last = last.lower()
    return "+".join([*sorted(modifier.lower() for modifier in modifiers), last])


def _char_name(char: str) -> str:
    """Textual's name for a character key (textual.keys): "a", "question_mark", "slash"."""
    if char.isalnum():
        return char
    import unicodedata  # here: only punctuation under [keys] needs it, not every start

    name = unicodedata.name(char, char).lower().replace("-", "_").replace(" ", "_")
    return RENAMED.get(name, name)


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or "0s"
