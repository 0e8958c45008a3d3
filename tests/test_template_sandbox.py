"""Prose templates of one's own: no escape, no exhaustion, no mutation; every refusal located.

Each attack is a template that tries to leave the sandbox, to take the machine's memory
or time (issue 17: ``range(10**9)``, nested loops, ``'x' * 10**10``, ``lipsum(10**7)``,
``9 ** 999999999``...) or to change the data a report is made of. With the default
bounds, each must be refused as an :class:`~hdnd.report.InvalidTemplate` naming the
template's line, before it costs anything; through the command line, exit status 2,
no traceback, in bounded memory. Ordinary templates must render in the sandbox exactly
as they do outside it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
import hdnd.report
from hdnd.cli import main
from hdnd.report import InvalidTemplate, render
from hdnd.report._sandbox import Sandbox, format_size, percent_size, size
from hdnd.report.html import render_html
from hdnd.summary import Summary

Q1_2023 = hdnd.parse_period("quý I/2023")
MAX_RSS_MIB = 200  # hdnd itself takes about 40; the attacks, unbounded, took gigabytes

Summaries = tuple[Summary, hdnd.Comparison]


@pytest.fixture(scope="module")
def summaries(city: hdnd.Dataset) -> Summaries:
    now = hdnd.summarize(city, Q1_2023, council="tp", with_subordinates=True)
    then = hdnd.summarize(city, hdnd.baseline(Q1_2023), council="tp", with_subordinates=True)
    return now, hdnd.compare(now, then)


def refusal(summaries: Summaries, tmp_path: Path, text: str) -> str:
    """The message rendering ``text`` as a template of one's own is refused with."""
    template = tmp_path / "evil.txt.j2"
    template.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidTemplate) as refused:
        render(*summaries, template=template)
    message = str(refused.value)
    assert message.startswith(f"{template}:")
    return message.removeprefix(f"{template}:")


TOO_LARGE = "characters or items; a template's values hold at most 1,000,000"
TOO_MUCH = "characters, items or loop turns in all (hdnd.report.MAX_TEMPLATE_WORK)"
WRITES_TOO_MUCH = "writes more than 1,000,000 characters (hdnd.report.MAX_TEMPLATE_CHARS)"
LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}"
BIG = "{% set s = 'x' * 100000 %}"

