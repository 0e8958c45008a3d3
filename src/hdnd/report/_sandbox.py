"""The sandbox a prose template of one's own runs in: no escape, no exhaustion, no mutation.

A template an office passes around is data, not vetted code. Jinja2's
``ImmutableSandboxedEnvironment`` keeps it from Python's internals and from the methods
that modify lists, dicts and sets. :class:`Sandbox` also bounds what it may cost, so
that a template of a few bytes cannot take the machine's memory or hours of its time:

- a value it builds (a string, a list...) and the text it writes hold at most
  ``max_chars`` characters or items; where one operation could make a huge value at
  once (``*``, ``**``, ``%``, ``str.format``, ``center``, ``replace``, ``join``...),
  the size is worked out *before* the value is made, and the operation refused;
- whole numbers have at most :data:`MAX_BITS` bits (Python writes at most 4,300 digits
  anyway), worked out before they are computed: ``9 ** 999999999`` is refused at once;
- everything it builds and every turn of its loops, together, at most ``max_work``;
- it stops at a deadline ``seconds`` away, checked at each call, operator and loop turn;
- ``lipsum`` is gone (it writes its paragraphs in one go).

What a refusal raises is :class:`TooCostly`, a Jinja2 ``SecurityError``.

>>> env = Sandbox(max_chars=100, max_work=1_000, seconds=10)
>>> env.from_string("{{ 'ab' * 3 }} {{ 2 ** 10 }}").render()
'ababab 1024'
>>> env.from_string("{{ 'ab' * 100 }}").render()
Traceback (most recent call last):
...
hdnd.report._sandbox.TooCostly: '*' would make a value of 200 characters or items; \
a template's values hold at most 100 (hdnd.report.MAX_TEMPLATE_CHARS)
>>> env.from_string("{{ 9 ** 999999999 }}").render()
Traceback (most recent call last):
...
hdnd.report._sandbox.TooCostly: '**' would make a number of 3,169,925,000 bits; \
a template's numbers have at most 100,000
"""

from __future__ import annotations

import collections
import functools
import inspect
import json
import math
import numbers
import re
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sized
from fractions import Fraction
from types import BuiltinMethodType, MappingProxyType
from typing import Any, Final

import jinja2
import jinja2.runtime
import jinja2.sandbox
import jinja2.utils
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError

__all__ = ["MAX_BITS", "Sandbox", "TooCostly"]

MAX_BITS: Final = 100_000
"""The most bits a whole number a template computes may have (about 30,000 digits)."""

_VIEWS: Final = (
    collections.abc.KeysView,
    collections.abc.ValuesView,
    collections.abc.ItemsView,
    MappingProxyType,
)
_CONTAINERS: Final = (list, tuple, set, frozenset, collections.deque, *_VIEWS)
# what filters and calls are given besides values: Jinja's own state, not data to measure
_STATE: Final = (jinja2.runtime.Context, jinja2.nodes.EvalContext, jinja2.Environment)


class TooCostly(SecurityError):
    """What a template asked for would cost more than it may: memory or time.

    >>> raise TooCostly("'*' would make a value of 10,000,000,000 characters or items")
    Traceback (most recent call last):
    ...
    hdnd.report._sandbox.TooCostly: '*' would make a value of 10,000,000,000 characters or items
    """


def size(value: Any, limit: int) -> int:
    """How many characters or items ``value`` stands for, counted until more than ``limit``.

    Strings count their characters, numbers their digits, containers their items and
    what those stand for (a list holding one long string a million times writes out a
    million of them), anything else one. This is what ``str(value)`` would take, within
    a small factor (the quotes and commas of a list), found without making it.

    >>> size("abc", 10), size(["abc", ("de", 1)], 10), size({"k": "vw"}, 10), size(-1234, 10)
    (3, 10, 4, 5)
    >>> size(["x" * 50] * 1000, 100) > 100
    True
    """
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, Mapping) and not isinstance(item, _STATE):
            total += len(item)
            if total <= limit:
                pending += item.keys()
                pending += item.values()
        elif isinstance(item, _CONTAINERS):
            total += len(item)
            if total <= limit:
                pending += item
        elif isinstance(item, numbers.Number):
            total += _digits(item)
        else:
            total += 1
    return total


_LOG10_2: Final = math.log10(2)


def _digits(number: Any) -> int:
    """At most how many characters ``str(number)`` has, found without writing it.

    >>> [_digits(n) for n in (0, 9, 10**20, -(10**20), True, 0.1, Fraction(-1, 3))]
    [1, 2, 21, 22, 5, 24, 4]
    """
    if isinstance(number, bool):
        return len("False")
    if isinstance(number, int):
        return int(number.bit_length() * _LOG10_2) + 1 + (number < 0)
    if isinstance(number, Fraction):
        return _digits(number.numerator) + 1 + _digits(number.denominator)
    return len("-1.2345678901234567e-308")  # the longest a float is written


