"""Find the manuscript's files and read them, refusing binary and mis-encoded files with a clear reason;
write files atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from .finding import LintError

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


TEMPORARY_SUFFIX = ".mslint-tmp"
# write_atomic's temporary files: `.<name>.<8 random characters>.mslint-tmp`.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX), re.DOTALL)
LEFTOVER_AGE = 60  # seconds: older than any write in progress


def write_atomic(path: Path, data: bytes, mode: int | None = None, owner: tuple[int, int] | None = None) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename. With
    `owner` (uid, gid), the new file gets that owner and group, or nothing is written."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if owner is not None:
                _give(out.fileno(), owner)
            os.fsync(out.fileno())
        if mode is not None:  # after chown, which clears the set-id bits
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _give(handle: int, owner: tuple[int, int]) -> None:
    info = os.fstat(handle)
    if (info.st_uid, info.st_gid) == owner:
        return
    try:
        os.fchown(handle, *owner)
    except PermissionError:
        uid, gid = owner
        raise PermissionError(
            errno.EPERM, f"cannot give the new file the old one's owner and group (uid {uid}, gid {gid})"
        ) from None


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the temporary files a killed run left in `folder` (write_atomic's, a minute old or
    more, regular files only); the names removed."""
    removed = []
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                ours = _TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
                if ours and now - entry.stat(follow_symlinks=False).st_mtime >= LEFTOVER_AGE:
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return sorted(removed)


@dataclass
class Sources:
    """The files to lint as read, and the rest of the manuscript for rules that compare chapters."""

    texts: dict[str, str] = field(default_factory=dict)  # shown path -> text
    context: dict[str, str] = field(default_factory=dict)  # the rest of the manuscript, not reported
    files: dict[str, tuple[Path, bytes]] = field(default_factory=dict)  # shown path -> (path, bytes as read)
    errors: list[LintError] = field(default_factory=list)


def read_sources(paths: list[Path], manuscript: list[Path], with_context: bool, cwd: Path) -> Sources:
    """Read the files under `paths`; unreadable ones become errors. With `with_context`, the rest
    of the `manuscript` is read too, for rules that compare chapters: a chapter is judged against
    the book even when only it is given (as pre-commit gives the files of a commit)."""
    found, problems = discover(paths)
    sources = Sources(errors=[LintError(display_path(p, cwd), reason) for p, reason in problems])
    for path in found:
        shown = display_path(path, cwd)
        try:
            data = path.read_bytes()
            sources.texts[shown] = decode(data)
            sources.files[shown] = (path, data)
        except OSError as error:
            sources.errors.append(LintError(shown, f"cannot read the file: {error.strerror}"))
        except UnreadableFile as error:
            sources.errors.append(LintError(shown, error.message, error.line))
    if with_context:
        given = {path.resolve() for path in found}
        for path in discover(manuscript)[0]:
            if path.resolve() not in given:
                with contextlib.suppress(OSError, UnreadableFile):  # only a given file's problems are reported
                    sources.context[display_path(path, cwd)] = decode(path.read_bytes())
    return sources
