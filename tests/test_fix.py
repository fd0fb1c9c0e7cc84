"""--fix and --diff end to end: safe replacements only, atomic writes that keep the file's form."""

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli, write_book
from mslint import fix
from mslint.document import normalize

RULES = {
    "Name.yml": "extends: substitution\nmessage: x\nlevel: error\naction:\n  name: replace\nswap:\n  Histradrut: Histadrut\n",
    "Dots.yml": (
        "extends: substitution\nmessage: x\nnonword: true\ntypography: true\n"
        "action:\n  name: replace\nswap:\n  '(?<!\\.)\\.\\.\\.(?!\\.)': …\n"
    ),
    "Typo.yml": (
        "extends: substitution\nmessage: x\naction:\n  name: replace\nquotation:\n  message: 'add [sic]'\nswap:\n  teh: the\n"
    ),
    "Guess.yml": "extends: substitution\nmessage: x\nswap:\n  alot: a lot\n",  # no replace action: never fixed
    "Many.yml": "extends: substitution\nmessage: x\naction:\n  name: replace\nswap:\n  utilize: use|employ\n",
}
TEXT = (
    "The Histradrut said... that alot of teh people utilize it.\n\n"
    "> The Histradrut wrote... teh end.\n\n"
    "She said “the Histradrut is teh union, they told us.”\n"
)
FIXED = (
    "The Histadrut said… that alot of the people utilize it.\n\n"
    "> The Histradrut wrote… teh [sic] end.\n\n"
    "She said “the Histradrut is teh [sic] union, they told us.”\n"
)


run = run_cli


@pytest.fixture
def book(tmp_path):
    return write_book(tmp_path, RULES)


def write(path, text: str, newline="\n", bom=False):
    path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode("utf-8"))


def test_fix_changes_only_what_is_safe_and_never_quoted_words(book):
    chapter = book / "chapters" / "01.md"
    write(chapter, TEXT)
    result = run(["--fix"], book)
    assert chapter.read_text(encoding="utf-8") == FIXED
    assert "fixed chapters/01.md" in result.stderr
    # What is left is reported as usual: the quoted names, the guess, the choice of two.
    assert [line.split(": ")[1].split()[1] for line in result.stdout.splitlines()] == [
        "House.Guess",
        "House.Many",
        "House.Name",
        "House.Name",
    ]


def test_fix_twice_changes_nothing_the_second_time(book):
    chapter = book / "chapters" / "01.md"
    write(chapter, TEXT)
    run(["--fix"], book)
    first = chapter.read_bytes()
    second = run(["--fix"], book)
    assert chapter.read_bytes() == first and "fixed" not in second.stderr


def test_diff_prints_and_writes_nothing(book):
    chapter = book / "chapters" / "01.md"
    write(chapter, TEXT)
    before = chapter.read_bytes(), chapter.stat().st_mtime_ns
    result = run(["--diff"], book)
    assert (chapter.read_bytes(), chapter.stat().st_mtime_ns) == before
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/chapters/01.md\n+++ b/chapters/01.md\n")
    assert "-The Histradrut said... that" in result.stdout and "+The Histadrut said… that" in result.stdout
    write(chapter, FIXED)
    assert run(["--diff"], book).returncode == 0


def test_fix_keeps_bom_line_endings_and_permissions(book):
    chapter = book / "chapters" / "01.md"
    write(chapter, TEXT, newline="\r\n", bom=True)
    chapter.chmod(0o640)
    run(["--fix"], book)
    assert chapter.read_bytes() == "\ufeff".encode() + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(chapter.stat().st_mode) == 0o640


def test_fix_through_a_symbolic_link_keeps_the_link(book):
    elsewhere = book / "drafts" / "real.md"  # in the project: a link out of it is refused (test_fix_safety)
    elsewhere.parent.mkdir()
    write(elsewhere, TEXT)
    link = book / "chapters" / "01.md"
    link.symlink_to(elsewhere)
    run(["--fix"], book)
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == FIXED


def test_a_read_only_file_is_reported_and_the_others_still_fixed(book):
    locked, open_ = book / "chapters" / "01.md", book / "chapters" / "02.md"
    write(locked, TEXT)
    write(open_, TEXT)
    locked.chmod(0o444)
    result = run(["--fix"], book)
    assert result.returncode == 2 and "chapters/01.md: error: the file is read-only: not fixed" in result.stdout
    assert locked.read_text(encoding="utf-8") == TEXT and open_.read_text(encoding="utf-8") == FIXED


def test_a_file_without_write_access_is_never_written(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    assert fix.write(path, b"old\n", "new\n") == "the file is read-only: not fixed"
    assert path.read_text(encoding="utf-8") == "old\n"


def test_a_file_changed_between_reading_and_writing_is_not_overwritten(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    read = path.read_bytes()
    path.write_text("the author's newer words\n", encoding="utf-8")
    assert "changed since mslint read it" in fix.write(path, read, "fixed old\n")
    assert path.read_text(encoding="utf-8") == "the author's newer words\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_overlapping_edits_wait_for_the_next_pass():
    from mslint.finding import Finding, Level, Voice

    def finding(column, end, replacement):
        return Finding("a.md", 1, column, 1, end, "R", Level.ERROR, "", "", (replacement,), Voice.PROSE, fixable=True)

    raw = "abcdef\r\n"
    assert fix.apply(raw, [finding(2, 4, "X"), finding(3, 5, "Y"), finding(6, 7, "Z")]) == "aXdeZ\r\n"


def test_cli_leaves_a_file_the_author_saved_while_fixing(book, monkeypatch, capsys):
    """End to end through the CLI: the author saves between mslint's reading and its writing."""
    from mslint import cli

    chapter = book / "chapters" / "01.md"
    write(chapter, TEXT)
    real_fix_texts = fix.fix_texts

    def fix_while_the_author_saves(texts, lint):
        fixed = real_fix_texts(texts, lint)
        chapter.write_text("The author's newer words.\n", encoding="utf-8")
        return fixed

    monkeypatch.setattr(fix, "fix_texts", fix_while_the_author_saves)
    monkeypatch.chdir(book)
    status = cli.main(["--fix", "--no-cache"])
    output = capsys.readouterr().out
    assert status == 2
    assert "chapters/01.md: error: the file changed since mslint read it: not fixed" in output
    assert chapter.read_text(encoding="utf-8") == "The author's newer words.\n"


def test_fix_never_replaces_across_markup(tmp_path):
    rule = "extends: substitution\nmessage: x\naction:\n  name: replace\nswap:\n  foo bar: baz\n"
    book = write_book(tmp_path, {"Foo.yml": rule})
    chapter = book / "chapters" / "01.md"
    chapter.write_text("A foo *bar* here. See [foo](http://x.org) bar now. A foo bar too.\n", encoding="utf-8")
    diff = run_cli(["--diff"], book).stdout
    assert "+A foo *bar* here. See [foo](http://x.org) bar now. A baz too." in diff


def test_diff_reports_unreadable_files(tmp_path):
    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    (book / "chapters" / "bin.md").write_bytes(b"\x00\x01")
    result = run_cli(["--diff"], book)
    assert result.returncode == 2 and "bin.md: binary file" in result.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\r\n\ufeff", max_size=40))
def test_each_offset_of_the_normalized_text_has_its_place_in_the_text_as_read(raw):
    normalized, as_read = normalize(raw), fix._as_read(raw)
    for offset in range(len(normalized) + 1):
        assert normalize(raw[: as_read(offset)]) == normalized[:offset]
    assert as_read(len(normalized)) == len(raw)
