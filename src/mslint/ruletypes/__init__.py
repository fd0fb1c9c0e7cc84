"""The registry of rule types: `extends` -> class. Every type lives in its own small module."""

from .abbreviations import Abbreviations
from .base import RuleTimeout, RuleType
from .consistency import Consistency
from .existence import Existence
from .occurrence import Occurrence
from .proselint import Proselint
from .repetition import Repetition
from .scarequotes import ScareQuotes
from .spelling import Spelling
from .substitution import Substitution
from .variants import Variants

REGISTRY: dict[str, type[RuleType]] = {
    cls.name: cls
    for cls in (
        Existence,
        Substitution,
        Occurrence,
        Repetition,
        Consistency,
        ScareQuotes,
        Proselint,
        Spelling,
        Variants,
        Abbreviations,
    )
}

# Vale's other types: named so that a Vale style using them gets a clear message, not "unknown".
VALE_ONLY = ("capitalization", "conditional", "metric", "readability", "script", "sequence")

__all__ = ["REGISTRY", "VALE_ONLY", "RuleTimeout", "RuleType"]
