"""Parsing: Markdown and plain text into blocks of plain text, and exactly where each finding sits.

Positions are checked through real findings of a one-token rule, so every expected
(line, column, end_line, end_column) here is what a user sees: 1-based, columns in code points,
end column exclusive.
"""

from __future__ import annotations

import pytest
import regex

from conftest import TARGET, found, make_rule, offset, plain, voiced
from mslint.document import PLACEHOLDER as OBJ
from mslint.document import Block, normalize
from mslint.engine import lint
from mslint.finding import Voice
from mslint.parsing import Ignores, parse
from mslint.rules import parse_rule

P, B, Q = Voice.PROSE, Voice.BLOCKQUOTE, Voice.QUOTATION


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("A target here.\n", [(1, 3, 1, 9)], id="paragraph"),
        pytest.param("First line\nand a target.\n", [(2, 7, 2, 13)], id="paragraph-second-line"),
        pytest.param("target\n", [(1, 1, 1, 7)], id="first-column"),
        pytest.param("No newline at the end target", [(1, 23, 1, 29)], id="no-final-newline"),
        pytest.param("One.\n\n\nTwo target.\n", [(4, 5, 4, 11)], id="after-blank-lines"),
        pytest.param("Hard  \nbreak target\n", [(2, 7, 2, 13)], id="hard-break"),
        pytest.param("> A target\n> and target.\n", [(1, 5, 1, 11), (2, 7, 2, 13)], id="blockquote"),
        pytest.param("> > deep target\n", [(1, 10, 1, 16)], id="nested-blockquote"),
        pytest.param("> > a\n> > target b\n", [(2, 5, 2, 11)], id="nested-blockquote-second-line"),
        pytest.param("> a\n>\n> b target\n", [(3, 5, 3, 11)], id="blockquote-two-paragraphs"),
        pytest.param("> line one\nlazy target\n", [(2, 6, 2, 12)], id="blockquote-lazy-continuation"),
        pytest.param("> A *target*\n", [(1, 6, 1, 12)], id="blockquote-emphasis"),
        pytest.param("- a target\n", [(1, 5, 1, 11)], id="bullet"),
        pytest.param("* a target\n+ b target\n", [(1, 5, 1, 11), (2, 5, 2, 11)], id="bullet-markers"),
        pytest.param("-\ttab target\n", [(1, 7, 1, 13)], id="bullet-tab"),
        pytest.param("1. ordered target\n", [(1, 12, 1, 18)], id="ordered"),
        pytest.param("10. ten target\n", [(1, 9, 1, 15)], id="ordered-two-digits"),
        pytest.param(
            "- a target\n  - nested target\n1. ordered target\n",
            [(1, 5, 1, 11), (2, 12, 2, 18), (3, 12, 3, 18)],
            id="nested-lists",
        ),
        pytest.param("1. a\n   1. b target\n      - c target\n", [(2, 9, 2, 15), (3, 11, 3, 17)], id="nested-ordered"),
        pytest.param("- item\n\n  second para target\n", [(3, 15, 3, 21)], id="list-item-second-paragraph"),
        pytest.param("- item\n  continued target\n", [(2, 13, 2, 19)], id="list-item-continuation"),
        pytest.param("> - quoted list target\n", [(1, 17, 1, 23)], id="list-in-blockquote"),
        pytest.param(
            "*target* **target** _target_ __target__ ~~target~~\n",
            [(1, 2, 1, 8), (1, 12, 1, 18), (1, 22, 1, 28), (1, 32, 1, 38), (1, 43, 1, 49)],
            id="emphasis-strong-strike",
        ),
        pytest.param("***target*** and *a **target** b*\n", [(1, 4, 1, 10), (1, 23, 1, 29)], id="nested-emphasis"),
        pytest.param("[the target](http://example.com)\n", [(1, 6, 1, 12)], id="link-text"),
        pytest.param("[*target*](http://example.com)\n", [(1, 3, 1, 9)], id="emphasis-in-link-text"),
        pytest.param("See [target] now.\n\n[target]: http://example.com\n", [(1, 6, 1, 12)], id="shortcut-reference-link"),
        pytest.param("# target #\n", [(1, 3, 1, 9)], id="atx-closing-hashes"),
        pytest.param("## a target ##\n", [(1, 6, 1, 12)], id="atx-h2-closing-hashes"),
        pytest.param("###### six target\n", [(1, 12, 1, 18)], id="atx-h6"),
        pytest.param("target\n======\n", [(1, 1, 1, 7)], id="setext-h1"),
        pytest.param("sub target\n---\n", [(1, 5, 1, 11)], id="setext-h2"),
        pytest.param("two line\ntarget\n===\n", [(2, 1, 2, 7)], id="setext-two-lines"),
        pytest.param("| a | b |\n|---|---|\n| target | x target |\n", [(3, 3, 3, 9), (3, 14, 3, 20)], id="table-cells"),
        pytest.param("| target | b |\n|---|---|\n", [(1, 3, 1, 9)], id="table-header"),
        pytest.param("| a \\| target | b |\n|---|---|\n", [(1, 8, 1, 14)], id="table-escaped-pipe"),
        pytest.param("| x | y |\n|---|---|\n| `a\\|b` target | c |\n", [(3, 10, 3, 16)], id="table-escaped-pipe-in-code"),
        pytest.param("Text.[^1]\n\n[^1]: A target note.\n", [(3, 9, 3, 15)], id="footnote-body"),
        pytest.param("Text.[^1]\n\n[^1]: First line\n    and a target.\n", [(4, 11, 4, 17)], id="footnote-body-continued"),
        pytest.param("Text[^1] target.\n\n[^1]: note target.\n", [(1, 10, 1, 16), (3, 12, 3, 18)], id="footnote-ref"),
        pytest.param("* * *\n\ntarget\n", [(3, 1, 3, 7)], id="after-thematic-break"),
        pytest.param("a\\*target\\*\n", [(1, 4, 1, 10)], id="escapes"),
    ],
)
def test_positions_in_markdown(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("line\r\nsecond target\r\n", [(2, 8, 2, 14)], id="crlf"),
        pytest.param("a\r\n\r\n> q target\r\n> more target\r\n", [(3, 5, 3, 11), (4, 8, 4, 14)], id="crlf-blockquote"),
        pytest.param("x\rtarget\r", [(2, 1, 2, 7)], id="lone-cr"),
        pytest.param("a\r\nb\nc\rtarget\n", [(4, 1, 4, 7)], id="mixed-newlines"),
        pytest.param("\ufeffThe target\n", [(1, 5, 1, 11)], id="bom"),
        pytest.param("\ufeff# target\r\n", [(1, 3, 1, 9)], id="bom-crlf-heading"),
        pytest.param("😀 target 😀 target\n", [(1, 3, 1, 9), (1, 12, 1, 18)], id="emoji"),
        pytest.param("😀😀 **target** `😀` target\n", [(1, 6, 1, 12), (1, 19, 1, 25)], id="emoji-markup"),
        pytest.param("𝔸𝔹 target\n", [(1, 4, 1, 10)], id="astral-letters"),
        pytest.param("é target\n", [(1, 3, 1, 9)], id="precomposed"),
        pytest.param("\ufeff😀 x\r\n> 😀 target\r\n", [(2, 5, 2, 11)], id="bom-crlf-emoji-blockquote"),
        pytest.param("| 😀 | target |\n|---|---|\n", [(1, 7, 1, 13)], id="emoji-table"),
        pytest.param("# 😀 target #\n", [(1, 5, 1, 11)], id="emoji-heading"),
        pytest.param("- 😀 target\n", [(1, 5, 1, 11)], id="emoji-list"),
    ],
)
def test_positions_survive_newlines_bom_and_astral_characters(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Use `target` here.\n", id="code-span"),
        pytest.param("Use ``a ` target`` here.\n", id="double-backtick-span"),
        pytest.param("```\ntarget\n```\n", id="fenced-code"),
        pytest.param("~~~ python\ntarget\n~~~\n", id="tilde-fence-info"),
        pytest.param("> ```\n> target\n> ```\n", id="fenced-code-in-blockquote"),
        pytest.param("- item\n\n  ```\n  target\n  ```\n", id="fenced-code-in-list"),
        pytest.param("    target in code\n", id="indented-code"),
        pytest.param("Para.\n\n    target in code\n", id="indented-code-after-paragraph"),
        pytest.param("\ttarget tabbed\n", id="tab-indented-code"),
        pytest.param("<!-- target -->\n", id="html-comment"),
        pytest.param("<!--\ntarget\n-->\n", id="html-comment-multiline"),
        pytest.param("Text <!-- target --> text\n", id="inline-html-comment"),
        pytest.param("<div>\ntarget\n</div>\n", id="html-block"),
        pytest.param("<span>\ntarget\n</span>\n", id="html-block-inline-tag"),
        pytest.param('a <abbr title="target">x</abbr> b\n', id="inline-html-attribute"),
        pytest.param("See http://target.example.com now.\n", id="http-url"),
        pytest.param("See https://example.com/target now.\n", id="https-url"),
        pytest.param("See www.target.com now.\n", id="www-url"),
        pytest.param("(see https://example.com/target)\n", id="url-in-parentheses"),
        pytest.param("<https://target.example.com>\n", id="autolink"),
        pytest.param("<me@target.com>\n", id="email-autolink"),
        pytest.param("[link](http://example.com/target)\n", id="link-destination"),
        pytest.param('[link](http://example.com "target")\n', id="link-title"),
        pytest.param("[link]: http://example.com/target\n", id="link-reference-definition"),
        pytest.param("See [the site][target] now.\n\n[target]: http://example.com\n", id="reference-link-label"),
        pytest.param("Text.[^target]\n\n[^target]: note.\n", id="footnote-label"),
        pytest.param("---\ntitle: target\n---\n", id="front-matter"),
        pytest.param("---\ntitle: x\ntags: [target]\n---\n\nBody.\n", id="front-matter-list"),
        pytest.param("Before.\n\n$$\ny = target + x\n$$\n\nAfter.\n", id="display-math"),
        pytest.param("$$ target $$\n", id="display-math-one-line"),
    ],
)
def test_never_linted(text):
    doc = parse("doc.md", text)
    assert "target" not in plain(doc)
    assert lint([doc], [TARGET]).findings == []


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("`target` and target\n", [(1, 14, 1, 20)], id="after-code-span"),
        pytest.param("```\ntarget\n```\ntarget\n", [(4, 1, 4, 7)], id="after-fence"),
        pytest.param("<!--\ntarget\n-->\nafter target\n", [(4, 7, 4, 13)], id="after-comment"),
        pytest.param("<https://target.com> target\n", [(1, 22, 1, 28)], id="after-autolink"),
        pytest.param("[target](http://target.com)\n", [(1, 2, 1, 8)], id="link-text-not-url"),
        pytest.param("---\ntitle: target\n---\n\nBody target.\n", [(5, 6, 5, 12)], id="after-front-matter"),
        pytest.param("---\r\ntitle: target\r\n---\r\n\r\nBody target.\r\n", [(5, 6, 5, 12)], id="front-matter-crlf"),
        # `$` is a price far more often than math: only `$$` blocks are left unread.
        pytest.param("$$\nx\n$$\n\nA $5 target and $x$ target.\n", [(5, 6, 5, 12), (5, 21, 5, 27)], id="after-display-math"),
    ],
)
def test_prose_next_to_masked_markup(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("A *target* and [see](http://x) it\n", ["A target and see it"], id="emphasis-and-link"),
        pytest.param("*a* **b** _c_ __d__ ~~e~~ ***f***\n", ["a b c d e f"], id="all-emphasis-marks"),
        pytest.param(
            "a snake_case_name, 2 * 3 and a_b *c\n", ["a snake_case_name, 2 * 3 and a_b *c"], id="unpaired-marks-are-text"
        ),
        pytest.param("__init__ and **bold*\n", ["init and *bold"], id="partly-paired-marks"),
        pytest.param("Use `code` now\n", [f"Use {OBJ * len('`code`')} now"], id="code-span"),
        pytest.param("Use ``a ` b`` now\n", [f"Use {OBJ * len('``a ` b``')} now"], id="double-backtick-span"),
        pytest.param("An ![alt text](p.png) here\n", [f"An {OBJ * len('![alt text](p.png)')} here"], id="image"),
        pytest.param("See <https://x.org> now\n", [f"See {OBJ * len('<https://x.org>')} now"], id="autolink"),
        pytest.param("See http://a.b/c. Now\n", [f"See {OBJ * len('http://a.b/c')}. Now"], id="bare-url-before-stop"),
        pytest.param("See www.ex.org now\n", [f"See {OBJ * len('www.ex.org')} now"], id="www-url"),
        pytest.param("Mail me@ex.com now\n", [f"Mail {OBJ * len('me@ex.com')} now"], id="e-mail"),
        # A backslash escape inside a URL (`\~`, as converters write it) leaves it one URL.
        pytest.param(
            "See http://a.b/\\~me/x now\n", ["See " + OBJ * len("http://a.b/~me/x") + OBJ + " now"], id="url-with-escape"
        ),
        pytest.param(
            "See [http://a.b/\\~me/](http://a.b/~me/) \\~me\n",
            ["See " + OBJ * len("http://a.b/~me/") + OBJ + " ~me"],
            id="url-with-escape-as-link-text",
        ),
        pytest.param(
            "\\* http://a.b/\\~x \\* http://c.d/\\~y \\*\n",
            ["* " + OBJ * len("http://a.b/~x") + OBJ + " * " + OBJ * len("http://c.d/~y") + OBJ + " *"],
            id="escapes-between-urls",
        ),
        pytest.param("> a\n> b\n", ["a\nb"], id="blockquote-prefixes"),
        pytest.param("> > a\n> > b\n", ["a\nb"], id="nested-blockquote-prefixes"),
        pytest.param("> a\nlazy\n", ["a\nlazy"], id="lazy-continuation"),
        pytest.param("- a\n  b\n", ["a\nb"], id="list-indentation"),
        pytest.param("1. a\n   b\n\n   c\n", ["a\nb", "c"], id="ordered-list-paragraphs"),
        pytest.param("Hard  \nbreak\n", ["Hard\nbreak"], id="hard-break-spaces"),
        pytest.param("one\\\ntwo\n", ["one\ntwo"], id="hard-break-backslash"),
        pytest.param("Tom &amp; Jerry\n", ["Tom & Jerry"], id="entity"),
        pytest.param("&copy; &#65; &nbsp;x\n", ["© A \u00a0x"], id="named-and-numeric-entities"),
        pytest.param("a\\*b\\* \\[c\\]\n", ["a*b* [c]"], id="escapes"),
        pytest.param('a <abbr title="t">x</abbr> b\n', ["a x b"], id="inline-html"),
        # Raw HTML's code is code, as in Vale (its default IgnoredScopes): read as a placeholder.
        pytest.param("a <code>x y</code> b\n", [f"a {OBJ * len('<code>x y</code>')} b"], id="inline-html-code"),
        pytest.param("a <TT>x</TT> b <tt>c\n", [f"a {OBJ * len('<TT>x</TT>')} b c"], id="inline-html-tt-unclosed"),
        pytest.param("<code>a <b>x</b> b</code>c\n", [OBJ * len("<code>a <b>x</b> b</code>") + "c"], id="inline-html-nested"),
        pytest.param("Text <!-- note --> text\n", ["Text text"], id="inline-comment-leaves-one-space"),
        pytest.param("word [^1] more\n\n[^1]: Note.\n", ["word more", "Note."], id="spaced-footnote-ref"),
        pytest.param("a <br> b\n", ["a b"], id="spaced-inline-tag"),
        pytest.param("Text.[^1] More.\n\n[^1]: Note.\n", ["Text. More.", "Note."], id="footnote-reference"),
        pytest.param("See [the site][ref] now.\n\n[ref]: http://x.y\n", ["See the site now."], id="reference-link"),
        pytest.param("See [target] now.\n\n[target]: http://example.com\n", ["See target now."], id="shortcut-link"),
        pytest.param('[link](http://example.com "title") x\n', ["link x"], id="link-title"),
        pytest.param("# Title #\n", ["Title"], id="atx-heading"),
        pytest.param("Sub\n---\n", ["Sub"], id="setext-heading"),
        pytest.param("| a \\| b | c |\n|---|---|\n| `x` | y |\n", ["a | b", "c", OBJ * len("`x`"), "y"], id="table-cells"),
        pytest.param("---\ntitle: x\n---\n\nBody.\n", ["Body."], id="front-matter"),
        pytest.param("```\ncode\n```\n\n    indented\n\n<div>\nhtml\n</div>\n", [], id="no-prose-at-all"),
    ],
)
def test_plain_text_of_markdown_blocks(text, expected):
    assert [b.text for b in parse("doc.md", text).blocks] == expected


