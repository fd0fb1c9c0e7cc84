"""Run Vale's own test scenarios (`When I test "<fixture>"`) through mslint.

Reads the little of `.vale.ini` those fixtures use: StylesPath, MinAlertLevel, Vocab, and
per-glob sections with BasedOnStyles and `Style.Rule = YES|NO|<level>`.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
from pathlib import Path

import yaml

from mslint.engine import Options, lint
from mslint.finding import Level
from mslint.parsing import parse
from mslint.rules import load_rule
from mslint.ruletypes import REGISTRY
from mslint.vocab import Vocabulary

VALE = Path(__file__).resolve().parent / "data" / "vale"
_SCENARIO = re.compile(
    r'Scenario: (?P<name>[^\n]*)\n(?:[ \t]*#[^\n]*\n)*[ \t]*When I test "(?P<fixture>[^"]+)"\n'
    r'[ \t]*Then the output should contain exactly:\n[ \t]*"""\n(?P<body>.*?)"""',
    re.S,
)


class NotApplicable(Exception):
    """The scenario needs something mslint does not do (another file format, a Vale-only rule type)."""


def scenarios() -> list[tuple[str, str, list[str]]]:
    found = []
    for feature in sorted((VALE / "features").glob("*.feature")):
        for match in _SCENARIO.finditer(feature.read_text(encoding="utf-8")):
            lines = [line.strip() for line in match.group("body").splitlines() if line.strip()]
            found.append((f"{feature.stem}: {match.group('name').strip()}", match.group("fixture"), lines))
    return found


def run_fixture(fixture: str) -> list[str]:
    folder = VALE / "fixtures" / fixture
    ini_path = folder / ".vale.ini"
    if not ini_path.is_file():
        raise NotApplicable("no .vale.ini")
    ini = configparser.ConfigParser(strict=False, interpolation=None)
    ini.optionxform = str
    ini.read_string("[*global*]\n" + ini_path.read_text(encoding="utf-8"))
    settings = ini["*global*"]
    styles = (folder / settings.get("StylesPath", ".")).resolve()
    min_level = Level.parse(settings.get("MinAlertLevel", "suggestion"))
    vocab = [name.strip() for name in settings.get("Vocab", "").split(",") if name.strip()]
    context = {"styles_path": styles, "vocabulary": Vocabulary.load(styles, vocab) if vocab else None}
    output = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        levels: dict[str, Level | None] = {}
        for section in ini.sections():
            if section == "*global*" or not _glob(section, path.name):
                continue
            for key, value in ini[section].items():
                if key == "BasedOnStyles":
                    for style in (s.strip() for s in value.split(",") if s.strip()):
                        if not (styles / style).is_dir():
                            raise NotApplicable(f"style {style}: not in the styles folder (a Vale built-in)")
                        for rule_file in sorted((styles / style).glob("*.yml")):
                            levels.setdefault(f"{style}.{rule_file.stem}", _rule_level(rule_file))
                elif "." in key:
                    levels[key] = (
                        None
                        if value == "NO"
                        else (_rule_level(_rule_path(styles, key)) if value == "YES" else Level.parse(value))
                    )
        active = {k: v for k, v in levels.items() if v is not None}
        if not active:
            continue
        if path.suffix not in (".md", ".txt"):
            raise NotApplicable(f"{path.name}: mslint reads Markdown and text only")
        rules = []
        for rule_id in sorted(active):
            rule_path = _rule_path(styles, rule_id)
            if yaml.safe_load(rule_path.read_text(encoding="utf-8")).get("extends") not in REGISTRY:
                raise NotApplicable(f"{rule_id} is of a rule type mslint does not have")
            rules.append(load_rule(rule_path, rule_id, context))
        result = lint([parse(path.name, path.read_text(encoding="utf-8"))], rules, Options(lambda r, active=active: active[r.id]))
        output += [f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}" for f in result.findings if f.level >= min_level]
    return output


def _glob(pattern: str, name: str) -> bool:
    braces = re.fullmatch(r"(.*)\{(.*)\}(.*)", pattern)
    if braces:
        return any(fnmatch.fnmatch(name, braces[1] + option + braces[3]) for option in braces[2].split(","))
    return fnmatch.fnmatch(name, pattern)


def _rule_path(styles: Path, rule_id: str) -> Path:
    style, name = rule_id.split(".", 1)
    path = styles / style / f"{name}.yml"
    if not path.is_file():
        raise NotApplicable(f"{rule_id}: not in the styles folder (a Vale built-in)")
    return path


def _rule_level(path: Path) -> Level:
    return Level.parse(str(yaml.safe_load(path.read_text(encoding="utf-8")).get("level", "warning")))
