"""capitalization: each heading (or whatever the scope reads) in title case, sentence case, lower or
upper case, or matching a pattern; the whole heading is reported, with the case it should have."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..casing import WORD, Word, complies, sentence_case, title_case
from ..finding import Hit
from ..spec import Option
from .base import RuleType

if TYPE_CHECKING:
    from ..scopes import Segment

MATCHES = ("$title", "$sentence", "$lower", "$upper")
STYLES = ("AP", "Chicago")
DEFAULT_THRESHOLD = 0.8


class Capitalization(RuleType):
    name = "capitalization"
    max_message_args = 2
    options = {
        "match": Option("str", required=True),
        "style": Option("str", "AP"),
        "exceptions": Option("list", []),
        "indicators": Option("list", []),
        "threshold": Option("number", DEFAULT_THRESHOLD),
        "prefix": Option("str", ""),
        "vocab": Option("bool", True),
    }

    def compile(self, options):
        self.match = options["match"]
        if self.match not in MATCHES and regex.match(r"\$[a-z]+$", self.match, regex.IGNORECASE):
            raise ValueError(f"'match': {self.match!r} is no case; use {', '.join(MATCHES)} or a pattern")
        self.pattern = None if self.match in MATCHES else regex.compile(self.match)
        style = next((s for s in STYLES if s.lower() == options["style"].lower()), None)
        if style is None:
            raise ValueError(f"'style' must be AP or Chicago, not {options['style']!r}")
        self.style = style
        # As in Vale, 0 stands for the default: a threshold of nothing would never report.
        self.threshold = options["threshold"] or DEFAULT_THRESHOLD
        if not 0 < self.threshold <= 1:
            raise ValueError(f"'threshold' is the share of words that must comply, above 0 and at most 1; got {self.threshold}")
        self.indicators = [i for i in options["indicators"] if i]
        self.prefix = regex.compile(options["prefix"]) if options["prefix"] else None  # left as written
        self.exceptions = self.build_exceptions(options)
        terms = self.exceptions.pattern
        self.words = regex.compile(f"(?P<exception>{terms})|{WORD}" if terms else WORD)

    @property
    def vocabulary_read(self) -> tuple:
        """Every accepted term is an exception: it is kept as written ("macOS" in a title)."""
        vocabulary = self.spec.vocabulary
        return tuple(vocabulary.accept) if vocabulary is not None and self.spec.options["vocab"] else ()

    def exempt(self, finding) -> bool:
        return False  # accepted terms are exceptions word by word, never the whole heading

    def check(self, doc):
        for segment in self.segments(doc):
            text = segment.text
            start, end = segment.to_source(0, len(text))
            if self.pattern is not None:
                if not (self.clock.search(self.pattern, text) or self.exceptions.exempt(text)):
                    yield Hit(start, end, (doc.text[start:end], self.match))
                continue
            words = self._words(text)
            title = self.match == "$title"
            threshold = 1.0 if self.match in ("$lower", "$upper") else self.threshold
            if not complies(text, words, threshold, title):
                expected = _in_source(doc.text, segment, words, title)
                yield Hit(start, end, (doc.text[start:end], expected), (expected,))

    def _words(self, text: str) -> list[Word]:
        """The words after the prefix, each with the case it should have."""
        prefix = self.prefix
        skipped = self.clock.run(prefix, lambda timeout: prefix.match(text, timeout=timeout)) if prefix else None
        found = self.clock.finditer(self.words, text, skipped.end() if skipped else 0)
        spans = [(m.start(), m.end(), bool(m.groupdict().get("exception"))) for m in found]
        if self.match == "$title":
            return title_case(text, spans, self.style)
        if self.match == "$sentence":
            return sentence_case(text, spans, self.indicators)
        change = str.lower if self.match == "$lower" else str.upper
        return [Word(s, e, text[s:e] if exception else change(text[s:e]), exception) for s, e, exception in spans]


def _in_source(source: str, segment: Segment, words: list[Word], title: bool) -> str:
    """The segment's source with each word that does not fit replaced by what is expected; a word
    with markup inside it is left as written."""
    start, end = segment.to_source(0, len(segment.text))
    pieces, position = [], start
    for word in words:
        written = segment.text[word.start : word.end]
        word_start, word_end = segment.to_source(word.start, word.end)
        if word.fits(written, title) or source[word_start:word_end] != written:
            continue
        pieces += [source[position:word_start], word.expected]
        position = word_end
    pieces.append(source[position:end])
    return "".join(pieces)
