"""Suppression comments in the manuscript: mslint's own, and Vale's.

    <!-- mslint-disable [RULE ...] -->            until mslint-enable (or the end of the file)
    <!-- mslint-enable [RULE ...] -->
    <!-- mslint-disable-next-line [RULE ...] -->  the line after the comment
    <!-- mslint-disable-file [RULE ...] -->       the whole file
    <!-- vale off -->  <!-- vale on -->  <!-- vale Style.Rule = NO -->  <!-- vale Style.Rule = YES -->
    <!-- vale Style = off -->  <!-- vale Style = on -->                  a style's rules
    <!-- vale Style.Rule["these words", "those"] = NO -->              the rule's findings on these words
    <!-- vale style = Style -->  <!-- vale styles = Style, Other -->    only these styles' rules

No rule means every rule; a rule is matched by its id or a dotted prefix (`Book`, `proselint.typography`).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .document import Document
from .finding import Finding, Level, Voice, names_rule

UNUSED_RULE = "mslint.UnusedSuppression"
_MSLINT = regex.compile(r"<!--\s*mslint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", regex.DOTALL)
_VALE = regex.compile(r"<!--\s*vale\s+(.*?)-->", regex.DOTALL)
_VALE_RULE = regex.compile(r"([\w.-]+)(\[[^\]]*\])?\s*=\s*(YES|NO|on|off)\b")
_VALE_ONLY = regex.compile(r"styles?\s*=\s*([\w.-]+(?:\s*,\s*[\w.-]+)*)")
_QUOTED = regex.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Directive:
    kind: str  # "disable", "enable", "disable-next-line", "disable-file", or "only" (these styles' rules)
    rules: tuple[str, ...]  # ids or prefixes; empty for every rule
    start: tuple[int, int]  # (line, column) of the comment
    end: tuple[int, int]  # (line, column) just after it
    text: str  # the comment as written
    matches: tuple[str, ...] = ()  # the words of the findings it is about; empty for any

    @classmethod
    def from_plain(cls, data: list) -> Directive:
        kind, rules, start, end, text, matches = data
        positions = [*start, *end]
        if len(positions) != 4 or not all(type(n) is int and n > 0 for n in positions):
            raise ValueError("a directive's start and end must be (line, column) pairs")
        strings = [kind, text, *rules, *matches]
        if not all(isinstance(item, str) for item in strings):
            raise TypeError("a directive's kind, rules, text and matches must be strings")
        return cls(kind, tuple(rules), (positions[0], positions[1]), (positions[2], positions[3]), text, tuple(matches))

    def plain(self) -> list:
        return [self.kind, list(self.rules), list(self.start), list(self.end), self.text, list(self.matches)]

    def covers(self, rule: str, match: str | None = None) -> bool:
        """Whether the directive is about a rule (and, given, the words of one of its findings)."""
        if self.matches and match is not None and match not in self.matches:
            return False
        return not self.rules or any(names_rule(name, rule) for name in self.rules)


def directives(doc: Document) -> list[Directive]:
    found = []
    for start, end in doc.comments:
        comment = doc.text[start:end]
        for kind, rules, matches in _parse(comment):
            found.append(Directive(kind, rules, doc.position(start), doc.position(end), comment, matches))
    return found


def _parse(comment: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    mslint = _MSLINT.fullmatch(comment.strip())
    if mslint:
        return [(mslint.group(1), tuple(mslint.group(2).replace(",", " ").split()), ())]
    vale = _VALE.fullmatch(comment.strip())
    if not vale:
        return []
    words = vale.group(1).strip()
    if words in ("off", "on"):
        return [("disable" if words == "off" else "enable", (), ())]
    only = _VALE_ONLY.fullmatch(words)
    if only:
        return [("only", tuple(name.strip() for name in only.group(1).split(",")), ())]
    return [
        ("disable" if state in ("NO", "off") else "enable", (rule,), tuple(_QUOTED.findall(matches)))
        for rule, matches, state in _VALE_RULE.findall(words)
    ]


def apply(findings: list[Finding], by_path: dict[str, list[Directive]]) -> tuple[list[Finding], list[tuple[str, Directive]]]:
    """The findings no directive suppresses, and the (path, directive) pairs that suppressed nothing."""
    used: set[int] = set()
    kept = []
    for finding in findings:
        suppressor = _suppressor(finding, by_path.get(finding.path, []))
        if suppressor is None:
            kept.append(finding)
        else:
            used.add(id(suppressor))
    unused = [(path, d) for path, found in by_path.items() for d in found if d.kind != "enable" and id(d) not in used]
    return kept, unused


def _suppressor(finding: Finding, found: list[Directive]) -> Directive | None:
    """The directive that silences a finding, if any: the last disable before it that no enable
    for its rule followed, a disable-next-line on the line above, or a disable-file."""
    position = (finding.line, finding.column)
    in_force = None
    for directive in found:
        if directive.kind == "only":  # from here on, only these styles' rules
            if directive.end <= position:
                in_force = None if directive.covers(finding.rule) else directive
            continue
        if not directive.covers(finding.rule, finding.match):
            continue
        if directive.kind == "disable-file":
            return directive
        if directive.kind == "disable-next-line":
            if finding.line == directive.end[0] + 1:
                return directive
        elif directive.end <= position:
            in_force = directive if directive.kind == "disable" else None
    return in_force


def unused_findings(unused: list[tuple[str, Directive]]) -> list[Finding]:
    """Findings that point at suppressions which suppress nothing."""
    return [
        Finding(
            path=path,
            line=d.start[0],
            column=d.start[1],
            end_line=d.end[0],
            end_column=d.end[1],
            rule=UNUSED_RULE,
            level=Level.WARNING,
            message=f"this suppression ({' '.join((d.kind, *d.rules))}) silences nothing; remove it",
            match=d.text,
            replacements=(),
            voice=Voice.PROSE,
        )
        for path, d in unused
    ]
