"""The segments a rule reads as one text, so that each of its patterns runs once a file, not once
a paragraph; offsets in it map back to the source, now or, from plain data (places), when judged.
"""

from __future__ import annotations

import bisect
import itertools
import operator
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

    def places(self, doc) -> dict:
        """What turns an offset of the text into a line and column of the source, as plain data
        (see place): the blocks' runs laid end to end, where each segment starts in the text and
        in those runs, and where each line of the source starts. Run by run, in C."""
        blocks = list({id(segment.block): segment.block for segment in self.segments}.values())
        starts = itertools.accumulate((len(block.text) + 1 for block in blocks), initial=0)
        bases = dict(zip(map(id, blocks), starts, strict=False))  # each block's start, its end left over
        runs = list(itertools.chain.from_iterable(block.runs for block in blocks))
        run_bases = itertools.chain.from_iterable(itertools.repeat(bases[id(block)], len(block.runs)) for block in blocks)
        return {
            "segments": self.starts,
            "bases": [bases[id(segment.block)] + segment.start for segment in self.segments],
            "runs": list(map(operator.add, map(_PLAIN_START, runs), run_bases)),
            "sources": list(map(_SOURCE_START, runs)),
            "copied": list(map(int, map(_COPIED, runs))),
            "lines": doc.line_starts,
        }


def place(places: dict, offset: int) -> tuple[int, int]:
    """The line and column (1-based) in the source of an offset of a Joined text, from places()."""
    segment = max(bisect.bisect_right(places["segments"], offset) - 1, 0)
    plain = places["bases"][segment] + offset - places["segments"][segment]
    run = max(bisect.bisect_right(places["runs"], plain) - 1, 0)
    source = places["sources"][run] + (plain - places["runs"][run] if places["copied"][run] else 0)
    line = bisect.bisect_right(places["lines"], source)
    return line, source - places["lines"][line - 1] + 1


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


_PLAIN_START = operator.attrgetter("plain_start")
_SOURCE_START = operator.attrgetter("source_start")
_COPIED = operator.attrgetter("copied")
