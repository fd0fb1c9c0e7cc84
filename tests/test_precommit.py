"""mslint as a real pre-commit hook, in a throw-away Git repository, offline."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, write_book

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

RULES = {
    "Names.yml": "extends: variants\nmessage: \"'%s' (%s) or '%s' (%s)?\"\nlevel: error\n",
    "Teh.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  teh: the\n",
}


def published_hook() -> dict:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


@pytest.fixture
def repo(tmp_path):
    """A manuscript repository whose pre-commit config runs the published hook as a local one."""
    hook = {**published_hook(), "language": "system", "files": "^chapters/"}
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.update(GIT_AUTHOR_NAME="A", GIT_AUTHOR_EMAIL="a@example.com", GIT_COMMITTER_NAME="A", GIT_COMMITTER_EMAIL="a@example.com")
    book = tmp_path / "book"
    book.mkdir()
    write_book(book, RULES)
    (book / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8"
    )

    def git(*args, check=True):
        return subprocess.run(["git", *args], cwd=book, env=env, capture_output=True, text=True, check=check)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "set-up", "--no-verify")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=book, env=env, check=True, capture_output=True)
    return book, git


def test_the_published_hook_is_as_pre_commit_wants_it():
    hook = published_hook()
    assert hook["id"] == "mslint" and hook["entry"].startswith("mslint ")
    assert hook["types_or"] == ["markdown", "plain-text"] and hook["require_serial"] is True
    assert "args" not in hook


def test_a_clean_commit_goes_through(repo):
    book, git = repo
    (book / "chapters" / "01.md").write_text("The Histadrut grew, and the Histadrut won.\n", encoding="utf-8")
    git("add", "chapters/01.md")
    commit = git("commit", "-m", "chapter one", check=False)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "mslint" in commit.stdout + commit.stderr and "Passed" in commit.stdout + commit.stderr


def test_a_commit_is_blocked_by_a_variant_in_another_chapter(repo):
    book, git = repo
    (book / "chapters" / "01.md").write_text("The Histadrut grew, and the Histadrut won.\n", encoding="utf-8")
    git("add", "chapters/01.md")
    git("commit", "-q", "-m", "chapter one")
    (book / "chapters" / "02.md").write_text("Then the Histradrut fell.\n", encoding="utf-8")
    git("add", "chapters/02.md")
    commit = git("commit", "-m", "chapter two", check=False)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0
    # Only the committed chapter is reported, though the rule read chapter one to judge it.
    assert "chapters/02.md:1:10: error House.Names: 'Histradrut' (1) or 'Histadrut' (2)?" in output
    assert "chapters/01.md" not in output
    assert git("log", "--oneline").stdout.count("\n") == 2
