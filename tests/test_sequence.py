"""The sequence rule type (Vale's): words in a row, matched by pattern and part-of-speech tag within a
sentence, with exact positions; its option errors; the tagger's words and tags; Vale's LanguageTool
rules on Vale's own fixture; and a property: no text makes it crash or point off its words."""

import subprocess
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, findings_for, make_rule, source_slice
from mslint import tagger
from mslint.document import normalize
from mslint.engine import lint
from mslint.parsing import parse
from mslint.rules import RuleError, load_rule


def where(rule: str, text: str, path: str = "test.md"):
    return [(f.line, f.column, f.end_column, f.match, f.message) for f in findings_for(rule, text, path)]


def rule(*tokens: str, message: str = "'%s'", extra: str = "") -> str:
    """A sequence rule of the given tokens, each a YAML flow mapping such as `{tag: NN}`."""
    return f'extends: sequence\nmessage: "{message}"\n{extra}tokens:\n' + "".join(f"  - {t}\n" for t in tokens)


# --- Vale's own rules and fixture ---------------------------------------------------------------


def test_the_languagetool_rules_report_on_vales_fixture_what_vale_reports_there():
    """Vale's `checks.feature` "Sequence" scenario, with the end of each finding too."""
    style = DATA / "vale" / "styles" / "LanguageTool"
    rules = [load_rule(path, f"LanguageTool.{path.stem}") for path in sorted(style.glob("*.yml"))]
    text = (DATA / "vale" / "fixtures" / "checks" / "Sequence" / "test.md").read_text(encoding="utf-8")
    found = [(f.line, f.column, f.end_column, f.rule, f.message) for f in lint([parse("test.md", text)], rules).findings]
    would_be = "LanguageTool.WOULD_BE_JJ_VB"
    of_all_times = ("LanguageTool.OF_ALL_TIMES", "In this context, the idiom needs to be spelled 'of all time'.")
    metadata = ("LanguageTool.Metadata", "Use data and metadata as plural nouns.")
    assert found == [
        (3, 4, 24, would_be, "The infinitive 'write' after 'be' requries 'to'. Did you mean 'be great *to* write'?"),
        (9, 88, 111, would_be, "The infinitive 'come' after 'be' requries 'to'. Did you mean 'be available *to* come'?"),
        (11, 7, 18, "LanguageTool.AMBIG", "Avoid ambiguous pronouns"),
        (11, 32, 71, *of_all_times),
        (13, 5, 29, *of_all_times),
        (15, 24, 48, *of_all_times),
        (17, 42, 76, *of_all_times),  # inside a quotation: the default scope reads quotations
        (21, 5, 19, "LanguageTool.APOS_ARE", 'Did you mean "endpoints" instead of "endpoint\'s"?'),
        (25, 1, 33, *metadata),  # 4 words between Metadata and is: the token's skip
        (29, 1, 29, *metadata),  # line 27 has 5, one too many
        (31, 17, 29, "LanguageTool.ARE_USING", "Use 'by using' instead of 'using' when it follows a noun for clarity "
         "and grammatical correctness."),
    ]  # fmt: skip


def test_vales_meetup_rules_tell_the_noun_from_the_verb():
    """Vale's demo style: `meet up` after an article is a noun (NN), after `should` a verb (VB)."""
    rules = [load_rule(DATA / "vale" / "styles" / "demo" / f"{name}.yml", f"demo.{name}") for name in ("Meetup", "Meet-up")]
    text = "A meet up on Sunday. We should meet up and talk. Our local meet-ups are fun. Join a meet up today.\n"
    found = [(f.column, f.end_column, f.rule, f.match) for f in lint([parse("test.md", text)], rules).findings]
    assert found == [(3, 10, "demo.Meetup", "meet up"), (60, 68, "demo.Meet-up", "meet-ups"), (85, 92, "demo.Meetup", "meet up")]


# --- each key of a token --------------------------------------------------------------------------


def test_a_pattern_matches_a_whole_word_case_sensitively():
    text = "We set up the set upstairs and set-up a setup. Set up. SET UP."
    assert where(rule("{pattern: set}", "{pattern: up}", message="'%s %s'"), text) == [(1, 4, 10, "set up", "'set up'")]


def test_ignorecase_makes_the_patterns_match_in_any_case():
    text = "We set up the set upstairs and set-up a setup. Set up. SET UP."
    assert where(rule("{pattern: set}", "{pattern: up}", extra="ignorecase: true\n"), text) == [
        (1, 4, 10, "set up", "'set'"),
        (1, 48, 54, "Set up", "'Set'"),
        (1, 56, 62, "SET UP", "'SET'"),
    ]


