"""variants: one word spelled two ways across the documents linted together."""

import pytest

from conftest import ROOT, chapters, lint_shown
from mslint.engine import Options
from mslint.finding import Level
from mslint.parsing import parse
from mslint.rules import RuleError, load_rule, parse_rule
from mslint.vocab import Vocabulary

VARIANTS = "extends: variants\nmessage: \"'%s' (%s) vs '%s' (%s)\"\n"


def variants(extra: str = "", vocabulary: Vocabulary | None = None):
    return parse_rule(VARIANTS + extra, "T.yml", "T.Rule", {"styles_path": None, "vocabulary": vocabulary})


def found(*texts: str, rule=None):
    """(path, line, column, end_column, match, replacements, message) of each finding."""
    docs = chapters(*texts)
    return [
        (f.path, f.line, f.column, f.end_column, f.match, f.replacements, f.message)
        for f in lint_shown(docs, [rule or variants()]).findings
    ]


def test_the_rarer_spelling_is_reported_at_each_use_across_documents():
    assert found("Palestinians spoke.", "The Palestinains and Palestinians.", "Palestinains left.\n\nPalestinians came.") == [
        ("b.md", 1, 5, 17, "Palestinains", ("Palestinians",), "'Palestinains' (2) vs 'Palestinians' (3)"),
        ("c.md", 1, 1, 13, "Palestinains", ("Palestinians",), "'Palestinains' (2) vs 'Palestinians' (3)"),
    ]


def test_counts_are_over_all_documents():
    # Alone, b.md is a tie between two unknown words; a.md's use decides.
    assert found("Zorblax and Zorblex.") == []
    assert found("Zorblax left.", "Zorblax and Zorblex.") == [
        ("b.md", 1, 13, 20, "Zorblex", ("Zorblax",), "'Zorblex' (1) vs 'Zorblax' (2)")
    ]


def test_a_dictionary_word_wins_even_when_rarer():
    assert found("Palestinains, Palestinains and Palestinians.") == [
        ("a.md", 1, 1, 13, "Palestinains", ("Palestinians",), "'Palestinains' (2) vs 'Palestinians' (1)"),
        ("a.md", 1, 15, 27, "Palestinains", ("Palestinians",), "'Palestinains' (2) vs 'Palestinians' (1)"),
    ]


def test_a_vocabulary_word_wins_even_when_rarer():
    rule = variants(vocabulary=Vocabulary(accept=("Cassif", "Histadrut")))
    assert found("Cassif spoke.", "Casif left, Casif came.", "The Histradrut, the Histradrut and the Histadrut.", rule=rule) == [
        ("b.md", 1, 1, 6, "Casif", ("Cassif",), "'Casif' (2) vs 'Cassif' (1)"),
        ("b.md", 1, 13, 18, "Casif", ("Cassif",), "'Casif' (2) vs 'Cassif' (1)"),
        ("c.md", 1, 5, 15, "Histradrut", ("Histadrut",), "'Histradrut' (2) vs 'Histadrut' (1)"),
        ("c.md", 1, 21, 31, "Histradrut", ("Histadrut",), "'Histradrut' (2) vs 'Histadrut' (1)"),
    ]


def test_the_vocabulary_beats_the_dictionary():
    # "Bittelmann" is unknown, but a vocabulary word beats the more frequent spelling all the same.
    rule = variants(vocabulary=Vocabulary(accept=("Bittelman",)))
    assert [f[4] for f in found("Bittelman, Bittelmann and Bittelmann.", rule=rule)] == ["Bittelmann", "Bittelmann"]


@pytest.mark.parametrize(
    "texts",
    [
        ("The form from Israel, and Israeli forms.", "From the form."),  # two dictionary words
        ("Palestinians, palestinains, PALESTINAINS and PALESTINAINS.",),  # capital shapes differ
        ("Bittelmans, Bittelman and Bittelman.",),  # a plural is the same word
        ("Bittelman and Bittelmanes.",),
        ("Zorblax and Zorblex.", "Zorblex and Zorblax."),  # a tie between two unknown words
    ],
)
def test_not_variants(texts):
    assert found(*texts) == []


def test_words_shorter_than_min_length_are_ignored():
    text = "Bobi, Bobi and Bobo; Zorblax, Zorblax and Zorblex."
    assert [f[4] for f in found(text)] == ["Bobo", "Zorblex"]  # min_length 4 by default
    assert [f[4] for f in found(text, rule=variants("min_length: 5\n"))] == ["Zorblex"]


def test_max_edits():
    text = "Zorblax, Zorblax, Zorblex and Zorbxx."  # Zorblex is one edit away, Zorbxx two
    assert [f[4] for f in found(text)] == ["Zorblex", "Zorbxx"]
    assert [f[4] for f in found(text, rule=variants("max_edits: 1\n"))] == ["Zorblex"]
    with pytest.raises(RuleError, match="'max_edits' must be 1 or 2"):
        variants("max_edits: 3\n")


QUOTATION = "quotation:\n  message: \"q: '%s' (%s) vs '%s' (%s)\"\n  level: suggestion\n"
QUOTED = "The Histadrut and the Histradrut.\n\n> The Histradrut spoke.\n\nHe said “the Histradrut is ours, always” twice.\n"


def test_in_quotations_the_quotation_policy_applies():
    rule = variants(QUOTATION, Vocabulary(accept=("Histadrut",)))
    findings = lint_shown([parse("a.md", QUOTED)], [rule]).findings
    assert [(f.line, f.column, f.end_column, str(f.voice), str(f.level), f.replacements, f.message) for f in findings] == [
        (1, 23, 33, "prose", "warning", ("Histadrut",), "'Histradrut' (3) vs 'Histadrut' (1)"),
        (3, 7, 17, "blockquote", "suggestion", ("Histradrut [sic]",), "q: 'Histradrut' (3) vs 'Histadrut' (1)"),
        (5, 14, 24, "quotation", "suggestion", ("Histradrut [sic]",), "q: 'Histradrut' (3) vs 'Histadrut' (1)"),
    ]


def test_without_a_quotation_policy_quotations_are_reported_as_prose():
    findings = lint_shown([parse("a.md", QUOTED)], [variants(vocabulary=Vocabulary(accept=("Histadrut",)))]).findings
    assert [(f.line, str(f.voice), str(f.level), f.replacements) for f in findings] == [
        (1, "prose", "warning", ("Histadrut",)),
        (3, "blockquote", "warning", ("Histadrut",)),
        (5, "quotation", "warning", ("Histadrut",)),
    ]


# --- with Book.Spelling: one finding for one error -------------------------------------------


def book_rules(*names):
    styles = ROOT / "rules"
    context = {"styles_path": styles, "vocabulary": Vocabulary.load(styles, ["Book"])}
    return [load_rule(styles / "Book" / f"{name}.yml", f"Book.{name}", context) for name in names]


TEXT = "The Histadrut grew. The Histradrut shrank."


def test_spelling_and_variants_on_the_same_span_merge_into_one_finding():
    [finding] = lint_shown([parse("a.md", TEXT)], book_rules("Spelling", "Variants")).findings
    assert (finding.column, finding.end_column, finding.match) == (25, 35, "Histradrut")
    assert (finding.rule, finding.also) == ("Book.Spelling", ("Book.Variants",))
    assert finding.replacements == ("Histadrut",)


def test_on_a_tie_the_first_rule_stays_and_a_higher_level_wins():
    [finding] = lint_shown([parse("a.md", TEXT)], book_rules("Variants", "Spelling")).findings
    assert (finding.rule, finding.also) == ("Book.Variants", ("Book.Spelling",))
    assert finding.message == "'Histradrut' (1 times) looks like a variant of 'Histadrut' (1 times): spell it one way."

    def level_of(rule):
        return Level.ERROR if rule.id == "Book.Variants" else rule.spec.default_level

    [finding] = lint_shown([parse("a.md", TEXT)], book_rules("Spelling", "Variants"), Options(level_of)).findings
    assert (finding.rule, finding.level, finding.also) == ("Book.Variants", Level.ERROR, ("Book.Spelling",))


def test_a_dictionary_word_is_kept_only_one_edit_away():
    text = "The libnet line, the line of libnet. Its behaviour, their behavior, our behavior.\n"
    assert [(f[4], f[5]) for f in found(text)] == [("behaviour", ("behavior",))]


def test_a_word_the_book_uses_more_than_a_dictionary_word_one_edit_away_is_its_own():
    text = "Use gzip, then gzip again, and gzip once more; get a grip.\n"
    assert found(text) == []


def test_a_name_made_of_a_dictionary_word_and_a_letter_used_again_and_again_is_its_own():
    text = "The system runs systemd. The system, a system: systemd, systemd. A systm, a systemm.\n"
    assert [(f[4], f[5]) for f in found(text)] == [("systm", ("system",)), ("systemm", ("system",))]
    # Nor is it a slip of another word one edit away that the book uses more.
    assert found("Systems and systems and systems; systemd, systemd, systemd; a system.\n") == []


def test_two_words_of_the_book_each_used_again_and_again_are_two_unless_one_is_rare_beside_the_other():
    both = "Use setuid, setuid, setuid; setgid, setgid, setgid, setgid.\n"
    assert found(both) == []
    slips = "Netanyhau " * 3 + "Netanyahu " * 15 + "\n"
    assert {(f[4], f[5]) for f in found(slips)} == {("Netanyhau", ("Netanyahu",))}


def test_a_slip_copied_three_times_beside_a_word_used_more_is_still_a_variant():
    name = "In chapter one the Histadrut met, and the Histadrut waited until the vote. " * 7
    slips = "Later the Histradrut said nothing untill the end. " * 3
    found_here = {(f[4], f[5]) for f in found(name + "\n\n" + slips + "\n")}
    assert found_here == {("Histradrut", ("Histadrut",)), ("untill", ("until",))}


def test_a_past_is_the_same_word_not_a_variant():
    assert found("Run chroot, chroot and chroot; once chrooted, preseed and preseeded.\n") == []


def test_spelling_and_variants_ask_the_dictionary_once_a_word(monkeypatch):
    from collections import Counter

    from mslint import lexicon
    from mslint.engine import lint

    lexicon._shared_verdicts.cache_clear()
    monkeypatch.setattr(lexicon, "_LEXICONS", {})
    asked: Counter[str] = Counter()
    spell = lexicon.Dictionary.spell
    monkeypatch.setattr(lexicon.Dictionary, "spell", lambda self, word: asked.update([word]) or spell(self, word))
    spelling = parse_rule("extends: spelling\nmessage: \"'%s'\"\n", "T.Spelling.yml", "T.Spelling")
    compared = variants()
    assert compared.lexicon is spelling.lexicon  # the same words judged once, not once a rule
    lint({"a.md": "Zorblax met a zorblax.\n", "b.md": "Zorblax again.\n"}, [spelling, compared])
    assert asked["Zorblax"] == asked["zorblax"] == asked["again"] == 1
