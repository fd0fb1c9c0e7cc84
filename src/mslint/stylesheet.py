"""The book's style sheet: each form the consistency rules keep, and the file that records them.

A copy editor keeps a style sheet beside a book: how it writes each compound, which terms it
capitalizes or puts in scare quotes, its marks, its abbreviations and the spelling of its names.
mslint's consistency rules decide those from the book (the form used most wins); the style sheet
file records the decisions, so that a recorded form wins whatever the counts, even where a new
chapter writes the other form more often, or only the other form.

The file is YAML, one mapping per rule, each query as the rule names it and the form it keeps:

    Book.Hyphenation:
      long-term: open
    Book.Marks:
      quotes: curly

Every key and value is read as text (YAML's BaseLoader: `no` and `1` are words). Each rule type
says which queries and forms it keeps (read_recorded) and lists what it decided (sheet); this
module reads and writes the file, gathers the entries from a lint's result and lays them out in
tables, which `mslint stylesheet` prints as Markdown and the report shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from .files import UnreadableFile, decode, read_setting, write_atomic
from .yamlread import too_deep

if TYPE_CHECKING:
    from .engine import Result
    from .finding import Spot
    from .ruletypes import RuleType

DEFAULT_PATH = "stylesheet.yml"
SUFFIXES = (".yml", ".yaml")
MAX_DEPTH = 10  # a style sheet nests two levels
HEADER = (
    "# The book's style sheet: the form each consistency rule keeps, whatever the counts.\n"
    "# mslint stylesheet --write adds the forms the book writes one way only; edit the rest by hand.\n"
)

# Who keeps a form: the style sheet, the book (the only form it uses), the rule itself (an option
# of its own, or the hyphen before a noun), the vocabulary or the dictionary (names); or nobody
# yet: the book writes it more than one way (an open query), and the rule keeps the form used most.
STYLE_SHEET, BOOK, RULE, VOCABULARY, DICTIONARY, OPEN = "style sheet", "the book", "the rule", "vocabulary", "dictionary", ""

# The kinds of entries, in the order shown: (title, what a form is, what its count counts, its place).
SECTIONS = {
    "compounds": ("Compounds", "compound", "uses", "first use"),
    "capitals": ("Capitalized terms", "term", "uses", "first use"),
    "scare-quotes": ("Scare-quoted terms", "term", "uses", "first use"),
    "marks": ("Marks", "mark", "uses", "first use"),
    "abbreviations": ("Abbreviations", "abbreviation (definition)", "definitions", "first defined"),
    "names": ("Names from the vocabulary and variants", "name", "uses", "first use"),
}
OPEN_QUERIES = "Open queries"

_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class StylesheetError(Exception):
    """A style sheet that cannot be used; names the file, the line where known, and what to fix."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


