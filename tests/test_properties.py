"""Properties of the document model over generated text: it never crashes, each block's plain text
maps back onto the source, and every finding's line and column point at exactly the text it reports."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import source_slice
from mslint.document import normalize
from mslint.engine import lint
from mslint.parsing import _code_spans, _markdown_parser, _parsed_markup, _setext_guide, parse
from mslint.rules import parse_rule

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUOTE_MARKS = "“”‘’«»\"'"

PATHS = st.sampled_from(["doc.md", "doc.txt"])

# Any text, with extra weight on what shifts positions: newlines of every kind, a byte-order mark,
# characters outside the Basic Multilingual Plane.
TRICKY = ["\r\n", "\r", "\n", "\n\n", "\ufeff", "😀", "𝔸", "\u00a0", "\t", "é", "e\u0301"]
ANY_TEXT = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(TRICKY)), max_size=20).map("".join)

FRAGMENTS = [
    # block markers
    "> ",
    "> > ",
    "- ",
    "* ",
    "1. ",
    "10. ",
    "# ",
    "## ",
    "    ",
    "\t",
    "```\n",
    "~~~\n",
    "---\n",
    "===\n",
    "| ",
    " |",
    "|---|\n",
    "[^1]: ",
    "<div>\n",
    "</div>\n",
    "<!--",
    "-->",
    # inline markup
    "`",
    "``",
    "*",
    "**",
    "_",
    "~~",
    "[",
    "]",
    "](",
    ")",
    "(",
    "<",
    ">",
    "<span>",
    "</span>",
    "\\",
    "![",
    "[^1]",
    "^[",
    "&amp;",
    "http://example.com/a",
    "www.example.org",
    "<https://x.org>",
    "me@example.com",
    # quotation marks, apostrophes, [sic]
    "“",
    "”",
    "‘",
    "’",
    "'",
    '"',
    "«",
    "»",
    "it's",
    "workers' ",
    "'90s",
    "rock 'n' roll",
    "[sic]",
    "\\[sic\\]",
    "[*sic*]",
    # newlines, spacing, awkward characters
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "  ",
    "\ufeff",
    "😀",
    "é",
    # words, some repeated so that the repetition rule finds something
    "the",
    "the ",
    "word",
    "word ",
    "target",
    "Target ",
    "colour",
    "Israel",
]
MARKDOWNISH = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)

SOURCES = st.one_of(ANY_TEXT, MARKDOWNISH)

RULES = [
    parse_rule("extends: existence\nmessage: \"'%s'\"\nraw: ['\\w+']\n", "words.yml", "Test.Words"),
    parse_rule("extends: existence\nmessage: \"'%s'\"\nraw: ['\\w+\\s+\\w+']\n", "pairs.yml", "Test.Pairs"),
    parse_rule("extends: repetition\nmessage: \"'%s'\"\ntokens: ['[^\\s]+']\n", "repeat.yml", "Test.Repeat"),
    parse_rule(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n"
        "swap:\n  target: goal\n  colour: color\n  the word: a word\n",
        "swap.yml",
        "Test.Swap",
    ),
    parse_rule("extends: existence\nmessage: \"'%s'\"\nscope: sentence\nraw: ['[\\w’]+\\W+$']\n", "end.yml", "Test.End"),
]


@SETTINGS
@given(SOURCES, PATHS, st.data())
def test_parse_never_crashes_and_plain_text_maps_to_the_source(source, path, data):
    doc = parse(path, source)
    text = normalize(source)
    assert doc.text == text
    assert "\r" not in text
    for block in doc.blocks:
        assert "\r" not in block.text
        assert 0 <= block.start <= block.end <= len(text)
        assert block.runs[0].plain_start == 0
        for run, following in zip(block.runs, [*block.runs[1:], None], strict=True):
            plain_end = following.plain_start if following else len(block.text)
            assert run.plain_start < plain_end
            assert block.start <= run.source_start < run.source_end <= block.end
            if following:
                assert run.source_end <= following.source_start  # runs keep the source's order
            if run.copied:
                assert block.text[run.plain_start : plain_end] == text[run.source_start : run.source_end]
        size = len(block.text)
        spans = [(0, size), (size, size), *data.draw(st.lists(st.tuples(*[st.integers(0, size)] * 2), max_size=10))]
        for start, end in spans:
            start, end = min(start, end), max(start, end)
            source_start, source_end = block.to_source(start, end)
            assert block.start <= source_start <= source_end <= block.end, (start, end)
            assert 0 <= source_start <= source_end <= len(text)


@SETTINGS
@given(SOURCES, PATHS)
def test_blocks_quotes_and_positions_stay_in_bounds(source, path):
    doc = parse(path, source)
    size = len(doc.text)
    assert [b.start for b in doc.blocks] == sorted(b.start for b in doc.blocks)
    for block in doc.blocks:
        assert not (block.in_blockquote and block.quotes)
        for quote in block.quotes:
            assert 0 <= quote.open < quote.close < len(block.text)
            assert block.text[quote.open] in QUOTE_MARKS and block.text[quote.close] in QUOTE_MARKS
        for start, end in block.quotations:
            assert 0 <= start < end <= len(block.text)
    for start, end in doc.sic_spans:
        # the source may hold markup inside "[sic]" (`\[sic\]`, `[*sic*]`); the plain text does not
        (block,) = [b for b in doc.blocks if b.start <= start < end <= b.end]
        assert "[sic]" in block.text.lower()
    lines = doc.text.split("\n")
    for offset in range(size + 1):
        line, column = doc.position(offset)
        assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
        doc.voice_at(offset)


@SETTINGS
@given(SOURCES, PATHS)
def test_every_finding_points_at_its_match(source, path):
    doc = parse(path, source)
    lines = normalize(source).split("\n")
    for finding in lint([doc], RULES).findings:
        assert (finding.line, finding.column) < (finding.end_line, finding.end_column)
        span = source_slice(lines, finding.line, finding.column, finding.end_line, finding.end_column)
        assert span == finding.match, finding


# Lines of Markdown in containers, some of them possible setext underlines.
LINE_PREFIXES = ["", "> ", "> > ", "- ", "* ", "1. ", "2) ", "  ", "   ", "    ", "\t", ">", "- > ", "> - ", "[^1]: "]
LINE_CONTENTS = ["text", "*em* `code`", "---", "===", "- - -", "***", "-", "=", "a -", "b =", "", " ", "```", "$$"]
LINE_CONTENTS += ["| a | b |", "|---|---|", "# head", "<div>", "[l]: /url", "Table: caption", "x  ", "\\"]
MARKDOWN_LINES = st.lists(
    st.tuples(
        st.lists(st.sampled_from(LINE_PREFIXES), max_size=2), st.sampled_from(LINE_CONTENTS), st.sampled_from(["", " ", "\t"])
    ),
    min_size=1,
    max_size=25,
).map(lambda lines: "\n".join("".join(prefixes) + content + end for prefixes, content, end in lines))


@SETTINGS
@given(st.one_of(MARKDOWN_LINES, MARKDOWNISH))
def test_setext_guide_changes_no_token(source):
    """The setext heading rule, skipped where its guide says no underline can follow, reads as it
    would tried everywhere."""
    text = normalize(source)
    lines = text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:number]) for number in range(len(lines))]
    md = _markdown_parser()
    guided = md.parse(text, {"setext": _setext_guide(text, lines, starts)})
    unguided = md.parse(text, {})
    assert [(t.type, t.map, t.content) for t in guided] == [(t.type, t.map, t.content) for t in unguided]


@SETTINGS
@given(st.lists(st.sampled_from(["`", "``", "```", "a", " ", "\n", "!", "]", "^", "-", "$"]), max_size=40).map("".join))
def test_code_spans_found_without_a_parse_are_those_it_finds(content):
    """Content whose only markup is backticks has its code spans read without markdown-it's
    inline parse, as that parse reads them."""
    parsed, comments, alts = _parsed_markup(_markdown_parser(), {"ignored": frozenset()}, content)
    assert sorted(_code_spans(content)) == sorted(parsed)
    assert comments == alts == []
