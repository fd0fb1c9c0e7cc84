"""Vale's command-line options as mslint takes them: --ext, --ignore-syntax and --filter."""

import pytest

from conftest import run_cli
from mslint.cli import build_parser

CHAPTER = "# intro\n\nTODO: check `TODO` at https://example.com/TODO, a very long line.\n"


@pytest.fixture
def project(tmp_path):
    """A Vale project: one style of three rules at three levels, shown from warning up."""
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Heading.yml").write_text(
        "extends: existence\nmessage: \"Capitalize '%s'.\"\nlevel: error\nscope: heading\nraw: ['^[a-z]\\w*']\n"
    )
    (style / "Todo.yml").write_text("extends: existence\nmessage: \"'%s' left in text.\"\nlevel: warning\ntokens: [TODO]\n")
    (style / "Weak.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\ntokens: [very]\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = warning\n\n[*]\nBasedOnStyles = House\n")
    return tmp_path


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_ext_reads_standard_input_as_that_format_shown_as_vale_shows_it(project):
    markdown = run_cli(["--format", "vale-line", "-", "--ext", ".md"], project, stdin=CHAPTER)
    assert lines(markdown) == [
        "stdin.md:1:3:House.Heading:Capitalize 'intro'.",
        "stdin.md:3:1:House.Todo:'TODO' left in text.",  # not the code, not the URL
    ]
    assert markdown.returncode == 1
    text = run_cli(["--format", "vale-line", "-", "--ext", ".txt"], project, stdin=CHAPTER)
    assert lines(text) == [  # no heading in text; code is words, the URL is not
        "stdin.txt:3:1:House.Todo:'TODO' left in text.",
        "stdin.txt:3:14:House.Todo:'TODO' left in text.",
    ]
    assert text.returncode == 0


def test_ext_reads_a_file_named_whatever_its_suffix(project):
    (project / "notes.xyz").write_text(CHAPTER)
    result = run_cli(["--format", "vale-line", "--ext", ".md", "notes.xyz"], project)
    assert lines(result) == ["notes.xyz:1:3:House.Heading:Capitalize 'intro'.", "notes.xyz:3:1:House.Todo:'TODO' left in text."]
    refused = run_cli(["--format", "vale-line", "notes.xyz"], project)
    assert (refused.returncode, refused.stderr) == (
        2,
        "mslint: notes.xyz: not a Markdown or text file; mslint reads .md, .markdown, .txt\n",
    )


def test_ext_in_a_folder_still_reads_only_markdown_and_text(project):
    (project / "book").mkdir()
    (project / "book" / "a.md").write_text("TODO\n")
    (project / "book" / "b.html").write_text("TODO\n")
    assert lines(run_cli(["--format", "vale-line", "--ext", ".txt", "book"], project)) == [
        "book/a.md:1:1:House.Todo:'TODO' left in text."
    ]


def test_ext_names_a_format_mslint_reads(project):
    result = run_cli(["--ext", ".py", "-"], project, stdin="# TODO\n")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "mslint: error: argument --ext: '.py': mslint reads Markdown (.md, .markdown) and text (.txt)"
    )


def test_ignore_syntax_reads_markup_code_and_urls_as_words(project):
    (project / "chapter.md").write_text(CHAPTER + "\n```\nTODO in code\n```\n")
    result = run_cli(["--format", "vale-line", "--ignore-syntax", "chapter.md"], project)
    assert lines(result) == [  # `# intro` is no heading now
        "chapter.md:3:1:House.Todo:'TODO' left in text.",
        "chapter.md:3:14:House.Todo:'TODO' left in text.",
        "chapter.md:3:43:House.Todo:'TODO' left in text.",
        "chapter.md:6:1:House.Todo:'TODO' left in text.",
    ]
    assert lines(run_cli(["--format", "vale-line", "chapter.md"], project)) == [
        "chapter.md:1:3:House.Heading:Capitalize 'intro'.",
        "chapter.md:3:1:House.Todo:'TODO' left in text.",
    ]


def test_how_files_are_read_is_part_of_what_the_cache_keeps(project):
    """A cached run reads the file as it was read then: --ignore-syntax must not get Markdown's findings."""
    (project / "chapter.md").write_text(CHAPTER)
    first = run_cli(["--format", "vale-line", "chapter.md"], project)
    assert len(lines(first)) == 2 and (project / ".mslint_cache").is_dir()
    assert len(lines(run_cli(["--format", "vale-line", "--ignore-syntax", "chapter.md"], project))) == 3
    assert lines(run_cli(["--format", "vale-line", "chapter.md"], project)) == lines(first)


