"""spelling: words that neither the Hunspell dictionaries nor the book's vocabulary know.

Words are read the way an author writes them: possessives (Cassif’s, workers') are checked
without the possessive, hyphenated compounds part by part when the whole is not a word, and
numbers, ordinals, years and decades, acronyms, initials and abbreviations, roman numerals,
mixed-case names, URLs and code are never flagged. Suggestions come from the book's own
vocabulary first, then from Hunspell.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..finding import Hit
from ..lexicon import DEFAULT_FILTERS, Lexicon, load_dictionaries
from ..spec import Option
from .base import LexiconRule

_MAX_SUGGESTIONS = 5


class Spelling(LexiconRule):
    name = "spelling"
    options = {
        "dicpath": Option("str", ""),
        "dictionaries": Option("list", []),
        "aff": Option("str", ""),
        "dic": Option("str", ""),
        "append": Option("bool", False),
        "custom": Option("bool", False),
        "filters": Option("list", []),
        "ignore": Option("list", []),
    }

    def compile(self, options):
        styles = Path(self.spec.styles_path or ".")
        names = options["dictionaries"]
        folder = _resolve(styles, options["dicpath"]) if options["dicpath"] else styles / "config" / "dictionaries"
        files = [(folder / f"{n}.dic", folder / f"{n}.aff") for n in names]
        if options["dic"] or options["aff"]:
            files.append((_resolve(styles, options["dic"]), _resolve(styles, options["aff"])))
        for dic, aff in files:
            for path in (dic, aff):
                if not path.is_file():
                    raise ValueError(f"dictionary file {path} not found; check 'dicpath' and 'dictionaries'")
            if dic.stem != aff.stem or dic.parent != aff.parent:
                raise ValueError(f"{dic} and {aff} must share a folder and a name, as Hunspell reads them")
        ignored = set()
        self._inputs = [path for pair in files for path in pair]
        for name in options["ignore"]:
            path = _resolve(styles, name)
            self._inputs.append(path)
            try:
                ignored |= {w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()}
            except (OSError, UnicodeDecodeError) as error:
                raise ValueError(f"cannot read the ignore file {path}: {error}") from None
        self.lexicon = Lexicon(
            functools.partial(load_dictionaries, tuple(files), include_default=options["append"] or not files),
            self.spec.vocabulary,
            ([] if options["custom"] else list(DEFAULT_FILTERS)) + [re.compile(f) for f in options["filters"]],
            ignored,
        )
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def inputs(self) -> list[Path]:
        return self._inputs

    def check(self, doc):
        known = self.lexicon.token_known
        for segment in self.segments(doc):
            if self.lexicon.all_known(segment.text):
                continue
            for start, end, word in self.lexicon.words(segment.text, lambda token: not known(token)):
                if not self.lexicon.known(word):
                    yield Hit(*segment.to_source(start, end), (word,), self.suggest(word))

    def suggest(self, word: str) -> tuple[str, ...]:
        found = self._suggestions.get(word)
        if found is None:
            found = self._suggestions[word] = self._suggest(word)
        return found

    def _suggest(self, word: str) -> tuple[str, ...]:
        from rapidfuzz.distance import OSA  # only a misspelled word needs it

        ranked = []
        vocabulary = self.lexicon.vocabulary
        if vocabulary is not None:
            close = ((OSA.distance(word.lower(), term.lower()), term) for term in vocabulary.words)
            ranked = [_same_case(term, word) for distance, term in sorted(close) if distance <= _tolerance(word)]
        # Hunspell's suggestions take a tenth of a second a word: not needed when the book's own
        # vocabulary has the word one edit away (Histradrut: Histadrut).
        if not ranked or OSA.distance(word.lower(), ranked[0].lower()) > 1:
            for dictionary in self.lexicon.judging(word):
                ranked += dictionary.suggest(word)
        # A rejected term is reported wherever it stands: it cannot be the fix.
        ranked = [term for term in ranked if vocabulary is None or not vocabulary.rejects(term)]
        return tuple(dict.fromkeys(ranked))[:_MAX_SUGGESTIONS]


def _tolerance(word: str) -> int:
    """How many edits a suggestion from the vocabulary may be away from the word."""
    return 1 if len(word) <= 5 else 2


def _same_case(term: str, word: str) -> str:
    """A lower-case term capitalized for a capitalized word, as at the start of a sentence."""
    return term[0].upper() + term[1:] if word[:1].isupper() and term[:1].islower() else term


def _resolve(styles: Path, path: str) -> Path:
    return Path(path) if Path(path).is_absolute() else styles / path
