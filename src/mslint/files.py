"""Find the manuscript's files and read them, refusing binary and mis-encoded files with a clear reason."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES

SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES


class UnreadableFile(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to lint under the given paths, and (path, reason) for paths that cannot be linted."""
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                found.extend(Path(folder, n) for n in sorted(names) if n.lower().endswith(SUFFIXES) and not n.startswith("."))
        elif path.is_file():
            if path.name.lower().endswith(SUFFIXES):
                found.append(path)
            else:
                problems.append((path, f"not a Markdown or text file; mslint reads {', '.join(SUFFIXES)}"))
        else:
            problems.append((path, "no such file or folder"))
    unique = list(dict.fromkeys(found))
    return unique, problems


def decode(data: bytes) -> str:
    if b"\0" in data:
        raise UnreadableFile("binary file (it contains NUL bytes); mslint reads UTF-8 Markdown and text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UnreadableFile(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, byte {column}; re-save the file as UTF-8",
            line,
        ) from None


def display_path(path: Path, cwd: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it, always with /."""
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mslint-tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
