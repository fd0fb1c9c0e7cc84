"""Time limits on the regular expressions a user supplies (rules, their exceptions, vocabularies):
a pattern that backtracks without end is stopped, never left to hang the run.

The regex module counts a search's time in CPU time of the process, and so does the budget, so
that a busy machine does not stop a pattern that would have finished.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]  # the standard parser's node kinds
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import TypeVar

import regex

# One search over one piece of text (a paragraph, a word).
REGEX_TIMEOUT = 1.0
# All the searches of one owner (a rule, a vocabulary) in one run: without it, a pattern that
# takes just under REGEX_TIMEOUT on each paragraph would cost that much for every paragraph.
RUN_BUDGET = 5.0

_HINT = "simplify it (nested repeats such as (a+)+ backtrack without end)"

T = TypeVar("T")


class RuleTimeout(Exception):
    """A pattern ran past REGEX_TIMEOUT, or its owner's patterns past RUN_BUDGET."""


class PatternClock:
    """Runs one owner's patterns within the time limits, and counts the time they take."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.stopped: str | None = None  # why the owner's patterns no longer run, once over budget

    def finditer(self, pattern: regex.Pattern, text: str, pos: int = 0) -> list[regex.Match]:
        if self._bounded(pattern, len(text)):
            return list(pattern.finditer(text, pos))
        # All matches at once: the regex module would count the caller's time between matches too.
        return self.run(pattern, lambda timeout: list(pattern.finditer(text, pos, timeout=timeout)))

    def search(self, pattern: regex.Pattern, text: str) -> regex.Match | None:
        if self._bounded(pattern, len(text)):
            return pattern.search(text)
        return self.run(pattern, lambda timeout: pattern.search(text, timeout=timeout))

    def fullmatch(self, pattern: regex.Pattern, text: str) -> regex.Match | None:
        if self._bounded(pattern, len(text)):
            return pattern.fullmatch(text)
        return self.run(pattern, lambda timeout: pattern.fullmatch(text, timeout=timeout))

    def _bounded(self, pattern: regex.Pattern, length: int) -> bool:
        """Whether a search needs no time limit: it cannot run long (see steps_at_each_position).
        The limit is what costs, not the search: a timeout takes the regex module about 2 µs a
        call, four times the search of a paragraph for a list of words, most rules' pattern."""
        if self.stopped is not None:
            raise RuleTimeout(self.stopped)
        steps = steps_at_each_position(pattern)
        return steps is not None and steps * (length + 1) <= BOUNDED_STEPS

    def run(self, pattern: regex.Pattern, search: Callable[[float], T]) -> T:
        """search(timeout) within the limits; RuleTimeout when it runs past one of them."""
        if self.stopped is not None:
            raise RuleTimeout(self.stopped)
        timeout = min(REGEX_TIMEOUT, RUN_BUDGET - self.spent)
        started = time.process_time()
        try:
            return search(timeout)
        except TimeoutError:
            if timeout >= REGEX_TIMEOUT:
                raise RuleTimeout(f"pattern {pattern.pattern!r} took over {REGEX_TIMEOUT:g} s in one search; {_HINT}") from None
            raise RuleTimeout(self._stop(pattern)) from None
        finally:
            self.spent += time.process_time() - started
            if self.spent >= RUN_BUDGET and self.stopped is None:
                self._stop(pattern)

    def _stop(self, pattern: regex.Pattern) -> str:
        self.stopped = (
            f"its patterns ran for over {RUN_BUDGET:g} s in all, the last {pattern.pattern!r}, "
            f"so it is not run on the rest of the files; {_HINT}"
        )
        return self.stopped


# The most matching steps a search run with no time limit may take: well under 0.1 s.
BOUNDED_STEPS = 2_000_000
# Past this many ways to match at one position, a pattern counts as unbounded.
_MOST_PATHS = 100_000


@functools.lru_cache(maxsize=4096)  # a server that reloads edited rules meets new patterns for hours
def steps_at_each_position(pattern: regex.Pattern) -> int | None:
    """At most how many steps a search for the pattern takes at each position of a text, or None
    when that has no bound: an unbounded repeat (`+`, `*`, `{2,}`), a backreference, syntax the
    standard parser does not read (the regex module's own, such as \\p{L}), or too many ways to
    match. A pattern with none of those (a list of words, optional parts) backtracks only over
    its own alternatives, so its search takes time in proportion to the text's length."""
    if pattern.flags & (regex.VERSION1 | regex.VERBOSE) or _READ_OTHERWISE.search(pattern.pattern):
        return None
    try:
        found = _sequence(list(sre_parse.parse(pattern.pattern)))
    except Exception:  # any syntax it does not know, or groups nested past Python's stack: unbounded
        return None
    return None if found is None else found[1]


# What the regex module reads otherwise than Python's parser: fuzzy matching (`(?:word){e<=2}`),
# which Python's reads as text, and a verbose part (`(?x)`, `(?ix:`), where the regex module reads
# `{1 ,}` as a repeat and Python's as text.
_READ_OTHERWISE = regex.compile(r"\{[^}]*[eids]|\(\?[a-zA-Z-]*x")
_ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.AT, sre.CATEGORY}


def _sequence(items: list) -> tuple[int, int] | None:
    """(ways to match, steps to try them all) for items matched one after another: each way of
    the items before tries every way of the next."""
    return _one_after_another(_node(kind, value) for kind, value in items)


def _one_after_another(parts) -> tuple[int, int] | None:
    paths, steps = 1, 0
    for part in parts:
        if part is None:
            return None
        steps += paths * part[1]
        paths *= part[0]
        if paths > _MOST_PATHS:
            return None
    return paths, steps


def _node(kind, value) -> tuple[int, int] | None:
    if kind in _ATOMS:
        return 1, 1
    if kind is sre.IN:
        # Python's parser makes one set of alternatives that are single characters (`[a-z]|a`),
        # which the regex module tries one by one: each item of a set counts as a way.
        items = sum(1 for item_kind, _ in value if item_kind is not sre.NEGATE)
        return max(items, 1), 1
    if kind is sre.BRANCH:
        found = [_sequence(list(alternative)) for alternative in value[1]]
        ways = [f for f in found if f is not None]
        if len(ways) < len(found):
            return None
        return sum(paths for paths, _ in ways), sum(steps for _, steps in ways)
    if kind is sre.SUBPATTERN:
        return _sequence(list(value[3]))
    if kind in (sre.ASSERT, sre.ASSERT_NOT, sre.ATOMIC_GROUP):  # one way out, whatever is tried inside
        inner = _sequence(list(value[1] if kind is not sre.ATOMIC_GROUP else value))
        return None if inner is None else (1, inner[1])
    if kind in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        least, most, item = value
        if most is sre.MAXREPEAT or most > 100:
            return None
        inner = _sequence(list(item))
        if inner is None:
            return None
        optional = (inner[0] + 1, inner[1] + 1)
        return _one_after_another([inner] * least + [optional] * (most - least))
    return None  # backreferences, conditionals, possessive repeats: no bound is claimed
