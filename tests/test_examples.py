"""Every rule's own examples are its tests: each `fail` text triggers it, each `pass` text does not."""

import pytest

from conftest import ROOT
from mslint.config import BUILTIN_STYLES
from mslint.engine import lint
from mslint.parsing import parse
from mslint.rules import load_styles
from mslint.vocab import Vocabulary

# The repository's styles with the vocabulary its configuration names, and the built-in style.
RULES = load_styles(ROOT / "rules", None, Vocabulary.load(ROOT / "rules", ["Book"])) + load_styles(BUILTIN_STYLES, None)
CASES = [
    pytest.param(rule, kind, text, id=f"{rule.id}-{kind}-{index}")
    for rule in RULES
    for kind in ("fail", "pass")
    for index, text in enumerate(rule.spec.examples.get(kind, []))
]


@pytest.mark.parametrize("rule, kind, text", CASES)
def test_example(rule, kind, text):
    findings = lint([parse("example.md", text)], [rule]).findings
    assert [f.rule for f in findings if f.rule != rule.id] == []
    if kind == "fail":
        assert findings, f"{rule.id} should report: {text!r}"
    else:
        assert findings == [], f"{rule.id} should not report: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_book_rule_has_examples_both_ways(rule):
    assert rule.spec.examples.get("fail"), f"{rule.spec.path} needs examples that trigger it"
    assert rule.spec.examples.get("pass"), f"{rule.spec.path} needs examples that must not trigger it"
    assert rule.spec.description, f"{rule.spec.path} needs a description for --explain"
