"""The exceptions hdnd raises.

Every error hdnd raises on purpose derives from :class:`HdndError`, so one
``except hdnd.HdndError`` catches them all. Errors about a value the caller
passed in also derive from :class:`ValueError`.

>>> from hdnd.errors import HdndError
>>> issubclass(HdndError, Exception)
True
"""

from __future__ import annotations

__all__ = ["HdndError"]


class HdndError(Exception):
    """Base class of every error hdnd raises on purpose.

    >>> try:
    ...     raise HdndError("something went wrong")
    ... except HdndError as e:
    ...     print(e)
    something went wrong
    """
