"""Vale's metric, readability, conditional and capitalization types: exact findings on small texts,
option errors, and the behaviour Vale's own fixtures expect where no `When I test` scenario runs them."""

import math
import re

import pytest

from conftest import DATA, findings_for, make_rule, run_cli, write_book
from mslint.config import Config
from mslint.engine import lint
from mslint.formula import Condition, Formula, FormulaError
from mslint.parsing import parse
from mslint.rules import RuleError, load_rule, load_rules, load_styles
from mslint.textstats import VARIABLES, syllables, variables
from mslint.vocab import Vocabulary

VALE = DATA / "vale"


def where(findings):
    return [(f.line, f.column, f.end_column, f.message) for f in findings]


def error_for(yaml_text: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        make_rule(yaml_text)
    return caught.value


# --- formulas ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 / 4 - 1", 1.5),
        ("-2 * -3", 6),
        ("- (1 - 3)", 2),
        ("words / sentences", 5),
        ("heading.h2 + heading_h2", 2),
        ("math.sqrt(words * 20 / sentences) + math.pow(2, 3)", 18),
        ("1.5e1 + .5", 15.5),
    ],
)
def test_formula_values(text, value):
    assert Formula(text, VARIABLES)({"words": 10, "sentences": 2, "heading_h2": 1}) == value


def test_division_by_zero_is_infinity_or_nan_as_in_go():
    assert Formula("1 / pre", VARIABLES)({"pre": 0}) == math.inf
    assert math.isnan(Formula("pre / pre", VARIABLES)({"pre": 0}))
    assert math.isnan(Formula("math.sqrt(0 - 1)", VARIABLES)({}))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "the formula is empty"),
        ("$words / sentences", "without '$'"),
        ("wrods / sentences", "unknown variable 'wrods'; known: blockquote, characters"),
        ("words /", "ends too soon"),
        ("(words", "ends too soon"),
        ("words sentences", "unexpected 'sentences'"),
        ("words ** 2", "unexpected '*'"),
        ("math.cbrt(words)", "unknown function 'math.cbrt'"),
        ("math.pow(words)", "math.pow takes 2 arguments, not 1"),
        ("(" * 5_000 + "words" + ")" * 5_000, "the formula has 10,001 numbers, names and signs; at most 200"),
        ("+".join(["words"] * 101), "the formula has 201 numbers"),
        ("-" * 300 + "words", "the formula has 301 numbers"),
    ],
)
def test_formula_errors(text, problem):
    with pytest.raises(FormulaError, match=re.escape(problem)):
        Formula(text, VARIABLES)


def test_conditions():
    assert Condition("> 8", VARIABLES)(8.5, {}) and not Condition(">8", VARIABLES)(8, {})
    assert Condition("<= words / 2", VARIABLES)(5, {"words": 10})
    assert Condition("!= 0", VARIABLES)(1, {}) and Condition("== 0", VARIABLES)(0, {})
    with pytest.raises(FormulaError, match="starts with one of"):
        Condition("8", VARIABLES)


# --- the counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("a", 1),
        ("the", 1),
        ("any", 2),
        ("make", 1),
        ("makes", 1),
        ("table", 2),
        ("boxes", 2),
        ("rules", 1),
        ("jumped", 1),
        ("wanted", 2),
        ("played", 1),
        ("player", 2),
        ("being", 2),
        ("radio", 3),
        ("nation", 2),
        ("actual", 3),
        ("quality", 3),
        ("movement", 2),
        ("criticism", 4),
        ("readability", 5),
        ("Émile", 2),
        ("HTML", 1),
    ],
)
def test_syllable_estimates(word, count):
    assert syllables(word) == count


def test_variables_count_the_prose_and_the_blocks():
    text = (
        "# Title\n\nThe cat sat. It was happy, wasn't it?\n\n## Part\n\n- one item\n- two\n\n"
        "> A quotation.\n\n```\ncode here\n```\n\n| cell words |\n|---|\n| more |\n"
    )
    counts = variables(parse("a.md", text))
    assert {k: counts[k] for k in ("words", "sentences", "paragraphs", "characters", "long_words")} == {
        "words": 13,  # headings and table cells are not prose; code is not words
        "sentences": 5,
        "paragraphs": 4,
        "characters": 46,
        "long_words": 1,  # quotation
    }
    assert {k: counts[k] for k in ("pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3")} == {
        "pre": 1,
        "list": 2,
        "blockquote": 1,
        "heading_h1": 1,
        "heading_h2": 1,
        "heading_h3": 0,
    }


