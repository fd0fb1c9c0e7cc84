"""The baseline for a CI gate: today's findings recorded, so that only new ones fail the build.

Entries are matched by fingerprint (rule, words, sentence, and which repeat), never by line, so
editing another paragraph does not bring old findings back. The file is JSON sorted for clean diffs.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .files import write_atomic
from .finding import Finding

VERSION = 1


class BaselineError(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    match: str
    fingerprint: str


def write(path: Path, findings: list[Finding]) -> None:
    entries = sorted({(f.path, f.rule, f.match, f.fingerprint) for f in findings})
    document = {
        "version": VERSION,
        "tool": f"mslint {__version__}",
        "findings": [{"path": p, "rule": r, "match": m, "fingerprint": fp} for p, r, m, fp in entries],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error.strerror}") from None


def load(path: Path) -> list[Entry]:
    fix = "write a new one with --write-baseline"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file; {fix}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}; {fix}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}:{error.colno}: the baseline is not valid JSON ({error.msg}); {fix}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path}: not an mslint baseline (version {VERSION} with a list of findings); {fix}")
    try:
        return [Entry(e["path"], e["rule"], e["match"], e["fingerprint"]) for e in document["findings"]]
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: a baseline entry lacks path, rule, match or fingerprint; {fix}") from None


def compare(findings: list[Finding], entries: list[Entry], linted: set[str]) -> tuple[list[Finding], list[Entry]]:
    """The findings the baseline does not hold, and its entries for linted files that no finding matches."""
    recorded = Counter(e.fingerprint for e in entries)
    new = []
    for finding in findings:
        if recorded[finding.fingerprint]:
            recorded[finding.fingerprint] -= 1
        else:
            new.append(finding)
    stale = [e for e in entries if e.path in linted and recorded[e.fingerprint] > 0]
    return new, stale
