"""What every rule type shares: declared options, message formatting, and matching within a scope."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import regex

from ..document import within
from ..finding import Finding, Hit
from ..limits import PatternClock
from ..limits import RuleTimeout as RuleTimeout  # raised by rules whose patterns run past their time limits
from ..spec import Option
from ..stylesheet import BadRecord

if TYPE_CHECKING:
    from ..document import Document
    from ..lexicon import Lexicon
    from ..scopes import Segment
    from ..spec import RuleSpec
    from ..stylesheet import Entry, Judged
    from ..vocab import Vocabulary

# Vale's template for patterns that must match whole words.
WORD_TEMPLATE = r"(?m)\b(?:{})\b"
NONWORD_TEMPLATE = r"(?m)(?:{})"


class OptionError(ValueError):
    """An option that is not valid, raised by compile() with the key it is under, so that the
    message names the key's line."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


class RuleType:
    """A kind of rule (Vale's `extends`). Subclasses declare their options and compile them once."""

    name: ClassVar[str]
    options: ClassVar[dict[str, Option]] = {}
    max_message_args: ClassVar[int] = 1
    default_scope: ClassVar[str] = "text"
    section: ClassVar[str] = ""  # the kind of its entries in the book's style sheet (stylesheet.SECTIONS), if any

    def __init__(self, spec: RuleSpec):
        self.spec = spec
        self.clock = PatternClock()  # the rule's patterns and exceptions, within the time limits
        self.compile(spec.options)
        self.recorded: dict[str, str] = self.read_recorded(spec.recorded)  # the style sheet's entries, as the rule reads them

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def compares_documents(self) -> bool:
        """Whether the rule judges all documents together (and so needs the whole manuscript).

        Such a rule splits its work in three, so that what it sees in a file can be cached:
        observe(doc) returns an observation and candidates, (key, hit) pairs for what it may
        report there, all plain data (keys and observations as JSON: lists, dicts, strings,
        numbers); verdict() reads the observations of all files; report(verdict, key) gives a
        candidate's message arguments and replacements, or None when it is not reported.
        """
        return type(self).observe is not RuleType.observe

    def observe(self, doc: Document) -> tuple[object, list[tuple[object, Hit]]]:
        raise NotImplementedError

    def verdict(self, observations: list):
        raise NotImplementedError

    def report(self, verdict, key) -> tuple | None:
        """(message arguments, replacements), optionally followed by a message template and a
        level of its own; None when the candidate is not reported."""
        raise NotImplementedError

    def compile(self, options: dict) -> None:
        """Turn options into compiled patterns; raise ValueError for anything invalid."""

    def read_recorded(self, entries: dict[str, str]) -> dict[str, str]:
        """The style sheet's entries for this rule (query -> form, as written there), as the rule
        keeps them; BadRecord for one it cannot keep. A rule that decides nothing across the book
        keeps none."""
        if entries:
            raise BadRecord(None, f"a rule of type {self.name} keeps nothing in a style sheet; remove its entries")
        return {}

    def sheet(self, judged: Judged) -> list[Entry]:
        """The style sheet's entries: each query the rule decided across the book (see stylesheet.py)."""
        return []

    @property
    def vocabulary_read(self) -> tuple:
        """What of the book's vocabulary the rule reads in a file: its phrases, for a rule with
        Vale's `vocab`. Accepted words are applied to the findings (exempt), so that a word added
        to the vocabulary sends no rule back to the text."""
        vocabulary = self._exempting_vocabulary
        return () if vocabulary is None else tuple(vocabulary.phrases)

    @property
    def _exempting_vocabulary(self) -> Vocabulary | None:
        """The book's vocabulary when its terms are exceptions to this rule (Vale's `vocab: true`).
        A `nonword` rule matches marks around words, not words: an accepted word inside its match
        (`"plugh",`) is no exception, as in Vale."""
        options = self.spec.options
        return self.spec.vocabulary if options.get("vocab") and not options.get("nonword") else None

    def exempt(self, finding: Finding) -> bool:
        """Whether the book's vocabulary accepts a finding's words (Vale's `vocab: true`)."""
        if self._accepted is None:
            return False
        try:
            return self._accepted.exempt(finding.match.strip())
        except RuleTimeout:  # a runaway term: its rule reports it where it reads the text
            return False

    @functools.cached_property
    def _accepted(self) -> Exceptions | None:
        vocabulary = self._exempting_vocabulary
        return Exceptions(list(vocabulary.accept), self.clock) if vocabulary is not None and vocabulary.accept else None

    @property
    def learned_key(self) -> str | None:
        """What the rule's learned() depends on, so that a store keeps it for any rules that share
        it (the dictionaries, for a lexicon); None for a rule that learns nothing."""
        return None

    def learned(self) -> dict:
        """What the rule learned while checking that a later run may reuse, as plain data (the
        dictionaries' verdicts on words)."""
        return {}

    def preload(self, learned: dict) -> None:
        """Take back what learned() gave in an earlier run or another process; validate it."""

    def complete(self, findings: list[Finding]) -> list[Finding]:
        """The rule's findings with what is costly and needed only when shown (spelling
        suggestions), once suppression, levels and the baseline have chosen them."""
        return findings

    def inputs(self) -> list[Path]:
        """Files the rule reads besides its own (dictionaries, word lists): the cache keys on them."""
        return []

    def check(self, doc: Document) -> Iterator[Hit]:
        """Hits in one document. Rule types that compare documents implement observe, verdict and report instead."""
        raise NotImplementedError

    def build_exceptions(self, options: dict) -> Exceptions:
        """The rule's exceptions, with the vocabulary's phrases when the rule has `vocab: true`
        (Vale's default): a match inside an accepted phrase is exempt. Its accepted words are
        applied when judging (exempt)."""
        return Exceptions(list(options["exceptions"]) + list(self.vocabulary_read), self.clock)

    def render(self, template: str, args: tuple) -> str:
        """The message for a hit: the rule's template filled with the hit's arguments."""
        return format_message(template, args)

    def segments(self, doc: Document) -> list[Segment]:
        """The pieces of plain text this rule's scope reads."""
        return self.spec.scope.segments(doc)

    def finditer(self, pattern: regex.Pattern, text: str) -> list[regex.Match]:
        """Matches of pattern in text, within the rule's time limits."""
        return self.clock.finditer(pattern, text)


