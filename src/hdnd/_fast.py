"""The fast path for structuring records: one function per record type, generated from the model.

The detailed path (:func:`hdnd.converter.structure_record`: cattrs with detailed
validation, then the class's ``__init__`` with its converters and validators) says
exactly what is wrong with a record and where, and costs some 20 µs a record. Almost
every record of a large file is valid, and for those the explanation is never needed:
:func:`compile_structure` generates, from a record class's attrs fields, their
``Rule`` metadata, declared converters and validators, a function that checks a JSON
value the same way — exact JSON types, ISO calendar dates, glossary identifiers, text
NFC-normalised and stripped, every rule, no unknown field, ``null`` meaning the
default — and builds the record in one go. It returns ``None`` for anything it does
not accept, without saying why: the caller then runs the detailed path, which
explains. The fast path is generated, not written, so it cannot drift from the model;
``tests/test_fast_path.py`` checks that both paths accept the same values and build
equal records.

>>> from hdnd.converter import converter
>>> from hdnd.model import Person
>>> structure = compile_structure(Person, converter.get_structure_hook)
>>> structure({"id": "p1", "full_name": " Hu\\u0065\\u0302 "})
Person(id='p1', full_name='Huê', other_posts=())
>>> print(structure({"id": "p1", "full_name": "An", "age": 40}))
None
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import linecache
import sys
import types
import typing
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from hdnd._validators import Characters, Each, RulesValidator
from hdnd.docnum import DocumentNumber
from hdnd.enums import LabelledEnum
from hdnd.model import Ref, Rule, normalize_text, rules_of

__all__ = [
    "FastStructure",
    "compile_finish",
    "compile_structure",
    "msgspec_module",
    "record_maker",
    "refuse",
    "wire_struct",
]

FastStructure = Callable[[Any], Any]
"""A generated function: the record built from a JSON object, or ``None`` if refused."""

Hooks = Callable[[Any], Callable[[Any, Any], Any]]

# Values the detailed hooks made from text, by type and text: dates (a file has a few
# thousand distinct days) and document numbers (every council numbers from 1 each
# year), immutable and cheaper to look up than to parse again. Bounded, so that memory
# does not grow with records.
_KNOWN: dict[type, dict[str, Any]] = {}
_KNOWN_MAX = 1 << 14


def _learn(hook: Callable[[Any, Any], Any], tp: type) -> Callable[[Any], Any]:
    """What the detailed hook makes of ``value`` (it raises if nothing), remembered."""
    known = _KNOWN.setdefault(tp, {})

    def learn(value: Any) -> Any:
        result = hook(value, tp)
        if type(value) is str and len(known) < _KNOWN_MAX:
            known[value] = result
        return result

    return learn


# Text as read and as checked: NFC-normalised, stripped, its rules passed (and, for a
# reference, interned). A file names a few thousand councils and bodies a million
# times, and sectors, places, subjects come back too: a text read again takes one
# lookup, and then is one string, which the summary's lookups hash once. One table per
# way of checking (base type, converter, rules, reference or not); bounded, so that
# memory does not grow with records. Not for a record's own id, which never repeats.
_SEEN: dict[tuple[Any, ...], dict[str, str]] = {}
_SEEN_MAX = {True: 1 << 16, False: 1 << 14}  # references, other text


Bounds = tuple[int | None, int | None]
"""The lowest and highest value an int may take (``None``: no bound that side)."""


def _bounds(base: Any, convert: Any, rules: tuple[Rule, ...]) -> Bounds | None:
    """An int field's rules as bounds, when each of them is one: checked by comparisons
    written in place, or on the wire by msgspec's bounds, rather than by calling them.

    A rule is a bound when its JSON Schema says ``minimum`` or ``maximum`` and nothing
    else (the schema states the rule, tests/test_schema.py holds it to that), and its
    test agrees at the bound (passes there, fails one step beyond). Not for a value
    that is converted first (the rules see the converted value). ``None`` otherwise.

    >>> from hdnd.model import NON_NEGATIVE, POSITIVE, DIGITS
    >>> _bounds(int, None, (NON_NEGATIVE,)), _bounds(int, None, (NON_NEGATIVE, POSITIVE))
    ((0, None), (1, None))
    >>> print(_bounds(str, None, (DIGITS,)), _bounds(int, abs, (NON_NEGATIVE,)))
    None None
    """
    if base is not int or convert is not None or not rules:
        return None
    low: int | None = None
    high: int | None = None
    for rule in rules:
        schema = dict(rule.json_schema)
        lowest, highest = schema.pop("minimum", None), schema.pop("maximum", None)
        if schema or (lowest is None and highest is None):
            return None
        try:
            if lowest is not None:
                if type(lowest) is not int or not rule.test(lowest) or rule.test(lowest - 1):
                    return None
                low = lowest if low is None else max(low, lowest)
            if highest is not None:
                if type(highest) is not int or not rule.test(highest) or rule.test(highest + 1):
                    return None
                high = highest if high is None else min(high, highest)
        except Exception:  # a test that cannot take an int is no bound
            return None
    return low, high


class _Source:
    """The text of a generated function and the objects its names stand for."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}

    def bind(self, value: Any, hint: str) -> str:
        name = f"_{hint}{len(self.names)}"
        self.names[name] = value
        return name

    def add(self, indent: int, *lines: str) -> None:
        self.lines += ["    " * indent + line for line in lines]


