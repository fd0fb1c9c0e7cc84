"""Suppression comments: mslint's own and Vale's, by rule id or prefix, and the unused ones."""

import pytest

from conftest import make_rule, run_cli, write_book
from mslint.engine import Options, lint
from mslint.parsing import parse

TEH = make_rule("extends: substitution\nmessage: x\nlevel: error\nswap:\n  teh: the\n", "Book.Teh")
VERY = make_rule("extends: existence\nmessage: x\nlevel: warning\ntokens: [very]\n", "Book.Very")
ELLIPSIS = make_rule(
    "extends: existence\nmessage: x\nnonword: true\nraw: ['\\.\\.\\.']\n", "proselint.typography.symbols.ellipsis"
)
RULES = [TEH, VERY, ELLIPSIS]


def found(text: str, unused: bool = False):
    result = lint([parse("a.md", text)], RULES, Options(report_unused_suppressions=unused))
    return [(f.line, f.rule) for f in result.findings]


def test_without_comments_everything_is_reported():
    assert found("teh very ...\n") == [(1, "Book.Teh"), (1, "Book.Very"), (1, "proselint.typography.symbols.ellipsis")]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("<!-- mslint-disable -->\n\nteh very ...\n", [], id="disable-all"),
        pytest.param("<!-- mslint-disable Book.Teh -->\n\nteh very\n", [(3, "Book.Very")], id="disable-one"),
        pytest.param(
            "<!-- mslint-disable Book -->\n\nteh very ...\n", [(3, "proselint.typography.symbols.ellipsis")], id="prefix"
        ),
        pytest.param("<!-- mslint-disable proselint.typography -->\n\n...\n", [], id="dotted-prefix"),
        pytest.param("<!-- mslint-disable Bo -->\n\nteh\n", [(3, "Book.Teh")], id="prefix-is-whole-parts"),
        pytest.param("<!-- mslint-disable Book.Teh, Book.Very -->\n\nteh very\n", [], id="comma-list"),
        pytest.param("<!-- mslint-disable -->\n\nteh\n\n<!-- mslint-enable -->\n\nteh\n", [(7, "Book.Teh")], id="enable-all"),
        pytest.param(
            "<!-- mslint-disable Book -->\n\nteh very\n\n<!-- mslint-enable Book.Very -->\n\nteh very\n",
            [(7, "Book.Very")],
            id="enable-one-after-prefix",
        ),
        pytest.param("teh <!-- mslint-disable Book.Teh --> teh\n", [(1, "Book.Teh")], id="inline-from-there-on"),
        pytest.param(
            "<!-- mslint-disable-next-line Book.Teh -->\nteh very\n\nteh\n",
            [(2, "Book.Very"), (4, "Book.Teh")],
            id="next-line",
        ),
        pytest.param("teh\n\n<!-- mslint-disable-file Book.Teh -->\n", [], id="file-anywhere"),
        pytest.param("<!-- vale off -->\n\nteh very\n\n<!-- vale on -->\n\nteh\n", [(7, "Book.Teh")], id="vale-off-on"),
        pytest.param("<!-- vale Book.Teh = NO -->\n\nteh very\n", [(3, "Book.Very")], id="vale-rule-no"),
        pytest.param(
            "<!-- vale Book.Teh = NO -->\n\nteh\n\n<!-- vale Book.Teh = YES -->\n\nteh\n", [(7, "Book.Teh")], id="vale-rule-yes"
        ),
        pytest.param(
            "<!-- vale Book = off -->\n\nteh very ...\n\n<!-- vale Book = on -->\n\nteh\n",
            [(3, "proselint.typography.symbols.ellipsis"), (7, "Book.Teh")],
            id="vale-style-off-on",
        ),
        pytest.param(
            '<!-- vale Book.Very["very", "so"] = NO -->\n\nvery\n\n<!-- vale Book.Very["very"] = YES -->\n\nvery\n',
            [(7, "Book.Very")],
            id="vale-rule-on-these-words",
        ),
        pytest.param('<!-- vale Book.Teh["other"] = NO -->\n\nteh\n', [(3, "Book.Teh")], id="vale-rule-on-other-words"),
        pytest.param(
            "<!-- vale style = Book -->\n\nteh ...\n\n<!-- vale styles = Book, proselint -->\n\n...\n",
            [(3, "Book.Teh"), (7, "proselint.typography.symbols.ellipsis")],
            id="vale-only-these-styles",
        ),
        pytest.param("```\n<!-- mslint-disable -->\n```\n\nteh\n", [(5, "Book.Teh")], id="not-in-code"),
        pytest.param("`<!-- mslint-disable -->` teh\n", [(1, "Book.Teh")], id="not-in-code-span"),
        pytest.param("> <!-- mslint-disable -->\n> teh\n", [], id="in-a-block-quote"),
    ],
)
def test_directives(text, expected):
    assert found(text) == expected


def test_unused_suppressions_are_reported_only_when_asked():
    text = "<!-- mslint-disable Book.Teh -->\n\nvery\n\n<!-- mslint-disable-next-line Book.Very -->\nvery\n"
    assert found(text) == [(3, "Book.Very")]
    result = lint([parse("a.md", text)], RULES, Options(report_unused_suppressions=True))
    unused = [f for f in result.findings if f.rule == "mslint.UnusedSuppression"]
    assert [(f.line, f.column, f.end_column, f.match) for f in unused] == [(1, 1, 33, "<!-- mslint-disable Book.Teh -->")]
    assert "silences nothing" in unused[0].message


def test_suppressing_one_rule_leaves_another_on_the_same_words():
    other = make_rule("extends: existence\nmessage: x\nlevel: warning\ntokens: [teh]\n", "Book.Other")
    text = "<!-- mslint-disable Book.Teh -->\n\nteh\n"
    result = lint([parse("a.md", text)], [TEH, other])
    assert [(f.rule, f.also) for f in result.findings] == [("Book.Other", ())]


def test_cli_flag(tmp_path):
    write_book(
        tmp_path, {"Teh.yml": "extends: substitution\nmessage: x\nlevel: error\nswap:\n  teh: the\n"}, paths=".", style="Book"
    )
    (tmp_path / "a.md").write_text("<!-- mslint-disable Book.Nothing -->\n\nfine\n", encoding="utf-8")
    run = lambda *args: run_cli(args, tmp_path)  # noqa: E731
    assert run().stdout == ""
    assert run("--report-unused-suppressions").stdout.startswith("a.md:1:1: warning mslint.UnusedSuppression:")
