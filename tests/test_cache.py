"""The cache: the same findings as without it, whole-manuscript rules right after one chapter
changes, and entries that are corrupt or foreign rebuilt, never trusted."""

import json
import os

import pytest

from conftest import run_cli, write_book
from mslint.cache import FORMAT

RULES = {
    "Names.yml": "extends: variants\nmessage: \"'%s' (%s) or '%s' (%s)?\"\nlevel: error\n",
    "Teh.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  teh: the\n",
}


run = run_cli


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, RULES)
    (tmp_path / "chapters" / "01.md").write_text("The Histadrut grew, teh Histadrut won.\n", encoding="utf-8")
    (tmp_path / "chapters" / "02.md").write_text("Then the Histradrut fell.\n", encoding="utf-8")
    return tmp_path


def entries(book):
    return sorted((book / ".mslint_cache").glob("file-*.json"))


def test_the_cache_gives_the_same_findings_and_ignores_itself_in_git(book):
    cold = run([], book)
    assert len(entries(book)) == 2
    assert (book / ".mslint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    warm = run([], book)
    assert warm.stdout == cold.stdout == run(["--no-cache"], book).stdout
    assert "chapters/02.md:1:10: error House.Names" in warm.stdout


def test_no_cache_reads_and_writes_nothing(book):
    run(["--no-cache"], book)
    assert not (book / ".mslint_cache").exists()


def test_whole_manuscript_rules_stay_right_when_one_chapter_changes(book):
    run([], book)
    # Chapter 2 now uses "Histradrut" three times: it becomes the commoner spelling, and the
    # finding moves to chapter 1, which did not change and comes from the cache.
    (book / "chapters" / "02.md").write_text("Histradrut, Histradrut and the Histradrut.\n", encoding="utf-8")
    changed = run([], book)
    assert changed.stdout == run(["--no-cache"], book).stdout
    assert "chapters/01.md:1:5: error House.Names: 'Histadrut' (2) or 'Histradrut' (3)?" in changed.stdout
    assert not [line for line in changed.stdout.splitlines() if line.startswith("chapters/02.md") and "House.Names" in line]


def test_a_rule_change_misses_the_cache(book):
    run([], book)
    (book / "styles" / "House" / "Teh.yml").write_text(
        RULES["Teh.yml"].replace("level: error", "level: warning"), encoding="utf-8"
    )
    assert "warning House.Teh" in run([], book).stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not json at all",
        lambda text: text.replace('"level": "error"', '"level": "suggestion"'),  # edited: the checksum fails
        lambda text: json.dumps({**json.loads(text), "format": 0}),  # another format
    ],
    ids=["truncated", "garbage", "tampered", "foreign-format"],
)
def test_a_corrupt_or_foreign_entry_is_rebuilt_not_trusted(book, damage):
    expected = run([], book).stdout
    for entry in entries(book):
        entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert run([], book).stdout == expected
    assert all(json.loads(e.read_text(encoding="utf-8"))["format"] == FORMAT for e in entries(book))
    assert run([], book).stdout == expected  # and the rebuilt entries serve again


def test_an_entry_for_other_text_is_not_used(book):
    run([], book)
    [first, second] = entries(book)
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # the wrong file's facts
    assert run([], book).stdout == run(["--no-cache"], book).stdout


def test_an_unwritable_cache_is_no_reason_to_fail(book):
    (book / ".mslint_cache").write_text("a file where the folder should be", encoding="utf-8")
    result = run([], book)
    assert result.returncode == 1 and "House.Teh" in result.stdout and result.stderr == ""


def test_known_words_are_kept_and_a_damaged_list_is_ignored(tmp_path):
    write_book(tmp_path, {"Spelling.yml": "extends: spelling\nmessage: \"'%s'?\"\n"}, paths=".")
    (tmp_path / "a.md").write_text("The becuase word.\n", encoding="utf-8")
    first = run([], tmp_path)
    [words] = (tmp_path / ".mslint_cache").glob("learned-*.json")
    assert json.loads(words.read_text(encoding="utf-8"))["learned"]["spelled"]["becuase"] is False
    words.write_text('{"checksum": "0", "learned": {"spelled": {"becuase": true}}}', encoding="utf-8")  # tampered
    (tmp_path / "a.md").write_text("The becuase word, again.\n", encoding="utf-8")
    again = run([], tmp_path)
    assert first.stdout.split(":")[3] == again.stdout.split(":")[3] == " warning House.Spelling"


def test_the_cache_sees_a_dictionary_outside_the_styles_folder(tmp_path, tmp_path_factory):
    dictionary = tmp_path_factory.mktemp("dict")
    (dictionary / "my.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (dictionary / "my.dic").write_text("1\nhello\n", encoding="utf-8")
    rule = f"extends: spelling\nmessage: \"'%s'?\"\ndicpath: {dictionary}\ndictionaries: [my]\n"
    book = write_book(tmp_path, {"Spelling.yml": rule})
    (book / "chapters" / "01.md").write_text("hello zorblat\n", encoding="utf-8")
    assert "'zorblat'?" in run_cli([], book).stdout
    (dictionary / "my.dic").write_text("2\nhello\nzorblat\n", encoding="utf-8")
    assert run_cli([], book).stdout == ""


def test_an_unreadable_file_among_the_rules_does_not_break_the_cache(tmp_path):
    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    os.symlink("/proc/self/mem", book / "styles" / "notes.txt")  # a file that cannot be read
    (book / "chapters" / "01.md").write_text("teh\n", encoding="utf-8")
    result = run_cli([], book)
    assert "Traceback" not in result.stderr and "House.Teh" in result.stdout


def test_the_code_key_follows_the_code_not_when_it_was_installed():
    """A CI job installs the same mslint afresh each time, every file new: its cache must still hold."""
    from pathlib import Path

    from mslint import cache

    module = Path(cache.__file__)
    before, times = cache.code_key(), module.stat()
    try:
        os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns + 10**12))  # as a fresh install writes it
        assert cache.code_key() == before
    finally:
        os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert cache._installed("regex", "regex").startswith("regex-")
    assert cache._installed("nonexistent_module_x", "x") == "missing"
