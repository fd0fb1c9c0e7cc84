"""variants (mslint's own): one name spelled two ways across the manuscript, with no list to keep.

Across every file linted together, a word that the dictionary and the vocabulary do not know is
compared with the words of the same shape of capitals and the same first letter. One or two
edits apart (Histadrut / Histradrut, Palestinians / Palestinains, Cassif / Casif), the two are
one word spelled two ways. The spelling to keep is the vocabulary's, else the dictionary's,
else the more frequent; every use of the other is reported with both counts.

The style sheet records a variant and the spelling to keep (`Histradrut: Histadrut`), which wins
whatever the counts. Only a word no dictionary knows is read as a variant, recorded or not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from ..document import is_letters
from ..finding import Hit
from ..lexicon import TOKEN, Lexicon, bare
from ..spec import Option
from ..stylesheet import DICTIONARY, OPEN, STYLE_SHEET, VOCABULARY, BadRecord, Entry, Form, Judged, place
from .base import LexiconRule

_NAME = regex.compile(r"\p{L}[\p{L}\p{M}’'-]*")  # a spelling as the style sheet records one


class Variants(LexiconRule):
    name = "variants"
    section = "names"
    max_message_args = 4
    options = {
        "min_length": Option("int", 4),
        "max_edits": Option("int", 2),
    }

    def compile(self, options):
        if options["max_edits"] not in (1, 2):
            raise ValueError("'max_edits' must be 1 or 2")
        self.min_length, self.max_edits = options["min_length"], options["max_edits"]
        self.lexicon = Lexicon.shared(vocabulary=self.spec.vocabulary)
        self._token_words: dict[str, tuple[str, ...]] = {}

    def observe(self, doc):
        """How often the file writes each word long enough to compare (a compound's parts apart),
        and which words the lexicon does not know; each use of an unknown word is a candidate."""
        every: list[str] = []
        unknown: set[str] = set()
        candidates = []
        for segment in self.segments(doc):
            found = TOKEN.findall(segment.text)
            every += found
            strange = self.lexicon.unknown_tokens(found)
            if not strange:
                continue
            unknown.update(w for token in strange for w in self._words(token) if not self.lexicon.known(w))
            for start, end, word in self.lexicon.words(segment.text, strange.__contains__):
                if word in unknown:
                    candidates.append((word, Hit(*segment.to_source(start, end))))
        words: Counter[str] = Counter()
        for token, times in Counter(every).items():
            for word in self._words(token):
                words[word] += times
        return {"words": dict(words), "unknown": sorted(unknown)}, candidates

    def read_recorded(self, entries):
        for variant, kept in entries.items():
            if not (_NAME.fullmatch(variant) and _NAME.fullmatch(kept)) or variant == kept:
                raise BadRecord(variant, "a name is recorded as a variant and the spelling to keep, as Histradrut: Histadrut")
        return dict(entries)

    def verdict(self, observations):
        """variant -> (its count, the spelling to keep, that one's count, whether the style sheet keeps it)."""
        counts, unknown = self._counted(observations)
        found = dict(self._variants(counts, unknown)) | {v: kept for v, kept in self.recorded.items() if counts[v]}
        kept_by_sheet = set(self.recorded.values())
        verdicts = {}
        for variant, spelling in found.items():
            if variant not in kept_by_sheet:
                kept = self.recorded.get(spelling, spelling)  # a variant of a recorded variant: the recorded spelling
                verdicts[variant] = (counts[variant], kept, counts[kept], self.recorded.get(variant) == kept)
        return verdicts

    def _counted(self, observations) -> tuple[Counter[str], set[str]]:
        """How often the book writes each word long enough to compare, and the words no dictionary knows."""
        counts: Counter[str] = Counter()
        unknown: set[str] = set()
        for observation in observations:
            counts.update(observation["words"])
            unknown.update(observation["unknown"])
        return counts, unknown

    def sheet(self, judged: Judged) -> list[Entry]:
        """Each spelling kept over a variant, by the style sheet, the vocabulary, the dictionary or
        (an open query) the counts; and the other words of the vocabulary the book uses."""
        counts, unknown = self._counted(judged.observations)
        first: dict[str, str] = {}
        for path, word, spot in judged.candidates:  # every use of a word no dictionary knows
            first.setdefault(str(word), place(path, spot.line, spot.column))

        def form(word: str) -> Form:
            return Form(word, counts[word], first.get(word) or self._first_file(word, judged))

        entries = []
        pairs = {variant: kept for variant, (_, kept, _, _) in judged.verdict.items()}
        pairs |= {variant: kept for variant, kept in self.recorded.items() if variant not in pairs}
        for variant, kept in pairs.items():
            if self.recorded.get(variant) == kept:
                kept_by = STYLE_SHEET
            else:
                kept_by = VOCABULARY if self.lexicon.in_vocabulary(kept) else DICTIONARY if kept not in unknown else OPEN
            entries.append(Entry(self.section, self.id, variant, kept, form(kept), (form(variant),), kept_by))
        named = set(pairs) | set(pairs.values())
        for word in sorted(unknown - named):
            if counts[word] and self.lexicon.in_vocabulary(word):
                entries.append(Entry(self.section, self.id, word, word, form(word), (), VOCABULARY))
        return entries

    def _first_file(self, word: str, judged: Judged) -> str:
        """The first file that writes a word the dictionary knows (whose uses are no candidates)."""
        for path, seen in zip(judged.paths, judged.observations, strict=True):
            if word in seen["words"]:
                return path
        return ""

    def _words(self, token: str) -> tuple[str, ...]:
        """The words of a token long enough to compare (a compound's parts), once per distinct token.
        No dictionary is asked, so judging from cached files never loads one."""
        found = self._token_words.get(token)
        if found is None:
            parts = bare(token).split("-")
            found = self._token_words[token] = tuple(p for p in parts if self._counts(p))
        return found

    def _counts(self, word: str) -> bool:
        return len(word) >= self.min_length and is_letters(word)

    def report(self, verdict, key):
        if key not in verdict:
            return None
        count, kept, kept_count, _ = verdict[key]
        return (key, count, kept, kept_count), (kept,)

    def _variants(self, counts: Counter[str], unknown: set[str]) -> Iterator[tuple[str, str]]:
        """(variant, spelling to keep) pairs; only a word the lexicon does not know can be a variant."""
        from rapidfuzz import process  # here, not at start-up: most runs compare nothing new
        from rapidfuzz.distance import OSA

        groups: dict[tuple, list[str]] = defaultdict(list)
        for word in counts:
            groups[(*_group(word), len(word))].append(word)
        for word in sorted(unknown):
            if self.lexicon.in_vocabulary(word):
                continue  # the vocabulary's spelling is the one to keep
            # Only words at most max_edits longer or shorter can be that few edits away; and a word
            # is never compared with itself (a million letters long, that took hours).
            shape, lengths = _group(word), range(len(word) - self.max_edits, len(word) + self.max_edits + 1)
            choices = [w for length in lengths for w in groups.get((*shape, length), ()) if w != word]
            close = process.extract(word, choices, scorer=OSA.distance, score_cutoff=self.max_edits, limit=None)
            close = [(w, d, i) for w, d, i in close if not _inflection(word, w)]
            # Any word of the book's is two edits from some word of the dictionary (libnet, line):
            # only one edit from it makes a variant (behaviour, behavior), two from a word of its
            # own; and a word the book uses again and again may be its own (gzip, grip; systemd, system).
            close = [(w, d, i) for w, d, i in close if self._rival(word, w, d, counts, unknown)]
            kept = max((self._strength(w, counts, unknown) for w, _, _ in close), default=None)
            # On a tie nothing says which spelling is right: leave it to the spelling rules.
            if kept is not None and kept[:3] > self._strength(word, counts, unknown)[:3]:
                yield word, kept[-1]

    def _rival(self, word: str, other: str, edits: int, counts: Counter[str], unknown: set[str]) -> bool:
        """Whether `other` may be the spelling to keep instead of the unknown `word`."""
        if self.lexicon.in_vocabulary(other):
            return True
        if other in unknown:
            # Two words of the book's own in lower case, each used again and again, are two words
            # (setuid and setgid), unless one is rare beside the other. A name's slip is copied
            # (Histradrut three times beside Histadrut): a capitalized word is compared on counts.
            if word[:1].isupper():
                return True
            return counts[word] < _MEANT or counts[other] >= _OUTNUMBERED * counts[word]
        if edits > 1:
            return False
        # A slip is made once or twice; a word used again and again is meant when it is used more
        # than the other (gzip, grip), or when it is a word of the book's that the dictionary
        # knows with another letter added at its end, as names are made of words (systemd): then
        # it is no slip of `other` either (systemd beside systems). A last letter doubled is a
        # slip (untill).
        stem = word[:-1]
        named = counts[stem] > 0 and stem not in unknown and word[-1] != stem[-1:]
        meant = counts[word] >= _MEANT and (counts[word] > counts[other] or named)
        return not meant

    def _strength(self, word: str, counts: Counter[str], unknown: set[str]) -> tuple:
        """Which of two spellings to keep: the vocabulary's, then the dictionary's, then the commoner."""
        return (self.lexicon.in_vocabulary(word), word not in unknown, counts[word], word)


_MEANT = 3  # uses from which a word may be meant, not a slip
_OUTNUMBERED = 5  # times as many uses of a word of the book's own that make its rival, used again and again, a slip


def _group(word: str) -> tuple[str, str]:
    """Only words of one shape of capitals and one first letter are compared."""
    shape = "upper" if word.isupper() else "title" if word.istitle() else "lower" if word.islower() else "mixed"
    return shape, word[0].casefold()


def _inflection(a: str, b: str) -> bool:
    """A plural, a third person or a past (Zionist / Zionists, chroot / chrooted) is the same word,
    not a variant."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es", short + "d", short + "ed")
