"""`core.tuples.NamedTuple` builds what `typing.NamedTuple` builds, without importing typing."""

from __future__ import annotations

import subprocess
import sys
import typing
from datetime import datetime
from typing import Any

import pytest

from execgap_tui.core import tuples


def point_class(base: Any) -> Any:
    """Return the same class statement, built on `base`."""

    class Point(base):  # type: ignore[misc]
        """A point, with a label."""

        x: int
        y: int = 0
        label: str | None = None
        # a comment between fields changes nothing

        def moved(self, by: int) -> Point:
            return self._replace(x=self.x + by)  # type: ignore[no-any-return]

        @property
        def far(self) -> bool:
            return abs(self.x) + abs(self.y) > 10

    return Point


@pytest.mark.parametrize("attribute", ["_fields", "_field_defaults", "__doc__", "__qualname__"])
def test_the_class_matches_typings(attribute: str) -> None:
    ours, typings = point_class(tuples.NamedTuple), point_class(typing.NamedTuple)
    assert getattr(ours, attribute) == getattr(typings, attribute)


def test_instances_behave_like_typings() -> None:
    ours, typings = point_class(tuples.NamedTuple), point_class(typing.NamedTuple)
    for cls in (ours, typings):
        point = cls(3, label="a")
        assert point == (3, 0, "a")
        assert repr(point) == "Point(x=3, y=0, label='a')"
        assert point.moved(9) == cls(12, 0, "a")
        assert point.moved(9).far and not point.far
        assert cls._make([1, 2, None])._asdict() == {"x": 1, "y": 2, "label": None}
        assert issubclass(cls, tuple)
        assert cls.__module__ == __name__
        with pytest.raises(AttributeError):
            point.x = 4
        with pytest.raises(TypeError):
            cls()
    assert ours.__annotations__ == {"x": "int", "y": "int", "label": "str | None"}


def test_a_field_without_a_default_cannot_follow_one_with() -> None:
    with pytest.raises(TypeError, match="follows"):

        class Bad(tuples.NamedTuple):
            at: datetime | None = None
            text: str  # type: ignore[misc]


def test_the_namedtuple_api_cannot_be_overwritten() -> None:
    with pytest.raises(AttributeError, match="_replace"):

        class Bad(tuples.NamedTuple):
            text: str

            def _replace(self, **changes: str) -> Bad:  # type: ignore[misc]
                return self


def test_nothing_but_namedtuple_can_be_a_base() -> None:
    with pytest.raises(TypeError, match="only inherit"):

        class Bad(tuples.NamedTuple, int):  # type: ignore[misc]
            text: str


def test_the_core_loads_without_typing() -> None:
    code = (
        "import sys\n"
        "import execgap_tui.core.model, execgap_tui.core.board, execgap_tui.core.review\n"
        "print('typing' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
