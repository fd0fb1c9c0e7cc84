"""The registry of rule types: `extends` -> class. Every type lives in its own small module."""

from .abbreviations import Abbreviations
from .balance import Balance
from .base import OptionError, RuleTimeout, RuleType
from .capitalization import Capitalization
from .capitals import Capitals
from .conditional import Conditional
from .consistency import Consistency
from .existence import Existence
from .hyphenation import Hyphenation
from .marks import Marks
from .metric import Metric
from .occurrence import Occurrence
from .proselint import Proselint
from .readability import Readability
from .repetition import Repetition
from .scarequotes import ScareQuotes
from .sequence import Sequence
from .spelling import Spelling
from .substitution import Substitution
from .variants import Variants

REGISTRY: dict[str, type[RuleType]] = {
    cls.name: cls
    for cls in (
        # Vale's
        *(Existence, Substitution, Occurrence, Repetition, Consistency, Capitalization, Conditional, Metric, Readability),
        Sequence,
        # mslint's own
        *(ScareQuotes, Proselint, Spelling, Variants, Hyphenation, Capitals, Marks, Balance, Abbreviations),
    )
}

# Vale's types that mslint does not run, and what they are: a rule of one is skipped with a
# warning, so that the rest of a Vale style still runs.
VALE_ONLY = {"script": "Tengo scripts"}

__all__ = ["REGISTRY", "VALE_ONLY", "OptionError", "RuleTimeout", "RuleType"]