class BadRecord(ValueError):
    """An entry a rule cannot keep (raised by read_recorded); `key` is None for the rule's entries as a whole."""

    def __init__(self, key: str | None, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Stylesheet:
    """A style sheet as read: rule id -> {query: form}, and the line of each rule and entry."""

    shown: str = ""  # the file, as messages name it
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def line(self, rule_id: str, key: str | None = None) -> int | None:
        return self.lines.get((rule_id, key)) or self.lines.get((rule_id, None))

    def error(self, rule_id: str, key: str | None, message: str) -> StylesheetError:
        return StylesheetError(self.shown, f"{rule_id}: {message}", self.line(rule_id, key))


def load(path: Path, shown: str) -> Stylesheet:
    """The style sheet at `path`; an empty one when there is no such file (nothing recorded yet)."""
    try:
        source = decode(read_setting(path))
    except FileNotFoundError:
        return Stylesheet(shown)
    except OSError as error:
        raise StylesheetError(shown, f"cannot read the style sheet: {error.strerror}") from None
    except UnreadableFile as error:
        raise StylesheetError(shown, error.message, error.line) from None
    return parse(source, shown)


def parse(source: str, shown: str) -> Stylesheet:
    """A style sheet from its YAML text: a mapping of rule ids, each a mapping of text to text."""
    try:
        deep = too_deep(source, MAX_DEPTH, _BaseLoader)
        root = None if deep else yaml.compose(source, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise StylesheetError(shown, f"invalid YAML: {_problem(error, source)}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise StylesheetError(shown, f"invalid YAML: {error}") from None
    if deep:
        raise StylesheetError(shown, "nested too deeply: a style sheet is rules, each with its queries", _line(deep))
    sheet = Stylesheet(shown)
    if root is None or _empty(root):
        return sheet
    expected = "a style sheet maps each rule id to its queries and their forms, as Book.Hyphenation: {long-term: hyphenated}"
    for rule_node, queries in _pairs(root, shown, expected):
        rule_id = rule_node.value
        if "." not in rule_id:
            raise StylesheetError(shown, f"{rule_id!r} is no rule id; write Style.Rule, as Book.Hyphenation", _line(rule_node))
        sheet.lines[rule_id, None] = _line(rule_node)
        recorded = sheet.entries[rule_id] = {}
        if _empty(queries):
            continue
        for key, value in _pairs(queries, shown, f"{rule_id} must map each query to its form, as long-term: hyphenated"):
            if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
                raise StylesheetError(shown, f"{rule_id}: {key.value!r} must be given a form, as text", _line(key))
            recorded[key.value] = value.value.strip()
            sheet.lines[rule_id, key.value] = _line(key)
    return sheet


def _problem(error: yaml.MarkedYAMLError, source: str) -> str:
    """What is wrong, in words: a tab where YAML wants spaces is the usual slip."""
    mark = error.problem_mark
    lines = source.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return "a tab, where YAML indents with spaces only; replace it with spaces"
    return str(error.problem)


def _pairs(node: yaml.Node, shown: str, expected: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The key and value nodes of a mapping whose keys are text, each key once."""
    if not isinstance(node, yaml.MappingNode):
        raise StylesheetError(shown, expected, _line(node))
    seen: dict[str, int] = {}
    pairs = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
            raise StylesheetError(shown, expected, _line(key))
        if key.value in seen:
            raise StylesheetError(shown, f"{key.value!r} is given twice, first on line {seen[key.value]}; keep one", _line(key))
        seen[key.value] = _line(key)
        pairs.append((key, value))
    return pairs


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and node.style is None


def _line(node) -> int:
    return node.start_mark.line + 1


# --- what the rules decided --------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One form of a query as the book writes it: where first used, how often, and where first."""

    text: str
    count: int
    place: str  # path:line:column; the path alone where only the file is known; "" where unused


@dataclass(frozen=True)
class Entry:
    """One query of the style sheet: the form kept, by whom, and the other forms the book writes."""

    section: str  # a key of SECTIONS
    rule: str
    key: str  # the query, as the style sheet records it
    value: str  # the form kept, as the style sheet records it
    kept: Form
    others: tuple[Form, ...] = ()
    kept_by: str = BOOK  # STYLE_SHEET, BOOK, RULE, VOCABULARY, DICTIONARY, or OPEN for an open query


@dataclass(frozen=True)
class Judged:
    """What a rule that compares files read and concluded: each file's path and observation, in
    path order, every file's candidates (path, key, where), in the same order, and the verdict."""

    paths: list[str]
    observations: list
    candidates: list[tuple[str, object, Spot]]
    verdict: Any  # as the rule's verdict() gives it


def book_entries(result: Result) -> list[Entry]:
    """The style sheet's entries, from what the rules read and concluded in a lint: no file is read
    again. A rule that stopped (a pattern that ran out of time) has no verdict, and no entries."""
    from .limits import RuleTimeout

    paths = sorted(result.facts)
    entries = []
    for rule in result.rules:
        if rule.id not in result.verdicts:
            continue
        observations = [result.facts[path].observations[rule.id] for path in paths]
        candidates = [(path, key, spot) for path in paths for key, spot in result.facts[path].candidates.get(rule.id, [])]
        try:
            entries += rule.sheet(Judged(paths, observations, candidates, result.verdicts[rule.id]))
        except RuleTimeout:
            continue
    order = list(SECTIONS)
    return sorted(entries, key=lambda e: (order.index(e.section), e.kept.text.casefold(), e.key, e.rule))


def place(path: str, line: int, column: int) -> str:
    """A first place as shown: path:line:column, or the path of a file as a whole (line 0)."""
    return f"{path}:{line}:{column}" if line else path


# --- the tables: the same rows for Markdown and for the report ---------------------------------


class Table(NamedTuple):
    title: str
    columns: tuple[str, ...]
    rows: list[tuple]  # cells: text, or a whole number


def tables(entries: Iterable[Entry]) -> list[Table]:
    """A table for each kind of entry that has some, then the open queries (always)."""
    entries = list(entries)
    found = []
    for section, (title, what, counted, where) in SECTIONS.items():
        rows = [_row(e) for e in entries if e.section == section and e.kept_by != OPEN]
        if rows:
            found.append(Table(title, (what, counted, where, "kept by", "also written", "rule"), rows))
    open_rows = [
        (SECTIONS[e.section][0], e.kept.text, e.kept.count, e.kept.place, _others(e.others), e.rule)
        for e in entries
        if e.kept_by == OPEN
    ]
    found.append(Table(OPEN_QUERIES, ("kind", "kept for now", "uses", "first use", "also written", "rule"), open_rows))
    return found


def _row(entry: Entry) -> tuple:
    kept = entry.kept
    return (kept.text, kept.count, kept.place or "not used", entry.kept_by, _others(entry.others), entry.rule)


def _others(others: tuple[Form, ...]) -> str:
    return "; ".join(f"{o.text} ({o.count}, first at {o.place})" if o.place else f"{o.text} (not used)" for o in others)


def markdown(found: list[Table], recorded_in: str | None) -> str:
    """The style sheet as a Markdown document: a table for each kind of entry, and the open queries."""
    where = f"`{recorded_in}`" if recorded_in else "no style sheet (no configuration)"
    lines = [
        "# Style sheet",
        "",
        f"Each form the book keeps, with its uses and first use. Recorded in {where}: the forms kept by the style sheet.",
    ]
    for table in found:
        lines += ["", f"## {table.title}", ""]
        if table.title == OPEN_QUERIES:
            lines += [
                "Written more than one way, and recorded nowhere: the rules keep the form used most (an "
                "abbreviation's first definition) and report the others. Settle each in the text, or in the style sheet.",
                "",
            ]
        if not table.rows:
            lines.append("None.")
            continue
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "|".join("---:" if isinstance(cell, int) else "---" for cell in table.rows[0]) + "|")
        lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def _cell(value) -> str:
    """A table cell's text: on one line, with its `|` and backslashes escaped."""
    if isinstance(value, int):
        return str(value)
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def plain(found: list[Table]) -> list[dict]:
    """The tables as the report embeds them."""
    return [{"title": t.title, "columns": list(t.columns), "rows": [list(row) for row in t.rows]} for t in found]


# --- writing it --------------------------------------------------------------------------------


def recorded(rules: list[RuleType], entries: list[Entry]) -> dict[str, dict[str, str]]:
    """What a style sheet written now records: what it records already, and each form the book
    writes one way only. Open queries are left for the author to settle."""
    sheet = {rule.id: dict(rule.spec.recorded) for rule in rules if rule.spec.recorded}
    for entry in entries:
        if entry.kept_by == BOOK:
            sheet.setdefault(entry.rule, {}).setdefault(entry.key, entry.value)
    return sheet


def yaml_text(sheet: dict[str, dict[str, str]]) -> str:
    """The file's text: sorted, so that the same decisions always make the same bytes."""
    return HEADER + yaml.safe_dump(sheet, allow_unicode=True, sort_keys=True, default_flow_style=False, width=10_000)


def check_output(path: Path, styles_folder: Path, shown: str) -> None:
    """Refuse, before any work, a file that is no style sheet: one not ending in .yml, a folder,
    one in a folder that does not exist, one the rules would read as a rule, or a YAML file that
    holds something else."""
    if not path.name.lower().endswith(SUFFIXES):
        raise StylesheetError(shown, f"a style sheet is a YAML file; give --write a name ending in .yml, such as {DEFAULT_PATH}")
    if path.is_dir():
        raise StylesheetError(shown, f"is a folder; give --write a file name, such as {path / DEFAULT_PATH}")
    if not path.parent.is_dir():
        raise StylesheetError(shown, f"cannot write it: no folder {path.parent}")
    folder = path.absolute().parent
    if folder.parent == styles_folder.absolute() and folder.name != "config":
        raise StylesheetError(shown, "is in a style's folder, where every YAML file is a rule; write it beside the configuration")
    if path.exists():
        try:
            load(path, shown)
        except StylesheetError as error:
            raise StylesheetError(shown, f"exists and is not a style sheet ({error.message}); name another file") from None


def write(path: Path, text: str, shown: str) -> None:
    """Write the style sheet whole or not at all."""
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise StylesheetError(shown, f"cannot write it: {error.strerror or error}") from None
