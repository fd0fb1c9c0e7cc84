"""--filter: an expression that chooses the rules a run uses by what their definitions say, as
Vale's --filter does.

    .Level in ["error", "suggestion"] and .Name != "demo.Cap"
    "heading" in .Scope
    .Extends == "existence" or .Name startsWith "Book."

The language is the part of expr (the language Vale's filters are written in) that a filter
needs. Fields: .Name, .Level (the level the rule reports at in this configuration), .Scope (a
list), .Message, .Description, .Extends, .Link and .Limit (a number). Values: "text" or 'text',
numbers, true, false, and [lists, of, them]. Operators: == != < <= > >=, in and not in (a list),
contains, startsWith, endsWith, matches (a regular expression), and, or, not (also && || !), and
parentheses. Nothing else is accepted: an expression is parsed and checked once, each part given
a type, then evaluated over each rule; no code is run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

# Each field, and the type of its value: "text", "number" or "list" (of text).
FIELDS = {
    "Name": "text",
    "Level": "text",
    "Scope": "list",
    "Message": "text",
    "Description": "text",
    "Extends": "text",
    "Link": "text",
    "Limit": "number",
}

Fields = Mapping[str, object]
MAX_NESTING = 50  # parentheses and `not`s, one inside another
MAX_CHARACTERS = 100_000  # Vale's filters are a line or two
Evaluate = Callable[[Fields], Any]  # the value of a part of the expression for a rule


class FilterError(ValueError):
    """An expression that is not a filter: the message says where and what to write instead."""


@dataclass(frozen=True)
class RuleFilter:
    source: str
    evaluate: Evaluate
    fields: frozenset[str]  # the fields the expression reads

    def selects(self, fields: Fields) -> bool:
        return bool(self.evaluate(fields))


def rule_fields(rule, level) -> dict[str, object]:
    """What a filter reads of a rule reporting at `level`: its definition, as Vale names it."""
    spec = rule.spec
    return {
        "Name": spec.id,
        "Level": str(level),
        "Scope": list(spec.scope.written),
        "Message": spec.message,
        "Description": spec.description,
        "Extends": spec.extends,
        "Link": spec.link,
        "Limit": spec.limit,
    }


_TOKEN = regex.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<field>\.[A-Za-z_]\w*)
      | (?P<word>[A-Za-z_]\w*)
      | (?P<symbol>==|!=|<=|>=|&&|\|\||[<>!()\[\],])
    )""",
    regex.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t"}

# Comparisons between two values of a type, by operator.
_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_TEXT: dict[str, Callable[[str, str], bool]] = {
    "contains": operator.contains,
    "startsWith": str.startswith,
    "endsWith": str.endswith,
}
_WORDS = {"and": "and", "&&": "and", "or": "or", "||": "or", "not": "not", "!": "not"}


@dataclass(frozen=True)
class _Token:
    kind: str  # string, number, field, word, symbol, end
    text: str
    column: int  # 1-based


def _tokens(source: str) -> list[_Token]:
    if len(source) > MAX_CHARACTERS:  # each term is tried on each rule: 200,000 terms took 14 s
        raise FilterError(f"the filter has {len(source):,} characters; at most {MAX_CHARACTERS:,} are read")
    found, position = [], _after_space(source, 0)
    # The white space after each token skipped by a match, never by copying the rest of the
    # source: a filter of 200,000 terms was quadratic.
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise FilterError(
                f"column {position + 1}: {source[position]!r} is not part of a filter{_HINTS.get(source[position], '')}"
            )
        kind = match.lastgroup or ""
        found.append(_Token(kind, match[kind], match.start(kind) + 1))
        position = _after_space(source, match.end())
    return [*found, _Token("end", "", len(source) + 1)]


_SPACE = regex.compile(r"\s*")


def _after_space(source: str, position: int) -> int:
    space = _SPACE.match(source, position)
    return space.end() if space else position


_HINTS = {"=": " (compare with ==)", '"': " (a text without its closing quote)", "'": " (a text without its closing quote)"}