def _optional(tp: Any) -> tuple[Any, bool]:
    """``tp`` without ``| None``, and whether it had it."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no fast path for the union {tp}")
        return args[0], True
    return tp, False


def _base(tp: Any) -> Any:
    """The type under ``Annotated`` metadata."""
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _scalar(
    src: _Source,
    tp: Any,
    convert: Any,
    hooks: Hooks,
    indent: int,
    wire: bool,
    var: str,
    remember: bool = True,
) -> None:
    """Lines that check ``var`` as one value of ``tp`` and replace it by its structured form.

    The checks are those of the converter's hooks for ``tp``'s base type (other types
    than these: the hook itself, its results from text remembered); ``convert``
    is what ``__init__`` then applies (:class:`hdnd._validators.Each`'s function or a
    declared converter), and the rules are checked on the converted value, as the
    record's validators do. With ``wire``, ``var`` comes from a struct of
    :func:`wire_struct`, which checked the base type already (or, for other types,
    holds the raw JSON text of the value). Text is looked up in :data:`_SEEN` first,
    unless ``remember`` is false.
    """
    base = _base(tp)
    refuse = "return None"
    if wire and base not in _AS_TEXT and _wire_type(base) is not msgspec_module().Raw:
        pass  # checked by msgspec, as the hook would
    elif base is str or base is bool:
        # the converter's hooks for these accept exactly the type, no subclass (no true for 1)
        src.add(indent, f"if type({var}) is not {base.__name__}: {refuse}")
    elif base is int:
        # an int as it is; anything else (7.0 is 7, true is refused) as the hook says
        hook = src.bind(hooks(int), "whole")
        src.add(indent, f"if type({var}) is not int: {var} = {hook}({var}, int)")
    elif isinstance(base, type) and issubclass(base, LabelledEnum):
        members = src.bind(base._value2member_map_, "members")
        src.add(
            indent,
            f"{var} = {members}.get({var}) if type({var}) is str else None",
            f"if {var} is None: {refuse}",
        )
    else:
        if wire and base not in _AS_TEXT:  # the value as the detailed path sees it
            src.add(indent, f"{var} = {src.bind(orjson.loads, 'loads')}(memoryview({var}))")
        learn = src.bind(_learn(hooks(base), base), "learn")
        known = src.bind(_KNOWN.setdefault(base, {}), "known")
        src.add(
            indent,
            f"d = {known}.get({var}) if type({var}) is str else None",
            f"{var} = {learn}({var}) if d is None else d",
        )
    rules = rules_of(tp)
    ref = base is str and any(isinstance(m, Ref) for m in getattr(tp, "__metadata__", ()))
    remember = base is str and (remember or ref)
    if remember:  # text read before is taken as it was checked then (_SEEN)
        seen = src.bind(_SEEN.setdefault((base, convert, rules, ref), {}), "seen")
        src.add(indent, f"d = {seen}.get({var})", "if d is not None:", f"    {var} = d", "else:")
        indent += 1
        src.add(indent, f"{var}_read = {var}")
    if convert is normalize_text:
        nfc = src.bind(unicodedata.normalize, "normalize")
        src.add(indent, f"{var} = {nfc}('NFC', {var}).strip()")
    elif convert is not None:
        src.add(indent, f"{var} = {src.bind(convert, 'convert')}({var})")
    bounds = _bounds(base, convert, rules)
    if bounds is None:
        for rule in rules:
            test = var if rule.test is bool else f"{src.bind(rule.test, 'rule')}({var})"
            if isinstance(rule.test, Characters):  # in place: the printable test in C first
                test = f"({var}.isprintable() or {src.bind(rule.test.find, 'find')}({var}) is None)"
            src.add(indent, f"if not {test}: {refuse}")
    elif not wire:  # on the wire, msgspec checked the bounds (wire_struct)
        low, high = bounds
        if low is not None:
            src.add(indent, f"if {var} < {low}: {refuse}")
        if high is not None:
            src.add(indent, f"if {var} > {high}: {refuse}")
    if ref:
        # The same few thousand ids come back in millions of references: one string
        # each (equal, so nothing else changes) saves memory, and the integrity check
        # and the summary's lookups then meet strings they have seen.
        src.add(indent, f"{var} = {src.bind(sys.intern, 'intern')}({var})")
    if remember:
        src.add(indent, f"if len({seen}) < {_SEEN_MAX[ref]}: {seen}[{var}_read] = {var}")


def _value(
    src: _Source, field: attrs.Attribute[Any], hooks: Hooks, indent: int, wire: bool, var: str
) -> None:
    """Lines that check ``var``, a present, non-null value of ``field``."""
    tp, _ = _optional(field.type)
    each = field.converter if isinstance(field.converter, Each) else None
    if typing.get_origin(tp) is tuple:
        item, dots = typing.get_args(tp)
        if dots is not Ellipsis or field.converter is not each:
            raise TypeError(f"no fast path for {field.name}: {tp}")
        if not wire:  # the converter's hook takes a list or a tuple; JSON only has lists
            src.add(indent, f"if type({var}) is not list: return None")
        src.add(indent, "items = []", f"for item in {var}:")
        _scalar(src, item, each.fn if each else None, hooks, indent + 1, wire, "item")
        src.add(indent + 1, "items.append(item)")
        src.add(indent, f"{var} = tuple(items)")
    else:
        convert = each.fn if each else field.converter
        _scalar(src, tp, convert, hooks, indent, wire, var, remember=field.name != "id")


def _default(field: attrs.Attribute[Any]) -> Any:
    """The value ``__init__`` stores for an absent field: its default, converted and checked."""
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        raise TypeError(f"no fast path for {field.name}: a factory default")
    convert: Any = field.converter  # a plain callable in the model, never attrs.Converter
    value = convert(field.default) if convert else field.default
    if value is not None:
        tp = _optional(field.type)[0]
        many = typing.get_origin(tp) is tuple
        for item in value if many else (value,):
            for rule in rules_of(typing.get_args(tp)[0] if many else tp):
                rule.check(item, field.name)
    return value


# attrs' "only when not None" wrapper, whose class attrs does not export
_OPTIONAL_VALIDATOR = type(attrs.validators.optional(lambda *_: None))


def _fields_of(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    if not attrs.has(cls):
        raise TypeError(f"no fast path for {cls.__name__}: not an attrs class")
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"no fast path for {cls.__name__}: it has init hooks")
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    return fields


def _check_fields(
    src: _Source,
    fields: tuple[attrs.Attribute[Any], ...],
    hooks: Hooks,
    wire: bool,
    keys: bool = False,
) -> None:
    """Lines that leave each field's structured value in ``v0``, ``v1``..., or refuse.

    From a dict, each is read from ``raw``; from a struct, the values are there. From a
    dict, ``present`` counts the optional fields given; from a struct with ``keys``
    (made by :func:`wire_struct` with ``unset=True``), the keys given (nulls too).
    """
    for i, field in enumerate(fields):
        var = f"v{i}"
        if not wire:
            get = "raw[{!r}]" if field.default is attrs.NOTHING else "raw.get({!r})"
            src.add(2, f"{var} = {get.format(field.name)}")
        if field.default is attrs.NOTHING:
            _value(src, field, hooks, 2, wire, var)
            continue
        # null means the default, except for a field that is not optional but defaults
        # to None (there the converter's hook refuses the null; a wire struct cannot
        # tell null from absent, so both are left to the detailed path)
        default = _default(field)
        start = len(src.lines)
        none_is_it = default is None and _optional(field.type)[1]
        if wire and keys:
            _given(src, field, hooks, var, default, none_is_it)
            continue
        if none_is_it:
            src.add(2, f"if {var} is not None:")
        else:
            src.add(2, f"if {var} is None:")
            if default is None:
                src.add(3, "return None" if wire else f"if {field.name!r} in raw: return None")
            src.add(3, f"{var} = {src.bind(default, 'default')}")
            src.add(2, "else:")
        if not wire:
            src.add(3, "present += 1")
        checks = len(src.lines)
        _value(src, field, hooks, 3, wire, var)
        if len(src.lines) == checks:  # nothing to check when set (msgspec did it)
            del src.lines[start if none_is_it else checks - 1 :]  # the if, or the else


def _given(
    src: _Source,
    field: attrs.Attribute[Any],
    hooks: Hooks,
    var: str,
    default: Any,
    none_is_it: bool,
) -> None:
    """Lines for an optional field of a struct whose absent fields are ``UNSET``.

    Absent: the default. Given: one key more in ``present``; then a null means the
    default (for a field that is not optional but defaults to None, the detailed path
    decides), anything else is checked.
    """
    unset = src.bind(msgspec_module().UNSET, "unset")
    value = "None" if default is None else src.bind(default, "default")
    src.add(2, f"if {var} is {unset}:", f"    {var} = {value}", "else:", "    present += 1")
    if none_is_it:
        src.add(3, f"if {var} is not None:")
    else:
        src.add(
            3,
            f"if {var} is None:",
            "    return None" if default is None else f"    {var} = {value}",
        )
        src.add(3, "else:")
    checks = len(src.lines)
    _value(src, field, hooks, 4, True, var)
    if len(src.lines) == checks:  # nothing to check when set (msgspec did it)
        del src.lines[checks - 1]  # the if, or the else


def _build(
    src: _Source,
    cls: type,
    fields: tuple[attrs.Attribute[Any], ...],
    checks: list[tuple[int, attrs.Attribute[Any], Any]],
    indent: int,
) -> None:
    """Lines that build the record ``self`` from ``v0``, ``v1``... and run ``checks``.

    Built without __init__, which would convert and check everything a second time:
    each value goes straight into its slot (as attrs' own __init__ does for a frozen
    class), then the validators the fields declared run.
    """
    src.add(indent, f"self = {src.bind(object.__new__, 'new')}({src.bind(cls, 'cls')})")
    for i, field in enumerate(fields):
        src.add(indent, f"{src.bind(getattr(cls, field.name).__set__, 'set')}(self, v{i})")
    for i, field, declared in checks:
        validate, attribute = src.bind(declared, "validate"), src.bind(field, "field")
        src.add(indent, f"{validate}(self, {attribute}, v{i})")


def _declared(
    fields: tuple[attrs.Attribute[Any], ...],
) -> list[tuple[int, attrs.Attribute[Any], Any]]:
    """The validators the fields declared (their rules aside), by field index."""
    checks = []
    for i, field in enumerate(fields):
        declared = field.validator
        if isinstance(declared, RulesValidator):
            declared = declared.declared
        if declared is not None:
            checks.append((i, field, declared))
    return checks


def _finish(
    src: _Source,
    cls: type,
    fields: tuple[attrs.Attribute[Any], ...],
    values: bool,
    keys: bool = False,
) -> None:
    """Lines that build the record (or, with ``values``, give the values) and run its validators.

    With ``keys``, the result comes with ``present``: ``(record, present)``.
    """
    # (value, field, validator, whether it skips None)
    checks = [(i, f, d, isinstance(d, _OPTIONAL_VALIDATOR)) for i, f, d in _declared(fields)]

    def build(indent: int) -> None:
        _build(src, cls, fields, [(i, f, d) for i, f, d, _ in checks], indent)

    # Anything raised (a missing key, an unhashable enum value, a hook's or a
    # validator's error) is a refusal: the detailed path will say what it is.
    if values:
        # The declared validators take a record: build one only when one of them has
        # something to check (rare: they are mostly about optional fields left out).
        due = " or ".join(f"v{i} is not None" if opt else "True" for i, _, _, opt in checks)
        if due:
            src.add(2, f"if {due}:")
            build(3)
        every = ", ".join(f"v{i}" for i in range(len(fields)))
        done = f"({every},)"
    else:
        build(2)
        done = "self"
    src.add(1, "except Exception:", "    return None")
    src.add(1, f"return {done}, present" if keys else f"return {done}")


_SERIAL = itertools.count(1)  # one file name for each piece of generated code


def _registered(code: str, name: str) -> str:
    """A file name unique to ``code``, its lines registered in :mod:`linecache`.

    So that a traceback through generated code shows its lines, as attrs does for
    the methods it writes.
    """
    filename = f"<hdnd fast structure {name}-{next(_SERIAL)}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    return filename


def _compiled(src: _Source, cls: type, how: str) -> FastStructure:
    code = "\n".join(src.lines)
    namespace = dict(src.names)
    exec(compile(code, _registered(code, cls.__name__), "exec"), namespace)
    structure: FastStructure = namespace["structure"]
    structure.__doc__ = f"{cls.__name__} from {how}, or None (generated):\n\n{code}"
    return structure


def compile_structure(cls: type, hooks: Hooks, values: bool = False) -> FastStructure:
    """Generate the fast structuring function of the record class ``cls``.

    ``hooks`` gives the detailed converter's structure hook for a type: the generated
    code uses it for types it has no inline check for (dates, document numbers), and
    remembers its results by text. With ``values=True`` the function returns the
    record's field values as a tuple, in field order, instead of the record: what a
    one-pass summary needs, without building records it drops at once.
    ``TypeError`` if ``cls`` uses something the generator does not handle, so that a
    change to the model cannot slip past it.

    >>> from hdnd.converter import converter
    >>> from hdnd.model import Session
    >>> structure = compile_structure(Session, converter.get_structure_hook)
    >>> raw = {"id": "s1", "council_id": "c", "number": 1, "kind": "regular",
    ...        "start": "2023-07-10"}
    >>> structure(raw).start
    datetime.date(2023, 7, 10)
    >>> print(structure(raw | {"number": True}), structure(raw | {"end": "2023-07-09"}))
    None None
    >>> compile_structure(Session, converter.get_structure_hook, values=True)(raw)[:3]
    ('s1', 'c', 1)
    """
    fields = _fields_of(cls)
    src = _Source()
    src.add(0, "def structure(raw):", "    if type(raw) is not dict: return None", "    try:")
    src.add(2, f"present = {sum(f.default is attrs.NOTHING for f in fields)}")
    _check_fields(src, fields, hooks, wire=False)
    # Every key read had a value: more keys means nulls (fine) or unknown fields.
    names = src.bind(frozenset(f.name for f in fields), "names")
    src.add(2, f"if len(raw) != present and not raw.keys() <= {names}: return None")
    _finish(src, cls, fields, values)
    return _compiled(src, cls, "a JSON object")


@functools.cache
def msgspec_module() -> Any:
    """msgspec, imported on first use (it is not needed to import hdnd); None if missing."""
    try:
        import msgspec
    except ImportError:  # until msgspec is a dependency of its own: the orjson path alone
        return None
    return msgspec


# Types whose converter hook takes text and nothing else: msgspec takes them as text on
# the wire, for the hook to make (:func:`_learn`, its results remembered by text),
# rather than as raw JSON for orjson to read first. The same day is then one object,
# which a million records share (and whose hash a summary computes once).
_AS_TEXT: frozenset[Any] = frozenset({dt.date, DocumentNumber})


def _wire_type(base: Any, bounds: Bounds | None = None) -> Any:
    """The msgspec type that accepts what the converter's hook for ``base`` accepts.

    ``bounds``: an int's bounds from its rules (:func:`_bounds`), checked too.
    """
    msgspec = msgspec_module()
    if base in _AS_TEXT:
        return str
    if base is str or base is bool:
        return base
    if base is int:
        # What orjson reads as an int: other integers become floats, which the hook
        # refuses (beyond 2**53). msgspec reads them all as ints and takes bounds within
        # int64 only: the upper half of orjson's range is refused, and left to the
        # detailed path, as are whole numbers written 7.0 (msgspec takes no float here).
        low, high = bounds or (None, None)
        low = -(2**63) if low is None else max(low, -(2**63))
        high = 2**63 - 1 if high is None else min(high, 2**63 - 1)
        return typing.Annotated[int, msgspec.Meta(ge=low, le=high)]
    if isinstance(base, type) and issubclass(base, LabelledEnum):
        return base
    return msgspec.Raw  # the hook decides, on the value as orjson reads it


def wire_struct(cls: type, tag: str, unset: bool = False) -> type:
    """A msgspec struct for the JSON Lines form of ``cls`` (tag ``tag`` in ``"type"``).

    It checks in C what the converter's hooks check of each field's base type, and
    refuses unknown fields; an optional or defaulted field may be null or absent
    (None). :func:`compile_finish` does the rest. With ``unset``, an absent field is
    ``msgspec.UNSET`` instead, so that the fields that are not tell the keys the line
    gave.

    >>> from hdnd.model import Person
    >>> import msgspec
    >>> struct = wire_struct(Person, "person")
    >>> msgspec.json.decode(b'{"type": "person", "id": "p1", "full_name": "An"}', type=struct)
    Person(id='p1', full_name='An', other_posts=None)
    """
    specs: list[Any] = []
    for field in _fields_of(cls):
        tp, _ = _optional(field.type)
        each = field.converter if isinstance(field.converter, Each) else None
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            bound = _bounds(_base(item), each.fn if each else None, rules_of(item))
            wire: Any = list[_wire_type(_base(item), bound)]  # type: ignore[misc]
        else:
            bound = _bounds(_base(tp), each.fn if each else field.converter, rules_of(tp))
            wire = _wire_type(_base(tp), bound)
        if field.default is attrs.NOTHING:
            specs.append((field.name, wire))
        elif unset:
            specs.append(
                (field.name, wire | None | msgspec_module().UnsetType, msgspec_module().UNSET)
            )
        else:
            specs.append((field.name, wire | None, None))
    struct: type = msgspec_module().defstruct(
        cls.__name__,
        specs,
        kw_only=True,  # keeps the record's field order
        tag_field="type",
        tag=tag,
        forbid_unknown_fields=True,
        gc=False,  # dropped as soon as finished: not worth the collector's attention
    )
    return struct


def compile_finish(
    cls: type, hooks: Hooks, values: bool = False, keys: bool = False
) -> FastStructure:
    """Generate the function that finishes a :func:`wire_struct` of ``cls`` into the record.

    What msgspec does not do: text NFC-normalised and stripped, rules, defaults for
    nulls, types it has no check for (through the converter's hook), the declared
    validators. ``None`` if anything is off; ``values`` as for :func:`compile_structure`.
    With ``keys``, for a struct made with ``unset=True``, the record comes with the
    number of distinct keys its line had (a pair): ``"type"``, the required fields and
    the others given, null or not. A JSON Lines reader compares it with the colons of
    the line to find a key given twice, which msgspec reads without a word
    (:func:`hdnd.io.jsonl._scan`).

    >>> import msgspec
    >>> from hdnd.converter import converter
    >>> from hdnd.model import Person
    >>> line = b'{"type": "person", "id": "p1", "full_name": "  An "}'
    >>> person = msgspec.json.decode(line, type=wire_struct(Person, "person"))
    >>> compile_finish(Person, converter.get_structure_hook)(person)
    Person(id='p1', full_name='An', other_posts=())
    >>> person = msgspec.json.decode(line, type=wire_struct(Person, "person", unset=True))
    >>> compile_finish(Person, converter.get_structure_hook, keys=True)(person)
    (Person(id='p1', full_name='An', other_posts=()), 3)
    """
    fields = _fields_of(cls)
    src = _Source()
    src.add(0, "def structure(struct):", "    try:")
    every = ", ".join(f"v{i}" for i in range(len(fields)))
    src.add(2, f"{every}, = {src.bind(msgspec_module().structs.astuple, 'astuple')}(struct)")
    if keys:
        src.add(2, f"present = {1 + sum(f.default is attrs.NOTHING for f in fields)}")
    _check_fields(src, fields, hooks, wire=True, keys=keys)
    _finish(src, cls, fields, values, keys)
    return _compiled(src, cls, "its wire struct")


def refuse(_raw: Any) -> None:
    """The fast path of a class the generator does not handle: the detailed path always.

    >>> print(refuse({"id": "p1"}))
    None
    """


@functools.cache
def record_maker(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """The function that makes a record of ``cls`` from its checked field values.

    For values given by a ``values=True`` function, in field order; the declared
    validators run again (cheap), nothing else.

    >>> from hdnd.model import Person
    >>> record_maker(Person)(("p1", "An", ()))
    Person(id='p1', full_name='An', other_posts=())
    """
    fields = _fields_of(cls)
    src = _Source()
    src.add(0, "def structure(values):")
    src.add(1, f"{', '.join(f'v{i}' for i in range(len(fields)))}, = values")
    _build(src, cls, fields, _declared(fields), 1)
    src.add(1, "return self")
    return _compiled(src, cls, "its field values")
