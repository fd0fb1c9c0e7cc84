from pathlib import Path

import pytest

from mslint.document import parse
from mslint.engine import lint
from mslint.rules import parse_rule

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def make_rule(yaml_text: str, rule_id: str = "Test.Rule"):
    return parse_rule(yaml_text, f"{rule_id}.yml", rule_id)


def findings_for(yaml_text: str, text: str, path: str = "test.md"):
    return lint([parse(path, text)], [make_rule(yaml_text)]).findings


@pytest.fixture
def root() -> Path:
    return ROOT
