"""What the rules find in one file on its own, and its plain JSON form for the cache."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from .document import line_starts, normalize
from .finding import Finding, LintError, Spot
from .suppress import Directive

_FIELDS = {"findings", "directives", "observations", "candidates", "errors"}
_DIRECTIVE_KINDS = {"disable", "enable", "disable-next-line", "disable-file", "only"}
MAX_DEPTH = 32  # of a rule's observations and candidate keys; the rules' own go a few levels deep


@dataclass
class FileFacts:
    """It depends on nothing but the file's path and text, the rules and their configured levels,
    so it can be cached; judging across files happens after."""

    findings: list[Finding] = field(default_factory=list)  # rules that read one file, before suppression
    directives: list[Directive] = field(default_factory=list)
    observations: dict[str, object] = field(default_factory=dict)  # rule id -> what a comparing rule saw
    # rule id -> (key, where): what a comparing rule may report here, once it has judged
    candidates: dict[str, list[tuple[object, Spot]]] = field(default_factory=dict)
    errors: list[LintError] = field(default_factory=list)

    @classmethod
    def merged(cls, parts: Iterable[FileFacts]) -> FileFacts:
        """One file's facts from its parts (a rule's each, and its directives)."""
        whole = cls()
        for part in parts:
            whole.findings += part.findings
            whole.directives += part.directives
            whole.observations.update(part.observations)
            whole.candidates.update(part.candidates)
            whole.errors += part.errors
        return whole

    def __reduce__(self):
        """Pickled for the other process of a large manuscript: NOTHING by name, so that it stays one
        object there too (a read-only mapping cannot be pickled)."""
        if self is NOTHING:
            return "NOTHING"
        return FileFacts, (self.findings, self.directives, self.observations, self.candidates, self.errors)

    def holds_nothing(self) -> bool:
        return not (self.findings or self.directives or self.observations or self.candidates or self.errors)

    def plain(self) -> dict:
        """As plain JSON. The cache lists the rules that found nothing apart, by key alone."""
        return {
            "findings": [f.plain() for f in self.findings],
            "directives": [d.plain() for d in self.directives],
            "observations": self.observations,
            "candidates": {rule: [[key, spot.plain()] for key, spot in pairs] for rule, pairs in self.candidates.items()},
            "errors": [[e.path, e.message, e.line] for e in self.errors],
        }

    @classmethod
    def from_plain(cls, data: object, source: Source) -> FileFacts:
        """The facts plain() gave for the file `path` holding `text`. ValueError, TypeError, KeyError
        or IndexError for anything odd: another file's finding, a span the text does not hold at that
        place, data that is not plain JSON or nests too deeply, or errors (facts with errors are not kept)."""
        if data == {}:
            return NOTHING
        if not isinstance(data, dict) or set(data) != _FIELDS:
            raise ValueError(f"facts hold exactly {sorted(_FIELDS)}")
        if data["errors"] != []:
            raise ValueError("facts with errors are never kept")
        if not any(data.values()):
            return NOTHING  # most rules find nothing in most files
        observations, candidates = data["observations"], data["candidates"]
        if not isinstance(observations, dict) or not isinstance(candidates, dict) or not plain_json(observations):
            raise TypeError("observations and candidates must be mappings of plain JSON")
        return cls(
            findings=[source.finding(found) for found in _listed(data["findings"])],
            directives=[source.directive(plain) for plain in _listed(data["directives"])],
            observations=observations,
            candidates={rule: source.candidates(_listed(pairs)) for rule, pairs in candidates.items()},
        )


# The facts of a rule that found nothing in a file, as most rules in most files: one object for
# all, which nothing can change (a tuple and read-only mappings), so that a book's thousands of
# them cost nothing to make, to pass between processes or to read from the cache.
NOTHING = FileFacts((), (), MappingProxyType({}), MappingProxyType({}), ())  # type: ignore[arg-type]


def plain_json(value: object, depth: int = MAX_DEPTH) -> bool:
    """Whether a value is JSON's (null, true and false, numbers, strings, lists, string-keyed
    mappings) and nests at most `depth` levels."""
    if isinstance(value, dict):
        if not set(map(type, value)) <= _STRINGS:
            return False
        items: Iterable = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return type(value) in _PLAIN
    if depth == 0:
        return False
    # The types in bulk, in C, and only containers one by one: an observation may hold thousands of counts.
    if set(map(type, items)) <= _PLAIN:
        return True
    return all(plain_json(item, depth - 1) for item in items if type(item) not in _PLAIN)


_PLAIN = frozenset({str, int, float, bool, type(None)})
_STRINGS = frozenset({str})


def _listed(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


class Source:
    """The file an entry claims to describe: its findings and directives must point at its own words.
    The text is read once, and only when a finding or directive is to be checked."""

    def __init__(self, path: str, text: str):
        self.path, self._raw = path, text

    @functools.cached_property
    def text(self) -> str:
        return normalize(self._raw)  # as the rules read it

    @functools.cached_property
    def starts(self) -> list[int]:
        return line_starts(self.text)

    def finding(self, plain: object) -> Finding:
        if not isinstance(plain, dict):
            raise TypeError("a finding must be a mapping")
        found = Finding.from_plain(plain)
        if found.path != self.path:
            raise ValueError(f"a finding for {found.path!r} in the entry of {self.path!r}")
        if self.span((found.line, found.column), (found.end_line, found.end_column)) != found.match:
            raise ValueError("a finding's words are not at its place in the text")
        return found

    def directive(self, plain: object) -> Directive:
        if not isinstance(plain, list) or len(plain) != 6 or not isinstance(plain[1], list) or not isinstance(plain[5], list):
            raise TypeError("a directive must be [kind, [rules], start, end, text, [matches]]")
        directive = Directive.from_plain(plain)
        if directive.kind not in _DIRECTIVE_KINDS or not all(directive.rules):
            raise ValueError(f"unknown directive {directive.kind!r}, or an empty rule name")
        if self.span(directive.start, directive.end) != directive.text:
            raise ValueError("a directive's comment is not at its place in the text")
        return directive

    def candidates(self, pairs: list) -> list[tuple[object, Spot]]:
        """Each [key, spot] pair, its spot checked as a finding is: a book has tens of thousands."""
        found = []
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) != 2:
                raise TypeError("a candidate must be [plain JSON key, spot]")
            key, plain = pair
            if not (type(key) is str or plain_json(key)):
                raise TypeError("a candidate's key must be plain JSON")
            spot = Spot.from_plain(plain)
            if self.span((spot.line, spot.column), (spot.end_line, spot.end_column)) != spot.match:
                raise ValueError("a candidate's words are not at its place in the text")
            found.append((key, spot))
        return found

    def span(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        first, last = self.offset(*start), self.offset(*end)
        if last < first:
            raise ValueError("a span ends before it starts")
        return self.text[first:last]

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column), which must lie on that line (or just after its end)."""
        starts = self.starts
        if not 0 < line <= len(starts) or column < 1:
            raise ValueError(f"no line {line}, column {column} in a text of {len(starts)} lines")
        line_end = starts[line] - 1 if line < len(starts) else len(self.text)
        offset = starts[line - 1] + column - 1
        if offset > line_end:
            raise ValueError(f"line {line} has no column {column}")
        return offset
