"""Output formats through the CLI: GitHub annotations, SARIF, JUnit, GitLab Code Quality."""

import json
from xml.etree import ElementTree

import jsonschema
import pytest

from conftest import DATA, run_at_terminal, run_cli, write_book

RULE = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nswap:\n  teh: the\n"
SUGGESTION = "extends: existence\ndescription: Very is weak.\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\ntokens: [very]\n"


run = run_cli


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, {"Teh.yml": RULE, "Very.yml": SUGGESTION})
    # A line that starts with "::" and holds a percent sign and a comma: none may reach GitHub raw.
    (tmp_path / "chapters" / "01.md").write_text("::warning::teh 100% very, ok\n", encoding="utf-8")
    (tmp_path / "chapters" / "02.md").write_text("All clean.\n", encoding="utf-8")
    return tmp_path


def test_github_annotations_are_escaped(book):
    result = run(["--format", "github"], book)
    assert result.stdout.splitlines() == [
        "::error file=chapters/01.md,line=1,col=12,endLine=1,endColumn=15,title=House.Teh::Use 'the' instead of 'teh'.",
        "::notice file=chapters/01.md,line=1,col=21,endLine=1,endColumn=25,title=House.Very::Avoid 'very'.",
    ]


def test_github_escapes_data_and_properties():
    from mslint.formats import _workflow_command

    line = _workflow_command("error", {"file": "a,b:c.md", "title": "x%y"}, "100%\n::set-env name=X::1\r")
    assert line == "::error file=a%2Cb%3Ac.md,title=x%25y::100%25%0A::set-env name=X::1%0D"
    assert "\n" not in line


def test_github_format_is_chosen_on_github_actions(book):
    assert run([], book, GITHUB_ACTIONS="true").stdout.startswith("::error file=chapters/01.md")
    assert run([], book).stdout.startswith("chapters/01.md:1:12: error House.Teh")


