"""MkDocs hook: pages hold markers that are replaced by text generated from the code.

``<!-- hdnd:checks -->``, ``<!-- hdnd:cli -->``, ``<!-- hdnd:glossary -->`` and
``<!-- hdnd:format -->`` become tables made from ``hdnd.checks.CHECKS``, the
command line's own help, the enumerations and the data model, so the docs cannot
drift from the code.
"""

from __future__ import annotations

import contextlib
import io
import typing
from collections.abc import Callable
from typing import Any

import hdnd
from hdnd import cli
from hdnd.checks import CHECKS
from hdnd.enums import LabelledEnum
from hdnd.spec import RECORDS


def _checks() -> str:
    rows = ["| code | severity | rule | quy tắc |", "|---|---|---|---|"]
    rows += [f"| `{c.code}` | {c.severity.value} | {c.title_en} | {c.title_vi} |" for c in CHECKS]
    return "\n".join(rows)


def _cli() -> str:
    parts = []
    for command in (None, *cli.COMMANDS):
        # the page is in English, whatever the language of the machine building it
        argv = ["--lang", "en", *([] if command is None else [command.NAME]), "--help"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            cli.main(argv)
        title = "hdnd" if command is None else f"hdnd {command.NAME}"
        parts.append(f"### `{title}`\n\n```text\n{out.getvalue().rstrip()}\n```")
    return "\n\n".join(parts)


def _enums() -> list[type[LabelledEnum]]:
    return [getattr(hdnd, name) for name in hdnd.__all__ if _is_enum(getattr(hdnd, name))]


def _is_enum(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, LabelledEnum)


def _glossary() -> str:
    parts = []
    for enum in _enums():
        rows = [
            f"### `{enum.__name__}`",
            "",
            "| identifier | tiếng Việt | English |",
            "|---|---|---|",
        ]
        rows += [f"| `{m.value}` | {m.label_vi} | {m.label_en} |" for m in enum]
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, __import__("types").UnionType):
        inner = [a for a in args if a is not type(None)]
        return f"{_type_name(inner[0])}?"
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if origin is typing.Annotated:
        return _type_name(args[0])
    if _is_enum(tp):
        return f"[`{tp.__name__}`](glossary.md)"
    return {"str": "text", "int": "integer", "bool": "true/false", "date": "date (ISO)"}.get(
        getattr(tp, "__name__", str(tp)), getattr(tp, "__name__", str(tp))
    )


def _format() -> str:
    parts = []
    for r in RECORDS:
        hints = typing.get_type_hints(r.cls, include_extras=True)
        rows = [
            f"### `{r.tag}` — in `{r.key}`",
            "",
            (r.cls.__doc__ or "").strip().split("\n\n")[0],
            "",
            "| field | type | required | rules |",
            "|---|---|---|---|",
        ]
        for f in r.fields:
            rules = [rule.message.split(", got")[0] for rule in f.rules]
            if f.ref is not None:
                rules.append(f"an existing `{f.ref}` id")
            required = "yes" if f.required else f"no (default `{f.default!r}`)"
            rows.append(
                f"| `{f.name}` | {_type_name(hints[f.name])} | {required} | {'; '.join(rules)} |"
            )
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


MARKERS: dict[str, Callable[[], str]] = {
    "<!-- hdnd:checks -->": _checks,
    "<!-- hdnd:cli -->": _cli,
    "<!-- hdnd:glossary -->": _glossary,
    "<!-- hdnd:format -->": _format,
}


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
