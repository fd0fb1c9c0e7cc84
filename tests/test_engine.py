"""The engine: facts per file, the judgement across files, merging, limits, fingerprints, the store."""

from __future__ import annotations

import os
import pickle
import time

import pytest

from conftest import make_rule
from mslint import engine, lexicon
from mslint.cache import Cache
from mslint.engine import Options, lint
from mslint.finding import Level, Voice
from mslint.parsing import parse
from mslint.rules import parse_rule
from mslint.ruletypes import RuleType

TARGET = parse_rule("extends: existence\nmessage: \"'%s'\"\ntokens: [target]\n", "test.yml", "Test.Rule")
GREY = make_rule("extends: consistency\nmessage: \"'%s', not '%s'\"\neither:\n  gray: grey\n", "T.Grey")
SPELLING = "extends: spelling\nmessage: \"'%s'?\"\n"


def test_a_finding_carries_everything_about_the_match():
    doc = parse("ch1.md", "A target here.\n")
    (finding,) = lint([doc], [TARGET]).findings
    assert finding.path == "ch1.md"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 3, 1, 9)
    assert finding.rule == "Test.Rule"
    assert finding.level is Level.WARNING
    assert finding.message == "'target'"
    assert finding.match == "target"
    assert finding.replacements == ()
    assert finding.voice is Voice.PROSE


def test_limit_counts_only_what_is_reported(tmp_path):
    rule = make_rule("extends: existence\nmessage: x\nlimit: 1\ntokens: [qux]\n", "T.Ex")
    text = "<!-- mslint-disable-next-line T.Ex -->\nqux one.\n\nqux two.\n\nqux three.\n"
    assert [f.line for f in lint([parse("a.md", text)], [rule]).findings] == [4]
    consistency = make_rule("extends: consistency\nmessage: x\nlimit: 1\neither:\n  gray: grey\n  color: colour\n", "T.C")
    found = lint([parse("a.md", "gray color.\n\ngrey grey colour colour colour.\n")], [consistency]).findings
    assert [(f.line, f.column, f.match) for f in found] == [(1, 1, "gray")]


def test_a_timeout_in_one_rule_does_not_silence_another_whose_name_it_contains():
    slow = make_rule("extends: consistency\nmessage: x\nnonword: true\neither:\n  '(a|aa)+$': b\n", "T.Cx")
    fine = make_rule("extends: consistency\nmessage: x\neither:\n  gray: grey\n", "T.C")
    result = lint([parse("a.md", "gray grey grey. " + "a" * 3000 + "!\n")], [slow, fine])
    assert [f.match for f in result.findings] == ["gray"]
    assert len(result.errors) == 1 and "T.Cx" in result.errors[0].message


def where(result) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.match) for f in result.findings]


def test_texts_and_parsed_documents_give_the_same_result():
    texts = {"a.md": "A target.\n", "b.txt": "Another target here.\n"}
    from_texts = lint(texts, [TARGET])
    from_documents = lint([parse(path, text) for path, text in texts.items()], [TARGET])
    assert where(from_texts) == where(from_documents) == [("a.md", 1, 3, "target"), ("b.txt", 1, 9, "target")]
    assert from_texts.paths == ["a.md", "b.txt"]


def test_the_context_is_compared_but_not_reported():
    context = {"b.md": "grey and grey.\n"}
    result = lint({"a.md": "gray here, and a target.\n"}, [GREY, TARGET], context=context)
    assert where(result) == [("a.md", 1, 1, "gray"), ("a.md", 1, 18, "target")]
    assert result.paths == ["a.md"]
    assert lint({"a.md": "gray here.\n"}, [GREY]).findings == []  # alone, nothing to compare


def test_levels_come_from_the_options_and_none_turns_a_rule_off():
    options = Options(lambda rule: None if rule is GREY else Level.ERROR)
    result = lint({"a.md": "gray target\n", "b.md": "grey grey\n"}, [GREY, TARGET], options)
    assert [(f.rule, f.level) for f in result.findings] == [("Test.Rule", Level.ERROR)]
    assert result.rules == [TARGET]


