"""Scopes: which parts of a document a rule reads (Vale's scopes, plus `prose` and `quotation`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from .document import Block, Document

_BLOCK_SCOPES = {
    "text": lambda block: True,
    "paragraph": lambda block: block.kind == "paragraph",
    "heading": lambda block: block.kind == "heading",
    **{f"heading.h{n}": (lambda block, n=n: block.kind == "heading" and block.heading_level == n) for n in range(1, 7)},
    "table": lambda block: block.kind == "table",
    "list": lambda block: block.in_list,
    "blockquote": lambda block: block.in_blockquote,
}
_VOICES = ("prose", "quotation")
KNOWN = (*_BLOCK_SCOPES, "sentence", "raw", *_VOICES)

# A sentence ends at . ! ? or … (with closing quotes or brackets) before the capital that starts the next.
_SENTENCE_END = regex.compile(r"(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|No|vs|cf|e\.g|i\.e|[A-Z]))[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]*[\p{Lu}\d])")


class ScopeError(ValueError):
    pass


@dataclass(frozen=True)
class Scope:
    """A parsed `scope`: block filters (any entry admits a block; `a & b` needs both), plus modifiers."""

    entries: tuple[tuple[tuple[bool, str], ...], ...]  # each entry: (negated, block scope) parts
    voice: str | None = None  # "prose" or "quotation"
    sentences: bool = False
    raw: bool = False

    @classmethod
    def parse(cls, value: str | list[str]) -> Scope:
        names = [value] if isinstance(value, str) else list(value)
        entries, voice, sentences, raw = [], None, False, False
        for name in names:
            parts = []
            for part in (p.strip() for p in name.split("&")):
                negated = part.startswith("~")
                bare = part[1:] if negated else part
                if bare not in KNOWN:
                    raise ScopeError(f"unknown scope {part!r}; known scopes: {', '.join(KNOWN)} (each may start with ~)")
                if bare in _VOICES:
                    chosen = _VOICES[1 - _VOICES.index(bare)] if negated else bare
                    if voice not in (None, chosen):
                        raise ScopeError("a scope cannot be both prose and quotation")
                    voice = chosen
                elif bare in ("sentence", "raw"):
                    if negated:
                        raise ScopeError(f"scope {bare!r} cannot be negated")
                    sentences = sentences or bare == "sentence"
                    raw = raw or bare == "raw"
                else:
                    parts.append((negated, bare))
            if parts:
                entries.append(tuple(parts))
        if raw and (entries or voice or sentences):
            raise ScopeError("scope 'raw' reads the whole source and cannot be combined with other scopes")
        return cls(tuple(entries), voice, sentences, raw)

    def admits(self, block: Block) -> bool:
        return not self.entries or any(
            all(_BLOCK_SCOPES[name](block) != negated for negated, name in entry) for entry in self.entries
        )

    def segments(self, doc: Document) -> list[tuple[int, int]]:
        """The (start, end) source spans this scope reads, each matched on its own."""
        if self.raw:
            return [(0, len(doc.text))]
        quotations = doc.quotation_spans
        result = []
        for block in doc.blocks:
            if not self.admits(block):
                continue
            pieces = [(block.start, block.end)]
            if self.voice == "prose":
                pieces = [] if block.in_blockquote else _without(pieces[0], quotations)
            elif self.voice == "quotation" and not block.in_blockquote:
                pieces = _within(pieces[0], quotations)
            if self.sentences:
                pieces = [s for piece in pieces for s in split_sentences(doc.view, *piece)]
            result.extend(pieces)
        return result


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((start, match.end() - len(match.group()) + len(match.group().rstrip())))
        start = match.end()
    if start < end:
        spans.append((start, end))
    return spans


def _overlapping(span: tuple[int, int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping each other) that overlap `span`."""
    first = max(bisect.bisect_right(spans, (span[0],)) - 1, 0)
    last = bisect.bisect_left(spans, (span[1],))
    return [s for s in spans[first:last] if s[1] > span[0]]


def _without(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    start, end = span
    pieces = []
    for hole_start, hole_end in _overlapping(span, holes):
        if hole_start > start:
            pieces.append((start, hole_start))
        start = max(start, hole_end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _within(span: tuple[int, int], windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    start, end = span
    return [(max(start, s), min(end, e)) for s, e in _overlapping(span, windows)]
