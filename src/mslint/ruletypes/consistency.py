"""consistency: two spellings of one thing; the less used one is reported, across every file linted together."""

from __future__ import annotations

from collections import Counter

from .base import NONWORD_TEMPLATE, WORD_TEMPLATE, Option, RuleType, compile_pattern
from ..finding import Hit


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

    def check_all(self, docs):
        docs = list(docs)
        for pattern in self.pairs:
            seen = {"first": [], "second": []}  # form -> [(doc, start, end, text)]
            for doc in docs:
                for segment in self.segments(doc):
                    for match in self.finditer(pattern, segment.text):
                        form = "first" if match.group("first") is not None else "second"
                        seen[form].append((doc, *segment.to_source(*match.span(form)), match.group(form)))
            if not seen["first"] or not seen["second"]:
                continue
            # The form used less is the one reported; on a tie, the one that appears second in the pair.
            minority = "first" if len(seen["first"]) < len(seen["second"]) else "second"
            majority = "second" if minority == "first" else "first"
            preferred = Counter(text for *_, text in seen[majority]).most_common(1)[0][0]
            for doc, start, end, text in seen[minority]:
                yield doc, Hit(start, end, (text, preferred), (preferred,))
