"""Source text -> Document: the prose of each block as plain text, whose words it is, where it sits.

Each block (paragraph, heading, table cell) gets its *plain text*: the source with the markup
taken out (emphasis marks, link destinations, block-quote prefixes) and with code, URLs and
images masked by placeholder characters, one for each character they take in the source. Rules
match on plain text, so they read what a reader reads; every plain-text offset maps back to a
source offset through the block's runs, so positions are computed from offsets, never by
searching for the matched text again.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import unicodedata
from dataclasses import dataclass, field

import regex

from .finding import Voice
from .quotes import Mark, Quote

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
# How a text is read: as Markdown, as plain text, or as plain text with nothing taken for markup
# or masked, URLs included (--ignore-syntax).
SYNTAXES = ("md", "txt", "plain")


def syntax_of(path: str) -> str:
    """How a file is read by its suffix: Markdown or plain text. Standard input (`-`) is Markdown."""
    return "md" if path == "-" or path.lower().endswith(MARKDOWN_SUFFIXES) else "txt"


# Masks code, a URL or an image in plain text: neither a word nor a space. Like Vale, one per
# source character, so that a rule counting characters counts what the reader sees.
PLACEHOLDER = "\ufffc"

_SIC = regex.compile(r"\[sic\]", regex.IGNORECASE)
_WORDS_BEFORE_SIC = regex.compile(r"(?:[\w’'-]+[^\w\n]*){1,2}$")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of plain text and the source it stands for: copied as is, or replaced."""

    plain_start: int
    source_start: int
    source_end: int
    copied: bool


@dataclass(frozen=True)
class Block:
    """One run of prose: a paragraph, a heading or a table cell, as plain text mapped to the source."""

    # "paragraph", "heading", a table's "header", "cell" or "caption", an image's "alt" or a lone
    # image's "figure", or a "frontmatter" value
    kind: str
    text: str  # plain text
    runs: tuple[Run, ...] = field(repr=False)
    heading_level: int = 0
    in_blockquote: bool = False
    in_list: bool = False
    quotes: tuple[Quote, ...] = ()  # quotation-mark pairs, in plain-text offsets
    key: str = ""  # a front-matter value's key (`title`)
    marks: tuple[Mark, ...] = ()  # quotation marks and apostrophes, each with its role and partner; none read in block quotes
    _plain_starts: list[int] = field(init=False, repr=False, compare=False)
    _source_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_plain_starts", [run.plain_start for run in self.runs])
        object.__setattr__(self, "_source_starts", [run.source_start for run in self.runs])

    @property
    def start(self) -> int:
        return self.runs[0].source_start

    @property
    def end(self) -> int:
        return self.runs[-1].source_end

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the plain-text span [start, end)."""
        source_start = self._source_start(start)
        return (source_start, source_start) if end <= start else (source_start, self._source_end(end))

    def _source_start(self, offset: int) -> int:
        run = self.runs[max(bisect.bisect_right(self._plain_starts, offset) - 1, 0)]
        return run.source_start + (offset - run.plain_start if run.copied else 0)

    def _source_end(self, offset: int) -> int:
        run = self.runs[max(bisect.bisect_right(self._plain_starts, offset - 1) - 1, 0)]
        return run.source_start + (offset - run.plain_start) if run.copied else run.source_end

    def verbatim(self, source_start: int, source_end: int) -> bool:
        """Whether the source span is plain text as written: no markup in it, nothing masked."""
        index = bisect.bisect_right(self._source_starts, source_start) - 1
        if index < 0:
            return False
        run = self.runs[index]
        return run.copied and source_start >= run.source_start and source_end <= run.source_end

    @functools.cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """Plain-text spans of inline quotations (not scare quotes), outermost only."""
        return outermost(q.span for q in self.quotes if not q.scare)


@dataclass
class Document:
    path: str
    text: str  # the source, newlines normalized to "\n", without a byte-order mark
    blocks: list[Block]
    line_starts: list[int] = field(repr=False)
    comments: list[tuple[int, int]] = field(default_factory=list)  # HTML comments outside code: directives
    # How many code blocks, list items and block quotes the source has, by Vale's names for them
    # (`pre`, `list`, `blockquote`): what metric rules count besides words.
    block_counts: dict[str, int] = field(default_factory=dict)
    # Blocks beside the flow of prose, read by the scopes that take them in: images' alt texts,
    # each within the paragraph that holds the image (where the image is a placeholder), and the
    # front matter's values.
    asides: list[Block] = field(default_factory=list)
    # Vale's name for the format the text was read as, used in scopes such as `paragraph.md`.
    file_format: str = "txt"
    sic_spans: list[tuple[int, int]] = field(init=False)  # source spans of words marked [sic]
    _quoted: tuple[list[int], list[int]] = field(init=False, repr=False)
    _blockquoted: tuple[list[int], list[int]] = field(init=False, repr=False)
    _block_starts: list[int] = field(init=False, repr=False)
    _sic_reach: list[int] = field(init=False, repr=False)
    segments: dict = field(init=False, repr=False, default_factory=dict)  # scope -> its segments, made once
    sentences: dict = field(init=False, repr=False, default_factory=dict)  # sentences around findings, split once (engine)
    stats: dict[str, float] | None = field(init=False, repr=False, default=None)  # metric rules' counts, made once (textstats)

    def __post_init__(self) -> None:
        quotations = outermost(
            block.to_source(*span) for block in self.blocks if not block.in_blockquote for span in block.quotations
        )
        self._quoted = ([s for s, _ in quotations], [e for _, e in quotations])
        blockquotes = [(b.start, b.end) for b in self.blocks if b.in_blockquote]
        self._blockquoted = ([s for s, _ in blockquotes], [e for _, e in blockquotes])
        self.sic_spans = sorted(span for block in self.blocks for span in _sic_spans(block))
        # Spans may overlap ("a [sic] [sic]"): how far the spans so far reach, for one bisection a finding.
        self._sic_reach = list(itertools.accumulate((e for _, e in self.sic_spans), max))
        self._block_starts = [block.start for block in self.blocks]

    @functools.cached_property
    def raw_block(self) -> Block:
        """The whole source as one block, for rules scoped to `raw`."""
        return Block("raw", self.text, (Run(0, 0, len(self.text), True),))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a source offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def block_at(self, offset: int) -> Block | None:
        """The block whose source span holds the offset."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset <= self.blocks[index].end:
            return self.blocks[index]
        return None

    def voice_at(self, offset: int) -> Voice:
        if _inside(self._blockquoted, offset):
            return Voice.BLOCKQUOTE
        if _inside(self._quoted, offset):
            return Voice.QUOTATION
        return Voice.PROSE

    def verbatim(self, start: int, end: int) -> bool:
        """Whether a source span is text as written, so that replacing it cannot break markup."""
        block = self.block_at(start)
        return block is not None and block.verbatim(start, end)

    def is_sic(self, start: int, end: int) -> bool:
        """True when the source span overlaps words marked with [sic]."""
        before_end = bisect.bisect_left(self.sic_spans, (end,))  # the spans that start before `end`
        return before_end > 0 and self._sic_reach[before_end - 1] > start


