"""--fix and --diff: apply the one safe replacement of each fixable finding, until nothing changes.

Edits are made on the text as read, byte-order mark and line endings included, so a fixed file
keeps them; offsets come from the findings' lines and columns in the normalized text.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .document import line_starts, normalize
from .files import write_atomic
from .finding import Finding

MAX_PASSES = 10


def fix_texts(texts: dict[str, str], lint: Callable[[dict[str, str]], list[Finding]]) -> dict[str, str]:
    """The texts with every fixable finding fixed, linting again after each pass (at most MAX_PASSES)."""
    current = dict(texts)
    for _ in range(MAX_PASSES):
        fixable: dict[str, list[Finding]] = defaultdict(list)
        for finding in lint(current):
            if finding.fixable and finding.path in current:
                fixable[finding.path].append(finding)
        changed = False
        for path, findings in fixable.items():
            fixed = apply(current[path], findings)
            changed = changed or fixed != current[path]
            current[path] = fixed
        if not changed:
            break
    return current


def apply(raw: str, findings: list[Finding]) -> str:
    """One pass of edits on the text as read; edits that overlap an earlier one wait for the next pass."""
    starts = line_starts(normalize(raw))
    index = _raw_index(raw)
    newline = "\r\n" if "\r\n" in raw else "\n"
    edits, last_end = [], -1
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        if start < last_end:
            continue
        edits.append((index[start], index[end], finding.replacements[0].replace("\n", newline)))
        last_end = end
    for start, end, replacement in reversed(edits):
        raw = raw[:start] + replacement + raw[end:]
    return raw


def _raw_index(raw: str) -> list[int]:
    """For each offset of the normalized text (and its end), the offset in the text as read."""
    index = []
    position = 1 if raw.startswith("\ufeff") else 0
    while position < len(raw):
        index.append(position)
        position += 2 if raw.startswith("\r\n", position) else 1
    index.append(len(raw))
    return index


def diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write(path: Path, read: bytes, text: str) -> str | None:
    """Write a fixed file in place of the one read; the reason when it must not be written."""
    real = path.resolve()  # a symbolic link stays a link: its target gets the fix
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
        # The write bit, not only access: even for root, a file made read-only is the author's say.
        if not os.access(real, os.W_OK) or not mode & stat.S_IWUSR:
            return "the file is read-only: not fixed"
        if real.read_bytes() != read:
            return "the file changed since mslint read it: not fixed; run mslint --fix again"
        write_atomic(real, text.encode("utf-8"), mode)
    except OSError as error:
        return f"cannot write the fix: {error.strerror}"
    return None
