"""mslint report without a browser: the chapters' HTML, the data the page embeds, and the command."""

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MARKUP_RULE, ROOT, run_cli, write_book
from mslint.highlight import Span, render
from mslint.report import embedded_json


class Highlights(HTMLParser):
    """The text inside each finding's <mark> elements, by finding; elements that do not nest fail."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []  # (tag, finding or None)
        self.text: dict[str, str] = {}
        self.first: dict[str, dict] = {}  # the attributes of each finding's first element
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag in ("br", "hr", "img", "input", "meta"):
            return
        finding = attributes.get("data-finding") if tag == "mark" else None
        if finding is not None and "more" not in attributes.get("class", ""):
            assert finding not in self.first, f"finding {finding} has two first elements"
            self.first[finding] = attributes
        self.open.append((tag, finding))

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        for _, finding in self.open:
            if finding is not None:
                self.text[finding] = self.text.get(finding, "") + data


def highlights(html: str) -> Highlights:
    parser = Highlights()
    parser.feed(html)
    parser.close()
    assert not parser.open
    return parser


def attributes(index: int, first: bool) -> str:
    return f'data-finding="{index}"' + ("" if first else ' class="more"')


def spans_of(text: str, *words: str) -> list[Span]:
    """A span on the first occurrence of each of `words`, numbered in order."""
    return [Span(number, text.index(word), text.index(word) + len(word)) for number, word in enumerate(words)]


# --- a chapter's HTML ------------------------------------------------------------------------


def test_each_span_is_marked_on_its_words_whatever_the_markup_around_them():
    text = (
        "---\ntitle: One\n---\n# The Histradrut\n\n"
        'A *very long* sentence with `code`, a [link](https://example.org "Title") and a note.[^1]\n'
        "It goes on.\n\n"
        "> Quoted words, *emphasized*\n> over two lines.\n\n"
        "- a list item with Histradrut\n\n"
        "| cell | Histradrut |\n|---:|:---|\n| 1 | 2 |\n\n"
        "[^1]: The note's words.\n"
    )
    words = ("Histradrut", "very long* sentence", "`code`", "link", "note's words", "emphasized*\n> over", "title: One", "cell")
    found = highlights(render("ch.md", text, spans_of(text, *words), attributes, "c1").html)
    assert found.text == {
        "0": "Histradrut",
        "1": "very long sentence",  # the emphasis mark is markup, not text
        "2": "code",
        "3": "link",
        "4": "note's words",
        "5": "emphasized\nover",
        "6": "title: One",
        "7": "cell",
    }
    assert sorted(found.first) == [str(n) for n in range(len(words))]


def test_spans_that_overlap_or_cross_nest_and_keep_their_words():
    text = "one two three four five\n"
    spans = [Span(0, 0, 13), Span(1, 4, 18), Span(2, 8, 13), Span(3, 4, 4)]  # crossing, inside, empty
    rendered = render("ch.md", text, spans, attributes)
    found = highlights(rendered.html)
    assert found.text == {"0": "one two three", "1": "two three four", "2": "three"}
    assert rendered.marked == {0, 1, 2, 3}
    assert '<mark data-finding="3"></mark><mark data-finding="1">two' in rendered.html


def test_a_span_whose_markers_would_change_the_text_is_left_unmarked_and_the_rest_are_marked():
    text = "# Heading\n\nThe *Histradrut*.\n"
    spans = [Span(0, 0, 9), Span(1, text.index("Histradrut"), text.index("Histradrut") + 10)]  # a raw rule on "# Heading"
    rendered = render("ch.md", text, spans, attributes)
    assert rendered.marked == {1}
    assert "<h1>Heading</h1>" in rendered.html
    assert highlights(rendered.html).text == {"1": "Histradrut"}


def test_plain_text_is_shown_as_written():
    text = "First <b>line</b>\n\nSecond line\n"
    rendered = render("ch.txt", text, spans_of(text, "line</b>"), attributes)
    assert (
        rendered.html == '<div class="plain">First &lt;b&gt;<mark data-finding="0">line&lt;/b&gt;</mark>\n\nSecond line\n</div>'
    )


def test_hostile_text_is_escaped_everywhere():
    text = (
        '<script>window.pwned = 1</script>\n\nText <img src=x onerror="window.pwned = 2"> and </script>.\n\n'
        "![alt](http://example.invalid/x.png) [link](javascript:alert(1))\n\n```\n<script>x</script>\n```\n"
    )
    html = render("ch.md", text, spans_of(text, "<script>", "<img", "</script>."), attributes).html
    tags = highlights(html).tags
    assert "script" not in tags and "img" not in tags
    assert 'href="javascript' not in html and 'title="http://example.invalid/x.png"' in html  # shown, never loaded
    assert html.count("&lt;script&gt;") == 2


def test_text_that_holds_marker_characters_is_shown_as_it_is():
    text = "".join(chr(c) for c in range(0xE000, 0xE100)) + " word\n"
    rendered = render("ch.md", text, spans_of(text, "word"), attributes)
    assert rendered.marked == frozenset()
    assert "word" in rendered.html and "<mark" not in rendered.html


def test_the_embedded_json_cannot_end_its_script_element():
    data = {"match": "</script><script>alert(1)</script><!-- & -->", "path": "a\udcff.md"}
    embedded = embedded_json(data)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert embedded.isascii()
    assert json.loads(embedded) == data


# --- the command -----------------------------------------------------------------------------

SCARE_RULE = "extends: scare-quotes\nmessage: \"Write '%s' %s.\"\nlevel: warning\nstyle: consistent\nterms: [Israel]\n"
VARIANTS_RULE = "extends: variants\nmessage: \"'%s' (%s times) / '%s' (%s times)\"\nlevel: warning\n"
SPELLING_RULE = "extends: spelling\nmessage: \"'%s'?\"\nlevel: warning\n"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    rules = {"Markup.yml": MARKUP_RULE, "Scare.yml": SCARE_RULE, "Variants.yml": VARIANTS_RULE, "Spelling.yml": SPELLING_RULE}
    write_book(tmp_path, rules)
    (tmp_path / "chapters" / "01.md").write_text(
        'The Histadrut of “Israel” met in Israel.\n\n<img src=x onerror="window.pwned = 1"></script>\n', encoding="utf-8"
    )
    (tmp_path / "chapters" / "02.md").write_text(
        "The Histadrut and the Histradrut of “Israel”, and the Histadrut.\n", encoding="utf-8"
    )
    return tmp_path


def embedded_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    return json.loads(found[1])


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_report_embeds_the_findings_of_the_json_format_and_the_book_tables(book):
    linted = run_cli(["--format", "json"], book)  # and fills the cache, which the report reads
    before = every_file(book)
    assert any(name.startswith(".mslint_cache/") for name in before)
    made = run_cli(["report", "-o", "report.html"], book)
    assert (made.returncode, made.stdout) == (0, "")
    assert made.stderr == "mslint: wrote report.html: 5 findings in 2 files\n"
    assert every_file(book) == {**before, "report.html": (book / "report.html").read_bytes()}  # the cache as it was
    page = (book / "report.html").read_text(encoding="utf-8")
    data = embedded_data(page)

    expected = json.loads(linted.stdout)["findings"]
    shown = [{k: f[k] for k in expected[0] if k != "fingerprint"} for f in data["findings"]]
    assert shown == [{k: f[k] for k in f if k != "fingerprint"} for f in expected]
    assert all(f["marked"] for f in data["findings"])
    assert [(c["path"], c["words"]) for c in data["chapters"]] == [("chapters/01.md", 7), ("chapters/02.md", 10)]
    assert data["chapters"][0]["findings"] == {"House.Markup": 2, "House.Spelling": 1, "House.Scare": 1}
    assert data["findings"][-1]["also"] == ["House.Variants"]  # Histradrut, unknown and a variant
    assert data["scare_quotes"] == [
        {"rule": "House.Scare", "style": "consistent", "terms": [{"term": "Israel", "chapters": [[1, 1], [1, 0]]}]}
    ]
    assert [(v["variant"], v["uses"], v["keep"], v["keep_uses"], v["paths"]) for v in data["variants"]] == [
        ("Histradrut", 1, "Histadrut", 3, ["chapters/02.md"])
    ]
    assert data["unknown_words"]["words"] == [
        {"word": "Histadrut", "uses": 3, "path": "chapters/01.md", "line": 1, "column": 5},
        {"word": "Histradrut", "uses": 1, "path": "chapters/02.md", "line": 1, "column": 23},
    ]
    # The page itself: its policy allows its own style and script alone, by their hashes.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert policy.startswith("default-src 'none'; script-src 'sha256-") and "img-src 'none'" in policy
    assert page.count("<script") == 2 and "<img" not in page


def test_a_chapter_given_alone_is_judged_against_the_book(book):
    made = run_cli(["report", "chapters/02.md", "-o", "one.html"], book)
    data = embedded_data((book / "one.html").read_text(encoding="utf-8"))
    assert made.returncode == 0 and [c["path"] for c in data["chapters"]] == ["chapters/02.md"]
    assert not (book / ".mslint_cache").exists()  # the report reads the cache, and never makes one
    assert [(f["rule"], f["match"]) for f in data["findings"]] == [("House.Spelling", "Histradrut")]
    assert [(v["variant"], v["keep"], v["keep_uses"]) for v in data["variants"]] == [("Histradrut", "Histadrut", 3)]
    assert data["scare_quotes"][0]["terms"] == [{"term": "Israel", "chapters": [[1, 0]]}]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("chapters/01.md", "chapters/01.md: refusing to overwrite a manuscript file; name the report something.html"),
        ("notes.txt", "notes.txt: refusing to overwrite a manuscript file; name the report something.html"),
        ("pyproject.toml", "pyproject.toml: the report is an HTML file; give -o a name ending in .html"),
        ("chapters.html", None),
        ("missing/report.html", "cannot write missing/report.html: no folder missing"),
    ],
)
def test_the_report_never_overwrites_the_manuscript_and_says_what_it_cannot_write(book, output, message):
    if output == "chapters.html":
        (book / output).mkdir()
        message = "chapters.html: is a folder; give -o a file name, such as chapters.html/report.html"
    before = every_file(book)
    made = run_cli(["report", "-o", output], book)
    assert (made.returncode, made.stderr) == (2, f"mslint: {message}\n")
    assert every_file(book) == before


def test_an_unwritable_folder_is_a_clear_error(book):
    (book / "out").mkdir(mode=0o555)
    folder = "/sys" if os.geteuid() == 0 else "out"  # root writes in any folder, but not in sysfs
    if folder == "/sys" and not Path(folder).is_dir():
        pytest.skip("root, and no sysfs: no folder that cannot be written in")
    made = run_cli(["report", "-o", f"{folder}/report.html"], book)
    assert (made.returncode, made.stderr) == (2, f"mslint: cannot write {folder}/report.html: Permission denied\n")
    assert not (book / "out" / "report.html").exists()


def test_a_file_that_cannot_be_read_is_listed_and_the_rest_reported(book):
    (book / "chapters" / "03.md").write_bytes(b"\xff\xfe\x00bad")
    made = run_cli(["report", "-o", "report.html"], book)
    data = embedded_data((book / "report.html").read_text(encoding="utf-8"))
    assert made.returncode == 2 and "chapters/03.md" in made.stderr
    assert [e["path"] for e in data["errors"]] == ["chapters/03.md"] and len(data["chapters"]) == 2


def test_the_repository_chapter_is_reported_with_every_finding_marked(tmp_path):
    made = run_cli(["report", "--no-cache", "manuscript/chapter-01.md", "-o", str(tmp_path / "report.html")], ROOT)
    assert made.returncode == 0, made.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = embedded_data(page)
    found = highlights(page[page.index("<main ") : page.index("</main>") + 7])
    assert data["findings"] and all(f["marked"] for f in data["findings"])
    for index, finding in enumerate(data["findings"]):
        first = found.first[str(index)]
        assert (first["data-rule"], first["data-level"], first["data-voice"]) == (
            finding["rule"],
            finding["level"],
            finding["voice"],
        )
        assert (int(first["data-line"]), int(first["data-column"])) == (finding["line"], finding["column"])
        assert found.text[str(index)] == finding["match"]
