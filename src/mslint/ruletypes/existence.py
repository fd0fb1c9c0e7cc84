"""existence: report every match of a list of tokens or a raw pattern."""

from __future__ import annotations

from ..finding import Hit
from ..spec import Option
from .base import NONWORD_TEMPLATE, WORD_TEMPLATE, RuleType, compile_pattern


class Existence(RuleType):
    name = "existence"
    options = {
        "tokens": Option("list", []),
        "raw": Option("list", []),
        "append": Option("bool", False),
        "ignorecase": Option("bool", False),
        "nonword": Option("bool", False),
        "exceptions": Option("list", []),
        "vocab": Option("bool", True),
    }

    def compile(self, options):
        tokens = [t for t in options["tokens"] if t]
        raw = "".join(options["raw"])
        if not tokens and not raw:
            raise ValueError("existence needs 'tokens' or 'raw'")
        core = ""
        if tokens:
            template = NONWORD_TEMPLATE if options["nonword"] else WORD_TEMPLATE
            core = template.format("|".join(tokens))
        pattern = core + raw if options["append"] else raw + core
        # Vale may leave (?m) mid-pattern; Python wants global flags first.
        if "(?m)" in pattern:
            pattern = "(?m)" + pattern.replace("(?m)", "")
        self.pattern = compile_pattern(pattern, options["ignorecase"])
        self.exceptions = self.build_exceptions(options)

    def check(self, doc):
        for segment in self.segments(doc):
            phrases = self.exceptions.phrase_spans(segment.text)
            for match in self.finditer(self.pattern, segment.text):
                matched = match.group()
                if not matched or self.exceptions.exempt(matched.strip()):
                    continue
                if not self.exceptions.in_phrase(phrases, *match.span()):
                    yield Hit(*segment.to_source(*match.span()), (matched,))