def test_a_tag_is_searched_in_the_words_tag_as_vale_does():
    text = "We sorted the systems using a list. We sorted the system using a list. We are using it."
    # NN takes in NNS; ^NN$ is NN alone; `are` (VBP) before `using` is no noun.
    assert where(rule("{tag: NN}", "{pattern: using}"), text) == [
        (1, 15, 28, "systems using", "'systems'"),
        (1, 51, 63, "system using", "'system'"),
    ]
    assert where(rule("{tag: ^NN$}", "{pattern: using}"), text) == [(1, 51, 63, "system using", "'system'")]


def test_a_token_with_a_pattern_and_a_tag_needs_both():
    text = "A meet up on Sunday. We should meet up and talk. Join a meet up today."
    assert where(rule("{tag: NN, pattern: meet}", "{pattern: up}"), text) == [
        (1, 3, 10, "meet up", "'meet'"),
        (1, 57, 64, "meet up", "'meet'"),
    ]


def test_negate_matches_a_word_that_matches_neither_the_pattern_nor_the_tag():
    text = "It is very good. It was very much so. It was very quickly done."
    assert [m for *_, m in where(rule("{pattern: very}", "{tag: JJ, negate: true}", message="%s %s"), text)] == [
        "very much",
        "very quickly",
    ]
    assert [m for *_, m in where(rule("{pattern: very}", "{pattern: much|quickly, negate: true}", message="%s %s"), text)] == [
        "very good"
    ]
    # Both keys: `good` matches both, `much` the tag (JJ) only... `quickly` (RB) neither.
    both = rule("{pattern: very}", "{pattern: good, tag: JJ, negate: true}", message="%s %s")
    assert where(both, "It is very good. It is very bad. It is very quickly done.") == [
        (1, 40, 52, "very quickly", "very quickly")
    ]


def test_skip_before_the_anchor_lets_words_stand_between_the_token_and_the_next():
    text = "The best of them. The best two old cars of them. The best old cars of them."
    assert where(rule("{tag: JJS, skip: 2}", "{pattern: of}"), text) == [
        (1, 5, 12, "best of", "'best'"),
        (1, 54, 70, "best old cars of", "'best'"),  # two words between; `best two old cars of` has three
    ]


def test_skip_after_the_anchor_lets_words_stand_between_the_token_and_the_one_before():
    text = "The data is fine. The data for us is fine. The data for all of us is fine."
    assert where(rule("{pattern: data}", "{tag: VBZ, skip: 2}"), text) == [
        (1, 5, 12, "data is", "'data'"),
        (1, 23, 37, "data for us is", "'data'"),
    ]


def test_a_token_that_fits_nearer_but_leaves_the_rest_unmatched_is_tried_farther():
    """`book` is the nearest noun after `a`, but `of` must follow the noun: `cover` is the one. (Vale
    stops at `book` and reports `a book` without looking for `of`.)"""
    tokens = ("{pattern: a}", "{tag: NN, skip: 2}", "{pattern: of}")
    assert where(rule(*tokens, message="%s|%[2]s|%[3]s|%[4]s"), "It was a book cover of mine. It was a book of mine.") == [
        (1, 8, 23, "a book cover of", "a|book|cover|of"),
        (1, 37, 46, "a book of", "a|book|of|"),
    ]


def test_words_that_two_anchor_words_reach_are_one_finding():
    tokens = ("{tag: DT, skip: 2}", "{pattern: big}", "{tag: NN, skip: 2}")
    assert where(rule(*tokens), "The big big dog barked.") == [(1, 1, 16, "The big big dog", "'The'")]


def test_the_message_names_each_word_of_the_match_skipped_ones_too_and_code_as_written():
    message = "%s|%[2]s|%[3]s|%[4]s"
    text = "The greatest basketball player of all. The best `x` of all."
    assert where(rule("{tag: JJS, skip: 3}", "{pattern: of}", message=message), text) == [
        (1, 5, 34, "greatest basketball player of", "greatest|basketball|player|of"),
        (1, 44, 55, "best `x` of", "best|`x`|of|"),
    ]


def test_code_stands_between_words_but_no_token_matches_it():
    assert where(rule("{tag: NN}", "{pattern: using}"), "Run `ls -la` using the shell. Run the shell using `ls`.") == [
        (1, 39, 50, "shell using", "'shell'")
    ]


# --- sentences and scopes ---------------------------------------------------------------------


def test_a_sequence_runs_within_a_sentence_over_a_line_break_but_never_into_the_next():
    found = findings_for(rule("{pattern: set}", "{pattern: up}"), "We set. Up it went. We set\nup the tent.")
    assert [(f.line, f.column, f.end_line, f.end_column, f.match) for f in found] == [(1, 24, 2, 3, "set\nup")]


