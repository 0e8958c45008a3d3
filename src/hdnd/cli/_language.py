"""The language of a run of ``hdnd``: ``--lang``, else the environment; argparse's own words.

``--lang vi|en`` may be given before or after the subcommand; it is read from the
command line before the parser is built (:func:`asked`), so that the help texts, made
when the parser is, are in that language too: ``hdnd --lang vi summary --help``. Without
it, the environment decides (:func:`hdnd.i18n.from_environment`: ``HDND_LANG``, else the
locale, else English). One language for everything the run prints: messages, help,
findings and the report itself.

argparse writes some words of its own ("usage:", "options", "invalid choice"...): it
looks them up with the ``gettext`` and ``ngettext`` functions it imported into its
module. :func:`speaking` binds those two names to hdnd's catalog for the run only, and
puts argparse's own back after: nothing changes for other code in the process once
:func:`hdnd.cli.main` returns. (Binding a gettext domain instead would change the
lookups of every module using ``gettext.gettext``, and needs a compiled catalog on
disk.) :data:`ARGPARSE_MESSAGES` lists argparse's words a user may read, so that the
catalog holds them.

>>> asked(["--lang", "vi", "summary"]), asked(["summary", "--lang=en"]), asked(["schema"])
('vi', 'en', None)
>>> with speaking("vi"):
...     argparse._("usage: ")
'cách dùng: '
>>> argparse._("usage: ")
'usage: '
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence

from hdnd import i18n
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

__all__ = [
    "ARGPARSE_MESSAGES",
    "OPTION",
    "add_lang_option",
    "asked",
    "of_document",
    "speaking",
    "words",
]

OPTION = "--lang"

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""The words argparse itself writes that a user of ``hdnd`` may read, as argparse
writes them (Python 3.11-3.13), marked for the catalog. Its other words are for
programmers building a parser (a conflicting option...): left in English."""


def asked(argv: Sequence[str]) -> i18n.Language | None:
    """The language the command line asks for with ``--lang`` (also ``--lang=vi`` and
    ``--la``/``--lan``, as argparse reads an abbreviation), the last one given; ``None``
    if none, or if its value names no language hdnd speaks (argparse says so later).

    >>> asked(["--la", "vi"]), asked(["--lang", "fr"]), asked(["--lang"])
    ('vi', None, None)
    >>> asked(["summary", "--", "--lang", "vi"]) is None
    True
    """
    chosen: i18n.Language | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        flag, equals, value = arg.partition("=")
        if len(flag) < len("--la") or not OPTION.startswith(flag):
            continue
        if not equals:
            value = args[i + 1] if i + 1 < len(args) else ""
        lang = value.strip().lower()
        chosen = lang if i18n.is_language(lang) else None
    return chosen


def of_document(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> i18n.Language:
    """The language of a report the run writes: ``--lang``'s, else ``HDND_LANG``'s, else
    Vietnamese. A report is a council office's document: a machine set up in English
    (its locale) asks for English messages, not for an English report.

    >>> of_document(argparse.Namespace(lang=None), {"LANG": "en_US.UTF-8"})
    'vi'
    >>> of_document(argparse.Namespace(lang="en"), {})
    'en'
    >>> of_document(argparse.Namespace(), {"HDND_LANG": "en"})
    'en'
    """
    chosen = getattr(args, "lang", None)
    if i18n.is_language(chosen):
        return chosen
    asked_for = (os.environ if environ is None else environ).get("HDND_LANG", "").strip().lower()
    return asked_for if i18n.is_language(asked_for) else "vi"


def words(argv: Sequence[str]) -> Iterator[str]:
    """The words of ``argv`` that are not options, ``--lang``'s value left out.

    >>> list(words(["--lang", "vi", "summary", "-q", "data.json"]))
    ['summary', 'data.json']
    """
    after_lang = False
    for arg in argv:
        if after_lang:
            after_lang = False
        elif arg.startswith("-"):
            after_lang = len(arg) >= len("--la") and OPTION.startswith(arg)
        else:
            yield arg


@contextlib.contextmanager
def speaking(lang: i18n.Language) -> Iterator[None]:
    """Inside the block, messages (hdnd's and argparse's) are in ``lang``; argparse's
    own lookups are put back after.

    >>> with speaking("en"):
    ...     argparse._("options")
    'options'
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = i18n.gettext, i18n.ngettext  # type: ignore[attr-defined]
    try:
        with i18n.language(lang):
            yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def add_lang_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--lang vi|en``: the language of the run. On a subcommand, it leaves the value
    given before the subcommand alone when not given again (``argparse.SUPPRESS``).

    >>> parser = argparse.ArgumentParser()
    >>> add_lang_option(parser, top=True)
    >>> parser.parse_args([]).lang, parser.parse_args(["--lang", "vi"]).lang
    (None, 'vi')
    """
    parser.add_argument(
        OPTION,
        choices=i18n.LANGUAGES,
        default=None if top else argparse.SUPPRESS,
        help=_(
            "the language of everything the command writes, messages and report: vi "
            "(Vietnamese) or en (English) (default: HDND_LANG, else the locale, LANG "
            "starting with vi meaning Vietnamese, else en)"
        ),
    )