# (the template's lines before the attack, the attack, what the refusal says)
ATTACKS = {
    # issue 17's reproductions
    "range": (
        "{{ range(10**9)|list|length }}",
        f"range() would make a value of 1,000,000,000 {TOO_LARGE}",
    ),
    "nested loops": (LOOPS + "x{% endfor %}{% endfor %}", WRITES_TOO_MUCH),
    "repetition": ("{{ 'x' * 10**10 }}", f"'*' would make a value of 10,000,000,000 {TOO_LARGE}"),
    "lipsum": ("{{ lipsum(10**7) }}", "'lipsum' is undefined"),
    "power": ("{{ 9 ** 999999999 }}", "'**' would make a number of 3,169,925,000 bits"),
    "names.update": (
        "{% set _ = names.update({'tp': 'HĐND GIẢ MẠO'}) %}",
        "'mappingproxy object' has no attribute 'update'",
    ),
    # mutation, through other ways to the data
    "names through the comparison": (
        "{% set _ = cmp.current.names.update({'tp': 'X'}) %}",
        "access to attribute 'update' of 'dict' object is unsafe",
    ),
    "a figure's dict": (
        "{% set _ = f.receptions.by_host.clear() %}",
        "access to attribute 'clear' of 'dict' object is unsafe",
    ),
    "levels": ("{% set _ = levels.append(1) %}", "access to attribute 'append' of 'list' object"),
    # escapes (they were refused before, now located)
    "mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "attribute '__class__' of 'str'"),
    "globals": ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "'__init__' of 'type'"),
    # time: loops that write nothing, loops over long strings
    "silent nested loops": (LOOPS + "{% endfor %}{% endfor %}", TOO_MUCH),
    "loops over a string": (
        "{% set s = 'x' * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        TOO_MUCH,
    ),
    "a macro's buffer": (
        "{% macro m() %}" + LOOPS + "x{% endfor %}{% endfor %}{% endmacro %}{{ m()|length }}",
        TOO_MUCH,
    ),
    "a set block": ("{% set x %}" + LOOPS + "x{% endfor %}{% endfor %}{% endset %}", TOO_MUCH),
    # numbers
    "a power folded at compile time": ("{{ 9 ** 999999999 + 1 }}", "'**' would make a number"),
    "a power of a variable": ("{% set e = 999999999 %}{{ 9 ** e }}", "'**' would make a number"),
    "squaring in a loop": (
        "{% set ns = namespace(x=3) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}"
        "{% endfor %}",
        "'*' would make a number of 103,875 bits; a template's numbers have at most 100,000",
    ),
    "a list repeated": (
        "{{ [1] * 10**10 }}",
        f"'*' would make a value of 20,000,000,000 {TOO_LARGE}",
    ),
    "to_bytes": (
        "{{ (1).to_bytes(10**9, 'big') }}",
        "to_bytes() would make a value of 1,000,000,000",
    ),
    # string methods
    "center": (
        "{{ 'x'.center(10**9) }}",
        f"center() would make a value of 1,000,000,000 {TOO_LARGE}",
    ),
    "ljust": ("{{ 'x'.ljust(10**9) }}", "ljust() would make a value of 1,000,000,000"),
    "rjust": ("{{ 'x'.rjust(10**9) }}", "rjust() would make a value of 1,000,000,000"),
    "zfill": ("{{ '1'.zfill(10**9) }}", "zfill() would make a value of 1,000,000,000"),
    "expandtabs": (
        "{{ 'a\\tb'.expandtabs(10**9) }}",
        "expandtabs() would make a value of 1,000,000,003",
    ),
    "replace": (BIG + "{{ s.replace('x', s) }}", "replace() would make a value of 10,000,100,000"),
    "join": (BIG + "{{ s.join(range(100000)|map('string')) }}", "join() would make a value of"),
    "translate": (
        BIG + "{{ s.translate({120: s}) }}",
        "translate() would make a value of 10,000,000,000",
    ),
    "format": ("{{ '{:>999999999}'.format(1) }}", "format() would make a value of"),
    "format, nested width": (
        "{{ '{:{}}'.format(1, 999999999) }}",
        "format() would make a value of",
    ),
    "format_map": (
        "{{ '{a:>999999999}'.format_map({'a': 1}) }}",
        "format_map() would make a value",
    ),
    "% width": ("{{ '%999999999d' % 1 }}", "'%' would make a value of"),
    "% width from the values": (
        "{{ '%*d' % (999999999, 1) }}",
        "'%' would make a value of 1,000,000,016",
    ),
    "% precision": ("{{ '%.999999999f' % 1.5 }}", "'%' would make a value of"),
    # filters
    "center filter": (
        "{{ 'x'|center(10**9) }}",
        "the filter center would make a value of 1,000,000,000",
    ),
    "filter folded at compile time": (
        "{{ 'x'|center(999999999) }}",
        "the filter center would make",
    ),
    "indent": ("{{ ('x\\n' * 100000)|indent(100000) }}", "the filter indent would make a value of"),
    "wordwrap": (
        "{{ ('ab ' * 100000)|wordwrap(1, wrapstring='x' * 100000) }}",
        "the filter wordwrap would make a value of",
    ),
    "format filter": ("{{ '%999999999s'|format('x') }}", "the filter format would make a value of"),
    "replace filter": (BIG + "{{ s|replace('x', s) }}", "the filter replace would make a value of"),
    "join filter": (
        "{{ range(100000)|join('x' * 100000) }}",
        "the filter join would make a value of",
    ),
    "batch": (
        "{{ [1]|batch(10**9, 'x')|list }}",
        "the filter batch would make a value of 1,000,000,000",
    ),
    "slice": (
        "{{ [1]|slice(10**9)|list }}",
        "the filter slice would make a value of 1,000,000,000",
    ),
    "tojson indent": (
        "{{ [[[[[1]]]]]|tojson(indent=10**6) }}",
        "tojson writes more than 1,000,000",
    ),
    "urlize target": (
        "{{ ('a.co ' * 100000)|urlize(target='x' * 100000) }}",
        "the filter urlize would make a value of",
    ),
    "sum of lists": ("{{ ([[1]] * 300000)|sum(start=[]) }}", "the filter sum adds numbers"),
    "a map of centers": (
        "{{ range(100000)|map('string')|map('center', 100000)|list|length }}",
        TOO_MUCH,
    ),
    # doubling
    "~": (
        BIG + "{% set s = s ~ s %}{% set s = s ~ s %}{% set s = s ~ s %}{% set s = s ~ s %}",
        "'~' would make a value of 1,600,000",
    ),
    "~ in a namespace": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "'~' would make a value of 1,048,576",
    ),
    "+ in a namespace": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "'+' would make a value of 1,048,576",
    ),
    # one value held many times, written out
    "fromkeys": (BIG + "{{ dict.fromkeys(range(100000), s) }}", "fromkeys() would make a value of"),
    "a list of one string": ("{{ ['x' * 100000] * 11 }}", "'*' would make a value of 1,100,011"),
    "a list written": (
        "{% set l = ['x' * 100000] * 9 %}{{ [l, l, l]|string }}",
        "the filter string would make a value of",
    ),
    "a list written out": (
        "{% set l = ['x' * 100000] * 9 %}{{ [l, l] }}",
        "writing a value would make",
    ),
    # what Python refuses, said without a traceback
    "a float too large": ("{{ 10.0 ** 400 }}", "OverflowError: "),
    "division by zero": ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    "a number too long to write": (
        "{{ 10 ** 5000 }}",
        "ValueError: Exceeds the limit (4300 digits)",
    ),
    "a macro calling itself": (
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "a macro calling itself without end (RecursionError)",
    ),
    "nested too deeply to read": (
        "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
        "nested too deeply",
    ),
}


