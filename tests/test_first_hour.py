"""An author's first hour: mslint init, the progress line at a terminal, and mslint --watch."""

import contextlib
import io
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, as_a_user, run_at_terminal, run_cli, write_book
from mslint import __version__, watch
from mslint.cli import main
from mslint.progress import ERASE, ProgressLine

WRITTEN = [
    "mslint.toml",
    "styles/Book/Abbreviations.yml",
    "styles/Book/Balance.yml",
    "styles/Book/Capitals.yml",
    "styles/Book/DoubledWords.yml",
    "styles/Book/HouseSpellings.yml",
    "styles/Book/Hyphenation.yml",
    "styles/Book/Marks.yml",
    "styles/Book/Placeholders.yml",
    "styles/Book/ScareQuotesConsistent.yml",
    "styles/Book/Spelling.yml",
    "styles/Book/Variants.yml",
    "styles/config/vocabularies/Book/accept.txt",
    "styles/config/vocabularies/Book/reject.txt",
    ".pre-commit-config.yaml",
    ".github/workflows/mslint.yml",
]
NEXT_STEPS = (
    "Next: put the chapters in manuscript/ (or change paths in mslint.toml), then\n"
    "  mslint                 lint them\n"
    "  mslint test            run the examples of the rules in styles/Book/ (after editing them too)\n"
    "  mslint vocab unknown   list the words no dictionary knows; mslint vocab add WORD accepts one\n"
    "  mslint stylesheet      the book's style sheet; --write stylesheet.yml records it for the rules\n"
    "  pre-commit install     lint the chapters of each commit\n"
)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# --- mslint init ---------------------------------------------------------------------------


def test_from_an_empty_folder_to_a_linted_chapter_and_a_word_accepted(tmp_path):
    made = run_cli(["init"], tmp_path)
    assert made.stderr == "".join(f"mslint: wrote {name}\n" for name in WRITTEN) + NEXT_STEPS
    assert (made.returncode, made.stdout) == (0, "")
    assert sorted(files_in(tmp_path)) == sorted(WRITTEN)

    tested = run_cli(["test"], tmp_path)
    assert (tested.returncode, tested.stdout, tested.stderr) == (0, "", "mslint: 82 examples of 11 rules: none broken\n")

    (tmp_path / "manuscript").mkdir()
    (tmp_path / "manuscript" / "01.md").write_text("# One\n\nThe Zorblaxian fleet sailed towards TK.\n", encoding="utf-8")
    linted = run_cli([], tmp_path)
    assert linted.stdout == (
        "manuscript/01.md:3:5: warning Book.Spelling: 'Zorblaxian' is not in the dictionary or the book's vocabulary.\n"
        "manuscript/01.md:3:29: warning Book.HouseSpellings: The house style spells it 'toward', not 'towards'.\n"
        "manuscript/01.md:3:37: error Book.Placeholders: 'TK' is a note for later: finish the passage.\n"
    )
    assert (linted.returncode, linted.stderr) == (1, "")

    added = run_cli(["vocab", "add", "Zorblaxian"], tmp_path)
    assert added.stderr == "mslint: 1 new in styles/config/vocabularies/Book/accept.txt: Zorblaxian\n"
    assert "Zorblaxian" not in run_cli([], tmp_path).stdout
    assert run_cli(["--fix"], tmp_path).stdout == (
        "manuscript/01.md:3:36: error Book.Placeholders: 'TK' is a note for later: finish the passage.\n"
    )


def test_init_again_keeps_every_file_byte_for_byte(tmp_path):
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")  # the author's own
    first = run_cli(["init"], tmp_path)
    assert "mslint: kept .pre-commit-config.yaml: it exists\n" in first.stderr
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    (tmp_path / "mslint.toml").write_text('paths = ["chapters"]\n', encoding="utf-8")  # edited since
    before = files_in(tmp_path)
    again = run_cli(["init"], tmp_path)
    assert files_in(tmp_path) == before
    kept = [f"mslint: kept {name}: it exists\n" for name in WRITTEN[1:]]
    assert again.stderr == "mslint: kept mslint.toml: it configures mslint here already\n" + "".join(kept) + NEXT_STEPS
    assert again.returncode == 0


def test_init_leaves_a_project_configured_in_pyproject_as_it_is(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mslint]\npaths = ["book"]\n', encoding="utf-8")
    result = run_cli(["init", "--style", "House"], tmp_path)
    assert result.stderr.startswith("mslint: kept pyproject.toml: it configures mslint here already\n")
    assert "mslint: wrote styles/House/Spelling.yml\n" in result.stderr
    assert not (tmp_path / "mslint.toml").exists()