BLOCKS = "# The system using it\n\n- the system using it\n\n> The system using it.\n\nHe said “the system using it” today.\n"


@pytest.mark.parametrize(
    ("scope", "lines"),
    [
        ("", [1, 3, 5, 7]),  # Vale reads only paragraphs' sentences; mslint every block, quotations too
        ("scope: prose\n", [1, 3]),  # the author's own words: no block quote, no quotation
        ("scope: heading\n", [1]),
        ("scope: [list, blockquote]\n", [3, 5]),
    ],
)
def test_the_scope_chooses_the_blocks_whose_sentences_are_read(scope, lines):
    assert [f.line for f in findings_for(rule("{tag: NN}", "{pattern: using}", extra=scope), BLOCKS)] == lines


def test_words_of_any_script_are_words():
    text = "Ελλάδα using it. The café using 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 data. The system using 😀 it."
    assert [(c, e, m) for _, c, e, m, _ in where(rule("{tag: NN}", "{pattern: using}"), text)] == [
        (1, 13, "Ελλάδα using"),
        (22, 32, "café using"),
        (51, 63, "system using"),
    ]


# --- option errors ------------------------------------------------------------------------------

HELP = "each token is a mapping with a 'pattern' (a regular expression for the word) or a 'tag'"


@pytest.mark.parametrize(
    ("tokens", "line", "problem"),
    [
        ("", None, "missing the required 'tokens' key"),
        ("tokens: []\n", 3, f"'tokens' must be a list of tokens; {HELP}"),
        ("tokens: {pattern: a}\n", 3, f"'tokens' must be a list of tokens; {HELP}"),
        ("tokens: [using]\n", 3, f"token 1 is 'using'; {HELP}"),
        ("tokens:\n  - pattern: a\n    tags: NN\n", 3, "token 1: unknown key 'tags'; a token's keys: pattern, tag, negate, skip"),
        ("tokens:\n  - pattern: a\n  - skip: 2\n", 3, "token 2 has neither a 'pattern' nor a 'tag'; to let words stand"),
        ("tokens:\n  - pattern: 'a('\n", 3, "token 1: bad pattern 'a(': missing ) at position 2"),
        ("tokens:\n  - pattern: a\n  - tag: 'NN('\n", 3, "token 2: bad tag pattern 'NN(': missing ) at position 3"),
        ("tokens:\n  - pattern: a\n  - tag: NOUN\n", 3, "token 2: tag 'NOUN' matches no Penn Treebank tag; the tags: # $ '' ,"),
        (
            "tokens:\n  - {tag: NN}\n  - {pattern: a, negate: true}\n",
            3,
            "a sequence needs a token with a 'pattern' that is not negated",
        ),
        ("tokens:\n  - pattern: a\n  - {tag: NN, skip: -1}\n", 3, "token 2: expected a whole number of 0 or more, got -1"),
        ("tokens:\n  - pattern: a\n  - {tag: NN, skip: 1.5}\n", 3, "token 2: expected a whole number of 0 or more, got 1.5"),
        ("tokens:\n  - {pattern: a, negate: maybe}\n", 3, "token 1: expected true or false, got 'maybe'"),
        ("tokens:\n  - pattern: a\nnonword: true\n", 5, "unknown key 'nonword'. keys for sequence: ignorecase, tokens;"),
    ],
)
def test_option_errors_name_the_problem_and_the_line(tokens, line, problem):
    with pytest.raises(RuleError) as caught:
        make_rule(f"extends: sequence\nmessage: x\n{tokens}")
    assert caught.value.message.startswith(problem) and caught.value.line == line


def test_a_message_cannot_name_a_word_past_the_longest_match():
    with pytest.raises(RuleError) as caught:
        make_rule(rule("{pattern: a}", "{tag: NN, skip: 1}", message="%[4]s"))
    assert (caught.value.line, caught.value.message) == (
        2,
        "the message names word 4 (%[4]s), but a match of these tokens has at most 3 words",
    )
    with pytest.raises(RuleError) as caught:
        make_rule(rule("{pattern: a}", "{tag: NN}", extra="quotation:\n  message: '%[3]s [sic]'\n"))
    assert caught.value.message == "the quotation names word 3 (%[3]s), but a match of these tokens has at most 2 words"
    assert make_rule(rule("{pattern: a}", "{tag: NN, skip: 1}", message="%[3]s")).id == "Test.Rule"


# --- the tagger -----------------------------------------------------------------------------------


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in tagger.words(text)]


