"""Arithmetic formulas over named numbers, as Vale's `metric` rules write them: parsed once, never eval'd.

A formula has numbers, variables (`words`, `heading.h2` or `heading_h2`), + - * /, unary minus, parentheses and
calls to a few functions of Vale's `math` module (`math.sqrt(x)`). A condition is a comparison
followed by a formula: `> 8`, `<= words / 10`. Division by zero gives infinity or NaN, as Go's
floats do, rather than an error in the middle of a run.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable

import regex

Variables = dict[str, float]
Node = Callable[[Variables], float]

# Vale's `math` functions that a formula may call, with how many arguments each takes.
FUNCTIONS: dict[str, tuple[Callable[..., float], int]] = {
    "math.abs": (abs, 1),
    "math.ceil": (math.ceil, 1),
    "math.floor": (math.floor, 1),
    "math.log": (math.log, 1),
    "math.log10": (math.log10, 1),
    "math.max": (max, 2),
    "math.min": (min, 2),
    "math.pow": (math.pow, 2),
    "math.round": (round, 1),
    "math.sqrt": (math.sqrt, 1),
}
COMPARISONS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne}

_TOKEN = regex.compile(
    r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"
    r"|(?P<symbol>[-+*/(),])|(?P<other>\S))"
)


class FormulaError(ValueError):
    pass


MAX_TOKENS = 200  # Vale's readability formulas have about 30


class Formula:
    """A parsed formula over some of the `known` variables; FormulaError when it cannot be read."""

    def __init__(self, text: str, known: frozenset[str]):
        self._node = _Parser(text, known).formula()

    def __call__(self, variables: Variables) -> float:
        return self._node(variables)


class Condition:
    """`> 8` and the like: whether a value passes, given the variables the right side may read."""

    def __init__(self, text: str, known: frozenset[str]):
        match = regex.match(r"\s*(>=|<=|==|!=|>|<)", text)
        if match is None:
            raise FormulaError(f"a condition starts with one of {' '.join(COMPARISONS)}, as in '> 8'; got {text.strip()!r}")
        self._compare = COMPARISONS[match.group(1)]
        self._limit = Formula(text[match.end() :], known)

    def __call__(self, value: float, variables: Variables) -> bool:
        return bool(self._compare(value, self._limit(variables)))


class _Parser:
    """Recursive descent over the tokens; each rule returns a function of the variables."""

    def __init__(self, text: str, known: frozenset[str]):
        self.tokens = _tokens(text)
        if len(self.tokens) > MAX_TOKENS:  # read and run by recursion, which a deep nesting exhausts
            raise FormulaError(f"the formula has {len(self.tokens):,} numbers, names and signs; at most {MAX_TOKENS} are read")
        self.position = 0
        self.known = known

    def formula(self) -> Node:
        if not self.tokens:
            raise FormulaError("the formula is empty")
        node = self._sum()
        if self.position < len(self.tokens):
            raise FormulaError(f"unexpected {self.tokens[self.position][1]!r}")
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise FormulaError("the formula ends too soon")
        self.position += 1
        return self.tokens[self.position - 1]

    def _expect(self, symbol: str) -> None:
        text = self._take()[1]
        if text != symbol:
            raise FormulaError(f"expected {symbol!r}, got {text!r}")

    def _sum(self) -> Node:
        node = self._product()
        while self._peek() in ("+", "-"):
            apply = operator.add if self._take()[1] == "+" else operator.sub
            node = _binary(apply, node, self._product())
        return node

    def _product(self) -> Node:
        node = self._unary()
        while self._peek() in ("*", "/"):
            apply = operator.mul if self._take()[1] == "*" else _divide
            node = _binary(apply, node, self._unary())
        return node

    def _unary(self) -> Node:
        if self._peek() in ("-", "+"):
            negate = self._take()[1] == "-"
            inner = self._unary()
            return (lambda v: -inner(v)) if negate else inner
        return self._atom()

    def _atom(self) -> Node:
        kind, text = self._take()
        if kind == "number":
            value = float(text)
            return lambda v: value
        if text == "(":
            node = self._sum()
            self._expect(")")
            return node
        if kind == "name" and self._peek() == "(":
            return self._call(text)
        if kind == "name":
            return self._variable(text)
        if text == "$":
            raise FormulaError("variables are written without '$', as in Vale: words / sentences")
        raise FormulaError(f"unexpected {text!r}")

    def _call(self, name: str) -> Node:
        if name not in FUNCTIONS:
            raise FormulaError(f"unknown function {name!r}; known: {', '.join(FUNCTIONS)}")
        function, arity = FUNCTIONS[name]
        self._expect("(")
        arguments = [self._sum()]
        while self._peek() == ",":
            self._take()
            arguments.append(self._sum())
        self._expect(")")
        if len(arguments) != arity:
            raise FormulaError(f"{name} takes {arity} argument{'s' if arity > 1 else ''}, not {len(arguments)}")
        return lambda v: _apply(function, [argument(v) for argument in arguments])

    def _variable(self, written: str) -> Node:
        name = written.replace(".", "_")  # Vale's `heading.h2` is `heading_h2`
        if name not in self.known:
            raise FormulaError(f"unknown variable {name!r}; known: {', '.join(sorted(self.known))}")
        return lambda v: v[name]


def _tokens(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:  # only white space was left
            continue
        found.append((kind, match.group(kind)))
    return found


def _binary(apply: Callable[[float, float], float], left: Node, right: Node) -> Node:
    return lambda v: apply(left(v), right(v))


def _divide(a: float, b: float) -> float:
    if b:
        return a / b
    return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)


def _apply(function: Callable[..., float], arguments: list[float]) -> float:
    """A function's value; NaN where it is undefined (the root of a negative number)."""
    try:
        return float(function(*arguments))
    except (ValueError, OverflowError):
        return math.nan
