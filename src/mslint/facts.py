"""What the rules find in one file on its own, and its plain JSON form for the cache."""

from __future__ import annotations

from dataclasses import dataclass, field

from .finding import Finding, LintError
from .suppress import Directive


@dataclass
class FileFacts:
    """It depends on nothing but the file's path and text, the rules and their configured levels,
    so it can be cached; judging across files happens after."""

    findings: list[Finding] = field(default_factory=list)  # rules that read one file, before suppression
    directives: list[Directive] = field(default_factory=list)
    observations: dict[str, object] = field(default_factory=dict)  # rule id -> what a comparing rule saw
    # rule id -> (key, placed finding): what a comparing rule may report here, once it has judged
    candidates: dict[str, list[tuple[object, Finding]]] = field(default_factory=dict)
    errors: list[LintError] = field(default_factory=list)

    def plain(self) -> dict:
        return {
            "findings": [f.plain() for f in self.findings],
            "directives": [[d.kind, list(d.rules), list(d.start), list(d.end), d.text] for d in self.directives],
            "observations": self.observations,
            "candidates": {rule: [[key, found.plain()] for key, found in pairs] for rule, pairs in self.candidates.items()},
            "errors": [[e.path, e.message, e.line] for e in self.errors],
        }

    @classmethod
    def from_plain(cls, data: dict) -> FileFacts:
        """The facts plain() gave; ValueError, TypeError, KeyError or IndexError for anything odd."""
        if not isinstance(data["observations"], dict) or not isinstance(data["candidates"], dict):
            raise TypeError("observations and candidates must be mappings")
        candidates = {
            str(rule): [(key, Finding.from_plain(found)) for key, found in pairs] for rule, pairs in data["candidates"].items()
        }
        return cls(
            findings=[Finding.from_plain(f) for f in data["findings"]],
            directives=[Directive.from_plain(d) for d in data["directives"]],
            observations=data["observations"],
            candidates=candidates,
            errors=[
                LintError(str(path), str(message), line if type(line) is int else None) for path, message, line in data["errors"]
            ],
        )