def test_a_stored_file_is_not_read_again_and_gives_the_same_findings(tmp_path, monkeypatch):
    texts = {"a.md": "gray and a target.\n", "b.md": "grey, grey.\n"}
    store = Cache(tmp_path / "cache", "rules-key", b"k" * 32)
    first = lint(texts, [GREY, TARGET], store=store)
    monkeypatch.setattr(engine, "parse", lambda path, text: pytest.fail(f"{path} parsed again"))
    again = lint(texts, [GREY, TARGET], store=store)
    assert where(again) == where(first) == [("a.md", 1, 1, "gray"), ("a.md", 1, 12, "target")]
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]


def test_what_a_rule_learned_comes_back_from_the_store(tmp_path, monkeypatch):
    store = Cache(tmp_path / "cache", "rules-key", b"k" * 32)
    lint({"a.md": "The becuase word.\n"}, [make_rule(SPELLING, "T.Spelling")], store=store)
    lexicon._shared_verdicts.cache_clear()  # as in the next run's new process
    monkeypatch.setattr(lexicon, "_LEXICONS", {})
    fresh = make_rule(SPELLING, "T.Spelling")
    assert fresh.learned() == {"spelled": {}, "suggested": {}}
    store.restore_learned([fresh])
    assert fresh.learned()["spelled"]["becuase"] is False and fresh.learned()["spelled"]["word"] is True


def test_a_rule_that_fails_is_an_error_for_that_rule_and_file_and_the_others_still_report():
    class Broken(RuleType):
        name = "broken"

        def check(self, doc):
            raise ValueError("no good")

    broken = Broken(make_rule("extends: existence\nmessage: x\ntokens: [x]\n", "T.Broken").spec)
    result = lint({"a.md": "A target.\n"}, [broken, TARGET])
    assert where(result) == [("a.md", 1, 3, "target")]
    [error] = result.errors
    assert error.path == "a.md"
    assert error.message.startswith("rule T.Broken (T.Broken.yml) failed: ValueError: no good")


def test_a_rule_that_fails_while_comparing_the_files_is_an_error_and_the_others_still_report():
    class BrokenJudge(type(GREY)):  # observes as consistency does, then fails to judge
        def verdict(self, observations):
            raise KeyError("forms")

    broken = BrokenJudge(make_rule("extends: consistency\nmessage: x\neither:\n  gray: grey\n", "T.Broken").spec)
    result = lint({"a.md": "A target, gray and grey.\n"}, [broken, TARGET])
    assert where(result) == [("a.md", 1, 3, "target")]
    [error] = result.errors
    assert error.path == "T.Broken.yml" and "T.Broken" not in result.verdicts
    assert error.message.startswith("rule T.Broken (T.Broken.yml) failed while comparing the files: KeyError: 'forms'")


def test_a_rule_that_fails_to_complete_its_findings_keeps_them_and_says_so():
    from mslint.engine import complete

    class BrokenCompletion(type(TARGET)):
        def complete(self, findings):
            raise ValueError("no suggestions")

    broken = BrokenCompletion(TARGET.spec)
    found = lint({"a.md": "A target.\n"}, [broken]).findings
    errors: list = []
    assert complete(found, [broken], errors=errors) == found
    [error] = errors
    assert error.message == (
        "rule Test.Rule (test.yml) failed while completing its findings: ValueError: no suggestions; please report it"
    )


def test_large_manuscripts_give_the_same_findings_on_two_processes(monkeypatch):
    texts = {f"{n}.md": f"Chapter {n}: a target, gray.\n\nAnd grey {n}.\n" for n in range(6)}
    texts |= {f"{n}.md": "Nothing for either rule here.\n" for n in range(6, 9)}  # facts that hold NOTHING
    alone = lint(texts, [GREY, TARGET])
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARACTERS", 0)
    assert where(lint(texts, [GREY, TARGET])) == where(alone)
    assert len(alone.findings) == 12


