"""``hdnd schema``: the JSON Schema of the data format, generated from the record types."""

from __future__ import annotations

import argparse

from hdnd.cli._common import EXIT_OK, guarded, write_text
from hdnd.dataset import COLLECTIONS
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

NAME = "schema"
HELP = N_("print the JSON Schema (2020-12) of documents, records or JSON Lines")
EPILOG = N_("""\
examples:
  hdnd schema --output hdnd-document.schema.json
  hdnd schema --record reception
  hdnd schema --jsonl --output hdnd-line.schema.json

The schema's $id names the format version: urn:hdnd:schema:v1:document,
urn:hdnd:schema:v1:record:TYPE, urn:hdnd:schema:v1:jsonl, urn:hdnd:schema:v1:jsonl:TYPE.
It checks the shape of files; ids, references and dates' order need hdnd validate.""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _(
        "Print the JSON Schema hdnd files follow, for other tools to check them."
    )
    parser.add_argument(
        "--record",
        choices=[c.tag for c in COLLECTIONS],
        default=None,
        metavar="TYPE",
        help=_("one record type only: {types} (default: the whole document)").format(
            types=", ".join(c.tag for c in COLLECTIONS)
        ),
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help=_("the schema of a JSON Lines line, not of a document"),
    )
    parser.add_argument(
        "--output",
        default=None,
        metavar="PATH",
        help=_("write the schema here, atomically (default or -: standard output)"),
    )


@guarded
def execute(args: argparse.Namespace) -> int:
    import json

    from hdnd.schema import json_schema

    schema = json_schema(args.record, jsonl=args.jsonl)
    write_text(args.output, json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK
