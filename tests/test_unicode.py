"""Any text, in any script: spelling and variants judge words a dictionary cannot hold without
crashing, leave other scripts to dictionaries of those scripts, and every finding over text from
all of Unicode points at exactly what it reports."""

from __future__ import annotations

import functools
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, lint_shown, run_cli, source_slice
from mslint.config import find_config, load_config
from mslint.document import normalize
from mslint.engine import Options
from mslint.parsing import parse
from mslint.rules import load_rules, parse_rule
from mslint.vocab import Vocabulary

PARAGRAPH = "Dvořák wrote to Erdős from Łódź; the Ḥadash list sang of Ελλάδα, Москва and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\n"
MESSAGE = "is not in the dictionary or the book's vocabulary."


@functools.cache
def repository():
    """The repository's own configuration and rules, spelling and proselint included."""
    config = load_config(find_config(ROOT), ROOT)
    return config, load_rules(config)


def lint_as_the_book(text: str):
    config, rules = repository()
    return lint_shown({"a.md": text}, rules, Options(config.level_of))


def spelling(extra: str = "", vocabulary: Vocabulary | None = None):
    """A spelling rule whose styles path is tests/data, where the test dictionaries are."""
    yaml = "extends: spelling\nmessage: \"'%s'?\"\n" + extra
    return parse_rule(yaml, "T.yml", "T.Rule", {"styles_path": DATA, "vocabulary": vocabulary})


UTF8_DICTIONARY = "dicpath: dictionaries\ndictionaries: [unicode]\n"


def found(text: str, rule):
    """(column, end_column, match, replacements) of each finding on line 1."""
    result = lint_shown([parse("a.md", text)], [rule])
    assert result.errors == []
    assert all(f.line == f.end_line == 1 for f in result.findings)
    return [(f.column, f.end_column, f.match, f.replacements) for f in result.findings]


# --- the book's configuration ----------------------------------------------------------------


def test_latin_words_en_us_cannot_hold_are_reported_other_scripts_are_not():
    result = lint_as_the_book(PARAGRAPH)
    assert result.errors == []
    assert [(f.line, f.column, f.end_column, f.rule, f.match, f.replacements, f.message) for f in result.findings] == [
        (1, 1, 7, "Book.Spelling", "Dvořák", (), f"'Dvořák' {MESSAGE}"),
        (1, 17, 22, "Book.Spelling", "Erdős", (), f"'Erdős' {MESSAGE}"),
        (1, 28, 32, "Book.Spelling", "Łódź", (), f"'Łódź' {MESSAGE}"),
        (1, 38, 44, "Book.Spelling", "Ḥadash", (), f"'Ḥadash' {MESSAGE}"),
    ]


def test_a_decomposed_word_is_one_word():
    text = unicodedata.normalize("NFD", PARAGRAPH)
    assert [(f.column, f.end_column, f.match) for f in lint_as_the_book(text).findings] == [
        (1, 9, unicodedata.normalize("NFD", "Dvořák")),
        (19, 25, unicodedata.normalize("NFD", "Erdős")),
        (31, 37, unicodedata.normalize("NFD", "Łódź")),
        (43, 50, unicodedata.normalize("NFD", "Ḥadash")),
    ]


def test_a_decomposed_word_is_doubled_as_a_composed_one_and_never_cut_from_its_marks():
    # Written decomposed, `café café` and हिन्दी हिन्दी (whose vowel signs are marks) were no doubled
    # words (a mark is no letter to str.isalpha), and proselint found `cafe` without its accent.
    for word in ("café", "हिन्दी", "Łódź"):
        text = unicodedata.normalize("NFD", f"It was {word} {word} then.\n")
        result = lint_as_the_book(text)
        assert [(f.rule, f.match) for f in result.findings if f.rule != "Book.Spelling"] == [
            ("Book.DoubledWords", unicodedata.normalize("NFD", f"{word} {word}"))
        ], word


def test_a_mark_after_no_letter_ends_no_finding():
    """An emoji before its variation selector, and a mark a rule looks for itself, are found."""
    emoji = parse_rule("extends: existence\nmessage: \"'%s'\"\nnonword: true\nraw: ['[\\u2600-\\u27BF]']\n", "E.yml", "T.Emoji")
    assert [f[2] for f in found("Love \u2764\ufe0f, tick \u2714\ufe0f, smile \u263a.", emoji)] == ["\u2764", "\u2714", "\u263a"]
    marks = parse_rule("extends: existence\nmessage: \"'%s'\"\nnonword: true\nraw: ['\\p{M}']\n", "M.yml", "T.Marks")
    assert [f[2] for f in found(unicodedata.normalize("NFD", "A café."), marks)] == ["\u0301"]


