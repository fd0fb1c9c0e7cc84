"""Edge cases found in review: each was wrong once."""

import json
import os

from conftest import DATA, make_rule, run_cli, write_book
from mslint.engine import lint
from mslint.parsing import parse


def test_fix_never_replaces_across_markup(tmp_path):
    rule = "extends: substitution\nmessage: x\naction:\n  name: replace\nswap:\n  foo bar: baz\n"
    book = write_book(tmp_path, {"Foo.yml": rule})
    chapter = book / "chapters" / "01.md"
    chapter.write_text("A foo *bar* here. See [foo](http://x.org) bar now. A foo bar too.\n", encoding="utf-8")
    diff = run_cli(["--diff"], book).stdout
    assert "+A foo *bar* here. See [foo](http://x.org) bar now. A baz too." in diff


def test_every_table_cell_is_placed_on_its_own():
    rule = make_rule("extends: existence\nmessage: x\ntokens: [zap]\n")
    found = lint([parse("t.md", "h1 | h2\n--- | ---\nzap | a zap\n")], [rule]).findings
    assert [(f.line, f.column) for f in found] == [(3, 1), (3, 9)]


def test_limit_counts_only_what_is_reported(tmp_path):
    rule = make_rule("extends: existence\nmessage: x\nlimit: 1\ntokens: [qux]\n", "T.Ex")
    text = "<!-- mslint-disable-next-line T.Ex -->\nqux one.\n\nqux two.\n\nqux three.\n"
    assert [f.line for f in lint([parse("a.md", text)], [rule]).findings] == [4]
    consistency = make_rule("extends: consistency\nmessage: x\nlimit: 1\neither:\n  gray: grey\n  color: colour\n", "T.C")
    found = lint([parse("a.md", "gray color.\n\ngrey grey colour colour colour.\n")], [consistency]).findings
    assert [(f.line, f.column, f.match) for f in found] == [(1, 1, "gray")]


def test_a_term_deep_inside_a_quotation_is_left_alone():
    rule = make_rule("extends: scare-quotes\nmessage: x\nstyle: always\nterms: [Zionism]\n")
    text = "He wrote: “The ‘a’ and ‘b’ and ‘c’ and ‘d’ are all part of Zionism, in the end.”\n"
    assert lint([parse("a.md", text)], [rule]).findings == []


def test_a_timeout_in_one_rule_does_not_silence_another_whose_name_it_contains():
    slow = make_rule("extends: consistency\nmessage: x\nnonword: true\neither:\n  '(a|aa)+$': b\n", "T.Cx")
    fine = make_rule("extends: consistency\nmessage: x\neither:\n  gray: grey\n", "T.C")
    result = lint([parse("a.md", "gray grey grey. " + "a" * 3000 + "!\n")], [slow, fine])
    assert [f.match for f in result.findings] == ["gray"]
    assert len(result.errors) == 1 and "T.Cx" in result.errors[0].message


def test_sarif_describes_unused_suppressions(tmp_path):
    import jsonschema

    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    (book / "chapters" / "01.md").write_text("<!-- mslint-disable House.Nothing -->\n\nFine.\n", encoding="utf-8")
    report = json.loads(run_cli(["--format", "sarif", "--report-unused-suppressions"], book).stdout)
    jsonschema.validate(report, json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    [result] = report["runs"][0]["results"]
    assert result["ruleId"] == "mslint.UnusedSuppression"
    assert report["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "mslint.UnusedSuppression"


def test_diff_reports_unreadable_files(tmp_path):
    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    (book / "chapters" / "bin.md").write_bytes(b"\x00\x01")
    result = run_cli(["--diff"], book)
    assert result.returncode == 2 and "bin.md: binary file" in result.stderr


def test_the_cache_sees_a_dictionary_outside_the_styles_folder(tmp_path, tmp_path_factory):
    dictionary = tmp_path_factory.mktemp("dict")
    (dictionary / "my.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (dictionary / "my.dic").write_text("1\nhello\n", encoding="utf-8")
    rule = f"extends: spelling\nmessage: \"'%s'?\"\ndicpath: {dictionary}\ndictionaries: [my]\n"
    book = write_book(tmp_path, {"Spelling.yml": rule})
    (book / "chapters" / "01.md").write_text("hello zorblat\n", encoding="utf-8")
    assert "'zorblat'?" in run_cli([], book).stdout
    (dictionary / "my.dic").write_text("2\nhello\nzorblat\n", encoding="utf-8")
    assert run_cli([], book).stdout == ""


def test_an_unreadable_file_among_the_rules_does_not_break_the_cache(tmp_path):
    book = write_book(tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nswap:\n  teh: the\n"})
    os.symlink("/proc/self/mem", book / "styles" / "notes.txt")  # a file that cannot be read
    (book / "chapters" / "01.md").write_text("teh\n", encoding="utf-8")
    result = run_cli([], book)
    assert "Traceback" not in result.stderr and "House.Teh" in result.stdout
