"""A chapter as its reader sees it, in HTML, with each finding highlighted on its words.

markdown-it renders the chapter. To know where a finding's words land in what it renders, a
marker is put into the source at each offset where a finding starts or ends, before rendering.
A marker is a few characters of Unicode's private use area, which Markdown reads as letters, so
it rides along in the text and comes out exactly where the words are, whatever the markup around
them: emphasis, links, block quotes, footnotes moved to the end. Each marker names its boundary,
and so the findings open after it. The renderer wraps the text between markers in <mark>
elements, closing them before every tag and opening them again after it, so that the HTML nests
however findings and markup overlap. Every character of the source is escaped.

Rendering block by block from the linter's own blocks would lose what a reader sees (emphasis,
footnotes, lists); matching rendered text back to the source would be searching, which finds the
wrong place when words repeat. A marker could still change how the source reads (next to an
emphasis delimiter, or in a link's address for a rule on raw text), so each rendering is checked:
the marked source, rendered with its markers kept as text and then removed, must give exactly
the HTML of the source itself. The findings whose markers change it are found by halving and
left unmarked; the report lists them as such.
"""

from __future__ import annotations

import bisect
import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .document import MARKDOWN_SUFFIXES, line_starts
from .parsing import BLOCK_NESTING, INLINE_NESTING

_DIGITS = 0xE100  # a marker is a lead character, then its boundary's number in two digits of base 4096
_BASE = 4096
_LEADS = range(0xE000, 0xE100)  # the lead is one of these that the text does not hold


