"""Scopes: which blocks and which stretches of their plain text a rule reads."""

from __future__ import annotations

import pytest

from mslint.document import PLACEHOLDER as OBJ
from mslint.parsing import parse
from mslint.scopes import Scope, ScopeError, split_sentences

BOOK = """# Chapter one

A paragraph with “a quoted phrase that someone said” in it.

> A block quote.

- A list item.

| head |
|------|
| cell |

## Part two
"""


def read(scope: str | list[str], text: str = BOOK, path: str = "ch.md") -> list[str]:
    return [segment.text for segment in Scope.parse(scope).segments(parse(path, text))]


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (
            "text",
            [
                "Chapter one",
                "A paragraph with “a quoted phrase that someone said” in it.",
                "A block quote.",
                "A list item.",
                "head",
                "cell",
                "Part two",
            ],
        ),
        ("heading", ["Chapter one", "Part two"]),
        ("heading.h2", ["Part two"]),
        ("paragraph", ["A paragraph with “a quoted phrase that someone said” in it.", "A block quote.", "A list item."]),
        ("blockquote", ["A block quote."]),
        ("list", ["A list item."]),
        ("table", ["head", "cell"]),
        ("table.cell", ["cell"]),
        ("paragraph & ~blockquote & ~list", ["A paragraph with “a quoted phrase that someone said” in it."]),
        (["heading.h1", "list"], ["Chapter one", "A list item."]),
        ("paragraph.md", ["A paragraph with “a quoted phrase that someone said” in it.", "A block quote.", "A list item."]),
        ("paragraph.txt", []),
        ("summary", []),
    ],
)
def test_blocks_a_scope_reads(scope, expected):
    assert read(scope) == expected


def test_prose_leaves_out_quotations_and_block_quotes():
    assert read(["paragraph", "prose"]) == ["A paragraph with ", " in it.", "A list item."]


def test_quotation_reads_only_inline_quotations_and_block_quotes():
    assert read(["paragraph", "quotation"]) == ["“a quoted phrase that someone said”", "A block quote."]
    assert read(["paragraph", "~prose"]) == read(["paragraph", "quotation"])


def test_sentence_splits_each_piece_into_sentences():
    text = "Dr. Smith came. He left at 5 p.m. on Friday! Did he? “Yes.” Then 3 more came.\n"
    assert read("paragraph & sentence", text) == [
        "Dr. Smith came.",
        "He left at 5 p.m. on Friday!",
        "Did he?",
        "“Yes.”",
        "Then 3 more came.",
    ]


def test_each_entry_of_a_list_is_an_alternative_as_in_vale():
    """`[heading, sentence]` (RedHat's) reads headings and every sentence, not sentences of headings."""
    text = "# A title\n\nOne here. Two there.\n\n> Quoted. Words.\n"
    assert read(["heading", "sentence"], text) == ["A title", "One here.", "Two there.", "Quoted.", "Words."]
    assert read(["heading", "blockquote & sentence"], text) == ["A title", "Quoted.", "Words."]
    assert read("heading & sentence", text) == ["A title"]


IMAGES = "Text with ![an inline image](a.png) in it.\n\n![A figure, alone\n  in its paragraph](b.png)\n\n# ![Logo](c.png) Title\n"
INLINE, FIGURE, LOGO = "![an inline image](a.png)", "![A figure, alone\n  in its paragraph](b.png)", "![Logo](c.png)"


def masked(markup: str) -> str:
    return OBJ * len(markup)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("alt", ["an inline image", "A figure, alone\nin its paragraph", "Logo"]),
        ("attr", ["an inline image", "A figure, alone\nin its paragraph", "Logo"]),
        ("figure.caption", ["A figure, alone\nin its paragraph"]),
        ("paragraph", [f"Text with {masked(INLINE)} in it.", masked(FIGURE)]),
        ("heading", [f"{masked(LOGO)} Title"]),
        (
            "text",
            [
                f"Text with {masked(INLINE)} in it.",
                "an inline image",
                masked(FIGURE),
                "A figure, alone\nin its paragraph",
                f"{masked(LOGO)} Title",
                "Logo",
            ],
        ),
    ],
)
def test_an_images_alt_text_is_a_block_of_its_own(scope, expected):
    """Vale reads an image's alt text (the img tag's `alt`) with `text` and `alt`; a lone image's, a figure's caption."""
    assert read(scope, IMAGES) == expected


FRONT = '---\ntitle: "A title"\ndescription: |\n  Two lines\n  of text.\ntags: [one, two]\nweight: 8\n---\n\nBody.\n'


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("text", ["Body."]),  # front matter is metadata: read only where a scope names it
        ("text.frontmatter.title", ["A title"]),
        ("frontmatter.description", ["Two lines\nof text."]),
        ("frontmatter", ["A title", "Two lines\nof text.", "one", "two"]),
    ],
)
def test_front_matter_values_are_read_by_scopes_that_name_them(scope, expected):
    assert read(scope, FRONT) == expected


def test_front_matter_values_map_back_to_the_source():
    doc = parse("a.md", FRONT)
    [segment] = Scope.parse("frontmatter.description").segments(doc)
    start = segment.text.index("of")
    assert doc.text[slice(*segment.to_source(start, start + 8))] == "of text."


def test_a_tables_caption_as_pandoc_writes_it():
    text = "| a |\n|---|\n| b |\n\nTable: Sales by year.\n\nTable: a paragraph, not beside a table.\n"
    assert read("table.caption", text) == ["Table: Sales by year."]
    assert read("table", text) == ["a", "b", "Table: Sales by year."]
    assert read("paragraph", text) == ["Table: a paragraph, not beside a table."]


def test_split_sentences_gives_spans_inside_the_range():
    text = "One. Two. Three."
    assert split_sentences(text, 5, len(text)) == [(5, 9), (10, 16)]


def test_raw_reads_the_whole_source():
    source = "# Title\n\nSome *emphasis*.\n"
    [segment] = Scope.parse("raw").segments(parse("a.md", source))
    assert segment.text == source


def test_segments_map_back_to_the_source():
    doc = parse("a.md", "> Quoted **bold** words.\n")
    [segment] = Scope.parse("blockquote").segments(doc)
    start = segment.text.index("words")
    assert doc.text[slice(*segment.to_source(start, start + 5))] == "words"


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ("chapter", "unknown scope 'chapter'"),
        ("heading.", "unknown scope 'heading.'"),
        ("sentence.h1", "scope 'sentence' takes no qualifier"),
        ("~raw", "scope 'raw' cannot be negated"),
        (["prose", "quotation"], "a scope cannot be both prose and quotation"),
        (["raw", "heading"], "scope 'raw' reads the whole source and cannot be combined"),
    ],
)
def test_bad_scopes_are_errors(scope, message):
    with pytest.raises(ScopeError, match=message.replace("(", r"\(").replace(".", r"\.")):
        Scope.parse(scope)


@pytest.mark.parametrize(
    "text, ends",
    [
        ("He got an A... Then he slept.", [14]),
        ("Plan B!! Now.", [8]),
        ("Did he say No?! Then he left.", [15]),
        ("See Dr. Smith. Then", [14]),
        ("U.S.A. Next", []),
        ("Mr. Smith went. Home", [15]),
        ("He left... Then", [10]),
        ("Wait?! “No,” he said.", [6]),
    ],
)
def test_sentences_end_at_a_run_of_marks_but_not_at_an_abbreviations_full_stop(text, ends):
    assert [end for _, end in split_sentences(text, 0, len(text))][:-1] == ends
