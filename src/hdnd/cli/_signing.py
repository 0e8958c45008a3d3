"""Whether a report may be written: the checks' findings on what it reports, an empty period.

``hdnd summary`` and ``hdnd report`` load a file whole when they can and run the domain
checks (:mod:`hdnd.checks`) on it. They keep the findings that concern what they
summarise (:func:`concerning`): a finding on a record of a council in scope, dated in
the period. Each such warning is printed on standard error; an error stops the report
(exit 1, nothing written) unless ``--allow-errors`` is given, which writes it marked as a
draft ("DỰ THẢO"). CSV and JSON (``hdnd summary --format csv|json``) are data for other
programs, not documents to sign: they are written, unmarked, the errors said on standard
error. A file streamed (JSON Lines, the DuckDB engine) is never held whole,
so its checks are not run: a note says so.

Which record a finding concerns is the one its location names. Its council is the
record's ``council_id`` (a council's own id, a position's body's council); a record of no
council (a person) concerns every scope. Its dates are the one that places it in a
period (:attr:`hdnd.spec.RecordSpec.period_field`), else its span (``start``-``end``,
``established``-``dissolved``, open where missing), else none: a record with no date
concerns every period. A finding on the date that places a record (a date in the future,
or outside its council's life) puts that date in doubt: the record may belong to any
period, so the finding concerns every one. A number used twice (HDND-R017) is located at
the record that reuses it, so it stops the reports of the period that record is dated in.

>>> import datetime as dt
>>> import hdnd
>>> from hdnd.checks import check
>>> tp = hdnd.Council(id="tp", name="HĐND thành phố", level=hdnd.Level.province,
...                   unit_type=hdnd.UnitType.central_city)
>>> r = [hdnd.ReceptionSession(id=f"r{m}", council_id="tp", date=dt.date(2023, m, 5),
...      kind=hdnd.ReceptionKind.periodic, turns=6, persons=4, cases=6) for m in (2, 5)]
>>> ds = hdnd.Dataset(councils=[tp], receptions=r)
>>> q1 = hdnd.summarize(ds, hdnd.parse_period("quý I/2023"), council="tp")
>>> [f.record_id for f in concerning(ds, check(ds), q1)]
['r2']
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from hdnd import i18n
from hdnd.cli._common import (
    EXIT_CHECKS_FAILED,
    described,
    input_name,
    located_at,
    sources_of,
)
from hdnd.i18n import gettext as _

if TYPE_CHECKING:
    from hdnd.checks import Finding
    from hdnd.dataset import Dataset
    from hdnd.io.sources import SourceMap
    from hdnd.model import Body
    from hdnd.summary import Summary

_SPANS: Final = (("start", "end"), ("established", "dissolved"))
"""The fields that give an undated record's span, first found first taken."""


def add_signing_options(parser: argparse.ArgumentParser) -> None:
    """``--allow-errors`` and ``--strict``."""
    parser.add_argument(
        "--allow-errors",
        action="store_true",
        help=_(
            "write the report even when a check at error level fails on the councils and "
            'period reported, marked as a draft ("DỰ THẢO"); otherwise exit 1, nothing written '
            "(csv and json, data rather than documents, are written unmarked anyway)"
        ),
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help=_("exit 1, writing nothing, when the period has no records at all"),
    )


@attrs.frozen
class Verdict:
    """What the checks and the figures allow: ``status`` to exit with at once (``None``:
    write), and whether what is written is a draft."""

    status: int | None = None
    draft: bool = False


def note_unchecked(name: str, quiet: bool = False) -> None:
    """Say, unless ``quiet``, that a file streamed is summarised without its checks."""
    if not quiet:
        note = _("hdnd: note: checks not run on a streamed file; run `hdnd validate {name}`")
        sys.stderr.write(note.format(name=name) + "\n")


def vet(
    args: argparse.Namespace, dataset: Dataset | None, summary: Summary, *, document: bool = True
) -> Verdict:
    """Say on standard error what stands in the way of signing ``summary``; the verdict.

    ``dataset`` is ``None`` for a file streamed: no checks (:func:`note_unchecked` says
    so, before reading). Warnings that concern the summary are printed; errors refuse a
    ``document`` unless ``args.allow_errors`` (then a draft); data (CSV, JSON: not a
    ``document``, nothing to sign or mark) is written with the errors said. An empty
    period is said, and refused with ``args.strict``.
    """
    name = input_name(args) or _("the input")
    sources = sources_of(dataset)
    errors = [] if dataset is None else _said(name, dataset, summary, sources)
    if errors and document and not args.allow_errors:
        files = getattr(args, "files", None) or []
        validate = f"--together {' '.join(files)}" if len(files) > 1 else name
        _refuse(name, validate, errors, sources)
        return Verdict(EXIT_CHECKS_FAILED)
    if errors:
        sys.stderr.writelines(_line(name, f, sources) for f in errors)
        written = (
            _('written over {errors}: marked as a draft ("DỰ THẢO")')
            if document
            else _("written over {errors}: data, not a document, unmarked")
        )
        sys.stderr.write(_warning(name, written.format(errors=_check_errors(len(errors)))))
    if is_empty(summary):
        note = _("hdnd: note: no records for {scope} in {period}")
        sys.stderr.write(note.format(scope=_scope(summary), period=summary.period) + "\n")
        if args.strict:
            sys.stderr.write(_("hdnd: error: --strict: nothing written") + "\n")
            return Verdict(EXIT_CHECKS_FAILED)
    return Verdict(None, draft=document and bool(errors))


