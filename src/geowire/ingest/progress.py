"""A one-line progress bar on stderr: documents done, rate, and (when the number of inputs is known) ETA."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Call `files_done()` per input finished and `docs(n)` per batch; `close()` ends the line."""

    def __init__(self, total_files: int | None = None, stream: TextIO | None = None, every: float = 0.5) -> None:
        self.total = total_files
        self.stream = stream or sys.stderr
        self.every = every
        self.files = 0
        self.n = 0
        self.start = time.monotonic()
        self._shown = 0.0

    def files_done(self, _path: str = "") -> None:
        self.files += 1
        self._show()

    def docs(self, n: int) -> None:
        self.n += n
        self._show()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.n / elapsed
        text = f"{self.n} docs, {rate:.1f} docs/s"
        if self.total:
            frac = min(self.files / self.total, 1.0)
            eta = elapsed * (1 - frac) / frac if frac > 0 else None
            width = 20
            fill = int(frac * width)
            text = f"[{'#' * fill}{'.' * (width - fill)}] {self.files}/{self.total} inputs, " + text
            text += f", ETA {_clock(eta)}" if eta is not None else ", ETA ?"
        return text + f", {_clock(elapsed)} elapsed"

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
