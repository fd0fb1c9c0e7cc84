"""Output formats: one plain function each, from a lint result to the text printed."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import __version__
from .document import LAYOUT_CONTROLS
from .finding import Level, LintError

if TYPE_CHECKING:
    from .engine import Result
    from .ruletypes import RuleType

JSON_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# Control characters (C0, DEL, C1: a terminal acts on them), the marks that reorder text (bidi
# controls: a terminal would show the quoted line in another order than it is, and the finding's
# underline off its words), line and paragraph separators (some terminals and CI logs break the
# line there), lone surrogates (the bytes of a file name that is not UTF-8) and U+FFFE/U+FFFF (XML
# cannot hold them) are shown in text, GitHub and JUnit output as Python writes them in a string:
# ESC as \x1b, a newline as \n, an override as \u202e, byte 0xff as \udcff.
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{LAYOUT_CONTROLS}\ud800-\udfff\ufffe\uffff]")


def printable(value: str) -> str:
    """`value` with nothing a terminal or an XML parser could act on; see _UNPRINTABLE."""
    return _UNPRINTABLE.sub(lambda match: repr(match[0])[1:-1], value)


def text(result: Result) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule}: {f.message}" for f in result.findings]
    lines += [_error_line(e) for e in result.errors]
    return "".join(printable(line) + "\n" for line in lines)


# --- for people at a terminal ------------------------------------------------------------------

_COLOURS = {Level.ERROR: "31", Level.WARNING: "33", Level.SUGGESTION: "36"}


def full(result: Result, colour: bool = False) -> str:
    """Findings grouped by file, each with its source line underlined and what would fix it, then
    a summary; in colour for a terminal that wants it."""

    def paint(code: str, value: str) -> str:
        return f"\x1b[{code}m{value}\x1b[0m" if colour else value

    out: list[str] = []
    by_path: dict[str, list] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, findings in by_path.items():
        lines = result.texts.get(path, "").split("\n")
        out.append(paint("1", printable(path)))
        for f in findings:
            level = paint(_COLOURS[f.level], str(f.level))
            out.append(f"  {f.line}:{f.column}  {level}  {printable(f.message)}  {paint('2', f.rule)}")
            source = lines[f.line - 1] if f.line <= len(lines) else ""
            end = f.end_column - 1 if f.end_line == f.line else len(source)
            before, words, after = _around(source, f.column - 1, end)
            out.append(f"    {before}{words}{after}")
            out.append("    " + " " * len(before) + paint(_COLOURS[f.level], "^" * max(1, len(words))))
            if f.replacements:
                out.append(f"    {paint('32', '→ ' + ', '.join(printable(r) for r in f.replacements))}")
        out.append("")
    out += [paint("31", printable(_error_line(e))) for e in result.errors]
    out.append(summary(result))
    return "".join(line + "\n" for line in out)


_CONTEXT = 40  # characters shown on each side of a finding: a paragraph is often one long line


def _around(line: str, start: int, end: int) -> tuple[str, str, str]:
    """The words of a finding and some of the line on each side, as printable text."""
    left, right = max(0, start - _CONTEXT), min(len(line), end + _CONTEXT)
    before = ("…" if left else "") + line[left:start]
    after = line[end:right] + ("…" if right < len(line) else "")
    return printable(before), printable(line[start:end]), printable(after)


def summary(result: Result) -> str:
    """`1 error, 80 warnings and 490 suggestions in 4 files (82 fixable with --fix)`."""
    counts = {level: sum(f.level is level for f in result.findings) for level in reversed(Level)}
    parts = [f"{n} {level}{'' if n == 1 else 's'}" for level, n in counts.items() if n]
    if not parts:
        return f"No findings in {_files(len(result.paths))}."
    fixable = sum(f.fixable for f in result.findings)
    said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    files = len({f.path for f in result.findings})
    return f"{said} in {_files(files)}" + (f" ({fixable} fixable with --fix)." if fixable else ".")


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _error_line(error: LintError) -> str:
    return f"{error.path}:{error.line}: error: {error.message}" if error.line else f"{error.path}: error: {error.message}"


def json_report(result: Result) -> str:
    findings = [{**f.fields(), "also": list(f.also), "fingerprint": f.fingerprint} for f in result.findings]
    errors = [{"path": e.path, "message": e.message, **({"line": e.line} if e.line else {})} for e in result.errors]
    return json.dumps({"version": JSON_VERSION, "findings": findings, "errors": errors}, ensure_ascii=False, indent=2) + "\n"


# --- Vale's own formats, for scripts written for Vale ------------------------------------------


def vale_line(result: Result) -> str:
    """Vale's `--output=line`: path:line:column:Check:Message. Errors go to standard error, as Vale's do."""
    return "".join(printable(f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}") + "\n" for f in result.findings)


def vale_json(result: Result) -> str:
    """Vale's `--output=JSON`: each file's alerts, by path; Span is the first and last column."""
    specs = {rule.id: rule.spec for rule in result.rules}
    files: dict[str, list] = {}
    for f in result.findings:
        spec = specs.get(f.rule)
        action = (spec.action if spec else None) or {}
        files.setdefault(f.path, []).append(
            {
                "Action": {"Name": action.get("name", ""), "Params": list(f.replacements) or None},
                "Check": f.rule,
                "Description": spec.description if spec else "",
                "Line": f.line,
                "Link": spec.link if spec else "",
                "Message": f.message,
                "Severity": str(f.level),
                "Span": [f.column, f.end_column - 1 if f.end_line == f.line else f.column + len(f.match) - 1],
                "Match": f.match,
            }
        )
    return json.dumps(files, ensure_ascii=False, indent=2) + "\n"


# --- GitHub Actions workflow commands ---------------------------------------------------------

_GITHUB_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def github(result: Result) -> str:
    """Annotations. Every value is escaped, so manuscript text can never start a command of its own."""
    lines = []
    for f in result.findings:
        properties = {
            "file": printable(f.path),
            "line": f.line,
            "col": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "title": printable(f.rule),
        }
        lines.append(_workflow_command(_GITHUB_LEVELS[f.level], properties, printable(f.message)))
    for e in result.errors:
        properties = {"file": printable(e.path), **({"line": e.line} if e.line else {}), "title": "mslint"}
        lines.append(_workflow_command("error", properties, printable(e.message)))
    return "".join(line + "\n" for line in lines)


def _workflow_command(name: str, properties: dict, message: str) -> str:
    joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {joined}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


# --- SARIF 2.1.0 --------------------------------------------------------------------------------

_SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}


def sarif(result: Result) -> str:
    rules = sorted(result.rules, key=lambda r: r.id)
    descriptors = [_sarif_rule(rule.spec) for rule in rules]
    # Findings of mslint's own (unused suppressions) have no rule file: describe them here.
    for rule_id in sorted({f.rule for f in result.findings} - {rule.id for rule in rules}):
        descriptors.append(_sarif_builtin(rule_id))
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _SARIF_LEVELS[f.level],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "snippet": {"text": f.match},
                        },
                    }
                }
            ],
            "partialFingerprints": {"mslintFingerprint/v1": f.fingerprint},
            "properties": {"voice": str(f.voice), "replacements": list(f.replacements)},
        }
        for f in result.findings
    ]
    run = {
        "tool": {
            "driver": {
                "name": "mslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder mslint ran in."}}},
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": e.message},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path}}}],
                    }
                    for e in result.errors
                ],
            }
        ],
    }
    report = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _sarif_builtin(rule_id: str) -> dict:
    text = "A suppression comment that silences nothing." if rule_id == "mslint.UnusedSuppression" else rule_id
    return {
        "id": rule_id,
        "name": rule_id.replace(".", "/"),
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": "warning"},
    }


def _sarif_rule(spec) -> dict:
    summary = spec.description.split(". ")[0].rstrip(".") if spec.description else spec.id
    entry = {
        "id": spec.id,
        "name": spec.id.replace(".", "/"),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": spec.description or spec.message},
        "help": {"text": _help_text(spec), "markdown": _help_text(spec)},
        "defaultConfiguration": {"level": _SARIF_LEVELS[spec.level]},
        "properties": {"type": spec.extends},
    }
    if spec.link:
        entry["helpUri"] = spec.link
    return entry


def _help_text(spec) -> str:
    parts = [spec.description or spec.message]
    if spec.examples.get("fail"):
        parts.append("Reported: " + " / ".join(spec.examples["fail"][:3]))
    parts.append(f"See `mslint --explain {spec.id}`.")
    return "\n\n".join(parts)


# --- JUnit XML ----------------------------------------------------------------------------------


def junit(result: Result) -> str:
    """One test suite a file, one failing test case a finding; a clean file passes one test case."""
    from xml.etree import ElementTree  # here: only this format needs it

    suites = ElementTree.Element("testsuites", name="mslint")
    by_path: dict[str, list] = {path: [] for path in result.paths}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    for e in result.errors:
        by_path.setdefault(e.path, [])
    errors_by_path = {e.path: e for e in result.errors}
    for path, findings in by_path.items():
        shown = printable(path)
        suite = ElementTree.SubElement(suites, "testsuite", name=shown, tests=str(max(len(findings), 1)))
        suite.set("failures", str(len(findings)))
        suite.set("errors", "1" if path in errors_by_path else "0")
        if path in errors_by_path:
            case = ElementTree.SubElement(suite, "testcase", classname=shown, name="read")
            ElementTree.SubElement(case, "error", message=printable(errors_by_path[path].message))
        elif not findings:
            ElementTree.SubElement(suite, "testcase", classname=shown, name="mslint")
        for f in findings:
            rule, message = printable(f.rule), printable(f.message)
            case = ElementTree.SubElement(suite, "testcase", classname=shown, name=f"{rule} {f.line}:{f.column}")
            failure = ElementTree.SubElement(case, "failure", message=message, type=str(f.level))
            failure.text = f"{shown}:{f.line}:{f.column}: {f.level} {rule}: {message}\n{printable(f.match)}"
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


# --- GitLab Code Quality --------------------------------------------------------------------------

_GITLAB_SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.SUGGESTION: "info"}


def gitlab(result: Result) -> str:
    issues = [
        {
            "type": "issue",
            "check_name": f.rule,
            "description": f.message,
            "categories": ["Style"],
            "severity": _GITLAB_SEVERITIES[f.level],
            "fingerprint": f.fingerprint,
            "location": {
                "path": f.path,
                "positions": {
                    "begin": {"line": f.line, "column": f.column},
                    "end": {"line": f.end_line, "column": f.end_column},
                },
            },
        }
        for f in result.findings
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    "full": full,
    "text": text,
    "concise": text,  # one line a finding: what `text` writes when it is not a terminal
    "json": json_report,
    "github": github,
    "sarif": sarif,
    "junit": junit,
    "gitlab": gitlab,
    "vale-line": vale_line,
    "vale-json": vale_json,
}
# The formats that show replacements: only for them are costly ones (spelling suggestions) computed.
SHOWS_REPLACEMENTS = ("full", "json", "sarif")


def statistics(result: Result) -> str:
    """How many findings each rule reported, most first, and how many --fix would apply (--statistics)."""
    counts = Counter((f.rule, f.level) for f in result.findings)
    fixable = Counter(f.rule for f in result.findings if f.fixable)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = len(str(rows[0][1])) if rows else 1
    lines = [
        f"{count:>{width}}  {level!s:<10}  {rule}" + (f"  ({fixable[rule]} fixable)" if fixable[rule] else "")
        for (rule, level), count in rows
    ]
    return "".join(printable(line) + "\n" for line in lines)


# --- About the rules: --list-rules and --explain ------------------------------------------------


def rule_list(rules: list[RuleType], level_of: Callable[[RuleType], Level | None]) -> str:
    """One line a rule: id, type, level in use (or off), what it checks."""
    rows = [(r.id, r.spec.extends, str(level_of(r) or "off"), r.spec.description or r.spec.message) for r in rules]
    return "".join("\t".join(map(printable, row)) + "\n" for row in rows)


def explanation(rule: RuleType, level: Level | None) -> str:
    """What a rule checks, where it is defined, and its examples."""
    spec = rule.spec
    lines = [f"{spec.id} ({spec.extends}, level {level or 'off'})", ""]
    if spec.description:
        lines += [spec.description, ""]
    lines.append(f"Message: {spec.message}")
    if spec.quotation:
        lines.append(f"In quotations: {spec.quotation.message}")
    if spec.link:
        lines.append(f"See: {spec.link}")
    lines.append(f"Defined in: {spec.path}")
    for key, title in (("fail", "Reported"), ("pass", "Not reported")):
        if spec.examples.get(key):
            lines += ["", f"{title}:"] + [f"  {example}" for example in spec.examples[key]]
    return "".join(printable(line) + "\n" for line in "\n".join(lines).split("\n"))