@pytest.mark.parametrize(("attack", "reason"), ATTACKS.values(), ids=ATTACKS.keys())
def test_an_attack_is_refused_at_its_line(
    attack: str, reason: str, summaries: Summaries, tmp_path: Path
) -> None:
    message = refusal(summaries, tmp_path, f"{{{{ period }}}}\n\n{attack}\n{{{{ period }}}}\n")
    assert message.startswith("3: "), message
    assert reason in message


def test_the_deadline(
    summaries: Summaries, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hdnd.report, "MAX_TEMPLATE_SECONDS", 0.01)
    # two calls a level, forty levels deep: 2**40 calls, each one within the bounds
    exponential = "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}"
    message = refusal(summaries, tmp_path, f"{exponential}\n{{{{ f(40) }}}}")
    assert re.fullmatch(
        r"[12]: the template still runs after 0.01 seconds \(hdnd.report.MAX_TEMPLATE_SECONDS\)",
        message,
    )


@pytest.mark.parametrize(
    ("setting", "value", "template", "reason", "written"),
    [
        ("MAX_TEMPLATE_CHARS", 100, "{{ 'x' * 101 }}", "'*' would make a value of 101 ", "x" * 101),
        (
            "MAX_TEMPLATE_CHARS",
            100,
            "{{ 'x' * 60 }}{{ 'y' * 41 }}",
            "writes more than 100 ",
            "x" * 60 + "y" * 41,
        ),
        ("MAX_TEMPLATE_WORK", 100, "{% for i in range(101) %}{% endfor %}.", "more than 100 ", "."),
    ],
)
def test_the_bounds_are_module_attributes(
    setting: str,
    value: int,
    template: str,
    reason: str,
    written: str,
    summaries: Summaries,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hdnd.report, setting, value)
    assert reason in refusal(summaries, tmp_path, template)
    monkeypatch.setattr(hdnd.report, setting, value * 10)
    raised = tmp_path / "raised.txt.j2"
    raised.write_text(template, encoding="utf-8")
    assert render(*summaries, template=raised) == written


def test_data_larger_than_a_value_may_be_counted_and_looped_through(
    summaries: Summaries, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hdnd.report, "MAX_TEMPLATE_CHARS", 200)  # the names hold far more
    template = tmp_path / "counts.txt.j2"
    template.write_text(
        "{{ names|length }} {% for k, v in names.items() if k == 'tp' %}{{ v }}{% endfor %} "
        "{{ (names|dictsort|first)[0] }} {{ names.keys()|list|length }}",
        encoding="utf-8",
    )
    names = summaries[0].names
    assert sum(map(len, [*names, *names.values()])) > 200
    assert render(*summaries, template=template) == (
        f"{len(names)} {names['tp']} {min(names)} {len(names)}"
    )
    assert "would make a value" in refusal(summaries, tmp_path, "{{ names }}")


