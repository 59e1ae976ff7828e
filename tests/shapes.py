"""Valid JSON of the wrong shape: every field of every record of a data folder, mutated.

Shared by the CLI's and the app's tests of damaged contents (tests/cli/test_shapes.py,
tests/tui/test_app_shapes.py): each `Mutation` is one change to one file of a good folder.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from execgap_tui.core.tuples import NamedTuple

WRONG: list[object] = [
    0, -1, 1.5, 10**30, float("nan"), True, False, None, "", "x", [], {}, [1], {"a": 1},
    "2026-13-01T00:00:00+00:00", "2026-11-24T09:00:00", "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00", "done", "planned",
]  # fmt: skip
"""Values of every JSON type, and texts that are nearly times or enums."""
MISSING = object()
BAD_KEYS = ["abc", "", "1.5", "-1", "\u0663"]  # the last: a digit, but not an ASCII one


class Mutation(NamedTuple):
    """One change to one file: `where` names the record (table, key, nested fields)."""

    file: str
    """The file's path inside the data folder."""
    where: tuple[str | int, ...]
    field: str
    value: object

    def apply(self, folder: Path) -> Path:
        """Make this change to the file in `folder`; return the file's path."""
        path = folder / self.file
        data = json.loads(path.read_text())
        changed = copy.deepcopy(data)
        if self.field == "<key>":
            table = changed[self.where[0]]
            table[str(self.value)] = table.pop(next(iter(table)))
        elif self.field == "<table>":
            changed[self.where[0]] = self.value
        else:
            doc = changed
            for step in self.where:
                doc = doc[step]
            if self.value is MISSING:
                del doc[self.field]
            else:
                doc[self.field] = self.value
        path.write_text(json.dumps(changed))
        return path

    def __str__(self) -> str:
        value = "missing" if self.value is MISSING else repr(self.value)
        return f"{self.file}:{'/'.join(map(str, self.where))}:{self.field}={value}"


def mutations(folder: Path, chance: random.Random, per_field: int) -> list[Mutation]:
    """Return changes to the data files in `folder`: for each field of each record (nested
    ones too), `per_field` wrong values and its absence; for each table, keys TinyDB cannot
    read and a value that is not a table."""
    found: list[Mutation] = []
    for path in sorted(folder.rglob("*.json")):
        name = str(path.relative_to(folder))
        data = json.loads(path.read_text())
        for where, doc in _records(data):
            if len(where) == 1:  # a table
                found += [Mutation(name, where, "<key>", key) for key in BAD_KEYS if doc]
                not_tables: list[object] = [[], 5, "x"]
                found += [Mutation(name, where, "<table>", value) for value in not_tables]
                continue
            for field, stored in doc.items():
                wrong = [v for v in WRONG if not (v == stored and type(v) is type(stored))]
                for value in [*chance.sample(wrong, per_field), MISSING]:
                    found.append(Mutation(name, where, field, value))
    return found


def retyped(folder: Path, file: str) -> list[Mutation]:
    """Return, for each field of each record of `file` in `folder`, one change of its value
    to another JSON type: a text to a number, a number or nothing to a text, a table or a
    list to a number (what a hand mending a file, or another program, most often does)."""
    data = json.loads((folder / file).read_text())
    found = []
    for where, doc in _records(data):
        if len(where) > 1:
            found += [Mutation(file, where, field, _other_type(stored))
                      for field, stored in doc.items()]  # fmt: skip
    return found


def _other_type(stored: object) -> object:
    if isinstance(stored, str):
        return 7
    if isinstance(stored, bool | int | float) or stored is None:
        return "7"
    return 0


def _records(data: Any, where: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, Any]]:
    """Yield each table, record and nested record in `data`, with where it is."""
    items = enumerate(data) if isinstance(data, list) else data.items()
    for key, value in items:
        if isinstance(value, dict | list) and (*where, key) != ("meta",):
            if isinstance(value, dict):
                yield (*where, key), value
            yield from _records(value, (*where, key))
