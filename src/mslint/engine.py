"""Documents + rules -> findings. No I/O: files are read before and findings printed after."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import suppress
from .document import Document
from .finding import Finding, Hit, Level, LintError, Voice
from .ruletypes import RuleTimeout, RuleType
from .scopes import split_sentences


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[LintError] = field(default_factory=list)
    rules: list[RuleType] = field(default_factory=list)  # the rules that ran
    paths: list[str] = field(default_factory=list)  # the documents reported on


def lint(
    docs: Iterable[Document],
    rules: Iterable[RuleType],
    level_of: Callable[[RuleType], Level | None] = lambda rule: rule.spec.default_level,
    context: Iterable[Document] = (),
    report_unused_suppressions: bool = False,
) -> Result:
    """Run every rule over the documents. `level_of` gives a rule's level, or None when it is off.

    `context` holds the rest of the manuscript: rules that compare documents read it too, but
    only the findings in `docs` are reported.
    """
    docs, context = list(docs), list(context)
    reported = {doc.path for doc in docs}
    result = Result(paths=[doc.path for doc in docs])
    sentences: dict[int, str] = {}  # id(finding) -> its sentence, for fingerprints
    for rule in rules:
        level = level_of(rule)
        if level is None:
            continue
        result.rules.append(rule)
        try:
            if rule.compares_documents and context:
                hits = [(doc, hit) for doc, hit in rule.check_all(docs + context) if doc.path in reported]
            else:
                hits = list(rule.check_all(docs))
        except RuleTimeout as error:
            result.errors.append(LintError(rule.spec.path, f"rule {rule.id} stopped: {error}"))
            continue
        per_document: dict[str, int] = {}
        for doc, hit in hits:
            finding = make_finding(doc, rule, level, hit)
            if finding is None:
                continue
            sentences[id(finding)] = sentence_at(doc, hit.start)
            if rule.spec.limit:
                per_document[doc.path] = per_document.get(doc.path, 0) + 1
                if per_document[doc.path] > rule.spec.limit:
                    continue
            result.findings.append(finding)
    # Suppression before merging: silencing one rule may leave another's finding on the same words.
    kept, unused = suppress.apply(result.findings, {doc.path: doc for doc in docs})
    if report_unused_suppressions:
        kept += suppress.unused_findings(unused)
    result.findings = fingerprinted(merge_same_span(kept), sentences)
    return result


def fingerprinted(findings: list[Finding], sentences: dict[int, str]) -> list[Finding]:
    """Findings with fingerprints that no line number enters: editing another paragraph changes none."""
    repeats: Counter[str] = Counter()
    result = []
    for finding in findings:
        words = " ".join(finding.match.casefold().split())
        key = "\0".join((finding.path, finding.rule, words, sentences.get(id(finding), "")))
        repeats[key] += 1
        digest = hashlib.sha256(f"{key}\0{repeats[key]}".encode()).hexdigest()[:32]
        result.append(dataclasses.replace(finding, fingerprint=digest))
    return result


def sentence_at(doc: Document, offset: int) -> str:
    """The sentence around a source offset, white space collapsed: the finding's context."""
    block = doc.block_at(offset)
    if block is not None:
        source = doc.text[block.start : block.end]
        for start, end in split_sentences(source, 0, len(source)):
            if offset < block.start + end:
                return " ".join(source[start:end].split())
    line, _ = doc.position(offset)
    return " ".join(doc.text.split("\n")[line - 1].split())


def merge_same_span(findings: list[Finding]) -> list[Finding]:
    """One finding for one error: of findings on exactly the same words, the highest level stays
    (the first rule on a tie), naming the others in `also`."""
    by_span: dict[tuple, list[Finding]] = {}
    for finding in findings:
        by_span.setdefault((finding.path, finding.line, finding.column, finding.end_line, finding.end_column), []).append(finding)
    merged = []
    for same in by_span.values():
        kept = max(same, key=lambda f: f.level)  # max keeps the first of equals
        others = tuple(f.rule for f in same if f is not kept)
        merged.append(dataclasses.replace(kept, also=others) if others else kept)
    merged.sort(key=lambda f: f.sort_key)
    return merged


def make_finding(doc: Document, rule: RuleType, level: Level, hit: Hit) -> Finding | None:
    """Place a hit in its document; None when the words are marked [sic]."""
    if doc.is_sic(hit.start, hit.end):
        return None
    voice = doc.voice_at(hit.start)
    match = doc.text[hit.start : hit.end]
    template, replacements = rule.spec.message, hit.replacements
    policy = rule.spec.quotation
    # Someone else's words are never corrected; a rule made for quotations marks them [sic].
    safe = voice is Voice.PROSE or rule.spec.typography
    if voice is not Voice.PROSE and policy is not None:
        template, replacements = policy.message, (f"{match} [sic]",)
        level = policy.level or level
        safe = True
    action = rule.spec.action or {}
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        level=level,
        message=rule.render(template, hit.args),
        match=match,
        replacements=tuple(replacements),
        voice=voice,
        fixable=safe and action.get("name") == "replace" and len(replacements) == 1,
    )
