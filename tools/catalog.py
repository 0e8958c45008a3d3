"""Keep hdnd's message catalogs up to date with the code.

    python tools/catalog.py          # add new messages, drop gone ones, keep translations
    python tools/catalog.py --check  # exit 1 if the catalog is stale or has an untranslated message
    python tools/catalog.py --take-from other.po  # and fill missing translations from other.po

``--take-from`` settles a merge of two branches that both added messages: check out
one side's catalog, write the other's to a file (``git show :3:src/hdnd/locale/vi/...``)
and take its translations.

Messages are found with Babel's extractor (``_``, ``gettext``, ``ngettext``, ``N_`` calls)
in ``src/hdnd``. The catalog is written sorted by message, without source locations and
without line wrapping, so that branches adding messages merge without conflicts.
Then translate the entries whose ``msgstr`` is empty in
``src/hdnd/locale/vi/LC_MESSAGES/hdnd.po``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "hdnd"
CATALOGS = {"vi": SOURCE / "locale" / "vi" / "LC_MESSAGES" / "hdnd.po"}
# The header's dates would change the file on every run (and clash on every merge).
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def extracted() -> Catalog:
    """Every message the code marks for translation, with its comments."""
    template = Catalog(project="hdnd", domain="hdnd")
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE,
        method_map=[("**.py", "python")],
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def updated(lang: str, path: Path, template: Catalog, donors: list[Path]) -> Catalog:
    """The catalog of ``lang`` with exactly the template's messages, translations kept
    (and, for a message without one, taken from the first of ``donors`` that has it)."""
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang, domain="hdnd")
    else:
        catalog = Catalog(locale=lang, project="hdnd", domain="hdnd")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    for donor in donors:
        with donor.open("rb") as f:
            other = read_po(f, locale=lang, domain="hdnd")
        missing = set(untranslated(catalog))
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            found = other.get(message.id, message.context) if key in missing else None
            if found is not None and not found.fuzzy:
                message.string = found.string
    return catalog


def rendered(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.language_team = catalog.last_translator = "hdnd developers"
    catalog.copyright_holder = "the hdnd developers"
    catalog.fuzzy = False
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=0,
        no_location=True,
        omit_header=False,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=False,
    )
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of ``catalog`` without a translation (or only a fuzzy one)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def stale(path: Path, template: Catalog) -> bool:
    """Whether the catalog at ``path`` lacks a message of the code or has one it no longer has."""
    if not path.exists():
        return True
    with path.open("rb") as f:
        have = {m.id for m in read_po(f) if m.id}
    return have != {m.id for m in template if m.id}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument(
        "--take-from",
        action="append",
        type=Path,
        default=[],
        metavar="PO",
        help="fill missing translations from this catalog (repeatable)",
    )
    args = parser.parse_args(argv)
    template = extracted()
    status = 0
    for lang, path in CATALOGS.items():
        catalog = updated(lang, path, template, args.take_from)
        text = rendered(catalog)
        missing = untranslated(catalog)
        if args.check:
            if stale(path, template):
                print(f"{path}: out of date: run python tools/catalog.py", file=sys.stderr)
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        for msgid in missing:
            print(f"{path.name} [{lang}]: untranslated: {msgid!r}", file=sys.stderr)
        status = status or int(bool(missing) and args.check)
        print(f"{path}: {len(catalog)} messages, {len(missing)} untranslated")
    return status


if __name__ == "__main__":
    sys.exit(main())