def test_placeholder_is_neither_word_nor_space():
    assert OBJ == "\ufffc"
    assert regex.match(r"[\w\s]", OBJ) is None


def test_plain_text_maps_back_to_the_source():
    text = "> A *target* `x`\n> and [see](http://a.b) it\n"
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    assert block.text == f"A target {OBJ * len('`x`')}\nand see it"
    assert (block.start, block.end) == (2, len(text) - 1)
    target = block.text.index("target")
    assert block.to_source(target, target + 6) == (offset(doc, "target"), offset(doc, "target") + 6)
    assert block.to_source(0, len("A target")) == (2, offset(doc, "target") + 6)  # "A *target"
    code = block.text.index(OBJ)
    assert block.to_source(code, code + 3) == (offset(doc, "`x`"), offset(doc, "`x`") + 3)
    # part of a placeholder stands for all of what it masks
    assert block.to_source(code + 1, code + 2) == (offset(doc, "`x`"), offset(doc, "`x`") + 3)
    newline = block.text.index("\n")
    assert block.to_source(newline, newline + 1) == (offset(doc, "\n"), offset(doc, "and"))  # the break and the "> "
    see = block.text.index("see")
    assert block.to_source(see, len(block.text)) == (offset(doc, "see"), len(text) - 1)  # "see](http://a.b) it"
    assert block.to_source(see, see) == (offset(doc, "see"), offset(doc, "see"))
    runs = [(block.text[r.plain_start], doc.text[r.source_start : r.source_end], r.copied) for r in block.runs]
    assert runs == [
        ("A", "A ", True),
        ("t", "target", True),
        (" ", " ", True),
        (OBJ, "`x`", False),
        ("\n", "\n> ", False),
        ("a", "and ", True),
        ("s", "see", True),
        (" ", " it", True),
    ]