class _Parser:
    """Recursive descent over the tokens; each rule returns (evaluate, type)."""

    def __init__(self, source: str):
        self.tokens = _tokens(source)
        self.index = 0
        self.fields: set[str] = set()
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def accept(self, *texts: str) -> _Token | None:
        token = self.current
        if token.kind in ("word", "symbol") and token.text in texts:
            return self.advance()
        return None

    def fail(self, token: _Token, what: str) -> FilterError:
        shown = "the end" if token.kind == "end" else repr(token.text)
        return FilterError(f"column {token.column}: {what}, not {shown}")

    def keyword(self) -> str | None:
        """and, or or not, however written, when the current token is one."""
        token = self.current
        return _WORDS.get(token.text) if token.kind in ("word", "symbol") else None

    def whole(self) -> Evaluate:
        evaluate, kind = self.either()
        if self.current.kind != "end":
            raise self.fail(self.current, "expected and, or, or the end")
        if kind != "bool":
            raise FilterError(f"the filter is {_NAMES[kind]}; it must be true or false for a rule, as a comparison is")
        return evaluate

    def either(self) -> tuple[Evaluate, str]:
        return self.joined("or", self.both, _any)

    def both(self) -> tuple[Evaluate, str]:
        return self.joined("and", self.negation, _all)

    def joined(self, word: str, part, join) -> tuple[Evaluate, str]:
        """Parts joined by one word, as one list: a long chain nests nothing."""
        first, kind = part()
        parts = [first]
        while self.keyword() == word:
            token = self.advance()
            right, right_kind = part()
            _want_bool(token, kind, right_kind)
            parts.append(right)
            kind = "bool"
        return (join(parts), kind) if len(parts) > 1 else (first, kind)

    def negation(self) -> tuple[Evaluate, str]:
        if self.keyword() == "not" and self.tokens[self.index + 1].text != "in":
            token = self.advance()
            with self.nested(token):
                inner, kind = self.negation()
            _want_bool(token, kind)
            return _not(inner), "bool"
        return self.comparison()

    @contextlib.contextmanager
    def nested(self, token: _Token):
        """One level deeper (a `not`, a parenthesis): a filter nested past MAX_NESTING is a
        mistake, said as one, not a stack that runs out."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FilterError(f"column {token.column}: nested more than {MAX_NESTING} deep")
        try:
            yield
        finally:
            self.depth -= 1

    def comparison(self) -> tuple[Evaluate, str]:
        left = self.operand()
        negated = self.current.text == "not" and self.tokens[self.index + 1].text == "in"
        if negated:
            self.advance()
        token = self.current
        name = token.text if token.kind in ("word", "symbol") else ""
        if name not in ("==", "!=", "in", "matches", *_ORDER, *_TEXT):
            return left
        self.advance()
        return _compare(name, negated, left, self.operand(), token, self.tokens[self.index - 1])

    def operand(self) -> tuple[Evaluate, str]:
        token = self.advance()
        if token.kind == "string":
            return _constant(_unquote(token.text)), "text"
        if token.kind == "number":
            return _constant(float(token.text) if "." in token.text else int(token.text)), "number"
        if token.kind == "word" and token.text in ("true", "false"):
            return _constant(token.text == "true"), "bool"
        if token.kind == "field":
            name = token.text[1:]
            if name not in FIELDS:
                known = ", ".join(f".{field}" for field in FIELDS)
                raise FilterError(f"column {token.column}: no field {token.text}; a rule's fields are {known}")
            self.fields.add(name)
            return (lambda fields: fields[name]), FIELDS[name]
        if token.text == "(":
            with self.nested(token):
                inner = self.either()
            if not self.accept(")"):
                raise self.fail(self.current, "expected )")
            return inner
        if token.text == "[":
            with self.nested(token):
                return self.listing(token)
        raise self.fail(token, "expected a field (.Name), a value or (")

    def listing(self, opening: _Token) -> tuple[Evaluate, str]:
        items: list[object] = []
        kinds: set[str] = set()
        while not self.accept("]"):
            item, kind = self.operand()
            if kind not in ("text", "number") or not hasattr(item, "value"):
                raise FilterError(f"column {opening.column}: a list holds text and numbers, written out")
            items.append(item.value)
            kinds.add(kind)
            if not self.accept(",") and self.current.text != "]":
                raise self.fail(self.current, "expected , or ]")
        if len(kinds) > 1:
            raise FilterError(f"column {opening.column}: a list holds text or numbers, not both")
        return _constant(items), "list"


def parse_filter(source: str) -> RuleFilter:
    """The filter an expression says; FilterError naming the column and what is wrong."""
    if not source.strip():
        raise FilterError('the filter is empty; write an expression such as .Level == "error"')
    parser = _Parser(source)
    return RuleFilter(source, parser.whole(), frozenset(parser.fields))


def _constant(value: object) -> Evaluate:
    def constant(fields: Fields) -> object:
        return value

    constant.value = value  # type: ignore[attr-defined]  # a list literal's items are read from it
    return constant


def _unquote(quoted: str) -> str:
    return regex.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), quoted[1:-1])


_NAMES = {"bool": "true or false", "text": "text", "number": "a number", "list": "a list"}


def _want_bool(token: _Token, *kinds: str) -> None:
    for kind in kinds:
        if kind != "bool":
            raise FilterError(f"column {token.column}: {token.text} joins comparisons, not {_NAMES[kind]}")


def _any(parts: list[Evaluate]) -> Evaluate:
    return lambda fields: any(bool(part(fields)) for part in parts)


def _all(parts: list[Evaluate]) -> Evaluate:
    return lambda fields: all(bool(part(fields)) for part in parts)


def _not(inner: Evaluate) -> Evaluate:
    return lambda fields: not inner(fields)


def _compare(
    name: str, negated: bool, left: tuple[Evaluate, str], right: tuple[Evaluate, str], token: _Token, last: _Token
) -> tuple[Evaluate, str]:
    """A comparison, its operands' types checked: `.Scope == "heading"` is a mistake, said at once."""
    (first, first_kind), (second, second_kind) = left, right
    if name == "in":
        if second_kind != "list":
            hint = ' (for text, write .Name contains "x")' if second_kind == "text" else ""
            raise FilterError(f"column {token.column}: in takes a list on its right{hint}")
        if first_kind not in ("text", "number"):
            raise FilterError(f"column {token.column}: in looks for text or a number in a list")
        return (lambda fields: (first(fields) in second(fields)) != negated), "bool"
    if first_kind != second_kind:
        hint = ' (write "heading" in .Scope)' if "list" in (first_kind, second_kind) else ""
        raise FilterError(f"column {token.column}: {name} compares two values of one type{hint}")
    if name in ("==", "!="):
        equal = name == "=="
        return (lambda fields: (first(fields) == second(fields)) == equal), "bool"
    if name in _ORDER:
        if first_kind not in ("text", "number"):
            raise FilterError(f"column {token.column}: {name} compares text or numbers")
        compare = _ORDER[name]
        return (lambda fields: compare(first(fields), second(fields))), "bool"
    if first_kind != "text":
        raise FilterError(f"column {token.column}: {name} takes text on both sides")
    if name == "matches":
        pattern = _pattern(second, last)
        return (lambda fields: pattern.search(first(fields)) is not None), "bool"
    test = _TEXT[name]
    return (lambda fields: test(first(fields), second(fields))), "bool"


