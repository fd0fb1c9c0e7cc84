"""substitution: report a word or phrase and offer the one to use instead."""

from __future__ import annotations

import regex

from ..finding import Hit
from ..spec import Option
from .base import NONWORD_TEMPLATE, WORD_TEMPLATE, RuleType, compile_pattern, format_message

_PHRASE = regex.compile(r"[\w\s-]+")


class Substitution(RuleType):
    name = "substitution"
    max_message_args = 2
    options = {
        "swap": Option("map", required=True),
        "ignorecase": Option("bool", False),
        "nonword": Option("bool", False),
        "exceptions": Option("list", []),
        "vocab": Option("bool", True),
        "capitalize": Option("bool", False),
        "pos": Option("str", ""),
    }

    def compile(self, options):
        swap = options["swap"]
        if not swap:
            raise ValueError("'swap' must map at least one pattern to its replacement")
        # Longest first, as Vale does, so that a longer phrase wins over a word inside it.
        self.keys = sorted(swap, key=len, reverse=True)
        self.replacements = [swap[k] for k in self.keys]
        self.key_patterns = [compile_pattern(k, options["ignorecase"]) for k in self.keys]
        alternatives = "|".join(f"(?P<k{i}>{key})" for i, key in enumerate(self.keys))
        template = NONWORD_TEMPLATE if options["nonword"] else WORD_TEMPLATE
        self.pattern = compile_pattern(template.format(alternatives), options["ignorecase"])
        self.exceptions = self.build_exceptions(options)
        self.capitalize = options["capitalize"]
        self.split_options = (self.spec.action or {}).get("name") == "replace"

    def check(self, doc):
        for segment in self.segments(doc):
            phrases = self.exceptions.phrase_spans(segment.text)
            for match in self.finditer(self.pattern, segment.text):
                index = next(i for i in range(len(self.keys)) if match.group(f"k{i}") is not None)
                span = match.span(f"k{index}")
                observed = match.group(f"k{index}")
                if not observed or self.exceptions.exempt(observed.strip()):
                    continue
                if not self.exceptions.in_phrase(phrases, *span):
                    hit = self._hit(index, observed, segment.to_source(*span))
                    if hit is not None:
                        yield hit

    def _hit(self, index: int, observed: str, span: tuple[int, int]) -> Hit | None:
        expected = self.replacements[index]
        if "$" in expected:
            expected = self.key_patterns[index].sub(expected.replace("$", "\\"), observed)
        choices = [c.replace("\\|", "|") for c in regex.split(r"(?<!\\)\|", expected) if c]
        if self.capitalize and observed[:1] and not observed[0].islower():
            choices = [c[:1].upper() + c[1:] for c in choices]
            expected = expected[:1].upper() + expected[1:]
        # With a replace action Vale compares the choices literally; otherwise `expected` may be a pattern.
        if observed in choices or (not self.split_options and _already_right(expected, observed)):
            return None
        shown = _sentence(choices) if self.split_options else expected
        return Hit(span[0], span[1], (shown, observed), tuple(choices))

    def render(self, template: str, args: tuple) -> str:
        if self.split_options and template.count("'%s'") == 2:
            template = template.replace("'%s'", "%s", 1)  # the choices come quoted already
        return format_message(template, args)


def _already_right(expected: str, observed: str) -> bool:
    if _PHRASE.fullmatch(expected):
        return expected == observed
    try:
        return regex.fullmatch(expected, observed) is not None
    except regex.error:
        return False


def _sentence(choices: list[str]) -> str:
    quoted = [f"'{c}'" for c in choices]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join(quoted[:-1]) + ", or " + quoted[-1]
