"""The values every layer passes around: levels, findings and errors."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


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

    def plain(self) -> dict:
        """Everything the finding holds before it is reported, as plain data (the cache keeps it)."""
        return {**self.fields(), "fixable": self.fixable, "sentence": self.sentence}

    @classmethod
    def from_plain(cls, data: dict) -> Finding:
        """The finding that plain() gave; ValueError, TypeError or KeyError for anything odd."""
        numbers = [data[key] for key in ("line", "column", "end_line", "end_column")]
        if not all(type(n) is int and 0 < n < 1 << 31 for n in numbers):
            raise ValueError("a position must be a positive whole number")
        texts = [data[key] for key in ("path", "rule", "message", "match", "sentence")]
        replacements = data["replacements"]
        if not all(isinstance(t, str) for t in texts) or not isinstance(replacements, list):
            raise TypeError("a finding's text fields must be strings")
        if not all(isinstance(r, str) for r in replacements) or not isinstance(data["fixable"], bool):
            raise TypeError("replacements must be strings, fixable true or false")
        return cls(
            path=data["path"],
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            rule=data["rule"],
            level=Level.parse(data["level"]),
            message=data["message"],
            match=data["match"],
            replacements=tuple(replacements),
            voice=Voice(data["voice"]),
            fixable=data["fixable"],
            sentence=data["sentence"],
        )

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)


def names_rule(name: str, rule_id: str) -> bool:
    """Whether a rule name as a user writes it, an id or a dotted prefix (`Book`,
    `proselint.typography`), covers the rule `rule_id`."""
    return rule_id == name or rule_id.startswith(name + ".")


def closest_name(rule_id: str, names: Iterable[str]) -> str | None:
    """Of the names that cover a rule, the most specific: `Book.Typos` before `Book`."""
    return max((name for name in names if names_rule(name, rule_id)), key=len, default=None)


@dataclass(frozen=True, slots=True)
class LintError:
    """A problem that stopped part of the run: an unreadable file, a rule that timed out."""

    path: str
    message: str
    line: int | None = None


_MAX = 1 << 31  # of a line or column kept in the cache


class Spot(NamedTuple):
    """Where a candidate of a rule that compares files lies, and whose words they are: what the
    file alone decides of a finding, kept small, for a book has thousands of candidates (every
    use of every form) and few are reported."""

    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    voice: Voice
    sentence: str
    fixable: bool

    def finding(self, path: str, rule: str, level: Level, message: str, replacements: tuple[str, ...], fixable: bool) -> Finding:
        """The finding here, fixable only if the words here can be replaced."""
        return Finding(
            path=path,
            line=self.line,
            column=self.column,
            end_line=self.end_line,
            end_column=self.end_column,
            rule=rule,
            level=level,
            message=message,
            match=self.match,
            replacements=replacements,
            voice=self.voice,
            sentence=self.sentence,
            fixable=fixable and self.fixable,
        )

    def plain(self) -> list:
        return [*self[:5], str(self.voice), self.sentence, self.fixable]

    @classmethod
    def from_plain(cls, data: object) -> Spot:
        """The spot plain() gave; ValueError or TypeError for anything odd."""
        if type(data) is not list or len(data) != 8:
            raise TypeError("a spot is [line, column, end line, end column, words, voice, sentence, fixable]")
        line, column, end_line, end_column, match, voice, sentence, fixable = data
        # Spelled out, not all() over a generator: a book's cache holds tens of thousands of spots.
        if not (type(line) is type(column) is type(end_line) is type(end_column) is int):
            raise ValueError("a position must be a positive whole number")
        if not (0 < line < _MAX and 0 < column < _MAX and 0 < end_line < _MAX and 0 < end_column < _MAX):
            raise ValueError("a position must be a positive whole number")
        if not (type(match) is type(voice) is type(sentence) is str) or type(fixable) is not bool:
            raise TypeError("a spot's words, voice and sentence must be strings, fixable true or false")
        return cls(line, column, end_line, end_column, match, Voice(voice), sentence, fixable)
