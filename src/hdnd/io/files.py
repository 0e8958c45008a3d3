"""Reading input bytes with located decoding errors, and writing files atomically.

Input must be UTF-8 (a UTF-8 byte order mark is fine). :func:`decode_problem` says
where it is not, and names what the bytes are instead when it can tell: UTF-16 or
UTF-32 (with or without a byte order mark), a legacy Vietnamese encoding
(Windows-1258, TCVN3 (ABC) or VNI), or a file that is not text at all (a PDF, an
old ``.xls`` workbook...). Nothing is ever decoded from a legacy encoding: a wrong
guess would turn names into garbage that nobody notices, so such a file is refused,
with advice, and the person who has it converts it once, knowingly.

:func:`open_zip` checks a zip archive's table of contents (:func:`zip_problem`) before
anything is unpacked, so that a small file cannot unpack into gigabytes (a "zip bomb").

:func:`write_atomic` writes a file, :func:`write_folder_atomic` a folder, whole or not
at all. While either writes, a SIGTERM (whose handler is the default) stops the
process as it would have, but only once the temporary files are removed; so does
Ctrl-C (SIGINT, Python's ``KeyboardInterrupt``).

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomic(target, lambda f: f.write(b"xin chao"))
>>> target.read_bytes()
b'xin chao'
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import io
import itertools
import os
import re
import shutil
import signal
import stat
import struct
import sys
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final

from hdnd.errors import InvalidData, Problem
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

__all__ = [
    "MAX_LINE_BYTES",
    "bounded_line_blocks",
    "bounded_lines",
    "declares_doctype",
    "decode_problem",
    "describe_size",
    "open_zip",
    "raise_if_not_utf8",
    "strip_bom",
    "write_atomic",
    "write_folder_atomic",
    "write_whole",
    "zip_problem",
]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_SAMPLE = 1 << 16  # bytes looked at to tell an encoding: plenty of words, and quick

# What a file that is not text starts with, and what to tell its owner.
_MAGIC: Final = (
    (b"%PDF", N_("a PDF document")),
    (b"PK\x03\x04", N_("a zip archive (an .xlsx workbook or a .zip of CSV tables?)")),
    (b"\xd0\xcf\x11\xe0", N_("an old Office file (.xls or .doc): save it as .xlsx")),
    (b"{\\rtf", N_("an RTF document")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"\x1f\x8b", N_("a gzip archive")),
)

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_TONES: Final = _GRAVE + _ACUTE + _HOOK + _TILDE + _DOT

# TCVN 5712:1993 (the "ABC" fonts .VnTime...): bytes 0xA1-0xFF, one letter each
# (0xB0-0xB4 are combining tone marks), after the standard's table.
_TCVN3: Final = dict(
    zip(
        range(0xA1, 0x100),
        "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉ"
        "ỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ",
        strict=True,
    )
)
# VNI Windows: a base letter, then a byte for its marks (lower case and upper case
# letters take different bytes); a few letters have a byte of their own.
_VNI_MARKS: Final = {
    "": (),
    _GRAVE: (0xF8, 0xD8),
    _ACUTE: (0xF9, 0xD9),
    _HOOK: (0xFB, 0xDB),
    _TILDE: (0xF5, 0xD5),
    _DOT: (0xEF, 0xCF),
    _CIRCUMFLEX: (0xE2, 0xC2),
    _CIRCUMFLEX + _GRAVE: (0xE0, 0xC0),
    _CIRCUMFLEX + _ACUTE: (0xE1, 0xC1),
    _CIRCUMFLEX + _HOOK: (0xE5, 0xC5),
    _CIRCUMFLEX + _TILDE: (0xE3, 0xC3),
    _CIRCUMFLEX + _DOT: (0xE4, 0xC4),
    _BREVE: (0xEA, 0xCA),
    _BREVE + _GRAVE: (0xE8, 0xC8),
    _BREVE + _ACUTE: (0xE9, 0xC9),
    _BREVE + _HOOK: (0xFA, 0xDA),
    _BREVE + _TILDE: (0xFC, 0xDC),
    _BREVE + _DOT: (0xEB, 0xCB),
}
_VNI: Final = {
    **{byte: marks for marks, pair in _VNI_MARKS.items() for byte in pair},
    **dict(zip(b"\xf1\xec\xed\xe6\xf3\xf2\xf4\xf6\xee", "đìíỉĩịơưỵ", strict=True)),
    **dict(zip(b"\xd1\xcc\xcd\xc6\xd3\xd2\xd4\xd6\xce", "ĐÌÍỈĨỊƠƯỴ", strict=True)),
}

_VOWELS: Final = frozenset(
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in ("", *_TONES)
)
_LETTERS: Final = _VOWELS | {"đ"}
_TONED: Final = frozenset(
    v for v in _VOWELS if any(t in unicodedata.normalize("NFD", v) for t in _TONES)
)
# The vowel groups of Vietnamese syllables, tone marks left out.
_NUCLEI: Final = frozenset(
    re.findall(
        r"\S+",
        "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê "
        "ui uô uơ ưa ưi ưu ươ uy yê iêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu yêu",
    )
)
_SYLLABLE = re.compile(
    "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    f"([{''.join(sorted(_VOWELS))}]+)"
    "(ch|ng|nh|[cmnpt])?"
)
_TOKEN = re.compile(r"[^\W\d_]+|[^\x00-\x7f]")


@functools.cache
def _untoned(vowel: str) -> str:
    nfd = unicodedata.normalize("NFD", vowel)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))


def _words(text: str) -> tuple[int, int]:
    """How many words with letters beyond ASCII read as Vietnamese syllables, and how many not.

    A syllable is an onset, a vowel group of Vietnamese and a final consonant, with
    at most one tone mark; a stray symbol (``®``, ``©``, a lone combining mark) counts
    as a word that is not one. Words without vowels (``HĐND``) count neither way.
    """
    good = bad = 0
    for token in _TOKEN.findall(text):
        word = token.lower()
        if word.isascii():
            continue
        if not word.isalpha() or any(c not in _LETTERS and not c.isascii() for c in word):
            bad += 1
            continue
        if not any(c in _VOWELS for c in word):
            continue
        m = _SYLLABLE.fullmatch(word)
        nucleus = "".join(map(_untoned, m[2])) if m else ""
        if m and nucleus in _NUCLEI and sum(c in _TONED for c in word) <= 1:
            good += 1
        else:
            bad += 1
    return good, bad


def _by_table(table: Mapping[int, str]) -> Callable[[bytes], str]:
    """A decoder for an encoding that is ASCII below 0x80 and ``table`` above."""
    mapping = {b: chr(b) for b in range(0x80)} | dict(table)
    return lambda data: codecs.charmap_decode(data, "replace", mapping)[0]


_LEGACY: Final[Mapping[str, Callable[[bytes], str]]] = {
    "Windows-1258": lambda data: data.decode("cp1258", "replace"),
    "TCVN3 (ABC)": _by_table(_TCVN3),
    "VNI": _by_table(_VNI),
}


def _legacy_encoding(sample: bytes) -> str | None:
    """The legacy Vietnamese encoding ``sample`` reads best in, if one clearly does."""
    scores = []
    for name, decode in _LEGACY.items():
        good, bad = _words(unicodedata.normalize("NFC", decode(sample)))
        scores.append((good - bad, good, bad, name))
    scores.sort(reverse=True)
    (net, good, bad, name), (runner_up, *_) = scores[0], scores[1]
    return name if good and 4 * bad <= good and net > runner_up else None


def _utf16_without_bom(sample: bytes) -> bool:
    """Whether ``sample`` looks like UTF-16 without a byte order mark.

    Text in UTF-16 is mostly ASCII here (JSON's punctuation, field names, digits),
    and each ASCII character is a zero byte and its code: zero bytes fill every
    other position, on one side only.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    return max(even, odd) >= pairs // 4 and min(even, odd) <= pairs // 20


def _not_text(sample: bytes) -> str | None:
    """What a file that is not text is, by how it starts or by its control bytes."""
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            return _(what)
    controls = sum(sample.count(b) for b in (*range(9), 11, *range(14, 32), 127))
    return _("binary data") if sample and controls * 10 >= len(sample) else None


def decode_problem(data: bytes, file: str | None, first_line: int = 1) -> Problem | None:
    """A problem naming where ``data`` stops being UTF-8, or ``None`` if it is UTF-8.

    The message names what the bytes are instead, when that is clear: UTF-16 or
    UTF-32, a legacy Vietnamese encoding (Windows-1258, TCVN3 (ABC), VNI), or not
    text at all. ``first_line`` is the line ``data`` starts on (a JSON Lines line).

    >>> print(decode_problem("tiếp\\n dân".encode("utf-16"), "a.json"))
    a.json:1:1: the file is UTF-16 text; save it as UTF-8
    >>> print(decode_problem('{"a": 1}'.encode("utf-16-le"), "a.json"))
    a.json:1:1: the file is UTF-16 text (without a byte order mark); save it as UTF-8
    >>> print(decode_problem("Hội đồng nhân dân".encode("ascii", "ignore"), "a.json"))
    None
    >>> print(decode_problem(b'{"name":\\n "H\\xe9i \\xae\\xe5ng nh\\xa9n d\\xa9n"}', "a.json"))
    a.json:2:4: not UTF-8 text (byte 0xe9): it looks like TCVN3 (ABC), a legacy Vietnamese \
encoding; convert it to Unicode (UniKey's converter does) and save it as UTF-8
    >>> print(decode_problem(b'{"name": "H\\xf4i"}', "a.json"))
    a.json:1:12: not UTF-8 text (byte 0xf4); save the file as UTF-8 (legacy Vietnamese \
encodings such as Windows-1258, TCVN3 or VNI are not read)
    >>> print(decode_problem(b"%PDF-1.7\\n%\\xe2\\xe3\\xcf\\xd3", "q1.json"))
    q1.json:1:1: not text but a PDF document; hdnd reads UTF-8 text (JSON, JSON Lines, CSV) \
and .xlsx workbooks
    """
    head = data[:_SAMPLE]
    if data.startswith(_UTF32_BOMS):
        return Problem(file=file, line=first_line, column=1, message=_save_as("UTF-32"))
    if data.startswith(_UTF16_BOMS):
        return Problem(file=file, line=first_line, column=1, message=_save_as("UTF-16"))
    if b"\x00" in head and _utf16_without_bom(head):
        message = _("the file is UTF-16 text (without a byte order mark); save it as UTF-8")
        return Problem(file=file, line=first_line, column=1, message=message)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if what := _not_text(head):
            message = _(
                "not text but {what}; hdnd reads UTF-8 text (JSON, JSON Lines, CSV) and .xlsx"
                " workbooks"
            ).format(what=what)
            return Problem(file=file, line=first_line, column=1, message=message)
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        around = data[max(0, e.start - _SAMPLE // 2) : e.start + _SAMPLE // 2]
        if encoding := _legacy_encoding(around):
            message = _(
                "not UTF-8 text (byte 0x{byte:02x}): it looks like {encoding}, a legacy"
                " Vietnamese encoding; convert it to Unicode (UniKey's converter does) and save"
                " it as UTF-8"
            ).format(byte=data[e.start], encoding=encoding)
        else:
            message = _(
                "not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8 (legacy Vietnamese"
                " encodings such as Windows-1258, TCVN3 or VNI are not read)"
            ).format(byte=data[e.start])
        return Problem(
            file=file,
            line=first_line + data.count(b"\n", 0, e.start),
            column=column,
            message=message,
        )
    return None


def _save_as(encoding: str) -> str:
    return _("the file is {encoding} text; save it as UTF-8").format(encoding=encoding)


def strip_bom(data: bytes) -> bytes:
    """Drop a UTF-8 byte order mark, which Excel and Notepad like to add.

    >>> strip_bom(b"\\xef\\xbb\\xbf{}")
    b'{}'
    """
    return data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data


def raise_if_not_utf8(data: bytes, file: str | None) -> None:
    """Raise :class:`~hdnd.errors.InvalidData` unless ``data`` is UTF-8.

    >>> raise_if_not_utf8(b"\\xff\\xfe{", "x.json")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.json:1:1: the file is UTF-16 text; save it as UTF-8
    """
    if problem := decode_problem(data, file):
        raise InvalidData([problem])


def describe_size(n: int) -> str:
    """A size in bytes as hdnd's messages write it: in MiB from one MiB up, else in bytes.

    >>> describe_size(2**20 * 3 // 2), describe_size(4096)
    ('2 MiB', '4,096 bytes')
    """
    if n >= 2**20:
        return _("{size:,.0f} MiB").format(size=n / 2**20)
    return _("{size:,} bytes").format(size=n)


_END: Final = struct.Struct("<4s4H2LH")  # a zip's end of central directory record
_END64_LOCATOR: Final = struct.Struct("<4sLQL")  # just before it, when a zip64 one exists
_END64: Final = struct.Struct("<4sQ2H2L4Q")  # the zip64 record, just before the locator
_MAX_COMMENT: Final = 0xFFFF
_ENTRY_BYTES: Final = 1024  # a member's room in the table of contents: 46 bytes and its name


def _directory(stream: IO[bytes]) -> tuple[int, int] | None:
    """How many members a zip's end records declare, and the size of its table of contents.

    Read from the last 64 KiB of the file, where :mod:`zipfile` finds them; ``None``
    if there are none (not a zip: :mod:`zipfile` says so).
    """
    size = stream.seek(0, os.SEEK_END)
    start = max(0, size - _END.size - _MAX_COMMENT)
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        return None
    *_, entries, directory, _, _ = _END.unpack_from(tail, at)
    end = start + at
    if end >= _END64_LOCATOR.size + _END64.size:  # as zipfile does: the zip64 record wins
        stream.seek(end - _END64_LOCATOR.size - _END64.size)
        record = stream.read(_END64.size + _END64_LOCATOR.size)
        if record[_END64.size :].startswith(b"PK\x06\x07") and record.startswith(b"PK\x06\x06"):
            *_, entries, directory, _ = _END64.unpack_from(record)
    return entries, directory


def open_zip(
    stream: IO[bytes],
    file: str | None,
    *,
    max_entries: int,
    max_unpacked: int,
    max_ratio: int,
) -> zipfile.ZipFile | Problem:
    """The zip archive in ``stream``, or why it is not unpacked (:func:`zip_problem`).

    The number of members is read from the archive's end record first: :mod:`zipfile`
    lists every member when it opens an archive, which for millions of them takes
    seconds and gigabytes. What is not a zip raises what :mod:`zipfile` raises.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     for name in ("_meta.csv", "people.csv", "receptions.csv"):
    ...         z.writestr(name, b"")
    >>> print(open_zip(buf, "q1.zip", max_entries=2, max_unpacked=2**30, max_ratio=200))
    q1.zip: refusing to unpack an archive of 3 members; the limit is 2
    >>> open_zip(buf, "q1.zip", max_entries=3, max_unpacked=2**30, max_ratio=200).namelist()
    ['_meta.csv', 'people.csv', 'receptions.csv']
    """
    declared = _directory(stream)
    if declared is not None:
        entries, directory = declared
        if entries > max_entries:
            return _too_many(file, entries, max_entries)
        if directory > max_entries * _ENTRY_BYTES:
            return Problem(
                file=file,
                message=_(
                    "refusing to read a table of contents of {size}; the limit is {limit}"
                    " (for {members:,} members)"
                ).format(
                    size=describe_size(directory),
                    limit=describe_size(max_entries * _ENTRY_BYTES),
                    members=max_entries,
                ),
            )
    stream.seek(0)
    archive = zipfile.ZipFile(stream)
    problem = zip_problem(
        archive, file, max_entries=max_entries, max_unpacked=max_unpacked, max_ratio=max_ratio
    )
    if problem is None:
        return archive
    archive.close()
    return problem


def _too_many(file: str | None, entries: int, max_entries: int) -> Problem:
    return Problem(
        file=file,
        message=_(
            "refusing to unpack an archive of {members:,} members; the limit is {most:,}"
        ).format(members=entries, most=max_entries),
    )


def zip_problem(
    archive: zipfile.ZipFile,
    file: str | None,
    *,
    max_entries: int,
    max_unpacked: int,
    max_ratio: int,
) -> Problem | None:
    """Why ``archive`` is not unpacked, going by its table of contents; ``None`` if it may be.

    Refused: more than ``max_entries`` members; more than ``max_unpacked`` bytes once
    unpacked, all members together; more than ``max_ratio`` times their packed size
    unpacked, a member of over a mebibyte or all members together (text packs 5 to 30
    times; a zip bomb, a thousand); two members of one name, which programs read
    differently (one the first, another the last). The sizes are those the archive
    declares; Python's :mod:`zipfile` never unpacks a member beyond its declared size,
    so they bound what is read. :func:`open_zip` checks the number of members before
    :mod:`zipfile` lists them.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("receptions.csv", b"0" * 2**24)
    >>> print(zip_problem(zipfile.ZipFile(buf), "q1.zip", max_entries=100,
    ...                   max_unpacked=2**30, max_ratio=200))  # doctest: +ELLIPSIS
    q1.zip: receptions.csv: refusing to unpack 16 MiB from ... bytes (...:1); the limit is 200:1 \
(a zip bomb?)
    """
    infos = archive.infolist()
    if len(infos) > max_entries:
        return _too_many(file, len(infos), max_entries)
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        return Problem(
            file=file,
            message=_("refusing to unpack {size}; the limit is {limit}").format(
                size=describe_size(total), limit=describe_size(max_unpacked)
            ),
        )
    names: set[str] = set()
    for info in infos:
        if info.filename in names:
            return Problem(
                file=file,
                path=(info.filename,),
                message=_(
                    "appears twice in the archive, which programs read differently (one the"
                    " first copy, another the last): refusing it"
                ),
            )
        names.add(info.filename)
    # each member of over a mebibyte, then all together: a thousand smaller ones add up
    members = [((info.filename,), info.file_size, info.compress_size) for info in infos]
    everything = ((), total, sum(info.compress_size for info in infos))
    for path, unpacked, packed_size in [*members, everything]:
        ratio = unpacked // max(packed_size, 1)
        if unpacked > 2**20 and ratio > max_ratio:
            return Problem(
                file=file,
                path=path,
                message=_(
                    "refusing to unpack {size} from {packed:,} bytes ({ratio:,}:1); the limit is"
                    " {most}:1 (a zip bomb?)"
                ).format(
                    size=describe_size(unpacked), packed=packed_size, ratio=ratio, most=max_ratio
                ),
            )
    return None


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], Any]) -> None:
    """Write a file through a temporary file in the same folder, fsync, then rename.

    Readers see the old file or the new one, never half of one; if ``write``
    fails, the old file is untouched. An existing file's permissions are kept.
    A process killed while writing leaves the old file intact and a temporary
    ``.<name>.<random>.tmp`` beside it.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> def fail(f):
    ...     raise OSError("disk full")
    >>> write_atomic(target, fail)
    Traceback (most recent call last):
    ...
    OSError: disk full
    >>> target.exists()
    False
    """
    target = Path(path)
    if not target.parent.is_dir():  # else the error would name the temporary file
        raise FileNotFoundError(2, _("no such folder to write into"), str(target))
    import tempfile  # here: a command that writes no file starts without it (and random)

    with _terminated_cleanly():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    _sync_folder(target.parent)  # make the rename itself durable