class LexiconRule(RuleType):
    """A rule that judges words with a Lexicon, whose dictionaries' verdicts it learns and keeps."""

    lexicon: Lexicon

    @property
    def vocabulary_read(self) -> tuple:
        """The phrases, whose words are not looked at, the rejected terms, which are reported even
        when the dictionary knows them, and the compounds accepted whole, which are not split;
        accepted words are applied when judging."""
        vocabulary = self.spec.vocabulary
        if vocabulary is None:
            return ()
        return tuple(vocabulary.phrases), vocabulary.reject, tuple(t for t in vocabulary.accept if "-" in t)

    @property
    def _exempting_vocabulary(self) -> Vocabulary | None:
        return None  # the lexicon reads the vocabulary itself, whatever a `vocab` key says

    @property
    def learned_key(self) -> str | None:
        return self.lexicon.learned_key

    def learned(self) -> dict:
        return self.lexicon.learned()

    def preload(self, learned: dict) -> None:
        self.lexicon.preload(learned)


_PLACEHOLDER = regex.compile(r"%%|%(?:\[(\d+)\])?[sd]")


def format_message(template: str, args: tuple) -> str:
    """Fill %s (or %d) placeholders as Go's Sprintf does for Vale: in order, or by index with %[2]s;
    a placeholder with no argument is left empty."""
    fillable, needed = _fillable(template)
    values = [str(arg) for arg in args[:needed]] + [""] * (needed - len(args))
    return " ".join(fillable.format(*values).strip().splitlines())


_MAX_ARGUMENTS = 64


@functools.lru_cache(maxsize=1024)
def _fillable(template: str) -> tuple[str, int]:
    """The template as str.format reads it, and how many arguments it takes: read once, for a
    book's thousands of findings of one rule."""
    parts, position, needed, last = [], 0, 0, 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(_braced(template[last : match.start()]))
        last = match.end()
        if match.group() == "%%":
            parts.append("%")
            continue
        index = int(match.group(1)) - 1 if match.group(1) else position
        position = index + 1
        if 0 <= index < _MAX_ARGUMENTS:  # no rule gives more; a larger index is left empty too
            parts.append(f"{{{index}}}")
            needed = max(needed, index + 1)
    parts.append(_braced(template[last:]))
    return "".join(parts), needed


def _braced(literal: str) -> str:
    return literal.replace("{", "{{").replace("}", "}}")


def count_placeholders(template: str) -> int:
    """How many arguments a message needs: its placeholders, or the highest %[n]s index."""
    needed = position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.group() != "%%":
            position = int(match.group(1)) if match.group(1) else position + 1
            needed = max(needed, position)
    return needed


def compile_pattern(pattern: str, ignorecase: bool = False) -> regex.Pattern:
    return regex.compile(("(?i)" if ignorecase else "") + pattern)


class Exceptions:
    """Vale's exceptions: terms searched, whole-word and case-sensitive unless a term starts with (?i),
    in the matched text; a term with a space is a phrase, and a match inside it is also exempt."""

    def __init__(self, terms: list[str], clock: PatternClock | None = None):
        self._words, self._phrases = _exception_patterns(tuple(terms))
        self._clock = clock or PatternClock()  # the rule's, so that its exceptions count against its time

    def exempt(self, matched: str) -> bool:
        return self._words is not None and self._clock.search(self._words, matched) is not None

    @property
    def pattern(self) -> str | None:
        """Every term as one pattern, to be matched alongside others; None without terms."""
        return None if self._words is None else self._words.pattern.removeprefix("(?m)")

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        if self._phrases is None:
            return []
        return [m.span() for m in self._clock.finditer(self._phrases, text)]

    def in_phrase(self, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return within(spans, start, end)


@functools.cache
def _exception_patterns(terms: tuple[str, ...]) -> tuple[regex.Pattern | None, regex.Pattern | None]:
    """Compiled once a process: every rule with `vocab: true` shares the vocabulary's terms."""
    ordered = sorted(terms, key=len, reverse=True)
    phrases = [t for t in ordered if " " in t or "\t" in t or "\\s" in t]
    return _alternation(ordered), _alternation(phrases)


def _alternation(terms: list[str]) -> regex.Pattern | None:
    if not terms:
        return None
    return regex.compile(r"(?m)\b(?:" + "|".join(_scoped(t) for t in terms) + r")\b")


def _scoped(term: str) -> str:
    if term.startswith("(?i)"):
        return f"(?i:{term[4:]})"
    return f"(?-i:{term})"