@dataclass(frozen=True)
class Span:
    """A finding's source span and its number in the report."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Rendered:
    html: str
    marked: frozenset[int]  # the findings given an element in html


Attributes = Callable[[int, bool], str]  # (finding, first element of it?) -> the <mark> tag's attributes


def render(path: str, text: str, spans: Sequence[Span], attributes: Attributes, name: str = "") -> Rendered:
    """The HTML of a chapter (Markdown, or plain text by its suffix) with each span highlighted;
    `name` keeps its footnotes' ids apart from other chapters'."""
    if not path.lower().endswith(MARKDOWN_SUFFIXES) and path != "-":
        return _render_plain(text, spans, attributes)
    try:
        return _render_markdown(text, spans, attributes, name)
    except RecursionError:  # nested too deeply for markdown-it: shown as plain text
        return _render_plain(text, spans, attributes)


def _render_plain(text: str, spans: Sequence[Span], attributes: Attributes) -> Rendered:
    marks = _Marks.of(text, spans)
    if marks is None:
        return Rendered(f'<div class="plain">{html.escape(text)}</div>', frozenset())
    writer = _Writer(marks, attributes)
    return Rendered(f'<div class="plain">{writer.text(marks.source)}</div>', frozenset(writer.opened))


def _render_markdown(text: str, spans: Sequence[Span], attributes: Attributes, name: str) -> Rendered:
    as_is = _html(_parse(text), None, name)
    kept = _markable(text, list(spans), as_is, name)
    marks = _Marks.of(text, kept)
    if marks is None:
        return Rendered(as_is, frozenset())
    writer = _Writer(marks, attributes)
    return Rendered(marks.strip(_html(_parse(marks.source), writer, name)), frozenset(writer.opened))


def _markable(text: str, spans: list[Span], as_is: str, name: str) -> list[Span]:
    """The spans whose markers leave the rendering as it is: all of them, almost always. Each check
    renders the chapter, so there are at most a few for each time the spans can be halved: past
    that, the spans not yet cleared are left unmarked rather than the report made slow."""
    checks = [4 * (len(spans).bit_length() + 1)]  # renderings left: enough to find two such spans by halving

    def harmless(some: list[Span]) -> bool:
        checks[0] -= 1
        marks = _Marks.of(text, some)
        return marks is not None and marks.strip(_html(_parse(marks.source), None, name)) == as_is

    def halving(some: list[Span]) -> list[Span]:
        if not some or checks[0] <= 0:
            return []
        if harmless(some):
            return some
        if len(some) == 1:
            return []
        middle = len(some) // 2
        return halving(some[:middle]) + halving(some[middle:])

    kept = halving(spans)
    if kept == spans or harmless(kept):
        return kept
    # Markers harmless apart and not together (two findings' markers side by side): one at a time.
    together: list[Span] = []
    for span in kept:
        if checks[0] > 0 and harmless([*together, span]):
            together.append(span)
    return together


class _Marks:
    """The source with a marker at each boundary of the spans, and the spans open after each."""

    def __init__(self, text: str, spans: Sequence[Span], lead: str):
        self.offsets = sorted({s.start for s in spans} | {s.end for s in spans})
        starting: dict[int, list[Span]] = {}
        for span in sorted(spans, key=lambda s: (s.start, -s.end, s.index)):  # outer before inner
            starting.setdefault(span.start, []).append(span)
        self.open_after: list[tuple[Span, ...]] = []
        self.points: list[tuple[Span, ...]] = []  # empty spans, at each boundary
        active: list[Span] = []
        for offset in self.offsets:
            new = starting.get(offset, [])
            active = [s for s in active if s.end > offset] + [s for s in new if s.end > offset]
            self.open_after.append(tuple(active))
            self.points.append(tuple(s for s in new if s.end == offset))
        pieces, position = [], 0
        for number, offset in enumerate(self.offsets):
            pieces += [text[position:offset], lead, chr(_DIGITS + number // _BASE), chr(_DIGITS + number % _BASE)]
            position = offset
        pieces.append(text[position:])
        self.source = "".join(pieces)
        self.pattern = regex.compile(regex.escape(lead) + f"([{chr(_DIGITS)}-{chr(_DIGITS + _BASE - 1)}]{{2}})")
        self.line_starts = line_starts(text)

    @classmethod
    def of(cls, text: str, spans: Sequence[Span]) -> _Marks | None:
        """Markers for the spans; None when there are none, or the text holds every lead character."""
        lead = next((chr(c) for c in _LEADS if chr(c) not in text), None)
        if not spans or lead is None or len(spans) * 2 > _BASE * _BASE:
            return None
        return cls(text, spans, lead)

    def boundary(self, digits: str) -> int:
        return (ord(digits[0]) - _DIGITS) * _BASE + ord(digits[1]) - _DIGITS

    def open_at_line(self, line: int) -> tuple[Span, ...]:
        """The spans open where a line of the source starts, before any marker there."""
        offset = self.line_starts[min(line, len(self.line_starts) - 1)]
        before = bisect.bisect_left(self.offsets, offset) - 1
        return tuple(s for s in self.open_after[before] if s.end > offset) if before >= 0 else ()

    def strip(self, rendered: str) -> str:
        return self.pattern.sub("", rendered)


class _Writer:
    """Escaped text with <mark> elements around what findings cover, as the renderer meets it."""

    def __init__(self, marks: _Marks, attributes: Attributes):
        self.marks, self.attributes = marks, attributes
        self.active: tuple[Span, ...] = ()  # the spans open at this point of the text
        self.opened: set[int] = set()  # the spans given their first element

    def restart(self, line: int) -> None:
        """A block starts on this line: footnotes are rendered away from where they are written."""
        self.active = self.marks.open_at_line(line)

    def text(self, content: str) -> str:
        out: list[str] = []
        stack: list[Span] = []  # the spans with an element open, outer first
        position = 0
        for marker in self.marks.pattern.finditer(content):
            self._segment(out, stack, content[position : marker.start()])
            boundary = self.marks.boundary(marker[1])
            self.active = self.marks.open_after[boundary]
            for point in self.marks.points[boundary]:
                out.append(self._open(point) + "</mark>")
            position = marker.end()
        self._segment(out, stack, content[position:])
        out.append("</mark>" * len(stack))
        return "".join(out)

    def _segment(self, out: list[str], stack: list[Span], words: str) -> None:
        """Words that all of self.active cover: keep the elements open that still apply, close the
        rest (an element opened after one that closes closes too, and opens again), open the new."""
        if not words:
            return
        common = 0
        while common < min(len(stack), len(self.active)) and stack[common] == self.active[common]:
            common += 1
        out.append("</mark>" * (len(stack) - common))
        del stack[common:]
        for span in self.active[common:]:
            out.append(self._open(span))
            stack.append(span)
        out.append(html.escape(words))

    def _open(self, span: Span) -> str:
        first = span.index not in self.opened
        self.opened.add(span.index)
        return f"<mark {self.attributes(span.index, first)}>"

    def attribute(self, value: str) -> str:
        """An attribute's value, markers taken out (they still move the text's state on)."""
        for marker in self.marks.pattern.finditer(value):
            self.active = self.marks.open_after[self.marks.boundary(marker[1])]
        return html.escape(self.marks.strip(value))


# --- markdown-it, rendering every piece of the source as text ----------------------------------


@functools.cache
def _markdown() -> MarkdownIt:
    """CommonMark with tables, strikethrough, front matter and footnotes, as parsing.py reads it."""
    md = MarkdownIt("commonmark", renderer_cls=_Renderer).enable(["table", "strikethrough"])
    front_matter_plugin(md)
    footnote_plugin(md)
    md.add_render_rule("front_matter", _Renderer.front_matter)  # shown, where the plugin's shows nothing
    md.core.ruler.before("inline", "inline_nesting", _inline_nesting)
    return md


def _inline_nesting(state) -> None:
    """Nesting deep enough for a manuscript's lists and quotes, shallow for inline markup (see parsing.py)."""
    state.md.options["maxNesting"] = INLINE_NESTING


