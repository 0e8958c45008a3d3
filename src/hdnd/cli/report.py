"""``hdnd report FILE --period ... --output R.docx``: a period report as a Word file or web page."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from hdnd.cli._common import (
    CONFIRMATION,
    EXIT_OK,
    add_limit_options,
    add_period_options,
    add_quiet_option,
    confirm,
    fail,
    guarded,
    limited,
    load_all,
    periods_of,
    refuse_overwriting,
    write_text,
)
from hdnd.cli._language import of_document
from hdnd.cli._signing import add_signing_options, note_unchecked, vet
from hdnd.cli.summary import add_trend_option, split_trend, summaries_of, with_trend
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.report import FORMATS, TEXT_FORMATS

NAME = "report"
HELP = N_("write a period report as a Word document (Decree 30 layout) or a web page")
EPILOG = N_("""\
examples:
  hdnd report examples/data/city-q1-2023.json --period "quý I/2023" --council tp \\
      --with-subordinates --output bao-cao-quy-I-2023.docx
  hdnd report data.json --period "quý I/2023" --council tp --number 46 \\
      --place "Thành phố Bắc Giang" --date 17/4/2023 --output bc-46.docx
  hdnd report data.json --period "năm 2023" --council tp --format html --output 2023.html

The Word report leaves what the data cannot tell (number, place, date) as dots to fill in;
its signatory is the chair of the council's standing committee on the date of issue.
--docx-template takes a .docx whose styles and page setup to use, and nothing else: what it
holds besides (macros, links outside, custom XML...) is named on standard error, left out.

The domain checks run first (those of `hdnd validate`): a warning on the councils and
period reported is printed on standard error; an error stops the report (exit 1, nothing
written) unless --allow-errors is given, which writes it marked "DỰ THẢO" (draft).
A period with no records is said on standard error (exit 0; --strict: 1).