def test_a_template_too_long_or_not_utf8(summaries: Summaries, tmp_path: Path) -> None:
    long = tmp_path / "long.txt.j2"
    long.write_text("x" * 100_001, encoding="utf-8")
    with pytest.raises(InvalidTemplate, match=r"long.txt.j2: longer than 100,000 characters"):
        render(*summaries, template=long)
    latin = tmp_path / "latin.txt.j2"
    latin.write_bytes("Kỳ {{ period }}".encode("utf-16"))
    with pytest.raises(InvalidTemplate, match=r"latin.txt.j2: not UTF-8 text \(byte 0xff\)"):
        render(*summaries, template=latin)


def test_the_data_stays_as_it_was(summaries: Summaries, tmp_path: Path) -> None:
    now, comparison = summaries
    names, figures = dict(now.names), now.figures
    for attack in ("names.update", "names through the comparison", "a figure's dict", "levels"):
        refusal(summaries, tmp_path, ATTACKS[attack][0])
    assert now.names == names
    assert now.figures == figures
    page = render_html(now, comparison)
    assert f'<p class="issuer">{names["tp"]}</p>' in page
    assert "GIẢ MẠO" not in page


# -- the bundled templates, and ordinary ones, render the same in the sandbox -------------

BUNDLED = Path(hdnd.report.__file__).parent / "templates"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_bundled_prose_renders_the_same_in_the_sandbox(
    lang: hdnd.report.Lang, summaries: Summaries
) -> None:
    own = BUNDLED / f"summary.{lang}.txt.j2"
    bundled = render(*summaries, lang=lang)
    assert render(*summaries, lang=lang, template=own) == bundled
    assert render(summaries[0], lang=lang, template=own) == render(summaries[0], lang=lang)
    assert "74 lượt" in bundled or "74 turns" in bundled


ORDINARY = [
    "{% for x in items %}{{ loop.index }}/{{ loop.length }} {{ x ~ '!' }}{% else %}-{% endfor %}",
    "{% for x in items if x > 1 %}{{ x }}{{ ', ' if not loop.last }}{% endfor %}",
    "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}",
    "{% for k, v in pairs|dictsort %}{{ k }}={{ v }};{% endfor %}",
    "{% for x in tree recursive %}[{{ x.name }}{{ loop(x.children) }}]{% endfor %}",
    "{% macro m(a, b=2) %}{{ a * b }}{% endmacro %}{% macro w() %}<{{ caller() }}>{% endmacro %}"
    "{{ m(3) }}{% call w() %}{{ m('ab', 3) }}{% endcall %}",
    "{% set block %}{% for x in items %}{{ x }}{% endfor %}{% endset %}{{ block|length }}",
    "{% filter upper %}{{ 'abc' ~ 1 ~ none }}{% endfilter %}",
    "{{ '%05.1f|%-4s|%s' % (3.14159, 'ab', items) }} {{ '{:>6}|{a}'.format(1, a='b') }}",
    "{{ 'a-b'|replace('-', '--') }} {{ items|join(', ') }} {{ 'x'|center(7) }}|",
    "{{ items|sum }} {{ 2 ** 10 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 1 - 2.5 }} {{ 10 / 4 }}",
    "{{ pairs|tojson }} {{ pairs|tojson(indent=2) }} {{ text|wordwrap(5) }}",
    "{{ text|indent(2, first=true) }} {{ items|batch(2)|list }} {{ items|slice(2)|list }}",
    "{% set ns = namespace(total=0) %}{% for x in items %}{% set ns.total = ns.total + x %}"
    "{% endfor %}{{ ns.total }} {{ range(3)|list }} {{ range(1, 10, 4)|list }}",
    "{{ 'ab' * 3 }} {{ [1, 2] + [3] }} {{ (1, 2) * 2 }} {{ 'x'.ljust(3) }}| {{ '1'.zfill(3) }}",
    "{{ cycler('a', 'b').next() }} {{ joiner(', ')() }} {{ dict(a=1) }} {{ text|truncate(9) }}",
]
CONTEXT: dict[str, Any] = {
    "items": [1, 2, 3],
    "pairs": {"b": 2, "a": 1},
    "tree": [{"name": "a", "children": [{"name": "b", "children": []}]}],
    "text": "one two three four five",
}


@pytest.mark.parametrize("source", ORDINARY)
def test_ordinary_templates_render_as_outside_the_sandbox(source: str) -> None:
    outside = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source)
    sandboxed = Sandbox(max_chars=10_000, max_work=100_000, seconds=60).from_string(source)
    expected = outside.render(**CONTEXT)
    assert sandboxed.render(**CONTEXT) == expected
    assert expected  # each writes something


