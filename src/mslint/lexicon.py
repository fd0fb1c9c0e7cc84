"""What counts as a word of the language: Hunspell dictionaries, the book's vocabulary, filters.

Spelling and variants share it. Words are read the way an author writes them: possessives
(Cassif’s, workers') are judged without the possessive, hyphenated compounds part by part when the
whole is not a word, and numbers, ordinals, years and decades, acronyms, initials and
abbreviations, roman numerals and mixed-case names are known. So are identifiers, which are
code written as prose: snake_case, `Module::Name`, `--option`, `$variable`, `call()`.

What the dictionaries say of a word depends on the dictionaries alone, so it is kept between
runs (learned() and preload()) whatever the vocabulary: adding a word to the vocabulary never
loads Hunspell again.

A dictionary judges the words of its own alphabet: one that holds only Latin-script words (en_US)
leaves words with no Latin letter (Ελλάδα, Москва) alone, and a word its encoding cannot hold
(Dvořák in the ISO-8859-1 en_US) is one it does not know.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .cores import Died, Forked, can_fork
from .document import within
from .files import UnreadableFile, read_setting
from .grammar import PREFIXES
from .limits import PatternClock

# A run of word characters, apostrophes, hyphens and full stops, starting with a word character.
# Unicode's word characters take in combining marks: a decomposed Dvořák stays one word. An
# opening quote inside a word ("doesn‘t") is an apostrophe set the wrong way round: a typesetting
# slip, not a misspelling.
TOKEN = regex.compile(r"\w[\w’‘'.\-]*")
_LATIN = regex.compile(r"\p{Latin}")
# In a .dic file: an entry whose word (before its flags or morphology) has a Latin letter, and a
# letter of a script other than Latin and Common (the script of µ and 𝔘).
_LATIN_ENTRY = regex.compile(r"(?m)^[^/\s]*\p{Latin}")
_OTHER_LETTER = regex.compile(r"[^\P{L}\p{Latin}\p{Common}]")
_OPENERS = " \t\n([{\"'“‘"
_ROMAN = re.compile(r"(?=[ivxlcdm]{2,}$)m{0,4}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.IGNORECASE)
# Vale's default filters, mixed case (MacBook, iPhone) and capitals only (KKE, USSR), and one of
# mslint's own: capitals with a plural s (APIs, GUIs).
DEFAULT_FILTERS = (re.compile(r"^[A-Za-z]*[a-z][A-Z]"), re.compile(r"^[A-Z][A-Z’']*$"), re.compile(r"^[A-Z][A-Z’']+s$"))


class Lexicon:
    """What counts as a word of the language: dictionaries, the book's vocabulary, and filters."""

    def __init__(self, files=(), include_default=True, vocabulary=None, filters=DEFAULT_FILTERS, ignored=frozenset()):
        self.files, self.include_default = tuple(files), include_default  # the .dic and .aff pairs
        self.vocabulary, self.filters, self.ignored = vocabulary, filters, ignored
        phrases = vocabulary.phrases if vocabulary is not None else []
        self.phrases = regex.compile(r"\b(?:" + "|".join(map(_either_case, phrases)) + r")\b") if phrases else None
        self.phrases_clock = PatternClock()  # the vocabulary's patterns, within the time limits
        self._known: dict[str, bool] = {}
        # The dictionaries' verdicts and suggestions: learned, kept between runs, and shared by
        # every lexicon of the same dictionaries in this process (spelling and variants).
        self._spelled, self._suggested = _shared_verdicts(self.files, self.include_default)
        self._token_words: dict[str, tuple[tuple[int, int, str], ...]] = {}
        # Tokens judged so far, whole: sets, so that a paragraph's tokens are sorted in C.
        self._known_tokens: set[str] = set()
        self._unknown_tokens: set[str] = set()

    @classmethod
    def shared(cls, files=(), include_default=True, vocabulary=None, filters=DEFAULT_FILTERS, ignored=frozenset()) -> Lexicon:
        """The lexicon of these dictionaries, vocabulary, filters and ignored words, one for every
        rule that asks for the same (spelling and variants): each word and token is judged once
        a process, not once a rule. The last few made are kept: a server reloads its rules."""
        key = (tuple(files), include_default, id(vocabulary), tuple((f.pattern, f.flags) for f in filters), frozenset(ignored))
        found = _LEXICONS.pop(key, None)
        if found is None or found.vocabulary is not vocabulary:
            found = cls(files, include_default, vocabulary, filters, ignored)
        _LEXICONS[key] = found
        while len(_LEXICONS) > _LEXICONS_KEPT:
            del _LEXICONS[next(iter(_LEXICONS))]
        return found

    @functools.cached_property
    def dictionaries(self) -> tuple[Dictionary, ...]:
        """Loaded on first use: a run whose words were all judged before never needs them."""
        return load_dictionaries(self.files, self.include_default)

    @functools.cached_property
    def learned_key(self) -> str:
        """What the dictionaries' verdicts and suggestions depend on: the dictionary files, Hunspell's
        version, and how it is asked for suggestions."""
        import hunspell

        version = getattr(hunspell, "__version__", "")
        digest = hashlib.sha256(f"{version}\0{self.include_default}\0".encode() + _NO_NGRAM_SUGGESTIONS)
        for dic, aff in self.files:
            for path in (dic, aff):
                digest.update(f"\0{path}\0".encode("utf-8", "surrogatepass"))
                with contextlib.suppress(OSError, UnreadableFile):
                    digest.update(read_setting(path))
        return digest.hexdigest()

    def learned(self) -> dict:
        return {"spelled": dict(self._spelled), "suggested": {word: list(found) for word, found in self._suggested.items()}}

    def preload(self, learned: dict) -> None:
        """Take back what learned() gave; anything but words and their verdicts or suggestions is left out."""
        spelled, suggested = learned.get("spelled"), learned.get("suggested")
        if isinstance(spelled, dict):
            self._spelled.update((w, v) for w, v in spelled.items() if isinstance(w, str) and type(v) is bool)
        if isinstance(suggested, dict):
            self._suggested.update(
                (w, tuple(found))
                for w, found in suggested.items()
                if isinstance(w, str) and isinstance(found, list) and all(isinstance(s, str) for s in found)
            )

    def words(self, text: str, wanted=None):
        """(start, end, word) for each word of text: possessives dropped, a compound split into its
        parts when the whole is not known, the words of an accepted phrase ("per se") left out.
        `wanted(token)` may pass over whole tokens first."""
        accepted = [m.span() for m in self.phrases_clock.finditer(self.phrases, text)] if self.phrases else []
        for token in TOKEN.finditer(text):
            if wanted is not None and not wanted(token.group()) or is_identifier(text, *token.span()):
                continue
            offset = token.start()
            for start, end, word in self.token_words(token.group()):
                # The word, not the token: a phrase ending a sentence ("per se.") leaves the full stop out.
                if not within(accepted, offset + start, offset + end):
                    yield offset + start, offset + end, word

    def unknown_words(self, text: str):
        """(start, end, word) for each word of text that is not known (the vocabulary's accepted
        words aside): tokens known whole, and texts known whole, are passed over first."""
        strange = self.unknown_tokens(TOKEN.findall(text))
        if not strange:
            return
        for start, end, word in self.words(text, strange.__contains__):
            if not self.known(word):
                yield start, end, word

    def unknown_tokens(self, tokens: list[str]) -> set[str]:
        """The tokens with a word that is not known: each distinct token is judged once a process,
        and a paragraph's tokens are told apart by set operations, in C."""
        fresh = set(tokens) - self._known_tokens
        for token in fresh - self._unknown_tokens:
            known = all(self.known(word) for _, _, word in self.token_words(token))
            (self._known_tokens if known else self._unknown_tokens).add(token)
        return fresh & self._unknown_tokens

    def token_words(self, token: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, word) within one token, computed once per distinct token."""
        found = self._token_words.get(token)
        if found is None:
            found = self._token_words[token] = tuple(self._split(token))
        return found

    def _split(self, token: str):
        word = bare(token)
        # A compound the vocabulary accepts whole ("crypto-Zionist") stays whole.
        if "-" not in word or self.known(word) or self.in_vocabulary(word):
            if word:
                yield 0, len(word), word
            return
        start, parts = 0, word.split("-")
        for index, part in enumerate(parts):
            if part and not (index == 0 and len(parts) > 1 and part.lower() in PREFIXES):
                yield start, start + len(part), part
            start += len(part) + 1

    def known(self, word: str) -> bool:
        """Whether a word (with no possessive) counts as spelled right, before the vocabulary's
        accepted words: rules apply those when judging, so that a new word re-reads no text."""
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self._judge(word)
        return found

    def in_vocabulary(self, word: str) -> bool:
        return self.vocabulary is not None and self.vocabulary.accepts(word)

    def judging(self, word: str) -> list[Dictionary]:
        """The dictionaries whose alphabet the word is written in."""
        return [d for d in self.dictionaries if d.judges(word)]

    def _judge(self, word: str) -> bool:
        if self.vocabulary is not None and self.vocabulary.misspells(word):
            return False
        if any(ch.isdigit() for ch in word) or "." in word or "_" in word or len(word) < 2:
            return True  # numbers, ordinals, years, decades, initials, abbreviations, snake_case
        if word in self.ignored or word.lower() in self.ignored:  # as in Vale, "nginx" takes in "Nginx"
            return True
        if any(f.search(word) for f in self.filters) or _ROMAN.match(word):
            return True
        return self.spelled(word)

    def spelled(self, word: str) -> bool:
        """Whether the dictionaries know a word. A word in a script no dictionary holds is another
        language's, not a misspelling."""
        found = self._spelled.get(word)
        if found is None:
            judging = self.judging(word)
            found = self._spelled[word] = not judging or any(d.spell(word) for d in judging)
        return found

    def has_suggested(self, word: str) -> bool:
        """Whether the dictionaries' suggestions for a word are known, from this run or an earlier one."""
        return word in self._suggested

    def suggested(self, word: str) -> tuple[str, ...]:
        """The dictionaries' suggestions for a word, best first: several milliseconds a word in
        Hunspell, so computed only for findings that are shown, and kept."""
        found = self._suggested.get(word)
        if found is None:
            found = self._suggested[word] = tuple(s for d in self.judging(word) for s in d.suggest(word))
        return found

    def suggest_ahead(self, words: list[str], deadline: float) -> None:
        """Ask the dictionaries about words not asked about before, as many as there is time for
        until `deadline` (of time.monotonic()); many of them on two cores, this process and a
        forked one, every other word each."""
        fresh = [word for word in dict.fromkeys(words) if word not in self._suggested]
        if len(fresh) >= SUGGEST_ON_TWO_CORES and can_fork():
            try:
                with Forked(lambda: self._suggest_until(fresh[1::2], deadline)) as theirs:
                    self._suggest_until(fresh[0::2], deadline)
                    self._suggested.update(theirs.result(timeout=max(0.0, deadline - time.monotonic()) + 1.0))
                return
            except Died:  # killed, or Hunspell crashed: its words wait for another run
                return
            except OSError:  # no process to fork: all of them here
                pass
        self._suggest_until(fresh, deadline)

    def _suggest_until(self, words: list[str], deadline: float) -> dict[str, tuple[str, ...]]:
        found = {}
        for word in words:
            if time.monotonic() >= deadline:
                break
            found[word] = self.suggested(word)
        return found


