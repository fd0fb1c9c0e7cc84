"""proselint's checks inside mslint agree with proselint's own examples, and keep mslint's manners."""

import runpy

import pytest

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


def test_factored_uncomparables_match_exactly_what_proselint_finds():
    from proselint.checks import uncomparables

    original = uncomparables.check_fancy_uncomparables
    factored = next(
        c
        for r in RULES
        if r.id == "proselint.uncomparables"
        for c in r.checks
        if c is not original and c.engine.__class__ is original.engine.__class__
    )
    texts = [t for module, fails, passes in EXAMPLES for t in (*fails, *passes)]
    texts += ["\nThe most unique, the least perfect, at most unique, most uniquely, MOST Correct.\n"]
    for text in texts:
        assert [r.span for r in factored.check(text)] == [r.span for r in original.check(text)], text


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
