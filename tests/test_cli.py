"""The command line end to end: formats, exit codes, bad files, bad rules, config."""

import json

import pytest

from conftest import ROOT, run_cli, write_book

RULE = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: {level}\nswap:\n  teh: the\n"


run = run_cli


@pytest.fixture
def book(tmp_path):
    """A small book project: config, one style, two chapters."""
    very = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\ntokens: [very]\n"
    write_book(tmp_path, {"Teh.yml": RULE.format(level="error"), "Very.yml": very})
    (tmp_path / "chapters" / "01.md").write_text("# One\n\nI saw teh cat.\n", encoding="utf-8")
    (tmp_path / "chapters" / "02.md").write_text("A very good day.\n", encoding="utf-8")
    return tmp_path


def test_text_output_sorted_and_exit_1(book):
    result = run([], book)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "chapters/01.md:3:7: error House.Teh: Use 'the' instead of 'teh'.",
        "chapters/02.md:1:3: suggestion House.Very: Avoid 'very'.",
    ]


def test_fail_on_and_min_level(book):
    assert run(["chapters/02.md"], book).returncode == 0
    assert run(["--fail-on", "suggestion", "chapters/02.md"], book).returncode == 1
    result = run(["--min-level", "error"], book)
    assert result.stdout.splitlines() == ["chapters/01.md:3:7: error House.Teh: Use 'the' instead of 'teh'."]


def test_json_shape(book):
    result = run(["--format", "json", "chapters/01.md"], book)
    report = json.loads(result.stdout)
    fingerprint = report["findings"][0].pop("fingerprint")
    assert len(fingerprint) == 32 and int(fingerprint, 16) >= 0
    assert report == {
        "version": 1,
        "findings": [
            {
                "path": "chapters/01.md",
                "line": 3,
                "column": 7,
                "end_line": 3,
                "end_column": 10,
                "rule": "House.Teh",
                "level": "error",
                "message": "Use 'the' instead of 'teh'.",
                "match": "teh",
                "replacements": ["the"],
                "voice": "prose",
                "also": [],
            }
        ],
        "errors": [],
    }


def test_binary_and_mis_encoded_files_are_errors_and_the_rest_is_linted(book):
    (book / "chapters" / "03.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (book / "chapters" / "04.md").write_bytes("Caf\u00e9\n".encode("utf-8") + b"na\xefve teh\n")
    result = run(["--format", "json"], book)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["findings"]] == ["chapters/01.md", "chapters/02.md"]
    errors = {e["path"]: e for e in report["errors"]}
    assert "binary" in errors["chapters/03.md"]["message"]
    assert "UTF-8" in errors["chapters/04.md"]["message"] and errors["chapters/04.md"]["line"] == 2


def test_missing_and_unsupported_paths(book):
    (book / "notes.rst").write_text("teh\n", encoding="utf-8")
    result = run(["nowhere.md", "notes.rst"], book)
    assert result.returncode == 2
    assert "nowhere.md: error: no such file or folder" in result.stdout
    assert "notes.rst: error: not a Markdown or text file" in result.stdout


def test_broken_rule_stops_the_run_with_exit_2(book):
    (book / "styles" / "House" / "Bad.yml").write_text(
        "extends: existence\nmessage: x\ntokens: [a]\ntokenz: [b]\n", encoding="utf-8"
    )
    result = run([], book)
    assert result.returncode == 2 and result.stdout == ""
    assert "Bad.yml:4: unknown key 'tokenz'" in result.stderr


def test_config_levels_off_and_prefix(book):
    config = book / "pyproject.toml"
    config.write_text(config.read_text() + '\n[tool.mslint.rules]\n"House" = "warning"\n"House.Very" = "off"\n', encoding="utf-8")
    result = run([], book)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["chapters/01.md:3:7: warning House.Teh: Use 'the' instead of 'teh'."]