def test_sarif_validates_against_the_schema(book):
    report = json.loads(run(["--format", "sarif"], book).stdout)
    schema = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    run_ = report["runs"][0]
    assert report["$schema"] and run_["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["House.Teh", "House.Very"]
    very = run_["tool"]["driver"]["rules"][1]
    assert very["shortDescription"]["text"] == "Very is weak" and very["defaultConfiguration"]["level"] == "note"
    assert "mslint --explain House.Very" in very["help"]["text"]
    [teh, _] = run_["results"]
    assert teh["ruleId"] == "House.Teh" and teh["level"] == "error" and teh["ruleIndex"] == 0
    assert teh["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 12,
        "endLine": 1,
        "endColumn": 15,
        "snippet": {"text": "teh"},
    }
    assert len(teh["partialFingerprints"]["mslintFingerprint/v1"]) == 32


def test_sarif_with_an_unreadable_file_still_validates(book):
    (book / "chapters" / "03.md").write_bytes(b"\xff\xfe\x00")
    report = json.loads(run(["--format", "sarif"], book).stdout)
    jsonschema.validate(report, json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    invocation = report["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_junit(book):
    root = ElementTree.fromstring(run(["--format", "junit"], book).stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"chapters/01.md", "chapters/02.md"}
    assert suites["chapters/01.md"].get("failures") == "2" and suites["chapters/02.md"].get("failures") == "0"
    names = [c.get("name") for c in suites["chapters/01.md"].iter("testcase")]
    assert names == ["House.Teh 1:12", "House.Very 1:21"]
    assert [c.get("name") for c in suites["chapters/02.md"].iter("testcase")] == ["mslint"]


def test_gitlab_code_quality_with_stable_fingerprints(book):
    before = json.loads(run(["--format", "gitlab"], book).stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["positions"]["begin"]) for i in before] == [
        ("House.Teh", "major", "chapters/01.md", {"line": 1, "column": 12}),
        ("House.Very", "info", "chapters/01.md", {"line": 1, "column": 21}),
    ]
    # A new paragraph above moves the findings down two lines; their fingerprints stay.
    chapter = book / "chapters" / "01.md"
    chapter.write_text("A new opening paragraph.\n\n" + chapter.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run(["--format", "gitlab"], book).stdout)
    assert [i["location"]["positions"]["begin"]["line"] for i in after] == [3, 3]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert len({i["fingerprint"] for i in after}) == 2


def test_sarif_describes_unused_suppressions(tmp_path):
    import jsonschema

    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    (book / "chapters" / "01.md").write_text("<!-- mslint-disable House.Nothing -->\n\nFine.\n", encoding="utf-8")
    report = json.loads(run_cli(["--format", "sarif", "--report-unused-suppressions"], book).stdout)
    jsonschema.validate(report, json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    [result] = report["runs"][0]["results"]
    assert result["ruleId"] == "mslint.UnusedSuppression"
    assert report["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "mslint.UnusedSuppression"


def test_statistics_count_findings_per_rule_most_first(tmp_path):
    rules = {
        "Teh.yml": "extends: substitution\nmessage: x\nlevel: error\naction:\n  name: replace\nswap:\n  teh: the\n",
        "Very.yml": "extends: existence\nmessage: x\nlevel: suggestion\ntokens: [very]\n",
    }
    book = write_book(tmp_path, rules)
    (book / "chapters" / "01.md").write_text("teh very very teh teh end\n", encoding="utf-8")
    result = run_cli(["--statistics"], book)
    assert result.stdout == "3  error       House.Teh  (3 fixable)\n2  suggestion  House.Very\n"
    assert result.returncode == 1


FIXABLE = {
    "Teh.yml": (
        "extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nlevel: error\naction:\n  name: replace\nswap:\n  teh: the\n"
    ),
    "Very.yml": "extends: existence\nmessage: Cut '%s'.\nlevel: suggestion\ntokens: [very]\n",
}


def test_the_full_report_groups_by_file_underlines_the_words_and_ends_with_a_summary(tmp_path):
    book = write_book(tmp_path, FIXABLE)
    (book / "chapters" / "01.md").write_text("# One\n\nA very good teh end.\n", encoding="utf-8")
    (book / "chapters" / "02.md").write_text("Fine.\n", encoding="utf-8")
    result = run_cli(["--format", "full"], book)
    assert result.stdout == (
        "chapters/01.md\n"
        "  3:3  suggestion  Cut 'very'.  House.Very\n"
        "    A very good teh end.\n"
        "      ^^^^\n"
        "  3:13  error  Use 'the', not 'teh'.  House.Teh\n"
        "    A very good teh end.\n"
        "                ^^^\n"
        "    → the\n"
        "\n"
        "1 error and 1 suggestion in 1 file (1 fixable with --fix).\n"
    )
    assert "\x1b[" not in result.stdout  # no colour in a pipe
    coloured = run_cli(["--format", "full"], book, FORCE_COLOR="1").stdout
    assert "\x1b[31merror\x1b[0m" in coloured and "\x1b[1mchapters/01.md\x1b[0m" in coloured
    (book / "chapters" / "01.md").write_text("Fine too.\n", encoding="utf-8")
    assert run_cli(["--format", "full"], book).stdout == "No findings in 2 files.\n"


def test_in_a_pipe_the_default_is_one_line_a_finding(tmp_path):
    book = write_book(tmp_path, FIXABLE)
    (book / "chapters" / "01.md").write_text("teh\n", encoding="utf-8")
    expected = "chapters/01.md:1:1: error House.Teh: Use 'the', not 'teh'.\n"
    assert run_cli([], book).stdout == run_cli(["--format", "concise"], book).stdout == expected


def at_a_terminal(book, **env) -> str:
    """What mslint prints when its standard output is a terminal (a pseudo-terminal here)."""
    return run_at_terminal([], book, **env)[0]


def test_at_a_terminal_the_default_is_the_full_report_in_colour_unless_no_color(tmp_path):
    book = write_book(tmp_path, FIXABLE)
    (book / "chapters" / "01.md").write_text("teh\n", encoding="utf-8")
    coloured = at_a_terminal(book)
    assert coloured.startswith("\x1b[1mchapters/01.md\x1b[0m\n  1:1  \x1b[31merror\x1b[0m  Use 'the', not 'teh'.")
    assert coloured.endswith("1 error in 1 file (1 fixable with --fix).\n")
    plain = at_a_terminal(book, NO_COLOR="1")
    assert plain.startswith("chapters/01.md\n  1:1  error  Use 'the', not 'teh'.  House.Teh\n")
