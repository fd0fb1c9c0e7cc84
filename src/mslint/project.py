"""A project as `mslint server` keeps it between lints: the configuration, its rules and cache,
and the manuscript as saved, all loaded once and looked at again only when they change, so that
a keystroke lints again only the file that changed."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import regex

from .cache import Cache, CacheRefused
from .cli import SETTING_SUFFIXES
from .config import Config, ConfigError, load_config
from .engine import Options, lint
from .facts import FileFacts
from .files import UnreadableFile, decode, discover, display_path, read_file
from .finding import Finding, Level
from .rules import RuleError, load_rules
from .ruletypes import RuleType
from .vocab import VocabularyError, add_terms, vocabulary_folder

REFRESH_SECONDS = 1.0  # how often at most the rules and the manuscript on disk are looked at again
Message = tuple[str, str]  # ("error", "warning" or "info", what to tell the user)


@dataclass
class _Held:
    path: str
    text: str
    parts: dict[str, FileFacts]
    cache_key: str | None = None


class MemoryStore:
    """The engine's store (see engine.Store) for a long run: the facts of each file's latest text
    in memory, so that a keystroke reads only the file that changed. Text as saved on disk also
    goes to and comes from the project's cache; an open file's unsaved text stays in memory, one
    version a file. What the rules learn is written to the cache on save (flush), not at each
    keystroke."""

    def __init__(self, cache: Cache | None, on_disk: dict[str, str]):
        self.cache, self.on_disk = cache, on_disk
        self._held: dict[str, _Held] = {}  # key -> facts
        self._key_of: dict[str, str] = {}  # path -> key of its latest text
        self._asked: dict[str, tuple[str, str]] = {}  # key -> (path, text), not held yet
        self._learned: dict[str, int] | None = None  # what the cache held when the rules were given it

    def key(self, path: str, text: str) -> str:
        key = self._key_of.get(path)
        if key is not None and self._held[key].text is text:  # the same text as before, at no cost
            return key
        key = hashlib.sha256(f"{path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        if key not in self._held:
            self._asked[key] = (path, text)
        return key

    def rule_key(self, rule: RuleType, level: Level | None) -> str:
        # Without a cache, a project's rules are loaded again with a new store.
        return self.cache.rule_key(rule, level) if self.cache else f"{rule.id}\0{level}"

    def load(self, key: str) -> dict[str, FileFacts]:
        held = self._held.get(key)
        if held is None:
            path, text = self._asked[key]
            if self.cache is None or self.on_disk.get(path) != text:
                return {}
            cache_key = self.cache.key(path, text)
            held = self._hold(key, _Held(path, text, self.cache.load(cache_key), cache_key))
        return dict(held.parts)

    def store(self, key: str, parts: dict[str, FileFacts]) -> None:
        held = self._held.get(key)
        path, text = (held.path, held.text) if held else self._asked[key]
        cache_key = held.cache_key if held else None
        if self.cache is not None and self.on_disk.get(path) == text:
            cache_key = cache_key or self.cache.key(path, text)
            self.cache.store(cache_key, parts)
        self._hold(key, _Held(path, text, parts, cache_key))

    def _hold(self, key: str, held: _Held) -> _Held:
        """Hold a file's facts in place of those of its earlier text."""
        earlier = self._key_of.get(held.path)
        if earlier is not None and earlier != key:
            dropped = self._held.pop(earlier)
            if self.cache is not None and dropped.cache_key is not None:
                self.cache.forget(dropped.cache_key)
        self._held[key] = held
        self._key_of[held.path] = key
        self._asked.pop(key, None)
        return held

    def restore_learned(self, rules: list[RuleType]) -> dict[str, int]:
        self._asked.clear()  # each lint asks for its keys anew: nothing is left from one that failed
        if self.cache is not None and self._learned is None:
            self._learned = self.cache.restore_learned(rules)
        return {}

    def keep_learned(self, rules: list[RuleType], held: dict[str, int]) -> None:
        """Kept in memory, by the rules themselves, until flush."""

    def flush(self, rules: list[RuleType]) -> None:
        """Write what the rules learned to the cache."""
        if self.cache is not None and self._learned is not None:
            self.cache.keep_learned(rules, self._learned)
            self._learned = {}


