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
from .files import UnreadableFile, decode, read_setting, write_atomic
from .finding import Finding

VERSION = 1


class BaselineError(Exception):
    pass


_FIELDS = ("path", "rule", "match", "fingerprint")


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
        # A file name that is not UTF-8 keeps its stray bytes as JSON escapes (\udcff), which load() reads back.
        write_atomic(path, text.encode("utf-8", "backslashreplace"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error.strerror}") from None


def load(path: Path) -> list[Entry]:
    fix = "write a new one with --write-baseline"
    try:
        text = decode(read_setting(path)).removeprefix("\ufeff")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file; {fix}") from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror}; {fix}") from None
    except UnreadableFile as error:
        raise BaselineError(
            f"{path}:{error.line}: {error.message}; {fix}" if error.line else f"{path}: {error.message}; {fix}"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}:{error.colno}: the baseline is not valid JSON ({error.msg}); {fix}") from None
    except RecursionError:
        raise BaselineError(f"{path}: the baseline nests arrays or objects too deeply to read; {fix}") from None
    except ValueError:  # json reads numbers with int(), which refuses more than 4300 digits
        raise BaselineError(f"{path}: the baseline holds a number too long to read; {fix}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if type(version) is not int or version != VERSION or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path}: not an mslint baseline (version {VERSION} with a list of findings); {fix}")
    entries = []
    for number, item in enumerate(document["findings"], 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in _FIELDS):
            raise BaselineError(f"{path}: baseline entry {number} lacks path, rule, match or fingerprint as text; {fix}")
        entries.append(Entry(item["path"], item["rule"], item["match"], item["fingerprint"]))
    return entries


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
