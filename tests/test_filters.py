"""--filter's expressions: what they select, and what each mistake says."""

import pytest

from conftest import make_rule
from mslint.filters import FilterError, parse_filter, rule_fields
from mslint.finding import Level

CAP = {
    "Name": "demo.Cap",
    "Level": "error",
    "Scope": ["heading"],
    "Message": "'%s' should be in title case",
    "Description": "",
    "Extends": "capitalization",
    "Link": "https://example.com/cap",
    "Limit": 0,
}
REPETITION = CAP | {"Name": "Vale.Repetition", "Scope": ["text"], "Extends": "repetition", "Link": "", "Limit": 3}
HEADING = CAP | {
    "Name": "demo.HeadingStartsWithCapital",
    "Level": "suggestion",
    "Scope": ["heading.h1"],
    "Extends": "existence",
    "Link": "",
}
RULES = [CAP, REPETITION, HEADING]


def selected(expression: str) -> list[str]:
    chosen = parse_filter(expression)
    return [fields["Name"] for fields in RULES if chosen.selects(fields)]


@pytest.mark.parametrize(
    ("expression", "names"),
    [
        ('.Level in ["error", "suggestion"] and .Name != "demo.Cap"', ["Vale.Repetition", "demo.HeadingStartsWithCapital"]),
        ('"heading" in .Scope', ["demo.Cap"]),  # a member of the list, not a prefix: heading.h1 is not heading
        (".Extends in ['existence']", ["demo.HeadingStartsWithCapital"]),
        ('.Extends == "existence" || .Limit > 2', ["Vale.Repetition", "demo.HeadingStartsWithCapital"]),
        ('not (.Level == "error")', ["demo.HeadingStartsWithCapital"]),
        ('!(.Level == "error") && .Limit >= 0', ["demo.HeadingStartsWithCapital"]),
        ('.Name not in ["demo.Cap", "Vale.Repetition"]', ["demo.HeadingStartsWithCapital"]),
        ('.Name startsWith "demo." and .Name endsWith "Cap"', ["demo.Cap"]),
        ('.Message contains "title case" and .Link != ""', ["demo.Cap"]),
        ('.Name matches "^Vale\\\\."', ["Vale.Repetition"]),
        ('.Limit <= 0 and .Level < "f"', ["demo.Cap"]),  # text compares as text: "error" < "f" < "suggestion"
        ("true", ["demo.Cap", "Vale.Repetition", "demo.HeadingStartsWithCapital"]),
        ('.Name == "it\\"s"', []),
    ],
)
def test_an_expression_selects_the_rules_whose_fields_it_holds_for(expression, names):
    assert selected(expression) == names


def test_the_fields_an_expression_reads_are_known():
    assert parse_filter('.Level == "error" or "text" in .Scope').fields == {"Level", "Scope"}
    assert parse_filter(".Limit > 1").fields == {"Limit"}


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", 'the filter is empty; write an expression such as .Level == "error"'),
        (".Scope == 'heading'", 'column 8: == compares two values of one type (write "heading" in .Scope)'),
        (
            ".Severity == 'error'",
            "column 1: no field .Severity; a rule's fields are "
            ".Name, .Level, .Scope, .Message, .Description, .Extends, .Link, .Limit",
        ),
        (".Name", "the filter is text; it must be true or false for a rule, as a comparison is"),
        (".Level = 'error'", "column 8: '=' is not part of a filter (compare with ==)"),
        (".Level == ", "column 11: expected a field (.Name), a value or (, not the end"),
        ("(.Level == 'error'", "column 19: expected ), not the end"),
        ("'a' in .Name", 'column 5: in takes a list on its right (for text, write .Name contains "x")'),
        (".Limit > 'two'", "column 8: > compares two values of one type"),
        (".Name and .Level == 'error'", "column 7: and joins comparisons, not text"),
        ("not .Limit", "column 1: not joins comparisons, not a number"),
        (".Level in ['error', 3]", "column 11: a list holds text or numbers, not both"),
        (".Level in [.Name]", "column 11: a list holds text and numbers, written out"),
        (".Name matches '('", "column 15: not a regular expression: missing ) at position 1"),
        (".Name matches .Link", "column 15: matches takes a pattern written out as text"),
        (".Limit contains 1", "column 8: contains takes text on both sides"),
        (".Level == 'error' .Name", "column 19: expected and, or, or the end, not '.Name'"),
        (".Level == 'error' $", "column 19: '$' is not part of a filter"),
        (".Level == 'error", 'column 11: "\'" is not part of a filter (a text without its closing quote)'),
    ],
)
def test_a_mistake_says_where_and_what(expression, message):
    with pytest.raises(FilterError) as raised:
        parse_filter(expression)
    assert str(raised.value) == message


def test_a_rules_fields_are_its_definition_at_the_level_it_reports():
    rule = make_rule(
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\nscope: [heading, table.cell]\n"
        "link: https://example.com\ndescription: Weak words.\nlimit: 2\ntokens: [very]\n",
        "House.Weak",
    )
    assert rule_fields(rule, Level.ERROR) == {
        "Name": "House.Weak",
        "Level": "error",
        "Scope": ["heading", "table.cell"],
        "Message": "Avoid '%s'.",
        "Description": "Weak words.",
        "Extends": "existence",
        "Link": "https://example.com",
        "Limit": 2,
    }
    unscoped = make_rule("extends: existence\nmessage: x\ntokens: [very]\n")
    assert rule_fields(unscoped, Level.WARNING)["Scope"] == ["text"]  # Vale's default scope


def test_a_long_chain_or_deep_nesting_is_an_error_or_an_answer_never_a_crash():
    chain = " or ".join(['.Name == "Book.Typos"'] * 3000)
    assert parse_filter(chain).selects(CAP | {"Name": "Book.Typos"})
    assert not parse_filter(chain).selects(CAP)
    for deep, column in (("(" * 60 + ".Limit > 1" + ")" * 60, 51), ("not " * 60 + "true", 201), ('"a" in ' + "[" * 2000, 58)):
        with pytest.raises(FilterError, match=rf"^column {column}: nested more than 50 deep$"):
            parse_filter(deep)


def test_a_filter_is_read_in_one_pass_and_a_huge_one_is_an_error():
    chain = " or ".join(['.Name == "Book.Typos"'] * 4_000)  # 90,000 characters: each token copied the rest
    assert parse_filter(chain + "   ").selects(CAP | {"Name": "Book.Typos"})
    huge = " or ".join(["true"] * 25_000)  # each term is tried on each rule: 200,000 of them took 14 s
    with pytest.raises(FilterError, match=rf"^the filter has {len(huge):,} characters; at most 100,000 are read$"):
        parse_filter(huge)
    with pytest.raises(FilterError, match=r"^column 8: '=' is not part of a filter \(compare with ==\)$"):
        parse_filter("  true = false")
