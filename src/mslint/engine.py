"""Documents + rules -> findings. No I/O: files are read before and findings printed after."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from . import suppress
from .cores import Died, Forked, can_fork
from .document import LAYOUT_CONTROLS, Document, normalize, splits_a_character
from .facts import NOTHING, FileFacts
from .finding import Finding, Hit, Level, LintError, Spot, Voice
from .parsing import Ignores, parse
from .ruletypes import RuleTimeout, RuleType
from .scopes import split_sentences


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[LintError] = field(default_factory=list)
    rules: list[RuleType] = field(default_factory=list)  # the rules that ran
    paths: list[str] = field(default_factory=list)  # the documents reported on
    texts: dict[str, str] = field(default_factory=dict)  # their text, as the positions count it
    # What the judgement read and concluded: every file's facts (the reported files and the rest
    # of the manuscript), and the verdict of each rule that compares files (the style sheet's source).
    facts: dict[str, FileFacts] = field(default_factory=dict)
    verdicts: dict[str, object] = field(default_factory=dict)


def default_level(rule: RuleType) -> Level | None:
    return rule.spec.default_level


@dataclass(frozen=True)
class Options:
    """How a run treats its rules: each rule's level (None when it is off), whether comments
    that silence nothing are reported, the patterns of text to leave unread in a file (a
    .vale.ini's TokenIgnores and BlockIgnores, by path), where a rule's level differs from
    file to file (a .vale.ini's sections), its level in a file (None where it is off there), and
    how every file is read (one of SYNTAXES; None: as its suffix says)."""

    level_of: Callable[[RuleType], Level | None] = default_level
    report_unused_suppressions: bool = False
    ignores: Callable[[str], Ignores | None] | None = None
    file_level: Callable[[RuleType, str], Level | None] | None = None
    syntax: str | None = None


class Store(Protocol):
    """Where facts and what rules learned are kept between runs (the cache). A file's facts are
    kept rule by rule, each under the rule's own key: a changed rule, or a changed vocabulary,
    sends only the rules it touches back to the file."""

    def key(self, path: str, text: str) -> str: ...
    def rule_key(self, rule: RuleType, level: Level | None) -> str: ...
    def load(self, key: str) -> dict[str, FileFacts]: ...  # rule key (or DIRECTIVES) -> facts
    def store(self, key: str, parts: dict[str, FileFacts]) -> None: ...
    def restore_learned(self, rules: list[RuleType]) -> dict[str, int]: ...
    def keep_learned(self, rules: list[RuleType], held: dict[str, int]) -> None: ...


Sources = Mapping[str, str] | Iterable[Document]  # path -> text, or documents already parsed
Progress = Callable[[int, int, str], None]  # (files done, files in all, the file just done)
Done = Callable[[str], None]  # told the path of each file whose facts are ready


def lint(
    sources: Sources,
    rules: Iterable[RuleType],
    options: Options = Options(),
    context: Sources = (),
    store: Store | None = None,
    progress: Progress | None = None,
) -> Result:
    """Run every rule over the sources and report on them.

    `context` holds the rest of the manuscript: rules that compare documents read it too, but only
    the findings in `sources` are reported. With a `store`, files whose facts it keeps are not read
    again, and what rules learn about words carries over to the next run. `progress` is told of
    each file whose facts are ready, in this process, in the order they get ready.
    """
    rules = list(rules)
    active = [rule for rule in rules if options.level_of(rule) is not None]
    reported = _by_path(sources)
    everything = {**_by_path(context), **reported}
    held = store.restore_learned(rules) if store else {}
    done = _counted(progress, len(everything)) if progress else None
    parts = _facts_by_rule(everything, active, options, store, done)
    if store:
        store.keep_learned(rules, held)
    facts = {path: FileFacts.merged(found.values()) for path, found in parts.items()}
    result = judge(facts, list(reported), rules, options)
    result.texts = {path: normalize(_text(source)) for path, source in reported.items()}
    return result


def _counted(progress: Progress, total: int) -> Done:
    count = itertools.count(1)
    return lambda path: progress(next(count), total, path)


def _facts_by_rule(
    sources: dict[str, str | Document], rules: list[RuleType], options: Options, store: Store | None, done: Done | None = None
) -> dict[str, dict[str, FileFacts]]:
    """Each file's facts by rule id, and its directives: those the store keeps, the rest found now,
    each file read once for the rules it lacks; what is found now is stored."""
    if store is None:
        return facts_of(sources, rules, options, done)
    keys = {path: store.key(path, _text(source)) for path, source in sources.items()}
    rule_keys = {rule.id: store.rule_key(rule, options.level_of(rule)) for rule in rules} | {DIRECTIVES: DIRECTIVES}
    parts: dict[str, dict[str, FileFacts]] = {}
    needed: dict[tuple[str, ...], dict[str, str | Document]] = {}  # the rules files lack -> those files
    for path, source in sources.items():
        kept = store.load(keys[path])
        parts[path] = {rule_id: kept[key] for rule_id, key in rule_keys.items() if key in kept}
        missing = tuple(rule.id for rule in rules if rule.id not in parts[path])
        if missing or DIRECTIVES not in parts[path]:
            needed.setdefault(missing, {})[path] = source
        elif done:
            done(path)
    for ids, group in needed.items():
        for path, found in facts_of(group, [rule for rule in rules if rule.id in ids], options, done).items():
            parts[path].update(found)
            store.store(keys[path], {rule_keys[rule_id]: part for rule_id, part in parts[path].items()})
    return parts


def _by_path(sources: Sources) -> dict[str, str | Document]:
    if isinstance(sources, Mapping):
        return dict(sources)
    return {doc.path: doc for doc in sources}


def _text(source: str | Document) -> str:
    return source if isinstance(source, str) else source.text


# Below this much text, starting a second process costs more than it saves.
PARALLEL_MIN_CHARACTERS = 150_000


def facts_of(
    sources: dict[str, str | Document], rules: list[RuleType], options: Options, done: Done | None = None
) -> dict[str, dict[str, FileFacts]]:
    """Parse each source and find its facts, rule by rule; on a large manuscript, on two cores at once.

    Files are independent until the judgement, so this process and a forked one, sharing the
    loaded rules, each take the next file not yet taken, largest first, until none is left: when
    the other core is busy with other work, this process does more. Where fork is missing, the
    work stays here. With `done`, the other process passes on each file it finishes through a
    queue, so that `done` hears of it here.
    """
    size = sum(len(_text(source)) for source in sources.values())
    if len(sources) < 3 or size < PARALLEL_MIN_CHARACTERS or not can_fork():
        return _facts_here(list(sources.items()), rules, options, done)
    by_size = sorted(sources.items(), key=lambda item: len(_text(item[1])), reverse=True)
    # The smallest file first, before forking: what the rules make on first use (dictionaries,
    # patterns, prefilters) is then made once, for both processes.
    facts = _facts_here(by_size[-1:], rules, options, done)
    import multiprocessing  # here: a chapter's run has no use for it, and it takes 8 ms to import

    forking = multiprocessing.get_context("fork")
    finished = forking.SimpleQueue() if done else None
    queue, taken = by_size[:-1], forking.Value("i", 0)  # how many files of the queue either process has taken
    tell = _once(done)  # a file the other process told of and then died with is read again here

    def theirs_here():
        found = _facts_here(_taking(queue, taken), rules, options, finished.put if finished else None)
        return found, {rule.id: rule.learned() for rule in rules}

    try:
        with Forked(theirs_here) as theirs:
            facts.update(_facts_here(_taking(queue, taken), rules, options, _with_theirs(tell, finished)))
            if tell and finished is not None:
                _relay(finished, theirs, tell)
            found, learned = theirs.result()
    except OSError:  # no process to fork
        return _facts_here(list(sources.items()), rules, options, done)
    except Died:  # what the other process took is read here
        rest = [(path, source) for path, source in queue if path not in facts]
        found, learned = _facts_here(rest, rules, options, tell), {}
    facts.update(found)
    for rule in rules:  # what the other process learned serves the next run too
        rule.preload(learned.get(rule.id, {}))
    return {path: facts[path] for path in sources}


def _once(done: Done | None) -> Done | None:
    """`done`, told of each file once."""
    if done is None:
        return None
    told: set[str] = set()

    def tell(path: str) -> None:
        if path not in told:
            told.add(path)
            done(path)

    return tell


def _taking(queue: list, taken) -> Iterator:
    """The files of the queue that this process takes, one at a time: each is the next one that
    neither process has taken yet."""
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(queue):
            return
        yield queue[index]


def _facts_here(items, rules, options: Options, done: Done | None = None) -> dict[str, dict[str, FileFacts]]:
    facts = {}
    for path, source in items:
        facts[path] = file_facts(_parsed(path, source, options), rules, options.level_of)
        if done:
            done(path)
    return facts


def _with_theirs(done: Done | None, finished) -> Done | None:
    """`done` for a file of this process's, telling first of those the other one has finished."""
    if done is None or finished is None:
        return done

    def both(path: str) -> None:
        while not finished.empty():
            done(finished.get())
        done(path)

    return both


def _relay(finished, theirs: Forked, done: Done) -> None:
    """Pass each file the other process finishes on to `done`, until it is through. It puts a file
    in the queue before its result is sent, so none is left in it at the end."""
    while not (theirs.ready() and finished.empty()):
        if finished.empty():
            theirs.ready(0.05)
        else:
            done(finished.get())


def _parsed(path: str, source: str | Document, options: Options) -> Document:
    if not isinstance(source, str):
        return source
    return parse(path, source, options.ignores(path) if options.ignores else None, options.syntax)


DIRECTIVES = ""  # where a file's facts keep its suppression comments, which no rule changes


def file_facts(doc: Document, rules: list[RuleType], level_of) -> dict[str, FileFacts]:
    """What each rule finds in one file, by rule id, and the file's suppression comments."""
    parts = {DIRECTIVES: FileFacts(directives=suppress.directives(doc))}
    for rule in rules:
        level = level_of(rule)
        if level is not None:
            parts[rule.id] = _rule_facts(doc, rule, level)
    return parts


def _rule_facts(doc: Document, rule: RuleType, level: Level) -> FileFacts:
    facts = FileFacts()
    try:
        if rule.compares_documents:
            observation, candidates = rule.observe(doc)
            facts.observations[rule.id] = observation
            facts.candidates[rule.id] = [(key, found) for key, hit in candidates if (found := spot(doc, rule, hit)) is not None]
        else:
            facts.findings += findings_of(doc, rule, level, rule.check(doc))
    except RuleTimeout as error:
        facts.errors.append(LintError(rule.spec.path, f"rule {rule.id} stopped: {error}"))
    except RecursionError:
        facts.errors.append(LintError(doc.path, f"rule {rule.id} stopped: the text is nested too deeply to read"))
    except Exception as error:  # a fault in one rule must not cost the findings of the others
        facts.errors.append(_failed(rule, error, where=doc.path))
    return NOTHING if facts.holds_nothing() else facts


def _failed(rule: RuleType, error: Exception, doing: str = "", where: str | None = None) -> LintError:
    """The error for a rule that failed on a file (`where`) or while `doing` something else."""
    problem = f"{type(error).__name__}: {error}"
    while_ = f" while {doing}" if doing else ""
    return LintError(where or rule.spec.path, f"rule {rule.id} ({rule.spec.path}) failed{while_}: {problem}; please report it")


def judge(facts: dict[str, FileFacts], reported: list[str], rules: list[RuleType], options: Options = Options()) -> Result:
    """The findings in the reported files: their own, and what rules comparing all files conclude.

    Rules that compare files judge from the facts alone: no file is read again.
    """
    level_of = options.level_of
    result = Result(paths=list(reported), facts=facts)
    by_id = {rule.id: rule for rule in rules}
    findings = [f for path in reported for f in facts[path].findings if not by_id[f.rule].exempt(f)]
    for path in facts:
        result.errors += [error for error in facts[path].errors if error not in result.errors]
    everyone = sorted(facts)  # the same order whichever files were given
    for rule in rules:
        level = level_of(rule)
        if level is None:
            continue
        result.rules.append(rule)
        # A rule that ran out of time in some file has no observation there: it concludes nothing.
        if not rule.compares_documents or any(rule.id not in facts[path].observations for path in everyone):
            continue
        try:
            verdict = rule.verdict([facts[path].observations[rule.id] for path in everyone])
            findings += _concluded(rule, level, verdict, facts, reported)
            result.verdicts[rule.id] = verdict
        except RuleTimeout as error:  # a vocabulary term that runs away while judging
            result.errors.append(LintError(rule.spec.path, f"rule {rule.id} stopped: {error}"))
        except Exception as error:  # a fault in one rule's judgement must not cost the others' findings
            result.errors.append(_failed(rule, error, "comparing the files"))
    if options.file_level is not None:
        findings = _in_each_file(findings, by_id, options.file_level)
    # Suppression before merging: silencing one rule may leave another's finding on the same words.
    kept, unused = suppress.apply(findings, {path: facts[path].directives for path in reported})
    kept = within_limits(kept, {rule.id: rule.spec.limit for rule in rules if rule.spec.limit})
    if options.report_unused_suppressions:
        kept += suppress.unused_findings(unused)
    order = {rule.id: index for index, rule in enumerate(rules)}
    result.findings = fingerprinted(merge_same_span(kept, order))
    return result


def _in_each_file(findings: list[Finding], by_id: dict[str, RuleType], file_level) -> list[Finding]:
    """Each finding at its rule's level in its own file, and none where its rule is off: before
    merging, so that a rule off in a file leaves the words to a rule that is on."""
    kept = []
    for finding in findings:
        level = file_level(by_id[finding.rule], finding.path)
        if level is not None:
            kept.append(finding if level == finding.level else dataclasses.replace(finding, level=level))
    return kept


def _concluded(rule: RuleType, level: Level, verdict, facts: dict[str, FileFacts], reported: list[str]) -> list[Finding]:
    """What a rule that compares files reports in the reported files, given its verdict on them all."""
    found = []
    for path in reported:
        for key, candidate in facts[path].candidates[rule.id]:
            report = rule.report(verdict, key)
            if report is not None:
                found.append(dressed(candidate, path, rule, level, *report))
    return found


def complete(
    findings: list[Finding], rules: list[RuleType], store: Store | None = None, errors: list[LintError] | None = None
) -> list[Finding]:
    """The findings to show, with what their rules compute only for those (spelling suggestions);
    with a store, what the rules learned meanwhile is kept. A rule that fails at it keeps its
    findings as they are, and says so in `errors`."""
    held = store.restore_learned(rules) if store else {}
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    done: dict[int, Finding] = {}
    for rule in rules:
        if rule.id in by_rule:
            try:
                done.update(zip(map(id, by_rule[rule.id]), rule.complete(by_rule[rule.id]), strict=True))
            except Exception as error:  # suggestions are extras: the findings stand without them
                if errors is not None:
                    errors.append(_failed(rule, error, "completing its findings"))
    if store:
        store.keep_learned(rules, held)
    return [done.get(id(finding), finding) for finding in findings]


def findings_of(doc: Document, rule: RuleType, level: Level, hits) -> list[Finding]:
    """Findings for a rule's hits in one document."""
    return [finding for hit in hits if (finding := make_finding(doc, rule, level, hit)) is not None]


def within_limits(findings: list[Finding], limits: dict[str, int]) -> list[Finding]:
    """At most `limit` findings of a rule in a file, the first ones in the file (Vale's `limit`)."""
    if not limits:
        return findings
    counted: Counter[tuple[str, str]] = Counter()
    kept = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        limit = limits.get(finding.rule)
        if limit:
            counted[finding.rule, finding.path] += 1
            if counted[finding.rule, finding.path] > limit:
                continue
        kept.append(finding)
    return kept


def fingerprinted(findings: list[Finding]) -> list[Finding]:
    """Findings with fingerprints that no line number enters: editing another paragraph changes none."""
    repeats: Counter[str] = Counter()
    result = []
    for finding in findings:
        words = " ".join(finding.match.casefold().split())
        key = "\0".join((finding.path, finding.rule, words, finding.sentence))
        repeats[key] += 1
        digest = hashlib.sha256(f"{key}\0{repeats[key]}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        result.append(dataclasses.replace(finding, fingerprint=digest))
    return result


def sentence_at(doc: Document, offset: int) -> str:
    """The sentence around a source offset, white space collapsed: the finding's context."""
    sentences, index = _sentences_around(doc, offset)
    return sentences.text(index)


def sentence_digest(doc: Document, offset: int) -> str:
    """What a fingerprint takes of the sentence around a source offset: a digest of sentence_at."""
    sentences, index = _sentences_around(doc, offset)
    return sentences.digest(index)


@dataclass
class _Sentences:
    """The sentences of one block (or, outside every block, one line), split and hashed once: a
    block may hold thousands of findings, and splitting or hashing it for each is quadratic."""

    source: str
    spans: list[tuple[int, int]]  # offsets in source
    ends: list[int]  # where each sentence ends, as document offsets
    digests: dict[int, str] = field(default_factory=dict)

    def text(self, index: int) -> str:
        start, end = self.spans[index]
        return " ".join(self.source[start:end].split())

    def digest(self, index: int) -> str:
        if index not in self.digests:
            self.digests[index] = hashlib.sha256(self.text(index).encode()).hexdigest()[:16]
        return self.digests[index]


def _sentences_around(doc: Document, offset: int) -> tuple[_Sentences, int]:
    """The sentences of the block holding a source offset, else of its line, and which one holds it."""
    block = doc.block_at(offset)
    if block is not None and offset < block.end:
        key = (block.start, block.end, True)
    else:
        line, _ = doc.position(offset)
        key = (doc.line_starts[line - 1], doc.line_starts[line] - 1 if line < len(doc.line_starts) else len(doc.text), False)
    sentences = doc.sentences.get(key)
    if sentences is None:
        start, end, in_block = key
        source = doc.text[start:end]
        spans = split_sentences(source, 0, len(source)) if in_block else [(0, len(source))]
        sentences = doc.sentences[key] = _Sentences(source, spans, [start + e for _, e in spans])
    return sentences, min(bisect.bisect_right(sentences.ends, offset), len(sentences.spans) - 1)


def merge_same_span(findings: list[Finding], order: dict[str, int] | None = None) -> list[Finding]:
    """One finding for one error: of findings on exactly the same words, the highest level stays
    (the rule listed first on a tie), naming the others in `also`. Findings on no words (a
    metric's, at the start of the document) are each their own."""
    order = order or {}
    by_span: dict[tuple, list[Finding]] = {}
    for finding in findings:
        span = (finding.path, finding.line, finding.column, finding.end_line, finding.end_column)
        by_span.setdefault(span if finding.match else (*span, finding.rule), []).append(finding)
    merged = []
    for same in by_span.values():
        kept = min(same, key=lambda f: (-f.level, order.get(f.rule, len(order))))
        others = tuple(f.rule for f in same if f is not kept)
        merged.append(dataclasses.replace(kept, also=others) if others else kept)
    merged.sort(key=lambda f: f.sort_key)
    return merged


def make_finding(doc: Document, rule: RuleType, level: Level, hit: Hit) -> Finding | None:
    """A finding for a hit; None when the words are marked [sic]."""
    found = spot(doc, rule, hit)
    return None if found is None else dressed(found, doc.path, rule, level, hit.args, hit.replacements)


def spot(doc: Document, rule: RuleType, hit: Hit) -> Spot | None:
    """Where a hit is and whose words, of one document; None when marked [sic], or when it takes a
    letter without its combining marks (see splits_a_character)."""
    if doc.is_sic(hit.start, hit.end) or splits_a_character(doc.text, hit.start, hit.end):
        return None
    line, column = doc.position(hit.start)
    end_line, end_column = doc.position(hit.end)
    return Spot(
        line,
        column,
        end_line,
        end_column,
        doc.text[hit.start : hit.end],
        doc.voice_at(hit.start),
        sentence_digest(doc, hit.start),
        # Only words as written can be replaced: a span across markup would take the markup too.
        doc.verbatim(hit.start, hit.end) or rule.spec.scope.raw,
    )


def dressed(
    found: Spot,
    path: str,
    rule: RuleType,
    level: Level,
    args: tuple,
    replacements: tuple,
    template: str | None = None,
    own_level: Level | None = None,
) -> Finding:
    """The finding at a spot, with its message, replacements and level, which depend on whose words
    they are; a rule that compares files may give a message and level of its own for a candidate.
    Made once: a book has thousands of findings, and remaking a frozen one costs three times more."""
    template, level = template or rule.spec.message, own_level or level
    policy = rule.spec.quotation
    # Someone else's words are never corrected; a rule made for quotations marks them [sic].
    safe = found.voice is Voice.PROSE or rule.spec.typography
    if found.voice is not Voice.PROSE and policy is not None:
        template, replacements = policy.message, (f"{found.match} [sic]",)
        level = policy.level or level
        safe = True
    action = rule.spec.action or {}
    return found.finding(
        path,
        rule.id,
        level,
        message=rule.render(template, tuple(args)),
        replacements=tuple(replacements),
        fixable=safe and action.get("name") == "replace" and len(replacements) == 1 and not _UNWRITABLE.search(replacements[0]),
    )


# What --fix never writes, whatever a rule's replacement holds: control characters (a NUL made the
# file binary, a CR mixed its line endings), line breaks (they split a paragraph), bidirectional
# overrides, and HTML comments (a suppression comment silenced the findings after it).
_UNWRITABLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{LAYOUT_CONTROLS}]|<!--")