def test_a_document_without_prose_has_no_variables():
    assert variables(parse("a.md", "---\ntitle: x\n---\n# Only a heading\n")) == {}


# --- metric ------------------------------------------------------------------------------------

METRIC = "extends: metric\nmessage: 'Sentences average %s words.'\nformula: words / sentences\ncondition: '> 4'\n"


def test_metric_reports_once_at_the_start_with_two_decimals():
    found = findings_for(METRIC, "# Title\n\nOne two three four five. One two three four five six.\n")
    assert where(found) == [(1, 1, 1, "Sentences average 5.50 words.")]
    assert findings_for(METRIC, "Short one. And two.\n") == []


def test_metric_on_vale_variables():
    rule = "extends: metric\nmessage: '%s'\nformula: heading.h2 + list - blockquote\ncondition: '>= 2'\n"
    assert where(findings_for(rule, "## A\n\n## B\n\nSome text.\n")) == [(1, 1, 1, "2.00")]
    assert findings_for(rule, "## A\n\n## B\n\n> Quoted text.\n") == []


def test_metrics_at_the_same_place_are_each_reported():
    rules = [make_rule(METRIC, "Test.One"), make_rule(METRIC.replace("> 4", "> 5"), "Test.Two")]
    found = lint([parse("a.md", "One two three four five six.\n")], rules).findings
    assert [(f.rule, f.also) for f in found] == [("Test.One", ()), ("Test.Two", ())]


@pytest.mark.parametrize(
    ("options", "problem", "line"),
    [
        ("formula: words / sentnces\ncondition: '> 1'\n", "'formula': unknown variable 'sentnces'", None),
        ("formula: $words\ncondition: '> 1'\n", "'formula': variables are written without '$'", None),
        ("formula: words\ncondition: 'more than 9'\n", "'condition': a condition starts with one of", None),
        ("formula: words\n", "missing the required 'condition' key", None),
        ("formula: words\ncondition: '> 1'\ngrade: 3\n", "unknown key 'grade'", 5),
    ],
)
def test_metric_option_errors(options, problem, line):
    error = error_for("extends: metric\nmessage: x\n" + options)
    assert problem in error.message and error.line == line and str(error).startswith("Test.Rule.yml:")


def test_vale_readability_style_gives_vales_lix():
    """Vale's styles.feature, "Lint against Readability": `test.md:1:1:Readability.LIX:... (38.27) below 35.`"""
    rules = load_styles(VALE / "styles", ["Readability"])
    doc = parse("test.md", (VALE / "fixtures" / "styles" / "Readability" / "test.md").read_text(encoding="utf-8"))
    found = {f.rule: (f.line, f.column, f.message) for f in lint([doc], rules).findings}
    assert found["Readability.LIX"] == (1, 1, "Try to keep the LIX score (38.27) below 35.")


# --- readability -------------------------------------------------------------------------------

READABILITY = "extends: readability\nmessage: 'Grade %s'\ngrade: 3\nmetrics: [Flesch-Kincaid, Automated Readability]\n"
LONG_WORDS = "Unquestionably, administrative considerations necessitate extraordinary organizational flexibility.\n"


def test_readability_reports_the_mean_grade_once():
    counts = variables(parse("a.md", LONG_WORDS))
    flesch = 0.39 * counts["words"] / counts["sentences"] + 11.8 * counts["syllables"] / counts["words"] - 15.59
    automated = 4.71 * counts["characters"] / counts["words"] + 0.5 * counts["words"] / counts["sentences"] - 21.43
    assert where(findings_for(READABILITY, LONG_WORDS)) == [(1, 1, 1, f"Grade {(flesch + automated) / 2:.2f}")]
    assert findings_for(READABILITY, "The cat sat on the mat.\n") == []


def test_readability_option_errors():
    error = error_for("extends: readability\nmessage: x\ngrade: 8\nmetrics: [Flesch-Kincaid, Fog]\n")
    assert "'metrics': unknown metric 'Fog'; choose from Gunning Fog, Coleman-Liau" in error.message
    assert "expected a number" in error_for("extends: readability\nmessage: x\ngrade: high\nmetrics: [SMOG]\n").message
    assert "no metric" in error_for("extends: readability\nmessage: x\ngrade: 8\nmetrics: []\n").message


# --- conditional -------------------------------------------------------------------------------

CONDITIONAL = (
    "extends: conditional\nmessage: \"'%s' has no definition\"\n"
    "first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions: [HTML]\n"
)