def _inside(spans: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = spans
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the spans, which are sorted and apart (as finditer gives them)."""
    index = bisect.bisect_right(spans, (start, math.inf)) - 1
    return index >= 0 and end <= spans[index][1]


def outermost(spans) -> list[tuple[int, int]]:
    """Sorted spans with every span that lies inside another dropped."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            continue
        result.append((start, end))
    return result


# Invisible characters that reorder a line (bidi controls) or break it (line and paragraph
# separators), as the body of a regular expression's character class: a terminal shows text with
# them in another order or shape than the file holds, and a fix must never write them.
LAYOUT_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"


def is_letters(text: str) -> bool:
    """Whether text is letters only, a letter's combining marks among them: `café` written as `e`
    and U+0301, and हिन्दी (whose vowel signs are marks), are words as much as `café`."""
    return text.isalpha() or (bool(text) and text[0].isalpha() and all(ch.isalpha() or _is_mark(ch) for ch in text))


def splits_a_character(text: str, start: int, end: int) -> bool:
    """Whether [start, end) ends between a letter and its combining marks: a pattern that took
    `cafe` of a `café` written decomposed found a word the text does not hold. An emoji before its
    variation selector, or a mark a rule looks for itself, is no such split."""
    return start < end < len(text) and _is_mark(text[end]) and (text[end - 1].isalpha() or _is_mark(text[end - 1]))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M" and not ("\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of a normalized text starts: summed line lengths, in C."""
    return list(itertools.accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))


def normalize(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and lone CR into LF; line and column stay as editors count them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _sic_spans(block: Block) -> list[tuple[int, int]]:
    """Source spans of `[sic]` with the (up to) two words before it, which it keeps as written."""
    spans = []
    for match in _SIC.finditer(block.text):
        words = _WORDS_BEFORE_SIC.search(block.text, max(0, match.start() - 100), match.start())
        spans.append(block.to_source(words.start() if words else match.start(), match.end()))
    return spans
