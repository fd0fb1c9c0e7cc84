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
from collections.abc import Iterable, Iterator

import regex


class Joined:
    """A file's segments as one text, offset for offset, so that a phrase or pattern is looked for
    once a file: line breaks read as spaces, segments apart (a NUL between two), and with `fold`
    in lower case (a segment that lowering would lengthen, as İ does, reads as NULs)."""

    def __init__(self, segments: list, fold: bool):
        self.segments = segments
        texts = [_searchable(segment.text, fold) for segment in segments]
        self.text = "\0".join(texts)
        self._starts = [0]
        for text in texts[:-1]:
            self._starts.append(self._starts[-1] + len(text) + 1)

    def place(self, start: int, end: int) -> tuple[object, int, int]:
        """The segment holding [start, end) of the joined text, and the span as its block's offsets."""
        index = bisect.bisect_right(self._starts, start) - 1
        segment = self.segments[index]
        shift = segment.start - self._starts[index]
        return segment, start + shift, end + shift

    def occurrences(self, phrases: Iterable[str]) -> Iterator[tuple[object, int, int, str]]:
        """(segment, start, end, phrase) of each occurrence of a phrase, in block-text offsets."""
        for phrase in phrases:
            index = self.text.find(phrase)
            while index >= 0:
                yield *self.place(index, index + len(phrase)), phrase
                index = self.text.find(phrase, index + 1)

    def finditer(self, pattern: regex.Pattern) -> Iterator[tuple[object, int, int, regex.Match]]:
        for match in pattern.finditer(self.text):
            yield *self.place(*match.span()), match


def _searchable(text: str, fold: bool) -> str:
    if fold:
        lowered = text.lower()
        text = lowered if len(lowered) == len(text) else "\0" * len(text)
    return text.replace("\n", " ")


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
