"""Output that stays well-formed whatever the manuscript, its file names and the terminal hold:
JUnit parses as XML, JSON formats are UTF-8 under any stdout encoding, and no escape sequence
reaches a terminal raw (control characters are shown as Python writes them: ESC as \\x1b)."""

import json
import os
from xml.etree import ElementTree

import jsonschema
import pytest

from conftest import DATA, run_cli, write_book

# Reports every word starting "very" or "caf", with whatever follows it up to a space.
RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nraw: ['(?:very|caf)\\S*']\n"
RED = "\x1b[31mred.md"  # a file name that would turn a terminal red
NOT_UTF8 = os.fsdecode(b"\xff.md")  # a file name that is not UTF-8, as Python names it: "\udcff.md"
BINARY = "binary file (it contains NUL bytes); mslint reads UTF-8 Markdown and text"


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, {"Very.yml": RULE})
    # An OSC sequence that would retitle the terminal, then C0 controls and XML's non-characters.
    (tmp_path / "chapters" / RED).write_text("A very\x1b]0;title\x07 day.\n\nvery\x01\ufffe\uffff ok\n", encoding="utf-8")
    (tmp_path / "chapters" / "plain.md").write_text("A café.\n", encoding="utf-8")
    (tmp_path / "chapters" / NOT_UTF8).write_bytes(b"\x00binary")
    return tmp_path


TEXT = [
    "chapters/\\x1b[31mred.md:1:3: error House.Very: Avoid 'very\\x1b]0;title\\x07'.",
    "chapters/\\x1b[31mred.md:3:1: error House.Very: Avoid 'very\\x01\\ufffe\\uffff'.",
    "chapters/plain.md:1:3: error House.Very: Avoid 'café.'.",
    f"chapters/\\udcff.md: error: {BINARY}",
]


def test_printable_shows_controls_surrogates_and_xml_noncharacters_as_escapes():
    from mslint.formats import printable

    assert printable("a\x1b[0m\t\n\x7f\x9b\udcff\ufffe\uffff é\u200b") == "a\\x1b[0m\\t\\n\\x7f\\x9b\\udcff\\ufffe\\uffff é\u200b"
    # Marks that reorder the line, and separators that break it, in a terminal: a quoted line showed
    # its words in another order than the file holds them.
    assert printable("\u202eevil\u202c \u2066x\u2069 \u200f\u061c \u2028\u2029 שלום") == (
        "\\u202eevil\\u202c \\u2066x\\u2069 \\u200f\\u061c \\u2028\\u2029 שלום"
    )


def test_text_output_never_sends_control_characters_to_the_terminal(book):
    result = run_cli(["--no-cache"], book)
    assert result.returncode == 2
    assert result.stdout.splitlines() == TEXT


def test_text_output_under_an_ascii_terminal(book):
    result = run_cli(["--no-cache"], book, PYTHONIOENCODING="ascii")
    assert result.stdout.splitlines() == [line.replace("é", "\\xe9") for line in TEXT]


