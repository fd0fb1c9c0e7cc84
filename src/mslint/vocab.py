"""Vocabularies, in Vale's layout: `<styles>/config/vocabularies/<Name>/accept.txt` and `reject.txt`.

Each line is a term: a word, a phrase or a regular expression, case-sensitive unless it starts
with (?i); a line starting with `#` is a comment. A term in lower case also accepts its
capitalized form, as a dictionary does for a word that opens a sentence. Accepted terms are spelled right by definition and are
exceptions to every rule with `vocab: true`; rejected terms are reported by spelling rules even
when the dictionary knows them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .files import UnreadableFile, decode, read_setting
from .limits import PatternClock

_LITERAL = regex.compile(r"[\w’'\- ]+")


class VocabularyError(Exception):
    """A vocabulary that cannot be used: its file or folder, the line where known, and what to fix."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Vocabulary:
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    # A Vale project's vocabulary, read as Vale reads it: spelling accepts a term in any case (its
    # rule Vale.Terms reports a term written in another case) and leaves rejected terms to Vale.Avoid.
    vale: bool = False

    @classmethod
    def load(cls, styles_path: Path, names: list[str], vale: bool = False) -> Vocabulary:
        accept: list[str] = []
        reject: list[str] = []
        for name in names:
            folder = vocabulary_folder(styles_path, name)
            if not folder.is_dir():
                raise VocabularyError(folder, f"vocabulary {name!r} not found; create the folder with accept.txt and reject.txt")
            accept += _terms(folder / "accept.txt")
            reject += _terms(folder / "reject.txt")
        return cls(tuple(accept), tuple(reject), vale)

    _accepted: _Matcher = field(init=False, repr=False, compare=False)
    _rejected: _Matcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_accepted", _Matcher(self.accept, self.vale))
        object.__setattr__(self, "_rejected", _Matcher(self.reject))

    def accepts(self, word: str) -> bool:
        if self.vale:
            return self._accepted.matches(word.casefold())
        return self._accepted.matches(word) or (word[:1].isupper() and self._accepted.matches(word[0].lower() + word[1:]))

    def rejects(self, word: str) -> bool:
        return self._rejected.matches(word)

    def misspells(self, word: str) -> bool:
        """Whether spelling reports a word the vocabulary rejects, however the dictionary knows it;
        in a Vale project, Vale.Avoid reports it instead."""
        return not self.vale and self.rejects(word)

    @property
    def phrases(self) -> list[str]:
        """Accepted terms of more than one word: their words are accepted where the phrase stands."""
        return [t for t in self.accept if " " in t or "\\s" in t]

    @property
    def words(self) -> list[str]:
        """The accepted terms that are plain words, for suggestions."""
        return [t for t in self.accept if _LITERAL.fullmatch(t)]


class _Matcher:
    """Whole-word matching against terms: a set for plain words, one pattern for the rest."""

    def __init__(self, terms: tuple[str, ...], folded: bool = False):
        """`folded`: the words to match are casefolded, and matched in any case."""
        literal = {t for t in terms if _LITERAL.fullmatch(t)}
        patterns = [t for t in terms if t not in literal]
        self.literal = {t.casefold() for t in literal} if folded else literal
        flags = regex.IGNORECASE | regex.FULLCASE if folded else 0
        self.pattern = regex.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None
        self.clock = PatternClock()

    def matches(self, word: str) -> bool:
        return word in self.literal or (self.pattern is not None and self.clock.fullmatch(self.pattern, word) is not None)


def _lines(path: Path) -> list[str]:
    """A vocabulary file's lines; none when there is no such file (a vocabulary may have
    accept.txt alone), VocabularyError for anything else at the name that cannot be read."""
    if not os.path.lexists(path):
        return []
    try:
        return decode(read_setting(path)).splitlines()
    except OSError as error:
        raise VocabularyError(path, f"cannot read the vocabulary: {error.strerror}") from None
    except UnreadableFile as error:
        raise VocabularyError(path, error.message, error.line) from None


def _terms(path: Path) -> list[str]:
    terms = []
    for number, line in enumerate(_lines(path), 1):
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        try:
            regex.compile(term)
        except regex.error as error:
            raise VocabularyError(
                path, f"bad regular expression {term!r}: {error}; fix it, or put \\ before its special characters", number
            ) from None
        terms.append(term)
    return terms


def vocabulary_folder(styles_path: Path, name: str) -> Path:
    """Where a vocabulary's accept.txt and reject.txt are, as Vale keeps them."""
    return styles_path / "config" / "vocabularies" / name


def add_terms(path: Path, words: list[str]) -> list[str]:
    """Add words to a vocabulary file (accept.txt or reject.txt): comments stay on top, terms below,
    sorted without regard to case, each once; written whole or not at all. The words that were new."""
    from .files import write_atomic

    for word in words:
        _check_new_term(path, word)
    lines = _lines(path)
    comments = [line for line in lines if line.strip().startswith("#")]
    terms = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    new = [word for word in dict.fromkeys(words) if word not in terms]
    ordered = sorted(dict.fromkeys(terms + new), key=lambda term: (term.casefold(), term))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, "".join(line + "\n" for line in comments + ordered).encode("utf-8"))
    except OSError as error:
        raise VocabularyError(path, f"cannot write the vocabulary: {error.strerror}") from None
    return new


# Marks of a term meant as a pattern ("[Oo]bservability", "colou?r"), which need not match itself.
_PATTERN_MARKS = ("[", "(", "|", "\\", "?")


def _check_new_term(path: Path, word: str) -> None:
    """A word as the vocabulary will read it, one line a term and each a pattern: VocabularyError
    for one that would break every later run, or mean something else than written."""
    if not word.strip() or word.strip().startswith("#") or any(ch in word for ch in "\n\r\v\f\x85\u2028\u2029"):
        raise VocabularyError(path, f"{word!r} is no term: one word or phrase, on one line, not starting with #")
    try:
        regex.compile(word)
    except regex.error as error:
        problem = f"{word!r} is a bad regular expression ({error}); put \\ before its special characters"
        raise VocabularyError(path, problem) from None
    if regex.fullmatch(word, word) is None and not any(mark in word for mark in _PATTERN_MARKS):
        escaped = regex.escape(word, literal_spaces=True)
        raise VocabularyError(path, f"{word!r}, read as a pattern, does not match itself; add {escaped} for the word as written")
