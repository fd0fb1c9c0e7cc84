"""marks: quotation marks, apostrophes and dashes written one way across the book (ruletypes/marks.py)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, SOURCES

from conftest import ROOT, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.fix import apply
from mslint.parsing import parse
from mslint.rules import RuleError

BOOK = (ROOT / "rules" / "Book" / "Marks.yml").read_text(encoding="utf-8")
RULE = make_rule(BOOK, "Book.Marks")
CURLY = "(“ ”) 4 times, first at a.md:1:14."


def found(texts: dict[str, str], rule=RULE) -> list[tuple]:
    """(path, line, column, match, message, replacements) of each finding."""
    return [(f.path, f.line, f.column, f.match, f.message, f.replacements) for f in lint(texts, [rule]).findings]


def fixed(text: str, rule=RULE) -> str:
    return apply(text, [f for f in lint({"a.md": text}, [rule]).findings if f.fixable])


# --- quotation marks and apostrophes -------------------------------------------------------


def test_a_straight_quotation_mark_in_a_curly_book_is_curled_on_its_side():
    text = 'He called it “labor” Zionism and “a takeover.”\n\nThen "fascism" came.\n'
    message = f'straight quotation mark (") here; curly quotation marks {CURLY}'
    assert found({"a.md": text}) == [
        ("a.md", 3, 6, '"', message, ("“",)),
        ("a.md", 3, 14, '"', message, ("”",)),
    ]
    assert fixed(text) == text.replace('"fascism"', "“fascism”")


def test_a_curly_mark_in_a_straight_book_is_straightened():
    text = 'He called it "labor" Zionism and "a takeover."\n\nThen “fascism” came.\n'
    assert [(f[2], f[5]) for f in found({"a.md": text})] == [(6, ('"',)), (14, ('"',))]


def test_the_marks_around_a_quotation_are_the_authors_and_fixed_though_its_words_are_not():
    text = "The “labor” and “Zionist” camps.\n\nShe said \"the workers' union can't and won't unite,\" and left.\n"
    findings = lint({"a.md": text}, [RULE]).findings
    assert [(f.column, f.match, f.voice, f.replacements, f.fixable) for f in findings] == [
        (10, '"', Voice.QUOTATION, ("“",), True),
        (52, '"', Voice.QUOTATION, ("”",), True),
    ]
    # The straight apostrophes inside the quotation are the source's: neither counted nor reported.
    assert fixed(text) == text.replace('"the', "“the").replace('unite,"', "unite,”")


def test_a_straight_apostrophe_in_a_curly_book_becomes_a_curly_apostrophe_never_an_opening_mark():
    text = "It’s the workers’ union of the ’90s, rock ’n’ roll.\n\nIt's theirs since the '60s, the bosses' too.\n"
    message = "straight apostrophe (') here; curly apostrophes (’) 5 times, first at a.md:1:3."
    assert found({"a.md": text}) == [
        ("a.md", 3, 3, "'", message, ("’",)),
        ("a.md", 3, 23, "'", message, ("’",)),
        ("a.md", 3, 39, "'", message, ("’",)),
    ]
    assert fixed(text).endswith("It’s theirs since the ’60s, the bosses’ too.\n")


def test_quotes_and_apostrophes_are_two_queries():
    # Straight quotation marks with curly apostrophes is consistent in each: nothing to report.
    assert found({"a.md": 'It’s "labor" Zionism, and it’s "a takeover."\n'}) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A 12\" screen and a 5' wall, “curly” and “curly”.\n", id="inches-and-feet"),
        pytest.param("The ‘open and “curly” and “curly” and 'single' quotes.\n", id="single-quotation-marks"),
        pytest.param("See `\"code\"` and `it's` and https://example.com/it's “here” and “there”.\n", id="code-and-urls"),
        pytest.param('“One” and “two” and " alone.\n', id="a-mark-standing-alone"),
        pytest.param('A line of “curly” and “curly” marks.\n\n```\nprint("straight")\n```\n', id="code-block"),
    ],
)
def test_marks_that_are_neither_quotation_marks_nor_apostrophes_for_sure_are_not_counted(text):
    assert found({"a.md": text}) == []


def test_block_quotes_and_quotations_neither_count_nor_are_reported():
    text = (
        '> He said "no" and "yes" and "maybe" and it\'s "fine."\n\n'
        "She wrote, “the workers' union and the bosses' union can't agree.”\n\n"
        "It’s “ours.”\n"
    )
    assert found({"a.md": text}) == []


def test_across_chapters_the_minority_is_reported_in_its_chapter_naming_the_first_place_in_the_other():
    texts = {"a.md": "It’s “one” and “two.”\n", "b.md": 'It’s "three."\n'}
    assert found(texts) == [
        ("b.md", 1, 6, '"', 'straight quotation mark (") here; curly quotation marks (“ ”) 4 times, first at a.md:1:6.', ("“",)),
        ("b.md", 1, 13, '"', 'straight quotation mark (") here; curly quotation marks (“ ”) 4 times, first at a.md:1:6.', ("”",)),
    ]


def test_a_consistently_straight_book_is_fine():
    texts = {"a.md": 'It\'s "one" and "two."\n', "b.md": 'It\'s "three" -- and more -- here.\n'}
    assert found(texts) == []


def test_a_fixed_style_wins_even_where_the_book_never_uses_it():
    rule = make_rule(BOOK + "quotes: curly\ndashes: spaced-en\n", "Book.Marks")
    text = 'It\'s "one"—and "two."\n'
    assert [(f[2], f[4], f[5]) for f in found({"a.md": text}, rule)] == [
        (6, "straight quotation mark (\") here; the book's style is curly quotation marks (“ ”).", ("“",)),
        (10, "straight quotation mark (\") here; the book's style is curly quotation marks (“ ”).", ("”",)),
        (11, "unspaced em dash (word—word) here; the book's style is spaced en dashes (word – word).", (" – ",)),
        (16, "straight quotation mark (\") here; the book's style is curly quotation marks (“ ”).", ("“",)),
        (21, "straight quotation mark (\") here; the book's style is curly quotation marks (“ ”).", ("”",)),
    ]


def test_kinds_choose_what_is_compared():
    rule = make_rule(BOOK + "kinds: [dashes]\n", "Book.Marks")
    message = "spaced hyphen (word - word) here; unspaced em dashes (word—word) twice, first at a.md:1:26."
    assert found({"a.md": 'It’s “one” and it\'s "two"—and—more - here.\n'}, rule) == [("a.md", 1, 35, " - ", message, ("—",))]


# --- dashes ----------------------------------------------------------------------------------


def test_each_dash_unlike_the_books_is_reported_with_the_books_dash():
    text = "The grip—and the hold—of this current.\n\nIt is loosened - and broken -- and gone – for good— or not.\n"
    em = "unspaced em dashes (word—word) twice, first at a.md:1:9."
    assert found({"a.md": text}) == [
        ("a.md", 3, 15, " - ", f"spaced hyphen (word - word) here; {em}", ("—",)),
        ("a.md", 3, 28, " -- ", f"spaced double hyphen (word -- word) here; {em}", ("—",)),
        ("a.md", 3, 40, " – ", f"spaced en dash (word – word) here; {em}", ("—",)),
        ("a.md", 3, 51, "— ", f"em dash spaced on one side (word— word) here; {em}", ("—",)),
    ]
    assert fixed(text).endswith("It is loosened—and broken—and gone—for good—or not.\n")


def test_an_unspaced_dash_in_a_spaced_book_gets_its_spaces():
    text = "The grip – and the hold – of this current–and more—and more.\n"
    assert fixed(text) == "The grip – and the hold – of this current–and more – and more.\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("In 1939–1945, pp. 3–7, 1848–68 and 3 – 7, the grip—and hold—went on.\n", id="ranges"),
        pytest.param("A well-known pro-Palestine, anti-war, Marx–Engels view—and more—here.\n", id="hyphens-and-relations"),
        pytest.param("Use `--all` or --all and `a - b`, then L - F + 1 and 3 - 2—and more—here.\n", id="options-and-arithmetic"),
        pytest.param("- none - Do not use color.\n- auto - Use color at a terminal—always—now.\n", id="list-terms"),
        pytest.param("— Karl Marx\n\nThe grip—and hold—went on, and then —\n", id="dash-at-either-end"),
        pytest.param("The -rw-r--r-- mode, <-- and --> arrows—and more—here.\n", id="not-between-words"),
        pytest.param("The grip—and hold—went on.\n\nShe said, “we can – and must – fight,” and left.\n", id="in-a-quotation"),
        pytest.param("The grip—and hold—went on.\n\n> We can – and must – fight.\n", id="in-a-block-quote"),
    ],
)
def test_what_is_not_a_dash_between_words_is_not_compared(text):
    assert found({"a.md": text}) == []


def test_a_dash_spaced_on_one_side_never_wins():
    assert found({"a.md": "The grip— and the hold —of it - here.\n"}) == []


# --- options -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, message",
    [
        ("kinds: [quotes, ellipses]", "'kinds' must list some of quotes, apostrophes, dashes, not ['quotes', 'ellipses']"),
        ("quotes: fancy", "'quotes' must be one of straight, curly, not 'fancy'"),
        ("dashes: spaced-hyphen", "'dashes' must be one of unspaced-em, spaced-em, spaced-en, not 'spaced-hyphen'"),
    ],
)
def test_invalid_options_are_named(option, message):
    with pytest.raises(RuleError, match=regex.escape(message)):
        make_rule(BOOK + option + "\n", "Book.Marks")


# --- properties ----------------------------------------------------------------------------


@SETTINGS
@given(SOURCES)
def test_never_a_finding_inside_a_quotation_or_block_quote_only_its_own_marks(source):
    doc = parse("doc.md", source)
    for finding in lint([doc], [RULE]).findings:
        assert finding.voice is not Voice.BLOCKQUOTE
        if finding.voice is Voice.QUOTATION:  # a mark that opens or closes an inline quotation
            block = doc.block_at(doc.line_starts[finding.line - 1] + finding.column - 1)
            assert block is not None
            edges = {block.to_source(o, o + 1)[0] for span in block.quotations for o in (span[0], span[1] - 1)}
            assert doc.line_starts[finding.line - 1] + finding.column - 1 in edges
        assert len(finding.replacements) == 1


CONSISTENT = ["It’s", "“the union”", "workers’", "the ’90s", "grip—and", "1939–45", "a - b", "(", ")", "the", " ", "\n\n", "> "]


@SETTINGS
@given(st.lists(st.sampled_from(CONSISTENT), max_size=40).map(" ".join))
def test_a_book_written_one_way_has_no_finding(source):
    assert found({"a.md": source}) == []
