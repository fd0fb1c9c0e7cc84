"""--fix and --diff: apply the one safe replacement of each fixable finding, until nothing changes.

Edits are made on the text as read, byte-order mark and line endings included, so a fixed file
keeps them; offsets come from the findings' lines and columns in the normalized text.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import stat
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .document import line_starts, normalize
from .files import SUFFIXES, write_atomic
from .finding import Finding

MAX_PASSES = 10


@dataclass(frozen=True)
class Unsettled:
    """A file whose fixes undo or feed one another: it keeps its text, to be fixed by hand."""

    passes: int
    rules: tuple[str, ...]

    def __str__(self) -> str:
        return f"the fixes did not settle after {self.passes} passes; fix by hand: rules {', '.join(self.rules)}"


def fix_texts(
    texts: dict[str, str], lint: Callable[[dict[str, str]], list[Finding]]
) -> tuple[dict[str, str], dict[str, Unsettled]]:
    """The texts with every fixable finding fixed, linting again after each pass; and the files
    whose fixes bring back an earlier text, or still change it after MAX_PASSES passes: those keep
    their text as read."""
    current = dict(texts)
    history: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)  # a file's texts, and the rules that changed each
    unsettled: dict[str, Unsettled] = {}
    for passes in range(1, MAX_PASSES + 2):  # the last pass only looks whether the one before settled
        fixable: dict[str, list[Finding]] = defaultdict(list)
        for finding in lint(current):
            if finding.fixable and finding.path in current and finding.path not in unsettled:
                fixable[finding.path].append(finding)
        changes = {path: fixed for path, found in fixable.items() if (fixed := apply(current[path], found)) != current[path]}
        if not changes:
            break
        for path, fixed in changes.items():
            steps = history[path]
            steps.append((current[path], {finding.rule for finding in fixable[path]}))
            earlier = [text for text, _ in steps]
            if fixed in earlier or passes > MAX_PASSES:
                loop = steps[earlier.index(fixed) :] if fixed in earlier else steps[-1:]
                unsettled[path] = Unsettled(min(passes, MAX_PASSES), tuple(sorted(set().union(*(r for _, r in loop)))))
                current[path] = texts[path]
            else:
                current[path] = fixed
    return current, unsettled


def apply(raw: str, findings: list[Finding]) -> str:
    """One pass of edits on the text as read; edits that overlap an earlier one wait for the next pass."""
    starts = line_starts(normalize(raw))
    as_read = _as_read(raw)
    newline = "\r\n" if "\r\n" in raw else "\n"
    edits, last_end = [], -1
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        if start < last_end:
            continue
        edits.append((as_read(start), as_read(end), finding.replacements[0].replace("\n", newline)))
        last_end = end
    for start, end, replacement in reversed(edits):
        raw = raw[:start] + replacement + raw[end:]
    return raw


def _as_read(raw: str) -> Callable[[int], int]:
    """The offset in the text as read of an offset in the normalized text: one more after a
    byte-order mark, and one more for each CRLF before it (normalized, its newline)."""
    shift = 1 if raw.startswith("\ufeff") else 0
    newlines = [match.start() - shift - count for count, match in enumerate(re.finditer("\r\n", raw))]
    return lambda offset: offset + shift + bisect.bisect_left(newlines, offset)


def diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def writable_roots(project: Path, named: list[Path]) -> tuple[Path, ...]:
    """Where --fix may write: the project, and the files and folders named on the command line
    (a named symbolic link is the link, not where it leads)."""
    return (real_path(project), *(_unfollowed(path) for path in named))


def outside(path: Path, roots: tuple[Path, ...]) -> str | None:
    """Why --fix must not touch a file, or None: it lies outside `roots` (the project first), or it
    is reached through a symbolic link that leads out of them or to a file mslint does not lint."""
    real, written = real_path(path), Path(os.path.abspath(path))
    through_link = real != written
    if not any(real.is_relative_to(root) for root in roots):
        if through_link:
            return f"a symbolic link to {real}, outside the project: not fixed; name {real} on the command line to fix it"
        return f"outside the project ({roots[0]}): not fixed; name it on the command line to fix it"
    if through_link and not real.name.lower().endswith(SUFFIXES):
        return f"a symbolic link to {real}, which is not a Markdown or text file: not fixed"
    return None


def _unfollowed(path: Path) -> Path:
    """The absolute path, symbolic links followed in its folders but not in its last part."""
    absolute = Path(os.path.abspath(path))
    return real_path(absolute.parent) / absolute.name


def real_path(path: Path) -> Path:
    """The path with every symbolic link followed; a loop of links is left for the write to report."""
    return Path(os.path.realpath(path))


def write(path: Path, read: bytes, text: str) -> str | None:
    """Write a fixed file in place of the one read, with its permissions, owner and group; the
    reason when it must not be written."""
    real = real_path(path)  # a symbolic link stays a link: its target gets the fix
    try:
        info = real.stat()
        mode = stat.S_IMODE(info.st_mode)
        # The write bit, not only access: even for root, a file made read-only is the author's say.
        if not os.access(real, os.W_OK) or not mode & stat.S_IWUSR:
            return "the file is read-only: not fixed"
        if info.st_nlink > 1:
            return f"the file has {info.st_nlink} hard links, which a rewrite would part: not fixed; fix it by hand"
        if os.geteuid() != 0 and info.st_uid != os.geteuid():
            return f"the file belongs to another user (uid {info.st_uid}), and a rewrite would make it yours: not fixed"
        if real.read_bytes() != read:
            return "the file changed since mslint read it: not fixed; run mslint --fix again"
        write_atomic(real, text.encode("utf-8"), mode, owner=(info.st_uid, info.st_gid))
    except OSError as error:
        return f"cannot write the fix: {error.strerror}"
    return None
