"""The values every layer passes around: levels, findings and errors."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown level {name!r}; use suggestion, warning or error") from None

    def __str__(self) -> str:
        return self.name.lower()


class Voice(enum.StrEnum):
    """Whose words a piece of text is."""

    PROSE = "prose"  # the author's own words
    BLOCKQUOTE = "blockquote"  # a quoted passage set off as a block
    QUOTATION = "quotation"  # an inline quotation inside a paragraph


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule type reports: a span of one document, before the engine adds who and where."""

    start: int
    end: int
    args: tuple = ()  # what fills the rule's message placeholders
    replacements: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int  # 1-based
    column: int  # 1-based, in code points
    end_line: int
    end_column: int  # exclusive
    rule: str
    level: Level
    message: str
    match: str
    replacements: tuple[str, ...]
    voice: Voice
    also: tuple[str, ...] = ()  # other rules that reported exactly the same words
    # Stable across edits elsewhere: rule, the words, their sentence, and which repeat it is.
    fingerprint: str = ""
    fixable: bool = False  # --fix may apply the one replacement
    sentence: str = ""  # a hash of the sentence around the words, for the fingerprint

    def fields(self) -> dict:
        """The finding as plain data: where, which rule, what it says and offers, whose words."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "level": str(self.level),
            "message": self.message,
            "match": self.match,
            "replacements": list(self.replacements),
            "voice": str(self.voice),
        }

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class LintError:
    """A problem that stopped part of the run: an unreadable file, a rule that timed out."""

    path: str
    message: str
    line: int | None = None
