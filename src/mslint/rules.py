"""Load rule files (`<styles>/<Style>/<Rule>.yml`) and validate them against their type's options."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import regex
import yaml

from .config import BUILTIN_STYLES
from .files import UnreadableFile, decode, display_path, read_setting
from .finding import Level, names_rule
from .ruletypes import REGISTRY, VALE_ONLY, OptionError, RuleType
from .ruletypes.base import count_placeholders
from .scopes import Scope, ScopeError
from .spec import COMMON_OPTIONS, QuotationPolicy, RuleSpec, coerce, describe
from .stylesheet import BadRecord, Stylesheet, StylesheetError
from .stylesheet import load as load_stylesheet
from .vocab import Vocabulary, VocabularyError
from .yamlread import FastestLoader, too_deep

RULE_SUFFIXES = (".yml", ".yaml")


class RuleError(Exception):
    """A rule file that cannot be used; names the file, the line where known, and what to fix."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


class SkippedRule(RuleError):
    """A rule of a Vale type that mslint does not run. Loading a style, it is skipped with a
    warning and the other rules run; loading the one file, it is an error."""

    def __init__(self, path: str, rule_id: str, message: str, line: int | None = None):
        super().__init__(path, message, line)
        self.rule_id = rule_id

    @property
    def warning(self) -> str:
        return f"{self}; the rule is skipped"


Skip = Callable[[SkippedRule], None]  # told of each rule skipped


# Rule files nest a few levels (examples: fail: [...]); far deeper is an error or an attack.
MAX_DEPTH = 100


class _Loader(FastestLoader):
    """YAML 1.2 booleans: `yes`, `no`, `on` and `off` stay strings, as Vale reads them."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", regex.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_styles(
    styles_path: Path,
    styles: list[str] | None,
    vocabulary: Vocabulary | None = None,
    skip: Skip | None = None,
    named: tuple[str, ...] = (),
    vale: bool = False,
    sheet: Stylesheet | None = None,
) -> list[RuleType]:
    """Every rule of the chosen styles (all style folders when `styles` is None), sorted by id,
    then the `named` rules (`Style.Rule`) of other styles, each loaded alone, as a .vale.ini
    names them; one whose file is not there is passed over, as Vale passes it over.

    A rule of a Vale type mslint does not run is given to `skip`, and left out; without `skip`,
    it stops the loading as any other error does. `vale`: the rules are a Vale project's. Each
    rule takes what the book's style sheet `sheet` records for it.
    """
    if not styles_path.is_dir():
        raise RuleError(str(styles_path), "the rules folder does not exist; create it or set styles-path in [tool.mslint]")
    available = sorted(p.name for p in styles_path.iterdir() if p.is_dir() and p.name != "config" and not p.name.startswith("."))
    chosen = available if styles is None else styles
    context = {"styles_path": styles_path, "vocabulary": vocabulary, "vale": vale, "stylesheet": sheet}
    from_vocabulary = vocabulary_rules(vocabulary, context)
    rules: list[RuleType] = []
    for style in chosen:
        folder = _style_folder(styles_path, style)
        if not folder.is_dir():
            raise RuleError(str(folder), f"style {style!r} not found; styles in {styles_path}: {', '.join(available) or 'none'}")
        for path in sorted(folder.iterdir()):
            if path.suffix in RULE_SUFFIXES:
                _load_into(rules, path, f"{style}.{path.stem}", context, skip)
        if folder == BUILTIN_STYLES / "Vale":
            rules += from_vocabulary.values()
    for rule_id in named:
        style, _, name = rule_id.partition(".")
        rule_path = next(
            (p for suffix in RULE_SUFFIXES if (p := _style_folder(styles_path, style) / f"{name}{suffix}").is_file()), None
        )
        if rule_path is not None and name:
            _load_into(rules, rule_path, rule_id, context, skip)
        elif rule_id in from_vocabulary and _style_folder(styles_path, style) == BUILTIN_STYLES / "Vale":
            rules.append(from_vocabulary[rule_id])
    return rules


def vocabulary_rules(vocabulary: Vocabulary | None, context: dict) -> dict[str, RuleType]:
    """Vale's two rules made of the vocabulary, in its built-in style `Vale`: `Vale.Terms` reports
    an accepted term written in another case (`log4j` for `Log4j`; a term that is a pattern, in
    any text it matches in another case but not as written), and `Vale.Avoid` each rejected term.
    A term given twice in two cases keeps the later vocabulary's case, as in Vale."""
    if vocabulary is None:
        return {}
    rules: dict[str, RuleType] = {}
    terms = list({term.lower(): term for term in vocabulary.accept}.values())
    if terms:
        terms_rule = {
            "extends": "substitution",
            "message": "Use '%s' instead of '%s'.",
            "description": "An accepted term of the vocabulary, written as the vocabulary writes it.",
            "level": "error",
            "ignorecase": True,
            "vocab": False,
            "swap": {term: term for term in terms},
        }
        rules["Vale.Terms"] = build_rule(terms_rule, "Vale.Terms (the vocabulary's accept.txt)", "Vale.Terms", None, context)
    if vocabulary.reject:
        avoid_rule = {
            "extends": "existence",
            "message": "Avoid using '%s'.",
            "description": "A rejected term of the vocabulary.",
            "level": "error",
            "vocab": False,
            "tokens": list(vocabulary.reject),
        }
        rules["Vale.Avoid"] = build_rule(avoid_rule, "Vale.Avoid (the vocabulary's reject.txt)", "Vale.Avoid", None, context)
    return rules


