"""Broken or hostile configuration, rule, vocabulary and baseline files: exit status 2 and one line
on standard error that names the file (and the line where known) and the problem, never a crash."""

import json
from itertools import pairwise

import pytest

from conftest import BOOK_CONFIG, run_cli, write_book

VERY = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [very]\n"
ENTRY = {"path": "chapters/01.md", "rule": "House.Very", "match": "very", "fingerprint": "x"}
NEW_BASELINE = "write a new one with --write-baseline"


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, {"Very.yml": VERY})
    (tmp_path / "chapters" / "01.md").write_text("A very good day.\n", encoding="utf-8")
    return tmp_path


def fails(book, *args) -> str:
    """The one line mslint writes on standard error when it stops with exit status 2."""
    result = run_cli(list(args), book)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def write_rule(book, text: str) -> None:
    (book / "styles" / "House" / "Bad.yml").write_text(text, encoding="utf-8")


# --- pyproject.toml -----------------------------------------------------------------------------


def test_a_config_that_is_not_utf8(book):
    (book / "pyproject.toml").write_bytes(b'[tool.mslint]\npaths = ["caf\xe9"]\n')
    config = book.resolve() / "pyproject.toml"
    assert fails(book) == f"mslint: {config}:2: not valid UTF-8: byte 0xe9 at line 2, byte 14; re-save the file as UTF-8"


@pytest.mark.parametrize(
    "toml, message",
    [
        ("tool = 5\n", "'tool' must be a table, such as [tool.mslint], not 5"),
        ("[tool]\nmslint = 3\n", "[tool.mslint] must be a table (a [tool.mslint] line, settings below it), not 3"),
        ('[tool]\nmslint = "x"\n', "[tool.mslint] must be a table (a [tool.mslint] line, settings below it), not 'x'"),
    ],
)
def test_tool_tables_of_the_wrong_type(book, toml, message):
    (book / "pyproject.toml").write_text(toml, encoding="utf-8")
    assert fails(book) == f"mslint: {book.resolve() / 'pyproject.toml'}: {message}"


def test_a_config_given_with_config_is_checked_the_same_way(book):
    (book / "other.toml").write_text("tool = [1]\n", encoding="utf-8")
    assert (
        fails(book, "--config", "other.toml") == "mslint: other.toml: 'tool' must be a table, such as [tool.mslint], not a list"
    )


@pytest.mark.parametrize(
    "extra, message",
    [
        ('min-level = ["error"]\n', "'min-level': a list is not a level; use suggestion, warning or error"),
        ("fail-on = 3\n", "'fail-on': 3 is not a level; use suggestion, warning or error"),
        ('styles = [".."]\n', "'styles': '..' is not a folder name; name a folder in styles-path, not a path"),
        ('vocab = ["config/x"]\n', "'vocab': 'config/x' is not a folder name; name a folder in styles-path, not a path"),
        (
            '[tool.mslint.rules]\n"House.Very" = {level = "error"}\n',
            "rules.House.Very: a mapping is not a level; use suggestion, warning, error or off",
        ),
    ],
)
def test_settings_of_the_wrong_type(book, extra, message):
    (book / "pyproject.toml").write_text(BOOK_CONFIG.format(paths="chapters") + extra, encoding="utf-8")
    assert fails(book) == f"mslint: {book.resolve() / 'pyproject.toml'}: [tool.mslint] {message}"


def test_off_is_read_in_any_case_as_levels_are(book):
    config = BOOK_CONFIG.format(paths="chapters") + '[tool.mslint.rules]\n"House.Very" = "OFF"\n'
    (book / "pyproject.toml").write_text(config, encoding="utf-8")
    result = run_cli([], book)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_toml_nested_too_deeply_for_the_toml_reader(book):
    deep = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    (book / "pyproject.toml").write_text(BOOK_CONFIG.format(paths="chapters") + deep, encoding="utf-8")
    config = book.resolve() / "pyproject.toml"
    assert fails(book) == f"mslint: {config}: invalid TOML: arrays or tables nested too deeply to read"