def test_filter_lints_with_the_rules_an_expression_selects(project):
    (project / "chapter.md").write_text(CHAPTER)
    by_name = run_cli(["--format", "vale-line", "--filter", '.Name != "House.Heading"', "chapter.md"], project)
    assert (lines(by_name), by_name.returncode) == (["chapter.md:3:1:House.Todo:'TODO' left in text."], 0)
    by_scope = run_cli(["--format", "vale-line", "--filter", '"heading" in .Scope', "chapter.md"], project)
    assert lines(by_scope) == ["chapter.md:1:3:House.Heading:Capitalize 'intro'."]


def test_a_filter_on_level_shows_what_it_selects_below_the_lowest_level_shown(project):
    """As in Vale: MinAlertLevel is warning, yet a filter that asks for suggestions gets them."""
    (project / "chapter.md").write_text(CHAPTER)
    result = run_cli(["--format", "vale-line", "--filter", '.Level == "suggestion"', "chapter.md"], project)
    assert lines(result) == ["chapter.md:3:51:House.Weak:Avoid 'very'."]
    named = run_cli(["--format", "vale-line", "--filter", '.Name == "House.Weak"', "chapter.md"], project)
    assert lines(named) == []  # a filter that does not read .Level leaves the lowest level shown as it is


def test_a_filter_is_read_from_a_file_or_from_the_styles_filters_folder(project):
    (project / "chapter.md").write_text(CHAPTER)
    (project / "todo.expr").write_text('.Name == "House.Todo"\n')
    (project / "styles" / "config" / "filters").mkdir(parents=True)
    (project / "styles" / "config" / "filters" / "headings.expr").write_text('"heading" in .Scope\n')
    from_file = run_cli(["--format", "vale-line", "--filter", "todo.expr", "chapter.md"], project)
    assert lines(from_file) == ["chapter.md:3:1:House.Todo:'TODO' left in text."]
    by_name = run_cli(["--format", "vale-line", "--filter", "headings.expr", "chapter.md"], project)
    assert lines(by_name) == ["chapter.md:1:3:House.Heading:Capitalize 'intro'."]
    (project / "todo.expr").write_text(".Name = 'House.Todo'\n")
    broken = run_cli(["--filter", "todo.expr", "chapter.md"], project)
    assert (broken.returncode, broken.stderr) == (
        2,
        "mslint: todo.expr: column 7: '=' is not part of a filter (compare with ==)\n",
    )


def test_a_filter_that_is_wrong_or_selects_nothing_says_so(project):
    (project / "chapter.md").write_text(CHAPTER)
    wrong = run_cli(["--filter", ".Severity == 'error'", "chapter.md"], project)
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        "mslint: --filter: column 1: no field .Severity; a rule's fields are "
        ".Name, .Level, .Scope, .Message, .Description, .Extends, .Link, .Limit\n"
    )
    empty = run_cli(["--filter", ".Limit > 5", "chapter.md"], project)
    assert (empty.returncode, empty.stdout) == (0, "")
    assert empty.stderr == "mslint: warning: --filter selects none of the 3 rules in use\n"


def test_list_rules_lists_the_rules_a_filter_selects(project):
    listed = run_cli(["--list-rules", "--filter", ".Extends == 'existence' and .Level != 'error'"], project)
    assert [line.split()[0] for line in lines(listed) if line.startswith("House.")] == ["House.Todo", "House.Weak"]


def test_the_options_are_in_the_help(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    shown = " ".join(build_parser().format_help().split())
    assert (
        "--ext EXT read standard input, and each file named, as this format: .md (Markdown) or .txt (text); "
        "standard input is then shown as stdin.md or stdin.txt (Vale's --ext)"
    ) in shown
    assert (
        "--ignore-syntax read every file as plain text: markup, code and URLs are linted as words (Vale's --ignore-syntax)"
    ) in shown
    assert (
        "--filter EXPR lint with only the rules EXPR selects, such as '.Level == \"error\"' or '\"heading\" in .Scope', "
        "or a file holding one (Vale's --filter; see the README)"
    ) in shown


def test_a_filter_too_long_to_be_a_file_name_is_read_as_an_expression(project):
    (project / "chapter.md").write_text(CHAPTER)
    long = run_cli(["--filter", "(" * 5000, "chapter.md"], project)
    assert (long.returncode, long.stdout) == (2, "")
    assert long.stderr.startswith("mslint: --filter: column ") and "Traceback" not in long.stderr


@pytest.mark.parametrize("given", [["--ignore-syntax"], ["--ext", ".txt"]])
@pytest.mark.parametrize("fixing", ["--fix", "--diff"])
def test_fix_and_diff_refuse_a_format_that_would_rewrite_code_and_links(project, given, fixing):
    chapter = project / "chapter.md"
    chapter.write_text("See `a...b` and http://example.com/a...b.\n\n```\nprint(x[...])\n```\n")
    before = chapter.read_bytes()
    refused = run_cli([fixing, *given, "chapter.md"], project)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == f"mslint: --fix and --diff read each file as its suffix says; leave out {given[0]}\n"
    assert chapter.read_bytes() == before