def write_whole(
    target: str | os.PathLike[str] | IO[bytes], save: Callable[[IO[bytes]], Any]
) -> None:
    """Have ``save`` write a document into memory, then write it to ``target``: a path
    atomically (:func:`write_atomic`), or a stream.

    In memory first: openpyxl and python-docx leave their zip open when writing fails (a
    full disk), and the zip, collected later, would write to the closed file ("Exception
    ignored ... seek of closed file").

    >>> import io
    >>> out = io.BytesIO()
    >>> write_whole(out, lambda f: f.write(b"PK"))
    >>> out.getvalue()
    b'PK'
    """
    packed = io.BytesIO()
    save(packed)
    if isinstance(target, str | os.PathLike):
        write_atomic(target, lambda f: f.write(packed.getbuffer()))
    else:
        target.write(packed.getbuffer())


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (names, renames) to disk, where the system can (POSIX)."""
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def _terminated_cleanly() -> Iterator[None]:
    """For the time being, a SIGTERM raises ``SystemExit(143)`` rather than killing the
    process on the spot, so that ``finally`` and ``except`` blocks remove temporary files.

    Only where Python lets a handler be set (the main thread), and only if the signal
    has none (a program that handles SIGTERM itself keeps its handler). Ctrl-C raises
    ``KeyboardInterrupt`` anyway. DuckDB, interrupted by either in a query, raises
    an error of its own instead: once cleaned up, the signal's exception is raised.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def stop(signum: int, frame: object) -> None:
        received.append(signum)
        raise SystemExit(128 + signum)

    terminate = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    if terminate:
        signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except BaseException as e:
        if received and not isinstance(e, SystemExit):
            raise SystemExit(128 + received[0]) from None
        if isinstance(e, RuntimeError) and str(e) == "Query interrupted":  # DuckDB's, on Ctrl-C
            raise KeyboardInterrupt from None
        raise
    finally:
        if terminate:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


