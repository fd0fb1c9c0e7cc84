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
from .engine import FileFacts
from .files import write_atomic
from .finding import Finding, Level, LintError, Voice
from .suppress import Directive

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
            return _facts(data["facts"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
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
            plain = _plain(facts)
            data = {"format": FORMAT, "key": key, "checksum": _checksum(plain), "facts": plain}
            write_atomic(self.folder / f"file-{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def restore_words(self, rules) -> dict[str, int]:
        """Give each rule's lexicon the verdicts on words kept for it; how many it then holds."""
        held = {}
        for rule in rules:
            if hasattr(rule, "lexicon"):
                rule.lexicon.preload(self.load_words(rule.id))
                held[rule.id] = len(rule.lexicon.verdicts)
        return held

    def keep_words(self, rules, held: dict[str, int]) -> None:
        """Keep the verdicts of each lexicon that learned words in this run."""
        for rule in rules:
            if rule.id in held and len(rule.lexicon.verdicts) > held[rule.id]:
                self.store_words(rule.id, rule.lexicon.verdicts)

    def load_words(self, name: str) -> dict[str, bool]:
        """A lexicon's verdicts on words from earlier runs, so that a save seldom loads a dictionary."""
        try:
            data = json.loads((self.folder / f"words-{self._words_key(name)}.json").read_text(encoding="utf-8"))
            if data["checksum"] != _checksum(data["words"]):
                return {}
            return {str(word): bool(known) for word, known in data["words"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def store_words(self, name: str, words: dict[str, bool]) -> None:
        with contextlib.suppress(OSError):
            if self.folder.is_dir():
                data = {"checksum": _checksum(words), "words": words}
                write_atomic(
                    self.folder / f"words-{self._words_key(name)}.json", json.dumps(data, ensure_ascii=False).encode("utf-8")
                )

    def _words_key(self, name: str) -> str:
        return hashlib.sha256(f"{self.rules_key}\0{name}".encode()).hexdigest()[:32]


def rules_key(config, rules=()) -> str:
    """A digest of everything the findings depend on besides the file itself."""
    digest = hashlib.sha256()
    for package in ("proselint", "chunspell", "rapidfuzz", "regex", "markdown-it-py", "mdit-py-plugins", "pyyaml"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package} {metadata.version(package)}\0".encode())
    digest.update(f"mslint {__version__}\0{config!r}\0".encode())
    # mslint's own code too: what an entry holds is only as stable as the code that wrote it.
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    if config.source is not None and config.source.is_file():
        digest.update(config.source.read_bytes())
    folder = config.styles_folder
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    files += sorted({path for rule in rules for path in rule.inputs()})
    for path in files:
        digest.update(f"\0{path.as_posix()}\0".encode())
        try:
            digest.update(path.read_bytes())
        except OSError as error:  # unreadable: its state still counts, the run goes on
            digest.update(f"unreadable: {error.strerror}".encode())
    return digest.hexdigest()


def _checksum(plain: dict) -> str:
    return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _plain(facts: FileFacts) -> dict:
    return {
        "findings": [_finding_plain(f) for f in facts.findings],
        "directives": [[d.kind, list(d.rules), list(d.start), list(d.end), d.text] for d in facts.directives],
        "observations": facts.observations,
        "candidates": {
            rule: [[key, _finding_plain(found)] for key, found in found_list] for rule, found_list in facts.candidates.items()
        },
        "errors": [[e.path, e.message, e.line] for e in facts.errors],
    }


def _finding_plain(f: Finding) -> dict:
    return {**f.fields(), "fixable": f.fixable, "sentence": f.sentence}


def _facts(data: dict) -> FileFacts:
    findings = [_finding(f) for f in data["findings"]]
    directives = [
        Directive(str(kind), tuple(map(str, rules)), (int(start[0]), int(start[1])), (int(end[0]), int(end[1])), str(text))
        for kind, rules, start, end, text in data["directives"]
    ]
    errors = [LintError(str(path), str(message), line) for path, message, line in data["errors"]]
    if not isinstance(data["observations"], dict):
        raise TypeError("observations")
    candidates = {str(rule): [(key, _finding(f)) for key, f in found] for rule, found in data["candidates"].items()}
    return FileFacts(findings, directives, data["observations"], candidates, errors)


def _finding(f: dict) -> Finding:
    return Finding(
        path=str(f["path"]),
        line=int(f["line"]),
        column=int(f["column"]),
        end_line=int(f["end_line"]),
        end_column=int(f["end_column"]),
        rule=str(f["rule"]),
        level=Level.parse(f["level"]),
        message=str(f["message"]),
        match=str(f["match"]),
        replacements=tuple(str(r) for r in f["replacements"]),
        voice=Voice(f["voice"]),
        fixable=bool(f["fixable"]),
        sentence=str(f["sentence"]),
    )
