"""What a rule file says, validated: the spec every rule type is built from, and the keys it may have.

Each rule type declares its own keys as Options; these are the keys every rule shares, and how a
value written in YAML becomes the kind an option declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .finding import Level
from .scopes import Scope

if TYPE_CHECKING:
    from .vocab import Vocabulary


@dataclass(frozen=True)
class Option:
    kind: str  # "bool", "int", "str", "list" (of strings) or "map" (string to string)
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

    @property
    def default_level(self) -> Level | None:
        return self.level if self.enabled else None


def coerce(value, kind: str):
    """Vale reads rule values weakly typed: a scalar where a list is due is a one-item list, "3" is 3."""
    if kind == "any":
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "false"):
            return str(value).lower() == "true"
        raise ValueError(f"expected true or false, got {value!r}")
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError(f"expected a whole number, got {value!r}")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValueError(f"expected a whole number, got {value!r}") from None
    if kind == "str":
        if isinstance(value, (dict, list)):
            raise ValueError(f"expected text, got a {type(value).__name__}")
        return str(value)
    if kind == "list":
        items = value if isinstance(value, list) else [value]
        if any(isinstance(i, (dict, list)) for i in items):
            raise ValueError("expected a list of text items")
        return ["" if i is None else str(i) for i in items]
    if kind == "map":
        if not isinstance(value, dict):
            raise ValueError(f"expected a mapping of pattern: replacement, got {type(value).__name__}")
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    raise AssertionError(kind)