_TEMPORARY: Final = ".hdnd-tmp"  # the suffix of a folder being written
_ASIDE: Final = ".hdnd-old"  # the suffix of a folder being replaced


def write_folder_atomic(
    path: str | os.PathLike[str], fill: Callable[[Path], Any], own: Collection[str]
) -> None:
    """Write a folder whole or not at all: ``fill`` writes its files into a new folder.

    ``fill`` gets a temporary folder beside ``path`` (``.<name>.<pid>.<random>.hdnd-tmp``)
    and writes the files, the one that says the folder is complete last. Once each
    is on disk (``fsync``), the new folder takes the old one's place by renames; the
    old one is then removed: of its files, those named in ``own`` (and hdnd's
    temporary files) go with it, any other (hidden, such as ``.git``) moves into the
    new folder. A process killed while writing leaves the old folder as it was (or
    none, if there was none) and the temporary folder; the next write to ``path``
    names such leftovers of a stopped process on standard error and removes them.
    If ``fill`` fails, the temporary folder is removed and nothing else changed.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> write_folder_atomic(target, lambda new: (new / "a.csv").write_text("1"), {"a.csv"})
    >>> def fail(new):
    ...     (new / "a.csv").write_text("2")
    ...     raise OSError("disk full")
    >>> write_folder_atomic(target, fail, {"a.csv"})
    Traceback (most recent call last):
    ...
    OSError: disk full
    >>> [p.name for p in target.parent.iterdir()], (target / "a.csv").read_text()
    (['tables'], '1')
    """
    target = Path(os.path.realpath(path))  # a link to a folder: the folder is replaced
    if not target.parent.is_dir():  # else the error would name the temporary folder
        raise FileNotFoundError(2, _("no such folder to write into"), str(target))
    _remove_leftovers(target, own)
    with _terminated_cleanly():
        new = _sibling(target, _TEMPORARY)
        new.mkdir()
        try:
            fill(new)
            for file in new.iterdir():
                _sync_file(file)
            _sync_folder(new)
            asides = _swap(new, target)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        for aside in asides:
            _move_others(aside, target, own)
            _remove_ours(aside, own)
        _sync_folder(target.parent)


