"""occurrence: too many (or too few) matches of a token in one scope, such as commas in a sentence."""

from __future__ import annotations

from ..document import PLACEHOLDER
from ..finding import Hit
from ..spec import Option
from .base import RuleType, compile_pattern

_NOT_SHOWN = " \t\n*@" + PLACEHOLDER


class Occurrence(RuleType):
    name = "occurrence"
    options = {
        "token": Option("str", required=True),
        "max": Option("int", 0),
        "min": Option("int", 0),
        "ignorecase": Option("bool", False),
    }

    def compile(self, options):
        self.pattern = compile_pattern(f"(?:{options['token']})", options["ignorecase"])
        self.max, self.min = options["max"], options["min"]
        if not self.max and not self.min:
            raise ValueError("occurrence needs 'max' or 'min' above 0")

    def check(self, doc):
        for segment in self.segments(doc):
            matches = list(self.finditer(self.pattern, segment.text))
            count = len(matches)
            if not ((self.max and count > self.max) or (self.min and count < self.min)):
                continue
            # Vale points at the first match that is not blank or masked code; with none, at the scope's start.
            shown = next((m for m in matches if m.group().strip(_NOT_SHOWN)), None)
            if shown is None and count:
                continue
            yield Hit(*segment.to_source(*(shown.span() if shown else (0, 0))), (count,))
