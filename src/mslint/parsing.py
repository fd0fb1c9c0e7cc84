"""Source text -> Document: Markdown (with markdown-it) or plain text, read block by block.

Each block's plain text is built piece by piece from the source, each piece recorded as a run
that maps it back, so that positions are computed from offsets, never by searching.
"""

from __future__ import annotations

import bisect
import functools
import html

import regex
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .document import MARKDOWN_SUFFIXES, PLACEHOLDER, Block, Document, Run, line_starts, normalize
from .quotes import find_quotes, read_marks

# Inline constructs that become one placeholder, that vanish, or whose delimiters vanish.
_PLACEHELD = ("backticks", "autolink", "image")
_DROPPED = ("html_inline", "footnote_ref", "footnote_inline")
_DELIMITERS = ("emphasis", "strikethrough")
_BARE_URL = regex.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>]+[^\s<>.,;:!?\"'’”)\]]|\b[\w.+-]+@[\w-]+\.[\w.-]+\w")
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)


def parse(path: str, text: str) -> Document:
    """Build the Document for a file's decoded text; the suffix decides Markdown or plain text."""
    text = normalize(text)
    starts = line_starts(text)
    if path == "-" or path.lower().endswith(MARKDOWN_SUFFIXES):  # standard input is Markdown
        blocks, comments = _markdown_blocks(text, starts)
    else:
        blocks, comments = _text_blocks(text), [m.span() for m in _COMMENT.finditer(text)]
    return Document(path, text, blocks, starts, comments)


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
        marks = () if details.get("in_blockquote") else tuple(read_marks(text, 0, len(text)))
        return Block(kind, text, tuple(self.runs), quotes=tuple(find_quotes(text, marks)), marks=marks, **details)


def _text_blocks(text: str, start: int = 0) -> list[Block]:
    """The paragraphs of plain text from offset `start` (a line start) on."""
    blocks: list[Block] = []
    for paragraph in regex.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text, pos=start):
        builder = _Builder(text)
        previous_end = None
        for line in regex.finditer(r"\S(?:[^\n]*\S)?", text, pos=paragraph.start(), endpos=paragraph.end()):
            if previous_end is not None:
                builder.replace("\n", previous_end, line.start())
            builder.copy(line.start(), line.end())
            previous_end = line.end()
        block = builder.block("paragraph")
        if block is not None:  # a paragraph has text, so always
            blocks.append(block)
    return blocks


# --- Markdown -------------------------------------------------------------------------------

# How deep block quotes and lists may nest (a list item counts two). CommonMark's preset has 20,
# and markdown-it drops whatever lies deeper, with the rest of the file after a deep list:
# a list 10 deep ended the manuscript. Deeper than this, the rest of the file is read as plain
# text. Each level costs markdown-it two frames of Python's stack, well within its limit.
BLOCK_NESTING = 200
# Inline markup (links in links, emphasis in emphasis) nested deeper is read as text, nothing
# lost; the limit keeps markdown-it's search for the ends of `[[[[...` short.
INLINE_NESTING = 20
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open", "footnote_reference_open")


@functools.cache
def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    front_matter_plugin(md)
    footnote_plugin(md)
    # Inline content is parsed once, by _place_inline, which records where the markup is; so
    # footnote bodies stay where they are written (footnote_tail would keep only those it saw cited).
    md.disable(["inline", "text_join", "footnote_tail"])
    md.inline.ruler2.before("fragments_join", "paired_delimiters", _paired_delimiters)
    for name in _PLACEHELD + _DROPPED + _DELIMITERS + ("link", "escape", "entity"):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _recording(name, rule.fn))
    return md


def _recording(name: str, rule):
    """Wrap an inline rule so that what it consumed is recorded as markup: (start, end, plain text)."""

    def record(state, silent: bool) -> bool:
        start, pushed = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        marks = state.env.get("marks")
        if silent or marks is None or state.src is not state.env["src"]:
            return True  # validation pass, or a nested parse over another string
        if name in _DELIMITERS:
            # Each delimiter is a text token until emphasis is paired up, after the whole inline
            # parse: only then is it known to be markup (`*a*`) or text (`snake_case`, `2 * 3`).
            # Its tokens are the last pushed (text pending before it may be pushed first), and
            # cover the source it consumed.
            end = state.pos
            for token in reversed(state.tokens[pushed:]):
                if end <= start:
                    break
                state.env["delimiters"].append((end - len(token.content), end, token))
                end -= len(token.content)
        elif name == "link":  # the label is prose; `[` and `](destination)` are not
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


def _paired_delimiters(state) -> None:
    """Record the emphasis delimiters that were paired as markup, once pairing is done and before
    text tokens are joined: a paired one became a tag, or text emptied into its partner's tag."""
    delimiters = state.env.get("delimiters")
    if delimiters and state.src is state.env["src"]:
        state.env["marks"] += [(s, e, "") for s, e, token in delimiters if token.type != "text" or not token.content]
        delimiters.clear()


def _markdown_blocks(text: str, line_starts: list[int]) -> tuple[list[Block], list[tuple[int, int]]]:
    """The blocks of prose, and the source spans of the HTML comments (outside code)."""
    md = _markdown_parser()
    env: dict = {}
    md.options["maxNesting"] = BLOCK_NESTING
    try:
        tokens = md.parse(text, env)
    except RecursionError:  # too deep for the stack after all: all of it as plain text
        return _text_blocks(text), [m.span() for m in _COMMENT.finditer(text)]
    md.options["maxNesting"] = INLINE_NESTING
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
    too_deep = next((t.map[0] for t in tokens if t.type in _CONTAINERS and t.level >= BLOCK_NESTING - 1 and t.map), None)
    if too_deep is not None:
        return _plain_from(text, line_starts[too_deep], blocks, comments)
    return blocks, sorted(comments)


def _plain_from(text: str, cut: int, blocks: list[Block], comments: list[tuple[int, int]]):
    """The blocks and comments before offset `cut`, then the rest of the text read as plain text:
    markdown-it reads nothing nested deeper than BLOCK_NESTING, and no text may be lost."""
    cut = min([cut] + [b.start for b in blocks if b.end > cut])
    kept = [b for b in blocks if b.start < cut]
    comments = [c for c in comments if c[1] <= cut] + [m.span() for m in _COMMENT.finditer(text, cut)]
    return kept + _text_blocks(text, cut), sorted(comments)


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
    env = {**block_env, "marks": [], "comments": [], "delimiters": [], "src": content}
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


def _after_spaces(text: str, offset: int, end: int) -> int:
    while offset < end and text[offset] in " \t":
        offset += 1
    return offset