def test_block_start_and_end_are_those_of_the_plain_text():
    doc = parse("doc.md", "Text.[^1]\n\n[^1]: Note.\n\n*After* all.\n")
    assert [(b.text, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("Text.", "Text."),  # the footnote reference after the last run is left out
        ("Note.", "Note."),
        ("After all.", "After* all."),  # markup before the first run is left out, markup inside is not
    ]


def test_markup_makes_no_double_spaces():
    spacing = parse_rule(
        "extends: existence\nmessage: \"'%s'\"\nnonword: true\nraw: ['\\s{2,}']\n", "spacing.yml", "Test.Spacing"
    )
    text = "A **bold** move. A [link](http://x.y) here. Some `code` there.\n"
    assert lint([parse("doc.md", text)], [spacing]).findings == []
    (finding,) = lint([parse("doc.md", "A **bold**  move.\n")], [spacing]).findings  # a real one is still found
    assert (finding.line, finding.column, finding.end_line, finding.end_column, finding.match) == (1, 11, 1, 13, "  ")


def test_repetition_across_emphasis_is_placed_in_the_source():
    repeat = parse_rule("extends: repetition\nmessage: \"'%s'\"\ntokens: ['[^\\s]+']\n", "r.yml", "Test.Repeat")
    (finding,) = lint([parse("doc.md", "the **the** end\n")], [repeat]).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 10)
    assert finding.match == "the **the"


