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
import html
from dataclasses import dataclass, field

import regex
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .finding import Voice
from .quotes import Quote, find_quotes

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)

# Masks code, a URL or an image in plain text: neither a word nor a space. Like Vale, one per
# source character, so that a rule counting characters counts what the reader sees.
PLACEHOLDER = "\ufffc"

# Inline constructs that become one placeholder, that vanish, or whose delimiters vanish.
_PLACEHELD = ("backticks", "autolink", "image")
_DROPPED = ("html_inline", "footnote_ref", "footnote_inline")
_DELIMITERS = ("emphasis", "strikethrough")
_BARE_URL = regex.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>]+[^\s<>.,;:!?\"'’”)\]]|\b[\w.+-]+@[\w-]+\.[\w.-]+\w")
_SIC = regex.compile(r"\[sic\]", regex.IGNORECASE)
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
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

    kind: str  # "paragraph", "heading", or a table's "header" or "cell"
    text: str  # plain text
    runs: tuple[Run, ...] = field(repr=False)
    heading_level: int = 0
    in_blockquote: bool = False
    in_list: bool = False
    quotes: tuple[Quote, ...] = ()  # quotation-mark pairs, in plain-text offsets
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
    sic_spans: list[tuple[int, int]] = field(init=False)  # source spans of words marked [sic]
    _quoted: tuple[list[int], list[int]] = field(init=False, repr=False)
    _blockquoted: tuple[list[int], list[int]] = field(init=False, repr=False)
    _block_starts: list[int] = field(init=False, repr=False)
    segments: dict = field(init=False, repr=False, default_factory=dict)  # scope -> its segments, made once

    def __post_init__(self) -> None:
        quotations = outermost(
            block.to_source(*span) for block in self.blocks if not block.in_blockquote for span in block.quotations
        )
        self._quoted = ([s for s, _ in quotations], [e for _, e in quotations])
        blockquotes = [(b.start, b.end) for b in self.blocks if b.in_blockquote]
        self._blockquoted = ([s for s, _ in blockquotes], [e for _, e in blockquotes])
        self.sic_spans = [span for block in self.blocks for span in _sic_spans(block)]
        self._block_starts = [block.start for block in self.blocks]

    @property
    def file_format(self) -> str:
        """Vale's name for the file's format, used in scopes such as `paragraph.md`."""
        return "md" if self.path.lower().endswith(MARKDOWN_SUFFIXES) else "txt"

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
        return any(s < end and start < e for s, e in self.sic_spans)


