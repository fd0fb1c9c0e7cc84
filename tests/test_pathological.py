"""Adversarial input: mslint never hangs, never runs out of memory, and never drops text in silence.

Each case runs the real pipeline (the repository's configuration and rules, or the one rule
concerned), must finish within BOUND seconds, and must still find what follows the
pathological part. Before the fixes these took from half a minute to forever.
"""

import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT, as_a_user, make_rule, write_book
from mslint import limits
from mslint.config import Config, ConfigError, find_config, load_config
from mslint.engine import lint
from mslint.files import UnreadableFile, decode, display_path
from mslint.parsing import BLOCK_NESTING
from mslint.rules import load_rules

BOUND = 10.0  # seconds for one pipeline call; every case here takes well under 5 s
AFTER = "\n\nAfter it, the the end.\n"  # Book.DoubledWords must still find this
posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes, devices and permissions are POSIX")


def repository_rules():
    """Fresh rules, each with the whole time budget of a run."""
    return load_rules(load_config(find_config(ROOT), ROOT))


def timed_lint(text: str, rules=None, path: str = "chapter.md"):
    rules = repository_rules() if rules is None else rules
    started = time.perf_counter()
    result = lint({path: text}, rules)
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND, f"took {elapsed:.1f} s"
    return result


def placed(result) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in result.findings]


def after_line(text: str) -> int:
    return text[: text.index("After it")].count("\n") + 1


# --- the pipeline on pathological text --------------------------------------------------------

LARGE_BLOCKS = {
    "100 KB of '-='": "-=" * 50_000,  # Book.DoubledWords was quadratic on runs of punctuation: 76 s
    "100 KB of backticks": "a " + "`" * 100_000,  # 41 s
    "100 KB of nested [": "[" * 100_000,  # 83 s
    "100 KB of nested “": "“" * 100_000,  # 40 KB took 29 s
    "100 KB of “ then ’": "“" * 50_000 + "’" * 50_000,  # pairing walked the stack for each mark
    "100 KB of nested “a and a (": "(" + "“a" * 25_000 + "”" * 25_000,  # each pair read through for spaces
    "a 50 KB list term and 5,000 dashes": "- Module" + "::Name" * 8_000 + " - and" * 5_000,  # each dash read the term
    "800 KB of link definitions": "".join(f"[label {i}]: https://example.org/{i}\n" for i in range(20_000)),
    # Past the nesting limit, each line's `> > …` is text: a facing pair for repetition at each mark (11 s, 200 MB)
    "1 MB of a quotation nested 1,000 deep": "".join("> " * depth + "quote\n" for depth in range(1_000)),
}


@pytest.mark.parametrize("body", LARGE_BLOCKS.values(), ids=LARGE_BLOCKS.keys())
def test_a_large_pathological_block_is_read_in_time_and_the_rest_still_linted(body):
    text = body + AFTER
    result = timed_lint(text)
    assert result.errors == []
    assert placed(result) == [(after_line(text), 11, "Book.DoubledWords")]


def test_a_one_megabyte_line_with_many_findings():
    # Each finding's sentence was split again from the whole block: over 120 s.
    words, expected, column = [], [], 1
    for i in range(170_000):
        word = "the the" if i % 100 == 99 else f"w{i % 991}x"
        if word == "the the":
            expected.append((1, column, "Book.DoubledWords"))
        words.append(word)
        column += len(word) + 1
    text = " ".join(words) + AFTER
    assert len(text) > 1_000_000
    result = timed_lint(text)
    assert result.errors == []
    assert placed(result) == [*expected, (after_line(text), 11, "Book.DoubledWords")]
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)


def test_a_run_of_full_stops_is_one_sentence_end_read_once():
    from mslint.scopes import split_sentences

    text = "Word" + "." * 400_000 + " Next one."  # a start at each stop read the rest of the run: hours
    started = time.perf_counter()
    assert split_sentences(text, 0, len(text)) == [(0, 400_004), (400_005, len(text))]
    assert time.perf_counter() - started < BOUND


def test_a_word_of_a_million_letters_is_compared_with_no_word_it_cannot_be_near():
    # variants compared each unknown word with every word of its first letter, itself included: hours
    text = "Aardvarks " + "a" * 1_000_000 + " and aardvark" + AFTER
    result = timed_lint(text)
    assert result.errors == []
    assert (after_line(text), 11, "Book.DoubledWords") in placed(result)


