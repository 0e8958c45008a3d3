"""Reading input bytes with located decoding errors, and writing files atomically.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomic(target, lambda f: f.write(b"xin chao"))
>>> target.read_bytes()
b'xin chao'
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from hdnd.errors import InvalidData, Problem

__all__ = ["decode_problem", "raise_if_not_utf8", "strip_bom", "write_atomic"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def strip_bom(data: bytes) -> bytes:
    """Drop a UTF-8 byte order mark, which Excel and Notepad like to add.

    >>> strip_bom(b"\\xef\\xbb\\xbf{}")
    b'{}'
    """
    return data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data


def decode_problem(data: bytes, file: str | None, first_line: int = 1) -> Problem | None:
    """A problem naming where ``data`` stops being UTF-8, or ``None`` if it is UTF-8.

    >>> print(decode_problem("tiếp\\n dân".encode("utf-16"), "a.json"))
    a.json:1:1: the file is UTF-16 text; save it as UTF-8
    >>> print(decode_problem(b'{"a":\\n "H\\xf4i"}', "a.json"))
    a.json:2:4: not UTF-8 text (byte 0xf4); save the file as UTF-8 \
(legacy Vietnamese encodings such as Windows-1258, TCVN3 or VNI are not read)
    """
    if data.startswith(_UTF16_BOMS):
        return Problem(
            file=file,
            line=first_line,
            column=1,
            message="the file is UTF-16 text; save it as UTF-8",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        return Problem(
            file=file,
            line=first_line + data.count(b"\n", 0, e.start),
            column=column,
            message=(
                f"not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8 "
                "(legacy Vietnamese encodings such as Windows-1258, TCVN3 or VNI are not read)"
            ),
        )
    return None


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], Any]) -> None:
    """Write a file through a temporary file in the same folder, fsync, then rename.

    Readers see the old file or the new one, never half of one; if ``write``
    fails, the old file is untouched. An existing file's permissions are kept.

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
        raise FileNotFoundError(2, "no such folder to write into", str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def raise_if_not_utf8(data: bytes, file: str | None) -> None:
    """Raise :class:`~hdnd.errors.InvalidData` unless ``data`` is UTF-8.

    >>> raise_if_not_utf8(b"\\xff\\xfe{", "x.json")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.json:1:1: the file is UTF-16 text; save it as UTF-8
    """
    if problem := decode_problem(data, file):
        raise InvalidData([problem])
