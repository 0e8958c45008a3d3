"""Whether the dataset being built was checked already: the loaders' word to the dataset.

A loader checks a collection's integrity (unique ids, references) from keys it gathers
record by record, while each record is fresh in the CPU cache; a
:class:`~hdnd.dataset.Dataset` made inside :func:`checked_already` then need not walk
its records again. Private to the package: a dataset made elsewhere is always checked.

>>> integrity_checked()
False
>>> with checked_already():
...     integrity_checked()
True

A file read to be merged with others may refer to records in those others: within
:func:`references_elsewhere`, a loader checks its ids, and leaves its references to be
checked once the files are merged (:func:`hdnd.merging.load_merged`).

>>> with references_elsewhere():
...     references_checked()
False
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

__all__ = ["checked_already", "integrity_checked", "references_checked", "references_elsewhere"]

_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("hdnd_checked", default=False)
_ELSEWHERE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hdnd_references_elsewhere", default=False
)


@contextlib.contextmanager
def checked_already() -> Iterator[None]:
    """Within it, a dataset being made trusts its integrity was checked."""
    token = _CHECKED.set(True)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def integrity_checked() -> bool:
    """Whether a dataset made now may skip its integrity check."""
    return _CHECKED.get()


@contextlib.contextmanager
def references_elsewhere() -> Iterator[None]:
    """Within it, a file read may refer to records in other files: its loader leaves
    its references unchecked (whoever merges the files checks them)."""
    token = _ELSEWHERE.set(True)
    try:
        yield
    finally:
        _ELSEWHERE.reset(token)


def references_checked() -> bool:
    """Whether a loader checks that every reference of the file names a record in it."""
    return not _ELSEWHERE.get()
