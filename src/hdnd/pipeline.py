"""From a file to its summaries: read by :mod:`hdnd.io`, counted by :mod:`hdnd.summary`.

Neither of those imports the other: reading knows nothing of counting, counting takes
records or their values from anywhere. This module joins them, for the command line
(``hdnd summary FILE``) and for the DuckDB engine (:mod:`hdnd.sql`), which hands a
file it cannot vouch for over to it.

>>> from hdnd.periods import parse_period
>>> q1, = summarize_path("examples/data/city-q1-2023.json", [parse_period("quý I/2023")])
>>> q1.figures.receptions.total.turns
408
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from hdnd.errors import InvalidData
from hdnd.io import format_of, iter_values, load, stream_problems
from hdnd.io._assemble import paused_gc
from hdnd.model import Record
from hdnd.periods import Period
from hdnd.summary import Summary, summarize_periods, summarize_values

__all__ = ["summarize_path"]


def summarize_path(
    path: str | os.PathLike[str],
    periods: Sequence[Period],
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
    opener: Any = None,
) -> list[Summary]:
    """:func:`~hdnd.summary.summarize_periods` over a file: a ``.jsonl`` file streamed, any
    other loaded.

    A stream stops at its first bad line; the file is then streamed again, so that the
    :class:`~hdnd.errors.InvalidData` lists the problems of every line (up to
    :data:`~hdnd.errors.MAX_PROBLEMS`), in constant memory: it is never loaded whole
    (references are not checked, as in a stream: :func:`hdnd.load` checks them).
    ``opener`` opens the file (the command line's draws a progress line).
    Also importable from :mod:`hdnd.summary`, where it was first.

    >>> from hdnd.periods import parse_period
    >>> q1, = summarize_path("examples/data/city-q1-2023.json", [parse_period("quý I/2023")],
    ...                      council="tp")
    >>> q1.figures.receptions.by_host["tp-tt"].turns
    74
    """
    if format_of(path) != "jsonl":
        records: Iterable[Record] = load(path, opener=opener).records()
        return summarize_periods(
            records, periods, council, with_subordinates, with_predecessors, by_council=by_council
        )
    try:
        # Counting keeps little (tallies, councils) and drops each record at once, in no
        # cycle: the collector would free nothing, yet it ran some 150 times (a full
        # collection among them) over 300k records, 3-4 % of `hdnd summary`'s time
        with paused_gc():
            pairs = iter_values(path, opener=opener)
            return summarize_values(
                pairs, periods, council, with_subordinates, with_predecessors, by_council=by_council
            )
    except InvalidData:
        problems = stream_problems(path, opener=opener)
        if problems.total:
            raise InvalidData(problems) from None
        raise
