"""metric: a formula over the document's counts (words, sentences, headings...), reported once when it meets a condition."""

from __future__ import annotations

import math

from ..finding import Hit
from ..formula import Condition, Formula, FormulaError
from ..spec import Option
from ..textstats import VARIABLES, variables
from .base import RuleType


class Metric(RuleType):
    name = "metric"
    options = {
        "formula": Option("str", required=True),
        "condition": Option("str", required=True),
    }

    def compile(self, options):
        try:
            self.formula = Formula(options["formula"], VARIABLES)
        except FormulaError as error:
            raise ValueError(f"'formula': {error}") from None
        try:
            self.condition = Condition(options["condition"], VARIABLES)
        except FormulaError as error:
            raise ValueError(f"'condition': {error}") from None

    def check(self, doc):
        # As in Vale, the whole document's prose is read whatever the scope, and the finding is at its start.
        counts = variables(doc)
        if not counts:
            return
        value = self.formula(counts)
        if math.isfinite(value) and self.condition(value, counts):
            yield Hit(0, 0, (f"{value:.2f}",))
