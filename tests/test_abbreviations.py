"""abbreviations: an abbreviation used before the book defines it, or defined two ways."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import ANY_TEXT, SETTINGS

from conftest import chapters, make_rule
from mslint.engine import lint
from mslint.finding import Voice
from mslint.parsing import parse
from mslint.rules import RuleError
from mslint.ruletypes.initials import definitions, normalized, spells

RULE = "extends: abbreviations\nmessage: \"'%s' is used here before it is defined at %s.\"\n"


def found(*texts: str, rule: str = RULE):
    """(path, line, column, end_column, message) of each finding, the texts being a.md, b.md..."""
    docs = chapters(*texts)
    result = lint(docs, [make_rule(rule)])
    assert result.errors == []
    return [(f.path, f.line, f.column, f.end_column, f.message) for f in result.findings]


def test_the_first_use_before_the_definition_is_reported_once():
    text = "The KKE spoke. The KKE wrote.\n\nThen the Communist Party of Greece (KKE) met. The KKE left.\n"
    assert found(text) == [("a.md", 1, 5, 8, "'KKE' is used here before it is defined at a.md:3:10.")]


def test_across_chapters_the_use_is_reported_in_its_chapter_naming_the_definition_in_the_other():
    assert found("Intro.\n\nThe KKE’s view and the KKE again.\n", "The Communist Party of Greece (KKE) met.\n") == [
        ("a.md", 3, 5, 8, "'KKE' is used here before it is defined at b.md:1:5.")
    ]
    assert found("The Communist Party of Greece (KKE) met.\n", "The KKE spoke.\n") == []


def test_a_second_definition_in_other_words_is_reported_naming_the_first():
    first = "The Communist Party of Greece (KKE) met.\n"
    second = "Later, KKE (Kommounistikó Kómma Elládas) and the Greek Communist Party (KKE).\n"
    assert found(first, second) == [
        (
            "b.md",
            1,
            8,
            41,
            "'KKE' is defined here as 'Kommounistikó Kómma Elládas', but as 'Communist Party of Greece' at a.md:1:5.",
        ),
        ("b.md", 1, 50, 77, "'KKE' is defined here as 'Greek Communist Party', but as 'Communist Party of Greece' at a.md:1:5."),
    ]


def test_the_message_for_a_second_definition_is_the_rules_own():
    rule = RULE + 'redefined: "%[4]s first defines %[1]s."\n'
    text = "The Communist Party of Greece (KKE) met. The Greek Communist Party (KKE) left."
    assert [f[4] for f in found(text, rule=rule)] == ["a.md:1:5 first defines KKE."]
    with pytest.raises(RuleError, match="'redefined' has too many %s placeholders"):
        make_rule(RULE + "redefined: '%s %s %s %s %s'\n")


@pytest.mark.parametrize(
    "second",
    [
        "the communist party of Greece (KKE)",
        "Communist-Party of Greece (KKE)",
        "KKE (the Communist Party of Greece)",
        "Communist Party of Greece’s (KKE)",
    ],
)
def test_minor_variations_are_one_definition(second):
    assert found(f"The Communist Party of Greece (KKE) met. And {second} left.") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> The KKE spoke.\n\nThe Communist Party of Greece (KKE) met.", id="use-in-block-quote"),
        pytest.param("He said “the KKE is wrong, as ever”. The Communist Party of Greece (KKE) met.", id="use-in-quotation"),
        pytest.param("# The KKE\n\nThe Communist Party of Greece (KKE) met.", id="use-in-heading"),
        pytest.param("KKE\n\nThe Communist Party of Greece (KKE) met.", id="label"),
        pytest.param("The USA, the UN and the BBC spoke.", id="never-defined"),
        pytest.param("The basic regular expression BRE. Basic regular expressions (BREs) are defined.", id="expanded-there"),
        pytest.param("See ISO/IEC 80000 and IEC 60027. The International Electrotechnical Commission (IEC).", id="designation"),
    ],
)
def test_uses_not_reported(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The KKE spoke. “The Communist Party of Greece (KKE) is ours,” he said.", id="in-a-quotation"),
        pytest.param("The KKE spoke.\n\n> The Communist Party of Greece (KKE) is ours.", id="in-a-block-quote"),
        pytest.param("The MK spoke. Then Ofer Cassif (MK) spoke.", id="a-title"),
        pytest.param("The KKE spoke. Then the workers (KKE) spoke.", id="not-spelled"),
        pytest.param("The KKE spoke. Then the party (“KKE”) spoke.", id="quoted"),
        pytest.param("The KKE spoke. Then Greece (KKE) spoke.", id="one-word"),
    ],
)
def test_not_a_definition(text):
    assert found(text) == []


def test_what_defines_an_abbreviation():
    text = (
        "Boycott, Divestment and Sanctions (BDS); the World Anti-Imperialist Platform (WAP); "
        "HyperText Markup Language (HTML); USA (the United States of America); first in, first out (FIFO); "
        "Server Side Includes (SSI for short); Transmission Control Protocol (or TCP); Common Era (hereafter CE)."
    )
    assert [(d.abbreviation, d.phrase) for d in definitions(text)] == [
        ("BDS", "Boycott, Divestment and Sanctions"),
        ("WAP", "World Anti-Imperialist Platform"),
        ("HTML", "HyperText Markup Language"),
        ("USA", "the United States of America"),
        ("FIFO", "first in, first out"),
        ("SSI", "Server Side Includes"),
        ("TCP", "Transmission Control Protocol"),
        ("CE", "Common Era"),
    ]


@pytest.mark.parametrize(
    "abbreviation, phrase, expected",
    [
        ("TCP", "Transmission Control Protocol", True),
        ("USSR", "Union of Soviet Socialist Republics", True),
        ("IMCWP", "International Meeting of Communist and Workers’ Parties", True),
        ("KKE", "Kommounistikó Kómma Elládas", True),
        ("KKE", "Communist Party of Greece", False),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("NATO", "North Treaty Organization", False),
        ("POSIX", "Portable Operating System Interface", False),
    ],
)
def test_spells(abbreviation, phrase, expected):
    assert spells(abbreviation, tuple(phrase.split())) is expected


def test_normalized():
    assert normalized("The Basic-Regular Expressions") == normalized("basic regular expression")
    assert normalized("Workers’ Parties") == normalized("workers party")


@SETTINGS
@given(
    st.lists(st.sampled_from(["KKE", "Communist Party of Greece (KKE)", "“", "”", " ", ". ", "\n\n", "> ", "# "]), max_size=30)
)
def test_never_a_finding_in_someone_elses_words(pieces):
    result = lint([parse("a.md", "".join(pieces))], [make_rule(RULE)])
    assert result.errors == []
    assert all(f.voice is Voice.PROSE for f in result.findings)


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_never_a_crash_on_any_text(first, second):
    assert lint(chapters(first, second), [make_rule(RULE)]).errors == []