def test_config_errors(book):
    config = book / "pyproject.toml"
    original = config.read_text()
    config.write_text(original + 'colour = "red"\n', encoding="utf-8")
    result = run([], book)
    assert result.returncode == 2 and "unknown key 'colour'" in result.stderr
    config.write_text(original + '\n[tool.mslint.rules]\n"House.Tehh" = "off"\n', encoding="utf-8")
    result = run([], book)
    assert result.returncode == 2
    assert result.stderr.endswith(
        "[tool.mslint.rules] 'House.Tehh' names no rule in use; did you mean 'House.Teh'? (mslint --list-rules lists them all)\n"
    )
    config.write_text(original + '\n[tool.mslint.rules]\n"House.Teh" = "loud"\n', encoding="utf-8")
    assert "not a level" in run([], book).stderr


def test_config_found_from_a_subfolder_and_explicit_config(book, tmp_path_factory):
    result = run(["01.md"], book / "chapters")
    assert result.stdout.startswith("01.md:3:7: error House.Teh")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = run(["--config", str(book / "pyproject.toml"), str(book / "chapters" / "02.md")], elsewhere)
    assert "House.Very" in result.stdout


def test_list_rules_and_explain(book):
    listing = run(["--list-rules"], book).stdout.splitlines()
    assert [line.split("\t")[:3] for line in listing] == [
        ["House.Teh", "substitution", "error"],
        ["House.Very", "existence", "suggestion"],
    ]
    assert run(["--explain", "House.Teh"], book).stdout.startswith("House.Teh (substitution, level error)")
    unknown = run(["--explain", "House.Te"], book)
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "mslint: unknown rule 'House.Te'; did you mean 'House.Teh'? (mslint --list-rules lists them all)\n",
    )
    far = run(["--explain", "Zzzz.Qqqq"], book)
    assert far.stderr == "mslint: unknown rule 'Zzzz.Qqqq'; see mslint --list-rules\n"


def test_a_missing_rules_folder_is_named_before_the_vocabulary(book):
    config = book / "pyproject.toml"
    config.write_text(config.read_text().replace('styles-path = "styles"', 'styles-path = "stiles"') + 'vocab = ["Book"]\n')
    result = run([], book)
    assert (result.returncode, result.stderr) == (
        2,
        "mslint: stiles: the rules folder does not exist; create it or set styles-path in the configuration\n",
    )


def test_explain_shows_a_book_rule_with_examples():
    result = run(["--explain", "Book.Typos"], ROOT)
    assert result.returncode == 0
    assert "Reported:" in result.stdout and "paying the prise" in result.stdout


def test_version_and_usage_errors(book):
    assert run(["--version"], book).stdout.startswith("mslint ")
    assert run(["--format", "xml"], book).returncode == 2