def test_conditional_needs_a_definition_before_or_in_the_same_block():
    text = (
        "The NATO summit met. The North Atlantic Treaty Organization (NATO) agreed.\n\n"  # same paragraph: defined
        "Then the UN spoke, and the WHO.\n\n"  # too short for `first`; WHO defined only below
        "The World Health Organization (WHO) answered. HTML is an exception.\n"
    )
    assert where(findings_for(CONDITIONAL, text)) == [(3, 28, 31, "'WHO' has no definition")]


def test_conditional_second_without_groups_is_a_presence_check():
    rule = "extends: conditional\nmessage: x\nscope: raw\nfirst: '\\bSection\\b'\nsecond: 'Summary:'\n"
    assert where(findings_for(rule, "# Section\n\nNo summary.\n")) == [(1, 3, 10, "x")]
    assert findings_for(rule, "# Section\n\nSummary: here.\n") == []


def test_conditional_accepted_vocabulary_is_an_exception():
    rule = load_rule_with_vocabulary(CONDITIONAL, Vocabulary(accept=("NASA",)))
    found = lint([parse("a.md", "NASA and ESA flew.\n")], [rule]).findings
    assert [f.match for f in found] == ["ESA"]


def load_rule_with_vocabulary(yaml_text: str, vocabulary: Vocabulary):
    from mslint.rules import parse_rule

    return parse_rule(yaml_text, "Test.Rule.yml", "Test.Rule", {"vocabulary": vocabulary})


def test_conditional_option_errors():
    assert "missing the required 'second' key" in error_for("extends: conditional\nmessage: x\nfirst: a\n").message
    error = error_for("extends: conditional\nmessage: x\nfirst: '(a'\nsecond: b\n")
    assert "bad regular expression" in error.message


# --- capitalization ----------------------------------------------------------------------------

TITLE = "extends: capitalization\nmessage: \"'%s' -> '%s'\"\nscope: heading\nmatch: $title\n"
SENTENCE = "extends: capitalization\nmessage: \"'%s' -> '%s'\"\nscope: heading\nmatch: $sentence\nindicators: [':']\n"


def test_title_case_ap_reports_the_whole_heading_with_the_expected_case():
    found = findings_for(TITLE, "# The lord of the rings\n\n# The Lord of the Rings\n")
    assert where(found) == [(1, 3, 24, "'The lord of the rings' -> 'The Lord of the Rings'")]
    assert found[0].replacements == ("The Lord of the Rings",)


def test_title_case_keeps_markup_code_acronyms_and_small_words():
    found = findings_for(TITLE, "# Using `git rebase` with *care* for fun and profit\n")
    assert where(found) == [
        (1, 3, 52, "'Using `git rebase` with *care* for fun and profit' -> 'Using `git rebase` With *Care* for Fun and Profit'")
    ]
    # Capitals (an acronym) comply; "to" before a verb is capitalized in AP, which a word list cannot tell.
    assert findings_for(TITLE, "# How to Use the API\n\n# How To Use the API\n\n# Subtitles: A New Start\n") == []


def test_title_case_chicago_lowercases_long_prepositions():
    rule = TITLE + "style: Chicago\n"
    assert findings_for(rule, "# A Walk through the Forest\n") == []
    found = findings_for(rule, "# A Walk Through The Forest Beyond The Hills\n")
    assert found[0].message.endswith("-> 'A Walk through the Forest beyond the Hills'")


def test_sentence_case_with_indicators_exceptions_and_prefix():
    rule = SENTENCE + "exceptions: [Kubernetes]\nprefix: '^[a-z]\\.\\s'\n"
    text = "# Getting started with Kubernetes\n\n# Part one: The beginning\n\n# a. Setting things up\n\n# Getting Started Now\n"
    assert where(findings_for(rule, text)) == [(7, 3, 22, "'Getting Started Now' -> 'Getting started now'")]


def test_sentence_case_first_word_must_be_capitalized_whatever_the_rest():
    found = findings_for(SENTENCE + "threshold: 0.5\n", "# this is all right otherwise\n")
    assert where(found) == [(1, 3, 30, "'this is all right otherwise' -> 'This is all right otherwise'")]


def test_threshold_is_the_share_of_words_that_must_comply():
    text = "# Section about the MacBook pro edition\n"  # 5 of 6 words comply
    assert findings_for(SENTENCE, text) == []
    assert len(findings_for(SENTENCE + "threshold: 0.9\n", text)) == 1