def bits(value: int | Fraction) -> int:
    """The bits of a whole number, or of the larger of a fraction's two terms.

    >>> from fractions import Fraction
    >>> bits(255), bits(Fraction(1, 1024)), bits(True)
    (8, 11, 1)
    """
    return max(int(value.numerator).bit_length(), int(value.denominator).bit_length())


def _number_bits(operator: str, left: Any, right: Any) -> int:
    """At most how many bits ``left <operator> right`` has, both whole numbers or fractions.

    >>> _number_bits("**", 2, 1000), _number_bits("**", 1, 10**100), _number_bits("+", 8, 8)
    (1001, 1, 5)
    """
    if operator == "**":
        if right.denominator != 1 or (right < 0 and isinstance(left, int)):
            return 0  # a root or a negative power of a whole number: a float, whatever its size
        largest = max(abs(left.numerator), left.denominator)
        return math.ceil(int(abs(right)) * math.log2(largest)) + 1
    if operator in ("+", "-") and isinstance(left, int) and isinstance(right, int):
        return max(bits(left), bits(right)) + 1
    return bits(left) + bits(right) + 1


_SEQUENCES: Final = (str, bytes, list, tuple)


def _binop_size(operator: str, left: Any, right: Any, limit: int) -> int:
    """How many characters or items ``left <operator> right`` makes, when it makes a sequence.

    >>> _binop_size("*", "ab", 10**10, 100), _binop_size("+", [1], ["ab"], 100)
    (20000000000, 5)
    >>> _binop_size("%", "%9d|%s", ("x", "abc"), 100), _binop_size("-", 3, 2, 100)
    (21, 0)
    """
    if operator == "*":
        sequence, times = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(sequence, _SEQUENCES) and isinstance(times, int):
            return max(times, 0) * size(sequence, limit)
    elif operator == "+" and isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
        return size(left, limit) + size(right, limit)
    elif operator == "%" and isinstance(left, str | bytes):
        return percent_size(left, right, limit)
    return 0


# a printf-style conversion: %(key)-08.3f, %*d, %%...: its width, precision and type
_CONVERSION: Final = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.S)
# A float written in fixed point (%f, {:f}, {:%}) has up to 309 digits before its point,
# where it has at most 24 characters written as such: these conversions count them.
_FIXED_POINT: Final = 312


def percent_size(template: str | bytes, values: Any, limit: int) -> int:
    """At most how many characters ``template % values`` writes: widths asked and values given.

    A width taken from the values (``%*d``) counts the whole numbers among them.

    >>> percent_size("%s and %.2d", ("x", 15), 1000), percent_size("%999999999d", 1, 100) > 100
    (18, True)
    """
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    widths = 0
    for conversion in _CONVERSION.finditer(text):
        *asked, kind = conversion.groups()
        for number in asked:
            if number == "*":
                given = values if isinstance(values, tuple) else (values,)
                widths += sum(abs(v) for v in given if isinstance(v, int))
            elif number:
                widths += _width(number, limit)
        widths += _FIXED_POINT if kind in "fF" else 0
    return len(text) + widths + size(values, limit)


def _width(digits: str, limit: int) -> int:
    """A width written in a format; one too long to read (Python stops at 4,300 digits) is huge."""
    return int(digits) if len(digits) <= len(str(limit)) else limit + 1


class _Widths(jinja2.sandbox.SandboxedFormatter):
    """Goes through a ``str.format`` as the sandbox would, adding up what each field writes.

    Replacement fields are looked up through the sandbox; each counts what its value stands
    for and the widths its spec asks for, before it is written (a nested field, such as
    ``{:{width}}``, is written to make its spec). Once the count is past ``limit``,
    fields are no longer written.
    """

    def __init__(self, env: jinja2.Environment, limit: int) -> None:
        super().__init__(env)
        self.limit, self.total = limit, 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value  # !r or !s would write the value: size() measures it instead

    def format_field(self, value: Any, format_spec: str) -> str:
        widths = sum(_width(n, self.limit) for n in re.findall(r"\d+", format_spec))
        widths += _FIXED_POINT if format_spec[-1:] in ("f", "F", "%") else 0
        self.total += size(value, self.limit) + widths
        return "" if self.total > self.limit else str(super().format_field(value, format_spec))


