"""conditional: each match of `first` (an acronym) needs a match of `second` (its definition) before it.

As in Vale, what `second`'s groups capture is defined from the block it is in onwards, so a
definition later in the same paragraph counts; a `second` without groups defines every match
of `first` once it has been seen.
"""

from __future__ import annotations

from ..finding import Hit
from ..spec import Option
from .base import RuleType, compile_pattern


class Conditional(RuleType):
    name = "conditional"
    options = {
        "first": Option("str", required=True),
        "second": Option("str", required=True),
        "ignorecase": Option("bool", False),
        "exceptions": Option("list", []),
        "vocab": Option("bool", True),
    }

    def compile(self, options):
        self.first = compile_pattern(options["first"], options["ignorecase"])
        self.second = compile_pattern(options["second"], options["ignorecase"])
        self.exceptions = self.build_exceptions(options)

    def check(self, doc):
        defined: set[str] = set()
        seen_second = False
        for segment in self.segments(doc):
            for match in self.finditer(self.second, segment.text):
                seen_second = True
                defined.update(group for group in match.groups() if group)
            if seen_second and not self.second.groups:
                continue
            phrases = self.exceptions.phrase_spans(segment.text)
            for match in self.finditer(self.first, segment.text):
                used = match.group()
                if not used or used in defined or self.exceptions.exempt(used):
                    continue
                if not self.exceptions.in_phrase(phrases, *match.span()):
                    yield Hit(*segment.to_source(*match.span()), (used,))
