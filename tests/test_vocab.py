"""Vocabularies in Vale's layout: loading, comments, terms, and the errors that name the file."""

import textwrap

import pytest

from mslint.cli import main
from mslint.config import Config
from mslint.engine import lint
from mslint.parsing import parse
from mslint.rules import RuleError, load_rules, parse_rule
from mslint.vocab import Vocabulary, VocabularyError


def write_vocabulary(styles, name, accept=None, reject=None):
    folder = styles / "config" / "vocabularies" / name
    folder.mkdir(parents=True)
    for filename, text in (("accept.txt", accept), ("reject.txt", reject)):
        if text is not None:
            (folder / filename).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_load_reads_accept_and_reject_skipping_comments_and_blank_lines(tmp_path):
    write_vocabulary(tmp_path, "Book", "# People\nCassif\n\n  per se  \n(?i)foo\\w*\n", "# Never\nutilize\n")
    write_vocabulary(tmp_path, "Extra", "Histadrut\n")  # no reject.txt: nothing rejected
    vocabulary = Vocabulary.load(tmp_path, ["Book", "Extra"])
    assert vocabulary == Vocabulary(accept=("Cassif", "per se", "(?i)foo\\w*", "Histadrut"), reject=("utilize",))
    assert vocabulary.phrases == ["per se"]
    assert vocabulary.words == ["Cassif", "per se", "Histadrut"]


def test_accepts_words_regexes_and_capitalized_lower_case_terms():
    vocabulary = Vocabulary(accept=("Cassif", "slavocracy", "(?i)foo\\w*", "Bar\\d+"), reject=("utilize",))
    assert [
        w for w in ("Cassif", "cassif", "slavocracy", "Slavocracy", "FOObar", "Bar12", "bar12", "Bar") if vocabulary.accepts(w)
    ] == [
        "Cassif",
        "slavocracy",
        "Slavocracy",
        "FOObar",
        "Bar12",
    ]
    assert vocabulary.rejects("utilize") and not vocabulary.rejects("Utilize") and not vocabulary.rejects("utilizes")


def test_a_missing_vocabulary_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(VocabularyError, match=r"config/vocabularies/Missing: vocabulary 'Missing' not found"):
        Vocabulary.load(tmp_path, ["Missing"])


def test_a_bad_regex_is_an_error_naming_file_and_line(tmp_path):
    folder = write_vocabulary(tmp_path, "Book", "# a comment\nCassif\n(unclosed\n")
    with pytest.raises(VocabularyError) as error:
        Vocabulary.load(tmp_path, ["Book"])
    assert str(error.value).startswith(f"{folder / 'accept.txt'}:3: bad regular expression '(unclosed'")


def test_a_nonword_rule_is_no_exception_for_an_accepted_word():
    """A nonword rule matches marks around words: an accepted word inside its match is still reported (Vale #1058)."""
    vocabulary = Vocabulary(accept=("plugh",), reject=())
    quotes = 'extends: existence\nmessage: "Inside."\nnonword: true\ntokens: [\'"[^"]+"[.,]\']\n'
    words = "extends: existence\nmessage: \"'%s'\"\ntokens: [plugh, quux]\n"
    rules = [
        parse_rule(quotes, "Quotes.yml", "Bug.Quotes", {"vocabulary": vocabulary}),
        parse_rule(words, "W.yml", "Bug.Words", {"vocabulary": vocabulary}),
    ]
    found = lint([parse("a.md", 'A "quote", a "plugh", a quux and a plugh.\n')], rules).findings
    assert [(f.rule, f.match) for f in found] == [("Bug.Quotes", '"quote",'), ("Bug.Quotes", '"plugh",'), ("Bug.Words", "quux")]


@pytest.fixture
def project(tmp_path):
    """A book whose config names a vocabulary that does not exist."""
    (tmp_path / "rules" / "House").mkdir(parents=True)
    (tmp_path / "rules" / "House" / "Spelling.yml").write_text("extends: spelling\nmessage: \"'%s'?\"\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.mslint]\nproselint = false\nvocab = ["Missing"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    return tmp_path


def test_load_rules_with_a_missing_vocabulary_is_a_rule_error(project):
    with pytest.raises(RuleError, match="vocabulary 'Missing' not found"):
        load_rules(Config(root=project, vocab=("Missing",), proselint=False))


def test_the_cli_exits_2_on_a_missing_vocabulary(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["a.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("mslint: ") and "vocabulary 'Missing' not found" in captured.err
