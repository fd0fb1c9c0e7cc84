"""A Vale project runs as it is: .vale.ini read into mslint's configuration, Vale's output formats."""

import json

import pytest

from conftest import DATA, run_cli
from mslint.config import ConfigError, find_config, load_config
from mslint.finding import Level
from mslint.valeini import Section

TEXT = "It is simply the the best. Zorblax and Qwertyz.\n"


@pytest.fixture
def project(tmp_path):
    """A Vale project: its own style, Vale's built-in one, a vocabulary, and three sections."""
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Avoid.yml").write_text(
        'extends: existence\nmessage: "Avoid %s."\nlevel: error\ntokens: [simply]\n'
    )
    vocabulary = tmp_path / "styles" / "config" / "vocabularies" / "Base"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("Zorblax\n")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Base\n\n"
        "[formats]\nmdx = md\n\n"
        "[*]\nBasedOnStyles = Vale, House\n\n"
        "[*.md]\nHouse.Avoid = warning\n\n"
        "[docs/*.md]\nVale.Spelling = NO\n"
    )
    (tmp_path / "docs").mkdir()
    for name in ("a.md", "docs/b.md", "c.txt"):
        (tmp_path / name).write_text(TEXT)
    return tmp_path


def test_each_file_gets_the_styles_and_levels_of_the_sections_its_path_matches(project):
    result = run_cli([], project)
    assert result.stdout.splitlines() == [
        "a.md:1:7: warning House.Avoid: Avoid simply.",
        "a.md:1:14: error Vale.Repetition: 'the' is repeated!",
        "a.md:1:40: error Vale.Spelling: Did you really mean 'Qwertyz'?",
        "c.txt:1:7: error House.Avoid: Avoid simply.",
        "c.txt:1:14: error Vale.Repetition: 'the' is repeated!",
        "c.txt:1:40: error Vale.Spelling: Did you really mean 'Qwertyz'?",
        "docs/b.md:1:7: warning House.Avoid: Avoid simply.",
        "docs/b.md:1:14: error Vale.Repetition: 'the' is repeated!",
    ]
    assert result.returncode == 1 and result.stderr == ""


def test_vale_line_and_json_print_what_vale_prints(project):
    lines = run_cli(["--format", "vale-line", "a.md"], project).stdout.splitlines()
    assert lines == [
        "a.md:1:7:House.Avoid:Avoid simply.",
        "a.md:1:14:Vale.Repetition:'the' is repeated!",
        "a.md:1:40:Vale.Spelling:Did you really mean 'Qwertyz'?",
    ]
    alerts = json.loads(run_cli(["--format", "vale-json", "a.md"], project).stdout)
    assert list(alerts) == ["a.md"]
    first = alerts["a.md"][0]
    assert first == {
        "Action": {"Name": "", "Params": None},
        "Check": "House.Avoid",
        "Description": "",
        "Line": 1,
        "Link": "",
        "Message": "Avoid simply.",
        "Severity": "warning",
        "Span": [7, 12],
        "Match": "simply",
    }


def test_min_alert_level_and_token_and_block_ignores(project):
    ini = project / ".vale.ini"
    ini.write_text(
        ini.read_text().replace("MinAlertLevel = suggestion", "MinAlertLevel = error")
        + "\n[*.md]\nTokenIgnores = \\$[^$\\n]+\\$\nBlockIgnores = (?s)^\\{\\{<.*?>\\}\\}$\n"
    )
    (project / "m.md").write_text("Math $x the the$ here.\n\n{{< note\nthe the simply >}}\n\nThe the end.\n")
    assert run_cli(["m.md"], project).stdout.splitlines() == ["m.md:6:1: error Vale.Repetition: 'the' is repeated!"]


def test_the_nearest_configuration_wins_and_mslints_own_wins_in_its_folder(project):
    assert find_config(project / "docs") == project / ".vale.ini"
    (project / "mslint.toml").write_text('styles-path = "styles"\n')
    assert find_config(project / "docs") == project / "mslint.toml"
    (project / "docs" / "_vale.ini").write_text("StylesPath = ../styles\n")
    assert find_config(project / "docs") == project / "docs" / "_vale.ini"