class Project:
    """A configuration, its rules and cache, and the manuscript as saved on disk. `source` is the
    configuration's file; None when there is none (the built-in style, for the open files)."""

    def __init__(self, source: Path | None, folder: Path):
        self.source, self.folder = source, folder
        self.config: Config | None = None
        self.rules: list[RuleType] | None = None  # None until the configuration and rules load
        self.options = Options()
        self.store: MemoryStore | None = None
        self.disk: dict[str, str] = {}  # shown path -> text as saved
        self._real: dict[str, str] = {}  # shown path -> real path
        self._stats: dict[str, tuple[int, int]] = {}
        self._settings: tuple = ()
        self._refreshed = -REFRESH_SECONDS
        self._problem: str | None = None
        self._said: set[str] = set()
        self._messages: list[Message] = []

    @property
    def loaded(self) -> Config:
        assert self.config is not None, "the configuration is loaded before the rules"
        return self.config

    def refresh(self, force: bool = False) -> None:
        """Load the configuration and rules again when one of their files changed, and read the
        manuscript's files that changed on disk; at most once every REFRESH_SECONDS unless forced."""
        now = time.monotonic()
        if not force and now - self._refreshed < REFRESH_SECONDS:
            return
        self._refreshed = now
        if self._settings_state() != self._settings:
            self._load()
            self._settings = self._settings_state()
        if self.rules is not None and self.source is not None and self._compares():
            self._read_disk()

    def _load(self) -> None:
        """The configuration and rules; when they cannot be loaded, those loaded before stay in use."""
        try:
            config = load_config(self.source, self.folder)
            rules = load_rules(config)
        except (ConfigError, RuleError) as error:
            problem = f"mslint: {error}" + ("; the rules loaded before stay in use" if self.rules is not None else "")
            if problem != self._problem:
                self._messages.append(("error", problem))
            self._problem = problem
            return
        if self._problem is not None:
            self._messages.append(("info", "mslint: the configuration and rules are loaded again"))
        self._problem, self._said = None, set()
        self.config, self.rules = config, rules
        self.options = config.options(False, config.root)
        self.store = MemoryStore(self._cache(config, rules), self.disk)

    def _cache(self, config, rules: list[RuleType]) -> Cache | None:
        if self.source is None:  # no project: no folder of its own to keep a cache in
            return None
        try:
            return Cache.for_config(config, rules)
        except CacheRefused as refused:
            self._say("warning", f"mslint: {refused}")
            return None

    def _settings_state(self) -> tuple:
        """What the configuration and rules are loaded from, as (path, modified, size): the style
        sheet too, there or not."""
        if self.source is None:
            return ("the built-in style",)
        paths = [self.source]
        if self.config is not None:
            paths += sorted(path for path in self.config.styles_folder.rglob("*") if path.suffix in SETTING_SUFFIXES)
            paths += [self.config.stylesheet_path] if self.config.stylesheet_path else []
        return tuple((path, _stat(path)) for path in paths)

    def _compares(self) -> bool:
        return any(rule.compares_documents for rule in self.rules or () if self.options.level_of(rule) is not None)

    def _read_disk(self) -> None:
        """The manuscript's files as saved; only those whose size or time changed are read again."""
        config = self.loaded
        found, _ = discover(config.manuscript_paths)
        seen = set()
        for path in found:
            shown, state = display_path(path, config.root), _stat(path)
            if state is None:
                continue
            if self._stats.get(shown) != state:
                try:
                    self.disk[shown] = decode(read_file(path, config.max_file_size))
                except (OSError, UnreadableFile):  # as for the CLI: only a linted file's problems are told
                    continue
                self._stats[shown], self._real[shown] = state, os.path.realpath(path)
            seen.add(shown)
        for shown in set(self.disk) - seen:
            del self.disk[shown], self._stats[shown], self._real[shown]

    def lint(self, files: dict[str, tuple[Path, str]], saved: bool = False) -> tuple[dict[str, list[Finding]], list[Message]]:
        """The findings to show in each open file, by the file's id (path and text by id), and
        what to tell the user; `saved`: a file was saved, so the disk is looked at now."""
        self.refresh(force=saved)
        if self.rules is None or self.store is None:
            return {}, self._told()
        if saved:
            self.store.flush(self.rules)
        config = self.loaded
        shown = {name: self.shown(path) for name, (path, text) in files.items() if self._readable(path, text)}
        sources = {shown[name]: text for name, (_, text) in files.items() if name in shown}
        opened = {os.path.realpath(path) for path, _ in files.values()}
        context = {}
        if self._compares():
            context = {path: text for path, text in self.disk.items() if path not in sources and self._real[path] not in opened}
        result = lint(sources, self.rules, self.options, context, self.store)
        for error in result.errors:
            self._say("warning", f"mslint: {error.path}{f':{error.line}' if error.line else ''}: {error.message}")
        by_path: dict[str, list[Finding]] = {path: [] for path in sources}
        for finding in result.findings:
            if finding.level >= config.min_level:
                by_path[finding.path].append(finding)
        # A file mslint does not read shows nothing, rather than what it showed before.
        return {name: by_path[shown[name]] if name in shown else [] for name in files}, self._told()

    def shown(self, path: Path) -> str:
        """A file's path as the engine and the cache know it: from the project's folder."""
        return display_path(path, self.loaded.root)

    def _readable(self, path: Path, text: str) -> bool:
        """Whether an open file is one mslint reads, as it reads files on disk: UTF-8 (an editor
        may send lone surrogates), no NUL bytes, at most max-file-size; told once if not."""
        limit = self.loaded.max_file_size
        data = text.encode("utf-8", "surrogatepass")
        try:
            if len(data) > limit:
                raise UnreadableFile(f"{len(data):,} bytes, more than max-file-size ({limit:,}); raise it, or split the file")
            decode(data)
        except UnreadableFile as error:
            self._say("warning", f"mslint: {self.shown(path)}: {error.message}; not linted")
            return False
        return True

    def _say(self, kind: str, message: str) -> None:
        """Tell the user once; again only after the rules are loaded again."""
        if message not in self._said:
            self._said.add(message)
            self._messages.append((kind, message))

    def _told(self) -> list[Message]:
        told, self._messages = self._messages, []
        return told

    def flush(self) -> None:
        if self.store is not None and self.rules is not None:
            self.store.flush(self.rules)

    def add_to_vocabulary(self, word: str) -> list[Message]:
        """Add a word to accept.txt of the configuration's first vocabulary, and load the rules again."""
        config = self.loaded
        path = vocabulary_folder(config.styles_folder, config.vocab[0]) / "accept.txt"
        word = " ".join(word.split())  # one line of accept.txt, whatever the editor sent
        if not word:
            return [("error", "mslint: no word to add to the vocabulary")]
        try:
            add_terms(path, [regex.escape(word, special_only=True, literal_spaces=True)])
        except VocabularyError as error:  # the file cannot be read or written, or the word is no term
            return [("error", f"mslint: cannot add {word!r}: {error}")]
        self.refresh(force=True)
        return self._told()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