def format_size(
    env: jinja2.Environment,
    template: str,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
    limit: int,
) -> int:
    """At most how many characters ``template.format(*args, **kwargs)`` writes.

    >>> env = Sandbox(max_chars=100, max_work=1_000, seconds=10)
    >>> format_size(env, "{a} {b:{w}}", (), {"a": "x", "b": 1, "w": 40}, 100)
    55
    >>> format_size(env, "{:>999999999}", (1,), {}, 100) > 100
    True
    """
    widths = _Widths(env, limit)
    widths.vformat(template, args, kwargs)
    return len(template) + widths.total


def _bound(
    function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], inspect.BoundArguments]:
    """The arguments of a call to a filter by parameter name, defaults filled in.

    The Jinja2 state a filter is given first (its environment, its context...) is put
    apart when the filter's signature does not name it: Jinja2 passes it to filters that
    work both ways, sync and async, and the signature is the async one's.
    """
    signature = inspect.signature(function)
    first = next(iter(signature.parameters), None)
    state: tuple[Any, ...] = ()
    if args and isinstance(args[0], _STATE) and first not in _STATE_PARAMETERS:
        state, args = args[:1], args[1:]
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return state, bound


# how Jinja2's filters name the state they are given
_STATE_PARAMETERS: Final = frozenset({"environment", "env", "eval_ctx", "context"})


def _number(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _replaced_size(text: str | bytes, old: Any, new: Any, count: Any) -> int:
    """At most how many characters ``text.replace(old, new, count)`` has."""
    if not isinstance(old, str | bytes) or not isinstance(new, str | bytes):
        return len(text)
    try:
        found = text.count(old) if old else len(text) + 1  # type: ignore[arg-type]
    except TypeError:  # bytes in str, or str in bytes: replace() says so
        return len(text)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * len(new)


def _wrapped_size(text: str, width: Any, wrapstring: Any, limit: int) -> int:
    """At most how many characters ``wordwrap`` makes: a line break for each word, or width."""
    lines = len(text) // max(_number(width), 1) + len(text.split()) + 1
    return len(text) + lines * size(wrapstring or "\n", limit)


def _joined_size(items: list[Any], separator: Any, limit: int) -> int:
    return sum(size(item, limit) for item in items) + len(items) * size(separator, limit)


# Filters that can make something much larger than what they are given, and how large:
# each takes the filter's arguments by name (it may put a generator it had to go
# through back as a list) and the limit, and says at most how many characters or items.
_Estimate = Callable[[dict[str, Any], int], int]


def _join_estimate(a: dict[str, Any], limit: int) -> int:
    a["value"] = items = list(a["value"])
    return _joined_size(items, a["d"], limit)


def _sum_estimate(a: dict[str, Any], limit: int) -> int:
    # sum() of lists or strings copies what it has so far at each item: n² for n items
    if not isinstance(a["start"], numbers.Number):
        raise TooCostly("the filter sum adds numbers: join strings with join, lists with +")
    return 0


# Filters that give back what they are given, or part of it, or counts: what they are
# given is not written, so not measured (the names of a whole country's councils may
# well be counted, sorted or looped through)
_KEEPS_VALUES: Final = frozenset(
    [
        "abs",
        "attr",
        "batch",
        "count",
        "d",
        "default",
        "dictsort",
        "first",
        "float",
        "groupby",
        "int",
        "items",
        "last",
        "length",
        "list",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "round",
        "select",
        "selectattr",
        "slice",
        "sort",
        "sum",
        "unique",
    ]
)

_FILTER_SIZES: Final[dict[str, _Estimate]] = {
    "center": lambda a, limit: max(_number(a["width"]), len(_text(a["value"]))),
    "indent": lambda a, limit: (
        len(_text(a["s"]))
        + (_text(a["s"]).count("\n") + 1)
        * (_number(a["width"]) if isinstance(a["width"], int) else size(a["width"], limit))
    ),
    "wordwrap": lambda a, limit: _wrapped_size(_text(a["s"]), a["width"], a["wrapstring"], limit),
    "replace": lambda a, limit: _replaced_size(_text(a["s"]), a["old"], a["new"], a["count"]),
    "join": _join_estimate,
    "format": lambda a, limit: percent_size(_text(a["value"]), a["kwargs"] or a["args"], limit),
    "sum": _sum_estimate,
    "batch": lambda a, limit: _number(a["linecount"]),
    "slice": lambda a, limit: _number(a["slices"]),
    # each link it makes holds the target and rel given: that part multiplies (the rest,
    # escaping and the address written twice, some ten times at most, is measured after)
    "urlize": lambda a, limit: (
        len(_text(a["value"]))
        + len(_text(a["value"]).split()) * (size(a["target"], limit) + size(a["rel"], limit))
    ),
}


def _method_size(
    method: Any, args: tuple[Any, ...], kwargs: dict[str, Any], env: Sandbox
) -> tuple[int, tuple[Any, ...]]:
    """At most how many characters a string method (or ``int.to_bytes``) makes, and its arguments.

    ``join`` goes through a generator it is given: the list it made is passed on instead.
    """
    limit = env.max_chars
    name, owner = method.__name__, method.__self__
    if isinstance(owner, int) and name == "to_bytes":
        return _number(args[0] if args else kwargs.get("length", 1)), args
    if not isinstance(owner, str | bytes):
        return 0, args
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(_number(args[0]) if args else 0, len(owner)), args
    if name == "expandtabs":
        tabsize = _number(args[0] if args else kwargs.get("tabsize", 8))
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        return len(owner) + tabs * tabsize, args
    if name == "replace" and len(args) >= 2:
        return _replaced_size(
            owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1)
        ), args
    if name == "join" and len(args) == 1:
        items = list(args[0])
        return _joined_size(items, owner, limit), (items,)
    if name == "translate" and args:
        table = args[0]
        replacements = table.values() if isinstance(table, Mapping) else table
        longest = max(
            (size(r, limit) for r in replacements if isinstance(r, str | bytes)), default=1
        )
        return len(owner) * max(longest, 1), args
    if name == "format" and isinstance(owner, str):
        return format_size(env, owner, args, kwargs, limit), args
    if name == "format_map" and isinstance(owner, str) and len(args) == 1:
        return format_size(env, owner, (), args[0], limit), args
    return 0, args