def _sibling(target: Path, suffix: str) -> Path:
    """A hidden name beside ``target`` for a folder of this process (its id in the name)."""
    import secrets  # here: a command that writes no folder starts without it (and hmac)

    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{suffix}")


def _swap(new: Path, target: Path) -> list[Path]:
    """Put ``new`` in ``target``'s place; the old folders, renamed aside.

    Another process may put its folder there meanwhile: the rename then fails (a folder
    with files is never replaced) and that folder goes aside too, so that ``target``
    is always one whole folder, never a mix.
    """
    asides: list[Path] = []
    for _attempt in range(100):
        if os.path.lexists(target):
            aside = _sibling(target, _ASIDE)
            with contextlib.suppress(FileNotFoundError):  # another process moved it first
                os.rename(target, aside)
                asides.append(aside)
        try:
            os.rename(new, target)
            return asides
        except OSError as e:
            if e.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                if asides and not os.path.lexists(target):
                    os.rename(asides.pop(), target)  # the old folder back
                raise
    raise FileExistsError(errno.EEXIST, _("other processes keep writing this folder"), str(target))


def _ours(name: str, own: Collection[str]) -> bool:
    """Whether hdnd wrote the file: one of ``own``, or a temporary file of hdnd's."""
    temporary = name.startswith(".hdnd-") or (
        name.endswith(".tmp") and any(name.startswith(f".{o}.") for o in own)
    )
    return name in own or temporary


