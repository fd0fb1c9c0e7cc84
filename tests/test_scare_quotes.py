"""scare-quotes with `style: consistent` and no `terms`: every term the author's prose puts in
scare quotes, compared with its bare uses across the documents linted together."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import ANY_TEXT, MARKDOWNISH, SETTINGS

from conftest import chapters, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.parsing import parse
from mslint.rules import RuleError
from mslint.ruletypes.joined import GOES_ON, OPENS_BLOCK, Joined
from mslint.scopes import Scope

RULE = (
    "extends: scare-quotes\nmessage: \"'%s' here; '%s' %s, first at %s.\"\nstyle: consistent\n"
    "exceptions: [Israel]\naction: {name: replace}\n"
)


def found(*texts: str):
    """(path, line, column, end_column, message, replacements) of each finding, the texts being a.md, b.md..."""
    docs = chapters(*texts)
    result = lint(docs, [make_rule(RULE)])
    assert result.errors == []
    return [(f.path, f.line, f.column, f.end_column, f.message, f.replacements) for f in result.findings]


LABOR = "Labor Zionism and labor Zionists.\n\nThe “labor” faction, the labor parties and the “labor” current.\n"


def test_the_quoted_minority_is_reported_at_each_use_naming_the_bare_majority():
    assert found(LABOR) == [
        ("a.md", 3, 5, 12, "'“labor”' here; 'labor' 3 times, first at a.md:1:1.", ("labor",)),
        ("a.md", 3, 48, 55, "'“labor”' here; 'labor' 3 times, first at a.md:1:1.", ("labor",)),
    ]


def test_the_bare_minority_is_reported_and_the_fix_puts_the_marks_on():
    text = (
        "Progressive ideas.\n\n"
        "The “progressive” Zionists, the “progressive,” camp, the “progressive” press and progressive papers.\n"
    )
    assert found(text) == [
        ("a.md", 1, 1, 12, "'Progressive' here; '“progressive”' 3 times, first at a.md:3:5.", ("“Progressive”",)),
        ("a.md", 3, 82, 93, "'progressive' here; '“progressive”' 3 times, first at a.md:3:5.", ("“progressive”",)),
    ]
    rule = make_rule(RULE)
    assert all(f.fixable for f in lint([parse("a.md", text)], [rule]).findings)


def test_a_phrase_of_up_to_three_words():
    text = "Peace dialogue, they say.\n\nA “peace dialogue” and a “peace dialogue” and a peace dialogue.\n"
    assert [f[1:4] for f in found(text)] == [(3, 3, 19), (3, 26, 42)]
    assert found("The “peace dialogue of nations” and the “peace dialogue of nations”; peace dialogue of nations.") == []


def test_across_chapters_the_chapter_with_the_minority_names_the_chapter_of_the_first_use():
    bare = "The labor parties, labor and labor.\n"
    quoted = "The “labor” faction, the “labor” current, the “labor” press.\n"
    # The first quoted use in b.md introduces the term there; the other two are compared. a.md,
    # which does not quote labor, tells only how often it writes it: it is named as a whole.
    assert found(bare, quoted) == [
        ("b.md", 1, 26, 33, "'“labor”' here; 'labor' 3 times, first at a.md.", ("labor",)),
        ("b.md", 1, 47, 54, "'“labor”' here; 'labor' 3 times, first at a.md.", ("labor",)),
    ]
    # In a chapter that quotes it, the place is exact.
    assert found("Labor and labor, the “labor” faction.\n", "The “labor” faction, the “labor” current.\n") == [
        ("a.md", 1, 22, 29, "'“labor”' here; 'labor' twice, first at a.md:1:1.", ("labor",)),
        ("b.md", 1, 26, 33, "'“labor”' here; 'labor' twice, first at a.md:1:1.", ("labor",)),
    ]


def test_in_a_chapter_that_does_not_quote_the_term_a_capital_at_a_sentence_start_is_not_counted():
    assert found("Labor is work.\n", "Labor, and the “labor” faction, the “labor” current.\n") == [
        ("b.md", 1, 1, 6, "'Labor' here; '“labor”' twice, first at b.md:1:16.", ("“Labor”",))
    ]


def test_a_bare_use_is_reported_only_in_a_chapter_that_quotes_the_term_too():
    quoted = "Progressive. The “progressive” camp, the “progressive” press, the “progressive” papers.\n"
    assert found(quoted, "Nothing progressive here.\n") == [
        ("a.md", 1, 1, 12, "'Progressive' here; '“progressive”' 3 times, first at a.md:1:18.", ("“Progressive”",))
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> Labor and labor.\n>\n> The “labor” faction and the “labor” current.\n", id="block-quote"),
        pytest.param("He said “labor is labor” and “the labor of labor is ours today”. The “labor” party.", id="quotation"),
        pytest.param("Labor and labor. He wrote: “the “labor” faction and the “labor” current are gone today.”", id="nested"),
        pytest.param("The “labor” faction and the “labor” current.\n\n> Labor and labor and labor.\n", id="bare-in-block-quote"),
    ],
)
def test_quotations_and_block_quotes_neither_count_nor_are_reported(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The “labor” faction, the “labor” current, and the Labor Party.", id="a-capital-mid-sentence"),
        pytest.param("The “labor” faction and the “labor” current. Labor-saving labors.", id="other-words"),
        pytest.param("The “labor” faction. Labor and labor.", id="quoted-once"),
        pytest.param("The “labor” faction, the “labor” current; labor and labor.", id="first-use-introduces"),
        pytest.param("The word “labor”, the term “labor”, labor and labor.", id="mention"),
        pytest.param("Labor. The “labor” attribute and the “labor” option. Labor.", id="named-kind"),
        pytest.param("Labor. A “labor” is work. A “labor” is work. Labor.", id="definition"),
        pytest.param("Labor. Toil (“labor”) and work (“labor”). Labor.", id="gloss"),
        pytest.param("Labor. The plural of “labor” is “labors”, of “labor” not. Labor.", id="about-words"),
        pytest.param("The. The “the” and “the” and the.", id="common-word"),
        pytest.param("Israel. The “Israel” state, the “Israel” army; Israel.", id="exception"),
        pytest.param("X. The “X” and the “X”. The X.", id="one-letter"),
        pytest.param("KKE. The “KKE” and the “KKE”. The KKE.", id="abbreviation"),
        pytest.param("The ‘labor’ faction and the ‘labor’ current. Labor and labor.", id="other-marks"),
        pytest.param("## Labor\n\nThe “labor” faction, the labor parties.", id="heading-does-not-introduce"),
    ],
)
def test_not_compared(text):
    assert [f[4] for f in found(text)] == []


def test_a_heading_is_a_bare_use_but_does_not_precede_an_introduction():
    text = "## Labor\n\nThe “labor” faction, the “labor” current, the “labor” press.\n"
    assert [f[1:3] for f in found(text)] == [(1, 4)]


def test_other_marks_count_when_the_rule_says_so():
    rule = make_rule(RULE + "marks: ‘’\n")
    text = "Labor and labor. The ‘labor’ faction and the ‘labor’ current and the “labor” press."
    assert [(f.column, f.replacements) for f in lint([parse("a.md", text)], [rule]).findings] == [
        (22, ("labor",)),
        (46, ("labor",)),
    ]


def test_terms_are_needed_for_always_and_never():
    with pytest.raises(RuleError, match="'terms' must list at least one term for style 'always'"):
        make_rule("extends: scare-quotes\nmessage: x\nstyle: always\n")


@SETTINGS
@given(
    st.lists(st.sampled_from(["labor", "“labor”", "Labor", " ", ". ", "\n\n", "> ", "“", "”", "he said ", "the "]), max_size=40)
)
def test_never_a_finding_in_someone_elses_words(pieces):
    result = lint([parse("a.md", "".join(pieces))], [make_rule(RULE)])
    assert result.errors == []
    assert all(f.voice is Voice.PROSE for f in result.findings)


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_never_a_crash_on_any_text(first, second):
    assert lint(chapters(first, second), [make_rule(RULE)]).errors == []


@SETTINGS
@given(MARKDOWNISH)
def test_a_joined_offset_maps_back_to_where_the_source_has_it(source):
    doc = parse("a.md", source)
    joined = Joined(Scope.parse("prose").segments(doc))
    for offset, char in enumerate(joined.text):
        if char not in (OPENS_BLOCK, GOES_ON):
            start, end = joined.to_source(offset, offset + 1)
            assert doc.text[start:end] == char or not doc.verbatim(start, end)


def test_many_terms_in_one_paragraph_are_read_in_linear_time():
    text = "Peace dialogue. " + "The “peace dialogue” and “labor” or labor, " * 20_000
    started = time.perf_counter()
    # The one bare peace dialogue, and every quoted “labor” but the first, which introduces it.
    assert len(found(text)) == 20_000
    assert time.perf_counter() - started < 10
