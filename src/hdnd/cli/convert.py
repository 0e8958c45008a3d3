"""``hdnd convert IN OUT``: between formats, by extension; never over its input."""

from __future__ import annotations

import argparse
import sys

from hdnd.cli._common import EXIT_OK, guarded, load, refuse_overwriting

NAME = "convert"
HELP = "convert between formats (.json, .jsonl)"
EPILOG = """\
examples:
  hdnd convert examples/data/city-q1-2023.json city.jsonl
  hdnd convert city.jsonl - --to json | less
  cat city.jsonl | hdnd convert - city.json --from jsonl

The output is written to a temporary file beside OUT and renamed over it when
complete; hdnd never overwrites its input."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read IN, check it, and write it to OUT in the format OUT's extension names."
    )
    parser.add_argument("input", metavar="IN", help="input file, or - for standard input")
    parser.add_argument("output", metavar="OUT", help="output file, or - for standard output")
    parser.add_argument(
        "--from",
        dest="from_format",
        choices=["json", "jsonl"],
        default="json",
        help="format of standard input (default json)",
    )
    parser.add_argument(
        "--to",
        dest="to_format",
        choices=["json", "jsonl"],
        default="json",
        help="format of standard output (default json)",
    )


@guarded
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.io import format_of

    if args.output != "-":
        format_of(args.output)  # an unknown extension fails before any reading
    refuse_overwriting([args.input], args.output)
    dataset = load(args.input, args.from_format)
    if args.output == "-":
        sys.stdout.write(hdnd.dumps(dataset, format=args.to_format))
    else:
        hdnd.dump(dataset, args.output)
    return EXIT_OK