def test_normalize():
    assert normalize("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert normalize("\ufeffa\ufeff") == "a\ufeff"
    assert normalize("\r\r\n") == "\n\n"


def test_text_is_normalized():
    doc = parse("doc.md", "\ufeffOne\r\nTwo\rThree\n")
    assert doc.text == "One\nTwo\nThree\n"
    (block,) = doc.blocks
    assert block.text == "One\nTwo\nThree"
    assert (block.start, block.end) == (0, len(doc.text) - 1)


def test_position():
    doc = parse("doc.md", "ab\n😀cd\n\nx")
    assert doc.position(0) == (1, 1)
    assert doc.position(2) == (1, 3)  # the newline
    assert doc.position(3) == (2, 1)
    assert doc.position(4) == (2, 2)  # the emoji is one column
    assert doc.position(7) == (3, 1)
    assert doc.position(8) == (4, 1)
    assert doc.position(9) == (4, 2)  # the end of the text


def describe(block: Block) -> tuple:
    return block.kind, block.text, block.start, block.end, block.heading_level, block.in_blockquote, block.in_list


def test_markdown_blocks():
    doc = parse("doc.md", "# Title\n\n> quote\n\npara\n\n- item\n\n| a |\n|---|\n| b |\n\nsub\n---\n")
    assert [describe(b) for b in doc.blocks] == [
        ("heading", "Title", 2, 7, 1, False, False),
        ("paragraph", "quote", 11, 16, 0, True, False),
        ("paragraph", "para", 18, 22, 0, False, False),
        ("paragraph", "item", 26, 30, 0, False, True),
        ("header", "a", 34, 35, 0, False, False),
        ("cell", "b", 46, 47, 0, False, False),
        ("heading", "sub", 51, 54, 2, False, False),
    ]


def test_footnote_bodies_are_blocks_in_source_order():
    doc = parse("doc.md", "Text.[^1]\n\n[^1]: Note.\n\nAfter.\n")
    assert [(b.text, b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("Text.", "paragraph", "Text."),
        ("Note.", "paragraph", "Note."),
        ("After.", "paragraph", "After."),
    ]


def test_raw_block_is_the_whole_source():
    doc = parse("doc.md", "\ufeffA *b*\r\n`c`\n")
    raw = doc.raw_block
    assert raw.text == doc.text == "A *b*\n`c`\n"
    assert (raw.start, raw.end) == (0, len(doc.text))
    assert raw.to_source(2, 5) == (2, 5)


def test_text_files_split_paragraphs_on_blank_lines():
    doc = parse("notes.txt", "Para one target.\n\nPara two\ntarget here.\n  \n last \n")
    assert [(b.kind, b.text, b.start, b.end) for b in doc.blocks] == [
        ("paragraph", "Para one target.", 0, 16),
        ("paragraph", "Para two\ntarget here.", 18, 39),
        ("paragraph", "last", 44, 48),  # white space around a line is not part of the block
    ]
    assert found(doc.text, "notes.txt") == [(1, 10, 1, 16), (4, 1, 4, 7)]


def test_text_file_lines_lose_their_surrounding_spaces():
    doc = parse("notes.txt", "  one  \n\ttwo\t\n")
    (block,) = doc.blocks
    assert block.text == "one\ntwo"
    assert block.to_source(0, len(block.text)) == (2, 12)


def test_text_files_have_no_markdown():
    text = "# target\n\n> `target` *a* &amp; http://x.com/target\n"
    assert voiced(text, "notes.txt") == [(1, 3, P), (3, 4, P)]
    assert [b.text for b in parse("notes.txt", text).blocks] == [
        "# target",
        "> `target` *a* &amp; " + OBJ * len("http://x.com/target"),
    ]


def test_a_syntax_given_reads_a_file_as_that_format_whatever_its_suffix():
    text = "# target\n\nA `target` at http://x.com/target\n"
    as_markdown = parse("notes.xyz", text, syntax="md")
    assert [b.text for b in as_markdown.blocks] == ["target", f"A {OBJ * 8} at {OBJ * 19}"]
    assert (as_markdown.file_format, parse("notes.xyz", text).file_format, parse("-", text).file_format) == ("md", "txt", "md")
    assert [b.text for b in parse("notes.md", text, syntax="txt").blocks] == ["# target", f"A `target` at {OBJ * 19}"]


def test_plain_syntax_reads_markup_and_urls_as_words():
    """--ignore-syntax: the text as written, paragraph by paragraph, nothing masked."""
    doc = parse("notes.md", "# target\n\n```\nA `target` at http://x.com/target\n```\n", syntax="plain")
    assert [(b.text, b.start) for b in doc.blocks] == [("# target", 0), ("```\nA `target` at http://x.com/target\n```", 10)]
    assert doc.file_format == "md"  # Vale's scope for it is text.md


def test_ignored_classes_leave_raw_html_elements_of_those_classes_unread():
    ignores = Ignores(classes=("nop",))
    text = "<span class=\"nop\">TODO</span> a <em class='x nop'>b</em> <i class=nope>c</i> <a class=nop>d</a>\n"
    (block,) = parse("doc.md", text, ignores).blocks
    spans = ['<span class="nop">TODO</span>', "<em class='x nop'>b</em>"]
    assert block.text == f"{OBJ * len(spans[0])} a {OBJ * len(spans[1])} c {OBJ * len('<a class=nop>d</a>')}"
    assert [b.text for b in parse("doc.md", text).blocks] == ["TODO a b c d"]


def test_text_files_normalize_newlines_and_bom():
    assert found("\ufeffa\r\n\r\n😀 target\r\n", "notes.txt") == [(3, 3, 3, 9)]
    assert [b.text for b in parse("notes.txt", "\ufeffa\r\nb\rc\r\n\r\nd").blocks] == ["a\nb\nc", "d"]


def test_text_files_find_quotations():
    assert voiced("He said “the target is near us” today.\n", "notes.txt") == [(1, 14, Q)]


def test_text_files_with_only_markers():
    doc = parse("notes.txt", "> \n\n- \n")
    assert [(b.text, b.start, b.end) for b in doc.blocks] == [(">", 0, 1), ("-", 4, 5)]


def test_every_table_cell_is_placed_on_its_own():
    rule = make_rule("extends: existence\nmessage: x\ntokens: [zap]\n")
    found = lint([parse("t.md", "h1 | h2\n--- | ---\nzap | a zap\n")], [rule]).findings
    assert [(f.line, f.column) for f in found] == [(3, 1), (3, 9)]