def test_facts_that_hold_nothing_are_one_object_that_nothing_changes():
    from mslint.facts import NOTHING

    facts = engine.file_facts(parse("a.md", "Nothing for either rule here.\n"), [GREY, TARGET], lambda rule: Level.WARNING)
    assert facts[TARGET.id] is NOTHING  # an existence rule that found nothing here
    # A rule that compares files keeps what it observed, even none.
    assert facts[GREY.id].observations == {GREY.id: [{"first": {}, "second": {}}]}
    assert pickle.loads(pickle.dumps(facts))[TARGET.id] is NOTHING
    with pytest.raises((AttributeError, TypeError)):
        NOTHING.findings.append(None)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        NOTHING.observations["T.Grey"] = {}  # type: ignore[index]


def record_reads(monkeypatch, tmp_path, slow_here: float = 0.0):
    """From now on, on a manuscript of any size, each file's facts found on two processes where
    it can fork; returns what gives each read so far as [pid, path]. `slow_here`: seconds this
    process waits after each file but 0.md, as when other work shares its core."""
    readers, parent, original = tmp_path / "readers", os.getpid(), engine.file_facts

    def recorded(doc, rules, level_of):
        with readers.open("a") as out:  # the forked process shares the patch, not the memory
            out.write(f"{os.getpid()} {doc.path}\n")
        if os.getpid() == parent and doc.path != "0.md":
            time.sleep(slow_here)
        return original(doc, rules, level_of)

    monkeypatch.setattr(engine, "file_facts", recorded)
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARACTERS", 0)
    return lambda: [line.split() for line in readers.read_text().splitlines()]


def test_a_large_manuscript_is_read_by_this_process_and_one_forked_one_each_taking_the_next_file(tmp_path, monkeypatch):
    reads, parent = record_reads(monkeypatch, tmp_path, slow_here=0.3), os.getpid()
    texts = {f"{n}.md": "A target. " * (n + 1) for n in range(7)}
    assert len(lint(texts, [TARGET]).findings) == 28
    read = reads()
    # The smallest file first, here; then each of the rest once, by whichever process is free:
    # the other one reads more while this one is slow.
    assert read[0] == [str(parent), "0.md"]
    assert sorted(path for _, path in read) == sorted(texts)
    by_this = [path for pid, path in read if pid == str(parent)]
    assert len({pid for pid, _ in read}) == 2 and len(read) - len(by_this) >= 3


def test_progress_hears_of_each_file_once_as_it_is_done_here_or_on_two_processes(monkeypatch, tmp_path):
    texts = {f"{n}.md": f"Chapter {n}: a target, gray.\n" for n in range(6)}
    heard: list[tuple[int, int, str]] = []
    lint(texts, [GREY, TARGET], context={"rest.md": "grey\n"}, progress=lambda *told: heard.append(told))
    assert heard == [(n, 7, path) for n, path in enumerate(["rest.md", *texts], 1)]
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARACTERS", 0)
    heard.clear()
    alone = lint(texts, [GREY, TARGET])
    assert where(lint(texts, [GREY, TARGET], progress=lambda *told: heard.append(told))) == where(alone)
    assert [(done, total) for done, total, _ in heard] == [(n, 6) for n in range(1, 7)]
    assert sorted(path for _, _, path in heard) == sorted(texts)
    store = Cache(tmp_path / "cache", "code", b"k" * 32)
    lint(texts, [GREY, TARGET], store=store)
    heard.clear()
    lint(texts, [GREY, TARGET], store=store, progress=lambda *told: heard.append(told))  # all kept: none read
    assert heard == [(n, 6, path) for n, path in enumerate(texts, 1)]


def read_by_rules(monkeypatch) -> list[tuple[str, str]]:
    """(path, rule id) of each time a rule reads a file, from now on."""
    calls: list[tuple[str, str]] = []
    original = engine._rule_facts

    def spy(doc, rule, level):
        calls.append((doc.path, rule.id))
        return original(doc, rule, level)

    monkeypatch.setattr(engine, "_rule_facts", spy)
    return calls


