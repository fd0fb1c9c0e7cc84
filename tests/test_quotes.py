"""Whose words: block quotes, inline quotations, apostrophes, scare quotes and [sic]."""

from __future__ import annotations

import pytest

from conftest import found, make_rule, offset, voiced
from mslint.engine import lint
from mslint.finding import Voice
from mslint.parsing import parse
from mslint.quotes import Quote

P, B, Q = Voice.PROSE, Voice.BLOCKQUOTE, Voice.QUOTATION


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("A target.\n", [(1, 3, P)], id="prose"),
        pytest.param("> A target.\n", [(1, 5, B)], id="blockquote"),
        pytest.param("> > A target.\n", [(1, 7, B)], id="nested-blockquote"),
        pytest.param("> line one\n> target two\n", [(2, 3, B)], id="blockquote-second-line"),
        pytest.param("> - A target.\n", [(1, 7, B)], id="list-in-blockquote"),
        pytest.param("> # A target\n", [(1, 7, B)], id="heading-in-blockquote"),
        pytest.param("> He said “the target is near us” today.\n", [(1, 16, B)], id="quotation-in-blockquote"),
        pytest.param("> quoted\n\nA target.\n", [(3, 3, P)], id="after-blockquote"),
        pytest.param("He said “the target is near us” today.\n", [(1, 14, Q)], id="curly-quotation"),
        pytest.param('He said "the target is near us" today.\n', [(1, 14, Q)], id="straight-quotation"),
        pytest.param("He said “the target\nis near us” today.\n", [(1, 14, Q)], id="quotation-across-lines"),
        pytest.param("He said “we are\nthe target” today.\n", [(2, 5, Q)], id="quotation-second-line"),
        pytest.param("He said “the target is near us” to the target.\n", [(1, 14, Q), (1, 40, P)], id="after-quotation"),
        pytest.param("He said “they called it ‘the big target’ then” today.\n", [(1, 34, Q)], id="nested-curly-single"),
        pytest.param("He said “they called it ‘target’ then” today.\n", [(1, 26, Q)], id="scare-quote-inside-quotation"),
        pytest.param("He said \"they called it 'the big target' then\" today.\n", [(1, 34, Q)], id="nested-straight-single"),
        pytest.param("- He said “the target is near us” today.\n", [(1, 16, Q)], id="quotation-in-list"),
        pytest.param("# He said “the target is near us” today\n", [(1, 16, Q)], id="quotation-in-heading"),
        pytest.param("He said “the *target* is near us” today.\n", [(1, 15, Q)], id="emphasis-in-quotation"),
        pytest.param("The “target” word.\n", [(1, 6, P)], id="scare-quote"),
        pytest.param("The “big target” word.\n", [(1, 10, P)], id="scare-quote-two-words"),
        pytest.param("The 'target' word.\n", [(1, 6, P)], id="straight-single-scare-quote"),
        pytest.param('The "target," word.\n', [(1, 6, P)], id="straight-scare-quote-comma"),
    ],
)
def test_voices(text, expected):
    assert voiced(text) == expected


def test_quotes_are_in_plain_text_offsets_and_voices_in_source_offsets():
    text = "He said “it is ‘the big one’ for us” and left.\n"
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    assert block.text == text.rstrip("\n")  # no markup: plain and source offsets agree
    outer_open, outer_close = text.index("“"), text.index("”")
    inner_open, inner_close = text.index("‘"), text.index("’")
    assert block.quotes == (Quote(outer_open, outer_close, False), Quote(inner_open, inner_close, True))
    assert block.quotations == [(outer_open, outer_close + 1)]
    assert doc.voice_at(outer_open - 1) is P
    assert doc.voice_at(outer_open) is Q
    assert doc.voice_at(offset(doc, "big")) is Q
    assert doc.voice_at(outer_close) is Q
    assert doc.voice_at(outer_close + 1) is P


