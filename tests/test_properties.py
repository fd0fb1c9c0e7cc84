"""Properties of the document model over generated text: it never crashes, the view stays aligned
with the source, and every finding's line and column point at exactly the text it reports."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mslint.document import normalize, parse
from mslint.engine import lint
from mslint.rules import parse_rule

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PATHS = st.sampled_from(["doc.md", "doc.txt"])

# Any text, with extra weight on what shifts positions: newlines of every kind, a byte-order mark,
# characters outside the Basic Multilingual Plane.
TRICKY = ["\r\n", "\r", "\n", "\n\n", "\ufeff", "😀", "𝔸", "\u00a0", "\t", "é", "e\u0301"]
ANY_TEXT = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(TRICKY)), max_size=20).map("".join)

FRAGMENTS = [
    # block markers
    "> ", "> > ", "- ", "* ", "1. ", "10. ", "# ", "## ", "    ", "\t", "```\n", "~~~\n", "---\n", "===\n",
    "| ", " |", "|---|\n", "[^1]: ", "<div>\n", "</div>\n", "<!--", "-->",
    # inline markup
    "`", "``", "*", "**", "_", "~~", "[", "]", "](", ")", "(", "<", ">", "<span>", "</span>", "\\", "![",
    "[^1]", "^[", "&amp;", "http://example.com/a", "www.example.org", "<https://x.org>", "me@example.com",
    # quotation marks, apostrophes, [sic]
    "“", "”", "‘", "’", "'", "\"", "«", "»", "[sic]", "it's", "workers' ", "'90s", "rock 'n' roll",
    # newlines, spacing, awkward characters
    "\n", "\r\n", "\r", "\n\n", " ", "  ", "\ufeff", "😀", "é",
    # words, some repeated so that the repetition rule finds something
    "the", "the ", "word", "word ", "target", "Target ", "colour", "Israel",
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


def source_slice(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The source between two 1-based (line, column) positions, end column exclusive."""
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    middle = lines[line : end_line - 1]
    return "\n".join([lines[line - 1][column - 1 :], *middle, lines[end_line - 1][: end_column - 1]])


@SETTINGS
@given(SOURCES, PATHS)
def test_parse_never_crashes_and_the_view_stays_aligned(source, path):
    doc = parse(path, source)
    text = normalize(source)
    assert doc.text == text
    assert "\r" not in text
    assert len(doc.view) == len(text)
    for index, (seen, original) in enumerate(zip(doc.view, text)):
        if seen != " ":
            assert seen == original, index
        assert (seen == "\n") == (original == "\n"), index  # lines never move


@SETTINGS
@given(SOURCES, PATHS)
def test_blocks_quotes_and_positions_stay_in_bounds(source, path):
    doc = parse(path, source)
    size = len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= size
    assert [b.start for b in doc.blocks] == sorted(b.start for b in doc.blocks)
    for quote in doc.quotes:
        assert 0 <= quote.open < quote.close < size
    for start, end in doc.sic_spans:
        assert doc.text[start:end].lower().endswith("[sic]")
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
