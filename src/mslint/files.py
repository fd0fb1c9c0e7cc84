"""Find the manuscript's files and read them, refusing binary, mis-encoded, special and oversized
files with a clear reason; write files atomically."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from .finding import LintError

SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
# Folders never walked into (as Vale, which skips them too): other people's packages.
SKIPPED_FOLDERS = ("node_modules",)
DEFAULT_MAX_FILE_SIZE = 10_000_000  # bytes: ten long books; a larger file is no manuscript


class UnreadableFile(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


def discover(paths: list[Path], any_suffix: bool = False) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to lint under the given paths, and (path, reason) for paths that cannot be linted.
    In folders, Markdown and text files; a file named outright must be one too, unless
    `any_suffix` (its format is given: --ext, --ignore-syntax).

    Folders are walked without following links to folders, so a link to a parent is no endless
    loop; a folder that cannot be listed is a problem, never skipped in silence.
    """
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    folders: list[Path] = []
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:
            problems.append((path, "no such file or folder" if error.errno == errno.ENOENT else f"cannot read: {error.strerror}"))
            continue
        if is_folder:
            folders.append(path)
            found.extend(_walk(path, problems))
        elif any_suffix or path.name.lower().endswith(SUFFIXES):
            found.append(path)
        else:
            problems.append((path, f"not a Markdown or text file; mslint reads {', '.join(SUFFIXES)}"))
    if not found and not problems:
        # Linting nothing is no success: a gate that reads no file would pass whatever the book says.
        reason = f"no {' or '.join(SUFFIXES)} files in this folder; check the paths given, or 'paths' in [tool.mslint]"
        problems += [(folder, reason) for folder in folders]
    unique = list(dict.fromkeys(found))
    return unique, problems


def _walk(folder: Path, problems: list[tuple[Path, str]]) -> list[Path]:
    found: list[Path] = []

    def unlisted(error: OSError) -> None:
        problems.append((Path(error.filename), f"cannot read the folder: {error.strerror}"))

    for parent, subfolders, names in os.walk(folder, onerror=unlisted):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        found.extend(Path(parent, n) for n in sorted(names) if n.lower().endswith(SUFFIXES) and not n.startswith("."))
    return found


def read_file(path: Path, max_size: int) -> bytes:
    """A regular file's bytes; at most max_size + 1 of them are read, whatever the file is."""
    return read_regular(path, max_size)[0]


# Of a file of settings (configuration, rule, vocabulary, word list, dictionary, style sheet,
# baseline): far more than any holds, and a bound on what a link to /dev/zero makes mslint read.
MAX_SETTING_BYTES = 64 << 20


def read_setting(path: Path) -> bytes:
    """A file of settings' bytes: UnreadableFile when it is not a regular file (a link committed to
    a project may point at /dev/zero or a terminal) or holds more than MAX_SETTING_BYTES."""
    return read_regular(path, MAX_SETTING_BYTES)[0]


def read_regular(path: Path, max_size: int, follow_links: bool = True) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and status; at most max_size + 1 bytes are read, whatever the file is.
    UnreadableFile for a file that is not regular or too large; OSError for one that cannot be
    opened, a symbolic link among them when `follow_links` is off.

    Opened without waiting, so that a named pipe cannot hang the run.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags if follow_links else flags | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file but {_kind(info.st_mode)}; mslint reads only regular files")
        if info.st_size > max_size:
            raise UnreadableFile(_too_large(f"{info.st_size:,} bytes", max_size))
        data = file.read(max_size + 1)
        if len(data) > max_size:  # it grew after fstat
            raise UnreadableFile(_too_large(f"over {max_size:,} bytes", max_size))
        return data, info


def _too_large(size: str, max_size: int) -> str:
    return f"the file is {size}, more than max-file-size ({max_size:,}); raise max-file-size in [tool.mslint], or split the file"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a named pipe" if stat.S_ISFIFO(mode) else "a device or other special file"


def decode(data: bytes) -> str:
    if _is_utf16(data):
        raise UnreadableFile("UTF-16 text; mslint reads UTF-8: re-save the file as UTF-8")
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


