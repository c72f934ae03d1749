"""A one-line progress bar on stderr: inputs read, documents done, rate, and ETA.

The ETA extrapolates from the bytes of input files finished: documents read so far per byte read, times
the total bytes, gives the expected number of documents; the remaining ones at the current rate give the
time left. Inputs of unknown size (stdin, URLs) count as zero bytes (ETA "?" when nothing else is known).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """`files_done(path)` per input finished, `read(n)` per batch read, `docs(n)` per batch stored."""

    def __init__(self, total_bytes: int = 0, stream: TextIO | None = None, every: float = 0.5) -> None:
        self.total = total_bytes
        self.stream = stream or sys.stderr
        self.every = every
        self.bytes_done = 0
        self.n_read = 0
        self.n = 0
        self.start = time.monotonic()
        self._shown = 0.0

    def files_done(self, path: str = "") -> None:
        try:
            self.bytes_done += os.path.getsize(path)
        except OSError:
            pass

    def read(self, n: int) -> None:
        self.n_read += n

    def docs(self, n: int) -> None:
        self.n += n
        self._show()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.n / elapsed
        frac = min(self.bytes_done / self.total, 1.0) if self.total else 0.0
        eta: float | None = None
        if frac > 0 and rate > 0:
            expected = max(self.n_read / frac, self.n_read)
            eta = max(expected - self.n, 0) / rate
        width = 20
        fill = int(frac * width)
        return (f"[{'#' * fill}{'.' * (width - fill)}] {self.bytes_done / 1e6:.1f}/{self.total / 1e6:.1f} MB read, "
                f"{self.n} docs, {rate:.1f} docs/s, ETA {_clock(eta)}, {_clock(elapsed)} elapsed")

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._shown >= self.every:
            self._shown = now
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        self._show(force=True)
        self.stream.write("\n")
        self.stream.flush()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
