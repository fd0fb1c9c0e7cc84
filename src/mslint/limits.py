"""Time limits on the regular expressions a user supplies (rules, their exceptions, vocabularies):
a pattern that backtracks without end is stopped, never left to hang the run.

The regex module counts a search's time in CPU time of the process, and so does the budget, so
that a busy machine does not stop a pattern that would have finished.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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
        # All matches at once: the regex module would count the caller's time between matches too.
        return self.run(pattern, lambda timeout: list(pattern.finditer(text, pos, timeout=timeout)))

    def search(self, pattern: regex.Pattern, text: str) -> regex.Match | None:
        return self.run(pattern, lambda timeout: pattern.search(text, timeout=timeout))

    def fullmatch(self, pattern: regex.Pattern, text: str) -> regex.Match | None:
        return self.run(pattern, lambda timeout: pattern.fullmatch(text, timeout=timeout))

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