def _said(
    name: str, dataset: Dataset, summary: Summary, sources: SourceMap | None
) -> list[Finding]:
    """Print the warnings that concern ``summary``; return its errors."""
    from hdnd.checks import Severity, check

    found = concerning(dataset, check(dataset), summary)
    for finding in found:
        if finding.severity is Severity.warning:
            sys.stderr.write(_line(name, finding, sources))
    return [f for f in found if f.severity is Severity.error]


def _warning(name: str, what: str) -> str:
    """A warning's line on standard error, about the input ``name``."""
    return _("hdnd: warning: {name}: {what}").format(name=name, what=what) + "\n"


def _line(name: str, finding: Finding, sources: SourceMap | None) -> str:
    """A finding's warning line: at its place in the input, else in ``name``."""
    at = located_at(finding, sources)
    if at:
        what = finding.describe(i18n.current(), at=at)
        return _("hdnd: warning: {message}").format(message=what) + "\n"
    return _warning(name, finding.describe(i18n.current()))


def _refuse(name: str, validate: str, errors: Sequence[Finding], sources: SourceMap | None) -> None:
    """Say why nothing was written, and how to see every finding (``hdnd validate ARGS``)."""
    out = sys.stderr
    refused = _(
        "hdnd: error: {name}: {errors} on the councils and period reported; nothing written:"
    )
    out.write(refused.format(name=name, errors=_check_errors(len(errors))) + "\n")
    out.writelines(f"  {described(f, sources, i18n.current())}\n" for f in errors)
    way = _(
        "hdnd: correct the data (`hdnd validate {validate}` lists every finding), or give "
        '--allow-errors to write the report marked as a draft ("DỰ THẢO")'
    )
    out.write(way.format(validate=validate) + "\n")


def _check_errors(n: int) -> str:
    return i18n.ngettext("{n} check error", "{n} check errors", n).format(n=n)


def _scope(summary: Summary) -> str:
    if summary.council_id is None:
        return _("any council")
    name = summary.names.get(summary.council_id)
    return f"{name} ({summary.council_id})" if name else repr(summary.council_id)


def concerning(dataset: Dataset, findings: Iterable[Finding], summary: Summary) -> list[Finding]:
    """The findings on a record of a council ``summary`` counts, dated in its period.

    See the module's documentation for which council and dates a finding has.
    """
    from hdnd.model import Body

    councils = set(summary.councils)
    period = summary.period
    bodies = dataset.index(Body)
    kept = []
    for finding in findings:
        record = _record(dataset, finding)
        if record is None:  # located at no record: about the whole file
            kept.append(finding)
            continue
        council = _council_of(record, bodies)
        first, last = _span(record, finding.path[2:3])
        if (council is None or council in councils) and (
            (first is None or first <= period.end) and (last is None or last >= period.start)
        ):
            kept.append(finding)
    return kept


def _record(dataset: Dataset, finding: Finding) -> Any:
    """The record a finding's location names, if any (``("receptions", 3, "persons")``)."""
    from hdnd.spec import RECORDS

    match finding.path:
        case (str(key), int(index), *_) if key in {r.key for r in RECORDS}:
            records = getattr(dataset, key)
            return records[index] if 0 <= index < len(records) else None
    return None


def _council_of(record: Any, bodies: Mapping[str, Body]) -> str | None:
    """The council a record belongs to: its own id for a council, none for a person."""
    from hdnd.model import Council

    if isinstance(record, Council):
        return record.id
    council: str | None = getattr(record, "council_id", None)
    body_id = getattr(record, "body_id", None)
    if council is None and body_id is not None:
        body = bodies.get(body_id)
        council = None if body is None else body.council_id
    return council


def _span(record: Any, about: Sequence[object]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a finding ``about`` a field of a record concerns (``None``:
    open on that side); a doubt on the date that places it in a period puts it in any."""
    from hdnd.spec import spec_of

    field = spec_of(type(record)).period_field
    if field is not None:
        day = None if field in about else getattr(record, field)
        return day, day
    for first, last in _SPANS:
        if hasattr(record, first):
            return getattr(record, first), getattr(record, last, None)
    return None, None


def is_empty(summary: Summary) -> bool:
    """Whether nothing counts in the summary: every figure unknown or zero.

    >>> import hdnd
    >>> is_empty(hdnd.summarize(hdnd.Dataset(), hdnd.parse_period("năm 2023")))
    True
    """
    return not _counts_something(summary.figures)


def _counts_something(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, dict):
        return any(map(_counts_something, value.values()))
    if attrs.has(type(value)):
        return any(map(_counts_something, attrs.asdict(value, recurse=False).values()))
    return False