def test_many_words_marked_sic_and_accepted_phrases_are_looked_up_not_scanned():
    # Each finding was checked against every [sic] of the file, each word against every phrase.
    sentence = "A Zorblax word, Qwertzu [sic], per se. "
    text = sentence * 4_000 + AFTER
    result = timed_lint(text)
    assert result.errors == []
    unknown = [(f.line, f.column, f.match) for f in result.findings if f.rule == "Book.Spelling"]
    assert unknown == [(1, 3, "Zorblax")]  # a word used 4,000 times is reported once, as a term
    assert placed(result)[-1] == (after_line(text), 11, "Book.DoubledWords")


def test_a_repeat_longer_than_a_word_is_still_found_in_linear_time():
    rule = make_rule("extends: repetition\nmessage: \"'%s'\"\ntokens: ['[^\\s]+']\n")
    run = "-=" * 50_000
    text = f"{'x' * 70} {'x' * 70} and {run} {run}\n"
    result = timed_lint(text, [rule])
    assert [(f.column, f.end_column) for f in result.findings] == [(1, 142), (147, 147 + 2 * len(run) + 1)]


# --- nesting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [10, 50, BLOCK_NESTING // 2 + 10])
def test_a_deeply_nested_list_is_linted_to_its_end(depth):
    # CommonMark's nesting limit made markdown-it drop the rest of the file after a list 10 deep.
    text = "".join("  " * i + "- item the the\n" for i in range(depth)) + AFTER
    result = timed_lint(text)
    expected = [(i + 1, 2 * i + 8, "Book.DoubledWords") for i in range(depth)]
    assert placed(result) == [*expected, (after_line(text), 11, "Book.DoubledWords")]


@pytest.mark.parametrize("depth", [20, 100, BLOCK_NESTING + 100, 5_000])
def test_deeply_nested_block_quotes_keep_their_text(depth):
    text = ">" * depth + " deep the the words\n" + AFTER
    result = timed_lint(text)
    assert placed(result) == [(1, depth + 7, "Book.DoubledWords"), (after_line(text), 11, "Book.DoubledWords")]


@pytest.mark.parametrize(
    "container",
    ["[^1]: ", "- ", "1. "],
    ids=["a footnote", "a bullet list", "an ordered list"],
)
def test_a_container_at_the_nesting_limit_keeps_its_text(container):
    prefix = "> " * (BLOCK_NESTING - 1) + container
    text = prefix + "deep the the note\n" + AFTER
    result = timed_lint(text)
    assert placed(result) == [(1, len(prefix) + 6, "Book.DoubledWords"), (after_line(text), 11, "Book.DoubledWords")]


@pytest.mark.parametrize(
    "front_matter",
    ["a: " + "[" * 5_000 + "]" * 5_000, "a: &a [x, x, x]\n" + "".join(f"k{i}: [*a, *a, *a]\n" for i in range(2_000))],
    ids=["nested 5,000 deep", "an alias repeated 6,000 times"],
)
def test_hostile_front_matter_is_read_in_time_and_the_body_linted(front_matter):
    text = f"---\n{front_matter}\n---\n\n" + AFTER
    result = timed_lint(text)
    assert placed(result) == [(after_line(text), 11, "Book.DoubledWords")]


# --- time limits on the patterns users write --------------------------------------------------


def test_a_catastrophic_exception_is_stopped_and_named():
    rule = make_rule("extends: existence\nmessage: x\ntokens: ['a+']\nexceptions: ['(a|a)+c']\n")
    result = timed_lint("a" * 40 + " b\n", [rule])
    assert result.findings == []
    [error] = result.errors
    assert error.message.startswith("rule Test.Rule stopped: pattern ") and "(a|a)+c" in error.message
    assert "took over 1 s in one search; simplify it" in error.message


@pytest.mark.parametrize(
    ("term", "text", "pattern"),
    [
        ("(a|a)+c", "a" * 40 + "\n", "(?:(a|a)+c)"),  # matched against each word
        ("((a|a) )+c", "a " * 40 + "Zorblax c\n", r"\b(?:((a|a) )+c)\b"),  # a phrase, searched in the paragraph
    ],
    ids=["a word against a vocabulary pattern", "a vocabulary phrase over a paragraph"],
)
def test_a_catastrophic_vocabulary_term_is_stopped(tmp_path, term, text, pattern):
    book = write_book(tmp_path, {"Spelling.yml": "extends: spelling\nmessage: \"'%s'\"\n"})
    accept = book / "styles" / "config" / "vocabularies" / "V" / "accept.txt"
    accept.parent.mkdir(parents=True)
    accept.write_text(term + "\n", encoding="utf-8")
    rules = load_rules(Config(root=book, styles_path="styles", proselint=False, vocab=("V",)))
    result = timed_lint(text, rules)
    assert [error.message for error in result.errors] == [
        f"rule House.Spelling stopped: pattern {pattern!r} took over 1 s in one search; "
        "simplify it (nested repeats such as (a+)+ backtrack without end)"
    ]