def test_never_writes_to_linted_files(book):
    before = {p: p.read_bytes() for p in (book / "chapters").iterdir()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    run([], book)
    assert {p: p.read_bytes() for p in before} == before
    assert {p: p.stat().st_mtime_ns for p in before} == mtimes


def test_proselint_checks_are_rules_unless_turned_off(book):
    config = book / "pyproject.toml"
    config.write_text(config.read_text().replace("proselint = false\n", ""), encoding="utf-8")
    (book / "chapters" / "03.md").write_text("Paris in the the spring.\n", encoding="utf-8")
    result = run(["chapters/03.md"], book)
    assert result.stdout.splitlines() == [
        "chapters/03.md:1:10: suggestion proselint.lexical_illusions: "
        "There's a lexical illusion in 'the the' - a phrase is repeated.",
    ]
    config.write_text(config.read_text() + '\n[tool.mslint.rules]\n"proselint.lexical_illusions" = "error"\n', encoding="utf-8")
    assert run(["chapters/03.md"], book).stdout.startswith("chapters/03.md:1:10: error proselint.lexical_illusions")
    config.write_text(config.read_text().replace('"error"', '"off"'), encoding="utf-8")
    assert run(["chapters/03.md"], book).stdout == ""


def test_without_a_configuration_the_built_in_style_runs_and_says_so(tmp_path):
    (tmp_path / "a.md").write_text("Teh cat sat on the the mat.\n", encoding="utf-8")
    result = run_cli(["a.md"], tmp_path)
    assert result.stdout.splitlines() == [
        "a.md:1:1: warning Default.Spelling: 'Teh' is not in the dictionary or the book's vocabulary.",
        "a.md:1:16: error Default.DoubledWords: 'the' is repeated.",
    ]
    assert result.stderr.startswith(
        f"mslint: no configuration in {tmp_path} or above "
        "(mslint.toml, .mslint.toml, [tool.mslint] in pyproject.toml, or .vale.ini)"
    )
    assert result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no cache outside a project


@pytest.mark.parametrize("name", ["mslint.toml", ".mslint.toml"])
def test_a_mslint_toml_is_found_before_a_pyproject_toml(tmp_path, name):
    write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nlevel: error\nswap:\n  teh: the\n"})
    (tmp_path / "pyproject.toml").write_text("[tool.mslint]\nstyles-path = 'nowhere'\n", encoding="utf-8")
    (tmp_path / name).write_text('paths = ["chapters"]\nstyles-path = "styles"\nproselint = false\n', encoding="utf-8")
    (tmp_path / "chapters" / "01.md").write_text("teh end\n", encoding="utf-8")
    (tmp_path / "chapters" / "sub").mkdir()
    result = run_cli([], tmp_path / "chapters" / "sub")
    assert (result.stdout, result.stderr) == (f"{tmp_path / 'chapters' / '01.md'}:1:1: error House.Teh: x\n", "")


def test_standard_input_is_linted_as_markdown_under_its_name(book):
    result = run_cli(["-"], book, stdin="Some *teh* words.\n")
    assert (result.stdout, result.returncode) == ("-:1:7: error House.Teh: Use 'the' instead of 'teh'.\n", 1)
    named = run_cli(["-", "--stdin-filename", "chapters/09.md"], book / "chapters" / "..", stdin="teh\n")
    assert named.stdout == "chapters/09.md:1:1: error House.Teh: Use 'the' instead of 'teh'.\n"


def test_standard_input_takes_the_configuration_and_the_chapters_of_its_file(tmp_path):
    write_book(tmp_path, {"Names.yml": "extends: variants\nmessage: \"'%s' (%s) or '%s' (%s)?\"\nlevel: error\n"})
    (tmp_path / "chapters" / "01.md").write_text("The Histadrut and the Histadrut.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli(["-", "--stdin-filename", "../chapters/02.md"], elsewhere, stdin="The Histradrut.\n")
    assert result.stdout == "../chapters/02.md:1:5: error House.Names: 'Histradrut' (1) or 'Histadrut' (2)?\n"


@pytest.mark.parametrize("name", ["", ".", "..", "/", "chapters", "chapters/"])
def test_standard_input_stands_for_a_file_never_a_folder(book, name):
    # "" and "." stood for the project's folder: its configuration was looked for above it, and lost
    result = run_cli(["-", "--stdin-filename", name], book, stdin="teh\n")
    assert (result.returncode, result.stdout) == (2, "")
    assert "argument --stdin-filename:" in result.stderr and "such as chapter.md" in result.stderr


def test_no_configuration_names_the_folder_searched_from(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    result = run_cli(["-", "--stdin-filename", str(tmp_path / "elsewhere" / "x.md")], tmp_path, stdin="Words.\n")
    assert result.stderr.startswith(f"mslint: no configuration in {tmp_path / 'elsewhere'} or above")


def test_fix_refuses_standard_input(book):
    result = run_cli(["--fix", "-"], book, stdin="teh\n")
    assert (result.returncode, result.stderr) == (
        2,
        "mslint: --fix and --diff change files, not standard input; give the file's path\n",
    )
