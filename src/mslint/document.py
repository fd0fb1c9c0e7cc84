"""Source text -> Document: which characters are prose, whose words they are, and where they sit.

The document keeps the source text and a *view* of the same length in which every character
that must not be linted (markup, code, HTML, URLs, front matter, quotation prefixes) is blanked
to a space. Rules match on the view, so a match's offsets are offsets into the source: positions
are computed from offsets, never by searching for the matched text again.
"""

from __future__ import annotations

import bisect
import functools
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

# Inline constructs whose whole source is never prose.
_MASK_WHOLE = ("backticks", "autolink", "html_inline", "image", "footnote_ref", "footnote_inline")
# Inline constructs whose delimiters are markup but whose content is prose.
_MASK_DELIMITERS = ("emphasis", "strikethrough")
_BARE_URL = regex.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>]+[^\s<>.,;:!?\"'’”)\]]|\b[\w.+-]+@[\w-]+\.[\w.-]+\w")
_SIC = regex.compile(r"\[sic\]", regex.IGNORECASE)
_WORDS_BEFORE_SIC = regex.compile(r"(?:[\w’'-]+[^\w\n]*){1,2}$")


@dataclass(frozen=True, slots=True)
class Block:
    """One run of lintable text: a paragraph, a heading or a table cell."""

    start: int
    end: int
    kind: str  # "paragraph", "heading", or a table's "header" or "cell"
    heading_level: int = 0
    in_blockquote: bool = False
    in_list: bool = False


@dataclass
class Document:
    path: str
    text: str  # the source, newlines normalized to "\n", without a byte-order mark
    view: str  # same length as text; non-prose characters blanked to spaces
    blocks: list[Block]
    quotes: list[Quote]  # every matched pair of quotation marks outside block quotes
    sic_spans: list[tuple[int, int]]  # words kept on purpose, with their [sic]
    line_starts: list[int] = field(repr=False)
    _quotation_starts: list[int] = field(init=False, repr=False)
    _quotation_ends: list[int] = field(init=False, repr=False)
    _blockquote_starts: list[int] = field(init=False, repr=False)
    _blockquote_blocks: list[Block] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        spans = outermost(q.span for q in self.quotes if not q.scare)
        self._quotation_starts = [s for s, _ in spans]
        self._quotation_ends = [e for _, e in spans]
        self._blockquote_blocks = [b for b in self.blocks if b.in_blockquote]
        self._blockquote_starts = [b.start for b in self._blockquote_blocks]

    @property
    def quotation_spans(self) -> list[tuple[int, int]]:
        """Inline quotations (not scare quotes), outermost only, sorted."""
        return list(zip(self._quotation_starts, self._quotation_ends))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a source offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def voice_at(self, offset: int) -> Voice:
        if _inside(self._blockquote_starts, [b.end for b in self._blockquote_blocks], offset):
            return Voice.BLOCKQUOTE
        if _inside(self._quotation_starts, self._quotation_ends, offset):
            return Voice.QUOTATION
        return Voice.PROSE

    @property
    def file_format(self) -> str:
        """Vale's name for the file's format, used in scopes such as `paragraph.md`."""
        return "md" if self.path.lower().endswith(MARKDOWN_SUFFIXES) else "txt"

    def is_sic(self, start: int, end: int) -> bool:
        """True when the span overlaps words marked with [sic]."""
        return any(s < end and start < e for s, e in self.sic_spans)


def _inside(starts: list[int], ends: list[int], offset: int) -> bool:
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
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        blocks, lintable = _markdown_blocks(text)
    else:
        blocks, lintable = _text_blocks(text)
    view = _blank_urls(_make_view(text, lintable))
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    quotes = [
        quote
        for block in blocks
        if not block.in_blockquote
        for quote in find_quotes(view, block.start, block.end)
    ]
    return Document(path, text, view, blocks, quotes, _sic_spans(view), line_starts)


def normalize(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and lone CR into LF; line and column stay as editors count them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _text_blocks(text: str) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks, lintable = [], []
    for match in regex.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        blocks.append(Block(match.start(), match.end(), "paragraph"))
        lintable.append(match.span())
    return blocks, lintable


# --- Markdown -------------------------------------------------------------------------------


@functools.cache
def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    front_matter_plugin(md)
    footnote_plugin(md)
    for name in _MASK_WHOLE + _MASK_DELIMITERS + ("link", "escape"):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _recording(name, rule.fn))
    return md