def _move_others(old: Path, new: Path, own: Collection[str]) -> None:
    """Move what is not hdnd's from the folder replaced to the new one (unless taken)."""
    for entry in old.iterdir():
        if not _ours(entry.name, own) and not os.path.lexists(new / entry.name):
            os.rename(entry, new / entry.name)


def _remove_ours(folder: Path, own: Collection[str]) -> bool:
    """Remove hdnd's files from ``folder``, then the folder if that empties it."""
    for entry in folder.iterdir():
        if _ours(entry.name, own):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    with contextlib.suppress(OSError):  # not empty: something else is kept
        folder.rmdir()
        return True
    return False


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no such call
        return True
    return True


def _remove_leftovers(target: Path, own: Collection[str]) -> None:
    """Remove the folders an earlier, stopped write to ``target`` left beside it, saying so."""
    left = re.compile(rf"\.{re.escape(target.name)}\.([0-9]+)\.[0-9a-f]+\.hdnd-(tmp|old)")
    for entry in sorted(target.parent.iterdir()):
        found = left.fullmatch(entry.name)
        if found is None or _running(int(found[1])) or not entry.is_dir():
            continue
        if _remove_ours(entry, own):
            said = _("hdnd: removed {folder}, left by a write that was stopped")
        else:
            said = _(
                "hdnd: {folder}, left by a write that was stopped, holds files that are not"
                " hdnd's: kept"
            )
        sys.stderr.write(said.format(folder=entry) + "\n")


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


