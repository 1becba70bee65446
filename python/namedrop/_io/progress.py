"""A progress bar on stderr: percentage, rate and ETA from the bytes read of the
inputs' total size (bytes and rate only when the size is unknown, as for stdin).

Drawn at most ten times a second, only when asked (a terminal and no ``--quiet``).
"""

from __future__ import annotations

import time
from typing import IO

WIDTH = 24
INTERVAL = 0.1


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Progress:
    """``update(bytes_done, docs)`` as work goes on, ``close()`` at the end."""

    def __init__(self, out: IO[str], total: int | None, enabled: bool) -> None:
        self._out = out
        self._total = total
        self.enabled = enabled
        self._start = time.monotonic()
        self._last = 0.0
        self._done = 0
        self._docs = 0

    def update(self, done: int, docs: int) -> None:
        self._done, self._docs = done, docs
        now = time.monotonic()
        if self.enabled and now - self._last >= INTERVAL:
            self._last = now
            self._draw(now)

    def line(self, now: float) -> str:
        """The bar as text (without the carriage return)."""
        elapsed = max(now - self._start, 1e-9)
        rate = self._done / elapsed / 1e6
        mb = f"{self._done / 1e6:.1f}"
        if not self._total:
            return f"namedrop: {mb} MB {rate:.1f} MB/s {self._docs:,} docs"
        frac = min(self._done / self._total, 1.0)
        filled = int(frac * WIDTH)
        bar = "#" * filled + "-" * (WIDTH - filled)
        eta = (elapsed / frac - elapsed) if frac > 0 else 0.0
        return (f"namedrop: {frac:4.0%} [{bar}] {mb}/{self._total / 1e6:.1f} MB "
                f"{rate:.1f} MB/s ETA {_clock(eta)} {self._docs:,} docs")

    def _draw(self, now: float) -> None:
        self._out.write("\r" + self.line(now) + "\x1b[K")
        self._out.flush()

    def close(self) -> None:
        if self.enabled:
            if self._total:
                self._done = max(self._done, self._total)
            self._draw(time.monotonic())
            self._out.write("\n")
            self._out.flush()
