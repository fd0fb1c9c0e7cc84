"""proselint's checks inside mslint agree with proselint's own examples, and keep mslint's manners."""

import runpy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from mslint.engine import Options, lint
from mslint.finding import Level
from mslint.parsing import parse
from mslint.rules import proselint_rules

EXAMPLES = runpy.run_path(str(DATA / "proselint" / "examples.py"))["data"]
RULES = proselint_rules()


def rules_for(module: str):
    return [r for r in RULES if r.id == f"proselint.{module}" or r.id.startswith(f"proselint.{module}.")]


def run(module: str, text: str):
    return lint([parse("example.txt", text)], rules_for(module), Options(lambda rule: Level.SUGGESTION)).findings


CASES = [
    pytest.param(module, expect, text, id=f"{module}-{expect}-{index}")
    for module, fails, passes in EXAMPLES
    for expect, texts in (("fail", fails), ("pass", passes))
    for index, text in enumerate(texts)
]


def test_all_of_proselints_examples_are_here():
    assert len(CASES) == 326
    assert all(rules_for(module) for module, _, _ in EXAMPLES)


@pytest.mark.parametrize("module, expect, text", CASES)
def test_agrees_with_proselint(module, expect, text):
    findings = run(module, text)
    if expect == "fail":
        assert findings, f"proselint.{module} should report: {text!r}"
    else:
        assert findings == [], f"proselint.{module} should not report: {text!r}"


def test_positions_voices_and_sic():
    text = (
        "Paris in the the spring.\n\n> Paris in the the spring.\n\n"
        "She said “we were in Paris in the the spring, I think.”\n\nParis in the the [sic] spring.\n"
    )
    found = lint([parse("c.md", text)], rules_for("lexical_illusions"), Options(lambda rule: Level.SUGGESTION)).findings
    assert [(f.line, f.column, f.end_column, f.match, f.voice.value) for f in found] == [(1, 10, 17, "the the", "prose")]


def test_checks_that_read_quotations_still_do():
    rule = next(r for r in RULES if r.id == "proselint.typography.symbols.curly_quotes")
    assert rule.spec.scope.voice is None
    found = lint([parse("q.md", 'He said "hello there" twice.\n')], [rule], Options(lambda rule: Level.SUGGESTION)).findings
    assert [(f.column, f.match) for f in found] == [(9, '"hello there"')]


def test_registering_twice_does_not_double_findings():
    again = proselint_rules()
    assert len(again) == len(RULES)
    text = "Paris in the the spring."
    first = lint([parse("a.txt", text)], rules_for("lexical_illusions")).findings
    rules = [r for r in again if r.id == "proselint.lexical_illusions"]
    assert len(first) == len(lint([parse("a.txt", text)], rules).findings) == 1


def test_restricted_checks_are_off_until_configured():
    off = sorted(r.id for r in RULES if r.spec.default_level is None)
    assert off == [
        "proselint.misc.but",
        "proselint.restricted.elementary",
        "proselint.restricted.top1000",
        "proselint.typography.punctuation.spacing",
        "proselint.typography.symbols.curly_quotes",
        "proselint.typography.symbols.multiplication",
        "proselint.typography.symbols.sentence_spacing",
    ]


def _rewritten_checks():
    """(proselint's check, mslint's faster one) for each check mslint compiles its own way."""
    from proselint.checks import __register__

    from mslint.ruletypes.proselint import all_checks

    ours = [c for checks in all_checks().values() for c in checks]
    pairs = [(original, mine) for original, mine in zip(__register__, ours, strict=True) if original is not mine]
    assert {original.path for original, _ in pairs} == {"uncomparables", "lexical_illusions", "misc.preferred_forms"}
    return pairs


def _results(check, text):
    return [(r.span, r.message, r.replacements) for r in check.check_with_flags(text)]


def _hard_texts(original) -> list[str]:
    """Texts that put the check's own phrases side by side, in every case, repeated and cut."""
    phrases = list(getattr(original.check_type, "items", ()))
    texts = [" ".join(phrases), " ".join(p.upper() for p in phrases), ", ".join(p.title() for p in reversed(phrases))]
    texts += [" ".join(phrases[i : i + 3]) + " " + phrases[i][:-1] + "-" for i in range(0, len(phrases), 3)]
    texts += ["\nThe most unique, the least perfect, at most unique, most uniquely, MOST Correct.\n"]
    texts += ["the the", "It is is is so. The the The. and and\nand. 1 1 x_y x_y, Éthe the, the thesis, a b c a b c a b c."]
    return texts


def _in_words(check, results, text):
    """proselint's results but a lexical illusion that starts inside a word ("Éthe the"), which
    mslint's never finds."""
    if check.path != "lexical_illusions":
        return results
    return [r for r in results if r[0][0] == 0 or not (text[r[0][0] - 1].isalnum() or text[r[0][0] - 1] == "_")]


@pytest.mark.parametrize("original, faster", _rewritten_checks(), ids=lambda c: c.path if hasattr(c, "path") else "")
def test_each_faster_check_finds_exactly_what_proselints_own_finds(original, faster):
    texts = [t for module, fails, passes in EXAMPLES for t in (*fails, *passes)] + _hard_texts(original)
    for text in texts:
        assert _results(faster, text) == _in_words(original, _results(original, text), text), text


def test_a_lexical_illusion_starts_where_a_word_does():
    [illusions] = [faster for original, faster in _rewritten_checks() if original.path == "lexical_illusions"]
    text = "Éthe the, x_the the, 1the the; the the"
    assert [r[0] for r in _results(illusions, text)] == [(text.rindex("the the"), len(text))]
    # proselint's search starts again after each underscore of this word and reads the rest of it: minutes.
    word = "a_" * 100_000
    assert [r[0] for r in _results(illusions, f"{word} and and")] == [(200_001, 200_008)]


