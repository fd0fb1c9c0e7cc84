"""balance: brackets and quotation marks left open, or closed with nothing open, in a paragraph (ruletypes/balance.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, SOURCES

from conftest import ROOT, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.parsing import parse

RULE = make_rule((ROOT / "rules" / "Book" / "Balance.yml").read_text(encoding="utf-8"), "Book.Balance")


def found(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, match, message) of each finding."""
    return [(f.line, f.column, f.match, f.message) for f in lint({"a.md": text}, [RULE]).findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("The KKE (like the CPB put forth a position.\n", [(1, 9, "(", ")")], id="open-parenthesis"),
        pytest.param("The KKE put forth\na position) that was wrong.\n", [(2, 11, ")", "(")], id="closing-parenthesis"),
        pytest.param("The workers [of the Histadrut are not proletarians.\n", [(1, 13, "[", "]")], id="open-bracket"),
        pytest.param("A takeover (of fascism [in the state) they said.\n", [(1, 24, "[", "]")], id="kinds-pair-apart"),
        pytest.param("He called it a “takeover of fascism.\n", [(1, 16, "“", "”")], id="open-curly"),
        pytest.param("He called it a takeover of fascism.” And left.\n", [(1, 36, "”", "“")], id="closing-curly"),
        pytest.param("The workers’ union was ‘not a union.\n", [(1, 24, "‘", "’")], id="open-single"),
        pytest.param('He called it a "takeover of fascism.\n', [(1, 16, '"', '"')], id="straight-odd"),
        pytest.param("The union «of workers.\n", [(1, 11, "«", "»")], id="guillemet"),
    ],
)
def test_an_unmatched_mark_is_reported_at_the_mark(text, expected):
    message = "'{}' has no matching '{}' in its paragraph."
    assert found(text) == [(line, column, mark, message.format(mark, partner)) for line, column, mark, partner in expected]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The workers’ union of the ’90s, rock ’n’ roll, the bosses’.\n", id="curly-apostrophes"),
        pytest.param("The workers' union of the '90s, rock 'n' roll, the bosses'.\n", id="straight-apostrophes"),
        pytest.param("‘Tis the ‘labor’ camp, and the workers’ ‘union’.\n", id="single-quotes-and-apostrophes"),
        pytest.param('She said "no" and "yes" and "%g"s and "iso-"s.\n', id="straight-marks-in-pairs"),
        pytest.param("A screen of 12\" and a wall of 5'.\n", id="inches-and-feet"),
        pytest.param("See [a note](https://example.com/(x)), ![a (figure](f.png), this.[^1]\n\n[^1]: A note.\n", id="markdown"),
        pytest.param("See [the note][ref] and [ref].\n\n[ref]: https://example.com/(\n", id="reference-links"),
        pytest.param("The code `f(x` and `a[i` and https://example.com/a_(b are not text.\n", id="code-and-urls"),
        pytest.param("```\nf(x\n```\n", id="code-block"),
        pytest.param("1) First, strike.\n2) Then, organize.\n", id="list-numbering"),
        pytest.param("a) strike, b) organize, iv) wait; and then (c) and d) again.\n", id="letters-and-numerals"),
        pytest.param("The interval [0, 1) and (a, b] and a smile :) and ;-( too.\n", id="intervals-and-emoticons"),
        pytest.param("The marks '(' and \"%(\" and '^\\[\\[:space:\\]' are characters.\n", id="mentioned-characters"),
        pytest.param("A mess ((((( of ]]]] marks is not prose.\n", id="too-many-to-be-prose"),
    ],
)
def test_what_is_not_an_unmatched_bracket_or_quotation_mark(text):
    assert found(text) == []


def test_a_quotation_over_several_paragraphs_closes_only_in_the_last():
    text = "He said: “The first paragraph.\n\n“The second one (with a note).\n\n“The last one, which closes it.”\n"
    assert found(text) == []
    straight = 'He said: "The first paragraph.\n\n"The second.\n\n"The last one."\n'
    assert found(straight) == []


def test_a_quotation_not_carried_on_by_the_next_paragraph_is_left_open():
    assert found("He said: “The first paragraph.\n\nThe second, in the author's words.\n") == [
        (1, 10, "“", "'“' has no matching '”' in its paragraph.")
    ]
    assert found("He said: “The first.\n\n# “A heading”\n") == [(1, 10, "“", "'“' has no matching '”' in its paragraph.")]


def test_a_paragraph_cut_mid_sentence_may_close_what_it_opens_after_the_cut():
    text = "* The output you got (if it is long, try to find a\n\n  ```\n  smaller example)\n  ```\n"
    assert found(text) == []
    assert found("* The output you got) if it is long, try to find a\n") == [
        (1, 21, ")", "')' has no matching '(' in its paragraph.")
    ]


def test_block_quotes_and_what_is_inside_a_quotation_are_not_read():
    text = "> The people (never closed and “open.\n\nShe said, “the workers (all of them are victims,” and left.\n"
    assert found(text) == []


def test_a_mark_in_prose_around_a_quotation_is_read():
    assert found("She said (“the workers are victims,” and left.\n") == [
        (1, 10, "(", "'(' has no matching ')' in its paragraph.")
    ]


def test_each_paragraph_is_checked_on_its_own():
    assert found("One (here.\n\nTwo) there.\n") == [
        (1, 5, "(", "'(' has no matching ')' in its paragraph."),
        (3, 4, ")", "')' has no matching '(' in its paragraph."),
    ]


# --- properties ----------------------------------------------------------------------------

WORDS = st.sampled_from(["the", "workers’", "union", "’90s", "it's", "a", "b", "rock ’n’ roll", "1848–68"])


def _balanced(inner):
    return st.one_of(
        inner.map(lambda s: f"({s})"),
        inner.map(lambda s: f"[{s}]"),
        inner.map(lambda s: f"“{s}”"),
        st.lists(inner, min_size=1, max_size=4).map(" ".join),
    )


BALANCED = st.recursive(WORDS, _balanced, max_leaves=20)


@SETTINGS
@given(st.lists(BALANCED, min_size=1, max_size=5).map(lambda p: "\n\n".join(p) + "\n"))
def test_balanced_text_has_no_finding(text):
    assert found(text) == []


@SETTINGS
@given(SOURCES)
def test_never_a_finding_in_a_quotation_or_block_quote_and_each_on_one_mark(source):
    doc = parse("doc.md", source)
    for finding in lint([doc], [RULE]).findings:
        assert finding.voice is Voice.PROSE
        assert finding.match in '()[]“”‘«»"' and len(finding.match) == 1
