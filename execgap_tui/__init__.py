"""execgap: one tiny next action, a short start timer, and the gap between planning and doing.

`__version__` comes from the package metadata, read only when asked for: importing
importlib.metadata costs more than the whole of `execgap status` may.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("execgap")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