def test_a_rule_stops_for_the_rest_of_the_run_once_its_budget_is_spent(monkeypatch):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.05)
    monkeypatch.setattr(limits, "RUN_BUDGET", 0.2)
    slow = make_rule("extends: existence\nmessage: x\nnonword: true\nraw: ['(a|aa)+$']\n", "Test.Slow")
    fine = make_rule("extends: existence\nmessage: x\ntokens: [fine]\n", "Test.Fine")
    texts = {f"{n:02}.md": "fine " + "a" * 5_000 + "!\n" for n in range(30)}
    result = lint(texts, [slow, fine])
    assert [f.path for f in result.findings] == sorted(texts)  # the other rule reads every file
    assert [error.message for error in result.errors] == [
        "rule Test.Slow stopped: pattern '(a|aa)+$' took over 0.05 s in one search; "
        "simplify it (nested repeats such as (a+)+ backtrack without end)",
        "rule Test.Slow stopped: its patterns ran for over 0.2 s in all, the last '(a|aa)+$', "
        "so it is not run on the rest of the files; simplify it (nested repeats such as (a+)+ backtrack without end)",
    ]
    # Without the budget, each of the 30 files would have had its own 0.05 s.
    assert slow.clock.spent < 0.2 + 0.05 + 0.1


# --- files -----------------------------------------------------------------------------------


def mslint(args, cwd, prefix=()):
    """mslint in a fresh process, which must end within a minute whatever the files are."""
    started = time.perf_counter()
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "mslint", "--format", "text", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert time.perf_counter() - started < BOUND
    return done


TYPO_RULE = {"Teh.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nswap:\n  teh: the\n"}
TYPO = "chapters/a.md:1:1: warning House.Teh: Use 'the' instead of 'teh'."


@posix_only
def test_pipes_devices_and_dangling_links_are_errors_and_never_block(tmp_path):
    book = write_book(tmp_path, TYPO_RULE)
    (book / "chapters" / "a.md").write_text("teh end\n", encoding="utf-8")
    os.mkfifo(book / "chapters" / "pipe.md")  # opening it for reading used to wait for a writer
    (book / "chapters" / "zero.md").symlink_to("/dev/zero")  # read whole, it filled the memory
    (book / "chapters" / "gone.md").symlink_to("nowhere.md")
    done = mslint([], book)
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        TYPO,
        "chapters/gone.md: error: cannot read the file: No such file or directory",
        "chapters/pipe.md: error: not a regular file but a named pipe; mslint reads only regular files",
        "chapters/zero.md: error: not a regular file but a device or other special file; mslint reads only regular files",
    ]


SETTINGS_AT_DEVICES = {
    "a rule file": ("styles/House/Zero.yml", "", "styles/House/Zero.yml"),
    "a vocabulary": ("styles/config/vocabularies/Book/accept.txt", 'vocab = ["Book"]\n', "accept.txt"),
    "a spelling rule's word list": (
        "styles/words.txt",
        "",
        "the ignore file",
        {"Spelling.yml": "extends: spelling\nmessage: x\nignore: [words.txt]\n"},
    ),
    "the style sheet": ("stylesheet.yml", 'stylesheet = "stylesheet.yml"\n', "stylesheet.yml"),
}


