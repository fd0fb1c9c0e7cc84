"""scare-quotes (mslint's own): terms the author's prose must always, never, or consistently put in
quotation marks; with `style: consistent` and no `terms`, every term it puts in them (scareterms.py).

Without `terms`, the style sheet records a term as written and `quoted` or `bare`; its bare uses
are then read in every file. A rule with `terms` keeps its choice in its own file (`style`)."""

from __future__ import annotations

import bisect

import regex

from ..finding import Hit
from ..spec import Option
from ..stylesheet import BadRecord, Form
from . import scareterms
from .base import WORD_TEMPLATE, Exceptions, compile_pattern
from .joined import Joined
from .majority import MajorityRule, Use, totals

STYLES = ("always", "never", "consistent")
_TRAILING_PUNCTUATION = ",.;:!?"
_STRAIGHT = {"“": '"', "‘": "'"}


class ScareQuotes(MajorityRule):
    """Each use is quoted or bare; with `consistent`, the book's majority decides between the two:
    for all the listed terms together, or for each term found without a list."""

    name = "scare-quotes"
    section = "scare-quotes"
    forms = ("quoted", "bare")
    options = {
        "terms": Option("list", []),
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
        if not options["terms"] and options["style"] != "consistent":
            raise ValueError(f"'terms' must list at least one term for style {options['style']!r}")
        self.style, self.marks, self.listed = options["style"], options["marks"], bool(options["terms"])
        terms = sorted((regex.escape(t) for t in options["terms"]), key=len, reverse=True)
        self.pattern = compile_pattern(WORD_TEMPLATE.format("|".join(terms)), options["ignorecase"]) if terms else None
        self.exceptions = Exceptions([regex.escape(e) for e in options["exceptions"]])
        # The marks that make a scare quote: the book's, curly or straight.
        self.opening = self.marks[0] + _STRAIGHT.get(self.marks[0], "")

    def read_recorded(self, entries):
        if entries and (self.listed or self.style != "consistent"):
            raise BadRecord(None, "a scare-quotes rule with terms, or style always or never, keeps its choice in its own file")
        for term in entries:
            if not scareterms.TERM.fullmatch(term):
                raise BadRecord(term, "a term is recorded as written, one to three words, as labor: bare")
        return super().read_recorded(entries)

    def recorded_text(self, query: str, form: str) -> str:
        return self._toggled(query, False) if form == "quoted" else query

    @property
    def compares_documents(self) -> bool:
        return self.style == "consistent"  # always or never: each document on its own

    def check(self, doc):  # always or never: each document on its own
        for quoted, start, end, term in self.occurrences(doc):
            if quoted == (self.style == "never"):
                expected = "without" if quoted else "in"
                written = doc.text[start:end] if quoted else term
                yield Hit(start, end, (term, f"{expected} quotation marks"), (self._toggled(written, quoted),))

    def observe(self, doc):
        if self.listed:
            return super().observe(doc)
        return self._observe_unlisted(doc)

    def uses(self, doc):
        """The listed terms, all together one query: quoted or bare."""
        for quoted, start, end, _ in self.occurrences(doc):
            yield Use("terms", "quoted" if quoted else "bare", start, end, doc.text[start:end])

    def verdict(self, observations):
        return super().verdict(self.shaped(observations))

    def shaped(self, observations: list) -> list:
        """The files' observations in the shape MajorityRule reads: without terms, each file's uses
        of the terms the book quotes (and the style sheet records), quoted and bare."""
        return observations if self.listed else scareterms.compared(observations, self.recorded)

    def report(self, verdict, key):
        found = super().report(verdict, key)
        if found is None:
            return None
        args, _, *template = found
        _, form, text = key
        quoted = form == "quoted"
        if self.listed:  # the term, and how the book writes it
            term = text[1:-1].rstrip(_TRAILING_PUNCTUATION) if quoted else text
            args = (term, f"{'without' if quoted else 'in'} quotation marks")
        elif not template:
            args = (*args[:3], scareterms.shown(args[3]))
        return (args, (self._toggled(text, quoted),), *template)

    def sheet(self, judged):
        return [] if self.listed else super().sheet(judged)  # listed terms keep their choice in the rule

    def tallies(self, observations):
        return totals(self.shaped(observations))

    def shown(self, query, form, count, place, text):
        """A bare use in a file that does not quote the term is known by its file alone."""
        return Form(text, count, scareterms.shown(place))

    def _toggled(self, text: str, quoted: bool) -> str:
        """The use written the other way: a quoted run, marks and all, becomes the bare words."""
        return text[1:-1] if quoted else self.marks[0] + text + self.marks[1]

    def _observe_unlisted(self, doc):
        """Each term's quoted uses and the bare uses of the terms quoted here, and every bare word."""
        segments = self.segments(doc)
        quotes = scareterms.scare_quotes(segments)
        quoted = scareterms.terms_of(quotes, self.opening, self.exceptions.exempt)
        joined = Joined(
            segments, [(segment, quote.open - segment.start, quote.close + 1 - segment.start) for segment, quote in quotes]
        )
        looked_for = {t for t, _, _ in quoted} | set(self.recorded)  # the style sheet's terms in every file
        bare = [(term, *joined.to_source(start, end)) for term, start, end in scareterms.TermFinder(looked_for).uses(joined.text)]
        in_prose = [use for use in bare if doc.block_at(use[1]).kind != "heading"]
        counts: dict[str, dict[str, list]] = {"quoted": {}, "bare": {}}
        candidates = []
        for form, uses in (("quoted", scareterms.without_introductions(quoted, in_prose)), ("bare", bare)):
            for term, start, end in uses:
                candidates.append(self._counted(doc, counts[form], term, form, start, end))
        observation = {
            "path": doc.path,
            **counts,
            "counts": dict(scareterms.word_counts(joined.text)),
        }
        return observation, candidates

    @staticmethod
    def _counted(doc, counts: dict, term: str, form: str, start: int, end: int):
        """A use counted in `counts` (term -> [count, line, column, the form as shown]), as a candidate."""
        text = doc.text[start:end]
        if term in counts:
            counts[term][0] += 1
        else:  # shown without a capital or punctuation it happens to have there: “labor”, labor
            counts[term] = [1, *doc.position(start), text[0] + term + text[-1] if form == "quoted" else term]
        return [term, form, text], Hit(start, end)

    def occurrences(self, doc):
        """(quoted, source start, source end, term) for each use of a listed term in the author's own prose.

        A quoted use spans its quotation marks. Uses inside a longer quoted run, in quotations or
        block quotes, and inside an exempt proper name are not the author's choice and are skipped.
        """
        file_format, pattern = doc.file_format, self.pattern
        if pattern is None:
            return
        for block in doc.blocks:
            if block.in_blockquote or not self.spec.scope.admits(block, file_format):
                continue
            exempt = self.exceptions.phrase_spans(block.text)
            opens = [q.open for q in block.quotes]
            for match in self.finditer(pattern, block.text):
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
