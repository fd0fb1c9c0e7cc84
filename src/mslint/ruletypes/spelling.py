"""spelling: words that neither the Hunspell dictionaries nor the book's vocabulary know.

Words are read the way an author writes them: possessives (Cassif’s, workers') are checked
without the possessive, hyphenated compounds part by part when the whole is not a word, and
numbers, ordinals, years and decades, acronyms, initials and abbreviations, roman numerals,
mixed-case names, identifiers, URLs and code are never flagged. A capitalized word used again
and again mid-sentence, and never in lower case, is most likely a name: it is reported once, as
a word for the vocabulary, rather than at every use. Suggestions come from the book's own
vocabulary first, then from Hunspell, and only for findings that are shown (see complete()).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import time
from pathlib import Path

from ..files import UnreadableFile, decode, read_setting
from ..finding import Hit, Level
from ..lexicon import DEFAULT_FILTERS, Lexicon
from ..spec import Option
from .base import LexiconRule

_MAX_SUGGESTIONS = 5
# How much asking the dictionaries for suggestions a spelling rule may do in one run, as the sum
# of the squares of the new words' lengths: Hunspell takes about n² / 9 ms for a word of n letters
# (7 ms for 8 letters, 76 ms for 29), so this is about 2 s of one core, some 250 words of a usual
# length. Suggestions kept from earlier runs cost nothing, so a book's fill in over a run or two.
# A measure of the words, not a time, so that the same text and cache give the same report.
SUGGESTION_WORK = 16_000
# Seconds, a bound for hostile text alone.
SUGGESTION_TIME_LIMIT = 10.0
_NAME_MESSAGE = "'%s' is used %d times, always capitalized: if it is a name, add it to the vocabulary."
_TERM_MESSAGE = "'%s' is used %d times and is in no dictionary: if it is a term of the book, add it to the vocabulary."


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
        "names": Option("int", None),  # default: 3, or in a Vale project 0 (every use, as Vale reports them)
        "vocab": Option("bool", True),  # some Vale styles say so; the book's vocabulary is always read
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
        ignore = [_ignore_file(styles, name) for name in options["ignore"]]
        include_default = options["append"] or not files
        if self.spec.id == "Vale.Spelling" and self.spec.vale:
            # As Vale's built-in rule: the project's dictionaries and word lists too, all of them.
            files += _dictionaries_in(styles / "config" / "dictionaries")
            ignore += sorted(p for p in (styles / "config" / "ignore").rglob("*") if p.is_file())
        ignored = set()
        self._inputs = [path for pair in files for path in pair]
        for path in ignore:
            self._inputs.append(path)
            try:
                ignored |= {w.strip() for w in decode(read_setting(path)).splitlines() if w.strip()}
            except OSError as error:
                raise ValueError(f"cannot read the ignore file {path}: {error.strerror}") from None
            except UnreadableFile as error:
                raise ValueError(f"cannot read the ignore file {path}: {error.message}") from None
        self.lexicon = Lexicon.shared(
            tuple(files),
            include_default,
            self.spec.vocabulary,
            ([] if options["custom"] else list(DEFAULT_FILTERS)) + [re.compile(f) for f in options["filters"]],
            ignored,
        )
        names = options["names"] if options["names"] is not None else 0 if self.spec.vale else 3
        if names < 0:
            raise ValueError("'names' must be 0 (off) or the number of uses that make a word a name")
        self.names_from = names
        self._names: set[str] = set()
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def inputs(self) -> list[Path]:
        return self._inputs

    def observe(self, doc):
        """Each unknown word with how often it is used and how often mid-sentence; each use is a
        candidate, keyed by file, word and which use it is in the file."""
        uses: dict[str, list[int]] = {}
        candidates = []
        for segment in self.segments(doc):
            for start, end, word in self.lexicon.unknown_words(segment.text):
                counts = uses.setdefault(word, [0, 0])
                candidates.append(([doc.path, word, counts[0]], Hit(*segment.to_source(start, end), (word,))))
                counts[0] += 1
                counts[1] += _mid_sentence(segment.text, start)
        return {"path": doc.path, "uses": uses}, candidates

    def verdict(self, observations):
        """The words reported once, where first used: a word used `names` times or more is a name
        when it is capitalized, used mid-sentence and never in lower case, else a term of the book
        (or a misspelling made again and again: one finding says so as well as thirty);
        word -> (uses, the file of the first use, whether it is a name)."""
        uses: dict[str, list] = {}
        for observation in observations:  # in file order
            for word, (count, middle) in observation["uses"].items():
                if self.lexicon.in_vocabulary(word):
                    continue  # the book's own: nothing to report
                total = uses.setdefault(word, [0, 0, observation["path"]])
                total[0] += count
                total[1] += middle
        once = {}
        if self.names_from:
            for word, (count, middle, first) in uses.items():
                if count >= self.names_from:
                    capitalized = word[:1].isupper() and not word.isupper() and word.lower() not in uses
                    once[word] = (count, first, bool(capitalized and middle))
        self._names = {word for word, (_, _, name) in once.items() if name}
        return once

    def report(self, verdict, key):
        path, word, index = key
        if self.lexicon.in_vocabulary(word):
            return None
        if word not in verdict:
            return (word,), ()
        count, first, name = verdict[word]
        if path != first or index:
            return None  # reported once, where it is first used
        if name:
            return (word, count), (), _NAME_MESSAGE, Level.SUGGESTION
        return (word, count), (), _TERM_MESSAGE

    def complete(self, findings):
        """Suggestions for the words found, for as many words the dictionaries were not asked about
        before (in this run or, through the cache, an earlier one) as SUGGESTION_WORK allows, in
        the order of the findings: a new book has hundreds of unknown words."""
        words = [_word_of(finding.match) for finding in findings]
        # A name is for the vocabulary, and a quotation's [sic] is its own replacement.
        wanted = [None if f.replacements or word in self._names else word for f, word in zip(findings, words, strict=True)]
        new = [w for w in dict.fromkeys(wanted) if w and w not in self._suggestions and not self.lexicon.has_suggested(w)]
        self.lexicon.suggest_ahead(_within_work(new), time.monotonic() + SUGGESTION_TIME_LIMIT)
        completed = []
        for finding, word in zip(findings, wanted, strict=True):
            if word is not None and (word in self._suggestions or self.lexicon.has_suggested(word)):
                finding = dataclasses.replace(finding, replacements=self.suggest(word))
            completed.append(finding)
        return completed

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
        # Not needed when the book's own vocabulary has the word one edit away (Histradrut: Histadrut).
        if not ranked or OSA.distance(word.lower(), ranked[0].lower()) > 1:
            ranked += self.lexicon.suggested(word)
        # A rejected term is reported wherever it stands: it cannot be the fix.
        ranked = [term for term in ranked if vocabulary is None or not vocabulary.rejects(term)]
        return tuple(dict.fromkeys(ranked))[:_MAX_SUGGESTIONS]


def _within_work(words: list[str]) -> list[str]:
    """The first words whose suggestions SUGGESTION_WORK pays for."""
    work = itertools.accumulate(min(len(word), _LONGEST) ** 2 for word in words)
    return [word for word, done in zip(words, work, strict=True) if done <= SUGGESTION_WORK]


_LONGEST = 100  # Hunspell reads no longer word


def _mid_sentence(text: str, start: int) -> bool:
    """Whether a word stands inside a sentence rather than opening it."""
    before = text[:start].rstrip(" \t\n\"'“‘([*_")
    return bool(before) and before[-1] not in ".!?…:\n"


def _word_of(match: str) -> str:
    """The word of a finding as the lexicon read it: the source without markup inside it."""
    return "".join(ch for ch in match if ch not in "*_`\\")


def _tolerance(word: str) -> int:
    """How many edits a suggestion from the vocabulary may be away from the word."""
    return 1 if len(word) <= 5 else 2


def _same_case(term: str, word: str) -> str:
    """A lower-case term capitalized for a capitalized word, as at the start of a sentence."""
    return term[0].upper() + term[1:] if word[:1].isupper() and term[:1].islower() else term


def _dictionaries_in(folder: Path) -> list[tuple[Path, Path]]:
    """Every .dic and .aff pair in a folder."""
    if not folder.is_dir():
        return []
    return [(dic, dic.with_suffix(".aff")) for dic in sorted(folder.glob("*.dic")) if dic.with_suffix(".aff").is_file()]


def _ignore_file(styles: Path, name: str) -> Path:
    """A word list named by `ignore`, found where Vale looks: as given (absolute), in the styles
    folder, or in its config/ignore; the first of these when it is in none."""
    found = _resolve(styles, name)
    beside = styles / "config" / "ignore" / name
    return beside if not found.is_file() and beside.is_file() else found


def _resolve(styles: Path, path: str) -> Path:
    return Path(path) if Path(path).is_absolute() else styles / path