def _inside(spans: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = spans
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def outermost(spans) -> list[tuple[int, int]]:
    """Sorted spans with every span that lies inside another dropped."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            continue
        result.append((start, end))
    return result


def parse(path: str, text: str) -> Document:
    """Build the Document for a file's decoded text; the suffix decides Markdown or plain text."""
    text = normalize(text)
    starts = line_starts(text)
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        blocks, comments = _markdown_blocks(text, starts)
    else:
        blocks, comments = _text_blocks(text), [m.span() for m in _COMMENT.finditer(text)]
    return Document(path, text, blocks, starts, comments)


def line_starts(text: str) -> list[int]:
    """The offset at which each line of a normalized text starts."""
    return [0] + [match.end() for match in regex.finditer("\n", text)]


def normalize(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and lone CR into LF; line and column stay as editors count them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class _Builder:
    """Plain text and its runs, built piece by piece from the source."""

    def __init__(self, source: str):
        self.source = source
        self.pieces: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        """Copy source text, with bare URLs and e-mail addresses as placeholders."""
        chunk = self.source[start:end]
        position = 0
        if "://" in chunk or "www." in chunk or "@" in chunk:
            for url in _BARE_URL.finditer(chunk):
                self._copy(start + position, start + url.start())
                self.replace(PLACEHOLDER * len(url.group()), start + url.start(), start + url.end())
                position = url.end()
        self._copy(start + position, end)

    def _copy(self, start: int, end: int) -> None:
        if start < end:
            self.runs.append(Run(self.length, start, end, True))
            self.pieces.append(self.source[start:end])
            self.length += end - start

    def replace(self, plain: str, start: int, end: int) -> None:
        """Stand `plain` for the source span [start, end)."""
        self.runs.append(Run(self.length, start, end, False))
        self.pieces.append(plain)
        self.length += len(plain)

    def ends_in_space(self) -> bool:
        return bool(self.pieces) and self.pieces[-1][-1:] in (" ", "\t")

    def block(self, kind: str, **details) -> Block | None:
        if not self.runs:
            return None
        text = "".join(self.pieces)
        quotes = () if details.get("in_blockquote") else tuple(find_quotes(text, 0, len(text)))
        return Block(kind, text, tuple(self.runs), quotes=quotes, **details)


def _text_blocks(text: str) -> list[Block]:
    blocks = []
    for paragraph in regex.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        builder = _Builder(text)
        previous_end = None
        for line in regex.finditer(r"\S(?:[^\n]*\S)?", text, pos=paragraph.start(), endpos=paragraph.end()):
            if previous_end is not None:
                builder.replace("\n", previous_end, line.start())
            builder.copy(line.start(), line.end())
            previous_end = line.end()
        blocks.append(builder.block("paragraph"))
    return blocks


# --- Markdown -------------------------------------------------------------------------------


@functools.cache
def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    front_matter_plugin(md)
    footnote_plugin(md)
    # Inline content is parsed once, by _place_inline, which records where the markup is; so
    # footnote bodies stay where they are written (footnote_tail would keep only those it saw cited).
    md.disable(["inline", "text_join", "footnote_tail"])
    for name in _PLACEHELD + _DROPPED + _DELIMITERS + ("link", "escape", "entity"):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _recording(name, rule.fn))
    return md


def _recording(name: str, rule):
    """Wrap an inline rule so that what it consumed is recorded as markup: (start, end, plain text)."""

    def record(state, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        marks = state.env.get("marks")
        if silent or marks is None or state.src is not state.env["src"]:
            return True  # validation pass, or a nested parse over another string
        if name == "link":  # the label is prose; `[` and `](destination)` are not
            label_end = parseLinkLabel(state, start, True)
            marks.append((start, start + 1, ""))
            marks.append((label_end, state.pos, ""))
        elif name == "escape":  # keep the escaped character, drop the backslash
            marks.append((start, start + 1, ""))
        elif name == "entity":
            marks.append((start, state.pos, html.unescape(state.src[start : state.pos])))
        elif name == "html_inline" and state.src.startswith("<!--", start):
            marks.append((start, state.pos, ""))
            state.env["comments"].append((start, state.pos))
        else:
            marks.append((start, state.pos, PLACEHOLDER if name in _PLACEHELD else ""))
        return True

    return record


def _markdown_blocks(text: str, line_starts: list[int]) -> tuple[list[Block], list[tuple[int, int]]]:
    """The blocks of prose, and the source spans of the HTML comments (outside code)."""
    md = _markdown_parser()
    env: dict = {}
    tokens = md.parse(text, env)
    lines = text.split("\n")

    blocks: list[Block] = []
    comments: list[tuple[int, int]] = []
    blockquotes = lists = 0
    opener = None
    cursors: dict[int, int] = {}
    for token in tokens:
        if token.type == "blockquote_open":
            blockquotes += 1
        elif token.type == "blockquote_close":
            blockquotes -= 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "inline":
            line_map = token.map or (opener.map if opener else None)
            if not line_map or not token.content:
                continue
            content = token.content
            if opener is not None and opener.type in ("th_open", "td_open"):
                # A table cell's content has each `\|` of the source unescaped to `|` (an unescaped
                # pipe would have ended the cell): escape it again, or the cell cannot be placed.
                content = content.replace("|", "\\|")
            cell = opener is not None and opener.type in ("th_open", "td_open")
            placed = _place_inline(md, env, content, line_map[0], lines, line_starts, cursors, cell)
            if placed is None:
                continue  # could not align with the source: skip rather than report wrong positions
            ranges, marks, inline_comments = placed
            comments += inline_comments
            kind, level = _block_kind(opener)
            block = _build(text, ranges, marks).block(kind, heading_level=level, in_blockquote=blockquotes > 0, in_list=lists > 0)
            if block is not None:
                blocks.append(block)
        elif token.type == "html_block" and token.map:
            start, end = line_starts[token.map[0]], line_starts[token.map[1]] if token.map[1] < len(lines) else len(text)
            comments += [m.span() for m in _COMMENT.finditer(text, start, end)]
        elif token.nesting == 1:
            opener = token
    blocks.sort(key=lambda b: b.start)  # source order, whatever order plugins emit tokens in
    return blocks, sorted(comments)


def _block_kind(opener) -> tuple[str, int]:
    if opener is not None and opener.type == "heading_open":
        return "heading", int(opener.tag[1])
    if opener is not None and opener.type in ("th_open", "td_open"):
        return ("header" if opener.type == "th_open" else "cell"), 0
    return "paragraph", 0


def _place_inline(md, block_env, content, first_line, lines, line_starts, cursors, cell=False):
    """Map an inline token's content onto the source.

    Returns the source ranges of each content line's text and the source spans of the markup
    inside it, as (start, end, plain text), or None when the content cannot be aligned.
    """
    anchors = []  # per content line: (content offset, source offset) of its first non-space character
    ranges = []
    content_offset = 0
    for number, piece in enumerate(content.split("\n")):
        line_index = first_line + number
        if line_index >= len(lines):
            return None
        stripped = piece.strip()
        if stripped:
            column = _column_of(lines[line_index], stripped, cursors.get(line_index, 0), cell)
            if column is None:
                return None
            cursors[line_index] = column + len(stripped)
            start = line_starts[line_index] + column
            anchors.append((content_offset + len(piece) - len(piece.lstrip()), start))
            ranges.append((start, start + len(stripped)))
        content_offset += len(piece) + 1
    if not ranges:
        return None

    # Keep the block parse's link and footnote definitions: without them `[text][label]` and
    # `[^note]` are not markup on this second pass, and their labels would be read as prose.
    env = {**block_env, "marks": [], "comments": [], "src": content}
    md.inline.parse(content, md, env, [])
    starts = [a for a, _ in anchors]

    def to_source(offset: int) -> int:
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return anchors[index][1] + offset - anchors[index][0]

    marks = sorted((to_source(s), to_source(e - 1) + 1, plain) for s, e, plain in env["marks"] if e > s)
    comments = [(to_source(s), to_source(e - 1) + 1) for s, e in env["comments"]]
    return ranges, marks, comments


def _column_of(source_line: str, stripped: str, cursor: int, cell: bool = False) -> int | None:
    """Where a content line's stripped text starts in its source line: at its end, after the
    prefixes markdown-it strips, except for a table cell, which is one part of its line."""
    trimmed = source_line.rstrip()
    if not cell and trimmed.endswith(stripped) and len(trimmed) - len(stripped) >= cursor:
        return len(trimmed) - len(stripped)
    found = source_line.find(stripped, cursor)
    return None if found < 0 else found


def _build(text: str, ranges, marks) -> _Builder:
    """Plain text from the lines of a block, leaving out or replacing each piece of markup."""
    builder = _Builder(text)
    position = ranges[0][0]  # everything before this is built already
    pending = iter(marks)
    mark = next(pending, None)
    for number, (start, end) in enumerate(ranges):
        if number and position < start:
            builder.replace("\n", position, start)  # the line break, with any `> ` or indent after it
        position = max(position, start)
        while mark is not None and mark[0] < end:
            mark_start, mark_end, plain = mark
            if mark_start >= position:
                builder.copy(position, mark_start)
                if plain == PLACEHOLDER:
                    plain *= mark_end - mark_start
                if plain:
                    builder.replace(plain, mark_start, mark_end)
                elif builder.ends_in_space():
                    mark_end = _after_spaces(text, mark_end, end)  # "a <!-- x --> b" reads "a b"
            position = max(position, mark_end)
            mark = next(pending, None)
        if position < end:
            builder.copy(position, end)
        position = max(position, end)
    return builder


def _sic_spans(block: Block) -> list[tuple[int, int]]:
    """Source spans of `[sic]` with the (up to) two words before it, which it keeps as written."""
    spans = []
    for match in _SIC.finditer(block.text):
        words = _WORDS_BEFORE_SIC.search(block.text, max(0, match.start() - 100), match.start())
        spans.append(block.to_source(words.start() if words else match.start(), match.end()))
    return spans


def _after_spaces(text: str, offset: int, end: int) -> int:
    while offset < end and text[offset] in " \t":
        offset += 1
    return offset
