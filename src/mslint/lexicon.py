"""What counts as a word of the language: Hunspell dictionaries, the book's vocabulary, filters.

Spelling and variants share it. Words are read the way an author writes them: possessives
(Cassif’s, workers') are judged without the possessive, hyphenated compounds part by part when the
whole is not a word, and numbers, ordinals, years and decades, acronyms, initials and
abbreviations, roman numerals and mixed-case names are known.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import regex

from .document import within
from .limits import PatternClock

# A run of word characters, apostrophes, hyphens and full stops, starting with a word character.
TOKEN = re.compile(r"\w[\w’'.\-]*")
_ROMAN = re.compile(r"(?=[ivxlcdm]{2,}$)m{0,4}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.IGNORECASE)
# Vale's default filters: mixed case (MacBook, iPhone), and capitals only (KKE, USSR).
DEFAULT_FILTERS = (re.compile(r"^[A-Za-z]*[a-z][A-Z]"), re.compile(r"^[A-Z][A-Z’']*$"))


class Lexicon:
    """What counts as a word of the language: dictionaries, the book's vocabulary, and filters."""

    def __init__(self, dictionaries, vocabulary, filters=DEFAULT_FILTERS, ignored=frozenset()):
        self._dictionaries, self.vocabulary = dictionaries, vocabulary
        self.filters, self.ignored = filters, ignored
        phrases = vocabulary.phrases if vocabulary is not None else []
        self.phrases = regex.compile(r"\b(?:" + "|".join(map(_either_case, phrases)) + r")\b") if phrases else None
        self.phrases_clock = PatternClock()  # the vocabulary's patterns, within the time limits
        self._known: dict[str, bool] = {}
        self._token_words: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._token_known: dict[str, bool] = {}

    def preload(self, verdicts: dict[str, bool]) -> None:
        """Verdicts kept from earlier runs with the same rules."""
        self._known.update(verdicts)

    @property
    def verdicts(self) -> dict[str, bool]:
        return self._known

    @property
    def dictionaries(self) -> tuple:
        """Loaded on first use: a run whose files all come from the cache never needs them."""
        if callable(self._dictionaries):
            self._dictionaries = self._dictionaries()
        return self._dictionaries

    def words(self, text: str, wanted=None):
        """(start, end, word) for each word of text: possessives dropped, a compound split into its
        parts when the whole is not known, the words of an accepted phrase ("per se") left out.
        `wanted(token)` may pass over whole tokens first."""
        accepted = [m.span() for m in self.phrases_clock.finditer(self.phrases, text)] if self.phrases else []
        for token in TOKEN.finditer(text):
            if wanted is not None and not wanted(token.group()):
                continue
            offset = token.start()
            for start, end, word in self.token_words(token.group()):
                # The word, not the token: a phrase ending a sentence ("per se.") leaves the full stop out.
                if not within(accepted, offset + start, offset + end):
                    yield offset + start, offset + end, word

    def all_known(self, text: str) -> bool:
        """True when every word of text is known: one pass in C over the text, then dict lookups."""
        return all(map(self.token_known, set(TOKEN.findall(text))))

    def token_known(self, token: str) -> bool:
        """Whether every word of a token is known, once per distinct token."""
        known = self._token_known.get(token)
        if known is None:
            known = self._token_known[token] = all(self.known(word) for _, _, word in self.token_words(token))
        return known

    def token_counts(self, text: str) -> Counter[str]:
        return Counter(TOKEN.findall(text))

    def token_words(self, token: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, word) within one token, computed once per distinct token."""
        found = self._token_words.get(token)
        if found is None:
            found = self._token_words[token] = tuple(self._split(token))
        return found

    def _split(self, token: str):
        word = bare(token)
        if "-" not in word or self.known(word):
            if word:
                yield 0, len(word), word
            return
        start = 0
        for part in word.split("-"):
            if part:
                yield start, start + len(part), part
            start += len(part) + 1

    def known(self, word: str) -> bool:
        """Whether a word (with no possessive) counts as spelled right."""
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self._judge(word)
        return found

    def in_vocabulary(self, word: str) -> bool:
        return self.vocabulary is not None and self.vocabulary.accepts(word)

    def _judge(self, word: str) -> bool:
        if self.vocabulary is not None and self.vocabulary.rejects(word):
            return False
        if any(ch.isdigit() for ch in word) or "." in word or len(word) < 2 or word in self.ignored:
            return True  # numbers, ordinals, years, decades, initials, abbreviations
        if self.in_vocabulary(word) or any(f.search(word) for f in self.filters) or _ROMAN.match(word):
            return True
        plain = word.replace("’", "'")
        return any(d.spell(plain) for d in self.dictionaries)


def _either_case(phrase: str) -> str:
    """A lower-case phrase also opens a sentence capitalized ("Per se"), as a lower-case word does."""
    first = phrase[:1]
    return f"[{first}{first.upper()}]{phrase[1:]}" if first.islower() else phrase


def bare(token: str) -> str:
    """A token without the full stop, hyphen or apostrophe after it, nor its possessive."""
    return without_possessive(token.rstrip(".-’'"))


def without_possessive(word: str) -> str:
    for ending in ("’s", "'s", "’", "'"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


@functools.cache
def load_dictionaries(files: tuple[tuple[Path, Path], ...], include_default: bool) -> tuple:
    """Hunspell dictionaries, loaded once per process: the built-in en_US first when included."""
    import hunspell

    bundled = Path(hunspell.__file__).parent / "dictionaries"  # not $HUNSPELL_DATA: the same everywhere
    loaded = [hunspell.Hunspell("en_US", hunspell_data_dir=str(bundled))] if include_default else []
    for dic, _ in files:
        loaded.append(hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent)))
    return tuple(loaded)
