"""Source text -> Document: Markdown (with markdown-it) or plain text, read block by block.

Each block's plain text is built piece by piece from the source, each piece recorded as a run
that maps it back, so that positions are computed from offsets, never by searching.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections import Counter
from dataclasses import dataclass

import regex
import yaml
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .document import PLACEHOLDER, Block, Document, Run, line_starts, normalize, syntax_of
from .limits import REGEX_TIMEOUT
from .quotes import find_quotes, read_marks
from .yamlread import FastestLoader, too_deep

# Inline constructs that become one placeholder, that vanish, or whose delimiters vanish.
_PLACEHELD = ("backticks", "autolink", "image")
_DROPPED = ("html_inline", "footnote_ref", "footnote_inline")
_DELIMITERS = ("emphasis", "strikethrough")
_BARE_URL = regex.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>]+[^\s<>.,;:!?\"'’”)\]]|\b[\w.+-]+@[\w-]+\.[\w.-]+\w")
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
# The characters that start the inline markup recorded below: escapes, code, emphasis and
# strikethrough, links, images and footnotes (`[`), autolinks and HTML (`<`), entities.
_INLINE_MARKUP = regex.compile(r"[\\`*_~\[<&]")
# The same but for backticks: without them, code spans are the only inline markup there is.
_MARKUP_BESIDES_CODE = regex.compile(r"[\\*_~\[<&]")


@dataclass(frozen=True)
class Ignores:
    """Text to leave unread, as a .vale.ini names it: TokenIgnores, read as code is (a
    placeholder, so the words around it stay apart), and BlockIgnores, read as blank lines;
    IgnoredScopes, inline markup read as code is (`link` or `a`, `strong` or `b`, `em` or `i`,
    `del` or `s`; code always is) and `img` (images' alt text), and SkippedScopes, Markdown's blocks by their HTML names
    (`blockquote`, `ul`, `ol` or `li`, `table`, `th` or `td`, `h1` to `h6`, `p`). Raw HTML's
    inline elements are read as code when IgnoredScopes names their tag, or IgnoredClasses
    (`classes`) one of their classes."""

    tokens: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    inline: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()

    def mask(self, text: str) -> str:
        """The text with what the patterns match blanked out, each character in its place. A
        pattern that runs past the time limit masks nothing more."""
        chars = None
        for patterns, blank in ((self.blocks, " "), (self.tokens, PLACEHOLDER)):
            for pattern in patterns:
                try:
                    spans = [m.span() for m in _ignore_pattern(pattern).finditer(text, timeout=REGEX_TIMEOUT)]
                except TimeoutError:
                    continue
                for start, end in spans:
                    chars = chars if chars is not None else list(text)
                    chars[start:end] = [c if c in "\r\n" else blank for c in text[start:end]]
        return text if chars is None else "".join(chars)


@functools.cache
def _ignore_pattern(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.MULTILINE)


def parse(path: str, text: str, ignores: Ignores | None = None, syntax: str | None = None) -> Document:
    """Build the Document for a file's decoded text, read as `syntax` (see SYNTAXES), or as its
    suffix says. What `ignores` names is left unread, every position kept."""
    text = normalize(text)
    if ignores is not None:
        text = ignores.mask(text)
    starts = line_starts(text)
    syntax = syntax or syntax_of(path)
    if syntax == "md":
        ignored = frozenset(_INLINE_SCOPES.get(name, name) for name in ignores.inline) if ignores else frozenset()
        tags = _IGNORED_TAGS | frozenset(ignores.inline if ignores else ())
        classes = frozenset(ignores.classes) if ignores else frozenset()
        blocks, comments, counts, asides = _markdown_blocks(text, starts, ignored, _RawIgnores(tags, classes))
        if "img" in ignored:  # an image's alt text
            asides = [aside for aside in asides if aside.kind not in ("alt", "figure")]
        if ignores is not None and ignores.skipped:
            skipped = frozenset(ignores.skipped)
            blocks, asides = [b for b in blocks if not _skipped(b, skipped)], [b for b in asides if not _skipped(b, skipped)]
    else:  # plain text; with syntax "plain" (--ignore-syntax), URLs are words too
        blocks = _text_blocks(text, masks_urls=syntax == "txt")
        comments, counts, asides = [m.span() for m in _COMMENT.finditer(text)], {}, []
    file_format = "md" if syntax == "md" else syntax_of(path)
    return Document(path, text, blocks, starts, comments, counts, asides, file_format)


# IgnoredScopes' names for inline markup (HTML's tags), as markdown-it names the markup.
_INLINE_SCOPES = {"a": "link", "b": "strong", "i": "em", "del": "s", "strike": "s"}
# Raw HTML elements whose content is always code, as in Vale (its default IgnoredScopes).
_IGNORED_TAGS = frozenset({"code", "tt"})


@dataclass(frozen=True)
class _RawIgnores:
    """Raw HTML's inline elements that are read as code is, tags and all: by tag name, or by class."""

    tags: frozenset[str]
    classes: frozenset[str]

    def ignores(self, name: str, attributes: str) -> bool:
        if name in self.tags:
            return True
        found = _CLASS.search(attributes) if self.classes else None
        return found is not None and not self.classes.isdisjoint(next(v for v in found.groups() if v is not None).split())


_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(.*?)(/?)>", regex.DOTALL)
_CLASS = regex.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE)
# Elements that have no content and no closing tag.
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


