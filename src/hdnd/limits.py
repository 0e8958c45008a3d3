"""Every limit hdnd's readers and writers keep, found by name, and a way to raise them.

Each limit is a module attribute named ``MAX_...`` (``hdnd.io.xlsx.MAX_ROWS``), read
each time a file is read or written; docs/security.md says what each one bounds. This
module finds them all, so that the command line can raise any of them
(``hdnd validate national.xlsx --limit xlsx.MAX_ROWS=500000``) and a program can raise
some for a while:

>>> import hdnd.io.xlsx
>>> from hdnd.limits import find, raised
>>> find("xlsx.MAX_ROWS").name
'hdnd.io.xlsx.MAX_ROWS'
>>> with raised({"xlsx.MAX_ROWS": "500_000"}):
...     hdnd.io.xlsx.MAX_ROWS
500000
>>> hdnd.io.xlsx.MAX_ROWS
100000
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import re
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from hdnd.errors import HdndError, MissingDependency
from hdnd.i18n import gettext as _

__all__ = ["MODULES", "Limit", "UnknownLimit", "find", "limits", "parse_value", "raised"]

MODULES: Final = (
    "hdnd.errors",
    "hdnd.io.jsonl",
    "hdnd.io.csvtables",
    "hdnd.io.xlsx",
    "hdnd.io.parquet",
    "hdnd.report.docx",
    "hdnd.report",
)
"""The modules whose ``MAX_...`` attributes are limits (others, such as a latest year,
are not: they are facts of the domain, not guards against hostile input)."""

_NAME: Final = re.compile(r"MAX_[A-Z_]+")
_UNITS: Final = {"": 1, "k": 1000, "kib": 2**10, "mib": 2**20, "gib": 2**30}


class UnknownLimit(HdndError, ValueError):
    """A limit named that hdnd does not have, or a value it cannot take.

    >>> find("xlsx.MAX_ROW")
    Traceback (most recent call last):
    ...
    hdnd.limits.UnknownLimit: no limit 'xlsx.MAX_ROW'; did you mean 'hdnd.io.xlsx.MAX_ROWS'?
    """


@attrs.frozen(kw_only=True)
class Limit:
    """One limit: the module attribute that holds it.

    >>> limit = find("hdnd.errors.MAX_PROBLEMS")
    >>> limit.module, limit.attribute, limit.value
    ('hdnd.errors', 'MAX_PROBLEMS', 1000)
    """

    module: str
    attribute: str

    @property
    def name(self) -> str:
        """The full dotted name, as docs/security.md gives it.

        >>> find("MAX_SHEETS").name
        'hdnd.io.xlsx.MAX_SHEETS'
        """
        return f"{self.module}.{self.attribute}"

    @property
    def value(self) -> int | float:
        """The value in force now.

        >>> find("parquet.MAX_TEXT_BYTES").value
        1048576
        """
        value: int | float = getattr(importlib.import_module(self.module), self.attribute)
        return value


def limits() -> tuple[Limit, ...]:
    """Every limit, module by module in the order of :data:`MODULES`; those of an extra
    that is not installed (python-docx, for :mod:`hdnd.report.docx`) are left out.

    >>> "hdnd.io.csvtables.MAX_EMPTY_ROWS" in [limit.name for limit in limits()]
    True
    """
    return _scan()[0]


def _scan() -> tuple[tuple[Limit, ...], dict[str, str]]:
    """Every limit, and the modules left out for an extra not installed, with why."""
    found, missing = [], {}
    for module in MODULES:
        try:
            names = vars(importlib.import_module(module))
        except MissingDependency as e:
            missing[module] = str(e)
            continue
        for attribute, value in names.items():
            if _NAME.fullmatch(attribute) and _is_limit(value):
                found.append(Limit(module=module, attribute=attribute))
    return tuple(found), missing


def _is_limit(value: object) -> bool:
    return type(value) in (int, float)


def find(name: str) -> Limit:
    """The limit ``name`` names: in full, or by its last parts (``xlsx.MAX_ROWS``) if
    only one limit ends so; raise :class:`UnknownLimit` otherwise, with the closest.

    >>> find("MAX_UNPACKED_BYTES")
    Traceback (most recent call last):
    ...
    hdnd.limits.UnknownLimit: 'MAX_UNPACKED_BYTES' names several limits: \