def test_the_mslint_command_reports_them_and_exits_normally(tmp_path):
    chapter = tmp_path / "chapter.md"
    chapter.write_text(PARAGRAPH, encoding="utf-8")
    result = run_cli(["--no-cache", "--fail-on", "warning", str(chapter)], ROOT)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"{chapter}:1:1: warning Book.Spelling: 'Dvořák' {MESSAGE}",
        f"{chapter}:1:17: warning Book.Spelling: 'Erdős' {MESSAGE}",
        f"{chapter}:1:28: warning Book.Spelling: 'Łódź' {MESSAGE}",
        f"{chapter}:1:38: warning Book.Spelling: 'Ḥadash' {MESSAGE}",
    ]


# --- en_US, the vocabulary and filters -------------------------------------------------------


def test_the_vocabulary_accepts_a_word_en_us_cannot_hold():
    rule = spelling(vocabulary=Vocabulary(accept=("Łódź", "Dvoř\\w+"), reject=()))
    assert found("Łódź, Dvořák and Erdős.", rule) == [(18, 23, "Erdős", ())]


def test_a_filter_skips_a_word_en_us_cannot_hold():
    assert found("Łódź, Dvořák and Erdős.", spelling("filters: ['ő']\n")) == [(1, 5, "Łódź", ()), (7, 13, "Dvořák", ())]


def test_a_rejected_word_in_another_script_is_reported():
    rule = spelling(vocabulary=Vocabulary(accept=(), reject=("Москва",)))
    assert found("Москва and Ελλάδα.", rule) == [(1, 7, "Москва", ())]


def test_a_latin_1_word_en_us_does_not_know_still_gets_suggestions():
    assert found("A naïve café in Ærøskøbing.", spelling()) == [
        (3, 8, "naïve", ("nave", "naive")),
        (17, 27, "Ærøskøbing", ()),  # Hunspell's n-gram guesses were Proscribing and Squibbing
    ]


def test_a_word_written_without_the_marks_of_a_dictionary_word_gets_it_first():
    assert found("Godel in Dusseldorf, a cafe, not Dvořák.", spelling()) == [
        (1, 6, "Godel", ("Gödel", "Model", "Yodel", "God el", "God-el")),
        (10, 20, "Dusseldorf", ("Düsseldorf",)),
        (24, 28, "cafe", ("café", "face", "cage", "chafe", "case")),
        (34, 40, "Dvořák", ()),  # marked, if not as en_US's Dvorák: not its word written bare
    ]


# --- a UTF-8 dictionary ----------------------------------------------------------------------


def test_a_utf8_dictionary_knows_its_words_in_any_script():
    assert found("Łódź, Ḥadash and Москва.", spelling(UTF8_DICTIONARY)) == [(14, 17, "and", ())]
    assert found("Łódź, Ḥadash and Москва.", spelling(UTF8_DICTIONARY + "append: true\n")) == []


def test_a_utf8_dictionary_knows_its_words_decomposed():
    assert found(unicodedata.normalize("NFD", "Łódź and Ḥadash."), spelling(UTF8_DICTIONARY + "append: true\n")) == []


def test_a_utf8_dictionary_reports_misspellings_of_its_words_with_suggestions():
    assert found("Łodź, Hadash, Моксва.", spelling(UTF8_DICTIONARY)) == [
        (1, 5, "Łodź", ("Łódź",)),
        (7, 13, "Hadash", ("Ḥadash",)),
        (15, 21, "Моксва", ("Москва",)),
    ]


def test_the_encoding_is_the_one_the_aff_sets(tmp_path):
    # A KOI8-R dictionary holds Cyrillic and ASCII but not Łódź, which it then does not know.
    (tmp_path / "koi.aff").write_text("SET KOI8-R\n", encoding="ascii")
    (tmp_path / "koi.dic").write_text("3\nМосква\nLodz\nand\n", encoding="koi8-r")
    rule = spelling(f"dicpath: {tmp_path}\ndictionaries: [koi]\n")
    assert found("Москва, Моксва, Łódź and Lodz.", rule) == [(9, 15, "Моксва", ("Москва",)), (17, 21, "Łódź", ())]