MAX_LINE_BYTES: Final = 16 * 2**20
"""The longest line :func:`bounded_lines` and :func:`bounded_line_blocks` read (16 MiB).

A record takes a few hundred bytes.

To raise it, pass ``max_bytes``; readers that use it have their own module constant.
"""


def bounded_lines(
    stream: IO[bytes], file: str | None, max_bytes: int = MAX_LINE_BYTES
) -> Iterator[bytes]:
    """The lines of a binary stream, endings included, never holding more than ``max_bytes``.

    A longer line raises :class:`~hdnd.errors.InvalidData` naming it, before it is read
    whole: a file of one endless line cannot fill the memory.

    >>> import io
    >>> list(bounded_lines(io.BytesIO(b"a\\nbb\\n"), "x.jsonl", max_bytes=3))
    [b'a\\n', b'bb\\n']
    >>> list(bounded_lines(io.BytesIO(b"a\\n" + b"x" * 10), "x.jsonl", max_bytes=3))
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.jsonl:2: a line longer than 3 bytes: refusing to read it \
(a record takes a few hundred bytes)
    """
    for number in itertools.count(1):
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes:
            raise _too_long(file, number, max_bytes)
        yield line


def _too_long(file: str | None, number: int, max_bytes: int) -> InvalidData:
    return InvalidData(
        [
            Problem(
                file=file,
                line=number,
                message=_(
                    "a line longer than {size}: refusing to read it (a record takes a few"
                    " hundred bytes)"
                ).format(size=describe_size(max_bytes)),
            )
        ]
    )


