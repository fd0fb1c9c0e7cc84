"""The cache: what the rules found in each file, kept between runs so that a save re-reads one chapter.

An entry is keyed on the file's path and text and on the code that reads it (code_key). Inside
it, the facts of each rule are kept under the rule's own key: its definition (with what the
book's style sheet records for it, whose forms the rule looks for in every file),
its level, the files it reads (dictionaries, word lists) and, for a rule that reads it, the
vocabulary. A changed rule file, a word added to the vocabulary, or an entry of the style sheet
sends only the rules it touches back to the text; the other facts stay.

The folder sits in the project, where whoever can commit can plant files, so nothing in it is
trusted. Entries are JSON signed with HMAC-SHA256 under a key kept in the user's own cache folder,
never in a project; only a regular file of bounded size whose signature holds is parsed, and what
it holds must describe the very file it is keyed on. Anything else is a miss, rebuilt, never an
error. Entries unused for a month, or beyond a total size, are removed at the end of a run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import hmac
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from . import __version__
from .facts import NOTHING, FileFacts, Source, plain_json
from .files import UnreadableFile, read_regular, read_setting, remove_leftovers, write_atomic

FOLDER = ".mslint_cache"
FORMAT = 6
KEY_BYTES = 32
MAX_ENTRY_BYTES = 64 << 20
MAX_TOTAL_BYTES = 256 << 20  # beyond this, the least recently used entries go
MAX_AGE = 30 * 86400  # seconds: an entry no run has used for this long goes
TOUCH_AFTER = 86400  # an entry's last use (its mtime) is recorded at most once a day

# The signature comes first, so that nothing unsigned is ever parsed; the file stays JSON.
_ENVELOPE = re.compile(rb'\{"format": %d, "mac": "([0-9a-f]{64})", "(facts|learned)": ' % FORMAT)
_ENTRY = re.compile(r"(file-[0-9a-f]{64}|learned-[0-9a-f]{32})\.json")


class CacheRefused(Exception):
    """The project's cache folder is not one mslint will use; the message says why and what to do."""


