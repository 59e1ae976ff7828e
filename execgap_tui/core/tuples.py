"""`NamedTuple` for the values in `core`, without the import of `typing`.

`execgap status` runs in a status bar every few seconds, so its start-up is a budget (45 ms).
`typing.NamedTuple` costs it about 8 ms: 3 ms to import `typing`, and a `compile()` for each
field, because our annotations are strings (`from __future__ import annotations`) and typing
turns each into a `ForwardRef`. Nothing reads those at run time.

Kept because it pays (issue 14, measured again): with `typing.NamedTuple` at run time, the
imports of `execgap status` took 64.6 ms against 54.7 ms (-X importtime, median of 7), about
0.4x `python -c pass` on every command, where the budget is 4.5x and writes stand at 3.7x.

Type checkers see `typing.NamedTuple` itself. At run time the class statement builds the same
`collections.namedtuple` that typing would, with the annotations kept as written, the defaults,
the docstring and the methods; `tests/test_tuples.py` holds the two side by side.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    _KEPT_BY_NAMEDTUPLE = frozenset({"__module__", "__annotations__", "__qualname__"})
    _NAMEDTUPLE_API = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )

    class _NamedTupleMeta(type):
        """Turns `class Point(NamedTuple): ...` into a `collections.namedtuple` class."""

        def __new__(cls, typename, bases, namespace):
            if bases != (NamedTuple,):
                raise TypeError(f"{typename} can only inherit from NamedTuple")
            fields = list(namespace.get("__annotations__", {}))
            if not fields:  # annotations are read as strings, from __future__
                raise TypeError(f"{typename} has no fields: is `from __future__ import "
                                "annotations` missing?")  # fmt: skip
            defaulted = [name for name in fields if name in namespace]
            if fields[len(fields) - len(defaulted) :] != defaulted:
                raise TypeError(f"{typename}: a field without a default follows one with")
            if overridden := _NAMEDTUPLE_API.intersection(namespace):
                raise AttributeError(f"{typename} cannot overwrite {', '.join(sorted(overridden))}")
            made = namedtuple(
                typename,
                fields,
                defaults=[namespace[name] for name in defaulted],
                module=namespace["__module__"],
            )
            made.__annotations__ = namespace.get("__annotations__", {})
            made.__qualname__ = namespace.get("__qualname__", typename)
            for key, value in namespace.items():
                if key not in _KEPT_BY_NAMEDTUPLE and key not in fields:
                    setattr(made, key, value)
            return made

    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
