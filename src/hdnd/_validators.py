"""The validators and converters :func:`hdnd.model.record` gives fields, as classes.

Classes rather than closures so that :mod:`hdnd._fast` (which performs them itself in
the code it generates) and :mod:`hdnd.spec` (which describes them) can recognise them;
the model, the fast path and the spec share them here rather than reach into each
other's private names.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from hdnd.errors import InvalidValue
from hdnd.i18n import gettext as _

if TYPE_CHECKING:
    from hdnd.model import Rule

__all__ = ["Characters", "Each", "NotBefore", "RulesValidator", "is_tuple"]


class Characters:
    """The test of a rule that refuses text holding one of the characters of ``pattern``
    (a class such as ``[\\u0000-\\u001f]``, none of them printable).

    Text that Python deems printable holds none of them: that test, in C, comes first;
    ``find`` only looks at the rest (text with a tab, a no-break space...). A class for
    the same reason as :class:`Each`: :mod:`hdnd._fast` writes the test in place.

    >>> Characters("[\\x00-\\x08]")("Kỳ họp\\tthứ 12"), Characters("[\\x00-\\x08]")("\\x01")
    (True, False)
    """

    __slots__ = ("find",)

    def __init__(self, pattern: str) -> None:
        self.find = re.compile(pattern).search

    def __call__(self, value: str) -> bool:
        return value.isprintable() or self.find(value) is None


def is_tuple(tp: Any) -> bool:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return typing.get_origin(tp) is tuple


class Each:
    """Converter: ``fn`` lifted over ``None`` and, for a tuple field, over its elements.

    A class rather than a closure so that :mod:`hdnd._fast` can tell the converters
    :func:`record` adds (which it performs itself) from those a field declares.
    """

    __slots__ = ("fn", "many")

    def __init__(self, fn: Callable[[Any], Any], tp: Any) -> None:
        self.fn = fn
        self.many = is_tuple(tp)  # decided once per field, not per value

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        return tuple(map(self.fn, value)) if self.many else self.fn(value)


class RulesValidator:
    """attrs validator: a field's rules (each element's, for a tuple), then its own validator.

    A class for the same reason as :class:`Each`: :mod:`hdnd._fast` checks the rules
    itself and runs only ``declared``, the validator the field was declared with.
    """

    __slots__ = ("declared", "many", "rules")

    def __init__(self, rules: tuple[Rule, ...], tp: Any, declared: Any) -> None:
        self.rules = rules
        self.many = is_tuple(tp)
        self.declared = declared

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            for item in value if self.many else (value,):
                for rule in self.rules:
                    rule.check(item, attribute.name)
        if self.declared is not None:
            self.declared(instance, attribute, value)


@attrs.frozen
class NotBefore:
    """Validator: this date field is not before the date field ``other`` (when both are set).

    A class, so that :mod:`hdnd.sql` can state it in SQL.
    """

    other: str

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        start = getattr(instance, self.other)
        if start is not None and value < start:
            raise InvalidValue(
                _("{value} is before {other} {start}").format(
                    value=value.isoformat(), other=self.other, start=start.isoformat()
                ),
                field=attribute.name,
            )