hdnd.io.csvtables.MAX_UNPACKED_BYTES, hdnd.io.xlsx.MAX_UNPACKED_BYTES, \
hdnd.io.parquet.MAX_UNPACKED_BYTES
    """
    module, _dot, attribute = name.rpartition(".")
    if module in MODULES and _NAME.fullmatch(attribute):  # named in full: that module only
        try:
            value = getattr(importlib.import_module(module), attribute, None)
        except MissingDependency as e:
            raise UnknownLimit(_("{name}: {error}").format(name=name, error=e)) from None
        if _is_limit(value):
            return Limit(module=module, attribute=attribute)
    every, missing = _scan()
    matching = [limit for limit in every if f".{limit.name}".endswith(f".{name}")]
    if len(matching) == 1:
        return matching[0]
    if matching:
        names = ", ".join(limit.name for limit in matching)
        raise UnknownLimit(
            _("{name!r} names several limits: {limits}").format(name=name, limits=names)
        )
    for module, why in missing.items():  # docx.MAX_PART_BYTES without python-docx
        if f".{module}.".endswith(f".{name.rpartition('.')[0]}.") and "." in name:
            raise UnknownLimit(_("{name}: {error}").format(name=name, error=why))
    close = difflib.get_close_matches(name, [limit.name for limit in every], n=1, cutoff=0.5)
    close += difflib.get_close_matches(name, [limit.attribute for limit in every], n=1)
    if close:
        raise UnknownLimit(
            _("no limit {name!r}; did you mean {close!r}?").format(
                name=name, close=find(close[0]).name
            )
        )
    raise UnknownLimit(_("no limit {name!r}").format(name=name))


def parse_value(text: str, current: int | float) -> int | float:
    """A limit's value as written: a whole number (``500000``, ``500_000``, ``500,000``),
    with a unit for sizes (``200MiB``, ``2GiB``, ``64k``); a number of seconds may
    have a fraction. It must be above zero.

    >>> parse_value("200MiB", 1), parse_value("500,000", 1), parse_value("2.5", 10.0)
    (209715200, 500000, 2.5)
    >>> parse_value("-1", 1)
    Traceback (most recent call last):
    ...
    hdnd.limits.UnknownLimit: expected a number above zero (a size may end in k, KiB, MiB \
or GiB), got '-1'
    """
    match = re.fullmatch(r"\s*([0-9][0-9_,]*(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*", text)
    unit = _UNITS.get(match[2].lower()) if match else None
    if match and unit is not None:
        number = match[1].replace("_", "").replace(",", "")
        if "." not in number:
            value: int | float = int(number) * unit
        elif isinstance(current, float):
            value = float(number) * unit
        else:
            value = 0
        if value > 0:
            return value
    raise UnknownLimit(
        _(
            "expected a number above zero (a size may end in k, KiB, MiB or GiB), got {value!r}"
        ).format(value=text)
    )


@contextlib.contextmanager
def raised(values: Mapping[str, str]) -> Iterator[None]:
    """Set the limits named in ``values`` (name to value as written) while the block
    runs, then put back what they were. Every name and value is checked before any is set.

    >>> with raised({"MAX_PROBLEMS": "0"}):
    ...     pass
    Traceback (most recent call last):
    ...
    hdnd.limits.UnknownLimit: MAX_PROBLEMS: expected a number above zero (a size may end in \
k, KiB, MiB or GiB), got '0'
    """
    wanted = []
    for name, text in values.items():
        limit = find(name)
        try:
            wanted.append((limit, parse_value(text, limit.value)))
        except UnknownLimit as e:
            raise UnknownLimit(_("{name}: {error}").format(name=name, error=e)) from None
    before = [(limit, limit.value) for limit, _ in wanted]
    try:
        for limit, value in wanted:
            setattr(importlib.import_module(limit.module), limit.attribute, value)
        yield
    finally:
        for limit, value in reversed(before):
            setattr(importlib.import_module(limit.module), limit.attribute, value)