def _raw_element(env: dict, start: int, end: int) -> None:
    """Follow raw HTML's inline elements through an inline parse: at the closing tag of one that
    `env["raw"]` ignores, mark the element, tags and all, to be read as code is."""
    match = _TAG.fullmatch(env["src"], start, end)
    if match is None:
        return
    closing, name, attributes, self_closing = match[1], match[2].lower(), match[3], match[4]
    opened: list[tuple[str, int, bool]] = env["open_tags"]
    if not closing:
        if not self_closing and name not in _VOID:
            opened.append((name, start, env["raw"].ignores(name, attributes)))
        return
    index = next((i for i in range(len(opened) - 1, -1, -1) if opened[i][0] == name), None)
    if index is not None:
        _, open_start, ignored = opened[index]
        del opened[index:]
        if ignored:
            env["marks"].append((open_start, end, PLACEHOLDER))


def _skipped(block: Block, skipped: frozenset[str]) -> bool:
    """Whether SkippedScopes, by HTML's names for Markdown's blocks, leave a block unread."""
    names = {"blockquote"} if block.in_blockquote else set()
    if block.in_list:
        names |= {"ul", "ol", "li"}
    if block.kind == "heading":
        names.add(f"h{block.heading_level}")
    elif block.kind in ("header", "cell", "caption"):
        names |= {"table", {"header": "th", "cell": "td", "caption": "caption"}[block.kind]}
    elif block.kind == "paragraph":
        names.add("p")
    return not skipped.isdisjoint(names)


class _Builder:
    """Plain text and its runs, built piece by piece from the source."""

    def __init__(self, source: str):
        self.source = source
        self.pieces: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def copy(self, start: int, end: int, masks_urls: bool = True) -> None:
        """Copy source text, with bare URLs and e-mail addresses as placeholders (unless not `masks_urls`)."""
        chunk = self.source[start:end]
        position = 0
        if masks_urls and ("://" in chunk or "www." in chunk or "@" in chunk):
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


def _text_blocks(text: str, start: int = 0, masks_urls: bool = True) -> list[Block]:
    """The paragraphs of plain text from offset `start` (a line start) on; URLs and e-mail
    addresses masked, unless not `masks_urls`."""
    blocks: list[Block] = []
    for paragraph in regex.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text, pos=start):
        builder = _Builder(text)
        previous_end = None
        for line in regex.finditer(r"\S(?:[^\n]*\S)?", text, pos=paragraph.start(), endpos=paragraph.end()):
            if previous_end is not None:
                builder.replace("\n", previous_end, line.start())
            builder.copy(line.start(), line.end(), masks_urls)
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
# Tokens counted by Vale's name for them, for metric rules.
_COUNTED = {"fence": "pre", "code_block": "pre", "list_item_open": "list", "blockquote_open": "blockquote"}


