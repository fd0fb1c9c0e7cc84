"""The baseline for a CI gate, end to end through the CLI."""

import json

import pytest

from conftest import run_cli, write_book

RULE = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  teh: the\n"


run = run_cli


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, {"Teh.yml": RULE})
    (tmp_path / "chapters" / "01.md").write_text("First teh word.\n\nSecond teh word. And teh again.\n", encoding="utf-8")
    return tmp_path


def test_write_then_gate(book):
    written = run(["--write-baseline", "baseline.json"], book)
    assert written.returncode == 0 and "recorded 3 findings" in written.stderr
    document = json.loads((book / "baseline.json").read_text(encoding="utf-8"))
    assert document["version"] == 1 and len(document["findings"]) == 3
    assert all("line" not in entry for entry in document["findings"])
    assert document["findings"] == sorted(
        document["findings"], key=lambda e: (e["path"], e["rule"], e["match"], e["fingerprint"])
    )
    gated = run(["--baseline", "baseline.json"], book)
    assert gated.returncode == 0 and gated.stdout == "" and gated.stderr == ""


def test_editing_another_paragraph_does_not_resurface_old_findings(book):
    run(["--write-baseline", "baseline.json"], book)
    chapter = book / "chapters" / "01.md"
    chapter.write_text("A new first paragraph.\n\n" + chapter.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["--baseline", "baseline.json"], book).stdout == ""


def test_a_new_finding_fails_and_a_fixed_one_is_listed_as_stale(book):
    run(["--write-baseline", "baseline.json"], book)
    chapter = book / "chapters" / "01.md"
    chapter.write_text("First the word.\n\nSecond teh word. And teh again.\n\nA new teh here.\n", encoding="utf-8")
    gated = run(["--baseline", "baseline.json"], book)
    assert gated.returncode == 1
    assert gated.stdout.splitlines() == ["chapters/01.md:5:7: error House.Teh: Use 'the' instead of 'teh'."]
    assert "1 baseline entries match no finding" in gated.stderr and "'teh'" in gated.stderr


def test_repeats_are_counted(book):
    """The same word twice in one sentence: one fixed leaves one recorded, a third is new."""
    chapter = book / "chapters" / "01.md"
    chapter.write_text("So teh and teh.\n", encoding="utf-8")
    run(["--write-baseline", "baseline.json"], book)
    chapter.write_text("So teh and teh.\n\nSo teh and teh.\n", encoding="utf-8")
    # A second copy of the sentence: its two findings repeat the recorded ones, so they are new.
    assert len(run(["--baseline", "baseline.json"], book).stdout.splitlines()) == 2


def test_a_baseline_that_is_not_json_is_a_clear_error(book):
    (book / "baseline.json").write_text("{not json", encoding="utf-8")
    gated = run(["--baseline", "baseline.json"], book)
    assert gated.returncode == 2 and gated.stdout == ""
    assert "baseline.json:1:2: the baseline is not valid JSON" in gated.stderr and "--write-baseline" in gated.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        ("[1, 2]", "not an mslint baseline"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "lacks path, rule, match or fingerprint"),
    ],
)
def test_a_foreign_baseline_is_a_clear_error(book, content, message):
    (book / "baseline.json").write_text(content, encoding="utf-8")
    gated = run(["--baseline", "baseline.json"], book)
    assert gated.returncode == 2 and message in gated.stderr


def test_a_missing_baseline_is_a_clear_error(book):
    gated = run(["--baseline", "nowhere.json"], book)
    assert gated.returncode == 2 and "no such baseline file" in gated.stderr
