"""Vale's own rules of the types mslint has load unchanged, and behave as Vale's scenarios expect."""

from pathlib import Path

import pytest
import yaml

from conftest import DATA, findings_for
from mslint.rules import RuleError, load_rule
from mslint.ruletypes import REGISTRY

VALE = DATA / "vale"
# Files Vale itself rejects (fixtures for its error messages), or that use Vale HEAD's free-form scopes.
EXPECTED_ERRORS = {
    "fixtures/YAML/NoMsg.yml": "missing the required 'message' key",
    "styles/Scopes/Code.yml": "unknown scope 'python'",
}


def vale_rules():
    for path in sorted(VALE.rglob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("extends") in REGISTRY:
            yield path


RULE_FILES = list(vale_rules())


def test_there_are_many_vale_rules_to_load():
    assert len(RULE_FILES) > 150


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.relative_to(VALE).as_posix())
def test_vale_rule_loads(path: Path):
    name = path.relative_to(VALE).as_posix()
    if name in EXPECTED_ERRORS:
        with pytest.raises(RuleError, match=EXPECTED_ERRORS[name]):
            load_rule(path, f"Vale.{path.stem}")
    else:
        # Vale's layout: <StylesPath>/<Style>/<Rule>.yml
        rule = load_rule(path, f"{path.parent.name}.{path.stem}", {"styles_path": path.parent.parent})
        assert rule.spec.extends == yaml.safe_load(path.read_text(encoding="utf-8"))["extends"]


def read(relative: str) -> str:
    return (VALE / relative).read_text(encoding="utf-8")


def test_vale_commas_rule_offers_each_choice():
    found = findings_for(read("styles/Bugs/Commas.yml"), "Wait,, what?")
    assert [(f.column, f.match) for f in found] == [(5, ",,")]


def test_vale_repetition_rule():
    found = findings_for(read("styles/Markup/Repetition.yml"), "This is is a test.")
    assert [(f.column, f.end_column, f.match) for f in found] == [(6, 11, "is is")]