def _style_folder(styles_path: Path, style: str) -> Path:
    """A style's folder: in the styles folder, or for `Vale`, which no project holds, mslint's own."""
    folder = styles_path / style
    if style == "Vale" and not folder.is_dir():
        return BUILTIN_STYLES / "Vale"
    return folder


def _load_into(rules: list[RuleType], path: Path, rule_id: str, context: dict, skip: Skip | None) -> None:
    try:
        rules.append(load_rule(path, rule_id, context))
    except SkippedRule as skipped:
        if skip is None:
            raise
        skip(skipped)


def load_rules(config, skip: Skip | None = None, stylesheet: bool = True) -> list[RuleType]:
    """The rules a configuration asks for: its styles, then proselint's checks unless turned off.
    Rules of Vale types mslint does not run are given to `skip` (see load_styles). With
    `stylesheet`, the rules take what the book's style sheet records (not for their examples)."""
    if not config.styles_folder.is_dir():  # before the vocabulary, which lives in it
        raise RuleError(
            display_path(config.styles_folder, Path.cwd()),
            "the rules folder does not exist; create it or set styles-path in the configuration",
        )
    try:
        vocabulary = Vocabulary.load(config.styles_folder, list(config.vocab), config.vale) if config.vocab else None
    except VocabularyError as error:
        raise RuleError(display_path(error.path, Path.cwd()), error.message, error.line) from None
    sheet = _stylesheet(config) if stylesheet else None
    skipped: list[SkippedRule] = []
    styles = list(config.styles) if config.styles is not None else None
    rules = load_styles(
        config.styles_folder, styles, vocabulary, skipped.append if skip else None, config.rules, config.vale, sheet
    )
    if config.proselint:
        if any(rule_id.split(".")[0] == "proselint" for rule_id in [r.id for r in rules] + [each.rule_id for each in skipped]):
            raise RuleError(
                display_path(config.styles_folder / "proselint", Path.cwd()),
                "a style named proselint, and proselint's own checks (proselint = true, the default), would both be "
                "rules proselint.*: set proselint = false in the configuration to use the style alone, or rename the "
                "style's folder (its rules' ids follow it) to use both",
            )
        rules += proselint_rules(vocabulary)
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(rule.spec.path, f"rule id {rule.id} is defined twice (also by {seen[rule.id]}); rename one")
        seen[rule.id] = rule.spec.path
    if sheet is not None:
        _check_recorded(sheet, rules)
    named = [rule.id for rule in rules] + [each.rule_id for each in skipped]  # a skipped rule may be given a level
    for name in config.rule_levels:
        if not any(names_rule(name, rule_id) for rule_id in named):
            hint = nearest_names(name, [rule.id for rule in rules])
            raise RuleError(str(config.source), f"[tool.mslint.rules] {name!r} names no rule in use; {hint}")
    if skip is not None:
        for each in skipped:
            skip(each)
    return rules