def test_quotes_inside_markup():
    text = "He **said** “it is *‘the big one’* for us” and left.\n"
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    assert block.text == "He said “it is ‘the big one’ for us” and left."
    plain_open, plain_close = block.text.index("“"), block.text.index("”")
    assert (plain_open, plain_close) == (8, 35)
    assert block.quotes == (Quote(8, 35, False), Quote(15, 27, True))
    assert block.quotations == [(8, 36)]
    source_open, source_close = text.index("“"), text.index("”")
    assert block.to_source(*block.quotations[0]) == (source_open, source_close + 1)
    assert doc.voice_at(source_open - 1) is P
    assert doc.voice_at(source_open) is Q
    assert doc.voice_at(text.index("*‘")) is Q  # markup inside the quotation is inside it too
    assert doc.voice_at(offset(doc, "big")) is Q
    assert doc.voice_at(source_close) is Q
    assert doc.voice_at(source_close + 1) is P
    assert voiced("He **said** “it is *the big target* for us” and left.\n") == [(1, 29, Q)]


def test_quotation_closed_across_a_link():
    text = "He said “[the target](http://x.y) is near us” and left the target.\n"
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    assert block.text == "He said “the target is near us” and left the target."
    assert block.quotations == [(8, 31)]
    assert voiced(text) == [(1, 15, Q), (1, 60, P)]


def test_two_quotations_in_one_paragraph():
    text = "“We will win the target,” she said, “and keep it safe for all.”\n"
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    assert block.quotations == [(0, 25), (36, 63)]
    assert doc.voice_at(offset(doc, "she")) is P
    assert doc.voice_at(offset(doc, "keep")) is Q


def test_quotes_do_not_pair_across_paragraphs():
    doc = parse("doc.md", "He said “the target is\n\nnear us” today.\n")
    assert [b.quotes for b in doc.blocks] == [(), ()]
    assert voiced(doc.text) == [(1, 14, P)]


def test_block_quotes_have_no_inline_quotes():
    doc = parse("doc.md", "> He said “the target is near us” today.\n")
    (block,) = doc.blocks
    assert block.in_blockquote
    assert "“" in block.text
    assert block.quotes == ()
    assert block.quotations == []
    assert doc.voice_at(offset(doc, "He")) is B
    assert doc.voice_at(offset(doc, "near")) is B
    assert doc.voice_at(0) is P  # the "> " marker is not in the block


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("It's a target.\n", id="its-straight"),
        pytest.param("It’s a target.\n", id="its-curly"),
        pytest.param("Don't hit the target, don’t.\n", id="dont"),
        pytest.param("The workers' target.\n", id="plural-possessive-straight"),
        pytest.param("The workers’ target.\n", id="plural-possessive-curly"),
        pytest.param("In the '90s target.\n", id="decade-straight"),
        pytest.param("In the ’90s target.\n", id="decade-curly"),
        pytest.param("In the ‘90s target.\n", id="decade-wrong-curl"),
        pytest.param("Some rock 'n' roll target.\n", id="rock-n-roll-straight"),
        pytest.param("Some rock ’n’ roll target.\n", id="rock-n-roll-curly"),
        pytest.param("Some fish 'n' chips target.\n", id="fish-n-chips"),
        pytest.param(
            "It's the workers' target in the '90s, it’s the workers’ target in the ’90s, rock 'n' roll.\n",
            id="all-together",
        ),
    ],
)
def test_apostrophes_are_not_quotation_marks(text):
    doc = parse("doc.md", text)
    assert [b.quotes for b in doc.blocks] == [()]
    assert all(voice is P for _, _, voice in voiced(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("The workers' union said “we want the target now” today.\n", [(1, 38, Q)], id="before-quotation"),
        pytest.param("He said “it’s the workers’ target, not ours” and left.\n", [(1, 28, Q)], id="inside-curly"),
        pytest.param('"In the \'90s we had a target," she said.\n', [(1, 23, Q)], id="decade-inside-straight"),
        pytest.param(
            "He said \"it's the workers' target, not theirs, today\" and left target.\n",
            [(1, 28, Q), (1, 64, P)],
            id="inside-straight",
        ),
        pytest.param("She said “we love rock 'n' roll and the target” then.\n", [(1, 41, Q)], id="elision-inside"),
    ],
)
def test_apostrophes_inside_and_beside_quotations(text, expected):
    assert voiced(text) == expected