def is_identifier(text: str, start: int, end: int) -> bool:
    """Whether the token at text[start:end] is a name in code written as prose: `Module::Name`,
    `--option` or `-o`, `$variable`, `@list`, `%hash`, `call()`, `$object->method`."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if before.endswith(("::", "->", "$", "@", "%")) or after.startswith(("::", "()")):
        return True
    if not before.endswith("-"):
        return False
    # An option (`--all`, `-v`): hyphens after a space or an opening mark, not a dash between words.
    hyphens = 2 if before == "--" else 1
    return start == hyphens or text[start - hyphens - 1] in _OPENERS


@dataclass(frozen=True)
class Dictionary:
    """A Hunspell dictionary, its encoding, and the alphabets of its words."""

    speller: Any  # chunspell's Hunspell
    encoding: str
    latin: bool  # holds words with a Latin letter
    other: bool  # holds letters of other scripts
    marked: dict[str, tuple[str, ...]]  # its words with marks (Ḥadash, café) by their bare form

    def judges(self, word: str) -> bool:
        """A word with a Latin letter is judged by a dictionary of such words; any other word
        (Ελλάδα, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢) by a dictionary that holds letters of other scripts."""
        return self.latin if _LATIN.search(word) else self.other

    def spell(self, word: str) -> bool:
        plain = self._plain(word)
        return plain is not None and self.speller.spell(plain)

    def suggest(self, word: str) -> tuple[str, ...]:
        """The word with its marks, when it is a word of the dictionary written without any (Hadash:
        Ḥadash), which Hunspell's edits miss when its alphabet lacks the letter; then what the
        edits find."""
        bare = bare_form(word)
        marked = tuple(_capitalized(found, word) for found in self.marked.get(bare, ())) if bare == word.casefold() else ()
        plain = self._plain(word)
        # chunspell gives "" for a suggestion it cannot decode.
        edited = tuple(s for s in self.speller.suggest(plain) if s) if plain is not None else ()
        return tuple(dict.fromkeys(marked + edited))

    def _plain(self, word: str) -> str | None:
        """The word as Hunspell reads it (composed, with a straight apostrophe), or None when the
        dictionary's encoding cannot hold it: then the dictionary does not know it."""
        plain = unicodedata.normalize("NFC", word).replace("’", "'").replace("‘", "'")
        try:
            plain.encode(self.encoding)
        except UnicodeEncodeError:
            return None
        return plain