Several files are merged into one dataset, as `hdnd merge` does, and loaded whole.
--council takes an id, a unit code or a name ("tan phong" finds "HĐND phường Tân Phong").""")

_DOCX_ONLY = ("number", "place", "date", "docx_template")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Write a period report: a Word document or a self-contained web page.")
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=_("the data file; several are merged into one")
    )
    add_period_options(
        parser,
        _("the council reporting (default: every council in the file, by level, no signatory)"),
    )
    documents = [f for f in FORMATS if f not in TEXT_FORMATS]  # hdnd summary writes the others
    parser.add_argument(
        "--format",
        choices=["docx", *documents],
        default="docx",
        help=_("a Word document or a self-contained web page (default: %(default)s)"),
    )
    parser.add_argument(
        "--output",
        default=None,
        metavar="PATH",
        help=_(
            "write the report here, atomically (required for docx; html: default or - is "
            "standard output)"
        ),
    )
    parser.add_argument(
        "--number",
        default=None,
        metavar="NUM",
        help=_('docx: the report\'s number, "46" or "46/BC-HĐND" (default: dots to fill in)'),
    )
    parser.add_argument(
        "--place",
        default=None,
        metavar="TEXT",
        help=_('docx: where it is issued, e.g. "Thành phố Bắc Giang" (default: dots to fill in)'),
    )
    parser.add_argument(
        "--date",
        default=None,
        metavar="DATE",
        help=_('docx: date of issue, e.g. "17/4/2023" (default: dots to fill in)'),
    )
    parser.add_argument(
        "--template",
        default=None,
        metavar="PATH",
        help=_("a Jinja2 prose template of your own, as for hdnd summary (default: hdnd's prose)"),
    )
    parser.add_argument(
        "--docx-template",
        default=None,
        metavar="PATH",
        help=_("docx: a .docx whose styles and page setup to use (default: hdnd's own, A4)"),
    )
    add_trend_option(parser)
    add_signing_options(parser)
    add_quiet_option(parser, CONFIRMATION)
    add_limit_options(parser)


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.dates import parse_date
    from hdnd.io import format_of

    if args.format == "docx":
        if args.output in (None, "-"):
            return fail(_("a Word report is a file: give --output PATH.docx"))
        if args.lang == "en":  # asked for on the command line; the environment's is no request
            return fail(_("the Word report follows Decree 30/2020/NĐ-CP: it is in Vietnamese only"))
    elif given := [f"--{o.replace('_', '-')}" for o in _DOCX_ONLY if getattr(args, o) is not None]:
        return fail(_("{options}: only for --format docx").format(options=", ".join(given)))
    inputs = [*args.files, *(p for p in (args.template, args.docx_template) if p is not None)]
    refuse_overwriting(inputs, args.output)
    date = parse_date(args.date) if args.date is not None else None
    periods = with_trend(args, periods_of(args))
    # without --council, every council in the file by level, and each council's own figures
    whole = args.council is None
    scope = (args.council, args.with_subordinates or whole, args.with_predecessors)
    if args.format == "html":
        if len(args.files) == 1 and format_of(args.files[0]) == "jsonl":
            note_unchecked(args.files[0])
        summaries, dataset = summaries_of(args.files, periods, *scope, by_council=whole)
    else:
        from hdnd.summary import summarize_periods

        # the signatory comes from people and positions: load the whole file, even a .jsonl
        dataset = load_all(args.files)
        summaries = summarize_periods(dataset.records(), periods, *scope, by_council=whole)
    summaries, trend = split_trend(summaries, len(periods_of(args)))
    verdict = vet(args, dataset, summaries[0])
    if verdict.status is not None:
        return verdict.status
    comparison = hdnd.compare(*summaries) if len(summaries) == 2 else None
    if args.format == "html":
        from hdnd.report.chart import NoChart
        from hdnd.report.html import render_html

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NoChart)
            page = render_html(
                summaries[0],
                comparison,
                lang=of_document(args),
                prose_template=args.template,
                draft=verdict.draft,
                trend=trend,
            )
        _warn(caught, NoChart)
        write_text(args.output, page)
        confirm(args, args.output, _described(_("a web page"), summaries[0], verdict.draft))
        return EXIT_OK

    from hdnd.report.chart import NoChart
    from hdnd.report.docx import DroppedFromTemplate, write_docx

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DroppedFromTemplate)
        warnings.simplefilter("always", NoChart)
        write_docx(
            summaries[0],
            comparison,
            args.output,
            dataset=dataset,
            number=args.number,
            place=args.place,
            date=date,
            template=args.docx_template,
            prose_template=args.template,
            draft=verdict.draft,
            trend=trend,
        )
    _warn(caught, DroppedFromTemplate, NoChart)
    confirm(args, args.output, _described(_("a Word report"), summaries[0], verdict.draft))
    return EXIT_OK


def _warn(caught: list[warnings.WarningMessage], *plain: type[Warning]) -> None:
    """Warnings of the ``plain`` kinds (what the template held that the report leaves out,
    a chart left out for want of matplotlib) said plainly; any other as Python says it."""
    for warning in caught:
        if issubclass(warning.category, plain):
            sys.stderr.write(_("hdnd: warning: {message}").format(message=warning.message) + "\n")
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )


def _described(kind: str, summary: Any, draft: bool) -> str:
    """What a report written holds: its kind (translated), period and council, and
    whether a draft.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> q1 = hdnd.parse_period("quý I/2023")
    >>> _described("a web page", hdnd.summarize(city, q1, council="tp"), draft=True)
    'a web page on quý I/2023 for HĐND thành phố (tp), marked as a draft (DỰ THẢO)'
    >>> _described("a Word report", hdnd.summarize(city, q1), draft=False)
    'a Word report on quý I/2023 for every council in the file (13), by level'
    """
    council = summary.council_id
    if council is None:
        scope = _("every council in the file ({n}), by level").format(n=len(summary.councils))
    else:
        named = (
            _("{name} ({id}) and the councils under it")
            if summary.with_subordinates
            else _("{name} ({id})")
        )
        scope = named.format(name=summary.names.get(council, council), id=council)
    said = _("{kind} on {period} for {scope}").format(kind=kind, period=summary.period, scope=scope)
    return _("{what}, marked as a draft (DỰ THẢO)").format(what=said) if draft else said
