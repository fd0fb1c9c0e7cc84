"""The text a rule reads, laid over the source: one string as long as the document's source, in
which what the rule reads stands where it is written and everything else (markup, code, other
people's words, other blocks) is NOT_READ. A pattern then runs once a file, not once a
paragraph, and an offset in what it finds is an offset in the source.
"""

from __future__ import annotations

from collections.abc import Iterable

NOT_READ = "\x01"  # neither a word, a space nor a mark: no word or clause crosses it
OPENS_BLOCK = "\x00"  # just before a block the rule reads: a sentence starts there


def prose_text(doc, segments, blanks: Iterable[tuple[int, int]] = ()) -> str:
    """The segments' text laid over the source, with the source spans in `blanks` left out too."""
    source = doc.text
    pieces: list[str] = []
    done = 0  # how far the source is laid
    block, first = None, 0  # the block read, and its first run that may reach the next segment
    for segment in segments:
        if segment.block is not block:
            block, first = segment.block, 0
            if block.start > done:
                pieces += [NOT_READ * (block.start - done - 1), OPENS_BLOCK]
                done = block.start
        runs, start, end = block.runs, segment.start, segment.end
        while first + 1 < len(runs) and runs[first + 1].plain_start <= start:
            first += 1
        for index in range(first, len(runs)):
            run = runs[index]
            if run.plain_start >= end:
                break
            if run.copied:
                piece_start = run.source_start + max(start - run.plain_start, 0)
                piece_end = min(run.source_end, run.source_start + end - run.plain_start)
                if piece_start < piece_end:
                    pieces += [NOT_READ * (piece_start - done), source[piece_start:piece_end]]
                    done = piece_end
    pieces.append(NOT_READ * (len(source) - done))
    return _blanked("".join(pieces), blanks)


def _blanked(text: str, blanks) -> str:
    pieces, done = [], 0
    for start, end in sorted(blanks):
        start = max(start, done)
        if start < end:
            pieces += [text[done:start], NOT_READ * (end - start)]
            done = end
    return "".join(pieces) + text[done:] if pieces else text


def phrase(text: str) -> str:
    """Words of a prose text as a reader reads them: what is not read left out, spaces as one."""
    return " ".join(text.replace(NOT_READ, " ").replace(OPENS_BLOCK, " ").split())
