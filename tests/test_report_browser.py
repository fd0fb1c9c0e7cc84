"""mslint report in a real browser: Debian's chromium, driven by Playwright (one launch for the module)."""

import json
import shutil

import pytest

from conftest import MARKUP_RULE, ROOT, run_cli, write_book

HOSTILE_CHAPTER = (
    "# <script>window.pwned = 'heading'</script>\n\n"
    "A <img src=x onerror=\"window.pwned = 'img'\"> and </script><script>window.pwned = 'script'</script> here.\n\n"
    "> Quoted </script> words with a 'Histradrut'.\n\n"
    "![a picture](http://example.invalid/picture.png) and a [link](javascript:window.pwned='link').\n"
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed: apt-get install chromium, as root (.ci/run does)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


def open_report(browser, path):
    """The report in a new page, and every request the page made (the file itself, and nothing else)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    return page, requests, problems


@pytest.fixture(scope="module")
def chapter_report(tmp_path_factory):
    """The repository's chapter, as --format json reports it and as the report shows it."""
    folder = tmp_path_factory.mktemp("report")
    linted = run_cli(["--format", "json", "--no-cache", "manuscript/chapter-01.md"], ROOT)
    made = run_cli(["report", "--no-cache", "manuscript/chapter-01.md", "-o", str(folder / "report.html")], ROOT)
    assert made.returncode == 0, made.stderr
    return folder / "report.html", json.loads(linted.stdout)["findings"]


def test_every_finding_is_highlighted_on_its_words(browser, chapter_report, tmp_path):
    report, findings = chapter_report
    page, requests, problems = open_report(browser, report)
    assert findings
    assert page.locator("mark.finding:not(.more)").count() == len(findings)
    for f in findings:
        selector = f'mark.finding:not(.more)[data-rule="{f["rule"]}"][data-line="{f["line"]}"][data-column="{f["column"]}"]'
        mark = page.locator(selector)
        assert mark.count() == 1, selector
        assert (mark.get_attribute("data-level"), mark.get_attribute("data-voice")) == (f["level"], f["voice"])
        number = mark.get_attribute("data-finding")
        words = page.eval_on_selector_all(f'mark[data-finding="{number}"]', "marks => marks.map(m => m.textContent).join('')")
        assert words == f["match"]
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 0
    assert requests == [report.as_uri()] and problems == []


def test_hovering_or_focusing_a_highlight_shows_what_it_found(browser, chapter_report):
    report, findings = chapter_report
    page, _, _ = open_report(browser, report)
    first = findings[0]
    page.keyboard.press("Tab")  # past the filters to the first highlight
    while page.evaluate("document.activeElement.tagName") != "MARK":
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.line") == str(first["line"])
    tip = page.locator("#tip")
    assert tip.is_visible() and first["message"] in tip.inner_text()
    assert all(replacement in tip.inner_text() for replacement in first["replacements"])
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    last = findings[-1]
    page.locator(f'mark.finding[data-line="{last["line"]}"][data-column="{last["column"]}"]').hover()
    assert tip.is_visible() and last["rule"] in tip.inner_text()


def test_the_filters_hide_and_show_findings_and_the_list_jumps_to_each(browser, chapter_report):
    report, findings = chapter_report
    page, _, _ = open_report(browser, report)

    def hidden(attribute: str, value: str) -> list[bool]:
        """Whether each finding with the attribute's value is filtered out, in the text and in the list."""
        return page.eval_on_selector_all(
            f'mark.finding:not(.more)[{attribute}="{value}"]',
            "marks => marks.map(m => m.classList.contains('filtered') && m.tabIndex === -1"
            " && document.getElementById('item-' + m.dataset.finding).hidden)",
        )

    for kind, attribute, value in (
        ("level", "data-level", "warning"),
        ("rule", "data-rule", "Book.Ellipses"),
        ("voice", "data-voice", "blockquote"),
    ):
        count = sum(1 for f in findings if f[attribute.removeprefix("data-")] == value)
        assert count and hidden(attribute, value) == [False] * count
        page.locator(f'#filters input[name="{kind}"][value="{value}"]').uncheck()
        assert hidden(attribute, value) == [True] * count
        others = page.eval_on_selector_all(
            f'mark.finding:not(.more):not([{attribute}="{value}"])', "ms => ms.map(m => m.classList.contains('filtered'))"
        )
        assert others and not all(others)
        page.locator(f'#filters input[name="{kind}"][value="{value}"]').check()
        assert hidden(attribute, value) == [False] * count

    last = len(findings) - 1
    page.locator(f"#item-{last} a").click()
    assert page.evaluate("document.activeElement.id") == f"finding-{last}"
    assert page.locator(f"#finding-{last}").is_visible()


def test_hostile_text_shows_as_text_runs_nothing_and_loads_nothing(browser, tmp_path):
    book = write_book(tmp_path, {"Markup.yml": MARKUP_RULE})
    (book / "chapters" / "01.md").write_text(HOSTILE_CHAPTER, encoding="utf-8")
    made = run_cli(["report", "-o", "report.html"], book)
    assert made.returncode == 0, made.stderr
    page, requests, _ = open_report(browser, book / "report.html")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 2  # the data, the page's script
    text = page.locator(".chapter-text").inner_text()
    assert "<script>window.pwned = 'heading'</script>" in text and "<img src=x onerror=" in text
    matches = page.eval_on_selector_all("mark.finding:not(.more)", "ms => ms.map(m => m.textContent)")
    assert matches == ["</script>", "<img src=x onerror=\"window.pwned = 'img'\">", "</script>", "</script>", "</script>"]
    page.locator("mark.finding").nth(1).hover()
    assert "<img src=x" in page.locator("#tip").inner_text()
    assert page.locator(".chapter-text a").count() == 0  # markdown-it keeps javascript: out of links
    page.locator(".chapter-text span.image").click()  # a picture is its description: nothing to load
    assert requests == [(book / "report.html").as_uri()]
    page.screenshot(path=str(tmp_path / "hostile.png"))


def test_the_style_sheet_table_shows_each_form_and_a_link_skips_to_the_text(browser, tmp_path):
    rules = {
        f"{name}.yml": (ROOT / "rules" / "Book" / f"{name}.yml").read_text(encoding="utf-8")
        for name in ("Capitals", "Hyphenation")
    }
    book = write_book(tmp_path, rules, style="Book")
    (book / "chapters" / "01.md").write_text(
        "Our long-term aims are long-term. The Global South paid, and the Global South grew.\n\n"
        "The non-Zionist left, the non-Zionist press and a non Zionist paper.\n",
        encoding="utf-8",
    )
    (book / "stylesheet.yml").write_text("Book.Capitals:\n  global south: capitalized\n", encoding="utf-8")
    made = run_cli(["report", "-o", "report.html"], book)
    assert made.returncode == 0, made.stderr
    page, requests, problems = open_report(browser, book / "report.html")
    rows = page.eval_on_selector_all(
        "#stylesheet table tbody tr", "rows => rows.map(row => [...row.cells].map(cell => cell.textContent))"
    )
    assert rows == [
        ["long-term", "2", "chapters/01.md:1:5", "the book", "", "Book.Hyphenation"],
        ["Global South", "2", "chapters/01.md:1:39", "style sheet", "", "Book.Capitals"],
        [
            "Compounds",
            "non-Zionist",
            "2",
            "chapters/01.md:3:5",
            "non Zionist (1, first at chapters/01.md:3:51)",
            "Book.Hyphenation",
        ],
    ]
    assert page.locator("#stylesheet h4").all_inner_texts() == ["Compounds", "Capitalized terms", "Open queries"]
    # The first Tab reaches the link, which takes the focus past the filters and the list to the text.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the text"
    assert page.locator("a.skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "MARK"  # the first highlight, in the text
    assert requests == [(book / "report.html").as_uri()] and problems == []
