#!/usr/bin/env python3
"""How noisy mslint and proselint are on prose nobody tuned them for: findings per 1,000 words.

Builds a corpus with make_corpus.py (edited prose by default) in a temporary folder and runs,
each once and without cache:

  * mslint, repository   `mslint --config <repo>/pyproject.toml`: the Book style, its vocabulary
                         (written for another book) and proselint's checks
  * mslint, defaults     what a new user has: `[tool.mslint]` and an empty rules folder, so
                         proselint's checks at mslint's defaults and nothing else
  * proselint            `proselint check`, its default checks

It prints, for each, the findings per rule and per 1,000 words (words outside fenced code,
which is what the rules read), sorts the spelling findings into identifiers, names and other
words, and writes a sample to judge: up to --sample findings per rule and tool (evenly spaced in
path, line, column order, so the same every run), each with the source around it and its
sentence, as TSV with empty
`verdict` and `reason` columns. Fill those in (verdict `tp` or `fp`, a one-word reason) and
give the file back with --judged to get each rule's precision.

Usage:

  python scripts/noise.py [--corpus prose|technical] [--sample 10] [--tsv FILE] [--judged FILE]

Exit status: 0 done; 2 a tool failed or a source is missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import make_corpus
from benchmark import CONFIG, columns, script

TSV_COLUMNS = ("tool", "rule", "path", "line", "column", "match", "message", "context", "sentence", "verdict", "reason")
# A word in these surroundings is code, a file or an option written as prose.
_IDENTIFIER = re.compile(r"::|->|\w_|_\w|\(\)|^[$@%&*]\w|^-{1,2}\w|/|\w\.(pm|pl|PL|t|pod|c|h|txt|gz|json|ya?ml|html|xs)$|[=<>{}]")


class ToolFailed(Exception):
    pass


@dataclass(frozen=True)
class Finding:
    tool: str
    rule: str
    path: str
    line: int
    column: int  # 1-based, in characters
    match: str
    message: str


# --- running the tools ---------------------------------------------------------------------


def run(command: list[str], cwd: Path, ok: Iterable[int] = (0, 1)) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode not in ok or "Traceback (most recent call last)" in done.stderr:
        raise ToolFailed(f"`{' '.join(command)}` failed (exit status {done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout


def mslint_findings(tool: str, config: Path, folder: Path) -> list[Finding]:
    mslint = script("mslint")
    if mslint is None:
        raise ToolFailed("mslint is not installed (pip install -e .)")
    output = json.loads(run([mslint, "--no-cache", "--format", "json", "--config", str(config), folder.name], folder.parent))
    if output["errors"]:
        raise ToolFailed(f"mslint could not read files: {output['errors'][:3]}")
    return [Finding(tool, f["rule"], f["path"], f["line"], f["column"], f["match"], f["message"]) for f in output["findings"]]


def proselint_findings(folder: Path) -> list[Finding]:
    proselint = script("proselint")
    if proselint is None:
        raise ToolFailed("proselint is not installed (pip install -e '.[dev]')")
    output = json.loads(run([proselint, "check", "--output-format", "json", folder.name], folder.parent))
    found = []
    for uri, result in output["result"].items():
        path = Path(uri.removeprefix("file://")).relative_to(folder.parent.resolve()).as_posix()
        text = (folder.parent / path).read_text(encoding="utf-8")
        for item in result["diagnostics"]:
            line, column = item["pos"]  # both 1-based
            source = text.split("\n")[line - 1]
            match = source[column - 1 : column - 1 + item["span"][1] - item["span"][0]]
            found.append(Finding("proselint", "proselint." + item["check_path"], path, line, column, match, item["message"]))
    return found


def defaults_config(folder: Path) -> Path:
    """A new user's setup: the table, an empty rules folder, nothing else."""
    (folder / "rules").mkdir()
    config = folder / "pyproject.toml"
    config.write_text('[tool.mslint]\npaths = ["manuscript"]\n', encoding="utf-8")
    return config