def _parse(text: str) -> list:
    md = _markdown()
    md.options["maxNesting"] = BLOCK_NESTING
    return md.parse(text, {})


def _html(tokens: list, writer: _Writer | None, name: str) -> str:
    md = _markdown()
    return md.renderer.render(tokens, md.options, {"writer": writer, "docId": name})


def _text(env, content: str) -> str:
    writer = env["writer"]
    return html.escape(content) if writer is None else writer.text(content)


def _attribute(env, value: str) -> str:
    writer = env["writer"]
    return html.escape(value) if writer is None else writer.attribute(value)


class _Renderer(RendererHTML):
    """markdown-it's HTML, with every piece of the source as escaped text: raw HTML shows as
    code, images as their description (the report loads nothing), and links leave no referrer."""

    def render(self, tokens, options, env) -> str:
        writer = env.get("writer")
        out = []
        for index, token in enumerate(tokens):
            if writer is not None and token.map and token.type != "inline":
                writer.restart(token.map[0])
            if token.type == "inline":
                out.append(self.renderInline(token.children or [], options, env))
            elif token.type in self.rules:
                out.append(self.rules[token.type](tokens, index, options, env))
            else:
                out.append(self.renderToken(tokens, index, options, env))
        return "".join(out)

    def text(self, tokens, idx, options, env) -> str:
        return _text(env, tokens[idx].content)

    def softbreak(self, tokens, idx, options, env) -> str:
        return _text(env, "\n")

    def code_inline(self, tokens, idx, options, env) -> str:
        return f"<code>{_text(env, tokens[idx].content)}</code>"

    def code_block(self, tokens, idx, options, env) -> str:
        return f"<pre><code>{_text(env, tokens[idx].content)}</code></pre>\n"

    def fence(self, tokens, idx, options, env) -> str:
        info = _attribute(env, tokens[idx].info.strip())
        return f'<pre data-info="{info}"><code>{_text(env, tokens[idx].content)}</code></pre>\n'

    def html_block(self, tokens, idx, options, env) -> str:
        return f'<pre class="html">{_text(env, tokens[idx].content)}</pre>\n'

    def html_inline(self, tokens, idx, options, env) -> str:
        return f'<code class="html">{_text(env, tokens[idx].content)}</code>'

    def image(self, tokens, idx, options, env) -> str:
        source = _attribute(env, tokens[idx].attrGet("src") or "")
        return f'<span class="image" title="{source}">{self.renderInline(tokens[idx].children or [], options, env)}</span>'

    def link_open(self, tokens, idx, options, env) -> str:
        attributes = "".join(f' {name}="{_attribute(env, str(value))}"' for name, value in tokens[idx].attrs.items())
        return f'<a{attributes} rel="noopener noreferrer">'

    def front_matter(self, tokens, idx, options, env) -> str:
        return f'<pre class="front-matter">{_text(env, tokens[idx].content)}</pre>\n'

    def th_open(self, tokens, idx, options, env) -> str:
        return self._cell("th", tokens[idx])

    def td_open(self, tokens, idx, options, env) -> str:
        return self._cell("td", tokens[idx])

    def _cell(self, tag: str, token) -> str:
        """A cell aligned by a class: the report's policy allows no style attributes."""
        style = str(token.attrGet("style") or "")
        return f'<{tag} class="{style.removeprefix("text-align:")}">' if style else f"<{tag}>"