def _either_case(phrase: str) -> str:
    """A lower-case phrase also opens a sentence capitalized ("Per se"), as a lower-case word does."""
    first = phrase[:1]
    return f"[{first}{first.upper()}]{phrase[1:]}" if first.islower() else phrase


def bare(token: str) -> str:
    """A token without the full stop, hyphen or apostrophe after it, nor its possessive."""
    return without_possessive(token.rstrip(".-’‘'"))


def without_possessive(word: str) -> str:
    for ending in ("’s", "'s", "’", "'"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


# From this many words to ask about, a second process pays for its start (10 ms, a word's worth or two).
SUGGEST_ON_TWO_CORES = 16

_LEXICONS: dict[tuple, Lexicon] = {}  # by what makes them, the most recently asked for last
_LEXICONS_KEPT = 8


@functools.cache
def _shared_verdicts(files: tuple, include_default: bool) -> tuple[dict[str, bool], dict[str, tuple[str, ...]]]:
    return {}, {}


@functools.cache
def load_dictionaries(files: tuple[tuple[Path, Path], ...], include_default: bool) -> tuple[Dictionary, ...]:
    """Hunspell dictionaries, loaded once per process: the built-in en_US first when included."""
    import hunspell

    bundled = Path(hunspell.__file__).parent / "dictionaries" / "en_US.dic"  # not $HUNSPELL_DATA: the same everywhere
    dics = ([bundled] if include_default else []) + [dic for dic, _ in files]
    return tuple(_load(hunspell, dic) for dic in dics)


def _load(hunspell, dic: Path) -> Dictionary:
    speller = _speller(hunspell, dic)
    # The codec chunspell encodes words with: the .aff's SET as Hunspell reads it (ISO8859-1 when
    # there is none, ASCII when Python has no codec of that name).
    encoding = speller._dic_encoding
    words = read_setting(dic).decode(encoding, errors="replace")
    # Each distinct character once, not the whole file: en_US has no letter of another script,
    # and searching its half a megabyte for one took 0.05 s of every run.
    other = any(_OTHER_LETTER.match(character) for character in set(words))
    return Dictionary(speller, encoding, bool(_LATIN_ENTRY.search(words)), other, _by_bare_form(words))


_MARKED_ENTRY = regex.compile(r"^[^/\s]*[^\x00-\x7f][^/\s]*", regex.MULTILINE)  # a .dic line's word, with a letter beyond ASCII


def _by_bare_form(words: str) -> dict[str, tuple[str, ...]]:
    """The words of a .dic with marks on their letters, by their bare form."""
    found: dict[str, list[str]] = {}
    for entry in _MARKED_ENTRY.finditer(words):
        bare = bare_form(entry.group())
        if bare != entry.group().casefold():
            found.setdefault(bare, []).append(entry.group())
    return {bare: tuple(marked) for bare, marked in found.items()}


def bare_form(word: str) -> str:
    """A word without the marks on its letters, in lower case: Ḥadash, café and CAFÉ are hadash and cafe."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).casefold()


def _capitalized(found: str, word: str) -> str:
    return found[0].upper() + found[1:] if word[:1].isupper() and found[:1].islower() else found


# Hunspell's n-gram suggestions compare each word with the whole dictionary: a tenth of a second a
# word, and for the names and jargon that fill a new book's findings they only guess words that
# look alike (Histradrut: Distraught, slaveocracy: theocracy, salvageable). Without them Hunspell
# still suggests what its edits and its table of common slips find (becuase: because, seperate:
# separate, alot: a lot), ten times as fast.
_NO_NGRAM_SUGGESTIONS = b"\nMAXNGRAMSUGS 0\n"
_MAX_NGRAM_SUGGESTIONS = re.compile(rb"(?m)^[ \t]*MAXNGRAMSUGS\b.*$")


def _speller(hunspell, dic: Path):
    """Hunspell for a dictionary, its n-gram suggestions off: loaded from a copy of the .aff with
    that line added, beside a link to the .dic, in a temporary folder (Hunspell reads both files
    as it loads, and never again)."""
    aff = dic.with_suffix(".aff")
    try:
        with tempfile.TemporaryDirectory(prefix="mslint-dictionary-") as folder:
            copy = Path(folder) / dic.name
            try:
                copy.symlink_to(dic.resolve())
            except OSError:  # where links need privileges
                shutil.copyfile(dic, copy)
            # Hunspell stops reading an .aff at a setting given twice: the .aff's own goes first.
            settings = _MAX_NGRAM_SUGGESTIONS.sub(b"", read_setting(aff))
            (Path(folder) / aff.name).write_bytes(settings + _NO_NGRAM_SUGGESTIONS)
            return hunspell.Hunspell(dic.stem, hunspell_data_dir=folder)
    except OSError:  # no temporary folder to write to: the dictionary as it is
        return hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