@functools.cache
def _markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    front_matter_plugin(md)
    # Front matter starts at the first line only, so it never ends a paragraph, list or block
    # quote: out of their chains of rules, it is not tried at each of their lines.
    md.block.ruler.at("front_matter", next(r.fn for r in md.block.ruler.__rules__ if r.name == "front_matter"))
    footnote_plugin(md)
    # `$$ ... $$` display math is not prose (as in Vale); `$` inline is left as text, for `$5`
    # is a price far more often than math in a manuscript.
    dollarmath_plugin(md)
    md.disable("math_inline")
    # Inline content is parsed once, by _place_inline, which records where the markup is; so
    # footnote bodies stay where they are written (footnote_tail would keep only those it saw cited).
    md.disable(["inline", "text_join", "footnote_tail"])
    md.inline.ruler2.before("fragments_join", "paired_delimiters", _paired_delimiters)
    # Only what the inline rules record is read, never their tokens: line breaks and the joining
    # of text tokens make nothing we use. The text rule need then stop only where a rule in use
    # can start, or at `]`, which link labels look for; at any other stop every rule would fail.
    md.disable(["newline", "fragments_join"])
    md.inline.terminator_re = re.compile(r"[\\`*_~\[\]!^<&]")
    md.core.ruler.at("normalize", _normalize)
    md.block.ruler.at("lheading", _guarded_lheading(next(r.fn for r in md.block.ruler.__rules__ if r.name == "lheading")))
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
        elif name == "link" and "link" in state.env["ignored"]:  # IgnoredScopes: a link is read as code is
            marks.append((start, state.pos, PLACEHOLDER))
        elif name == "link":  # the label is prose; `[` and `](destination)` are not
            label_end = parseLinkLabel(state, start, True)
            marks.append((start, start + 1, ""))
            marks.append((label_end, state.pos, ""))
        elif name == "image":  # a placeholder in its paragraph; its alt text is a block of its own
            marks.append((start, state.pos, PLACEHOLDER))
            label_end = parseLinkLabel(state, start + 1, False)
            if label_end > start + 2:
                state.env["alts"].append((start + 2, label_end))
        elif name == "escape":  # keep the escaped character, drop the backslash
            marks.append((start, start + 1, ""))
        elif name == "entity":
            marks.append((start, state.pos, html.unescape(state.src[start : state.pos])))
        elif name == "html_inline" and state.src.startswith("<!--", start):
            marks.append((start, state.pos, ""))
            state.env["comments"].append((start, state.pos))
        elif name == "html_inline":
            marks.append((start, state.pos, ""))
            _raw_element(state.env, start, state.pos)
        else:
            marks.append((start, state.pos, PLACEHOLDER if name in _PLACEHELD else ""))
        return True

    return record


def _normalize(state) -> None:
    """markdown-it's first rule, for a text that parse() has normalized already: the same change,
    but without its regular expression's substitution of every newline by itself."""
    if "\r" in state.src:
        state.src = state.src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in state.src:
        state.src = state.src.replace("\0", "\ufffd")


# The last line of a setext heading, its underline: a line that ends in `-` or `=` (then spaces).
_UNDERLINE = regex.compile(r"[-=][ \t]*$", regex.MULTILINE)


def _setext_guide(text: str, lines: list[str], line_starts: list[int]) -> tuple[list[int], list[int]]:
    """The numbers of the lines that could underline a setext heading, and of the blank lines."""
    underlines = [bisect.bisect_right(line_starts, m.start()) - 1 for m in _UNDERLINE.finditer(text)]
    return underlines, [number for number, line in enumerate(lines) if not line.strip(" \t")]


def _guarded_lheading(rule):
    """Wrap the setext heading rule, which markdown-it tries at each paragraph's start, reading
    the paragraph to its end (each line tried by every rule that could end it) in search of an
    underline: when no line could be one before the next blank line, the rule would fail. Its
    guide is `env["setext"]`, from _setext_guide."""

    def lheading(state, start_line: int, end_line: int, silent: bool) -> bool:
        underlines, blank_lines = state.env.get("setext", (None, None))
        if underlines is not None:
            index = bisect.bisect_right(underlines, start_line)
            if index == len(underlines) or underlines[index] >= end_line:
                return False
            blank = bisect.bisect_right(blank_lines, start_line)
            # The rule stops at the first empty line, and a blank line is one in any container.
            if blank < len(blank_lines) and blank_lines[blank] < underlines[index] and state.isEmpty(blank_lines[blank]):
                return False
        return rule(state, start_line, end_line, silent)

    return lheading


