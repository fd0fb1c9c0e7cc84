"""consistency: two spellings of one thing; the less used one is reported, across every file linted together."""

from __future__ import annotations

from collections import Counter

from ..finding import Hit
from ..spec import Option
from .base import NONWORD_TEMPLATE, WORD_TEMPLATE, RuleType, compile_pattern


class Consistency(RuleType):
    name = "consistency"
    max_message_args = 2
    options = {
        "either": Option("map", required=True),
        "ignorecase": Option("bool", False),
        "nonword": Option("bool", False),
    }

    def compile(self, options):
        template = NONWORD_TEMPLATE if options["nonword"] else WORD_TEMPLATE
        self.pairs = [
            compile_pattern(template.format(f"(?P<first>{first})|(?P<second>{second})"), options["ignorecase"])
            for first, second in options["either"].items()
        ]
        if not self.pairs:
            raise ValueError("'either' must map at least one spelling to its alternative")

    def observe(self, doc):
        """For each pair, how often each spelling of each form appears; every use is a candidate."""
        seen, candidates = [], []
        for index, pattern in enumerate(self.pairs):
            forms: dict[str, Counter[str]] = {"first": Counter(), "second": Counter()}
            for segment in self.segments(doc):
                for match in self.finditer(pattern, segment.text):
                    form = "first" if match.group("first") is not None else "second"
                    forms[form][match.group(form)] += 1
                    candidates.append(([index, form, match.group(form)], Hit(*segment.to_source(*match.span(form)))))
            seen.append({form: dict(counts) for form, counts in forms.items()})
        return seen, candidates

    def verdict(self, observations):
        """For each pair used both ways: the form to report and the spelling to offer."""
        verdicts = {}
        for index in range(len(self.pairs)):
            totals: dict[str, Counter[str]] = {form: Counter() for form in ("first", "second")}
            for seen in observations:
                for form in totals:
                    totals[form].update(seen[index][form])
            counts = {form: sum(texts.values()) for form, texts in totals.items()}
            if counts["first"] and counts["second"]:
                # The form used less is the one reported; on a tie, the one that appears second in the pair.
                minority = "first" if counts["first"] < counts["second"] else "second"
                majority = "second" if minority == "first" else "first"
                verdicts[index] = (minority, totals[majority].most_common(1)[0][0])
        return verdicts

    def report(self, verdict, key):
        index, form, text = key
        if index in verdict and verdict[index][0] == form:
            preferred = verdict[index][1]
            return (text, preferred), (preferred,)
        return None