class _Namespace(jinja2.utils.Namespace):
    """Jinja2's ``namespace()``, written out without its contents (which size() cannot see)."""

    def __repr__(self) -> str:
        return "<namespace>"


class _MeasuredCode(CodeGenerator):
    """Jinja2's code generator, with each loop's turns and each ``~`` going through the sandbox."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        turns = nodes.Call(nodes.EnvironmentAttribute("turns"), [node.iter], [], None, None)
        turns.set_lineno(node.iter.lineno).set_environment(self.environment)
        measured = nodes.For(
            node.target, turns, node.body, node.else_, node.test, node.recursive, lineno=node.lineno
        )
        measured.set_environment(self.environment)
        super().visit_For(measured, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for piece in node.nodes:
            self.visit(piece, frame)
            self.write(", ")
        autoescape = (
            "context.eval_ctx.autoescape"
            if frame.eval_ctx.volatile
            else repr(frame.eval_ctx.autoescape)
        )
        self.write(f"), {autoescape})")


class Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, bounded: values, work in all, time.

    See the module's documentation for what each bound covers. An environment keeps
    count from when it is made: make one for each template rendered.

    >>> env = Sandbox(max_chars=1_000, max_work=10_000, seconds=10)
    >>> env.from_string("{% for i in range(3) %}{{ i ~ '.' }}{% endfor %}").render()
    '0.1.2.'
    >>> loops = "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    >>> env.from_string(loops).render()
    Traceback (most recent call last):
    ...
    hdnd.report._sandbox.TooCostly: the template built or went through more than 10,000 \
characters, items or loop turns in all (hdnd.report.MAX_TEMPLATE_WORK)
    """

    intercepted_binops = frozenset(jinja2.sandbox.SandboxedEnvironment.default_binop_table)
    code_generator_class = _MeasuredCode

    def __init__(self, *, max_chars: int, max_work: int, seconds: float, **options: Any) -> None:
        super().__init__(**options)
        self.max_chars, self.work_left, self.seconds = max_chars, max_work, seconds
        self.max_work = max_work
        self.deadline = time.monotonic() + seconds
        del self.globals["lipsum"]
        self.globals.update(range=self.range, namespace=_Namespace)
        self.filters = {name: self._measured(name, f) for name, f in self.filters.items()}
        self.policies["json.dumps_function"] = self.dumps
        self.finalize = self.written

    # -- the bounds

    def tick(self) -> None:
        """Refuse to go on past the deadline."""
        if time.monotonic() > self.deadline:
            raise TooCostly(
                f"the template still runs after {self.seconds:g} seconds "
                "(hdnd.report.MAX_TEMPLATE_SECONDS)"
            )

    def check(self, made: int, what: str) -> None:
        """Refuse a value of more than ``max_chars`` characters or items."""
        if made > self.max_chars:
            raise TooCostly(
                f"{what} would make a value of {made:,} characters or items; a template's "
                f"values hold at most {self.max_chars:,} (hdnd.report.MAX_TEMPLATE_CHARS)"
            )

    def spend(self, work: int) -> None:
        """Count ``work`` against ``max_work``; refuse once it is all spent."""
        self.work_left -= work
        if self.work_left < 0:
            raise TooCostly(
                f"the template built or went through more than {self.max_work:,} characters, "
                "items or loop turns in all (hdnd.report.MAX_TEMPLATE_WORK)"
            )

    def made(self, value: Any, what: str, *, copied: bool = False) -> Any:
        """Check and count a value just made; give it back.

        A view (``names.items()``) makes nothing: it shows data there already, which may
        be large (the names of every council of a province), and is measured if written.
        A value ``copied`` from others (a list sorted) counts its items only: they are there
        already too.
        """
        if isinstance(value, _VIEWS):
            return value
        made = len(value) if copied and isinstance(value, Sized) else size(value, self.max_chars)
        self.check(made, what)
        self.spend(made)
        return value

    # -- where a template computes

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        self.tick()
        if isinstance(left, numbers.Rational) and isinstance(right, numbers.Rational):
            made = _number_bits(operator, left, right)
            if made > MAX_BITS:
                raise TooCostly(
                    f"'{operator}' would make a number of {made:,} bits; "
                    f"a template's numbers have at most {MAX_BITS:,}"
                )
        self.check(_binop_size(operator, left, right, self.max_chars), f"'{operator}'")
        return self.made(super().call_binop(context, operator, left, right), f"'{operator}'")

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.tick()
        method = getattr(obj, "__wrapped__", obj)  # str.format comes wrapped by the sandbox
        if isinstance(method, BuiltinMethodType):
            made, args = _method_size(method, args, kwargs, self)
            self.check(made, f"{method.__name__}()")
        return self.made(
            super().call(context, obj, *args, **kwargs),
            f"{getattr(method, '__name__', 'a call')}()",
        )

    def _measured(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """A filter, bounded: what it is given and what it makes are measured."""
        estimate = _FILTER_SIZES.get(name)
        writes = name not in _KEEPS_VALUES
        what = f"the filter {name}"

        @functools.wraps(function)  # keeps Jinja's marks (pass_context...) on the filter
        def measured(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            for value in (*args, *kwargs.values()) if writes else ():
                self.check(size(value, self.max_chars), what)
            if estimate is not None:
                state, bound = _bound(function, args, kwargs)
                self.check(estimate(bound.arguments, self.max_chars), what)
                args, kwargs = (*state, *bound.args), bound.kwargs
            return self.made(function(*args, **kwargs), what, copied=not writes)

        return measured

    def range(self, *args: int) -> Iterable[int]:
        """Python's ``range``, of at most ``max_chars`` numbers."""
        made = range(*args)
        self.check(len(made), "range()")
        return made

    def turns(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """A loop's items, each turn counted and the deadline kept."""
        for item in iterable:
            self.spend(1)
            if not self.work_left % 1024:
                self.tick()
            yield item

    def joined(self, pieces: tuple[Any, ...], autoescape: bool) -> str:
        """``a ~ b``: measured before it is joined."""
        self.tick()
        made = sum(size(piece, self.max_chars) for piece in pieces)
        self.check(made, "'~'")
        self.spend(made)
        return (jinja2.runtime.markup_join if autoescape else jinja2.runtime.str_join)(pieces)

    def written(self, value: Any) -> Any:
        """A value about to be written (``{{ value }}``): measured before it is."""
        self.check(size(value, self.max_chars), "writing a value")
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """The text a template (or a macro, a block) writes: at most ``max_chars``, on time.

        A refusal is raised in the template's code that wrote the piece too many, when
        that is a generator (the template's own text): its traceback then holds the line.
        """
        return self.gathered(pieces, "the template writes")

    def dumps(self, value: Any, **options: Any) -> str:
        """``tojson``: the JSON written piece by piece, as text is (an indent adds up fast)."""
        return self.gathered(json.JSONEncoder(**options).iterencode(value), "tojson writes")

    def gathered(self, pieces: Iterable[str], what: str) -> str:
        """``pieces`` joined, refused once past ``max_chars`` or the deadline."""
        written, total = [], 0
        for piece in pieces:
            total += len(piece)
            try:
                self.tick()
                if total > self.max_chars:
                    raise TooCostly(
                        f"{what} more than {self.max_chars:,} characters "
                        "(hdnd.report.MAX_TEMPLATE_CHARS)"
                    )
            except TooCostly as refusal:
                if isinstance(pieces, Generator):
                    pieces.throw(refusal)
                raise
            written.append(piece)
        self.spend(total)
        return "".join(written)
