"""A progress line on standard error while a large file is read: records, bytes, rate, time left.

The file is read through :class:`_Counting`, a raw reader that counts the bytes and
the line ends of each block it hands to Python's buffered reader (a block is 1 MiB):
the lines themselves are iterated in C as usual, so the line costs nothing per
record. The line is redrawn at most five times a second, and only when standard
error is a terminal; :func:`opened` gives a plain file otherwise.

>>> import io, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
>>> _ = path.write_bytes(b'{"a": 1}\\n' * 3)
>>> err = io.StringIO()
>>> with opened(path, show=True, out=err, interval=0) as f:
...     len(f.read())
27
>>> print(err.getvalue().split("\\r")[-1].replace("\\x1b[K", "").strip())
x.jsonl: 3 records, 0.0/0.0 MB, 100%, in 0:00
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import IO, Any

from hdnd.i18n import gettext as _

__all__ = ["Progress", "opened", "polled", "wanted"]

_BLOCK = 1 << 20


def wanted(quiet: bool, out: IO[str] | None = None) -> bool:
    """Whether to show progress: on a terminal, unless asked to be quiet.

    >>> import io
    >>> wanted(False, io.StringIO()), wanted(True, io.StringIO())
    (False, False)
    """
    stream = sys.stderr if out is None else out
    return not quiet and stream.isatty()


class Progress:
    """What has been read of a file of ``total`` bytes, drawn as one line on ``out``.

    >>> import io
    >>> err = io.StringIO()
    >>> p = Progress("big.jsonl", 4_000_000, err, interval=0)
    >>> p.advance(2_000_000, 10_000)
    >>> "big.jsonl: 10,000 records, 2.0/4.0 MB, 50%" in err.getvalue()
    True
    """

    def __init__(self, name: str, total: int, out: IO[str], interval: float = 0.2) -> None:
        self.name, self.total, self.out, self.interval = name, total, out, interval
        self.done = self.records = 0
        self.started = self.drawn = time.monotonic()

    def advance(self, nbytes: int, records: int) -> None:
        """Count ``nbytes`` more bytes and ``records`` more records; redraw if it is time."""
        self.done += nbytes
        self.records += records
        now = time.monotonic()
        if now - self.drawn >= self.interval:
            self.drawn = now
            self.draw(now)

    def draw(self, now: float, final: bool = False) -> None:
        """Write the line: counts, share done, and once it can tell, rate and time left.

        The line starts with a carriage return and ends by clearing the rest of the
        terminal's line, so that each drawing replaces the one before.
        """
        share = f"{100 * self.done // self.total}%" if self.total else "100%"
        line = _("{name}: {records} records, {done}/{total} MB, {share}").format(
            name=self.name,
            records=f"{self.records:,}",
            done=f"{self.done / 1e6:.1f}",
            total=f"{self.total / 1e6:.1f}",
            share=share,
        )
        elapsed = now - self.started
        if final:
            line += _(", in {time}").format(time=_clock(elapsed))
        elif elapsed > 0.5 and self.done:
            left = (self.total - self.done) * elapsed / self.done
            rate = f"{self.records / elapsed:,.0f}"
            line += _(", {rate} records/s, {time} left").format(rate=rate, time=_clock(left))
        self.out.write(f"\r{line}\x1b[K")
        self.out.flush()

    def close(self) -> None:
        """Draw the final count, with the time it took, and end the line."""
        self.draw(time.monotonic(), final=True)
        self.out.write("\n")
        self.out.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"


class _Counting(io.RawIOBase):
    """A raw file that tells :class:`Progress` about each block it reads."""

    def __init__(self, raw: io.FileIO, progress: Progress) -> None:
        self.raw, self.progress = raw, progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n: int = self.raw.readinto(buffer) or 0
        with memoryview(buffer) as view:
            self.progress.advance(n, view[:n].tobytes().count(b"\n"))
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


@contextlib.contextmanager
def opened(
    path: str | os.PathLike[str],
    show: bool,
    out: IO[str] | None = None,
    interval: float = 0.2,
) -> Iterator[IO[bytes]]:
    """``path`` opened for reading in binary, with a progress line on ``out`` if ``show``.

    ``out`` is standard error unless given; the line is ended when the file is closed.
    """
    if not show:
        with open(path, "rb") as plain:
            yield plain
        return
    raw = io.FileIO(path, "rb")
    progress = Progress(
        os.path.basename(path), os.fstat(raw.fileno()).st_size, out or sys.stderr, interval
    )
    with io.BufferedReader(_Counting(raw, progress), buffer_size=_BLOCK) as f:
        try:
            yield f
        finally:
            progress.close()


@contextlib.contextmanager
def polled(
    name: str,
    share: Callable[[], float],
    show: bool,
    out: IO[str] | None = None,
    interval: float = 0.2,
) -> Iterator[None]:
    """While the block runs, a line on ``out`` (standard error) with ``share()``, the
    percentage of its current step done (as DuckDB's ``query_progress`` tells; a
    negative share means no step is running), redrawn by a thread.

    >>> import io
    >>> err = io.StringIO()
    >>> with polled("big.jsonl", lambda: 40.0, show=True, out=err, interval=0.01):
    ...     time.sleep(0.05)
    >>> "big.jsonl: DuckDB at work, 40% of step 1" in err.getvalue()
    True
    """
    if not show:
        yield
        return
    stream = out or sys.stderr
    done = threading.Event()
    started = time.monotonic()

    # looked up here: the thread drawing the line does not see the language in use
    at_work = _("{name}: DuckDB at work, {share}% of step {step}, {time}")

    def draw() -> None:
        step, last = 1, 0.0
        while not done.wait(interval):
            now = share()
            if now < 0:
                continue
            if now < last:  # a new query: DuckDB counts from 0 again
                step += 1
            last = now
            elapsed = _clock(time.monotonic() - started)
            line = at_work.format(name=name, share=f"{now:.0f}", step=step, time=elapsed)
            stream.write(f"\r{line}\x1b[K")
            stream.flush()

    thread = threading.Thread(target=draw, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        done_in = _("{name}: done in {time}").format(
            name=name, time=_clock(time.monotonic() - started)
        )
        stream.write(f"\r{done_in}\x1b[K\n")
        stream.flush()
