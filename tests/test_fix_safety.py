"""--fix writes only where it is asked to: in the project, or what the command line names; never
through a symbolic link out of the project, never parting hard links or changing a file's owner;
it cleans up after a run that was stopped, and leaves a file alone when its fixes do not settle."""

import os
import stat
import time

import pytest

from conftest import run_cli, write_book
from mslint import fix

REPLACE = "extends: substitution\nmessage: x\nlevel: error\naction:\n  name: replace\nswap:\n"
RULES = {"Name.yml": REPLACE + "  Histradrut: Histadrut\n"}
TEXT, FIXED = "The Histradrut said so.\n", "The Histadrut said so.\n"

run = run_cli


@pytest.fixture
def book(tmp_path):
    (tmp_path / "book").mkdir()
    return write_book(tmp_path / "book", RULES)


@pytest.fixture
def outside(tmp_path):
    """A folder beside the project, not in it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def chapter(book, text=TEXT, name="01.md"):
    path = book / "chapters" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_symbolic_link_out_of_the_project_is_not_followed(book, outside):
    real = outside / "real.md"
    real.write_text(TEXT, encoding="utf-8")
    (book / "chapters" / "01.md").symlink_to(real)
    result = run(["--fix"], book)
    assert result.returncode == 2
    refusal = f"a symbolic link to {real}, outside the project: not fixed; name {real} on the command line to fix it\n"
    assert f"chapters/01.md: error: {refusal}" in result.stdout
    assert real.read_text(encoding="utf-8") == TEXT
    named = run(["--fix", str(real)], book)  # named on the command line: asked for
    assert named.returncode == 0 and real.read_text(encoding="utf-8") == FIXED


def test_naming_the_link_is_not_naming_where_it_leads(book, outside):
    real = outside / "real.md"
    real.write_text(TEXT, encoding="utf-8")
    (book / "chapters" / "01.md").symlink_to(real)
    for named in ("chapters/01.md", "chapters"):
        result = run(["--fix", named], book)
        assert result.returncode == 2 and "outside the project: not fixed" in result.stdout
    assert real.read_text(encoding="utf-8") == TEXT


def test_a_symbolic_link_to_a_file_that_is_not_markdown_is_not_followed(book):
    notes = book / "notes" / "plan.cfg"
    notes.parent.mkdir()
    notes.write_text(TEXT, encoding="utf-8")
    (book / "chapters" / "01.md").symlink_to(notes)
    result = run(["--fix"], book)
    assert result.returncode == 2
    # A link is shown by its own name, where the manuscript has it.
    assert (
        f"chapters/01.md: error: a symbolic link to {notes}, which is not a Markdown or text file: not fixed\n" in result.stdout
    )
    assert notes.read_text(encoding="utf-8") == TEXT


def test_paths_outside_the_project_in_the_config_are_linted_but_not_fixed(book, outside):
    real = outside / "01.md"
    real.write_text(TEXT, encoding="utf-8")
    (book / "pyproject.toml").write_text(
        f'[tool.mslint]\npaths = ["chapters", "{outside}"]\nstyles-path = "styles"\nproselint = false\n', encoding="utf-8"
    )
    refusal = f"outside the project ({book}): not fixed; name it on the command line to fix it\n"
    result = run(["--fix"], book)
    assert result.returncode == 2 and f"{real}: error: {refusal}" in result.stdout
    assert f"{real}:1:5: error House.Name: x" in result.stdout  # still linted
    assert real.read_text(encoding="utf-8") == TEXT
    diff = run(["--diff"], book)
    assert (diff.returncode, diff.stdout) == (2, "")
    assert diff.stderr == f"mslint: {real}: {refusal}"
    assert run(["--fix", str(outside)], book).returncode == 0 and real.read_text(encoding="utf-8") == FIXED


def test_a_file_with_hard_links_is_not_fixed(book, outside):
    path = chapter(book)
    other = outside / "same.md"
    os.link(path, other)
    result = run(["--fix"], book)
    assert result.returncode == 2
    expected = "chapters/01.md: error: the file has 2 hard links, which a rewrite would part: not fixed; fix it by hand\n"
    assert expected in result.stdout
    assert path.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == TEXT
    assert path.stat().st_ino == other.stat().st_ino


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_run_as_root_a_fixed_file_keeps_its_owner_group_and_mode(book):
    path = chapter(book)
    os.chown(path, 4321, 8765)
    path.chmod(0o640)
    assert run(["--fix"], book).returncode == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 8765, 0o640)
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_file_of_another_user_is_not_taken_over(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    owner = path.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # someone else, not root
    reason = fix.write(path, b"old\n", "new\n")
    assert reason == f"the file belongs to another user (uid {owner}), and a rewrite would make it yours: not fixed"
    assert path.read_text(encoding="utf-8") == "old\n"


def test_a_group_the_new_file_cannot_get_is_not_lost(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    info = path.stat()

    def refuse(handle, uid, gid):
        raise PermissionError(1, "Operation not permitted")

    # The new file gets a group of its own (a set-group-id folder, say), and may not be given the old one's.
    monkeypatch.setattr(os, "fstat", lambda handle: _with_group(info, info.st_gid + 1))
    monkeypatch.setattr(os, "fchown", refuse)
    reason = fix.write(path, b"old\n", "new\n")
    assert reason == (
        f"cannot write the fix: cannot give the new file the old one's owner and group (uid {info.st_uid}, gid {info.st_gid})"
    )
    assert path.read_text(encoding="utf-8") == "old\n" and list(tmp_path.iterdir()) == [path]


def _with_group(info: os.stat_result, gid: int) -> os.stat_result:
    fields = list(info)
    fields[stat.ST_GID] = gid
    return os.stat_result(fields)


def test_a_stopped_runs_temporary_files_are_removed(book):
    chapter(book)
    folder = book / "chapters"
    old, fresh = folder / ".01.md.k3j_x9a2.mslint-tmp", folder / ".01.md.zz00aa11.mslint-tmp"
    not_ours = [folder / "01.md.k3j_x9a2.mslint-tmp", folder / ".01.md.k3j_x9a2.mslint-tmp.bak", folder / ".01.md.mslint-tmp"]
    for path in [old, fresh, *not_ours]:
        path.write_text("half a chapter", encoding="utf-8")
    link = folder / ".02.md.abcdefgh.mslint-tmp"
    link.symlink_to(book / "pyproject.toml")
    minutes_ago = time.time() - 120
    for path in [old, *not_ours]:
        os.utime(path, (minutes_ago, minutes_ago))
    os.utime(link, (minutes_ago, minutes_ago), follow_symlinks=False)
    result = run(["--fix"], book)
    assert "mslint: removed 1 temporary file a stopped run left in chapters\n" in result.stderr
    assert not old.exists() and fresh.exists() and link.is_symlink() and all(path.exists() for path in not_ours)


def test_diff_removes_nothing(book):
    chapter(book)
    old = book / "chapters" / ".01.md.k3j_x9a2.mslint-tmp"
    old.write_text("half a chapter", encoding="utf-8")
    os.utime(old, (time.time() - 120, time.time() - 120))
    assert run(["--diff"], book).returncode == 1 and old.exists()


SWAPS = {
    "Color.yml": REPLACE + "  colour: color\n",
    "Colour.yml": REPLACE + "  color: colour\n",
    "Inc.yml": REPLACE + "  Inc: Inc.\n",  # the replacement holds the match: the text grows each pass
}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Its colour faded.\n", "the fixes did not settle after 2 passes; fix by hand: rules House.Color, House.Colour"),
        ("Its color, its colour.\n", "the fixes did not settle after 2 passes; fix by hand: rules House.Color, House.Colour"),
        ("Acme Inc sold it.\n", f"the fixes did not settle after {fix.MAX_PASSES} passes; fix by hand: rules House.Inc"),
    ],
    ids=["swapped-back", "swapped-both-ways", "growing"],
)
def test_fixes_that_do_not_settle_write_nothing_to_that_file(tmp_path, text, message):
    book = write_book(tmp_path, {**RULES, **SWAPS})
    looping, plain = chapter(book, text), chapter(book, TEXT, "02.md")
    result = run(["--fix"], book)
    assert result.returncode == 2
    assert f"chapters/01.md: error: {message}\n" in result.stdout
    assert looping.read_text(encoding="utf-8") == text
    assert plain.read_text(encoding="utf-8") == FIXED  # the other file is fixed as usual
    assert result.stderr == "mslint: fixed chapters/02.md\n"
    plain.write_text(TEXT, encoding="utf-8")
    diff = run(["--diff"], book)
    assert diff.returncode == 2 and diff.stderr == f"mslint: chapters/01.md: {message}\n"
    assert diff.stdout.startswith("--- a/chapters/02.md\n") and "chapters/01.md" not in diff.stdout


UNWRITABLE = {
    "a NUL, which makes the file binary": '"z\\0p"',
    "a line break, which splits the paragraph": '"line one\\n\\nline two"',
    "a carriage return, which mixes the line endings": '"a\\r\\nb"',
    "a suppression comment, which silences what follows": '"bold <!-- mslint-disable -->"',
    "a bidirectional override": '"\\u202ezap"',
}


@pytest.mark.parametrize("replacement", UNWRITABLE.values(), ids=UNWRITABLE.keys())
def test_a_replacement_that_would_break_the_file_is_reported_not_written(tmp_path, replacement):
    book = write_book(tmp_path, {"Weird.yml": REPLACE + f"  zap: {replacement}\n"})
    path = chapter(book, "A zap here, and the the end.\n")
    result = run(["--fix"], book)
    assert path.read_text(encoding="utf-8") == "A zap here, and the the end.\n"
    assert result.returncode == 1 and "chapters/01.md:1:3: error House.Weird: x" in result.stdout


def test_a_chapter_and_a_link_to_it_are_one_file_fixed_once(book):
    path = chapter(book, name="target.md")
    (book / "chapters" / "link.md").symlink_to("target.md")
    result = run(["--fix"], book)
    assert (result.returncode, result.stdout) == (0, "")  # no "changed since mslint read it" for its own write
    assert result.stderr == "mslint: fixed chapters/link.md\n"
    assert path.read_text(encoding="utf-8") == FIXED and (book / "chapters" / "link.md").is_symlink()
