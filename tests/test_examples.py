"""Every rule's own examples are its tests: each `fail` text triggers it, each `pass` text does not."""

import pytest

from conftest import ROOT, run_cli, write_book
from mslint.config import BUILTIN_STYLES
from mslint.examples import broken_examples
from mslint.rules import load_styles
from mslint.vocab import Vocabulary

# The repository's styles with the vocabulary its configuration names, and the built-in style.
RULES = load_styles(ROOT / "rules", None, Vocabulary.load(ROOT / "rules", ["Book"])) + load_styles(BUILTIN_STYLES, None)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_example_does_what_it_says(rule):
    assert [str(broken) for broken in broken_examples([rule])] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_book_rule_has_examples_both_ways(rule):
    assert rule.spec.examples.get("fail"), f"{rule.spec.path} needs examples that trigger it"
    assert rule.spec.examples.get("pass"), f"{rule.spec.path} needs examples that must not trigger it"


def test_mslint_test_names_each_broken_example_with_its_file_and_line(tmp_path):
    rule = (
        "extends: substitution\nmessage: x\nswap:\n  teh: the\nexamples:\n"
        "  fail:\n    - teh end\n    - the end\n  pass:\n    - the end\n    - teh start\n"
    )
    write_book(tmp_path, {"Teh.yml": rule, "Fine.yml": "extends: existence\nmessage: x\ntokens: [zap]\n"})
    result = run_cli(["test"], tmp_path)
    assert result.stdout.splitlines() == [
        "styles/House/Teh.yml:8: House.Teh: this example should be reported and is not: 'the end'",
        "styles/House/Teh.yml:11: House.Teh: this example should not be reported and is: 'teh start' (x)",
    ]
    assert result.stderr == "mslint: 4 examples of 1 rules: 2 broken; 1 rules have no examples\n"
    assert result.returncode == 1
    assert run_cli(["test", "House"], tmp_path).returncode == 1
    missing = run_cli(["test", "Nope"], tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "mslint: no style 'Nope' in styles; see mslint --list-rules\n")