def _stylesheet(config) -> Stylesheet | None:
    """The book's style sheet, as the configuration names it; None outside a project."""
    path = config.stylesheet_path
    if path is None:
        return None
    try:
        return load_stylesheet(path, display_path(path, Path.cwd()))
    except StylesheetError as error:
        raise RuleError(error.path, error.message, error.line) from None


def _check_recorded(sheet: Stylesheet, rules: list[RuleType]) -> None:
    """Every rule the style sheet names is in use and took its entries."""
    by_id = {rule.id: rule for rule in rules}
    for rule_id, entries in sheet.entries.items():
        rule = by_id.get(rule_id)
        if rule is None:
            problem = sheet.error(rule_id, None, f"names no rule in use; {nearest_names(rule_id, list(by_id))}")
        elif entries and not rule.spec.recorded:
            problem = sheet.error(rule_id, None, "is no rule that keeps forms in a style sheet; remove its entries")
        else:
            continue
        raise RuleError(problem.path, problem.message, problem.line)


def _character_at(source: str, line: int, column: int) -> str:
    lines = source.splitlines()
    return lines[line][column : column + 1] if line < len(lines) and column >= 0 else ""


def nearest_names(name: str, rule_ids: list[str]) -> str:
    """What to say of a rule name that names no rule: the closest ids and prefixes, if any are close."""
    close = _closest(name, {prefix for rule_id in rule_ids for prefix in _prefixes(rule_id)})
    if not close:
        return "see mslint --list-rules"
    return "did you mean " + " or ".join(map(repr, close)) + "? (mslint --list-rules lists them all)"