def test_what_a_vale_ini_becomes(project):
    config = load_config(project / ".vale.ini", project)
    assert config.styles == ("Vale", "House") and config.vocab == ("Base",) and config.proselint is False
    assert config.paths == ("a.md", "c.txt", "docs")  # the project's folder, the styles left out
    assert config.level_in("Vale.Spelling", Level.ERROR, project / "docs" / "b.md") is None
    assert config.level_in("House.Avoid", Level.ERROR, project / "docs" / "b.md") is Level.WARNING
    assert config.level_in("House.Avoid", Level.ERROR, project / "c.txt") is Level.ERROR
    assert config.level_for("Vale.Spelling", Level.ERROR) is Level.ERROR  # on somewhere: it runs


@pytest.mark.parametrize(
    "glob, path, matches",
    [
        ("*.md", "deep/in/a.md", True),
        ("*.{md,txt}", "a.txt", True),
        ("*.{md,txt}", "a.rst", False),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/**/*.md", "docs/sub/a.md", True),
        ("docs/**/*.md", "docs/a.md", True),  # `**/` is any folders, or none
        ("**/*.md", "a.md", True),
        ("[!_]*.md", "_draft.md", False),
        ("[!_]*.md", "final.md", True),
        ("*", "anything.txt", True),
    ],
)
def test_globs_as_vale_reads_them(glob, path, matches):
    assert Section(glob).matches(path) is matches


@pytest.mark.parametrize(
    "ini, message",
    [
        (
            "[*]\nBasedOnStyles = House\nHouse.Avoid = maybe\n",
            "[*] House.Avoid = 'maybe': use YES, NO, suggestion, warning or error",
        ),
        ("MinAlertLevel = loud\n", "MinAlertLevel = 'loud': use suggestion, warning or error"),
        ("StylesPath = styles\nPackages = Google\n", "package 'Google' is not in StylesPath (styles); mslint downloads nothing"),
        ("StylesPath = styles\n[*]\nBasedOn = House\n", "[*] unknown setting 'BasedOn'"),
        ("StylesPath = styles\nStylePath = x\n", "unknown setting 'StylePath' before the first [glob] section"),
        ("[*\nBasedOnStyles = House\n", ":1: '[*' is neither `Key = value` nor a [glob] section"),
        ("StylesPath = styles\n[]\nBasedOnStyles = House\n", ":2: '[]' is neither"),
        ("StylesPath = styles\n[*]\nBasedOnStyles\n", ":3: 'BasedOnStyles' is neither"),
        # read when the run was judged: an internal error (RecursionError) after every file was linted
        ("[" + "{" * 200 + "a" + "}" * 200 + "]\nBasedOnStyles = House\n", "has more than 50 braces; a few are enough"),
    ],
)
def test_a_wrong_setting_names_the_file_and_what_to_write(project, ini, message):
    (project / ".vale.ini").write_text(ini)
    with pytest.raises(ConfigError) as error:
        load_config(project / ".vale.ini", project)
    assert str(error.value).startswith(f"{project / '.vale.ini'}:") and message in str(error.value)


def test_a_byte_order_mark_before_the_first_setting_is_read_as_vale_reads_it(project):
    (project / ".vale.ini").write_text("\ufeffStylesPath = styles\n[*]\nBasedOnStyles = House\n", encoding="utf-8")
    assert load_config(project / ".vale.ini", project).styles_path == "styles"


def test_a_package_under_styles_path_is_used_as_a_style(project):
    (project / "styles" / "Google").mkdir()
    (project / "styles" / "Google" / "We.yml").write_text(
        'extends: existence\nmessage: "No %s."\nlevel: warning\ntokens: [best]\n'
    )
    (project / ".vale.ini").write_text(
        "StylesPath = styles\nPackages = https://example.org/Google.zip\n\n[*.md]\nBasedOnStyles = Google\n"
    )
    assert run_cli(["a.md"], project).stdout.splitlines() == ["a.md:1:22: warning Google.We: No best."]


