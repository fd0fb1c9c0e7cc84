"""How far a long run has got: one line on standard error, rewritten in place, then erased.

Written by hand rather than with rich, whose import alone takes about a tenth of a second of the
start-up time that mslint keeps short.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

from .formats import printable

HANDFUL = 5  # files: a run of more shows its progress from the first file
DELAY = 0.5  # seconds: a run of fewer shows it once it has taken this long
ERASE = "\r\x1b[K"  # back to the start of the line, and clear it


class ProgressLine:
    """`mslint: 12/40 files · manuscript/ch-12.md`, called with each file the engine is done with."""

    def __init__(self, stream: TextIO):
        self.stream, self.started, self.shown = stream, time.monotonic(), False

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.shown and total <= HANDFUL and time.monotonic() - self.started < DELAY:
            return
        line = printable(f"mslint: {done}/{total} files · {path}")
        self.stream.write(ERASE + line[: _columns(self.stream) - 1])  # a line that wraps cannot be rewritten
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80  # a new pseudo-terminal says 0
    except (OSError, ValueError):
        return 80
