"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

from .base import Exceptions, Option, RuleType, compile_pattern
from ..finding import Hit


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
        self.exceptions = Exceptions(options["exceptions"])

    def check(self, doc):
        for text, start, end in self.segments(doc):
            previous, count = None, 0
            for match in self.finditer(self.pattern, text, start, end):
                current = match.group().strip()
                if previous is not None and current and self._same(previous.group().strip(), current):
                    if not self.alpha or current.isalpha():
                        count += 1
                        span_text = text[previous.start() : match.end()]
                        if count > self.max and not self.exceptions.exempt(span_text):
                            yield Hit(previous.start(), match.end(), (current,))
                            count = 0
                previous = match

    def _same(self, a: str, b: str) -> bool:
        return a.casefold() == b.casefold() if self.ignorecase else a == b