def _paired_delimiters(state) -> None:
    """Record the emphasis delimiters that were paired as markup, once pairing is done: a paired
    one became a tag, or text emptied into its partner's tag."""
    delimiters = state.env.get("delimiters")
    if delimiters and state.src is state.env["src"]:
        state.env["marks"] += [(s, e, "") for s, e, token in delimiters if token.type != "text" or not token.content]
        if state.env["ignored"]:
            state.env["marks"] += [(s, e, PLACEHOLDER) for s, e in _ignored_spans(delimiters, state.env["ignored"])]
        delimiters.clear()


def _ignored_spans(delimiters: list, ignored: frozenset[str]):
    """The spans, delimiters and all, of the emphasis IgnoredScopes names (`strong`, `em`, `s`)."""
    opened: dict[str, list[int]] = {}
    for start, end, token in sorted(delimiters, key=lambda d: d[0]):
        kind, _, side = token.type.rpartition("_")
        if kind not in ignored:
            continue
        # Each delimiter character was a token of its own: `**` leaves an opening tag and an
        # emptied text token, so the tag's markup says how far the delimiter reaches.
        if side == "open":
            opened.setdefault(kind, []).append(end - len(token.markup))
        elif side == "close" and opened.get(kind):
            yield opened[kind].pop(), start + len(token.markup)


def _markdown_blocks(
    text: str, line_starts: list[int], ignored: frozenset[str] = frozenset(), raw: _RawIgnores | None = None
) -> tuple[list[Block], list[tuple[int, int]], dict[str, int], list[Block]]:
    """The blocks of prose, the source spans of the HTML comments (outside code), how many code
    blocks, list items and block quotes there are, and the blocks beside them (images' alt texts,
    front matter values). `ignored`: the inline markup read as code is (link, strong, em, s);
    `raw`: the raw HTML elements read as code is."""
    md = _markdown_parser()
    lines = text.split("\n")
    env: dict = {
        "ignored": ignored,
        "raw": raw or _RawIgnores(_IGNORED_TAGS, frozenset()),
        "setext": _setext_guide(text, lines, line_starts),
    }
    md.options["maxNesting"] = BLOCK_NESTING
    try:
        tokens = md.parse(text, env)
    except RecursionError:  # too deep for the stack after all: all of it as plain text
        return _text_blocks(text), [m.span() for m in _COMMENT.finditer(text)], {}, []
    md.options["maxNesting"] = INLINE_NESTING
    counts = dict(Counter(_COUNTED[t.type] for t in tokens if t.type in _COUNTED))

    tables = [token.map for token in tokens if token.type == "table_open" and token.map]
    blocks: list[Block] = []
    asides: list[Block] = []
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
            ranges, marks, inline_comments, alt_spans = placed
            comments += inline_comments
            kind, level = _block_kind(opener)
            if (
                kind == "paragraph"
                and opener is not None
                and _CAPTION.match(content)
                and _beside_table(opener.map, tables, lines)
            ):
                kind = "caption"
            block = _build(text, ranges, marks).block(kind, heading_level=level, in_blockquote=blockquotes > 0, in_list=lists > 0)
            if block is not None:
                blocks.append(block)
                # An image alone in its paragraph is a figure, its alt text the caption (as Pandoc has it).
                figure = kind == "paragraph" and len(alt_spans) == 1 and not block.text.strip(PLACEHOLDER + " \t\n")
                asides += [_alt_block(text, start, end, figure, blockquotes > 0, lists > 0) for start, end in alt_spans]
        elif token.type == "front_matter" and token.map:
            asides += _front_matter_blocks(text, line_starts[token.map[0] + 1], line_starts[token.map[1] - 1])
        elif token.type == "html_block" and token.map:
            start, end = line_starts[token.map[0]], line_starts[token.map[1]] if token.map[1] < len(lines) else len(text)
            comments += [m.span() for m in _COMMENT.finditer(text, start, end)]
        elif token.nesting == 1:
            opener = token
    blocks.sort(key=lambda b: b.start)  # source order, whatever order plugins emit tokens in
    asides.sort(key=lambda b: b.start)
    too_deep = next((t.map[0] for t in tokens if t.type in _CONTAINERS and t.level >= BLOCK_NESTING - 1 and t.map), None)
    if too_deep is not None:
        blocks, comments = _plain_from(text, line_starts[too_deep], blocks, comments)
        asides = [aside for aside in asides if aside.end <= line_starts[too_deep]]
    return blocks, sorted(comments), counts, asides


