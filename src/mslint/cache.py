"""The cache: what the rules found in each file, kept between runs so that a save re-reads one chapter.

An entry is keyed on the file's path and text and on everything the findings depend on: every
file under the styles folder and every other file a rule reads (dictionaries, word lists), the
configuration, mslint's own code and the versions of the libraries, so any change misses.
Entries are JSON, never pickles: a corrupt or foreign entry is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib import metadata
from pathlib import Path

from . import __version__
from .facts import FileFacts
from .files import write_atomic

FOLDER = ".mslint_cache"
FORMAT = 2


class Cache:
    def __init__(self, folder: Path, rules_key: str):
        self.folder, self.rules_key = folder, rules_key

    @classmethod
    def for_config(cls, config, rules=()) -> Cache:
        return cls(config.root / FOLDER, rules_key(config, rules))

    def key(self, path: str, text: str) -> str:
        return hashlib.sha256("\0".join((self.rules_key, path, text)).encode("utf-8", "surrogatepass")).hexdigest()

    def load(self, key: str) -> FileFacts | None:
        try:
            data = json.loads((self.folder / f"file-{key}.json").read_text(encoding="utf-8"))
            if data["format"] != FORMAT or data["key"] != key or data["checksum"] != _checksum(data["facts"]):
                return None
            return FileFacts.from_plain(data["facts"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            return None  # missing, corrupt or foreign: built again

    def store(self, key: str, facts: FileFacts) -> None:
        """Keep an entry; a cache that cannot be written is no reason to fail a run. Facts with
        errors are not kept: a pattern that ran out of time on a busy machine may not next time."""
        if facts.errors:
            return
        with contextlib.suppress(OSError):
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / ".gitignore").write_text("# mslint's cache: safe to delete\n*\n", encoding="utf-8")
            plain = facts.plain()
            data = {"format": FORMAT, "key": key, "checksum": _checksum(plain), "facts": plain}
            write_atomic(self.folder / f"file-{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))

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
        """Keep what was learned under each key, when this run learned more."""
        merged: dict[str, dict] = {}
        for rule in rules:
            key = rule.learned_key
            if key is not None:
                for part, items in rule.learned().items():
                    merged.setdefault(key, {}).setdefault(part, {}).update(items)
        for key, learned in merged.items():
            if _size(learned) > held.get(key, 0):
                self._store_learned(key, learned)

    def _load_learned(self, name: str) -> dict:
        """What a rule learned in earlier runs (a lexicon's verdicts on words), so that a save
        seldom loads a dictionary. The rule's preload() takes only what it can use."""
        try:
            data = json.loads((self.folder / f"learned-{self._learned_key(name)}.json").read_text(encoding="utf-8"))
            learned = data["learned"]
            return learned if isinstance(learned, dict) and data["checksum"] == _checksum(learned) else {}
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return {}

    def _store_learned(self, name: str, learned: dict) -> None:
        with contextlib.suppress(OSError):
            if self.folder.is_dir():
                data = json.dumps({"checksum": _checksum(learned), "learned": learned}, ensure_ascii=False)
                write_atomic(self.folder / f"learned-{self._learned_key(name)}.json", data.encode("utf-8"))

    def _learned_key(self, key: str) -> str:
        return hashlib.sha256(f"{FORMAT}\0{__version__}\0{key}".encode()).hexdigest()[:32]


def rules_key(config, rules=()) -> str:
    """A digest of everything the findings depend on besides the file itself."""
    digest = hashlib.sha256()
    for package in ("proselint", "chunspell", "rapidfuzz", "regex", "markdown-it-py", "mdit-py-plugins", "pyyaml"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package} {metadata.version(package)}\0".encode())
    digest.update(f"mslint {__version__}\0{config!r}\0".encode("utf-8", "surrogatepass"))
    # mslint's own code too: what an entry holds is only as stable as the code that wrote it.
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    if config.source is not None and config.source.is_file():
        digest.update(config.source.read_bytes())
    folder = config.styles_folder
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    files += sorted({path for rule in rules for path in rule.inputs()})
    for path in files:
        digest.update(f"\0{path.as_posix()}\0".encode("utf-8", "surrogatepass"))
        try:
            digest.update(path.read_bytes())
        except OSError as error:  # unreadable: its state still counts, the run goes on
            digest.update(f"unreadable: {error.strerror}".encode())
    return digest.hexdigest()


def _size(learned: dict) -> int:
    """How much a rule learned: the items of each of its parts."""
    return sum(len(part) if isinstance(part, dict) else 1 for part in learned.values())


def _checksum(plain: dict) -> str:
    return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