def test_lower_upper_and_pattern():
    lower = "extends: capitalization\nmessage: \"'%s' -> '%s'\"\nscope: heading\nmatch: $lower\nexceptions: [API]\n"
    assert where(findings_for(lower, "# all lower API here\n\n# Not Lower\n")) == [(3, 3, 12, "'Not Lower' -> 'not lower'")]
    pattern = "extends: capitalization\nmessage: \"'%s' must match %s\"\nscope: heading\nmatch: '^[A-Z]'\n"
    found = findings_for(pattern, "# good\n\n# Good\n")
    assert where(found) == [(1, 3, 7, "'good' must match ^[A-Z]")] and found[0].replacements == ()


def test_accepted_vocabulary_is_kept_as_written():
    text = "# Installing Homebrew on macOS\n"
    assert where(findings_for(SENTENCE, text)) == [(1, 3, 31, "'Installing Homebrew on macOS' -> 'Installing homebrew on macos'")]
    rule = load_rule_with_vocabulary(SENTENCE, Vocabulary(accept=("macOS", "Homebrew")))
    assert lint([parse("a.md", text)], [rule]).findings == []
    off = load_rule_with_vocabulary(SENTENCE + "vocab: false\n", Vocabulary(accept=("macOS", "Homebrew")))
    assert len(lint([parse("a.md", text)], [off]).findings) == 1


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("", "missing the required 'match' key"),
        ("match: $title\nstyle: MLA\n", "'style' must be AP or Chicago, not 'MLA'"),
        ("match: $Title\n", "'match': '$Title' is no case; use $title, $sentence, $lower, $upper or a pattern"),
        ("match: $title\nthreshold: 1.5\n", "'threshold' is the share of words that must comply"),
        ("match: '[a-z'\n", "bad regular expression"),
        ("match: $sentence\nprefix: '('\n", "bad regular expression"),
    ],
)
def test_capitalization_option_errors(options, problem):
    assert problem in error_for("extends: capitalization\nmessage: x\n" + options).message


def test_vale_sentence_case_fixture():
    """Vale's checks.feature, "SentenceCase", without its HTML file, which mslint does not read."""
    rule = load_rule(VALE / "styles" / "demo" / "SentenceCase.yml", "demo.SentenceCase")
    doc = parse("test.md", (VALE / "fixtures" / "checks" / "SentenceCase" / "test.md").read_text(encoding="utf-8"))
    found = [f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}" for f in lint([doc], [rule]).findings]
    assert found == [
        "test.md:5:3:demo.SentenceCase:'this isn't in sentence case' should be sentence-cased",
        "test.md:11:3:demo.SentenceCase:'This Does Not Comply' should be sentence-cased",
    ]


# --- Vale types mslint does not run ------------------------------------------------------------


def test_a_style_with_a_script_rule_runs_its_other_rules_with_one_warning(tmp_path):
    script = "extends: script\nmessage: x\nscript: |\n  matches := []\n"
    words = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [very]\n"
    write_book(tmp_path, {"Script.yml": script, "Very.yml": words})
    (tmp_path / "chapters" / "01.md").write_text("A very good day.\n", encoding="utf-8")
    result = run_cli([], tmp_path)
    assert result.returncode == 0, result.stderr  # a warning-level finding, and no error
    assert result.stdout == "chapters/01.md:1:3: warning House.Very: Avoid 'very'.\n"
    warning = (
        "mslint: warning: styles/House/Script.yml:1: rule type 'script' (Tengo scripts) is not supported; the rule is skipped"
    )
    assert result.stderr.splitlines() == [warning]
    listed = run_cli(["--list-rules"], tmp_path)
    assert listed.returncode == 0 and [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["House.Very"]
    assert run_cli(["--explain", "House.Very"], tmp_path).returncode == 0


def test_a_skipped_rule_may_be_named_in_the_configuration(tmp_path):
    write_book(
        tmp_path, {"Script.yml": "extends: script\nmessage: x\n", "Very.yml": "extends: existence\nmessage: x\ntokens: [a]\n"}
    )
    config = Config(root=tmp_path, styles_path="styles", proselint=False, rule_levels={"House.Script": None})
    skipped = []
    assert [rule.id for rule in load_rules(config, skipped.append)] == ["House.Very"]
    assert [rule.rule_id for rule in skipped] == ["House.Script"]
    with pytest.raises(RuleError, match="'House.Scrip' names no rule in use"):
        load_rules(
            Config(root=tmp_path, styles_path="styles", proselint=False, rule_levels={"House.Scrip": None}), skipped.append
        )