def test_github_annotations_carry_no_control_characters(book):
    lines = run_cli(["--no-cache", "--format", "github"], book).stdout.splitlines()
    assert lines == [
        "::error file=chapters/\\x1b[31mred.md,line=1,col=3,endLine=1,endColumn=17,title=House.Very::"
        "Avoid 'very\\x1b]0;title\\x07'.",
        "::error file=chapters/\\x1b[31mred.md,line=3,col=1,endLine=3,endColumn=8,title=House.Very::"
        "Avoid 'very\\x01\\ufffe\\uffff'.",
        "::error file=chapters/plain.md,line=1,col=3,endLine=1,endColumn=8,title=House.Very::Avoid 'café.'.",
        f"::error file=chapters/\\udcff.md,title=mslint::{BINARY}",
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_junit_is_valid_xml_with_control_characters_in_text_and_file_names(book, encoding):
    result = run_cli(["--no-cache", "--format", "junit"], book, PYTHONIOENCODING=encoding)
    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["chapters/\\x1b[31mred.md", "chapters/plain.md", "chapters/\\udcff.md"]
    failures = [(f.get("message"), f.text) for f in root.iter("failure")]
    assert failures == [
        (
            "Avoid 'very\\x1b]0;title\\x07'.",
            "chapters/\\x1b[31mred.md:1:3: error House.Very: Avoid 'very\\x1b]0;title\\x07'.\nvery\\x1b]0;title\\x07",
        ),
        (
            "Avoid 'very\\x01\\ufffe\\uffff'.",
            "chapters/\\x1b[31mred.md:3:1: error House.Very: Avoid 'very\\x01\\ufffe\\uffff'.\nvery\\x01\\ufffe\\uffff",
        ),
        ("Avoid 'café.'.", "chapters/plain.md:1:3: error House.Very: Avoid 'café.'.\ncafé."),
    ]
    assert suites["chapters/\\udcff.md"].find("testcase/error").get("message") == BINARY


def findings_of(report: dict, output: str) -> list[tuple[str, str]]:
    """(path, message) of each finding, however the format names them."""
    if output == "json":
        return [(f["path"], f["message"]) for f in report["findings"]]
    if output == "gitlab":
        return [(i["location"]["path"], i["description"]) for i in report]
    results = report["runs"][0]["results"]
    return [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["message"]["text"]) for r in results]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("output", ["json", "sarif", "gitlab"])
def test_json_formats_are_utf8_under_any_stdout_encoding(book, output, encoding):
    result = run_cli(["--no-cache", "--format", output], book, PYTHONIOENCODING=encoding)
    report = json.loads(result.stdout)  # run_cli reads stdout as UTF-8, strictly
    assert findings_of(report, output) == [
        (f"chapters/{RED}", "Avoid 'very\x1b]0;title\x07'."),
        (f"chapters/{RED}", "Avoid 'very\x01\ufffe\uffff'."),
        ("chapters/plain.md", "Avoid 'café.'."),
    ]
    if output == "json":  # the file name that is not UTF-8 reads back as Python names it
        assert [e["path"] for e in report["errors"]] == [f"chapters/{NOT_UTF8}"]
    if output == "sarif":
        jsonschema.validate(report, json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))


def test_a_rule_file_name_on_standard_error_is_neutralized(book):
    (book / "styles" / "House" / "\x1b]0;x\x07.yml").write_text("extends: existence\nmessage: [x\n", encoding="utf-8")
    result = run_cli([], book)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "mslint: styles/House/\\x1b]0;x\\x07.yml:3: invalid YAML: did not find expected ',' or ']'"
    ]


def test_file_names_in_baseline_notes_on_standard_error_are_neutralized(book):
    written = run_cli(["--no-cache", "--write-baseline", "baseline.json"], book)
    assert written.stderr.splitlines() == [
        "mslint: recorded 3 findings in baseline.json",
        f"mslint: chapters/\\udcff.md: {BINARY}",
    ]
    (book / "chapters" / RED).write_text("Nothing to report.\n", encoding="utf-8")
    gated = run_cli(["--no-cache", "--baseline", "baseline.json"], book)
    assert gated.stderr.splitlines()[1:] == [
        "  chapters/\\x1b[31mred.md: House.Very: 'very\\x01\\ufffe\\uffff'",
        "  chapters/\\x1b[31mred.md: House.Very: 'very\\x1b]0;title\\x07'",
    ]


def test_rule_text_in_list_rules_is_neutralized(book):
    (book / "styles" / "House" / "Red.yml").write_text(
        'extends: existence\ndescription: "Red \\e[31m\\nand a second line"\nmessage: x\ntokens: [red]\n', encoding="utf-8"
    )
    listing = run_cli(["--list-rules"], book).stdout.splitlines()
    assert listing[0] == "House.Red\texistence\twarning\tRed \\x1b[31m\\nand a second line"
    explained = run_cli(["--explain", "House.Red"], book).stdout.splitlines()
    assert explained[:4] == ["House.Red (existence, level warning)", "", "Red \\x1b[31m", "and a second line"]