def test_a_rule_named_alone_is_loaded_without_its_style(project):
    (project / "styles" / "House" / "Other.yml").write_text(
        'extends: existence\nmessage: "No %s."\nlevel: error\ntokens: [best]\n'
    )
    (project / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nHouse.Avoid = YES\nHouse.Missing = YES\n")
    result = run_cli(["--format", "vale-line", "a.md"], project)
    assert result.stdout.splitlines() == ["a.md:1:7:House.Avoid:Avoid simply."]  # House.Other is not named
    assert result.returncode == 1 and result.stderr == ""


def test_a_rule_off_in_a_file_leaves_the_words_to_a_rule_that_is_on(project):
    """Two rules on the same words: the one off in this file must not hide the other's finding."""
    (project / "styles" / "House" / "Also.yml").write_text(
        'extends: existence\nmessage: "Also %s."\nlevel: warning\ntokens: [simply]\n'
    )
    (project / ".vale.ini").write_text("StylesPath = styles\n\n[a.md]\nHouse.Also = YES\n\n[c.txt]\nHouse.Avoid = YES\n")
    lines = run_cli(["--format", "vale-line", "a.md", "c.txt"], project).stdout.splitlines()
    assert lines == ["a.md:1:7:House.Also:Also simply.", "c.txt:1:7:House.Avoid:Avoid simply."]


def test_settings_vale_reads_for_formats_mslint_does_not_read_are_accepted(project):
    """IgnorePatterns is BlockIgnores' older name; CommentDelimiters and [asciidoctor] concern MDX and AsciiDoc."""
    (project / ".vale.ini").write_text(
        "StylesPath = styles\n\n[asciidoctor]\nexperimental = YES\n\n"
        "[*.md]\nBasedOnStyles = House\nIgnorePatterns = (?s)^\\{\\{<.*?>\\}\\}$\n\n[*.mdx]\nCommentDelimiters = {/*, */}\n"
    )
    (project / "m.md").write_text("{{< note\nsimply >}}\n\nSimply so.\n")
    assert run_cli(["--format", "vale-line", "m.md"], project).stdout.splitlines() == []
    (project / "m.md").write_text("{{< note >}}\n\nIt is simply so.\n")
    assert run_cli(["--format", "vale-line", "m.md"], project).stdout.splitlines() == ["m.md:3:7:House.Avoid:Avoid simply."]


def test_glob_chooses_the_files_linted_as_vales_does(project):
    (project / "node_modules").mkdir()
    (project / "node_modules" / "x.md").write_text(TEXT)  # never walked into, as in Vale
    assert run_cli(["--format", "vale-line", "--glob", "*.md", "."], project).stdout.splitlines() == [
        "a.md:1:7:House.Avoid:Avoid simply.",
        "a.md:1:14:Vale.Repetition:'the' is repeated!",
        "a.md:1:40:Vale.Spelling:Did you really mean 'Qwertyz'?",
        "docs/b.md:1:7:House.Avoid:Avoid simply.",
        "docs/b.md:1:14:Vale.Repetition:'the' is repeated!",
    ]
    lines = run_cli(["--format", "vale-line", "--glob", "!docs/*", "."], project).stdout.splitlines()
    assert {line.split(":")[0] for line in lines} == {"a.md", "c.txt"}
    assert run_cli(["--format", "vale-line", "--glob", "!**/*.{md,txt}", "."], project).stdout == ""


def test_the_vocabulary_makes_vale_terms_and_vale_avoid(project):
    """As in Vale: accept.txt enforces its terms' case (Vale.Terms), reject.txt reports its terms
    (Vale.Avoid), and spelling accepts a vocabulary term in any case, the case being Vale.Terms' to judge."""
    vocabulary = project / "styles" / "config" / "vocabularies" / "Base"
    (vocabulary / "accept.txt").write_text("Zorblax\nLog4j\n[Oo]bservability\n(?i)GitHub\n")
    (vocabulary / "reject.txt").write_text("Mac OS X\nutilize\n")
    (project / "t.md").write_text("I use log4j on Mac OS X with zorblax, Zorblax, Github and oBservability.\n\nWe utilize it.\n")
    assert run_cli(["--format", "vale-line", "t.md"], project).stdout.splitlines() == [
        "t.md:1:7:Vale.Terms:Use 'Log4j' instead of 'log4j'.",
        "t.md:1:16:Vale.Avoid:Avoid using 'Mac OS X'.",
        "t.md:1:30:Vale.Terms:Use 'Zorblax' instead of 'zorblax'.",
        "t.md:1:59:Vale.Terms:Use '[Oo]bservability' instead of 'oBservability'.",
        "t.md:3:4:Vale.Avoid:Avoid using 'utilize'.",  # Vale.Avoid's, not spelling's
    ]
    (project / ".vale.ini").write_text("StylesPath = styles\nVocab = Base\n\n[*]\nVale.Terms = YES\nVale.Terms = warning\n")
    assert run_cli(["t.md"], project).stdout.splitlines()[0] == "t.md:1:7: warning Vale.Terms: Use 'Log4j' instead of 'log4j'."


def test_ignored_and_skipped_scopes_leave_markdown_unread_as_in_vale(project):
    """IgnoredScopes names inline markup (HTML's tags or Vale's names), SkippedScopes blocks."""
    (project / ".vale.ini").write_text(
        "StylesPath = styles\nIgnoredScopes = code, tt, strong, link, img\nSkippedScopes = blockquote, h2\n\n"
        "[*.md]\nBasedOnStyles = House\n"
    )
    (project / "m.md").write_text(
        "# A simply titled book\n\n## A simply skipped part\n\n**simply** [simply](x) *simply* simply.\n\n> simply quoted.\n\n"
        "![simply an image](i.png)\n"
    )
    assert run_cli(["--format", "vale-line", "m.md"], project).stdout.splitlines() == [
        "m.md:1:5:House.Avoid:Avoid simply.",
        "m.md:5:25:House.Avoid:Avoid simply.",
        "m.md:5:33:House.Avoid:Avoid simply.",
    ]


def test_ignored_classes_leave_raw_html_of_those_classes_unread_as_in_vale(project):
    (project / ".vale.ini").write_text("StylesPath = styles\nIgnoredClasses = nop, skip\n\n[*.md]\nBasedOnStyles = House\n")
    (project / "h.md").write_text(
        '<span class="nop">simply</span> and <b class="skip x">simply</b>, <code>simply</code>, <i>simply</i>.\n'
    )
    assert run_cli(["--format", "vale-line", "h.md"], project).stdout.splitlines() == ["h.md:1:91:House.Avoid:Avoid simply."]
    assert load_config(project / ".vale.ini", project).ignores(str(project / "h.md")).classes == ("nop", "skip")


def test_without_styles_path_vales_default_folder_holds_the_styles(project, tmp_path_factory):
    (project / ".vale.ini").write_text("[*.md]\nBasedOnStyles = Vale, House\n")
    elsewhere = tmp_path_factory.mktemp("data")
    result = run_cli(["a.md"], project, VALE_STYLES_PATH=str(elsewhere / "none"))
    assert result.returncode == 2
    assert "style 'House' needs a StylesPath, and Vale's default folder for styles" in result.stderr
    (project / ".vale.ini").write_text("[*.md]\nBasedOnStyles = Vale\n")  # Vale's built-in style needs none
    result = run_cli(["--format", "vale-line", "a.md"], project, VALE_STYLES_PATH=str(elsewhere / "none"))
    assert result.stdout.splitlines() == [  # no vocabulary: Zorblax is unknown
        "a.md:1:14:Vale.Repetition:'the' is repeated!",
        "a.md:1:28:Vale.Spelling:Did you really mean 'Zorblax'?",
        "a.md:1:40:Vale.Spelling:Did you really mean 'Qwertyz'?",
    ]
    (project / ".vale.ini").write_text("[*.md]\nBasedOnStyles = House\n")
    result = run_cli(["--format", "vale-line", "a.md"], project, VALE_STYLES_PATH=str(project / "styles"))
    assert result.stdout.splitlines() == ["a.md:1:7:House.Avoid:Avoid simply."]


def test_vale_spelling_reads_the_projects_dictionaries_and_word_lists_as_vales_does(project):
    """Vale's built-in spelling: every dictionary in <StylesPath>/config/dictionaries besides en_US,
    every word list in <StylesPath>/config/ignore (a lower-case word takes in its other cases)."""
    (project / "styles" / "config" / "dictionaries").mkdir(parents=True)
    for name in ("unicode.dic", "unicode.aff"):
        (project / "styles" / "config" / "dictionaries" / name).write_bytes((DATA / "dictionaries" / name).read_bytes())
    (project / "styles" / "config" / "ignore" / "tech").mkdir(parents=True)
    (project / "styles" / "config" / "ignore" / "tech" / "words.txt").write_text("qwertyz\n")
    (project / "t.md").write_text("Qwertyz went to Łódź, not Łódx.\n")
    assert run_cli(["--format", "vale-line", "t.md"], project).stdout.splitlines() == [
        "t.md:1:27:Vale.Spelling:Did you really mean 'Łódx'?"
    ]
