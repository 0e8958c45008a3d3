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
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

__all__ = ["checked_already", "integrity_checked"]

_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("hdnd_checked", default=False)


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