# --- rule files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule, message",
    [
        (
            "extends: [existence]\nmessage: x\ntokens: [a]\n",
            "1: 'extends' must name one rule type, such as existence; got a list",
        ),
        ("extends: existence\nmessage: {a: b}\ntokens: [a]\n", "2: 'message': expected text, got a mapping"),
        (
            "extends: substitution\nmessage: x\nswap: [a, b]\n",
            "3: 'swap': expected a mapping of pattern: replacement, got a list",
        ),
        (
            "extends: consistency\nmessage: x\neither: {a: [b]}\n",
            "3: 'either': expected a mapping of pattern: replacement, with text for each replacement",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [a, [b]]\n",
            "3: 'tokens': expected text or a list of text items, got a list in the list",
        ),
        (
            "extends: existence\nmessage: x\ntokens: !!binary aGk=\n",
            "3: 'tokens': expected text or a list of text items, got binary data",
        ),
        ("extends: existence\nmessage: x\ntokens: [a]\nlevel: [error]\n", "4: 'level': expected text, got a list"),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nlimit: .inf\n",
            "4: 'limit': expected a whole number of 0 or more, got inf",
        ),
        ("extends: existence\nmessage: x\ntokens: [a]\nlimit: -1\n", "4: 'limit': expected a whole number of 0 or more, got -1"),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nlimit: 1.5\n",
            "4: 'limit': expected a whole number of 0 or more, got 1.5",
        ),
        ("extends: existence\nmessage: x\ntokens: [a]\nenabled: [no]\n", "4: 'enabled': expected true or false, got a list"),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nquotation: {message: x, level: [1]}\n",
            "4: 'quotation' must be a mapping with a 'message' (and optional 'level') used inside quotations",
        ),
    ],
)
def test_rule_keys_with_the_wrong_yaml_type(book, rule, message):
    write_rule(book, rule)
    assert fails(book) == f"mslint: styles/House/Bad.yml:{message}"


def test_a_rule_file_that_is_not_utf8(book):
    (book / "styles" / "House" / "Bad.yml").write_bytes(b"extends: existence\nmessage: caf\xe9\n")
    message = "not valid UTF-8: byte 0xe9 at line 2, byte 13; re-save the file as UTF-8"
    assert fails(book) == f"mslint: styles/House/Bad.yml:2: {message}"


def test_a_bad_spelling_filter_is_a_rule_error(book):
    write_rule(book, 'extends: spelling\nmessage: x\nfilters: ["("]\n')
    message = "bad regular expression: missing ), unterminated subpattern at position 0; check the patterns in this rule"
    assert fails(book) == f"mslint: styles/House/Bad.yml: {message}"


