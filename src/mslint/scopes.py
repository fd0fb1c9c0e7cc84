"""Scopes: which parts of a document a rule reads (Vale's scopes, plus `prose` and `quotation`)."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .document import Block, Document

# First parts of a scope name. An image's alt text answers to `alt` and `attr` (Vale reads it as
# the img tag's attribute), a lone image's to `figure.caption` too; a table's caption (Pandoc's
# `Table: ...` paragraph beside it) to `table.caption`; a front matter's value to `frontmatter`
# and its key (`text.frontmatter.title`), and only to a scope that names `frontmatter`. Vale's
# title, summary and comment blocks are HTML's, not a manuscript's: rules scoped to them load and
# read nothing.
_BLOCK_NAMES = ("text", "paragraph", "heading", "table", "list", "blockquote", "alt", "figure", "attr", "frontmatter")
_VALE_ONLY = ("title", "summary", "comment")
_VOICES = ("prose", "quotation")
_MODIFIERS = ("sentence", "raw", *_VOICES)
KNOWN = (*_BLOCK_NAMES, *_MODIFIERS, *_VALE_ONLY)


def block_scopes(block: Block, file_format: str) -> frozenset[str]:
    """The names a block answers to; a scope such as `heading.h2` or `paragraph.md` needs all its parts."""
    names = {"text", file_format}
    if block.kind == "heading":
        names |= {"heading", f"h{block.heading_level}"}
    elif block.kind in ("header", "cell", "caption"):
        names |= {"table", block.kind}
    elif block.kind in ("alt", "figure"):
        names |= {"alt", "attr"} | ({"figure", "caption"} if block.kind == "figure" else set())
    elif block.kind == "frontmatter":
        names |= {"frontmatter", block.key}
    else:
        names.add("paragraph")
    if block.in_list:
        names.add("list")
    if block.in_blockquote:
        names.add("blockquote")
    return frozenset(names)


# A sentence ends at . ! ? or … (with closing quotes or brackets) before the capital that starts the next;
# a single full stop after an abbreviation or an initial does not end one, a run of marks does
# ("an A... Then"). A match starts only where a run of marks does, and takes the run whole: in a
# line of a hundred thousand full stops, a start at each would read the rest of the line again (hours).
_SENTENCE_END = regex.compile(
    r"(?<![.!?…])(?:[.!?…]{2,}+|(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|No|vs|cf|e\.g|i\.e|[A-Z]))[.!?…])"
    r"[\"”’')\]]*+\s+(?=[\"“‘'(\[]*[\p{Lu}\d])"
)


class ScopeError(ValueError):
    pass


@dataclass(frozen=True)
class _Entry:
    """One entry of a scope's list: blocks that have all its parts (each maybe negated), read
    whole or sentence by sentence."""

    parts: tuple[tuple[bool, frozenset[str]], ...]  # (negated, name parts)
    sentences: bool = False

    def admits(self, names: frozenset[str]) -> bool:
        # Front matter is metadata, read only where a scope names it (`text.frontmatter.title`).
        if "frontmatter" in names and not any("frontmatter" in wanted for negated, wanted in self.parts if not negated):
            return False
        return all((wanted <= names) != negated for negated, wanted in self.parts)


@dataclass(frozen=True)
class Scope:
    """A parsed `scope`: a list of entries, any of which admits a block, as in Vale (`a & b` needs
    both), plus modifiers: `raw`, and the voice (`prose` or `quotation`) for the whole list. An
    entry with `sentence` reads its blocks sentence by sentence: `[heading, sentence]` reads
    every block (headings too) by sentence, `paragraph & sentence` the sentences of paragraphs."""

    entries: tuple[_Entry, ...]  # none: every block, whole
    voice: str | None = None  # "prose" or "quotation"
    raw: bool = False
    written: tuple[str, ...] = ()  # the entries as the rule writes them (what --filter's .Scope reads)

    @classmethod
    def parse(cls, value: str | list[str]) -> Scope:
        """The scope a rule writes; one object for each way of writing it, so that the many
        rules of one scope find its segments, kept by scope, without comparing scopes."""
        return _parsed(value if isinstance(value, str) else tuple(value))

    def __hash__(self) -> int:
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash((self.entries, self.voice, self.raw, self.written))

    @classmethod
    def _parse(cls, value: str | tuple[str, ...]) -> Scope:
        names = [value] if isinstance(value, str) else list(value)
        entries, voice, raw = [], None, False
        for name in names:
            parts, sentences = [], False
            for part in (p.strip() for p in name.split("&")):
                negated = part.startswith("~")
                bare = part[1:] if negated else part
                first = bare.split(".")[0]
                if first not in KNOWN or not all(bare.split(".")):
                    raise ScopeError(f"unknown scope {part!r}; known scopes: {', '.join(KNOWN)} (each may start with ~)")
                if first in _MODIFIERS and bare != first:
                    raise ScopeError(f"scope {first!r} takes no qualifier: write {first!r}, not {bare!r}")
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
                    parts.append((negated, frozenset(bare.split("."))))
            if parts or sentences:
                entries.append(_Entry(tuple(parts), sentences))
        if raw and (entries or voice):
            raise ScopeError("scope 'raw' reads the whole source and cannot be combined with other scopes")
        return cls(tuple(entries), voice, raw, tuple(name.strip() for name in names))

    def admits(self, block: Block, file_format: str) -> bool:
        return self._reading(block, file_format) is not None

    def _reading(self, block: Block, file_format: str) -> bool | None:
        """None when no entry admits the block; else whether it is read sentence by sentence (when
        any entry that admits it says so)."""
        if not self.entries:
            return False if block.kind != "frontmatter" else None
        names = block_scopes(block, file_format)
        admitting = [entry.sentences for entry in self.entries if entry.admits(names)]
        return any(admitting) if admitting else None

    def segments(self, doc: Document) -> list[Segment]:
        """The pieces of plain text this scope reads, each matched on its own; made once a document."""
        found = doc.segments.get(self)
        if found is None:
            found = doc.segments[self] = self._segments(doc)
        return found

    def spans_by_block(self, doc: Document) -> dict[int, list[tuple[int, int]]]:
        """The id of each block this scope reads -> the spans of its plain text read, in order;
        made once a document."""
        key = (self, "by block")
        found = doc.segments.get(key)
        if found is None:
            found = doc.segments[key] = {}
            for segment in self.segments(doc):
                found.setdefault(id(segment.block), []).append((segment.start, segment.end))
        return found

    def _segments(self, doc: Document) -> list[Segment]:
        if self.raw:
            return [Segment(doc.raw_block, 0, len(doc.text))]
        file_format = doc.file_format
        result: list[Segment] = []
        blocks = sorted(doc.blocks + doc.asides, key=lambda b: b.start) if doc.asides else doc.blocks
        for block in blocks:
            sentences = self._reading(block, file_format)
            if sentences is None:
                continue
            pieces = [(0, len(block.text))]
            if self.voice == "prose":
                pieces = [] if block.in_blockquote else _without(pieces[0], block.quotations)
            elif self.voice == "quotation" and not block.in_blockquote:
                pieces = _within(pieces[0], block.quotations)
            if sentences:
                pieces = [s for piece in pieces for s in split_sentences(block.text, *piece)]
            result.extend(Segment(block, start, end) for start, end in pieces)
        return result


@functools.cache
def _parsed(value: str | tuple[str, ...]) -> Scope:
    return Scope._parse(value)


@dataclass(frozen=True)
class Segment:
    """A stretch of one block's plain text; offsets within it map back to the source."""

    block: Block
    start: int
    end: int

    @functools.cached_property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.block.to_source(self.start + start, self.start + end)


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