def test_a_changed_rule_reads_the_files_again_and_the_others_do_not(tmp_path, monkeypatch):
    texts = {"a.md": "gray and a target.\n", "b.md": "grey, grey, and a tarjet.\n"}
    store = Cache(tmp_path / "cache", "code", b"k" * 32)
    lint(texts, [GREY, TARGET], store=store)
    calls = read_by_rules(monkeypatch)
    changed = parse_rule("extends: existence\nmessage: \"'%s'\"\ntokens: [tarjet]\n", "test.yml", "Test.Rule")
    result = lint(texts, [GREY, changed], store=store)
    assert sorted(calls) == [("a.md", "Test.Rule"), ("b.md", "Test.Rule")]
    assert where(result) == [("a.md", 1, 1, "gray"), ("b.md", 1, 19, "tarjet")]
    calls.clear()
    lint(texts, [GREY, changed], Options(lambda rule: Level.ERROR), store=store)  # a level is part of the key
    assert sorted(calls) == [("a.md", "T.Grey"), ("a.md", "Test.Rule"), ("b.md", "T.Grey"), ("b.md", "Test.Rule")]


def test_a_word_added_to_the_vocabulary_reads_no_text_again_and_a_phrase_only_for_rules_that_read_phrases(tmp_path, monkeypatch):
    from mslint.rules import proselint_rules
    from mslint.vocab import Vocabulary

    def rules(vocabulary):
        context = {"vocabulary": vocabulary}
        spelling = parse_rule("extends: spelling\nmessage: \"'%s'?\"\n", "S.yml", "T.Spelling", context)
        typos = parse_rule("extends: existence\nmessage: x\ntokens: [Zorp]\n", "Z.yml", "T.Zorp", context)
        [nonwords] = [r for r in proselint_rules(vocabulary) if r.id == "proselint.nonwords"]
        return [spelling, typos, GREY, nonwords]

    texts = {"a.md": "Zorp wrote it, gray and blorf. I did it bothways, irregardless.\n"}
    store = Cache(tmp_path / "cache", "code", b"k" * 32)
    before = lint(texts, rules(Vocabulary()), store=store)
    assert {f.match for f in before.findings} == {"Zorp", "blorf", "bothways", "irregardless"}
    calls = read_by_rules(monkeypatch)
    after = lint(texts, rules(Vocabulary(accept=("Zorp", "blorf", "irregardless"))), store=store)
    assert calls == []  # the accepted words are applied to the findings kept
    assert {f.match for f in after.findings} == {"bothways"}
    lint(texts, rules(Vocabulary(accept=("Zorp", "blorf", "irregardless", "gray and"))), store=store)
    assert sorted(calls) == [("a.md", "T.Spelling"), ("a.md", "T.Zorp"), ("a.md", "proselint.nonwords")]


def test_where_forking_is_forbidden_a_large_manuscript_is_read_here_alone(tmp_path, monkeypatch):
    from mslint import cores

    monkeypatch.setattr(cores, "_FORKING", [True])
    cores.forbid_forking()  # as the language server does: it has threads
    assert not cores.can_fork()
    reads = record_reads(monkeypatch, tmp_path)
    lint({f"{n}.md": "A target. " * (n + 1) for n in range(7)}, [TARGET])
    assert {pid for pid, _ in reads()} == {str(os.getpid())}


def test_a_forked_process_that_dies_costs_time_not_findings(monkeypatch, tmp_path):
    texts = {f"{n}.md": f"Chapter {n}: a target, gray.\n\nAnd grey {n}.\n" for n in range(8)}
    alone = lint(texts, [GREY, TARGET])
    parent, original, died = os.getpid(), engine.file_facts, tmp_path / "died"

    def killed_elsewhere(doc, rules, level_of):
        if os.getpid() != parent:
            died.write_text(doc.path)
            os._exit(1)  # as the kernel's out-of-memory killer, or a crash in a C library
        time.sleep(0.1)  # slow here, so that the other process takes a file
        return original(doc, rules, level_of)

    monkeypatch.setattr(engine, "file_facts", killed_elsewhere)
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARACTERS", 0)
    heard: list[tuple[int, int, str]] = []
    assert where(lint(texts, [GREY, TARGET], progress=lambda *told: heard.append(told))) == where(alone)
    assert sorted(path for _, _, path in heard) == sorted(texts)  # each file once
    assert died.read_text() in texts  # the other process died with a file it had taken
