"""Styles shaped like the published Vale ones (Microsoft, Google, write-good, proselint, alex,
Joblint, Readability, RedHat), small fixtures of our own in tests/data/styles_like using the rule
types and keys those styles use, run over Markdown under a .vale.ini; and a Vale style named
proselint told apart from mslint's own proselint checks."""

import json
import shutil

import pytest

from conftest import DATA, run_cli

STYLES_LIKE = DATA / "styles_like"
SHAPED_LIKE = ("Microsoft", "Google", "write-good", "proselint", "alex", "Joblint", "Readability", "RedHat")


@pytest.fixture
def project(tmp_path):
    shutil.copytree(STYLES_LIKE, tmp_path / "book")
    return tmp_path / "book"


def fired(result) -> set[str]:
    """Every rule with a finding, those merged into another's finding on the same words included."""
    findings = json.loads(result.stdout)["findings"]
    return {rule for finding in findings for rule in (finding["rule"], *finding["also"])}


def listed(project, *args) -> list[str]:
    return [line.split("\t")[0] for line in run_cli(["--list-rules", *args], project).stdout.splitlines()]


def test_every_style_is_shaped_like_one_published():
    assert sorted(p.name for p in (STYLES_LIKE / "styles").iterdir() if p.name != "config") == sorted(SHAPED_LIKE)


def test_the_styles_run_over_markdown_every_rule_of_them(project):
    result = run_cli(["--format", "json", "--no-cache", "chapter.md"], project)
    assert result.returncode == 1 and json.loads(result.stdout)["errors"] == []
    # Vale's script rules are skipped, each with one warning naming its file; the rest run.
    assert result.stderr.splitlines() == [
        "mslint: warning: styles/RedHat/CaseSensitiveTerms.yml:2: rule type 'script' (Tengo scripts) is not supported; "
        "the rule is skipped",
    ]
    rules = set(listed(project))
    assert {rule.split(".")[0] for rule in rules} == {*SHAPED_LIKE, "Vale"}
    assert fired(result) == rules - {"write-good.E-Prime"}  # the one the .vale.ini turns off


def test_a_swap_list_limit_and_scope_list_work_as_in_vale(project):
    lines = run_cli(["--format", "vale-line", "--no-cache", "chapter.md"], project).stdout.splitlines()
    # swap as a list of single-key maps, merged; its choices offered in turn
    assert (
        "chapter.md:3:12:alex.Ablist:When referring to a person, consider using 'rude', 'mad', or 'foolish' instead of 'crazy'."
        in lines
    )
    # limit: 1, of three matches
    assert [line for line in lines if "RedHat.TermsErrors" in line] == [
        "chapter.md:5:23:RedHat.TermsErrors:Use 'backend' rather than 'back-end'."
    ]
    # scope: [heading, sentence] reads paragraphs too, not only headings
    assert "chapter.md:9:79:RedHat.Slash:Use either 'or' or 'and' in 'Yes/no'" in lines


def test_under_a_vale_ini_proselint_is_the_vale_style(project):
    """mslint's own proselint checks (proselint.<check path>) are off in a Vale project."""
    assert [rule for rule in listed(project) if rule.startswith("proselint.")] == [
        "proselint.Spelling",
        "proselint.Typography",
        "proselint.Very",
    ]


def test_under_tool_mslint_a_style_named_proselint_and_proselints_checks_cannot_share_the_ids(project):
    (project / ".vale.ini").unlink()
    (project / "mslint.toml").write_text('styles-path = "styles"\npaths = ["chapter.md"]\n')
    result = run_cli(["--list-rules"], project)
    assert result.returncode == 2
    assert result.stderr.startswith("mslint: styles/proselint: a style named proselint, and proselint's own checks")
    assert "set proselint = false" in result.stderr
    # proselint = false: the style alone.
    (project / "mslint.toml").write_text('styles-path = "styles"\nproselint = false\n')
    assert [r for r in listed(project) if r.startswith("proselint.")] == [
        "proselint.Spelling",
        "proselint.Typography",
        "proselint.Very",
    ]
    # The style's folder renamed: both, each with ids of its own.
    (project / "styles" / "proselint").rename(project / "styles" / "proselint-vale")
    (project / "mslint.toml").write_text('styles-path = "styles"\n')
    rules = listed(project)
    assert "proselint-vale.Very" in rules and "proselint.lexical_illusions" in rules
