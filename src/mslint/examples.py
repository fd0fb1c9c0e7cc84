"""Every rule's examples are its tests: each `fail` text must be reported, each `pass` text not.

`mslint test` runs them for an author's own styles, as the repository's test suite does for its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .engine import Options, lint
from .files import UnreadableFile, read_setting
from .ruletypes import RuleType

KINDS = ("fail", "pass")


@dataclass(frozen=True)
class BrokenExample:
    rule: str
    path: str  # the rule file, as shown
    line: int | None  # of the example in the rule file
    kind: str  # "fail": should be reported and was not; "pass": was reported and should not be
    text: str
    found: tuple[str, ...]  # the messages reported, for a "pass" example

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.kind == "fail":
            return f"{where}: {self.rule}: this example should be reported and is not: {self.text!r}"
        return f"{where}: {self.rule}: this example should not be reported and is: {self.text!r} ({'; '.join(self.found)})"


def broken_examples(rules: list[RuleType]) -> Iterator[BrokenExample]:
    """The examples of the rules that do not do what they say, each run with its rule alone and on."""
    on = Options(lambda rule: rule.spec.level)  # a rule that is off until configured is tested too
    for rule in rules:
        lines = _example_lines(Path(rule.spec.path))
        for kind in KINDS:
            for index, text in enumerate(rule.spec.examples.get(kind, [])):
                found = [f for f in lint({"example.md": text}, [rule], on).findings if f.rule == rule.id]
                if (kind == "fail") != bool(found):
                    line = lines.get((kind, index))
                    yield BrokenExample(rule.id, rule.spec.path, line, kind, text, tuple(f.message for f in found))


def example_count(rules: list[RuleType]) -> int:
    return sum(len(rule.spec.examples.get(kind, [])) for rule in rules for kind in KINDS)


def _example_lines(path: Path) -> dict[tuple[str, int], int]:
    """(kind, index) -> the line of each example in a rule file; empty when it cannot be read."""
    with contextlib.suppress(OSError, UnreadableFile, UnicodeDecodeError, yaml.YAMLError):
        root = yaml.compose(read_setting(path).decode("utf-8"), Loader=yaml.SafeLoader)
        examples = _value(root, "examples")
        lines = {}
        for kind in KINDS:
            items = _value(examples, kind)
            if isinstance(items, yaml.SequenceNode):
                lines.update({(kind, index): item.start_mark.line + 1 for index, item in enumerate(items.value)})
        return lines
    return {}


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if str(name.value).lower() == key), None)