def _alt_block(text: str, start: int, end: int, figure: bool, in_blockquote: bool, in_list: bool) -> Block:
    """An image's alt text, `![this](image.png)`, as a block of its own: kind `figure` for an image
    alone in its paragraph (its caption, as Pandoc has it), `alt` for any other. An alt text over
    several lines reads each without its indent or block-quote marks."""
    block = _span_block(text, start, end, " \t>").block(
        "figure" if figure else "alt", in_blockquote=in_blockquote, in_list=in_list
    )
    assert block is not None  # an alt text has text
    return block


def _span_block(text: str, start: int, end: int, prefix: str) -> _Builder:
    """The text of a source span, each line after the first without the `prefix` characters
    (indent, block-quote marks) that start it."""
    builder = _Builder(text)
    previous_end = None
    for line in regex.finditer(r"[^\n]+", text, pos=start, endpos=end):
        line_start = line.start()
        if previous_end is not None:
            while line_start < line.end() and text[line_start] in prefix:
                line_start += 1
            builder.replace("\n", previous_end, line_start)
        builder.copy(line_start, line.end())
        previous_end = line.end()
    return builder


# Front matter larger than this is not read for its values: a manuscript's is a few lines.
FRONT_MATTER_LIMIT = 100_000


def _front_matter_blocks(text: str, start: int, end: int) -> list[Block]:
    """Each string value of a YAML front matter (between start and end) as a block of kind
    `frontmatter`, keyed by its top-level key: Vale reads them, as `text.frontmatter.title`. Front
    matter that is not YAML, or too large or deep to read, has none."""
    if end - start > FRONT_MATTER_LIMIT or _too_deep(text[start:end]):
        return []
    try:
        root = yaml.compose(text[start:end], Loader=FastestLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks = []
    seen: set[int] = set()  # a value an alias repeats is read once, where first written
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        for scalar in _string_scalars(value, seen):
            span = _scalar_span(text, start + scalar.start_mark.index, start + scalar.end_mark.index, scalar.style)
            block = _span_block(text, *span, " \t").block("frontmatter", key=str(key.value)) if span else None
            if block is not None:
                blocks.append(block)
    return blocks


FRONT_MATTER_DEPTH = 50


def _too_deep(source: str) -> bool:
    """Whether YAML nests lists and mappings deeper than FRONT_MATTER_DEPTH, or does not parse."""
    try:
        return too_deep(source, FRONT_MATTER_DEPTH) is not None
    except yaml.YAMLError:
        return True


def _string_scalars(node: yaml.Node, seen: set[int]):
    """The string scalars of a node, in lists and mappings too, each node once."""
    pending = [node]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:str":
            yield current
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value
        elif isinstance(current, yaml.MappingNode):
            pending += [value for _, value in current.value]


def _scalar_span(text: str, start: int, end: int, style: str | None) -> tuple[int, int] | None:
    """The source span of a scalar's words: inside its quotes, or below a block scalar's `|` or `>`."""
    if style in ('"', "'"):
        start, end = start + 1, end - 1
    elif style in ("|", ">"):
        newline = text.find("\n", start, end)
        if newline < 0:
            return None
        start = newline + 1
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return (start, end) if start < end else None


def _plain_from(text: str, cut: int, blocks: list[Block], comments: list[tuple[int, int]]):
    """The blocks and comments before offset `cut`, then the rest of the text read as plain text:
    markdown-it reads nothing nested deeper than BLOCK_NESTING, and no text may be lost."""
    cut = min([cut] + [b.start for b in blocks if b.end > cut])
    kept = [b for b in blocks if b.start < cut]
    comments = [c for c in comments if c[1] <= cut] + [m.span() for m in _COMMENT.finditer(text, cut)]
    return kept + _text_blocks(text, cut), sorted(comments)


# A table's caption, as Pandoc writes it: a paragraph starting `Table:` or `:` next to the table.
_CAPTION = regex.compile(r"(?:Table)?:\s")


def _beside_table(paragraph: list[int] | None, tables: list[list[int]], lines: list[str]) -> bool:
    """Whether a paragraph (its first and past-last line) stands just before or after a table,
    blank lines apart."""
    if not paragraph:
        return False
    start, end = paragraph
    for table_start, table_end in tables:
        between = range(table_end, start) if table_end <= start else range(end, table_start)
        if all(not lines[i].strip() for i in between):
            return True
    return False


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

    if not _INLINE_MARKUP.search(content):  # no recorded rule can match: nothing to find
        return ranges, [], [], []
    if not _MARKUP_BESIDES_CODE.search(content):  # most paragraphs with markup, in a technical book
        found, found_comments, found_alts = _code_spans(content), [], []
    else:
        found, found_comments, found_alts = _parsed_markup(md, block_env, content)
    starts = [a for a, _ in anchors]

    def to_source(offset: int) -> int:
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return anchors[index][1] + offset - anchors[index][0]

    # The outer of two marks that start together first: it takes in the other.
    marks = sorted(((to_source(s), to_source(e - 1) + 1, plain) for s, e, plain in found if e > s), key=lambda m: (m[0], -m[1]))
    comments = [(to_source(s), to_source(e - 1) + 1) for s, e in found_comments]
    alts = [(to_source(s), to_source(e - 1) + 1) for s, e in found_alts]
    return ranges, marks, comments, alts


def _parsed_markup(md, block_env, content):
    """The markup of an inline token's content as markdown-it's inline rules record it, as
    (start, end, plain text), with its HTML comments and images' alt texts, in content offsets."""
    # Keep the block parse's link and footnote definitions: without them `[text][label]` and
    # `[^note]` are not markup on this second pass, and their labels would be read as prose.
    env = {**block_env, "marks": [], "comments": [], "delimiters": [], "alts": [], "open_tags": [], "src": content}
    md.inline.parse(content, md, env, [])
    return env["marks"], env["comments"], env["alts"]


_BACKTICKS = regex.compile(r"`+")


def _code_spans(content: str) -> list[tuple[int, int, str]]:
    """The marks of content whose only markup is backticks, as _parsed_markup records them, without
    an inline parse: each code span, from a run of backticks to the next run as long, and each
    run that has no such run after it, are read as code."""
    runs = [match.span() for match in _BACKTICKS.finditer(content)]
    following: list[int | None] = [None] * len(runs)  # the index of the next run as long
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index], last[length] = last.get(length), index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        spans.append((runs[index][0], runs[index if closing is None else closing][1], PLACEHOLDER))
        index = index + 1 if closing is None else closing + 1
    return spans


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
    if any(_is_escape(text, mark) for mark in marks):
        marks = _without_escapes_in_urls(text, ranges, marks)
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


def _is_escape(text: str, mark: tuple[int, int, str]) -> bool:
    return mark[1] == mark[0] + 1 and text[mark[0]] == "\\" and not mark[2]


def _without_escapes_in_urls(text: str, ranges, marks: list) -> list:
    """The marks but the escapes inside bare URLs: `https://example.org/\\~user/` is one URL, read
    as a placeholder whole, not a URL and then the words `user`."""
    urls = [url.span() for start, end in ranges for url in _BARE_URL.finditer(text, start, end)]  # in order, apart
    starts = [start for start, _ in urls]

    def in_a_url(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < urls[index][1]

    return [mark for mark in marks if not (_is_escape(text, mark) and in_a_url(mark[0]))]


def _after_spaces(text: str, offset: int, end: int) -> int:
    while offset < end and text[offset] in " \t":
        offset += 1
    return offset