# -- the estimates: never less than what is made ------------------------------------------

# text written as it is (no escapes in its repr), numbers of any size
words = st.text(st.characters(categories=("L", "Nd")), max_size=8)
values = words | st.integers() | st.floats(allow_nan=False) | st.booleans()
widths = st.integers(0, 40).map(lambda n: str(n) if n else "")
precisions = st.sampled_from(["", ".0", ".3"])
plain = st.text(st.characters(categories=("L", "Zs")), max_size=5)


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(plain, st.sampled_from(["", "-", "+", " "]), widths, precisions, values),
        max_size=5,
    )
)
def test_percent_size_is_never_less_than_what_percent_writes(
    fields: list[tuple[str, str, str, str, Any]],
) -> None:
    template = "".join(
        f"{text}%{flag}{width}{precision}s" for text, flag, width, precision, _ in fields
    )
    template += "".join(
        f"%{flag}{width}{precision}f"
        for _, flag, width, precision, v in fields
        if isinstance(v, float)
    )
    given_values = tuple(v for *_, v in fields) + tuple(
        v for *_, v in fields if isinstance(v, float)
    )
    assert percent_size(template, given_values, 10**6) >= len(template % given_values)


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(plain, st.sampled_from(["", ">", "<", "^", "0>"]), widths, values), max_size=5
    )
)
def test_format_size_is_never_less_than_what_format_writes(
    fields: list[tuple[str, str, str, Any]],
) -> None:
    template = "".join(
        text + "{:" + align + width + ("f" if isinstance(v, float) else "") + "}"
        for text, align, width, v in fields
    )
    given_values = tuple(v for *_, v in fields)
    env = Sandbox(max_chars=10**6, max_work=10**7, seconds=60)
    assert format_size(env, template, given_values, {}, 10**6) >= len(
        template.format(*given_values)
    )


nested = st.recursive(
    words | st.integers(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=3),
    max_leaves=30,
)


@settings(deadline=None)
@given(nested)
def test_size_is_what_str_writes_within_a_small_factor(value: Any) -> None:
    # quotes, commas and brackets are what size() leaves out: a few for each item
    assert len(str(value)) <= 6 * size(value, 10**6) + 2


# -- the command line --------------------------------------------------------------------

ISSUE = ["range", "nested loops", "repetition", "lipsum", "power", "silent nested loops"]


@pytest.mark.parametrize("attack", ISSUE)
def test_the_command_refuses_an_attack_in_bounded_memory(
    attack: str, tmp_path: Path, measured: Any, example_path: Path
) -> None:
    template = tmp_path / "evil.txt.j2"
    template.write_text(f"{{{{ period }}}}\n{ATTACKS[attack][0]}\n", encoding="utf-8")
    args = ["summary", str(example_path), "--period", "quý I/2023", "--council", "tp"]
    code, output, peak = measured([*args, "--template", str(template)])
    assert code == 2
    assert output.startswith(f"hdnd: error: {template}:2: ")
    assert ATTACKS[attack][1] in output
    assert "Traceback" not in output
    assert peak < MAX_RSS_MIB


@pytest.mark.parametrize("command", ["summary", "report"])
def test_the_command_refuses_a_template_that_rewrites_the_letterhead(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    template = tmp_path / "evil.txt.j2"
    template.write_text(f"{{{{ period }}}}\n{ATTACKS['names.update'][0]}\n", encoding="utf-8")
    out = tmp_path / "page.html"
    args = [command, str(example_path), "--period", "quý I/2023", "--council", "tp"]
    args += ["--format", "html", "--output", str(out)] if command == "report" else []
    assert main([*args, "--template", str(template)]) == 2
    err = capsys.readouterr().err
    assert err == f"hdnd: error: {template}:2: 'mappingproxy object' has no attribute 'update'\n"
    assert not out.exists()


def test_what_a_template_writes_is_escaped_in_the_web_page(
    summaries: Summaries, tmp_path: Path
) -> None:
    template = tmp_path / "tagged.txt.j2"
    template.write_text("TITLE\n\n<script>alert(1)</script> & {{ period }}\n", encoding="utf-8")
    page = render_html(*summaries, prose_template=template)
    assert "<script" not in page
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; quý I/2023</p>" in page