def test_words_are_split_as_the_penn_treebank_splits_them():
    text = "He said “don't” and (maybe) can’t — won't... Mr. J. R. Tolkien paid $3,000.50 in the U.S. for meet-ups."
    assert split(text) == [
        *("He", "said", "“", "do", "n't", "”", "and", "(", "maybe", ")", "ca", "n’t", "—", "wo", "n't", "..."),
        *("Mr.", "J.", "R.", "Tolkien", "paid", "$", "3,000.50", "in", "the", "U.S.", "for", "meet-ups", "."),
    ]
    assert split("Don's endpoint's workers' o'clock rock'n'roll 5pm \ufffc\ufffc!") == [
        *("Don", "'s", "endpoint", "'s", "workers", "'", "o'clock", "rock'n'roll", "5pm", "\ufffc\ufffc", "!")
    ]


def test_tags_come_from_the_words_and_their_context():
    def tagged(text):
        return list(zip(split(text), tagger.tags(text, tagger.words(text)), strict=True))

    assert tagged("A meet up on Sunday.") == [
        ("A", "DT"),
        ("meet", "NN"),
        ("up", "RP"),
        ("on", "IN"),
        ("Sunday", "NNP"),
        (".", "."),
    ]
    assert tagged("We should meet up.") == [("We", "PRP"), ("should", "MD"), ("meet", "VB"), ("up", "RP"), (".", ".")]
    # Marks are read as the Penn Treebank writes them: straight quotes by the side they stand on.
    assert tagged('She said "go" (now) — can’t.') == [
        *(("She", "PRP"), ("said", "VBD"), ('"', "``"), ("go", "VB"), ('"', "''"), ("(", "-LRB-"), ("now", "RB")),
        *((")", "-RRB-"), ("—", ":"), ("ca", "MD"), ("n’t", "RB"), (".", ".")),
    ]


def test_the_model_ships_with_its_licence_and_the_tag_set_rules_are_checked_against():
    assert tagger.MODEL.is_file() and tagger.MODEL.with_name("tagger.LICENSE").is_file()
    assert "Copyright 2013 Matthew Honnibal" in tagger.MODEL.with_name("tagger.LICENSE").read_text(encoding="utf-8")
    assert tagger._model().tag(("The", "cat", "sat", ".")) == ("DT", "NN", "VBD", ".")
    assert len(tagger.TAGS) == 45 and {"NN", "VBZ", "PRP$", "``", "-LRB-"} <= set(tagger.TAGS)
    assert make_rule(rule("{tag: NN}", "{pattern: using}")).inputs() == [tagger.MODEL]  # the cache keys on it


def test_the_model_loads_only_when_a_sentence_with_an_anchor_word_is_tagged():
    script = (
        "from mslint import tagger\n"
        "from mslint.engine import lint\n"
        "from mslint.parsing import parse\n"
        "from mslint.rules import parse_rule\n"
        "r = parse_rule('extends: sequence\\nmessage: x\\ntokens:\\n  - tag: NN\\n  - pattern: using\\n', 'R.yml', 'T.R')\n"
        "assert lint([parse('a.md', 'The cat sat on the mat.')], [r]).findings == []\n"
        "print(tagger._model.cache_info().currsize, end=' ')\n"
        "assert len(lint([parse('a.md', 'The cat using the mat.')], [r]).findings) == 1\n"
        "print(tagger._model.cache_info().currsize)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout == "0 1\n"


# --- no text breaks it ----------------------------------------------------------------------------

RULES = [
    make_rule(rule("{tag: NN|NNS}", "{pattern: using}"), "Test.Using"),
    make_rule(rule("{tag: JJS, skip: 3}", "{pattern: of}", "{pattern: all}", message="%[2]s"), "Test.OfAll"),
    make_rule(rule("{pattern: '\\w+', tag: DT}", "{tag: JJ, negate: true, skip: 1}", "{tag: '.'}"), "Test.Any"),
    make_rule(rule('{pattern: "[\\\\w’\']+"}', "{tag: POS|VBZ}", extra="ignorecase: true\n"), "Test.Clitic"),
]
WORDS = ["the", "best", "of", "all", "using", "system", "cat's", "don’t", "a", "very", "U.S.", "Mr.", "—", "…", "..."]
TEXT = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from([*WORDS, " ", "\n", "\n\n", ". ", "`x`", "“", "”", "😀", "e\u0301"])),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["doc.md", "doc.txt"]))
def test_any_text_is_read_without_a_crash_and_each_finding_is_its_words(source, path):
    spans = tagger.words(source)
    assert all(0 <= start < end <= len(source) and not regex.search(r"\s", source[start:end]) for start, end in spans)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))
    lines = normalize(source).split("\n")
    for finding in lint([parse(path, source)], RULES).findings:
        assert (finding.line, finding.column) < (finding.end_line, finding.end_column)
        assert source_slice(lines, finding.line, finding.column, finding.end_line, finding.end_column) == finding.match