_BLOCK: Final = 1 << 14  # bytes read at a time: enough to cost little a line


def bounded_line_blocks(
    stream: IO[bytes], file: str | None, max_bytes: int = MAX_LINE_BYTES, count: bytes = b""
) -> Iterator[tuple[list[bytes], int]]:
    """The lines of a binary stream, a list at a time, endings dropped, as :func:`bounded_lines`.

    Lines are split on ``\\n`` (a ``\\r`` before it stays, as does a byte order mark);
    a line counts with its ending, as for :func:`bounded_lines`, and one longer than
    ``max_bytes`` raises :class:`~hdnd.errors.InvalidData` naming it, before it is
    read whole. The stream is read 16 KiB at a time and each block is split at once,
    which costs less than reading line by line: what JSON Lines, read in a million
    lines, needs. Each list (never empty) comes with the number of times the byte
    ``count``, if given, appears in its lines, counted as cheaply (a block at a time).

    >>> import io
    >>> list(bounded_line_blocks(io.BytesIO(b'{"a":1}\\r\\n\\n{"b":{"c":2}}\\nx'), "x.jsonl",
    ...                          max_bytes=30, count=b":"))
    [([b'{"a":1}\\r', b'', b'{"b":{"c":2}}'], 3), ([b'x'], 0)]
    >>> list(bounded_line_blocks(io.BytesIO(b"a\\n" + b"x" * 10), "x.jsonl", max_bytes=3))
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.jsonl:2: a line longer than 3 bytes: refusing to read it \
(a record takes a few hundred bytes)
    """
    read, size = stream.read, min(_BLOCK, max_bytes)
    head: list[bytes] = []  # the start of a line that began in an earlier block
    held = held_count = 0  # its length, and how many ``count`` it holds
    number = 1  # the number of the first line in the next list
    while block := read(size):
        lines = block.split(b"\n")
        n = block.count(count) if count else 0
        if head:
            held += len(lines[0])
            # A line of the block, its end included, is at most the block's size,
            # never over the limit: only one begun in an earlier block can be.
            if held + (len(lines) > 1) > max_bytes:
                raise _too_long(file, number, max_bytes)
            if len(lines) == 1:
                head.append(block)
                held_count += n
                continue
            head.append(lines[0])
            lines[0] = b"".join(head)
            n += held_count
            head, held, held_count = [], 0, 0
        last = lines.pop()  # the start of the next line (empty after a line break)
        if last:
            head, held = [last], len(last)
            held_count = last.count(count) if count else 0
            n -= held_count
        if lines:
            yield lines, n
            number += len(lines)
    if head:
        yield [b"".join(head)], held_count