class Cache:
    def __init__(self, folder: Path, code_key: str, secret: bytes, read_only: bool = False):
        self.folder, self.code_key, self._secret = folder, code_key, secret
        self.read_only = read_only  # reads entries, writes nothing (mslint report writes only its file)
        self._digests: dict[Path, str] = {}  # of the files rules read, once a run
        self._rule_keys: dict[tuple[object, object], str] = {}  # (rule, level): the rule itself, not its id
        self._files: dict[str, tuple[str, str]] = {}  # key -> (path, text) of each file keyed in this run
        self._used: set[str] = set()  # entries read or written in this run: never pruned
        self._wrote = False
        # What this run has loaded or stored, by key: --fix lints again and again in one process.
        self._held: dict[str, dict[str, FileFacts]] = {}
        self._learned: dict[str, dict] = {}

    @classmethod
    def for_config(cls, config, rules=(), read_only: bool = False, syntax: str | None = None) -> Cache | None:
        """The project's cache; None when there is no user key to sign entries with (read-only: no
        key made yet). CacheRefused when `.mslint_cache` is not a folder of the project itself (a
        symbolic link, say). `syntax`: how every file is read, when not as its suffix says."""
        folder = config.root / FOLDER
        real = os.path.realpath(folder)
        if os.path.lexists(folder) and real != os.path.join(os.path.realpath(config.root), FOLDER):
            raise CacheRefused(
                f"{folder} is a symbolic link (to {real}); mslint writes its cache only into a real folder of the "
                f"project, so this run has none: remove the link, and mslint makes the folder"
            )
        secret = user_key(make=not read_only)
        # What a .vale.ini leaves unread, and how files are read, change what every rule reads.
        unread = (config.ignored_scopes, config.skipped_scopes, config.ignored_classes)
        ignored = repr(
            [(s.glob, s.token_ignores, s.block_ignores) for s in config.sections if s.token_ignores or s.block_ignores]
            + ([unread] if any(unread) else [])
            + ([syntax] if syntax else [])
        )
        key = code_key() if ignored == "[]" else hashlib.sha256(f"{code_key()}\0{ignored}".encode()).hexdigest()
        return None if secret is None else cls(folder, key, secret, read_only)

    def key(self, path: str, text: str) -> str:
        key = hashlib.sha256("\0".join((self.code_key, path, text)).encode("utf-8", "surrogatepass")).hexdigest()
        self._files[key] = (path, text)
        return key

    def rule_key(self, rule, level) -> str:
        """What a rule's facts in a file depend on besides the file: its definition (wherever it
        is shown from), its level, the files it reads, and the vocabulary if it reads it. Made
        once a run: --fix lints again and again."""
        found = self._rule_keys.get((rule, level))
        if found is None:
            found = self._rule_keys[rule, level] = self._rule_key(rule, level)
        return found

    def _rule_key(self, rule, level) -> str:
        spec = dataclasses.replace(rule.spec, path="", vocabulary=None)
        digest = hashlib.sha256(f"{rule.id}\0{level}\0{spec!r}\0".encode("utf-8", "surrogatepass"))
        digest.update(repr(rule.vocabulary_read).encode("utf-8", "surrogatepass"))
        for path in rule.inputs():
            digest.update(self._digest(path).encode())
        return digest.hexdigest()[:32]  # 128 bits: each file's entry names every rule

    def load(self, key: str) -> dict[str, FileFacts]:
        """The facts kept for a file keyed in this run, by rule key; each part that is missing, not
        signed with the user's key, or does not describe the file is left out."""
        if key in self._held:
            return dict(self._held[key])
        file = self._files.get(key)
        plain = self._read(f"file-{key}", "facts") if file else None
        if file is None or not isinstance(plain, dict) or set(plain) != {"nothing", "found"}:
            return {}
        nothing, found = plain["nothing"], plain["found"]
        if not isinstance(nothing, list) or not all(type(rule_key) is str for rule_key in nothing) or not isinstance(found, dict):
            return {}
        parts, source = dict.fromkeys(nothing, NOTHING), Source(*file)
        for rule_key, part in found.items():
            try:
                parts[rule_key] = FileFacts.from_plain(part, source)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
                continue  # that rule's part is a miss
        self._held[key] = parts
        return dict(parts)

    def store(self, key: str, parts: dict[str, FileFacts]) -> None:
        """Keep a file's facts; a cache that cannot be written is no reason to fail a run. A rule's
        facts with errors are not kept: a pattern that ran out of time on a busy machine may not next time."""
        kept = {rule_key: part for rule_key, part in parts.items() if not part.errors}
        self._held[key] = kept
        # The keys of the rules that found nothing in one list: most rules in most files, and a
        # mapping of them to `{}` each took a fifth of the time to read an entry.
        nothing = [rule_key for rule_key, part in kept.items() if part.holds_nothing()]
        found = {rule_key: part.plain() for rule_key, part in kept.items() if not part.holds_nothing()}
        self._write(f"file-{key}", "facts", {"nothing": nothing, "found": found})

    def forget(self, key: str) -> None:
        """Let go of what this run holds for a file's key: a server lints for days, and keeps only
        the facts of each file's latest text."""
        self._held.pop(key, None)
        self._files.pop(key, None)

    def _digest(self, path: Path) -> str:
        found = self._digests.get(path)
        if found is None:
            try:
                found = hashlib.sha256(read_setting(path)).hexdigest()
            except OSError as error:  # unreadable: its state still counts, the run goes on
                found = f"unreadable: {error.strerror}"
            except UnreadableFile as error:  # not a regular file, or too large: the rule says so
                found = f"unreadable: {error.message}"
            self._digests[path] = found
        return found

    def restore_learned(self, rules) -> dict[str, int]:
        """Give each rule what was learned in earlier runs under its learned_key (by rules that
        share it too: spelling and variants share the dictionaries); how much each key held."""
        held: dict[str, int] = {}
        for rule in rules:
            key = rule.learned_key
            if key is not None:
                rule.preload(self._load_learned(key))
                held[key] = max(held.get(key, 0), _size(rule.learned()))
        return held

    def keep_learned(self, rules, held: dict[str, int]) -> None:
        """At the end of a run: keep what was learned under each key, when this run learned more,
        and prune the folder when this run wrote to it."""
        merged: dict[str, dict] = {}
        for rule in rules:
            key = rule.learned_key
            if key is not None:
                for part, items in rule.learned().items():
                    merged.setdefault(key, {}).setdefault(part, {}).update(items)
        for key, learned in merged.items():
            if _size(learned) > held.get(key, 0):
                self._write(f"learned-{self._learned_key(key)}", "learned", learned)
                self._learned[key] = learned
        if self._wrote:
            self._wrote = False
            self.prune()

    def prune(self) -> None:
        """Remove the entries no run has used for MAX_AGE, then the least recently used while the
        folder holds more than MAX_TOTAL_BYTES, but never one this run used; and the temporary
        files a killed run left."""
        remove_leftovers(self.folder)
        entries = []  # (last used, size, path, used in this run)
        with contextlib.suppress(OSError), os.scandir(self.folder) as found:
            for entry in found:
                name = _ENTRY.fullmatch(entry.name)
                with contextlib.suppress(OSError):
                    if name and entry.is_file(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        entries.append((info.st_mtime, info.st_size, entry.path, name[1] in self._used))
        now, total = time.time(), sum(size for _, size, _, _ in entries)
        for used_at, size, path, in_use in sorted(entries):
            if not in_use and (now - used_at > MAX_AGE or total > MAX_TOTAL_BYTES):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    total -= size

    def _load_learned(self, name: str) -> dict:
        """What a rule learned in earlier runs (a lexicon's verdicts on words), so that a save
        seldom loads a dictionary. The rule's preload() takes only what it can use."""
        if name not in self._learned:
            learned = self._read(f"learned-{self._learned_key(name)}", "learned")
            self._learned[name] = learned if isinstance(learned, dict) and plain_json(learned) else {}
        return self._learned[name]

    def _learned_key(self, key: str) -> str:
        return hashlib.sha256(f"{FORMAT}\0{__version__}\0{key}".encode()).hexdigest()[:32]

    def _read(self, name: str, field: str) -> object | None:
        """An entry's plain data, when its signature holds; None for anything else."""
        path = self.folder / f"{name}.json"
        try:
            data, info = read_regular(path, MAX_ENTRY_BYTES, follow_links=False)
        except (OSError, UnreadableFile):  # missing, a link, a FIFO, a device, too large
            return None
        envelope = _ENVELOPE.match(data)
        if envelope is None or envelope[2] != field.encode() or not data.endswith(b"}"):
            return None
        body = data[envelope.end() : -1]
        if not hmac.compare_digest(envelope[1], self._mac(name, field, body).encode()):
            return None
        try:
            plain = json.loads(body)
        except (ValueError, RecursionError):
            return None
        self._used.add(name)
        if time.time() - info.st_mtime > TOUCH_AFTER and not self.read_only:
            with contextlib.suppress(OSError, NotImplementedError):
                os.utime(path, follow_symlinks=False)
        return plain

    def _write(self, name: str, field: str, plain: object) -> None:
        if self.read_only:
            return
        with contextlib.suppress(OSError, ValueError, TypeError):  # unwritable, or not JSON
            body = json.dumps(plain, ensure_ascii=False).encode("utf-8")
            if len(body) > MAX_ENTRY_BYTES - 256:  # it would never be read back
                return
            if not self.folder.is_dir():
                self.folder.mkdir()
                write_atomic(self.folder / ".gitignore", b"# mslint's cache: safe to delete\n*\n")
            head = f'{{"format": {FORMAT}, "mac": "{self._mac(name, field, body)}", "{field}": '.encode()
            write_atomic(self.folder / f"{name}.json", head + body + b"}", durable=False)
            self._used.add(name)
            self._wrote = True

    def _mac(self, name: str, field: str, body: bytes) -> str:
        """The signature binds the body to the entry's name (its key), its kind and the format."""
        mac = hmac.new(self._secret, f"mslint cache {FORMAT}\0{name}\0{field}\0".encode(), hashlib.sha256)
        mac.update(body)
        return mac.hexdigest()


def user_cache_folder() -> Path:
    """mslint's folder in the user's cache: under $XDG_CACHE_HOME when set, else ~/Library/Caches on
    macOS and ~/.cache elsewhere."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, "mslint")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "mslint"
    return Path.home() / ".cache" / "mslint"


def user_key(make: bool = True) -> bytes | None:
    """The secret that signs cache entries, made once per user (with `make`) in the user's cache
    folder. None when it cannot be read or made, or is not the user's own and private: the run has
    no cache."""
    try:
        path = user_cache_folder() / "key"
        if make and not os.path.lexists(path):
            _make_key(path)
        key, info = read_regular(path, KEY_BYTES, follow_links=False)
    except (OSError, UnreadableFile, RuntimeError):  # RuntimeError: no home folder
        return None
    private = info.st_uid == os.geteuid() and not info.st_mode & 0o077
    return key if private and len(key) == KEY_BYTES else None


def _make_key(path: Path) -> None:
    """Write the key whole before it takes its name, so that no run reads half a key; of two runs
    making it at once, the first to link it wins and both use its key."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".key.", dir=path.parent)  # readable by the user alone
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(KEY_BYTES))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