def test_a_dictionary_with_other_scripts_judges_words_with_no_latin_letter():
    # en_US leaves Ελλάδα and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 alone; a dictionary holding Cyrillic words judges them.
    assert found("Ελλάδα and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.", spelling()) == []
    assert found("Ελλάδα and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.", spelling(UTF8_DICTIONARY + "append: true\n")) == [
        (1, 7, "Ελλάδα", ()),
        (12, 19, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", ()),
    ]


# --- variants --------------------------------------------------------------------------------


def test_variants_compares_words_en_us_cannot_hold():
    yaml = "extends: variants\nmessage: \"'%s' (%s) vs '%s' (%s)\"\n"
    rule = parse_rule(yaml, "V.yml", "T.Variants", {"styles_path": None, "vocabulary": None})
    # Москва and Моцква are not compared: no dictionary here judges Cyrillic words, so both are known.
    findings = lint_shown([parse("a.md", "Dvořák, Dvořák and Dvorak met in Москва and Моцква.")], [rule]).findings
    assert [(f.column, f.end_column, f.match, f.replacements, f.message) for f in findings] == [
        (20, 26, "Dvorak", ("Dvořák",), "'Dvorak' (1) vs 'Dvořák' (2)")
    ]


# --- any text --------------------------------------------------------------------------------

# Every code point but the surrogates, which text decoded from UTF-8 never holds; with extra weight
# on words in every script, combining marks, astral characters, bidi and joining controls, and the
# marks Markdown is made of.
ANY_CHARACTER = st.characters(codec="utf-8")
WORDS = st.text(st.characters(codec="utf-8", categories=["L", "M"]), min_size=1, max_size=12)
SPECIAL = [
    *"\u0301\u0323\u030c\u200d\u200c\u200b\u00ad\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *["😀", "👩\u200d💻", "🇮🇱", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𝐀", "ﬁ", "ǅ", "İstanbul", "straße", "Dvořák", "Dvor\u030cák", "Erdős"],
    *["Москва", "Ελλάδα", "שָׁלוֹם", "مرحبا", "क्षत्रिय", "漢字", "ไทย", "한국어", "naïve", "the", "teh", "Histradrut"],
]
MARKDOWN = [
    *["\n", "\n\n", "\r\n", " ", "\t", "# ", "> ", "- ", "1. ", "```\n", "    ", "|", "|---|\n"],
    *["*", "**", "_", "`", "[", "](http://example.org/ø)", "<!-- -->", "<span>", "\\"],
    *["“", "”", "‘", "’", "'", '"', "«", "»", "-", "—", ".", ", ", "...", "?", "[sic]"],
]
TEXT = st.lists(
    st.one_of(WORDS, st.text(ANY_CHARACTER, max_size=4), st.sampled_from(SPECIAL), st.sampled_from(MARKDOWN)), max_size=40
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_lints_without_errors_and_every_finding_points_at_its_match(text):
    result = lint_as_the_book(text)
    assert result.errors == []
    lines = normalize(text).split("\n")
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        assert 1 <= finding.end_column <= len(lines[finding.end_line - 1]) + 1, finding
        assert (finding.line, finding.column) < (finding.end_line, finding.end_column), finding
        assert source_slice(lines, finding.line, finding.column, finding.end_line, finding.end_column) == finding.match, finding


def test_a_dictionary_that_sets_its_own_number_of_ngram_suggestions_keeps_its_affixes(tmp_path):
    # mslint turns Hunspell's n-gram suggestions off; a second MAXNGRAMSUGS line would stop Hunspell
    # reading the .aff, and its affixes with it.
    (tmp_path / "walk.aff").write_text("SET UTF-8\nMAXNGRAMSUGS 4\nSFX D Y 1\nSFX D 0 ed .\n", encoding="utf-8")
    (tmp_path / "walk.dic").write_text("2\nwalk/D\nthey\n", encoding="utf-8")
    rule = spelling(f"dicpath: {tmp_path}\ndictionaries: [walk]\n")
    assert found("They walked, they walk, they walkde.", rule) == [(30, 36, "walkde", ("walked",))]
