"""Output formats: one plain function each, from a lint result to the text printed."""

from __future__ import annotations

import json

from .engine import Result

JSON_VERSION = 1


def text(result: Result) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule}: {f.message}" for f in result.findings]
    lines += [f"{e.path}:{e.line}: error: {e.message}" if e.line else f"{e.path}: error: {e.message}" for e in result.errors]
    return "".join(line + "\n" for line in lines)


def json_report(result: Result) -> str:
    findings = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "rule": f.rule,
            "level": str(f.level),
            "message": f.message,
            "match": f.match,
            "replacements": list(f.replacements),
            "voice": str(f.voice),
            "also": list(f.also),
        }
        for f in result.findings
    ]
    errors = [{"path": e.path, "message": e.message, **({"line": e.line} if e.line else {})} for e in result.errors]
    return json.dumps({"version": JSON_VERSION, "findings": findings, "errors": errors}, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": text, "json": json_report}
