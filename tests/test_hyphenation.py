"""hyphenation: one compound hyphenated, open and closed across the manuscript (ruletypes/hyphenation.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.rules import RuleError
from mslint.ruletypes.hyphenation import OTHER_WORDS

RULE = make_rule((ROOT / "rules" / "Book" / "Hyphenation.yml").read_text(encoding="utf-8"), "Book.Hyphenation")


def found(texts: dict[str, str], rule=RULE):
    return [(f.path, f.line, f.column, f.message, f.replacements) for f in lint(texts, [rule]).findings]


def test_an_open_compound_before_a_noun_is_reported_where_the_book_hyphenates_it_there():
    text = "Our long-term aims and long-term plans.\n\nThey need a long term plan.\n"
    assert found({"a.md": text}) == [
        ("a.md", 3, 13, "'long term' here; 'long-term' twice, first at a.md:1:5", ("long-term",)),
    ]


def test_hyphenated_before_a_noun_and_open_elsewhere_is_the_usual_rule_not_a_mixture():
    text = "The working-class internationalists of the working class. In the long term, long-term plans pay.\n"
    assert found({"a.md": text}) == []


def test_like_with_like_elsewhere_the_majority_decides():
    text = "We act in bad faith. Some expose them as bad-faith. Others act in bad faith.\n"
    assert found({"a.md": text}) == [
        ("a.md", 1, 42, "'bad-faith' here; 'bad faith' twice, first at a.md:1:11", ("bad faith",)),
    ]


def test_a_closed_form_against_the_hyphenated_one_wherever_each_stands():
    text = "Send an e-mail, then another e-mail to the e-mail address. Then an email.\n"
    assert found({"a.md": text}) == [("a.md", 1, 68, "'email' here; 'e-mail' 3 times, first at a.md:1:9", ("e-mail",))]


def test_a_prefix_is_no_word_to_stand_apart_wherever_it_stands():
    text = "The non-Zionist left, the non-Zionist press. The left was non Zionist.\n"
    assert found({"a.md": text}) == [
        ("a.md", 1, 59, "'non Zionist' here; 'non-Zionist' twice, first at a.md:1:5", ("non-Zionist",)),
    ]


def test_across_chapters_the_minority_is_reported_in_its_chapter_naming_the_first_place_in_the_other():
    texts = {"a.md": "Co-operation matters.\n\nWe need co-operation and co-operation.\n", "b.md": "Cooperation, again.\n"}
    assert found(texts) == [("b.md", 1, 1, "'Cooperation' here; 'Co-operation' 3 times, first at a.md:1:1", ("Co-operation",))]


def test_the_replacement_takes_the_case_of_the_use():
    texts = {"a.md": "The Pro-Palestine side.\n\nA pro-Palestine march, a pro-Palestine rally.\n", "b.md": "Pro Palestine.\n"}
    assert found(texts) == [
        ("b.md", 1, 1, "'Pro Palestine' here; 'Pro-Palestine' 3 times, first at a.md:1:5", ("Pro-Palestine",))
    ]


def test_block_quotes_and_quotations_neither_count_nor_are_reported():
    quoted = "She wrote, “The long term plan, the long term plan, the long term plan is gone.”"
    texts = {"a.md": f"> a long term plan, a long term plan\n\n{quoted}\n\nOur long-term plan.\n"}
    assert found(texts) == []
    texts = {"a.md": f"{quoted}\n\nOur long-term plan, a long term plan.\n"}
    findings = lint(texts, [RULE]).findings
    assert [(f.line, f.column, f.voice) for f in findings] == [(3, 23, Voice.PROSE)]


def test_code_options_paths_names_and_keys_are_not_compounds():
    text = (
        "Use --long-term, `long-term`, long-term.txt or a/long-term; press C-c or c-c.\n\n"
        "Locker-Biletzki met Locker Biletzki in Tel-Aviv and Tel Aviv, the long term plan.\n"
    )
    assert found({"a.md": text}) == []


def test_a_closed_word_that_is_a_word_of_its_own_is_no_form_of_the_compound():
    text = "The couch was re-covered, re-covered twice; she recovered. He will re-sign and then resign.\n"
    assert found({"a.md": text}) == []
    assert {"recover", "resign", "everyday", "coop"} <= OTHER_WORDS


def test_a_coordination_does_not_tell_where_a_compound_stands():
    text = "The long- and short-term aims, a long-term, stable plan and the long term.\n"
    assert found({"a.md": text}) == []


def test_open_and_closed_forms_of_a_compound_of_words_are_read_only_beside_its_hyphenated_form():
    # b.md never hyphenates "lower case", so its uses are not read: the hyphenated form, which wins
    # on what was read, is reported only where its own file leans to it.
    texts = {
        "a.md": "A lower-case letter, a lower-case word, lower-case text; lowercase.\n",
        "b.md": "lowercase lowercase lowercase lowercase\n",
        "c.md": "lowercase and lowercase, but a lower-case word.\n",
    }
    assert [f[:3] for f in found(texts)] == [("a.md", 1, 58)]


def test_the_closed_form_wins_where_it_outnumbers_the_hyphenated_one_in_the_files_read():
    texts = {"a.md": "A new-line character. The newline, a newline.\n"}
    assert found(texts) == [("a.md", 1, 3, "'new-line' here; 'newline' twice, first at a.md:1:27", ("newline",))]


def test_an_open_phrase_after_a_preposition_is_not_an_open_compound():
    text = "The in-bracket text of a paragraph. Methods in bracket notation are called.\n"
    assert found({"a.md": text}) == []


@pytest.mark.parametrize("prefixes", [["non-"], ["a b"]])
def test_prefixes_must_be_words_of_letters(prefixes):
    with pytest.raises(RuleError, match="'prefixes' must be words of letters"):
        make_rule(f"extends: hyphenation\nmessage: x\nprefixes: {prefixes}\n")


def test_exceptions_are_never_compared():
    rule = make_rule("extends: hyphenation\nmessage: '%s %s %d %s'\nexceptions: [e-mail]\n")
    assert found({"a.md": "An e-mail, an e-mail, an email.\n"}, rule) == []


_WORDS = st.sampled_from(["long-term", "long term", "longterm", "non-Zionist", "non Zionist", "plan", "the", ",", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=12))
def test_never_a_finding_inside_a_quotation(words):
    text = "She said, “" + " ".join(words) + " long term plan and long-term plan.”\n\nA long-term plan.\n"
    assert all(f.voice is Voice.PROSE for f in lint({"a.md": text}, [RULE]).findings)
    assert not [f for f in lint({"a.md": text}, [RULE]).findings if f.line == 1]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_never_a_crash_on_any_text(text):
    lint({"a.md": text + " long-term İ-x ‐ a-b long term", "b.txt": text}, [RULE])


def test_the_word_lists_are_lower_case_words_of_letters():
    from mslint import grammar

    lists = [OTHER_WORDS, grammar.DETERMINERS, grammar.PREPOSITIONS, grammar.CONJUNCTIONS, grammar.PARTICIPLES]
    assert all(word.isalpha() and word.islower() for words in lists for word in words)


def test_a_contractions_tail_is_no_prefix():
    text = "We are re-doing it and re-doing it. They’re doing it, and they're doing it.\n"
    assert found({"a.md": text}) == []
    assert found({"a.md": "We are re-doing it and re-doing it. They are re doing it.\n"}) == [
        ("a.md", 1, 46, "'re doing' here; 're-doing' twice, first at a.md:1:8", ("re-doing",))
    ]


def test_a_phrase_that_starts_with_an_adverb_in_ly_has_no_form_to_choose():
    # Chicago 7.86: no hyphen after an -ly adverb; proselint's misc.phrasal_adjectives.ly says so.
    text = "A newly-created file, a newly-created disk and a newly created system.\n"
    assert found({"a.md": text}) == []


def test_an_adverb_after_an_open_compound_says_it_is_no_modifier():
    text = "A command-line tool, a command-line option. Use the command line sooner or later.\n"
    assert found({"a.md": text}) == []


def test_a_compound_of_a_word_in_ly_that_is_no_adverb_is_still_kept_consistent():
    text = "They argued for supply-side economics.\n\nThe supply-side view won.\n\nLater the supply side argument lost.\n"
    message = "'supply side' here; 'supply-side' twice, first at a.md:1:17"
    assert found({"a.md": text}) == [("a.md", 5, 11, message, ("supply-side",))]
