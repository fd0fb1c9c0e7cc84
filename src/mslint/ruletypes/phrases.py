"""Forms read only beside another: where given phrases occur in a file, and how each file leans.

The consistency rules look, in one file, for the other spellings of what they found written one
way there (`long term` beside `long-term`, `global south` beside `Global South`): reading every
two-word phrase of every file would make the observations as large as the text. So a form read
this way is counted only in the files that use the other form too, and its count across the book
may be short: where the other form wins, one of its uses is reported only where its own file
leans to the other form as well (`leanings`), which the files left unread cannot change.

A file's text is searched as one (Joined), so that a phrase costs one search a file, not one a paragraph.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from ..scopes import Segment


class Joined:
    """A file's segments as one text, offset for offset, so that a phrase or pattern is looked for
    once a file: line breaks read as spaces, segments apart (a NUL between two), and with `fold`
    in lower case (a segment that lowering would lengthen, as İ does, reads as NULs)."""

    def __init__(self, segments: list[Segment], fold: bool):
        self.segments = segments
        texts = [segment.text for segment in segments]
        text = "\0".join(texts)
        if fold:
            lowered = text.lower()
            text = lowered if len(lowered) == len(text) else "\0".join(map(_folded, texts))
        self.text = text.replace("\n", " ")
        self._starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def place(self, start: int, end: int) -> tuple[Segment, int, int]:
        """The segment holding [start, end) of the joined text, and the span as its block's offsets."""
        index = bisect.bisect_right(self._starts, start) - 1
        segment = self.segments[index]
        shift = segment.start - self._starts[index]
        return segment, start + shift, end + shift

    def occurrences(self, phrases: Iterable[str]) -> Iterator[tuple[Segment, int, int, str]]:
        """(segment, start, end, phrase) of each occurrence of a phrase, in block-text offsets."""
        for phrase in phrases:
            index = self.text.find(phrase)
            while index >= 0:
                yield *self.place(index, index + len(phrase)), phrase
                index = self.text.find(phrase, index + 1)

    def finditer(self, pattern: regex.Pattern) -> Iterator[tuple[Segment, int, int, regex.Match]]:
        for match in pattern.finditer(self.text):
            yield *self.place(*match.span()), match


def _folded(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "\0" * len(text)


def keyed_by_file(observed: tuple, path: str) -> tuple:
    """An observation and its candidates, with the file's path added to each candidate's key."""
    observation, candidates = observed
    return observation, [([*key, path], hit) for key, hit in candidates]


def leanings(observations: list[dict]) -> dict[tuple[str, str], str]:
    """(path, query) -> the form a file uses most often of a query, where one form is used most."""
    leaning = {}
    for seen in observations:
        for query, forms in seen["forms"].items():
            counts = sorted(((found[0], form) for form, found in forms.items()), reverse=True)
            if len(counts) == 1 or counts[0][0] > counts[1][0]:
                leaning[seen["path"], query] = counts[0][1]
    return leaning