@pytest.mark.parametrize(
    "text, term",
    [
        pytest.param("The “Israel” position.\n", "Israel", id="one-word"),
        pytest.param("All “Israelis,” he wrote.\n", "Israelis", id="trailing-comma"),
        pytest.param("The “labor Zionist” camp.\n", "labor", id="two-words"),
        pytest.param("The “KKE's own camp” men.\n", "KKE", id="three-words"),
        pytest.param('The "Israel" position.\n', "Israel", id="straight"),
        pytest.param("The ‘Israel’ position.\n", "Israel", id="single-curly"),
    ],
)
def test_short_quoted_terms_are_scare_quotes_in_prose(text, term):
    doc = parse("doc.md", text)
    (block,) = doc.blocks
    (quote,) = block.quotes
    assert quote.scare
    assert block.quotations == []
    assert doc.voice_at(offset(doc, term)) is P


def test_scare_quote_inner_drops_marks_and_trailing_punctuation():
    (block,) = parse("doc.md", "All *“Israelis,”* he wrote.\n").blocks
    (quote,) = block.quotes
    start, end = quote.inner(block.text)
    assert block.text[start:end] == "Israelis"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He said “we are near it now” today.\n", id="four-words"),
        pytest.param("He said “Go. Now” today.\n", id="sentence-inside"),
    ],
)
def test_quotations_that_are_not_scare_quotes(text):
    (block,) = parse("doc.md", text).blocks
    (quote,) = block.quotes
    assert not quote.scare
    assert block.quotations == [quote.span]


def test_sic_protects_the_two_words_before_it():
    text = "one two three [sic] four\n"
    doc = parse("doc.md", text)
    words = {w: doc.is_sic(text.index(w), text.index(w) + len(w)) for w in ("one", "two", "three", "four")}
    assert words == {"one": False, "two": True, "three": True, "four": False}
    assert doc.is_sic(text.index("["), text.index("]") + 1)
    assert not doc.is_sic(text.index("one"), text.index("one") + 4)  # touching "two" is not overlapping it


def test_sic_with_one_word_before_it():
    text = "Targte [sic] is here.\n"
    doc = parse("doc.md", text)
    assert doc.sic_spans == [(0, 12)]


def test_sic_is_case_insensitive_and_spans_possessives():
    text = "He wrote “the goverment’s [SIC] plan for us”.\n"
    doc = parse("doc.md", text)
    (span,) = doc.sic_spans
    assert doc.text[span[0] : span[1]] == "the goverment’s [SIC]"


def test_sic_spans_are_source_spans_across_markup():
    text = "> He wrote “the *goverment’s* [sic] plan”.\n"
    doc = parse("doc.md", text)
    (span,) = doc.sic_spans
    assert doc.text[span[0] : span[1]] == "the *goverment’s* [sic]"


def test_sic_suppresses_findings():
    assert found("the target [sic] is a target, and a target [sic].\n") == [(1, 23, 1, 29)]
    assert found("the *target* [sic] is a target.\n") == [(1, 25, 1, 31)]


def test_sic_in_code_is_not_sic():
    doc = parse("doc.md", "A target `[sic]` here.\n")
    assert doc.sic_spans == []


def test_a_term_deep_inside_a_quotation_is_left_alone():
    rule = make_rule("extends: scare-quotes\nmessage: x\nstyle: always\nterms: [Zionism]\n")
    text = "He wrote: “The ‘a’ and ‘b’ and ‘c’ and ‘d’ are all part of Zionism, in the end.”\n"
    assert lint([parse("a.md", text)], [rule]).findings == []