def _words_of_rewritten_checks() -> list[str]:
    phrases = [p for original, _ in _rewritten_checks() for p in getattr(original.check_type, "items", ())][:40]
    return sorted({w for p in phrases for w in p.split()}) + ["the", "The", "most", "unique", "'", "-", "\n", "é"]


@given(st.lists(st.sampled_from(_words_of_rewritten_checks()), max_size=30))
def test_faster_checks_agree_with_proselint_on_any_arrangement_of_their_words(words):
    text = " ".join(words)
    for original, faster in _rewritten_checks():
        assert _results(faster, text) == _in_words(original, _results(original, text), text)


def test_the_books_accepted_words_are_exceptions_as_in_vale():
    from mslint.vocab import Vocabulary

    text = "It had a greatly outsized influence."
    rule = lambda rules: [r for r in rules if r.id == "proselint.needless_variants"]  # noqa: E731
    assert [f.match for f in lint([parse("a.md", text)], rule(RULES)).findings] == ["outsized"]
    with_vocabulary = rule(proselint_rules(Vocabulary(accept=("outsized",))))
    assert lint([parse("a.md", text)], with_vocabulary).findings == []


def test_checks_that_misfire_on_markdown_manuscripts_are_off_until_turned_on():
    from mslint.ruletypes.proselint import OFF_IN_MANUSCRIPTS

    off = {r.id.removeprefix("proselint.") for r in RULES if r.spec.default_level is None}
    assert set(OFF_IN_MANUSCRIPTS) <= off
    text = 'Two  spaces.  Initials: Sean M. Burke.\n\nBut it said "no".\n'
    assert lint([parse("a.md", text)], RULES).findings == []


def test_the_prefilter_never_passes_over_a_check_that_finds_something():
    from mslint.ruletypes.proselint import _prefilter, all_checks

    sets, always = _prefilter()
    checks = [c for found in all_checks().values() for c in found]
    texts = [t for module, fails, passes in EXAMPLES for t in (*fails, *passes)]
    skipped_somewhere = set()
    for text in texts:
        candidates = set(always).union(*({owners[i] for i in patterns.Match(text) or ()} for patterns, owners in sets))
        finding = {id(c) for c in checks if next(iter(c.check_with_flags(text)), None) is not None}
        assert finding <= candidates, text
        skipped_somewhere |= {id(c) for c in checks} - candidates
    assert len(skipped_somewhere) > len(checks) // 2  # it does pass over checks


@pytest.mark.parametrize(
    "text",
    [
        "It was the MOST\u00a0Perfect day.",
        "Very well, it was VERY good.",
        "A Hallowe'en party.",
        "most\tunique",
        "most unıque",
        "shoe-İn",
    ],
)
def test_the_prefilter_keeps_the_checks_it_reads_by_their_words_wherever_they_find_something(text):
    from mslint.ruletypes.proselint import _prefilter, all_checks

    sets, always = _prefilter()
    candidates = set(always).union(*({owners[i] for i in patterns.Match(text) or ()} for patterns, owners in sets))
    widened = [c for path in ("uncomparables", "weasel_words.very", "misc.preferred_forms") for c in all_checks()[path]]
    finding = [c.path for c in widened if next(iter(c.check_with_flags(text)), None) is not None]
    assert finding  # each text holds something one of them finds
    assert [c.path for c in widened if next(iter(c.check_with_flags(text)), None) is not None and id(c) in candidates] == finding


# Letters that Python's case-insensitive matching takes for i, s and k (as RE2's may not).
LOOKALIKES = {"i": "ıİI", "s": "ſS", "k": "\u212aK"}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_prefilter_never_passes_over_a_check_with_letters_that_fold_to_ascii(data):
    from mslint.ruletypes.proselint import _prefilter, all_checks

    sets, always = _prefilter()
    checks = [c for found in all_checks().values() for c in found]
    # Most of all the examples of the checks prefiltered by words widened for RE2.
    widened = [t for module, fails, _ in EXAMPLES if module in ("uncomparables", "misc.preferred_forms") for t in fails]
    example = data.draw(st.sampled_from(widened) | st.sampled_from([t for _, fails, _ in EXAMPLES for t in fails]))
    text = "".join(data.draw(st.sampled_from(LOOKALIKES[c])) if c in LOOKALIKES else c for c in example)
    candidates = set(always).union(*({owners[i] for i in patterns.Match(text) or ()} for patterns, owners in sets))
    missed = [c.path for c in checks if id(c) not in candidates and next(iter(c.check_with_flags(text)), None) is not None]
    assert missed == [], text


def test_a_word_that_must_stand_alone_is_not_found_inside_another_word():
    # proselint finds "cafe" in "cafeteria" too, once "cafe" stands alone anywhere in the text.
    text = "A cafeteria. Then a cafe, and the cafeteria again, or a xcafe.\n"
    assert [(f.column, f.match) for f in run("typography.diacritical_marks", text)] == [(21, "cafe")]
    assert [f.match for f in run("industrial_language.airlinese", "We deplaned promptly.")] == ["deplane"]  # as proselint


def test_the_verb_resume_is_no_resume_without_its_accents():
    [rule] = [r for r in RULES if r.id == "proselint.typography.diacritical_marks"]
    text = "The process can then resume. Resume it. Send your resumé, a cafe menu.\n"
    assert [f.match for f in lint([parse("a.md", text)], [rule]).findings] == ["cafe"]
