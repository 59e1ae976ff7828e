"""Work on each of many data files at once, shared among the machine's cores.

For doctor and a whole export, which read every month of years of history: parsing JSON is
most of their time (1 s of 54 MB at 100k sessions on one core of the bench machine), and
each file stands alone. Part of the storage adapter.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    _Result = TypeVar("_Result")

SHARED_FROM = 24
"""Files from which the work is shared: two years of months. A worker costs about 10 ms to
fork; a month's file, about 4 ms to read."""


def each_file(work: Callable[[str], _Result], paths: list[str]) -> list[_Result]:
    """Return `work` done on each path, in order: in worker processes (forked, so `work` and
    what it returns must pickle) when there are many files and more than one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or len(paths) < SHARED_FROM:
        return [work(path) for path in paths]
    import multiprocessing  # only here: 10 ms to import

    workers = min(cores, 8)
    with multiprocessing.get_context("fork").Pool(workers) as pool:  # the CLI has no threads
        return pool.map(work, paths, chunksize=max(1, len(paths) // (workers * 4)))
