"""The message catalogs: every message the code marks is translated, and the language is
chosen as the docs say (``--lang``, else ``HDND_LANG``, else the locale, else English)."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from hdnd import i18n

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
assert spec is not None
assert spec.loader is not None
catalog_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalog_tool)
PO = ROOT / "src" / "hdnd" / "locale" / "vi" / "LC_MESSAGES" / "hdnd.po"


def fields(text: str) -> set[str]:
    """The replacement fields of a ``str.format`` template, with their conversions."""
    return {
        f"{name}!{conv}" if conv else name
        for _, name, _, conv in string.Formatter().parse(text)
        if name is not None
    }


PERCENT_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")
"""A ``%`` placeholder: argparse's in a help text (``%(default)s``) or its own
messages (``%s``, ``%(value)r``)."""


def percent_fields(text: str) -> list[str]:
    """The ``%`` placeholders of a text, sorted: ``%(name)s`` fields and bare ``%s``/``%r``.

    >>> percent_fields("at most N (default: %(default)s); %s, %r; 40% of step 2")
    ['%(default)s', '%r', '%s']
    """
    return sorted(m.group(0) for m in PERCENT_FIELD.finditer(text))


@pytest.fixture(scope="module")
def vi_catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as f:
        return read_po(f, locale="vi", domain="hdnd")


def test_the_catalog_holds_exactly_the_messages_the_code_marks() -> None:
    assert not catalog_tool.stale(PO, catalog_tool.extracted()), "run: python tools/catalog.py"


def test_every_message_has_a_vietnamese_translation(vi_catalog) -> None:  # type: ignore[no-untyped-def]
    assert catalog_tool.untranslated(vi_catalog) == []


def test_translations_keep_the_replacement_fields(vi_catalog) -> None:  # type: ignore[no-untyped-def]
    for message in vi_catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in strings:
            assert fields(translated) == fields(ids[-1]), (message.id, translated)
            assert percent_fields(translated) == percent_fields(ids[-1]), (message.id, translated)


def test_percent_fields_are_found() -> None:
    assert percent_fields("list at most N (default: %(default)s)") == ["%(default)s"]
    assert percent_fields("invalid choice: %(value)r (choose from %(choices)s)") == [
        "%(choices)s",
        "%(value)r",
    ]
    assert percent_fields("{name}: DuckDB at work, {share}% of step {step}") == []


def test_a_rule_speaks_the_language_in_use() -> None:
    from hdnd.errors import InvalidValue
    from hdnd.model import NON_NEGATIVE

    with i18n.language("vi"), pytest.raises(InvalidValue) as vi:
        NON_NEGATIVE.check(-1)
    with i18n.language("en"), pytest.raises(InvalidValue) as en:
        NON_NEGATIVE.check(-1)
    assert vi.value.message == "phải ≥ 0; đã nhập -1"
    assert en.value.message == "must be ≥ 0, got -1"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "vi"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANGUAGE": "vi:en", "LANG": "en_US.UTF-8"}, "vi"),
        ({"HDND_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({"HDND_LANG": "EN", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"HDND_LANG": "fr", "LANG": "vi_VN.UTF-8"}, "vi"),  # not a language hdnd speaks
    ],
)
def test_the_language_the_environment_asks_for(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def test_a_chosen_language_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDND_LANG", "vi")
    assert i18n.current() == "vi"
    with i18n.language("en"):
        assert i18n.current() == "en"
        with i18n.language("vi"):
            assert i18n.current() == "vi"
        assert i18n.current() == "en"
    assert i18n.current() == "vi"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        i18n.set_language("fr")  # type: ignore[arg-type]


def test_without_locale_variables_the_process_locale_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HDND_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("locale.getlocale", lambda: ("Vietnamese_Vietnam", "1258"))
    assert i18n.from_environment() == "vi"
    monkeypatch.setattr("locale.getlocale", lambda: ("English_United States", "1252"))
    assert i18n.from_environment() == "en"
    monkeypatch.setattr("locale.getlocale", lambda: (None, None))
    assert i18n.from_environment() == "en"