def _pattern(evaluate: Evaluate, token: _Token) -> regex.Pattern:
    value = getattr(evaluate, "value", None)
    if not isinstance(value, str):
        raise FilterError(f"column {token.column}: matches takes a pattern written out as text")
    try:
        return regex.compile(value)
    except regex.error as error:
        raise FilterError(f"column {token.column}: not a regular expression: {error}") from None


def selected(value: str, config, rules: list, cwd: Path) -> tuple[object, list, str]:
    """--filter: (the configuration, the rules in use that the expression selects, where the
    expression comes from). An expression that reads .Level shows what it selects whatever the
    lowest level shown would be (as in Vale). FilterError names where the mistake is."""
    text, where = _expression(value, config, cwd)
    try:
        chosen = parse_filter(text)
    except FilterError as error:
        raise FilterError(f"{where}: {error}") from None
    levels = {rule.id: config.level_of(rule) for rule in rules}
    kept = [rule for rule in rules if levels[rule.id] is not None and chosen.selects(rule_fields(rule, levels[rule.id]))]
    if "Level" in chosen.fields and kept:
        config = dataclasses.replace(config, min_level=min(config.min_level, *(levels[rule.id] for rule in kept)))
    return config, kept, where


def _expression(value: str, config, cwd: Path) -> tuple[str, str]:
    """A --filter value's expression and where it comes from: a file at that path, or in the
    styles' config/filters folder (Vale's place for them), else the value itself."""
    from .files import UnreadableFile, decode, display_path, read_file

    for path in (cwd / value, config.styles_folder / "config" / "filters" / value):
        if _is_file(path):
            shown = display_path(path, cwd)
            try:
                return decode(read_file(path, config.max_file_size)), shown
            except OSError as error:
                raise FilterError(f"--filter: {shown}: cannot read the file: {error.strerror}") from None
            except UnreadableFile as error:
                raise FilterError(f"--filter: {shown}: {error.message}") from None
    return value, "--filter"


def _is_file(path: Path) -> bool:
    """Whether a path names a file; False for one the system cannot look up (too long a name)."""
    try:
        return path.is_file()
    except OSError:
        return False
