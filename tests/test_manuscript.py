"""The book itself: exactly these findings, each at its place, and nothing else."""

import json
import shutil
import subprocess

from conftest import DATA, ROOT
from mslint.config import find_config, load_config
from mslint.engine import Options, complete, lint
from mslint.files import read_sources
from mslint.rules import load_rules

CHAPTER = ROOT / "manuscript" / "chapter-01.md"

EXPECTED = [
    # (line, column, end_column, rule, match, replacements, voice)
    (9, 551, 556, "Book.Typos", "prise", ["prise [sic]"], "blockquote"),
    # "we find they're not proletarians, but are in fact part of an outright slaveocracy"
    (15, 499, 510, "Book.Spelling", "slaveocracy", ["slavocracy"], "prose"),
    (19, 62, 65, "Book.Ellipses", "...", ["…"], "blockquote"),
    (19, 1023, 1027, "Book.Ellipses", "....", ["…"], "blockquote"),
    (19, 1150, 1153, "Book.Ellipses", "...", ["…"], "blockquote"),
    (19, 1423, 1427, "Book.Ellipses", "....", ["…"], "blockquote"),
    (19, 1657, 1660, "Book.Ellipses", "...", ["…"], "blockquote"),
    (21, 618, 628, "Book.Histadrut", "Histradrut", ["Histadrut"], "prose"),
    # "which was always going to enter into such a decline"
    (25, 351, 361, "proselint.redundancy.misc.after_the_deadline", "enter into", ["enter"], "prose"),
    (27, 147, 157, "Book.Histadrut", "Histradrut", ["Histadrut"], "prose"),
    # "the “labor” faction": "labor" is written bare 22 times, first in "all other labor Zionist arguments"
    (27, 376, 383, "Book.ScareQuotesConsistent", "“labor”", ["labor"], "prose"),
    # "something humane or progressive": twice "progressive" Zionists in scare quotes, further on
    (29, 233, 244, "Book.ScareQuotesConsistent", "progressive", ["“progressive”"], "prose"),
    # "The liberal or “labor” Zionist attempts"
    (45, 124, 131, "Book.ScareQuotesConsistent", "“labor”", ["labor"], "prose"),
    # "exposing them as bad-faith." a sentence after "speaking in bad faith,": both stand where no
    # noun follows, so the usual rule leaves both open
    (49, 689, 698, "Book.Hyphenation", "bad-faith", ["bad faith"], "prose"),
]
# Not reported: "greatly outsized influence" (proselint.needless_variants prefers Garner's "outsize"),
# since "outsized" is in the book's vocabulary, and accepted words are exceptions as in Vale.
# Both "Histradrut" are also misspellings and variants of "Histadrut": one finding each, naming the rest.
ALSO = {(21, 618): ["Book.Spelling", "Book.Variants"], (27, 147): ["Book.Spelling", "Book.Variants"]}


def lint_manuscript():
    config = load_config(find_config(ROOT), ROOT)
    rules = load_rules(config)
    sources = read_sources(config.manuscript_paths, config.manuscript_paths, True, ROOT)
    assert sources.errors == []
    result = lint(sources.texts, rules, Options(config.level_of), sources.context)
    result.findings = complete(result.findings, rules)
    return result


def test_exactly_the_expected_findings():
    result = lint_manuscript()
    assert result.errors == []
    got = [(f.line, f.column, f.end_column, f.rule, f.match, list(f.replacements), str(f.voice)) for f in result.findings]
    assert got == EXPECTED
    assert {(f.line, f.column): list(f.also) for f in result.findings if f.also} == ALSO
    assert all(f.path == "manuscript/chapter-01.md" and f.end_line == f.line for f in result.findings)


def test_positions_point_at_the_match_in_the_file():
    lines = CHAPTER.read_text(encoding="utf-8").split("\n")
    for finding in lint_manuscript().findings:
        line = lines[finding.line - 1]
        assert line[finding.column - 1 : finding.end_column - 1] == finding.match


def test_no_finding_on_words_marked_sic():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "the the [sic]" in text
    assert not [f for f in lint_manuscript().findings if f.rule == "Book.DoubledWords"]


def test_no_scare_quote_finding_although_israel_appears_unquoted_in_quotations_and_names():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "Communist Party of Israel member" in text and "The people of Israel are" in text
    assert not [f for f in lint_manuscript().findings if f.rule == "Book.ScareQuotes"]


def test_no_marks_or_balance_finding_although_a_quotation_has_spaced_en_dashes():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "“Communists can – and must – carry on" in text and "current—and thereby" in text
    assert "workers’ representa" in text and "1848–68" in text
    assert not [f for f in lint_manuscript().findings if f.rule in ("Book.Marks", "Book.Balance")]


def test_no_abbreviation_finding_and_no_scare_quote_finding_on_words_quoted_by_others():
    text = CHAPTER.read_text(encoding="utf-8")
    # KKE is defined at its first use; USA, EU, USSR and MAKI are never defined (and sit in block quotes).
    assert text.index("KKE") == text.index("Communist Party of Greece (KKE)") + len("Communist Party of Greece (")
    assert "non-Zionist Agudat Israel" in text  # bare only in a block quote: the author quotes it each time
    findings = lint_manuscript().findings
    assert not [f for f in findings if f.rule == "Book.Abbreviations"]
    assert not [f for f in findings if f.rule == "Book.ScareQuotesConsistent" and "Zionist" in f.match]


def test_the_manuscript_is_the_chapter_without_note_or_footer():
    source = (DATA / "chapter" / "chapter-source.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = CHAPTER.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    unquoted = [p[2:] if p.startswith("> ") else p for p in paragraphs]
    assert unquoted == source[1 : source.index(next(line for line in source if line.startswith("————")))]
    assert sum(p.startswith("> ") for p in paragraphs) == 5


def test_cli_json_on_the_manuscript(tmp_path):
    mslint = shutil.which("mslint")
    run = subprocess.run([mslint, "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # two errors (Histradrut) at the default --fail-on error
    report = json.loads(run.stdout)
    assert report["version"] == 1 and report["errors"] == []
    assert [(f["line"], f["column"], f["rule"]) for f in report["findings"]] == [e[:2] + e[3:4] for e in EXPECTED]
