"""The segments a rule reads as one text, so that each of its patterns runs once a file, not once
a paragraph; offsets in it map back to the source."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

# Before each segment: where its block starts (and so a sentence), or where it goes on after a
# quotation left out. Neither is a word, a space nor a mark: no word, phrase or clause crosses them.
OPENS_BLOCK = "\x00"
GOES_ON = "\x01"
LEFT_OUT = GOES_ON  # what stands for the words of a blank


class Joined:
    def __init__(self, segments, blanks: Iterable[tuple[object, int, int]] = ()):
        """`blanks`: (segment, start, end) spans of the segments' text to leave out."""
        self.segments = segments
        texts = _blanked(segments, blanks)
        self.text = "".join(
            (OPENS_BLOCK if segment.start == 0 else GOES_ON) + text for segment, text in zip(segments, texts, strict=True)
        )
        self.starts = [start + 1 for start in itertools.accumulate((len(text) + 1 for text in texts), initial=0)][:-1]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        index = max(bisect.bisect_right(self.starts, start) - 1, 0)
        offset = start - self.starts[index]
        return self.segments[index].to_source(offset, offset + end - start)


def _blanked(segments, blanks) -> list[str]:
    """Each segment's text, with its blanks LEFT_OUT."""
    by_segment: dict[int, list[tuple[int, int]]] = {}
    for segment, start, end in blanks:
        by_segment.setdefault(id(segment), []).append((start, end))
    return [
        _left_out(segment.text, by_segment[id(segment)]) if id(segment) in by_segment else segment.text for segment in segments
    ]


def _left_out(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, done = [], 0
    for start, end in sorted(spans):
        start = max(start, done)
        if start < end:
            pieces += [text[done:start], LEFT_OUT * (end - start)]
            done = end
    return "".join(pieces) + text[done:]
