"""The one cattrs converter that turns JSON values into records and back.

It is strict where JSON is loose: text must be a string, counts whole numbers (not
``true``, not ``"5"``, not ``7.5``; but ``7.0`` and ``1e3`` are, as for JSON Schema,
up to 2**53), dates real ISO calendar dates, enum values glossary identifiers, lists
lists. Unknown fields are refused, with a suggestion. Errors are collected with
cattrs' detailed validation and turned into :class:`~hdnd.errors.Problem` objects
by :func:`problems_from`.

>>> from hdnd.model import Person, Session
>>> converter.structure({"id": "p1", "full_name": "Dương Thị Huệ"}, Person)
Person(id='p1', full_name='Dương Thị Huệ', other_posts=())
>>> raw = {"id": "s1", "council_id": "c", "number": 7.0, "kind": "regular",
...        "start": "2023-07-10"}
>>> converter.structure(raw, Session).number
7
>>> converter.unstructure(Person(id="p1", full_name="Dương Thị Huệ"))
{'id': 'p1', 'full_name': 'Dương Thị Huệ'}
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import sys
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn
from cattrs.v import transform_error

from hdnd._fast import (
    FastStructure,
    compile_finish,
    compile_structure,
    msgspec_module,
    refuse,
    wire_struct,
)
from hdnd.dataset import COLLECTIONS, Collection
from hdnd.docnum import DocumentNumber
from hdnd.enums import LabelledEnum
from hdnd.errors import HdndError, InvalidValue, Path, Problem
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.model import normalize_text, rules_of

if TYPE_CHECKING:
    from hdnd.periods import Period

__all__ = ["converter", "describe_json", "problems_from", "structure_record"]

T = TypeVar("T")

converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
"""The configured converter: strict structuring, default values omitted on output."""


def describe_json(value: object) -> str:
    """Name a JSON value's type the way a user would, for error messages.

    >>> describe_json("5"), describe_json(True), describe_json([1]), describe_json(None)
    ("text '5'", 'true', 'a list', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _("text {value!r}").format(value=value) if len(value) <= 40 else _("text")
    if isinstance(value, int | float):
        return _("the number {value!r}").format(value=value)
    if isinstance(value, list | tuple):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


def _expect(kind: str, value: object) -> InvalidValue:
    """The error of a value not of ``kind`` (a message of the catalog, translated here)."""
    return InvalidValue(
        _("expected {kind}, got {value}").format(kind=_(kind), value=describe_json(value))
    )


def _structure_str(value: object, _t: type) -> str:
    if type(value) is not str:
        raise _expect(N_("text"), value)
    return value


# The largest whole number a float holds exactly: beyond, 1e16 may stand for several
# (and orjson reads an integer beyond 64 bits as a float).
_EXACT_FLOAT: Final = 2**53


def _structure_int(value: object, _t: type) -> int:
    if type(value) is int:
        return value
    # A whole number written 7.0 or 1e3 (spreadsheet exports do) is one, as for JSON Schema.
    if type(value) is float and value.is_integer():
        if abs(value) <= _EXACT_FLOAT:
            return int(value)
        raise InvalidValue(
            _(
                "expected a whole number, got {value}: too large to read exactly"
                " (more than {limit:,})"
            ).format(value=describe_json(value), limit=_EXACT_FLOAT)
        )
    raise _expect(N_("a whole number"), value)


def _structure_bool(value: object, _t: type) -> bool:
    if type(value) is not bool:
        raise _expect(N_("true or false"), value)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_date(value: object, _t: type) -> dt.date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _expect(N_("a date written YYYY-MM-DD"), value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(_("{value!r} is not a real calendar date").format(value=value)) from None


def _structure_enum(value: object, cls: type[LabelledEnum]) -> LabelledEnum:
    if isinstance(value, cls):
        return value
    member = cls._value2member_map_.get(value) if type(value) is str else None
    if member is None:
        raise InvalidValue(_unknown_enum_message(value, cls))
    return typing.cast(LabelledEnum, member)


def _unknown_enum_message(value: object, cls: type[LabelledEnum]) -> str:
    allowed = [m.value for m in cls]
    shown = repr(value) if isinstance(value, str) else describe_json(value)
    if isinstance(value, str):
        # JSON holds identifiers: a label (as a table would take it) names the one meant.
        member = cls.from_label(value)
        typo = difflib.get_close_matches(value.strip().lower(), allowed, n=1)
        close = [member.value] if member else typo
        if close:
            return _("unknown {kind} {value}; did you mean {close!r}?").format(
                kind=cls.__name__, value=shown, close=close[0]
            )
    return _("unknown {kind} {value}; expected one of: {allowed}").format(
        kind=cls.__name__, value=shown, allowed=", ".join(allowed)
    )


def _ruled_hook_factory(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an ``Annotated[base, Rule...]`` value as ``base``, then apply its rules."""
    base = typing.get_args(tp)[0]
    base_hook = conv.get_structure_hook(base)
    rules = rules_of(tp)
    text = base is str

    def structure(value: Any, _: Any) -> Any:
        result = base_hook(value, base)
        checked = normalize_text(result) if text else result
        for rule in rules:
            rule.check(checked)
        return result

    return structure


def _tuple_hook_factory(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Only a JSON list makes a tuple: cattrs would happily split a string into letters."""
    items = homogenous_tuple_structure_factory(tp, conv)

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _expect(N_("a list"), value)
        return items(value, tp)

    return structure


def _is_homogeneous_tuple(tp: Any) -> bool:
    return bool(typing.get_origin(tp) in (tuple,) and typing.get_args(tp)[1:] == (...,))


def _record_hook_factory(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    fields: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, conv)
    # docs/format.md: an optional field may be absent or null; null then means its default.
    defaulted = frozenset(
        f.name
        for f in attrs.fields(cls)
        if f.default is not attrs.NOTHING and f.default is not None
    )

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _expect(N_("an object"), value)
        if any(value.get(name, 0) is None for name in defaulted):
            value = {k: v for k, v in value.items() if v is not None or k not in defaulted}
        return fields(value, cls)

    return structure


# Registered by class (singledispatch, most specific class wins): the enum hook
# must beat the str hook, since our enums are str subclasses, and bool beat int.
converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(dt.date, _structure_date)
converter.register_structure_hook(LabelledEnum, _structure_enum)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_unstructure_hook(LabelledEnum, lambda member: member._value_)
converter.register_structure_hook_factory(
    lambda t: hasattr(t, "__metadata__") and bool(rules_of(t)), _ruled_hook_factory
)
converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
converter.register_structure_hook_factory(attrs.has, _record_hook_factory)


def _unstructure_period(period: Period) -> dict[str, Any]:
    return {
        "name": period.format("vi"),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "cutoff_day": period.cutoff_day,
    }


def _structure_period(value: Any, _t: type) -> Period:
    from hdnd.periods import parse_period

    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise _expect(N_("a period object with a name"), value)
    return parse_period(value["name"], cutoff_day=value.get("cutoff_day"))


def _is_period(t: Any) -> bool:
    # hdnd.periods is imported when periods are first used, not with the converter: a
    # Period class, let alone a period, exists only once it is imported.
    periods = sys.modules.get("hdnd.periods")
    return periods is not None and isinstance(t, type) and issubclass(t, periods.Period)


def _structure_document_number(value: Any, _t: type) -> DocumentNumber:
    if type(value) is not str:
        raise _expect(N_("a document number such as '146/NQ-HĐND'"), value)
    return DocumentNumber.parse(value)


# Document numbers travel as their canonical text; registered by class, so that this
# hook and not the generic one for attrs classes handles them.
converter.register_structure_hook(DocumentNumber, _structure_document_number)
converter.register_unstructure_hook(DocumentNumber, str)

# Periods (in summaries) travel as their Vietnamese name plus the dates it stands for.
converter.register_unstructure_hook_func(_is_period, _unstructure_period)
converter.register_structure_hook_func(_is_period, _structure_period)


# -- The fast path (hdnd._fast), generated with this converter's hooks -----------------

_COMPILED: dict[tuple[type, bool], FastStructure] = {}


def structurer(cls: type, values: bool = False) -> FastStructure:
    """The fast structuring function of ``cls`` for :data:`converter`, made once.

    For a class :func:`~hdnd._fast.compile_structure` does not handle, a function that
    refuses everything, so that callers take the detailed path.

    >>> from hdnd.model import Person
    >>> structurer(Person)({"id": "p1", "full_name": "An"}).full_name
    'An'
    >>> structurer(dict)({})
    """
    try:
        return _COMPILED[cls, values]
    except KeyError:
        pass
    try:
        made = compile_structure(cls, converter.get_structure_hook, values)
    except TypeError:
        made = refuse
    _COMPILED[cls, values] = made
    return made


WireReader = tuple[Callable[[bytes], Any], dict[type, tuple[Collection, FastStructure]]]
"""msgspec's decoder for a JSON Lines line of any record type, and, for each struct
type it gives, the record type's :class:`~hdnd.dataset.Collection` and finisher."""


@functools.cache
def wire_reader(values: bool = False, keys: bool = False) -> WireReader | None:
    """The wire path for JSON Lines: every line parsed and checked in C, in one go.

    ``None`` where msgspec is not installed (readers then take the orjson path alone).
    ``keys``: each finisher gives the keys of the line with the result
    (:func:`~hdnd._fast.compile_finish`).

    >>> decode, finishers = wire_reader()
    >>> struct = decode(b'{"type": "person", "id": "p1", "full_name": "An"}')
    >>> collection, finish = finishers[type(struct)]
    >>> collection.key, finish(struct)
    ('people', Person(id='p1', full_name='An', other_posts=()))
    """
    msgspec = msgspec_module()
    if msgspec is None:
        return None
    hooks = converter.get_structure_hook
    finishers = {
        wire_struct(c.cls, c.tag, unset=keys): (c, compile_finish(c.cls, hooks, values, keys))
        for c in COLLECTIONS
    }
    return msgspec.json.Decoder(typing.Union[tuple(finishers)]).decode, finishers  # noqa: UP007


def structure_record(value: Any, cls: type[T], path: Path = ()) -> T:
    """Structure one record, raising :class:`~hdnd.errors.InvalidData` with every problem.

    A valid record takes the fast path (:mod:`hdnd._fast`); an invalid one the
    detailed path, which finds every problem.

    >>> from hdnd.model import Person
    >>> structure_record({"id": "", "full_nam": "A"}, Person, ("people", 0))
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: 3 problems:
      people[0].id: must not be empty
      people[0].full_name: required field missing
      people[0].full_nam: unknown field; did you mean 'full_name'?
    """
    from hdnd.errors import InvalidData

    # The fast path accepts what this converter accepts and builds the same record;
    # what it refuses takes the detailed path, which says why (hdnd._fast).
    record = structurer(cls)(value)
    if record is not None:
        return typing.cast(T, record)
    try:
        return converter.structure(value, cls)
    except (ClassValidationError, IterableValidationError, InvalidValue) as e:
        raise InvalidData(problems_from(e, cls, path)) from None


_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def problems_from(error: Exception, cls: type, path: Path = ()) -> list[Problem]:
    """Turn a cattrs structuring error for ``cls`` into located problems, one per fault.

    ``path`` is where the structured value sits in its document.

    >>> from hdnd.model import Person
    >>> try:
    ...     converter.structure({"id": 5, "full_name": "A"}, Person)
    ... except Exception as e:
    ...     print(problems_from(e, Person, ("people", 2))[0])
    people[2].id: expected text, got the number 5
    """
    problems = []
    for line in transform_error(error, "$", lambda e, t: _describe(e, cls)):
        described, _, where = line.rpartition(" @ ")
        suffix, _, message = described.partition("\x00")
        parts = tuple(
            int(m[2]) if m[2] is not None else m[1] for m in _PATH_PART.finditer(where + suffix)
        )
        problems.append(Problem(path=path + parts, message=message))
    return problems


def _describe(error: BaseException, cls: type) -> str:
    """Message for one fault, prefixed by ``.field\\x00`` when the fault names its field."""
    if isinstance(error, InvalidValue):
        return f"{'.' + error.field if error.field else ''}\x00{error.message}"
    if isinstance(error, HdndError):  # a parser's own error (document number, period)
        return f"\x00{error}"
    if isinstance(error, KeyError):
        return "\x00" + _("required field missing")
    if isinstance(error, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(cls)] if attrs.has(cls) else []
        extra = sorted(error.extra_fields)
        if len(extra) == 1:
            close = difflib.get_close_matches(extra[0], known, n=1)
            message = (
                _("unknown field; did you mean {close!r}?").format(close=close[0])
                if close
                else _("unknown field; known fields: {known}").format(known=known)
            )
            return f".{extra[0]}\x00{message}"
        return "\x00" + _("unknown fields {fields}; known fields: {known}").format(
            fields=", ".join(map(repr, extra)), known=known
        )
    return "\x00" + _("invalid value ({error})").format(error=error)