def _closest(name: str, names: set[str] | list[str]) -> list[str]:
    """Up to three of `names` that differ from `name` by a few letters, the closest first."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    close = process.extract(name, sorted(names), scorer=Levenshtein.normalized_distance, score_cutoff=0.25, limit=3)
    return [found for found, _, _ in close]


def _prefixes(rule_id: str) -> list[str]:
    parts = rule_id.split(".")
    return [".".join(parts[:length]) for length in range(1, len(parts) + 1)]


def proselint_rules(vocabulary: Vocabulary | None = None) -> list[RuleType]:
    """proselint's checks as rules `proselint.<check path>`, on or off as proselint's defaults have them."""
    from .ruletypes.proselint import builtin_definitions

    context = {"vocabulary": vocabulary}
    return [build_rule(data, "proselint", f"proselint.{path}", None, context) for path, data in builtin_definitions()]


def load_rule(path: Path, rule_id: str, context: dict | None = None) -> RuleType:
    shown = display_path(path, Path.cwd())
    try:
        source = decode(read_setting(path))
    except OSError as error:
        raise RuleError(shown, f"cannot read the rule file: {error.strerror}") from None
    except UnreadableFile as error:
        raise RuleError(shown, error.message, error.line) from None
    return parse_rule(source, shown, rule_id, context)


def parse_rule(source: str, shown: str, rule_id: str, context: dict | None = None) -> RuleType:
    """Build a rule from YAML text; `shown` is the path used in error messages."""
    node, data = _read_yaml(source, shown)
    if not isinstance(data, dict):
        raise RuleError(shown, "a rule file must be a YAML mapping of keys such as extends, message and level", 1)
    lines = {str(k.value).lower(): k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    return build_rule(data, shown, rule_id, lines, context)


def _read_yaml(source: str, shown: str) -> tuple[yaml.Node | None, object]:
    """The YAML document's node and data. `\\'` in a double-quoted string is read as `'`, as Vale's
    YAML reader (Go's) reads it and PyYAML does not: Vale's styles have it ("you\\'re")."""
    _check_depth(source, shown)
    for _ in range(source.count("\\'") + 1):
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_duplicate_keys(node, shown)
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            if mark and problem.startswith("found unknown escape character"):
                # libyaml marks the backslash, PyYAML's own reader the character after it.
                backslash = next((c for c in (mark.column, mark.column - 1) if _escape_at(source, mark.line, c)), None)
                if backslash is not None:
                    source = _without_character(source, mark.line, backslash)
                    continue
            if mark and _character_at(source, mark.line, mark.column) == "\t":
                problem = "a tab, where YAML indents with spaces only; replace it with spaces"
            raise RuleError(shown, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
        finally:
            loader.dispose()
    raise AssertionError("unreachable: each retry removes one \\'")


def _escape_at(source: str, line: int, column: int) -> bool:
    return _character_at(source, line, column) + _character_at(source, line, column + 1) == "\\'"


def _without_character(source: str, line: int, column: int) -> str:
    lines = source.splitlines(keepends=True)
    lines[line] = lines[line][:column] + lines[line][column + 1 :]
    return "".join(lines)


def _check_depth(source: str, shown: str) -> None:
    """Refuse lists and mappings nested deeper than MAX_DEPTH before they are built (see yamlread)."""
    message = f"lists and mappings nested more than {MAX_DEPTH} deep; a rule needs a few levels"
    try:
        event = too_deep(source, MAX_DEPTH, _Loader)
    except yaml.MarkedYAMLError as error:
        # Newer libyaml stops deep flow collections itself, while reading ahead: the same problem.
        if "nesting depth" in str(error.problem):
            raise RuleError(shown, message, error.problem_mark.line + 1 if error.problem_mark else None) from None
        return  # any other error is reported when the rule is loaded, with its own words
    if event is not None:
        raise RuleError(shown, message, event.start_mark.line + 1 if event.start_mark else None)


def _check_duplicate_keys(root: yaml.Node, shown: str) -> None:
    """A key given twice with two values, which YAML settles silently by keeping the last (yamllint's
    key-duplicates). Rule keys ignore case, so at the top `tokens` and `Tokens` are one key. A key
    repeated with the same value loses nothing, and Vale's own styles have some."""
    repeats = []
    for mapping in _mappings(root):
        first: dict = {}
        for key, value in mapping.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            name = key.value.lower() if mapping is root else (key.tag, key.value)
            if name in first and not _same_scalar(first[name][1], value):
                repeats.append((key, first[name][0]))
            first.setdefault(name, (key, value))
    if repeats:
        key, earlier = min(repeats, key=lambda pair: pair[0].start_mark.index)
        where = f"line {earlier.start_mark.line + 1}"
        if key.value != earlier.value:
            where += f" as {earlier.value!r} (rule keys ignore case)"
        raise RuleError(
            shown, f"duplicate key {key.value!r} with another value, first on {where}; keep one", key.start_mark.line + 1
        )


def _mappings(root: yaml.Node):
    """Every mapping node of a document, each once however often an alias names it."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            yield node
            pending += [value for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


def _same_scalar(one: yaml.Node, other: yaml.Node) -> bool:
    return (
        isinstance(one, yaml.ScalarNode)
        and isinstance(other, yaml.ScalarNode)
        and (one.tag, one.value) == (other.tag, other.value)
    )


def build_rule(
    data: dict, shown: str, rule_id: str, lines: dict[str, int] | None = None, context: dict | None = None
) -> RuleType:
    """Validate a rule's keys against its type and compile it; `lines` maps keys to their lines.

    `context` carries what the rule may read beyond its own keys: `styles_path` and `vocabulary`.
    """
    lines = lines or {}
    data = {str(k).lower(): v for k, v in data.items()}

    def fail(message: str, key: str | None = None) -> NoReturn:
        raise RuleError(shown, message, lines.get(key) if key else None)

    extends = data.get("extends")
    if extends is None:
        fail("missing the required 'extends' key (the rule type, e.g. existence or substitution)")
    if not isinstance(extends, str):
        fail(f"'extends' must name one rule type, such as existence; got {describe(extends)}", "extends")
    if extends in VALE_ONLY:
        raise SkippedRule(shown, rule_id, f"rule type {extends!r} ({VALE_ONLY[extends]}) is not supported", lines.get("extends"))
    if extends not in REGISTRY:
        close = _closest(extends, list(REGISTRY) + list(VALE_ONLY))
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        fail(f"unknown rule type {extends!r} in 'extends'; {hint}types: {', '.join(REGISTRY)}", "extends")
    rule_type = REGISTRY[extends]
    declared = {**COMMON_OPTIONS, **rule_type.options}
    for key in data:
        if key not in declared:
            hint = f"keys for {extends}: {', '.join(sorted(rule_type.options))}; for every rule: {', '.join(COMMON_OPTIONS)}"
            fail(f"unknown key {key!r}. {hint}", key)
    values = {}
    for key, option in declared.items():
        if key not in data or data[key] is None and option.kind != "any":
            if option.required:
                fail(f"missing the required {key!r} key")
            values[key] = option.default
            continue
        try:
            values[key] = coerce(data[key], option.kind)
        except ValueError as error:
            fail(f"{key!r}: {error}", key)

    spec = _spec(values, rule_type, rule_id, shown, fail, context or {})
    try:
        return rule_type(spec)
    except (regex.error, re.error) as error:  # spelling's filters are compiled by re
        fail(f"bad regular expression: {error}; check the patterns in this rule")
    except OptionError as error:
        fail(str(error), error.key)
    except BadRecord as error:  # the style sheet's entry, not the rule
        problem = ((context or {}).get("stylesheet") or Stylesheet()).error(rule_id, error.key, str(error))
        raise RuleError(problem.path, problem.message, problem.line) from None
    except ValueError as error:
        fail(str(error))
    except RecursionError:  # the regex module reads a pattern's groups by recursion
        fail("a pattern nests its groups too deeply to read; a few levels are enough")


def _spec(values: dict, rule_type: type[RuleType], rule_id: str, shown: str, fail, context: dict) -> RuleSpec:
    try:
        level = Level.parse(values["level"])
    except ValueError as error:
        fail(str(error), "level")
    placeholders = count_placeholders(values["message"])
    if placeholders > rule_type.max_message_args:
        fail(
            f"the message has {placeholders} %s placeholders; {rule_type.name} fills at most {rule_type.max_message_args}",
            "message",
        )
    try:
        scope = Scope.parse(values["scope"] or rule_type.default_scope)
    except ScopeError as error:
        fail(str(error), "scope")
    action = values["action"]
    if action is not None and not (isinstance(action, dict) and isinstance(action.get("name"), str)):
        fail("'action' must be a mapping with a 'name' (and optional 'params'), as in Vale", "action")
    return RuleSpec(
        id=rule_id,
        path=shown,
        extends=rule_type.name,
        message=values["message"],
        level=level,
        scope=scope,
        link=values["link"],
        description=values["description"],
        limit=values["limit"],
        action=action,
        quotation=_quotation(values["quotation"], rule_type, fail),
        examples=_examples(values["examples"], fail),
        options={k: values[k] for k in rule_type.options},
        enabled=values["enabled"],
        typography=values["typography"],
        styles_path=context.get("styles_path"),
        vocabulary=context.get("vocabulary"),
        vale=context.get("vale", False),
        recorded=_recorded(context.get("stylesheet"), rule_id),
    )


def _recorded(sheet: Stylesheet | None, rule_id: str) -> dict[str, str]:
    """What the style sheet records for a rule, in order, so that the cache's key does not depend on its lines' order."""
    return dict(sorted(sheet.entries.get(rule_id, {}).items())) if sheet is not None else {}


def _quotation(value, rule_type, fail) -> QuotationPolicy | None:
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or set(value) - {"message", "level"}
        or not isinstance(value.get("message"), str)
        or not isinstance(value.get("level", ""), str)
    ):
        fail("'quotation' must be a mapping with a 'message' (and optional 'level') used inside quotations", "quotation")
    if count_placeholders(value["message"]) > rule_type.max_message_args:
        fail(
            f"the quotation message has too many %s placeholders; {rule_type.name} fills at most {rule_type.max_message_args}",
            "quotation",
        )
    try:
        level = Level.parse(value["level"]) if "level" in value else None
    except ValueError as error:
        fail(f"quotation: {error}", "quotation")
    return QuotationPolicy(value["message"], level)


def _examples(value, fail) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - {"fail", "pass"}:
        fail("'examples' must be a mapping with 'fail' and 'pass' lists of text", "examples")
    result = {}
    for key in ("fail", "pass"):
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            fail(f"examples: {key!r} must be a list of strings", "examples")
        result[key] = items
    return result
