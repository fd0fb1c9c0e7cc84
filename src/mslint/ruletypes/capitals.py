"""capitals (mslint's own): one term capitalized in some places and not in others, mid-sentence.

A query is a term's words in lower case: `Global South` and `global south` are its capitalized
and lower-case forms. Only what the author chose is read: a capital that starts a sentence, a list
item, a heading or what follows a colon or an opening quotation mark is no choice, and neither
are the words of a title (in emphasis, in quotation marks, or after "the book", "the film"...) or
of a quotation.

Most capitals are names, and a common noun used generically beside the same word as a name
("a communist party", "the Communist Party of Israel") is no slip. So:

- a phrase is a run of two or more capitalized words mid-sentence, with no capitalized word
  next to it (not part of a longer name); its lower-case form counts where no indefinite word
  (a, any, every, such...) makes it generic;
- a single word counts only after "the" (the Party, the party), and is a term only when the
  book capitalizes it mid-sentence at least `min_capitalized` times.

Capitalized uses are read in every file; the lower-case forms of a file's capitalized terms in
that file. A lower-case use is reported where its file too leans to the capitals, as the lower-case
uses of files that never capitalize the term are not counted.

The style sheet records a term in lower case and `capitalized` or `lower`; its lower-case form is
then read in every file, and each use of the other form is reported wherever it is.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..grammar import CLOSED_CLASS, DETERMINERS, INDEFINITE, word_set
from ..spec import Option
from ..stylesheet import BadRecord
from .majority import MajorityRule, Use
from .phrases import Joined, keyed_by_file, leanings

# A run of capitalized words mid-sentence: after a lower-case word, a comma or a dash (not after
# a full stop, a colon, an opening mark or at the start of a block), and not touching code, a
# path, an option or a module (Test::More). Words are apart by a space, a line break or a
# no-break space (System V, as typesetters keep a name on one line).
_GAP = r"[ \n\u00a0\u202f]"
_CAPITALIZED = regex.compile(
    rf"(?<=[\p{{Ll}},—–]{_GAP})\p{{Lu}}\p{{Ll}}++(?:{_GAP}\p{{Lu}}\p{{Ll}}++)*+(?![\p{{L}}\p{{N}}_\-‐/@]|[.:][\p{{L}}\p{{N}}]|::)"
)
_WORD_BEFORE = regex.compile(rf"(?r)(\p{{L}}+){_GAP}*+")
# A capitalized word linked to the run by a short word: the run is part of a longer name or
# title (the Communist Party of Israel, Character Classes and Bracket Expressions).
_LINK = rf"(?:of|in|for|and|on|at|by|to|with|from|de|du|la|le|von|van|the|&)(?:{_GAP}+the)?"
_LINKED_AFTER = regex.compile(rf"{_GAP}+{_LINK}{_GAP}+\p{{Lu}}")
_LINKED_BEFORE = regex.compile(rf"(?r)\p{{Lu}}\p{{L}}*{_GAP}+{_LINK}{_GAP}+")
_SENTENCE_END = regex.compile(r"[.!?…]|$")
_SENTENCE_START = regex.compile(r"(?r)[.!?…:]|^")
_WORDS = regex.compile(r"\p{L}+")
_TERM = regex.compile(r"\p{L}+(?:[ \t]+\p{L}+)*")  # a term as the style sheet records it
_CAPITALIZED_BEFORE = regex.compile(rf"(?r)[\p{{Ll}},—–]{_GAP}")
_WORD_AFTER = regex.compile(rf"{_GAP}*+(\p{{L}}+)")
_EMPHASIS_MARKS = frozenset("*_")
# After these a capitalized run is the title of a work: the book Global Capital.
WORKS = word_set(
    "book books film films movie article articles essay essays novel novels poem song songs album paper papers play "
    "journal magazine newspaper series show report chapter section pamphlet manifesto documentary title titled entitled"
)


class Capitals(MajorityRule):
    name = "capitals"
    section = "capitals"
    forms = ("capitalized", "lower")
    options = {
        "min_capitalized": Option("int", 3),
        "exceptions": Option("list", []),
    }

    def compile(self, options):
        if options["min_capitalized"] < 1:
            raise ValueError("'min_capitalized' must be 1 or more: a term is capitalized at least once")
        self.min_capitalized = options["min_capitalized"]
        self.exceptions = frozenset(" ".join(term.lower().split()) for term in options["exceptions"])

    def read_recorded(self, entries):
        recorded = {}
        for term, form in super().read_recorded(entries).items():
            if not _TERM.fullmatch(term):
                raise BadRecord(term, "a term is recorded as words of letters in lower case, as global south: capitalized")
            recorded[" ".join(term.lower().split())] = form
        return recorded

    def recorded_text(self, query: str, form: str) -> str:
        return " ".join(word[:1].upper() + word[1:] for word in query.split(" ")) if form == "capitalized" else query

    def observe(self, doc):
        return keyed_by_file(super().observe(doc), doc.path)

    def uses(self, doc) -> Iterator[Use]:
        segments = [s for s in self.segments(doc) if s.block.kind not in ("heading", "header")]
        joined, skipped = Joined(segments, fold=False), _Skipped(doc.text)
        terms: set[str] = set()
        for segment, start, end, match in joined.finditer(_CAPITALIZED):
            use = self._capitalized(segment, start, end, match.group().split(), skipped)
            if use is not None:
                terms.add(use.query)
                yield use
        terms |= set(self.recorded)  # the style sheet's, looked for in every file
        lowered = {("the " + term if " " not in term else term): term for term in terms}
        for segment, start, end, phrase in joined.occurrences(lowered):
            if " " not in lowered[phrase]:
                start += len("the ")  # the word, after its article
            use = self._lower(segment, start, end, lowered[phrase], skipped)
            if use is not None:
                yield use

    def _capitalized(self, segment, start: int, end: int, words: list[str], skipped: _Skipped) -> Use | None:
        text = segment.block.text
        before, after = _word_before(text, start), _word_after(text, end)
        if before[:1].isupper() and before.lower() not in DETERMINERS:  # part of a longer name
            return None
        if after[:1].isupper() or before.lower() in WORKS:  # a longer name, or a title
            return None
        if len(words) == 1 and before.lower() != "the":
            return None
        linked = _LINKED_BEFORE.match(text, 0, start)
        if _LINKED_AFTER.match(text, end) or (linked and _mid_sentence(text, linked.start())) or _title(text, start, end):
            return None
        if skipped.holds(segment.block, start):
            return None
        return self._use(segment, start, end, " ".join(words).lower(), "capitalized")

    def _lower(self, segment, start: int, end: int, query: str, skipped: _Skipped) -> Use | None:
        text = segment.block.text
        before, after = _word_before(text, start), _word_after(text, end)
        if not _standalone(text, start, end) or before.lower() in INDEFINITE or after[:1].isupper():
            return None
        if before[:1].isupper() and before.lower() not in DETERMINERS:  # part of a longer name
            return None
        if " " not in query and after.islower() and after not in CLOSED_CLASS:  # an adjective: the left side
            return None
        if skipped.holds(segment.block, start):
            return None
        return self._use(segment, start, end, query, "lower")

    def _use(self, segment, start: int, end: int, query: str, form: str) -> Use | None:
        if query in self.exceptions:
            return None
        source_start, source_end = segment.block.to_source(start, end)
        return Use(query, form, source_start, source_end, segment.block.text[start:end])

    def verdict(self, observations):
        """(chosen, leaning): the book's form of each term, and each file's, by path and term."""
        chosen = super().verdict(observations)
        capitalized: dict[str, int] = {}
        for seen in observations:
            for query, forms in seen["forms"].items():
                capitalized[query] = capitalized.get(query, 0) + forms.get("capitalized", [0])[0]
        terms = {q: c for q, c in chosen.items() if self._term(q, capitalized[q])}
        return terms, leanings(observations)

    def _term(self, query: str, capitalized: int) -> bool:
        """A single word is a term only when capitalized often enough (else a name, or a slip), or
        recorded in the style sheet."""
        return " " in query or capitalized >= self.min_capitalized or query in self.recorded

    def tallies(self, observations):
        book = super().tallies(observations)
        return {q: forms for q, forms in book.items() if self._term(q, forms.get("capitalized", [0])[0])}

    def report(self, verdict, key):
        query, form, text, path = key
        chosen, leaning = verdict
        if query not in chosen or chosen[query][0] == form:
            return None
        if form == "lower" and leaning.get((path, query)) != "capitalized" and query not in self.recorded:
            return None  # lower-case uses are counted only beside capitals: the book's count may be short
        winner = chosen[query]
        return self.named(text, winner.text, winner, (_recased(text, winner.text),))


class _Skipped:
    """Where in each block the words are not the author's choice of capitals: inside quotation
    marks (quotations, titles, terms mentioned) or emphasis (titles of works); found for a block
    when a use in it is first asked about."""

    def __init__(self, source: str):
        self.source = source
        self.spans: dict[int, list[tuple[int, int]]] = {}

    def holds(self, block, offset: int) -> bool:
        spans = self.spans.get(id(block))
        if spans is None:
            spans = self.spans[id(block)] = [quote.span for quote in block.quotes] + _emphasized(self.source, block)
        return any(start <= offset < end for start, end in spans)


def _emphasized(source: str, block) -> list[tuple[int, int]]:
    """Plain-text spans inside emphasis. Its delimiters are left out of the plain text: each is a
    gap of `*` or `_` in the source between two runs (or before the first), which opens before a
    word and closes after one; one still open at the end closes there."""
    first = block.runs[0].source_start
    lead = first
    while lead > 0 and source[lead - 1] in _EMPHASIS_MARKS:
        lead -= 1
    gaps = [(0, lead < first)] + [
        (run.plain_start, _delimiter(source[previous.source_end : run.source_start]))
        for previous, run in zip(block.runs, block.runs[1:], strict=False)
    ]
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for at, is_delimiter in gaps:
        if not is_delimiter:
            continue
        after, before = block.text[at : at + 1], block.text[at - 1 : at]
        if after.strip() and (not before.strip() or not opened):
            opened.append(at)
        elif opened:
            spans.append((opened.pop(), at))
    return spans + [(at, len(block.text)) for at in opened]


def _delimiter(gap: str) -> bool:
    return bool(gap) and all(mark in _EMPHASIS_MARKS for mark in gap)


def _title(text: str, start: int, end: int) -> bool:
    """Whether the sentence around [start, end) is a title, every word of it capitalized but the
    short ones (Specifying the Time Zone with TZ): a cross-reference, a caption."""
    sentence_start, sentence_end = _SENTENCE_START.search(text, 0, start), _SENTENCE_END.search(text, end)
    first = sentence_start.end() if sentence_start else 0
    last = sentence_end.start() if sentence_end else len(text)
    return not any(w.islower() and w not in CLOSED_CLASS for w in _WORDS.findall(text, first, last))


def _mid_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` follows a lower-case word, a comma or a dash, as _CAPITALIZED's do."""
    return _CAPITALIZED_BEFORE.match(text, 0, start) is not None


def _standalone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-‐_/.@" or after.isalnum() or after in "-‐_/@")


def _recased(text: str, winner: str) -> str:
    """The words of a use in the capitals of the winning form, with the use's own spaces between
    them (a no-break space in the winner's first use is not the author's choice here)."""
    words = iter(winner.split())
    return _WORD_RUN.sub(lambda word: next(words, word.group()), text)


_WORD_RUN = regex.compile(r"\S+")  # no-break spaces are spaces to \s


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.match(text, 0, start)
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text, end)
    return match.group(1) if match else ""