@pytest.mark.parametrize(
    "tokens, line",
    [
        ("[" * 30_000 + "]" * 30_000, 3),
        ("{a: " * 30_000 + "}" * 30_000, 3),
        ("\n  " + "- " * 30_000 + "a", 4),
        ("\n" + "\n".join("  " * depth + "a:" for depth in range(1, 300)), 103),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_yaml_nested_deeper_than_a_rule_needs(book, tokens, line):
    write_rule(book, f"extends: existence\nmessage: x\ntokens: {tokens}\n")
    message = "lists and mappings nested more than 100 deep; a rule needs a few levels"
    assert fails(book) == f"mslint: styles/House/Bad.yml:{line}: {message}"


@pytest.mark.parametrize(
    "rule, message",
    [
        (
            "extends: existence\nmessage: x\ntokens: [a]\nmessage: y\n",
            "4: duplicate key 'message' with another value, first on line 2; keep one",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nTokens: [b]\n",
            "4: duplicate key 'Tokens' with another value, first on line 3 as 'tokens' (rule keys ignore case); keep one",
        ),
        (
            "extends: substitution\nmessage: x\nswap:\n  teh: the\n  adn: and\n  teh: thee\n",
            "6: duplicate key 'teh' with another value, first on line 4; keep one",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nexamples: {fail: [a], pass: [b], fail: [c]}\n",
            "4: duplicate key 'fail' with another value, first on line 4; keep one",
        ),
    ],
)
def test_duplicate_keys(book, rule, message):
    write_rule(book, rule)
    assert fails(book) == f"mslint: styles/House/Bad.yml:{message}"


def test_keys_inside_a_swap_are_patterns_and_keep_their_case(book):
    write_rule(book, "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  teh: the\n  Teh: The\n")
    (book / "chapters" / "01.md").write_text("Teh end of teh day.\n", encoding="utf-8")
    result = run_cli([], book)
    assert result.stdout.splitlines() == [
        "chapters/01.md:1:1: warning House.Bad: Use 'The'.",
        "chapters/01.md:1:12: warning House.Bad: Use 'the'.",
    ]


def test_a_key_repeated_with_the_same_value_loses_nothing_and_loads(book):
    """As in Vale's own proselint style, which swaps `Bronte: Brontë` twice."""
    write_rule(book, "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  teh: the\n  teh: the\n")
    (book / "chapters" / "01.md").write_text("The end of teh day.\n", encoding="utf-8")
    assert run_cli([], book).stdout.splitlines() == ["chapters/01.md:1:12: warning House.Bad: Use 'the'."]


def test_aliases_to_a_billion_items_are_walked_once_and_named_by_kind(book):
    anchors = "".join(f"  {name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in pairwise("abcdefghi"))
    write_rule(book, f"extends: existence\nselector:\n  a: &a [x, x, x, x, x, x, x, x, x]\n{anchors}message: x\ntokens: *i\n")
    message = "'tokens': expected text or a list of text items, got a list in the list"
    assert fails(book) == f"mslint: styles/House/Bad.yml:13: {message}"


# --- vocabularies -------------------------------------------------------------------------------


def write_vocabulary(book, accept: bytes) -> None:
    (book / "pyproject.toml").write_text(BOOK_CONFIG.format(paths="chapters") + 'vocab = ["Book"]\n', encoding="utf-8")
    folder = book / "styles" / "config" / "vocabularies" / "Book"
    folder.mkdir(parents=True)
    (folder / "accept.txt").write_bytes(accept)


def test_a_vocabulary_that_is_not_utf8(book):
    write_vocabulary(book, b"Cassif\nHistadrut\nna\xefve\n")
    message = "not valid UTF-8: byte 0xef at line 3, byte 3; re-save the file as UTF-8"
    assert fails(book) == f"mslint: styles/config/vocabularies/Book/accept.txt:3: {message}"


def test_a_vocabulary_term_that_is_not_a_regular_expression(book):
    write_vocabulary(book, b"Cassif\n(unclosed\n")
    message = "bad regular expression '(unclosed': missing ) at position 9; fix it, or put \\ before its special characters"
    assert fails(book) == f"mslint: styles/config/vocabularies/Book/accept.txt:2: {message}"


# --- baselines ----------------------------------------------------------------------------------


def baseline(*findings) -> str:
    return json.dumps({"version": 1, "findings": list(findings)})


@pytest.mark.parametrize(
    "content, message",
    [
        (baseline({**ENTRY, "fingerprint": ["a"]}), "baseline entry 1 lacks path, rule, match or fingerprint as text"),
        (baseline(ENTRY, 7), "baseline entry 2 lacks path, rule, match or fingerprint as text"),
        ('{"version": true, "findings": []}', "not an mslint baseline (version 1 with a list of findings)"),
        ('{"version": 1, "findings": {}}', "not an mslint baseline (version 1 with a list of findings)"),
        ("[" * 100_000 + "]" * 100_000, "the baseline nests arrays or objects too deeply to read"),
        (
            '{"version": 1, "findings": [' + "[" * 100_000 + "]" * 100_000 + "]}",
            "the baseline nests arrays or objects too deeply to read",
        ),
        ('{"version": ' + "9" * 5000 + "}", "the baseline holds a number too long to read"),
    ],
    ids=["list-fingerprint", "number-entry", "boolean-version", "findings-object", "deep", "deep-entry", "long-number"],
)
def test_baselines_of_the_wrong_shape(book, content, message):
    (book / "baseline.json").write_text(content, encoding="utf-8")
    assert fails(book, "--baseline", "baseline.json") == f"mslint: baseline.json: {message}; {NEW_BASELINE}"


def test_a_baseline_that_is_not_utf8(book):
    (book / "baseline.json").write_bytes(b'{"version": 1,\n "findings": ["\xff"]}')
    message = "not valid UTF-8: byte 0xff at line 2, byte 16; re-save the file as UTF-8"
    assert fails(book, "--baseline", "baseline.json") == f"mslint: baseline.json:2: {message}; {NEW_BASELINE}"


def test_a_baseline_saved_with_a_byte_order_mark_is_read(book):
    (book / "baseline.json").write_text("\ufeff" + baseline(ENTRY), encoding="utf-8")
    result = run_cli(["--baseline", "baseline.json"], book)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["chapters/01.md:1:3: warning House.Very: Avoid 'very'."]
    assert result.stderr.startswith("mslint: 1 baseline entries match no finding any more")
