"""scare-quotes (mslint's own): terms the author's prose must always, never, or consistently put in quotation marks."""

from __future__ import annotations

import bisect

import regex

from ..finding import Hit
from ..spec import Option
from .base import WORD_TEMPLATE, Exceptions, RuleType, compile_pattern

STYLES = ("always", "never", "consistent")


class ScareQuotes(RuleType):
    name = "scare-quotes"
    max_message_args = 2
    default_scope = "prose"
    options = {
        "terms": Option("list", required=True),
        "style": Option("str", "consistent"),
        "exceptions": Option("list", []),
        "ignorecase": Option("bool", False),
        "marks": Option("str", "“”"),
    }

    def compile(self, options):
        if options["style"] not in STYLES:
            raise ValueError(f"'style' must be one of {', '.join(STYLES)}, not {options['style']!r}")
        if len(options["marks"]) != 2:
            raise ValueError("'marks' must be two characters: the opening and the closing mark")
        if not options["terms"]:
            raise ValueError("'terms' must list at least one term")
        terms = sorted((regex.escape(t) for t in options["terms"]), key=len, reverse=True)
        self.pattern = compile_pattern(WORD_TEMPLATE.format("|".join(terms)), options["ignorecase"])
        self.style, self.marks = options["style"], options["marks"]
        self.exceptions = Exceptions([regex.escape(e) for e in options["exceptions"]])

    @property
    def compares_documents(self) -> bool:
        return self.style == "consistent"  # always or never: each document on its own

    def check(self, doc):  # always or never: each document on its own
        for quoted, start, end, term in self.occurrences(doc):
            if quoted == (self.style == "never"):
                yield self._hit(doc, quoted, start, end, term, "without" if quoted else "in")

    def observe(self, doc):
        occurrences = list(self.occurrences(doc))
        quoted = sum(1 for is_quoted, *_ in occurrences if is_quoted)
        first = occurrences[0][0] if occurrences else None
        candidates = [
            ([is_quoted, term, self._replacement(doc, is_quoted, start, end, term)], Hit(start, end))
            for is_quoted, start, end, term in occurrences
        ]
        return {"quoted": quoted, "bare": len(occurrences) - quoted, "first": first}, candidates

    def verdict(self, observations):
        """Whether the majority puts the terms in quotation marks; None when all agree."""
        quoted = sum(o["quoted"] for o in observations)
        bare = sum(o["bare"] for o in observations)
        if not quoted or not bare:
            return None
        first = next(o["first"] for o in observations if o["first"] is not None)
        return quoted > bare or (quoted == bare and first)

    def report(self, verdict, key):
        is_quoted, term, replacement = key
        if verdict is None or is_quoted == verdict:
            return None
        return (term, f"{'in' if verdict else 'without'} quotation marks"), (replacement,)

    def _hit(self, doc, quoted: bool, start: int, end: int, term: str, expected: str) -> Hit:
        replacement = self._replacement(doc, quoted, start, end, term)
        return Hit(start, end, (term, f"{expected} quotation marks"), (replacement,))

    def _replacement(self, doc, quoted: bool, start: int, end: int, term: str) -> str:
        if quoted:  # the whole quoted run, marks included, becomes the bare word
            return doc.text[start:end][1:-1]
        return self.marks[0] + term + self.marks[1]

    def occurrences(self, doc):
        """(quoted, source start, source end, term) for each use of a term in the author's own prose.

        A quoted use spans its quotation marks. Uses inside a longer quoted run, in quotations or
        block quotes, and inside an exempt proper name are not the author's choice and are skipped.
        """
        file_format = doc.file_format
        for block in doc.blocks:
            if block.in_blockquote or not self.spec.scope.admits(block, file_format):
                continue
            exempt = self.exceptions.phrase_spans(block.text)
            opens = [q.open for q in block.quotes]
            for match in self.finditer(self.pattern, block.text):
                start, end = match.span()
                if self.exceptions.in_phrase(exempt, start, end):
                    continue
                quote = _enclosing(block.quotes, opens, start, end)
                if quote is None:
                    yield (False, *block.to_source(start, end), match.group())
                elif quote.scare and quote.inner(block.text) == (start, end):
                    yield (True, *block.to_source(*quote.span), match.group())


def _enclosing(quotes, opens, start: int, end: int):
    """The innermost quote pair around [start, end), if any."""
    index = bisect.bisect_right(opens, start - 1) - 1
    for quote in reversed(quotes[: index + 1]):
        if quote.open < start and end <= quote.close:
            return quote
    return None