def _recording(name: str, rule):
    """Wrap an inline rule so that the source span of what it consumed is recorded as markup."""

    def record(state, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        masks = state.env.get("masks")
        if silent or masks is None or state.src is not state.env["src"]:
            return True  # validation pass, or a nested parse over another string
        if name == "link":
            label_end = parseLinkLabel(state, start, True)
            masks.append((start, start + 1))
            masks.append((label_end, state.pos))
        elif name == "escape":
            masks.append((start, start + 1))
        else:
            masks.append((start, state.pos))
        return True

    return record


def _markdown_blocks(text: str) -> tuple[list[Block], list[tuple[int, int]]]:
    md = _markdown_parser()
    env: dict = {}
    tokens = md.parse(text, env)
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    blocks: list[Block] = []
    lintable: list[tuple[int, int]] = []
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
            placed = _place_inline(md, env, content, line_map[0], lines, line_starts, cursors)
            if placed is None:
                continue  # could not align with the source: skip rather than report wrong positions
            ranges, masked = placed
            kind, level = _block_kind(opener)
            blocks.append(Block(ranges[0][0], ranges[-1][1], kind, level, blockquotes > 0, lists > 0))
            lintable.extend(_subtract(ranges, masked))
        elif token.nesting == 1:
            opener = token
    blocks.sort(key=lambda b: b.start)  # footnote bodies are moved to the end of the token stream
    return blocks, lintable


def _block_kind(opener) -> tuple[str, int]:
    if opener is not None and opener.type == "heading_open":
        return "heading", int(opener.tag[1])
    if opener is not None and opener.type in ("th_open", "td_open"):
        return ("header" if opener.type == "th_open" else "cell"), 0
    return "paragraph", 0


def _place_inline(md, block_env, content, first_line, lines, line_starts, cursors):
    """Map an inline token's content onto the source.

    Returns the source ranges of each content line's text and the source spans of the markup
    inside it, or None when the content cannot be aligned with the source.
    """
    content_lines = content.split("\n")
    anchors = []  # per content line: (content offset, source offset) of its first non-space character
    ranges = []
    content_offset = 0
    for number, piece in enumerate(content_lines):
        line_index = first_line + number
        if line_index >= len(lines):
            return None
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        source_line = lines[line_index]
        if stripped:
            column = _column_of(source_line, piece, stripped, cursors.get(line_index, 0))
            if column is None:
                return None
            cursors[line_index] = column + len(stripped)
            start = line_starts[line_index] + column
            anchors.append((content_offset + lead, start))
            ranges.append((start, start + len(stripped)))
        content_offset += len(piece) + 1
    if not ranges:
        return None

    # Keep the block parse's link and footnote definitions: without them `[text][label]` and
    # `[^note]` are not markup on this second pass, and their labels would be linted as prose.
    env = {**block_env, "masks": [], "src": content}
    md.inline.parse(content, md, env, [])
    starts = [a for a, _ in anchors]

    def to_source(offset: int) -> int:
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return anchors[index][1] + offset - anchors[index][0]

    masked = [(to_source(s), to_source(e - 1) + 1) for s, e in env["masks"] if e > s]
    return ranges, masked


def _column_of(source_line: str, piece: str, stripped: str, cursor: int) -> int | None:
    """Where a content line's stripped text starts in its source line."""
    trimmed = source_line.rstrip()
    if trimmed.endswith(stripped) and len(trimmed) - len(stripped) >= cursor:
        return len(trimmed) - len(stripped)
    found = source_line.find(stripped, cursor)
    return None if found < 0 else found


def _subtract(ranges, masked):
    """The parts of `ranges` not covered by any masked span."""
    if not masked:
        return ranges
    masked = sorted(masked)
    result = []
    for start, end in ranges:
        position = start
        for m_start, m_end in masked:
            if m_end <= position or m_start >= end:
                continue
            if m_start > position:
                result.append((position, m_start))
            position = max(position, m_end)
        if position < end:
            result.append((position, end))
    return result


# --- the view ---------------------------------------------------------------------------------


def _make_view(text: str, lintable: list[tuple[int, int]]) -> str:
    pieces = []
    position = 0
    for start, end in sorted(lintable):
        if start < position:
            start = position
        if start >= end:
            continue
        pieces.append(_blank(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(_blank(text[position:]))
    return "".join(pieces)


def _blank(chunk: str) -> str:
    if "\n" not in chunk:
        return " " * len(chunk)
    return "\n".join(" " * len(part) for part in chunk.split("\n"))


def _blank_urls(view: str) -> str:
    if "@" not in view and "://" not in view and "www." not in view:
        return view
    return _BARE_URL.sub(lambda m: " " * len(m.group()), view)


def _sic_spans(view: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SIC.finditer(view):
        window_start = max(0, match.start() - 100)
        words = _WORDS_BEFORE_SIC.search(view, window_start, match.start())
        spans.append((words.start() if words else match.start(), match.end()))
    return spans
