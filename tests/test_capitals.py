"""capitals: one term capitalized in some places and not in others, mid-sentence (ruletypes/capitals.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.rules import RuleError

RULE = make_rule((ROOT / "rules" / "Book" / "Capitals.yml").read_text(encoding="utf-8"), "Book.Capitals")


def found(texts: dict[str, str], rule=RULE):
    return [(f.path, f.line, f.column, f.message, f.replacements) for f in lint(texts, [rule]).findings]


def test_a_phrase_in_lower_case_where_the_book_capitalizes_it():
    text = "The debt of the Global South grew.\n\nAnd the Global South paid, as the global south does.\n"
    assert found({"a.md": text}) == [
        ("a.md", 3, 35, "'global south' here; 'Global South' twice, first at a.md:1:17", ("Global South",)),
    ]


def test_a_capitalized_phrase_where_the_book_writes_it_in_lower_case():
    text = "The cold war ended, the cold war was over, and the Cold War left.\n"
    assert found({"a.md": text}) == [("a.md", 1, 52, "'Cold War' here; 'cold war' twice, first at a.md:1:5", ("cold war",))]


def test_sentence_starts_colons_list_items_and_opening_marks_are_no_choice():
    text = (
        "Global South debt grew: Global South countries paid. (Global South again.)\n\n"
        "- Global South lenders\n\nHe said “Global South” twice. The global south pays.\n"
    )
    assert found({"a.md": text}) == []


def test_titles_quotations_and_block_quotes_are_not_read():
    texts = {
        "a.md": (
            "The book *Global South Rising* and the film Global South are about the global south.\n\n"
            "She said, “the Global South pays, the Global South pays,” and the global south pays.\n\n"
            "> The Global South and the Global South and the global south.\n"
        )
    }
    assert found(texts) == []


def test_names_and_generic_uses_are_quiet():
    text = (
        "A member of the Communist Party of Israel spoke; the Israeli Communist Party agreed. "
        "For a communist party, any communist party, that is no way. Character Classes and Bracket "
        "Expressions are described beside bracket expressions.\n"
    )
    assert found({"a.md": text}) == []


def test_a_title_sentence_is_no_choice_of_capitals():
    text = "Specifying the Time Zone with TZ.\n\nThe time zone is set, the time zone changes.\n"
    assert found({"a.md": text}) == []


def test_a_single_word_is_a_term_only_after_the_and_capitalized_often_enough():
    three = "The Party decided. Members of the Party agreed, and the Party won, though the party was split.\n"
    assert found({"a.md": three}) == [("a.md", 1, 79, "'party' here; 'Party' 3 times, first at a.md:1:5", ("Party",))]
    two = "Members of the Party agreed, and the Party won, though the party was split. Party time.\n"
    assert found({"a.md": two}) == []
    rule = make_rule("extends: capitals\nmessage: \"'%s' here; '%s' %s, first at %s\"\nmin_capitalized: 2\n")
    assert [f[:3] for f in found({"a.md": two}, rule)] == [("a.md", 1, 60)]


def test_a_lower_case_word_that_qualifies_another_is_not_the_term():
    text = "The Left won, the Left lost, and the Left is here; the left side, the left column.\n"
    assert found({"a.md": text}) == []


def test_across_chapters_the_minority_is_reported_in_its_chapter_naming_the_first_place_in_the_other():
    texts = {
        "a.md": "The debts of the Global South grew, and so did the Global South.\n",
        "b.md": "So the Global South pays, the Global South lends, and the global south waits.\n",
    }
    assert found(texts) == [("b.md", 1, 59, "'global south' here; 'Global South' 4 times, first at a.md:1:18", ("Global South",))]


def test_lower_case_uses_are_reported_only_where_their_file_leans_to_the_capitals():
    # Lower-case uses are read only in files that capitalize the term, so the book's count of them
    # may be short: b.md writes it in lower case more often than not, and is left alone.
    texts = {
        "a.md": "The debts of the Global South grew, and so did the Global South and the Global South.\n",
        "b.md": "So the Global South pays, the global south lends, and the global south waits.\n",
    }
    assert found(texts) == []


def test_min_capitalized_must_be_one_or_more():
    with pytest.raises(RuleError, match="'min_capitalized' must be 1 or more"):
        make_rule("extends: capitals\nmessage: x\nmin_capitalized: 0\n")


_PIECES = st.sampled_from(["Global South", "global south", "the", "and", ",", ".", ":", "“", "”", "*", "Party", "party"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_never_a_finding_inside_a_quotation(pieces):
    text = "She said, “" + " ".join(pieces) + " the global south and the Global South.”\n\nThe Global South.\n"
    findings = lint({"a.md": text}, [RULE]).findings
    assert all(f.voice is Voice.PROSE for f in findings)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_never_a_crash_on_any_text(text):
    lint({"a.md": text + " and the Global South, the global south İ", "b.txt": text}, [RULE])


def test_a_word_before_a_capital_across_a_no_break_space_is_part_of_a_name():
    text = "Of the system, the system, the system and the system. " + "We use the System\u00a0V init. " * 3 + "\n"
    assert found({"a.md": text}) == []
    assert found({"a.md": text.replace("\u00a0", " ")}) == []


def test_the_fix_keeps_the_spaces_of_the_use_it_fixes():
    text = (
        "Aid went to the Global\u00a0South first.\n\nTrade with the Global South grew, the Global South gained.\n\n"
        "Then the global south lost.\n"
    )
    [finding] = lint({"a.md": text}, [RULE]).findings
    assert (finding.line, finding.match, finding.replacements) == (5, "global south", ("Global South",))
