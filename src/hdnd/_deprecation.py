"""The deprecation policy, implemented once.

A public name that is renamed or removed keeps working, with a
:class:`DeprecationWarning` that names its replacement, for at least one minor
release; the CHANGELOG says when it goes. :func:`deprecated` wraps a function;
:func:`deprecated_names` gives a module a ``__getattr__`` for old names.

>>> import warnings
>>> def summarise_quarter(x: int) -> int:
...     return x
>>> old = deprecated(summarise_quarter, old_name="quarter_summary", since="0.2")
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     old(1)
1
>>> print(caught[0].message)
quarter_summary is deprecated since hdnd 0.2 and will be removed in a later minor release; \
use summarise_quarter instead
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

__all__ = ["deprecated", "deprecated_names"]

P = ParamSpec("P")
R = TypeVar("R")


def _message(old_name: str, new_name: str, since: str) -> str:
    return (
        f"{old_name} is deprecated since hdnd {since} and will be removed in a later minor "
        f"release; use {new_name} instead"
    )


def deprecated(function: Callable[P, R], *, old_name: str, since: str) -> Callable[P, R]:
    """``function`` under its old name: same behaviour, plus a :class:`DeprecationWarning`.

    >>> new = lambda: 42
    >>> deprecated(new, old_name="answer", since="0.2").__name__
    'answer'
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        warnings.warn(
            _message(old_name, function.__qualname__, since), DeprecationWarning, stacklevel=2
        )
        return function(*args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = old_name
    return wrapper


def deprecated_names(
    module: str, renamed: Mapping[str, tuple[str, Any, str]]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that serves old names: ``{old: (new name, object, since)}``.

    >>> import warnings
    >>> getattr_ = deprecated_names("hdnd", {"Reception": ("ReceptionSession", int, "0.2")})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     getattr_("Reception")
    <class 'int'>
    >>> getattr_("Nope")
    Traceback (most recent call last):
    ...
    AttributeError: module 'hdnd' has no attribute 'Nope'
    """

    def __getattr__(name: str) -> Any:
        if name in renamed:
            new_name, value, since = renamed[name]
            warnings.warn(_message(name, new_name, since), DeprecationWarning, stacklevel=2)
            return value
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
