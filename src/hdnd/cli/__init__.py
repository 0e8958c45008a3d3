"""The ``hdnd`` command: a thin shell over the library, one module per subcommand.

Exit codes: 0 all good; 1 a domain check at error level failed; 2 the input
could not be read or is not valid hdnd data, or the command line is wrong; 141
(as for a command ended by SIGPIPE) the reader of standard output went away, as
``head`` does in ``hdnd validate big.jsonl | head -1``: the command stops quietly;
Ctrl-C ends it with a line ("hdnd: interrupted") and then as SIGINT ends a program
(a shell says 130).

Each subcommand module has ``NAME``, ``HELP``, ``EPILOG`` (with an example),
``configure(parser)`` and ``execute(args) -> int``; :data:`COMMANDS` lists them. A
command line that names its subcommand imports that module only; one that names no
known command is told the nearest ("did you mean"), with no module imported.

>>> main(["--version"])  # doctest: +ELLIPSIS
hdnd ...
0
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from hdnd import i18n
from hdnd._version import __version__
from hdnd.cli._common import EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, Parser, fail
from hdnd.cli._language import add_lang_option, asked, speaking, words
from hdnd.i18n import gettext as _

__all__ = [
    "COMMANDS",
    "EXIT_CHECKS_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "main",
    "make_parser",
    "run",
]

EXIT_PIPE_CLOSED = 128 + 13
"""The exit status when standard output is a pipe whose reader closed it: a shell's for
a command that SIGPIPE (13) ended."""

_NAMES = (
    "summary",
    "report",
    "validate",
    "merge",
    "convert",
    "template",
    "export",
    "schema",
    "completion",
)
"""The subcommands' names (and modules), in the order ``hdnd --help`` lists them."""


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    """:data:`COMMANDS`, the subcommands' modules in the order ``hdnd --help`` lists
    them, imported when first asked for (a command imports only its own).

    >>> from hdnd.cli import COMMANDS
    >>> [command.NAME for command in COMMANDS][:2]
    ['summary', 'report']
    """
    if name != "COMMANDS":
        raise AttributeError(f"module 'hdnd.cli' has no attribute {name!r}")
    return tuple(map(_command, _NAMES))


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"hdnd.cli.{name}")


def _word(argv: Sequence[str]) -> str | None:
    """The word of ``argv`` that names a subcommand, if any: its first word not an option
    (of the options before it, ``--help`` and ``--version`` take no value, ``--lang`` one).

    >>> _word(["summary", "data.jsonl"]), _word(["--help"]), _word(["--lang", "vi", "sumary"])
    ('summary', None, 'sumary')
    """
    return next(words(argv), None)


def _named(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names, if it names a known one.

    >>> _named(["summary", "data.jsonl"]), _named(["--help"]), _named(["sumary"])
    ('summary', None, None)
    """
    word = _word(argv)
    return word if word in _NAMES else None


def _unknown(word: str) -> str:
    """What is said of a word that names no command: the nearest ones, or all of them.

    >>> _unknown("sumary")
    "unknown command 'sumary'; did you mean 'summary'?"
    >>> _unknown("xyz")  # doctest: +ELLIPSIS
    "unknown command 'xyz'; the commands are summary, report, validate, ... (hdnd --help)"
    >>> with i18n.language("vi"):
    ...     _unknown("sumary")
    "không có lệnh 'sumary'. Có phải là 'summary'?"
    """
    import difflib

    near = difflib.get_close_matches(word, _NAMES, n=2, cutoff=0.6)
    if near:
        return _("unknown command {word!r}; did you mean {commands}?").format(
            word=word, commands=_(" or ").join(map(repr, near))
        )
    return _("unknown command {word!r}; the commands are {commands} (hdnd --help)").format(
        word=word, commands=", ".join(_NAMES)
    )


def make_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line's parser, with every subcommand, or only the one ``argv`` names:
    its arguments are parsed by its own subparser alone, and the others' modules need
    not be imported.

    >>> make_parser(["schema"]).parse_args(["schema", "--jsonl"]).jsonl
    True
    """
    parser = Parser(
        prog="hdnd",
        description=_("Typed data, validation and reports for Vietnam's People's Councils (HĐND)."),
        epilog=_('example: hdnd summary examples/data/city-q1-2023.json --period "quý I/2023"'),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"hdnd {__version__}",
        help=_("show hdnd's version number and exit"),
    )
    add_lang_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    named = _named(argv)
    for command in map(_command, [named] if named else _NAMES):
        sub = commands.add_parser(
            command.NAME,
            help=_(command.HELP),
            epilog=_(command.EPILOG),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.configure(sub)
        add_lang_option(sub)
        sub.set_defaults(execute=command.execute)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``hdnd`` command with ``argv`` (default: the process's arguments).

    Everything the run writes is in the language ``--lang`` asks for, else the
    environment's (:mod:`hdnd.cli._language`).

    >>> main(["validate"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    if argv is None:
        argv = sys.argv[1:]
    with speaking(_language(argv)):
        return _main(argv)


def _language(argv: Sequence[str]) -> i18n.Language:
    """The language of the run: ``--lang``'s, else the environment's."""
    return asked(argv) or i18n.from_environment()


def _main(argv: Sequence[str]) -> int:
    word = _word(argv)
    if word is not None and word not in _NAMES:
        return fail(_unknown(word))
    parser = make_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version: argparse printed already
        if e.code in (0, None):
            return EXIT_OK
        raise
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    status: int = args.execute(args)
    return status


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its status.

    >>> import sys
    >>> sys.argv = ["hdnd", "--version"]
    >>> run()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    SystemExit: 0
    """
    try:
        status = main()
        sys.stdout.flush()  # a closed pipe shows here rather than at exit
    except BrokenPipeError:
        # What is left to write goes nowhere, so that Python's own flush at exit does
        # not fail too ("Exception ignored ... BrokenPipeError").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        # Ctrl-C is the person's own wish, not a fault: a line, not a traceback. What
        # was being written has already been removed (hdnd.io.files). Then end as
        # SIGINT ends a program, so that a shell's loop that ran hdnd stops too.
        with i18n.language(_language(sys.argv[1:])):
            sys.stderr.write(_("hdnd: interrupted") + "\n")
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    sys.exit(status)