def test_init_with_a_style_of_another_name(tmp_path):
    assert run_cli(["init", "--style", "House"], tmp_path).returncode == 0
    assert sorted(path.name for path in (tmp_path / "styles").iterdir()) == ["House", "config"]
    assert 'styles = ["House"]\n' in (tmp_path / "mslint.toml").read_text(encoding="utf-8")
    assert (tmp_path / "styles" / "config" / "vocabularies" / "House" / "accept.txt").is_file()
    assert run_cli(["test"], tmp_path).returncode == 0
    bad = run_cli(["init", "--style", "../x"], tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.endswith("argument --style: '../x': a style's name is a letter, then up to 63 letters, digits, - or _\n")
    assert run_cli(["init", "--style", "x" * 300], tmp_path).returncode == 2  # a name the file system cannot hold


def test_the_hooks_are_pinned_to_this_version(tmp_path):
    run_cli(["init"], tmp_path)
    [repo] = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    [hook] = repo["hooks"]
    [published] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert repo["repo"] == "local"
    assert hook == published | {"additional_dependencies": [f"mslint=={__version__}"], "files": "^manuscript/"}
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "mslint.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["mslint"]["steps"]
    assert [step.get("uses", "").split("@")[0] for step in steps[:2]] == ["actions/checkout", "actions/setup-python"]
    assert [step["run"] for step in steps[2:]] == [f"python -m pip install mslint=={__version__}", "mslint --format github"]


@pytest.mark.parametrize("in_the_way", ["styles", "styles/Book", ".github/workflows"])
def test_init_where_a_file_stands_for_a_folder_names_it_and_writes_nothing(tmp_path, in_the_way):
    (tmp_path / in_the_way).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / in_the_way).write_text("not a folder\n", encoding="utf-8")
    result = run_cli(["init"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    fix = "move it, or run mslint init elsewhere"
    assert result.stderr == f"mslint: {in_the_way} is a file where mslint init makes a folder; {fix}\n"
    assert not (tmp_path / "mslint.toml").exists()  # no half-made project


def test_init_where_a_file_cannot_be_written_says_which_and_exits_2(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "Book").mkdir(mode=0o500)
    result = run_cli(["init"], tmp_path, prefix=as_a_user())
    assert result.returncode == 2
    stopped = "mslint: cannot write styles/Book/Abbreviations.yml: Permission denied; mslint init stopped there\n"
    assert result.stderr.endswith(stopped)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_init_in_a_folder_that_cannot_be_written_exits_2():
    """/proc/self is a folder no one, not even root, can write in."""
    result = run_cli(["init"], "/proc/self")
    assert result.returncode == 2
    assert result.stderr.startswith("mslint: cannot write in /proc/")
    assert result.stderr.endswith(": run mslint init in a folder you can write in\n")


# --- at a terminal: colour and progress; in a pipe, neither -------------------------------

RULES = {"Teh.yml": "extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nlevel: error\nswap:\n  teh: the\n"}


def six_chapters(tmp_path) -> Path:
    book = write_book(tmp_path, RULES)
    for number in range(1, 7):
        (book / "chapters" / f"0{number}.md").write_text(f"Chapter {number}.\n", encoding="utf-8")
    (book / "chapters" / "01.md").write_text("teh\n", encoding="utf-8")
    return book


def test_at_a_terminal_the_report_is_in_colour_and_the_progress_line_rewritten_then_erased(tmp_path):
    book = six_chapters(tmp_path)
    shown, said = run_at_terminal(["--no-cache"], book)
    assert shown.startswith("\x1b[1mchapters/01.md\x1b[0m\n  1:1  \x1b[31merror\x1b[0m  Use 'the', not 'teh'.")
    assert said == "".join(f"{ERASE}mslint: {n}/6 files · chapters/0{n}.md" for n in range(1, 7)) + ERASE
    assert run_at_terminal(["--no-cache"], book, CI="true")[1] == ""  # a CI log would keep every rewrite


def test_in_a_pipe_there_is_no_colour_and_no_progress_line(tmp_path):
    result = run_cli(["--no-cache", "--format", "full"], six_chapters(tmp_path))
    assert result.stdout.startswith("chapters/01.md\n  1:1  error  Use 'the', not 'teh'.  House.Teh\n")
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


def test_the_progress_line_waits_for_a_long_run_and_fits_the_line():
    few = io.StringIO()
    line = ProgressLine(few)
    line(1, 2, "a.md")
    line.clear()
    assert few.getvalue() == ""  # two quick files: nothing to show
    line.started -= 1  # as if a second had gone by
    line(2, 2, "b\x1b.md")
    line.clear()
    assert few.getvalue() == f"{ERASE}mslint: 2/2 files · b\\x1b.md{ERASE}"
    long = io.StringIO()
    ProgressLine(long)(1, 40, "x" * 200)  # not a terminal: 80 columns
    assert long.getvalue() == ERASE + ("mslint: 1/40 files · " + "x" * 200)[:79]


# --- mslint --watch -----------------------------------------------------------------------

TEH = "chapters/{}.md:1:{}: error House.Teh: Use 'the', not 'teh'.\n"


def test_watch_prints_what_each_change_brings_and_takes_away(tmp_path, monkeypatch, capsys):
    book = write_book(tmp_path, RULES)
    chapters, rules = book / "chapters", book / "styles" / "House"
    (chapters / "01.md").write_text("A teh end.\n", encoding="utf-8")
    (chapters / "02.md").write_text("Fine.\n", encoding="utf-8")

    def edits(roots, wanted):
        assert roots == [chapters, book / "styles", book / "pyproject.toml"]
        assert wanted(chapters / "03.md") and wanted(rules / "New.yml") and wanted(book / "pyproject.toml")
        assert not wanted(chapters / ".01.md.swp") and not wanted(book / ".mslint_cache" / "file-0.json")
        (chapters / "02.md").write_text("Fine teh.\n", encoding="utf-8")
        yield {chapters / "02.md"}
        (chapters / "01.md").write_text("A fine end.\n", encoding="utf-8")
        yield {chapters / "01.md"}
        (rules / "Fine.yml").write_text("extends: existence\nmessage: \"'%s'?\"\ntokens: [fine]\n", encoding="utf-8")
        yield {rules / "Fine.yml"}
        (rules / "Fine.yml").write_text("extends: existence\nmessage: [\n", encoding="utf-8")
        yield {rules / "Fine.yml", chapters / "02.md"}
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(watch, "changes_on_disk", edits)
    monkeypatch.chdir(book)
    assert main(["--watch"]) == 0
    assert capsys.readouterr().out == (
        TEH.format("01", 3)
        + "mslint: 1 error in 1 file. Watching for changes; Ctrl-C stops.\n"
        # chapter 2 gets a finding
        + TEH.format("02", 6)
        + "mslint: 2 errors in 2 files. 1 new, 0 fixed.\n"
        # chapter 1 loses its own
        + "chapters/01.md: 1 finding fixed\nmslint: 1 error in 1 file. 0 new, 1 fixed.\n"
        # a new rule
        + "mslint: styles/House/Fine.yml changed: the rules are loaded again\n"
        + "chapters/01.md:1:3: warning House.Fine: 'fine'?\n"
        + "mslint: 1 error and 1 warning in 2 files. 1 new, 0 fixed.\n"
        # a broken rule: the rules before stay
        + "mslint: styles/House/Fine.yml changed: styles/House/Fine.yml:3: invalid YAML: did not find expected node "
        + "content; the rules loaded before stay in use\n"
        + "mslint: 1 error and 1 warning in 2 files. 0 new, 0 fixed.\n"
    )


def test_watch_in_a_real_process_reports_a_saved_finding_and_stops_cleanly_at_ctrl_c(tmp_path):
    book = write_book(tmp_path, RULES)
    chapter = book / "chapters" / "01.md"
    chapter.write_text("Fine.\n", encoding="utf-8")
    command = [sys.executable, "-m", "mslint", "--watch"]
    process = subprocess.Popen(command, cwd=book, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        assert lines.get(timeout=120) == "mslint: No findings in 1 file. Watching for changes; Ctrl-C stops.\n"
        # The watcher starts once the first run is printed: save again until it has seen a save.
        deadline, seen = time.monotonic() + 120, []
        while TEH.format("01", 3) not in seen and time.monotonic() < deadline:
            chapter.write_text("A teh end.\n", encoding="utf-8")
            with contextlib.suppress(queue.Empty):
                seen.append(lines.get(timeout=1))
        assert TEH.format("01", 3) in seen
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == ""
    finally:
        process.kill()
        process.wait()


def test_watch_refuses_what_would_make_another_report_or_change_files(tmp_path):
    book = write_book(tmp_path, RULES)
    result = run_cli(["--watch", "--fix", "--format", "json"], book)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "mslint: --watch prints the findings that change as text; it does not go with --fix, --format\n"