def _is_utf16(data: bytes) -> bool:
    """Whether data is UTF-16 text: after a byte-order mark, or, without one, as text in a Latin
    script gives it, with NUL bytes at most of every other position (the high bytes of its letters)
    and at no other."""
    halves = data[0::2], data[1::2]
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif halves[0].count(0) * 2 > len(halves[0]) and 0 not in halves[1]:
        encoding = "utf-16-be"
    elif halves[1].count(0) * 2 > len(halves[1]) and 0 not in halves[0]:
        encoding = "utf-16-le"
    else:
        return False
    try:
        return _CONTROL.search(data.decode(encoding)) is None
    except UnicodeDecodeError:
        return False


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # control characters that no text holds


def display_path(path: Path, cwd: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it, always with /."""
    try:  # links are not resolved: a link is shown as itself, and one that loops raises nothing
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


TEMPORARY_SUFFIX = ".mslint-tmp"
# write_atomic's temporary files: `.<name>.<8 random characters>.mslint-tmp`.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX), re.DOTALL)
LEFTOVER_AGE = 60  # seconds: older than any write in progress


def write_atomic(
    path: Path, data: bytes, mode: int | None = None, owner: tuple[int, int] | None = None, durable: bool = True
) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename. The
    file keeps its mode, or a new one gets what the user's umask gives (not the temporary file's
    private mode), unless `mode` says otherwise. With `owner` (uid, gid), the new file gets that
    owner and group, or nothing is written. `durable` waits for the disk, for a file that must
    survive a crash (not a cache entry, which a crash may lose: a missing or damaged entry is only a miss)."""
    if mode is None:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        # A link in the way is replaced, not written through: never take its target's mode (a
        # link planted in the cache folder to a set-user-ID program gave an entry that mode).
        mode = stat.S_IMODE(info.st_mode) if info and stat.S_ISREG(info.st_mode) else _new_file_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if owner is not None:
                _give(out.fileno(), owner)
            if durable:
                os.fsync(out.fileno())
        os.chmod(temporary, mode)  # after chown, which clears the set-id bits
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode() -> int:
    """What the user's umask makes of a new file."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


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


def read_sources(
    paths: list[Path],
    manuscript: list[Path],
    with_context: bool,
    cwd: Path,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    wanted: Callable[[str], bool] | None = None,
    any_suffix: bool = False,
) -> Sources:
    """Read the files under `paths`; unreadable ones become errors. With `with_context`, the rest
    of the `manuscript` is read too, for rules that compare chapters: a chapter is judged against
    the book even when only it is given (as pre-commit gives the files of a commit). `wanted`
    chooses among the files found, by the path shown (--glob); `any_suffix`: see discover."""
    found, problems = discover(paths, any_suffix)
    if wanted is not None:
        found = [path for path in found if wanted(display_path(path, cwd))]
    sources = Sources(errors=[LintError(display_path(p, cwd), reason) for p, reason in problems])
    for path in found:
        shown = display_path(path, cwd)
        try:
            data = read_file(path, max_size)
            sources.texts[shown] = decode(data)
            sources.files[shown] = (path, data)
        except OSError as error:
            sources.errors.append(LintError(shown, f"cannot read the file: {error.strerror}"))
        except UnreadableFile as error:
            sources.errors.append(LintError(shown, error.message, error.line))
    if with_context:
        _read_context(sources, manuscript, {os.path.realpath(path) for path in found}, cwd, max_size)
    return sources


def read_standard_input(
    stream: BinaryIO, name: Path | None, manuscript: list[Path], with_context: bool, cwd: Path, max_size: int
) -> Sources:
    """The text on standard input, shown as `name` (an editor's file, `--stdin-filename`, or
    `stdin.md` for --ext .md, as Vale shows it) or `-`, and the rest of the manuscript without
    that file, as read_sources gives them."""
    shown = display_path(name, cwd) if name else "-"
    sources = Sources()
    data = stream.read(max_size + 1)
    try:
        if len(data) > max_size:
            raise UnreadableFile(f"more than {max_size:_} bytes on standard input; raise max-file-size in the configuration")
        sources.texts[shown] = decode(data)
    except UnreadableFile as error:
        sources.errors.append(LintError(shown, error.message, error.line))
    if with_context:
        _read_context(sources, manuscript, {os.path.realpath(name)} if name else set(), cwd, max_size)
    return sources


def _read_context(sources: Sources, manuscript: list[Path], given: set[str], cwd: Path, max_size: int) -> None:
    for path in discover(manuscript)[0]:
        if os.path.realpath(path) not in given:
            with contextlib.suppress(OSError, UnreadableFile):  # only a given file's problems are reported
                sources.context[display_path(path, cwd)] = decode(read_file(path, max_size))
