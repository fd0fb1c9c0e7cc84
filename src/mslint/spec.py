"""What a rule file says, validated: the spec every rule type is built from, and the keys it may have.

Each rule type declares its own keys as Options; these are the keys every rule shares, and how a
value written in YAML becomes the kind an option declares.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .finding import Level
from .scopes import Scope

if TYPE_CHECKING:
    from .vocab import Vocabulary


@dataclass(frozen=True)
class Option:
    kind: str  # "bool", "int", "number", "str", "list" (of strings) or "map" (string to string)
    default: object = None
    required: bool = False


# Keys every rule may have, whatever its type: Vale's, then mslint's own (`examples`, `quotation`,
# `enabled`, `typography`).
COMMON_OPTIONS = {
    "extends": Option("str", required=True),
    "message": Option("str", required=True),
    "level": Option("str", "warning"),
    "scope": Option("list", None),
    "link": Option("str", ""),
    "description": Option("str", ""),
    "limit": Option("int", 0),
    "action": Option("any", None),
    "name": Option("str", ""),
    "selector": Option("any", None),
    "examples": Option("any", None),
    "quotation": Option("any", None),
    "enabled": Option("bool", True),
    "typography": Option("bool", False),
}


@dataclass(frozen=True)
class QuotationPolicy:
    """How a rule reports inside quotations: the source is kept and marked [sic], not corrected."""

    message: str
    level: Level | None


@dataclass(frozen=True)
class RuleSpec:
    id: str
    path: str
    extends: str
    message: str
    level: Level
    scope: Scope
    link: str = ""
    description: str = ""
    limit: int = 0
    action: dict | None = None
    quotation: QuotationPolicy | None = None
    examples: dict[str, list[str]] = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    enabled: bool = True  # a rule that is off until the configuration gives it a level
    typography: bool = False  # changes marks, not words: its fixes apply inside quotations too
    styles_path: Path | None = None  # where relative paths in the rule (dictionaries) start
    vocabulary: Vocabulary | None = None
    vale: bool = False  # a Vale project's rule: where Vale's ways and mslint's differ, Vale's
    # What the book's style sheet records for the rule, as written there (query -> form): part of
    # the rule's definition, so that the cache keys on it (rules read the recorded forms in every file).
    recorded: dict[str, str] = field(default_factory=dict)

    @property
    def default_level(self) -> Level | None:
        return self.level if self.enabled else None


# What a YAML scalar may become: text, a number, true or false, a date (read as Vale reads it, as text).
_SCALARS = (str, int, float, datetime.date)


def coerce(value, kind: str):
    """Vale reads rule values weakly typed: a scalar where a list is due is a one-item list, "3" is 3."""
    if kind == "any":
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise ValueError(f"expected true or false, got {describe(value)}")
    if kind == "int":
        return _whole_number(value)
    if kind == "number":
        return _number(value)
    if kind == "str":
        if not isinstance(value, _SCALARS):
            raise ValueError(f"expected text, got {describe(value)}")
        return str(value)
    if kind == "list":
        items = value if isinstance(value, list) else [value]
        where = " in the list" if isinstance(value, list) else ""
        for item in items:
            if item is not None and not isinstance(item, _SCALARS):
                raise ValueError(f"expected text or a list of text items, got {describe(item)}{where}")
        return ["" if i is None else str(i) for i in items]
    if kind == "map":
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            value = {k: v for item in value for k, v in item.items()}  # Vale merges a list of mappings
        if not isinstance(value, dict):
            raise ValueError(f"expected a mapping of pattern: replacement, got {describe(value)}")
        if not all(v is None or isinstance(v, _SCALARS) for v in value.values()):
            raise ValueError("expected a mapping of pattern: replacement, with text for each replacement")
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    raise AssertionError(kind)


def _whole_number(value) -> int:
    """0 or more, as every count and limit in a rule is; `3`, "3" and 3.0 are 3, 3.5 is an error."""
    problem = ValueError(f"expected a whole number of 0 or more, got {describe(value)}")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise problem
    if isinstance(value, float) and not value.is_integer():  # also inf and nan
        raise problem
    try:
        number = int(value)
    except ValueError:
        raise problem from None
    if number < 0:
        raise problem
    return number


def _number(value) -> float:
    """Any finite number: `0.8`, "0.8", 9."""
    problem = ValueError(f"expected a number, got {describe(value)}")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise problem
    try:
        number = float(value)
    except ValueError:
        raise problem from None
    if not math.isfinite(number):
        raise problem
    return number


def describe(value) -> str:
    """A value as an error message shows it: a scalar as written, a list or mapping by its kind only,
    since a YAML alias can make one too large to print."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, bytes):
        return "binary data"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
