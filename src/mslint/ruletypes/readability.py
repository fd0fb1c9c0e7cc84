"""readability (Vale's older type): the mean of some grade-level formulas, reported once when above `grade`."""

from __future__ import annotations

import math

from ..finding import Hit
from ..formula import Formula
from ..spec import Option
from ..textstats import VARIABLES, variables
from .base import RuleType

# The published formulas, on the same counts that metric rules read.
FORMULAS = {
    "Gunning Fog": "0.4 * (words / sentences + 100 * complex_words / words)",
    "Coleman-Liau": "5.88 * characters / words - 29.6 * sentences / words - 15.8",
    "Flesch-Kincaid": "0.39 * words / sentences + 11.8 * syllables / words - 15.59",
    "SMOG": "1.043 * math.sqrt(30 * polysyllabic_words / sentences) + 3.1291",
    "Automated Readability": "4.71 * characters / words + 0.5 * words / sentences - 21.43",
}


class Readability(RuleType):
    name = "readability"
    options = {
        "metrics": Option("list", required=True),
        "grade": Option("number", required=True),
    }

    def compile(self, options):
        unknown = [name for name in options["metrics"] if name not in FORMULAS]
        if unknown or not options["metrics"]:
            shown = f"unknown metric {unknown[0]!r}" if unknown else "no metric"
            raise ValueError(f"'metrics': {shown}; choose from {', '.join(FORMULAS)}")
        self.formulas = [Formula(FORMULAS[name], VARIABLES) for name in options["metrics"]]
        self.grade = options["grade"]

    def check(self, doc):
        # As in Vale, the whole document's prose is read whatever the scope, and the finding is at its start.
        counts = variables(doc)
        if not counts:
            return
        grade = sum(formula(counts) for formula in self.formulas) / len(self.formulas)
        if math.isfinite(grade) and grade > self.grade:
            yield Hit(0, 0, (f"{grade:.2f}",))