_PROLOG: Final = 1 << 16  # what precedes a root element: some 60 bytes in practice
_PROLOG_ITEM: Final = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def declares_doctype(xml: bytes | IO[bytes]) -> bool:
    """Whether an XML document, of which ``xml`` is the start (or a stream of which the
    start is read), declares a document type.

    Office files never do; a document type's entities can expand a few bytes into
    gigabytes ("billion laughs"), which the XML parser stops only after hundreds of
    mebibytes, so a part declaring one is refused unparsed. Only the prolog, before
    the root element, is looked at (at most its first 64 KiB: a longer one counts as
    declaring a document type). UTF-16 is read as well as UTF-8.

    >>> declares_doctype(b'<?xml version="1.0"?>\\n<!-- Word --><w:hdr/>')
    False
    >>> declares_doctype(b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha">]><w:hdr/>')
    True
    >>> declares_doctype('<!DOCTYPE w><w:hdr/>'.encode("utf-16"))
    True
    >>> import io
    >>> declares_doctype(io.BytesIO(b"<!DOCTYPE x>" + b"<x/>" * 10**6))
    True
    """
    head = xml[:_PROLOG] if isinstance(xml, bytes) else xml.read(_PROLOG)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:  # XML may be UTF-16
        utf16 = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
        utf16 = "utf-16-be" if head[:1] == b"\x00" else utf16
        head = head.decode(utf16, "replace").encode()
    head = head.removeprefix(b"\xef\xbb\xbf")
    at = 0
    while item := _PROLOG_ITEM.match(head, at):  # white space, <?xml ...?>, comments
        at = item.end()
    rest = head[at:]
    return rest.startswith(b"<!") or (len(head) >= _PROLOG and not rest.startswith(b"<"))
