"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

import functools
import re

from ..document import is_letters
from ..finding import Hit
from ..spec import Option
from .base import RuleType, compile_pattern

# Tokens are words: they hold no white space and neither start nor end inside a run of word
# characters. Only white space may stand between two repeated tokens ("no, no" and "end. End"
# are not slips), so a repeat ends one run of non-space text and starts the next. One pass in C
# finds such runs; only those are tokenized with the rule's own pattern. The pass looks at most
# _SHORT characters back from each run's end: an unbounded `\S+` would try every suffix of a
# long run, which is quadratic (100 KB of `-=` took over a minute). A longer repeat needs two
# long runs side by side, which prose almost never has: each such pair is a candidate too.
_SHORT = 64
_FACING = rf"(?<!\w)(\S{{1,{_SHORT}}})(\s+)(?=\1(?!\w))"
_LONG_PAIR = re.compile(rf"(?<!\S)\S{{{_SHORT + 1},}}(\s+)(?=\S{{{_SHORT + 1}}})")
_SPACE = re.compile(r"\s")


class Repetition(RuleType):
    name = "repetition"
    options = {
        "tokens": Option("list", required=True),
        "max": Option("int", 0),
        "ignorecase": Option("bool", False),
        "alpha": Option("bool", False),
        "exceptions": Option("list", []),
        "vocab": Option("bool", True),
    }

    def compile(self, options):
        self.pattern = compile_pattern("(" + "|".join(options["tokens"]) + ")", options["ignorecase"])
        self.ignorecase, self.alpha, self.max = options["ignorecase"], options["alpha"], options["max"]
        self.exceptions = self.build_exceptions(options)

    def check(self, doc):
        for segment in self.segments(doc):
            text = segment.text
            count = 0
            for first, second in self._repeats(text):
                count += 1  # as in Vale, the count only restarts after a report
                if count > self.max and not self.exceptions.exempt(text[first[0] : second[1]]):
                    yield Hit(*segment.to_source(first[0], second[1]), (text[second[0] : second[1]].strip(),))
                    count = 0

    def _repeats(self, text: str):
        """(first, second) spans of each pair of neighbouring equal tokens, in order."""
        for first_run, second_run in self._candidates(text):
            last = self._tokens(text, first_run)[-1:]
            first = self._tokens(text, second_run)[:1]
            if last and first and last[0][1] == first_run[1] and first[0][0] == second_run[0]:
                a, b = text[slice(*last[0])].strip(), text[slice(*first[0])].strip()
                if a and self._same(a, b) and (not self.alpha or is_letters(b)):
                    yield last[0], first[0]

    def _candidates(self, text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Neighbouring runs of non-space text that may hold a repeat, in order."""
        facing = _facing(self.ignorecase, self.alpha)
        pairs = {(_run_at(text, m.start(1)), _run_at(text, m.end(2))) for m in facing.finditer(text)}
        pairs |= {((m.start(), m.start(1)), _run_at(text, m.end(1))) for m in _LONG_PAIR.finditer(text)}
        return sorted(pairs)

    def _tokens(self, text: str, run: tuple[int, int]) -> list[tuple[int, int]]:
        start, end = run
        return [(start + m.start(), start + m.end()) for m in self.finditer(self.pattern, text[start:end])]

    def _same(self, a: str, b: str) -> bool:
        return a == b or (self.ignorecase and a.casefold() == b.casefold())


@functools.cache
def _facing(ignorecase: bool, alpha: bool) -> re.Pattern:
    """Where a run of non-space text ends as the next one starts, white space between. For a rule
    that reports only words of letters (alpha) the repeat holds a letter, so runs with none are
    passed over in C: a 4 MB quotation nested a thousand deep, `> > > > …`, took ten seconds and
    160 MB."""
    letter = rf"(?=\S{{0,{_SHORT - 1}}}[^\W\d_])" if alpha else ""
    return re.compile(_FACING.replace("(\\S", letter + "(\\S", 1), re.IGNORECASE if ignorecase else 0)


def _run_at(text: str, offset: int) -> tuple[int, int]:
    """The run of non-space text around offset."""
    start = offset
    while start and not text[start - 1].isspace():
        start -= 1
    space = _SPACE.search(text, offset)
    return start, space.start() if space else len(text)
