"""The language of hdnd's messages: gettext catalogs, and which language is in use.

Messages are written in English in the code, marked for translation
(``_("must be ≥ 0, got {value}").format(value=v)``, with ``from hdnd.i18n import
gettext as _``), and translated through a gettext catalog:
``hdnd/locale/vi/LC_MESSAGES/hdnd.po``, kept up to date with ``python
tools/catalog.py`` and compiled to ``hdnd.mo`` when the wheel is built.

The language, first found of: :func:`language` (a ``with`` block) or
:func:`set_language`; the ``HDND_LANG`` environment variable; the locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first set; ``vi…`` means
Vietnamese); else English. The command line's ``--lang`` sets it for one run.

>>> from hdnd import i18n
>>> with i18n.language("vi"):
...     print(i18n.gettext("must not be empty"))
không được để trống
>>> with i18n.language("en"):
...     print(i18n.gettext("must not be empty"))
must not be empty
>>> i18n.from_environment({"LANG": "vi_VN.UTF-8"}), i18n.from_environment({})
('vi', 'en')
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import io
import os
from collections.abc import Iterator, Mapping
from typing import Literal, TypeGuard, get_args

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "Language",
    "current",
    "from_environment",
    "gettext",
    "is_language",
    "language",
    "ngettext",
    "set_language",
    "translations",
]

Language = Literal["vi", "en"]
"""A language hdnd speaks: ``"vi"`` (Vietnamese) or ``"en"`` (English)."""

LANGUAGES: tuple[Language, ...] = get_args(Language)
"""The languages hdnd speaks, Vietnamese first.

>>> LANGUAGES
('vi', 'en')
"""

DOMAIN = "hdnd"
"""The gettext domain of hdnd's catalogs (``locale/<lang>/LC_MESSAGES/hdnd.mo``)."""

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_chosen: contextvars.ContextVar[Language | None] = contextvars.ContextVar(
    "hdnd_language", default=None
)


def is_language(value: object) -> TypeGuard[Language]:
    """Whether ``value`` names a language hdnd speaks.

    >>> is_language("vi"), is_language("fr")
    (True, False)
    """
    return value in LANGUAGES


def from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The language the environment asks for: ``HDND_LANG``, else the locale, else English.

    ``HDND_LANG`` must name a language hdnd speaks to count; of the locale variables
    the first set decides (as gettext reads them), Vietnamese when it starts with ``vi``;
    with none set (as on Windows), the process's locale (``Vietnamese_Vietnam`` counts).

    >>> from_environment({"HDND_LANG": "vi", "LANG": "en_US.UTF-8"})
    'vi'
    >>> from_environment({"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"})
    'en'
    >>> from_environment({"LANGUAGE": "vi:en"})
    'vi'
    """
    env = os.environ if environ is None else environ
    chosen = env.get("HDND_LANG", "").strip().lower()
    if is_language(chosen):
        return chosen
    for name in _LOCALE_VARIABLES:
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    if environ is None:  # Windows sets no variable: its locale is the user's setting
        import locale

        return "vi" if (locale.getlocale()[0] or "").lower().startswith("vi") else "en"
    return "en"


def current() -> Language:
    """The language messages are written in now.

    >>> with language("vi"):
    ...     current()
    'vi'
    """
    return _chosen.get() or from_environment()


def set_language(lang: Language | None) -> None:
    """Write messages in ``lang`` from now on (in this thread or task); ``None``: as the
    environment says again.

    >>> set_language("vi"); current()
    'vi'
    >>> set_language(None)
    """
    if lang is not None and not is_language(lang):
        raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    _chosen.set(lang)


@contextlib.contextmanager
def language(lang: Language) -> Iterator[Language]:
    """Write messages in ``lang`` inside a ``with`` block, then as before.

    >>> with language("vi") as lang:
    ...     print(lang, gettext("must not be empty"))
    vi không được để trống
    """
    if not is_language(lang):
        raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    token = _chosen.set(lang)
    try:
        yield lang
    finally:
        _chosen.reset(token)


@functools.cache
def translations(lang: Language) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (English is the language of the code: no catalog).

    The wheel ships the compiled ``hdnd.mo``; a source checkout has only the ``.po``,
    compiled here in memory with Babel (a dependency already).

    >>> translations("vi").gettext("must not be empty")
    'không được để trống'
    """
    if lang == "en":
        return _gettext.NullTranslations()
    from importlib import resources  # 8 ms to import: only when a catalog is read

    folder = resources.files("hdnd") / "locale" / lang / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (folder / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return _gettext.GNUTranslations(mo)


def gettext(message: str) -> str:
    """``message`` in the current language (as written, when the catalog lacks it).

    >>> with language("vi"):
    ...     gettext("must not be empty")
    'không được để trống'
    """
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` things, in the current language.

    Vietnamese nouns have one form: ``1 vấn đề``, ``2 vấn đề``.

    >>> with language("en"):
    ...     ngettext("{n} problem", "{n} problems", 2).format(n=2)
    '2 problems'
    """
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is written, to be translated where it is
    shown (with :func:`gettext`): for messages kept in data, such as a rule's.

    >>> rule = N_("must not be empty")
    >>> with language("vi"):
    ...     gettext(rule)
    'không được để trống'
    """
    return message