# --- reading the findings ------------------------------------------------------------------


def sentence(text_lines: list[str], line: int, column: int) -> str:
    """The sentence around a position: its paragraph (to blank lines), split at sentence ends."""
    first = last = line - 1
    while first > 0 and text_lines[first - 1].strip():
        first -= 1
    while last + 1 < len(text_lines) and text_lines[last + 1].strip():
        last += 1
    offset = sum(len(text) + 1 for text in text_lines[first : line - 1]) + column - 1
    block = "\n".join(text_lines[first : last + 1])
    start = 0
    for end in re.finditer(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(`*\[])", block):
        if re.search(r"(^|\s)[A-Z]\.$", block[: end.start() + 1]):
            continue  # an initial, as in Sean M. Burke
        if end.start() >= offset:
            return " ".join(block[start : end.start() + 1].split())
        start = end.end()
    return " ".join(block[start:].split())


def context(text_lines: list[str], finding: Finding, width: int = 40) -> str:
    """The source around the match, spaces kept as they are (double spaces matter to some checks)."""
    source = text_lines[finding.line - 1]
    start = finding.column - 1
    return source[max(0, start - width) : start + len(finding.match.split("\n")[0]) + width]


def word_run(text_lines: list[str], finding: Finding) -> str:
    """The whitespace-delimited run of characters holding the match, without the punctuation around it."""
    source = text_lines[finding.line - 1]
    start = finding.column - 1
    end = start + len(finding.match)
    while start > 0 and not source[start - 1].isspace():
        start -= 1
    while end < len(source) and not source[end].isspace():
        end += 1
    return source[start:end].strip(".,;:!?\"'“”‘’()*`[]")


def spelling_category(run_text: str, match: str, uses: int) -> str:
    if _IDENTIFIER.search(run_text):
        return "identifier (Module::Name, snake_case, file, --option, $var)"
    if match[:1].isupper():
        return "capitalized name, used 3+ times" if uses >= 3 else "capitalized name, used once or twice"
    return "lower-case word, used 3+ times (jargon)" if uses >= 3 else "lower-case word, used once or twice"


def sample(findings: list[Finding], size: int) -> list[Finding]:
    """Up to `size` findings, evenly spaced in path, line, column order: the same every run."""
    ordered = sorted(findings, key=lambda f: (f.path, f.line, f.column))
    if len(ordered) <= size:
        return ordered
    return [ordered[index * len(ordered) // size] for index in range(size)]


# --- output ---------------------------------------------------------------------------------


def per_rule(findings: list[Finding], words: int) -> str:
    counts = Counter(f.rule for f in findings)
    rows: list[tuple[str, ...]] = [("rule", "findings", "per 1,000 words")]
    rows += [(rule, str(n), f"{1000 * n / words:.2f}") for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows.append(("all", str(len(findings)), f"{1000 * len(findings) / words:.2f}"))
    return columns(rows)


def spelling_report(findings: list[Finding], texts: dict[str, list[str]]) -> str:
    spelled = [f for f in findings if f.rule.endswith(".Spelling")]
    if not spelled:
        return "  no spelling findings"
    uses = Counter(f.match for f in spelled)
    by_category: dict[str, list[Finding]] = defaultdict(list)
    for finding in spelled:
        by_category[spelling_category(word_run(texts[finding.path], finding), finding.match, uses[finding.match])].append(finding)
    rows: list[tuple[str, ...]] = [("category", "findings", "distinct words", "most frequent")]
    for category, found in sorted(by_category.items(), key=lambda kv: -len(kv[1])):
        common = Counter(f.match for f in found).most_common(5)
        rows.append((category, str(len(found)), str(len({f.match for f in found})), ", ".join(w for w, _ in common)))
    return columns(rows)


def precision(judged_file: Path, findings: dict[str, list[Finding]], words: int) -> str:
    """Each judged rule: findings, per 1,000 words, sampled, judged false, precision of the sample;
    then each tool's judged rules together, each rule's findings weighted by its sample's precision."""
    verdicts: dict[tuple[str, str], list[str]] = defaultdict(list)
    with judged_file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["verdict"].strip():
                verdicts[row["tool"], row["rule"]].append(row["verdict"].strip().lower())
    rows: list[tuple[str, ...]] = [("tool", "rule", "findings", "per 1,000 words", "sampled", "judged false", "precision")]
    for tool in findings:
        counts = Counter(f.rule for f in findings[tool])
        judged = sorted((rule for t, rule in verdicts if t == tool), key=lambda rule: (-counts[rule], rule))
        true = 0.0
        for rule in judged:
            said = verdicts[tool, rule]
            share = 1 - said.count("fp") / len(said)
            true += counts[rule] * share
            per = f"{1000 * counts[rule] / words:.2f}"
            rows.append((tool, rule, str(counts[rule]), per, str(len(said)), str(said.count("fp")), f"{share:.0%}"))
        if judged:
            total = sum(counts[rule] for rule in judged)
            per = f"{1000 * total / words:.2f}"
            rows.append((tool, "all judged rules, weighted", str(total), per, "", "", f"{true / total:.0%}"))
    return columns(rows)


def write_sample(tsv: Path, findings: dict[str, list[Finding]], texts: dict[str, list[str]], size: int) -> None:
    with tsv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(TSV_COLUMNS)
        for tool, found in findings.items():
            by_rule: dict[str, list[Finding]] = defaultdict(list)
            for finding in found:
                by_rule[finding.rule].append(finding)
            for rule in sorted(by_rule):
                for f in sample(by_rule[rule], size):
                    lines = texts[f.path]
                    cells = (f.match, f.message, context(lines, f), sentence(lines, f.line, f.column))
                    writer.writerow((tool, rule, f.path, f.line, f.column, *(c.replace("\n", "⏎") for c in cells), "", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=make_corpus.CORPORA, default="prose")
    parser.add_argument("--sample", type=int, default=10, help="findings sampled per rule and tool (default: 10)")
    parser.add_argument("--tsv", type=Path, help="where to write the sample (default: a file in the temporary folder)")
    parser.add_argument("--judged", type=Path, help="a sample TSV with verdicts filled in: print each rule's precision")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="mslint-noise-") as tmp:
            report(args, Path(tmp))
    except (make_corpus.SourceMissing, ToolFailed) as error:
        print(f"noise: {error}", file=sys.stderr)
        return 2
    return 0


def report(args: argparse.Namespace, tmp: Path) -> None:
    folder = tmp / "manuscript"
    corpus = make_corpus.build(args.corpus, folder)
    findings = {
        "mslint, repository": mslint_findings("mslint, repository", CONFIG, folder),
        "mslint, defaults": mslint_findings("mslint, defaults", defaults_config(tmp), folder),
        "proselint": proselint_findings(folder),
    }
    texts = {path.relative_to(tmp).as_posix(): path.read_text(encoding="utf-8").split("\n") for path in folder.glob("*.md")}
    words = corpus.prose_words
    print(f"Corpus {corpus.name}: {corpus.words:,} words, {words:,} outside code blocks, in {corpus.files} files")
    for tool, found in findings.items():
        print(f"\n{tool}: {len(found)} findings, {1000 * len(found) / words:.1f} per 1,000 words\n{per_rule(found, words)}")
    print(f"\nmslint, repository: spelling findings by kind of word\n{spelling_report(findings['mslint, repository'], texts)}")
    tsv = args.tsv or Path(tempfile.gettempdir(), f"mslint-noise-{args.corpus}.tsv")
    write_sample(tsv, findings, texts, args.sample)
    print(f"\nSample to judge: {tsv}")
    if args.judged:
        print(f"\nPrecision of the judged sample:\n{precision(args.judged, findings, words)}")


if __name__ == "__main__":
    sys.exit(main())