@posix_only
@pytest.mark.parametrize("setting", SETTINGS_AT_DEVICES.values(), ids=SETTINGS_AT_DEVICES.keys())
def test_a_setting_that_is_a_link_to_a_device_is_an_error_and_never_read(tmp_path, setting):
    """A link committed to a project may point anywhere: read whole, /dev/zero filled the memory."""
    link, config, named, *more = setting
    book = write_book(tmp_path, TYPO_RULE | (more[0] if more else {}))
    (book / "chapters" / "a.md").write_text("teh end\n", encoding="utf-8")
    with (book / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write(config)
    (book / link).parent.mkdir(parents=True, exist_ok=True)
    (book / link).symlink_to("/dev/zero")
    done = mslint([], book)
    assert (done.returncode, done.stdout) == (2, "")
    assert named in done.stderr and "not a regular file but a device or other special file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_over_max_file_size_is_an_error_naming_the_setting(tmp_path):
    book = write_book(tmp_path, TYPO_RULE)
    with (book / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write("max-file-size = 1000\n")
    (book / "chapters" / "a.md").write_text("teh" + " " * 997, encoding="utf-8")  # exactly the limit
    (book / "chapters" / "b.md").write_text("teh" + " " * 998, encoding="utf-8")
    done = mslint([], book)
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        TYPO,
        "chapters/b.md: error: the file is 1,001 bytes, more than max-file-size (1,000); "
        "raise max-file-size in [tool.mslint], or split the file",
    ]


@pytest.mark.parametrize("value", ['"10 MB"', "0", "true"])
def test_max_file_size_must_be_a_positive_number_of_bytes(tmp_path, value):
    (tmp_path / "mslint.toml").write_text(f"max-file-size = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'max-file-size' must be a positive number of bytes, such as 10_000_000"):
        load_config(tmp_path / "mslint.toml", tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_is_named_with_its_fix_not_called_binary(encoding):
    with pytest.raises(UnreadableFile, match=r"^UTF-16 text; mslint reads UTF-8: re-save the file as UTF-8$"):
        decode("The “Histadrut” and the Knesset.\n".encode(encoding))


def test_a_nul_in_utf8_text_is_still_binary():
    with pytest.raises(UnreadableFile, match="^binary file"):
        decode("The “Histadrut”\0 and the Knesset.\n".encode())


@posix_only
def test_a_folder_that_cannot_be_listed_is_an_error_not_skipped(tmp_path):
    book = write_book(tmp_path, TYPO_RULE)
    (book / "chapters" / "a.md").write_text("teh end\n", encoding="utf-8")
    locked = book / "chapters" / "locked"
    locked.mkdir()
    (locked / "b.md").write_text("teh\n", encoding="utf-8")
    locked.chmod(0)
    try:
        whole = mslint([], book, as_a_user())
        given = mslint(["chapters/locked/b.md"], book, as_a_user())
    finally:
        locked.chmod(0o755)
    assert (whole.returncode, whole.stdout.splitlines()) == (
        2,
        [TYPO, "chapters/locked: error: cannot read the folder: Permission denied"],
    )
    assert (given.returncode, given.stdout, given.stderr) == (
        2,
        "chapters/locked/b.md: error: cannot read: Permission denied\n",
        "",
    )


@posix_only
def test_symbolic_link_loops_are_errors_and_a_link_to_a_parent_is_not_walked(tmp_path):
    book = write_book(tmp_path, TYPO_RULE)
    chapters = book / "chapters"
    (chapters / "a.md").write_text("teh end\n", encoding="utf-8")
    (chapters / "loop1.md").symlink_to("loop2.md")
    (chapters / "loop2.md").symlink_to("loop1.md")
    (chapters / "up").symlink_to("..")
    loop = "error: cannot read the file: Too many levels of symbolic links"
    done = mslint([], book)
    assert (done.returncode, done.stdout.splitlines()) == (2, [TYPO, f"chapters/loop1.md: {loop}", f"chapters/loop2.md: {loop}"])
    given = mslint(["chapters/loop1.md"], book)
    assert (given.returncode, given.stdout, given.stderr) == (
        2,
        "chapters/loop1.md: error: cannot read: Too many levels of symbolic links\n",
        "",
    )
    assert display_path(chapters / "loop1.md", book) == "chapters/loop1.md"


def test_an_empty_folder_is_an_error_not_a_clean_run(tmp_path):
    book = write_book(tmp_path, TYPO_RULE)
    (book / "chapters" / "notes.rst").write_text("teh\n", encoding="utf-8")
    done = mslint([], book)
    assert (done.returncode, done.stdout) == (
        2,
        "chapters: error: no .md or .markdown or .txt files in this folder; check the paths given, or 'paths' in [tool.mslint]\n",
    )


def test_empty_paths_in_the_config_is_an_error_on_standard_error(tmp_path):
    book = write_book(tmp_path, TYPO_RULE, paths=".")
    config = book / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('paths = ["."]', "paths = []"), encoding="utf-8")
    done = mslint([], book)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"mslint: {config}: [tool.mslint] 'paths' is empty and no files were given: nothing to lint\n"