# The libraries whose code finds facts: the module each installs, and its distribution's name as
# its metadata folder spells it (lower case, `-` as `_`).
LIBRARIES = {
    "proselint": "proselint",
    "hunspell": "chunspell",
    "rapidfuzz": "rapidfuzz",
    "regex": "regex",
    "markdown_it": "markdown_it_py",
    "mdit_py_plugins": "mdit_py_plugins",
    "yaml": "pyyaml",
}


def code_key() -> str:
    """A digest of the code that finds the facts: mslint's own modules and data, as they are, and
    each library's version, as the name of its metadata folder gives it. The same code installed
    again (a CI job's fresh environment) keeps the key; importlib.metadata took 25 ms to import
    and ask, a tenth of a cached run."""
    digest = hashlib.sha256(f"mslint {__version__}\0{sys.version}\0".encode())
    for module, distribution in LIBRARIES.items():
        digest.update(f"{module} {_installed(module, distribution)}\0".encode("utf-8", "surrogatepass"))
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *(package / "data").glob("*")]):
        digest.update(path.name.encode("utf-8", "surrogatepass") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _installed(module: str, distribution: str) -> str:
    """The library's version, as its metadata folder beside it names it (`regex-2026.5.9.dist-info`);
    else where it is loaded from, with that file's size and modification time; "missing" without it."""
    with contextlib.suppress(ImportError, ValueError):
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            return "missing"
        origin = Path(spec.origin)
        site = origin.parent.parent if origin.name == "__init__.py" else origin.parent
        for name in _listing(site):
            spelled = name.lower().replace("-", "_")
            if (
                name.endswith(".dist-info")
                and spelled.startswith(distribution + "_")
                and spelled[len(distribution) + 1 : len(distribution) + 2].isdigit()
            ):
                return name
        with contextlib.suppress(OSError):
            info = origin.stat()
            return f"{origin} {info.st_size} {info.st_mtime_ns}"
    return "missing"


@functools.cache
def _listing(folder: Path) -> tuple[str, ...]:
    with contextlib.suppress(OSError):
        return tuple(sorted(os.listdir(folder)))
    return ()


def _size(learned: dict) -> int:
    """How much a rule learned: the items of each of its parts."""
    return sum(len(part) if isinstance(part, dict) else 1 for part in learned.values())
