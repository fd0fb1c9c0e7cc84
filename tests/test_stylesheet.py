"""mslint stylesheet: the book's style sheet as Markdown, the file that records it, and the rules
that read the file (stylesheet.py, and each consistency rule's read_recorded and sheet)."""

import dataclasses
import shutil

import pytest

from conftest import ROOT, chapters, make_rule, run_cli
from mslint.engine import lint
from mslint.stylesheet import OPEN, Form, book_entries

RULES = ("Abbreviations", "Capitals", "Hyphenation", "Marks", "ScareQuotesConsistent", "Variants")
CONFIG = '[tool.mslint]\npaths = ["chapters"]\nstyles-path = "styles"\nvocab = ["Book"]\nproselint = false\n'
CHAPTER_A = (
    "# One\n\n"
    "Our long-term aims are long-term. The Global South paid, and the Global South grew.\n\n"
    "The Communist Party of Greece (KKE) spoke. The “labor” faction, the “labor” current and the “labor” press.\n\n"
    "The Histadrut grew—and the Histadrut spoke.\n"
)
CHAPTER_B = "The Histradrut shrank. The non-Zionist left, the non-Zionist press and a non Zionist paper.\n"
# A new chapter that writes the other form of each recorded query, and more often than the book.
CHAPTER_C = (
    "The plan is long term. The view is long term. The aim is long term.\n\n"
    "In the global south, the global south waits and the global south pays.\n\n"
    "Labor and labor and labor.\n"
)

SHEET = """\
# Style sheet

Each form the book keeps, with its uses and first use. Recorded in `stylesheet.yml`: the forms kept by the style sheet.

## Compounds

| compound | uses | first use | kept by | also written | rule |
|---|---:|---|---|---|---|
| long-term | 2 | chapters/a.md:3:5 | the book |  | Book.Hyphenation |

## Capitalized terms

| term | uses | first use | kept by | also written | rule |
|---|---:|---|---|---|---|
| Global South | 2 | chapters/a.md:3:39 | the book |  | Book.Capitals |

## Scare-quoted terms

| term | uses | first use | kept by | also written | rule |
|---|---:|---|---|---|---|
| “labor” | 2 | chapters/a.md:5:69 | the book |  | Book.ScareQuotesConsistent |

## Marks

| mark | uses | first use | kept by | also written | rule |
|---|---:|---|---|---|---|
| curly quotation marks (“ ”) | 6 | chapters/a.md:5:48 | the book |  | Book.Marks |
| unspaced em dashes (word—word) | 1 | chapters/a.md:7:19 | the book |  | Book.Marks |

## Abbreviations

| abbreviation (definition) | definitions | first defined | kept by | also written | rule |
|---|---:|---|---|---|---|
| KKE (Communist Party of Greece) | 1 | chapters/a.md:5:5 | the book |  | Book.Abbreviations |

## Names from the vocabulary and variants

| name | uses | first use | kept by | also written | rule |
|---|---:|---|---|---|---|
| Histadrut | 2 | chapters/a.md:7:5 | vocabulary | Histradrut (1, first at chapters/b.md:1:5) | Book.Variants |

## Open queries

Written more than one way, and recorded nowhere: the rules keep the form used most (an abbreviation's \
first definition) and report the others. Settle each in the text, or in the style sheet.

| kind | kept for now | uses | first use | also written | rule |
|---|---|---:|---|---|---|
| Compounds | non-Zionist | 2 | chapters/b.md:1:28 | non Zionist (1, first at chapters/b.md:1:74) | Book.Hyphenation |
"""

RECORDED = """\
# The book's style sheet: the form each consistency rule keeps, whatever the counts.
# mslint stylesheet --write adds the forms the book writes one way only; edit the rest by hand.
Book.Abbreviations:
  KKE: Communist Party of Greece
Book.Capitals:
  global south: capitalized
Book.Hyphenation:
  long-term: hyphenated
Book.Marks:
  dashes: unspaced-em
  quotes: curly
Book.ScareQuotesConsistent:
  labor: quoted
"""


@pytest.fixture
def book(tmp_path):
    """Two chapters, the book's consistency rules, and a vocabulary (Histadrut, and Cassif for the rules' examples)."""
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "styles" / "Book").mkdir(parents=True)
    for name in RULES:
        shutil.copy(ROOT / "rules" / "Book" / f"{name}.yml", tmp_path / "styles" / "Book")
    vocabulary = tmp_path / "styles" / "config" / "vocabularies" / "Book"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("Cassif\nHistadrut\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text(CHAPTER_A, encoding="utf-8")
    (tmp_path / "chapters" / "b.md").write_text(CHAPTER_B, encoding="utf-8")
    return tmp_path


def lines(output: str) -> list[str]:
    return output.splitlines()


# --- the command -------------------------------------------------------------------------------


def test_the_style_sheet_lists_each_form_kept_with_its_uses_and_first_use_and_the_open_queries(book):
    shown = run_cli(["stylesheet"], book)
    assert (shown.returncode, shown.stderr) == (0, "")
    assert shown.stdout == SHEET
    assert not (book / "stylesheet.yml").exists() and not (book / ".mslint_cache").exists()  # it writes nothing


def test_write_records_the_forms_the_book_writes_one_way_and_writing_again_gives_the_same_bytes(book):
    first = run_cli(["stylesheet", "--write", "stylesheet.yml"], book)
    assert (first.returncode, first.stdout) == (0, SHEET)
    assert first.stderr == (
        "mslint: wrote stylesheet.yml: 6 forms recorded; 1 open query: settle it in the text or in stylesheet.yml\n"
    )
    written = (book / "stylesheet.yml").read_bytes()
    assert written.decode("utf-8") == RECORDED
    again = run_cli(["stylesheet", "--write", "stylesheet.yml"], book)
    assert again.returncode == 0 and (book / "stylesheet.yml").read_bytes() == written
    # What the style sheet records is marked so; the open query stays open.
    assert "| long-term | 2 | chapters/a.md:3:5 | style sheet |  | Book.Hyphenation |" in lines(again.stdout)
    assert "| Compounds | non-Zionist | 2 | chapters/b.md:1:28 |" in again.stdout


def test_a_recorded_form_wins_where_a_new_chapter_writes_the_other_more_often(book):
    assert run_cli(["stylesheet", "--write", "stylesheet.yml"], book).returncode == 0
    (book / "chapters" / "c.md").write_text(CHAPTER_C, encoding="utf-8")
    linted = run_cli([], book)
    assert [line for line in lines(linted.stdout) if line.startswith("chapters/c.md")] == [
        "chapters/c.md:1:13: warning Book.Hyphenation: 'long term' here; the book's style sheet has 'long-term'.",
        "chapters/c.md:1:36: warning Book.Hyphenation: 'long term' here; the book's style sheet has 'long-term'.",
        "chapters/c.md:1:58: warning Book.Hyphenation: 'long term' here; the book's style sheet has 'long-term'.",
        "chapters/c.md:3:8: warning Book.Capitals: 'global south' here; the book's style sheet has 'Global South'.",
        "chapters/c.md:3:26: warning Book.Capitals: 'global south' here; the book's style sheet has 'Global South'.",
        "chapters/c.md:3:53: warning Book.Capitals: 'global south' here; the book's style sheet has 'Global South'.",
        "chapters/c.md:5:1: suggestion Book.ScareQuotesConsistent: 'Labor' here; the book's style sheet has '“labor”'.",
        "chapters/c.md:5:11: suggestion Book.ScareQuotesConsistent: 'labor' here; the book's style sheet has '“labor”'.",
        "chapters/c.md:5:21: suggestion Book.ScareQuotesConsistent: 'labor' here; the book's style sheet has '“labor”'.",
    ]
    # Without the style sheet, the new chapter's forms win or are not compared at all: nothing there.
    (book / "stylesheet.yml").unlink()
    assert not [line for line in lines(run_cli([], book).stdout) if line.startswith("chapters/c.md")]


def test_the_cache_never_hides_a_change_to_the_style_sheet(book):
    (book / "chapters" / "c.md").write_text(CHAPTER_C, encoding="utf-8")
    (book / "stylesheet.yml").write_text("Book.Hyphenation:\n  long-term: open\n", encoding="utf-8")
    before = run_cli([], book)
    assert "chapters/a.md:3:24: warning Book.Hyphenation: 'long-term' here; 'long term' 3 times, first at chapters/c.md:1:13" in (
        lines(before.stdout)
    )
    assert sorted((book / ".mslint_cache").glob("file-*.json"))  # the facts are cached, under the recorded forms
    # Now the style sheet says hyphenated: a.md's use is right, c.md's are reported. A stale
    # observation of c.md would hold no open forms at all (they are read for the recorded compounds).
    (book / "stylesheet.yml").write_text("Book.Hyphenation:\n  long-term: hyphenated\n", encoding="utf-8")
    after = run_cli([], book)
    assert after.stdout == run_cli(["--no-cache"], book).stdout
    hyphenation = [line for line in lines(after.stdout) if "Book.Hyphenation" in line and "long" in line]
    assert [line.split(": warning")[0] for line in hyphenation] == [
        "chapters/c.md:1:13",
        "chapters/c.md:1:36",
        "chapters/c.md:1:58",
    ]
    # And with no entry left, the open forms are read again only beside the hyphenated ones.
    (book / "stylesheet.yml").write_text("", encoding="utf-8")
    emptied = run_cli([], book)
    assert emptied.stdout == run_cli(["--no-cache"], book).stdout
    assert not [line for line in lines(emptied.stdout) if "'long term'" in line or "'long-term'" in line]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Book.Hyphenation:\n  long-term: [a, b]\n",
            "stylesheet.yml:2: Book.Hyphenation: 'long-term' must be given a form, as text",
        ),
        (
            "Book.Hyphenation:\n  long-term: sideways\n",
            "stylesheet.yml:2: Book.Hyphenation: 'sideways' is no form of a compound; write hyphenated, open or closed",
        ),
        (
            "Book.Hyphenation:\n  longterm: open\n",
            "stylesheet.yml:2: Book.Hyphenation: a compound is recorded with its hyphens (2 to 4 words), as long-term: open",
        ),
        (
            "Book.Capitals:\n  global south: capitalized\nBook.Nope:\n  x: y\n",
            "stylesheet.yml:3: Book.Nope: names no rule in use; ",
        ),
        (
            "Book.Marks:\n  quotes: curly\n  quotes: straight\n",
            "stylesheet.yml:3: 'quotes' is given twice, first on line 2; keep one",
        ),
        (
            "Book.Marks:\n  dashes: one-sided-em\n",
            "stylesheet.yml:2: Book.Marks: 'one-sided-em' is no form of dashes; write one of unspaced-em, spaced-em, spaced-en, "
            "spaced-hyphen, double-hyphen, spaced-double-hyphen, triple-hyphen, spaced-triple-hyphen",
        ),
        (
            "Book.Hyphenation:\n\tlong-term: open\n",
            "stylesheet.yml:2: invalid YAML: a tab, where YAML indents with spaces only; replace it with spaces",
        ),
        (
            "- long-term\n",
            "stylesheet.yml:1: a style sheet maps each rule id to its queries and their forms, as Book.Hyphenation: ",
        ),
        (
            "Hyphenation:\n  long-term: open\n",
            "stylesheet.yml:1: 'Hyphenation' is no rule id; write Style.Rule, as Book.Hyphenation",
        ),
        (
            "Book.Variants:\n  Histradrut: Histradrut\n",
            "stylesheet.yml:2: Book.Variants: a name is recorded as a variant and the spelling to keep, as Histradrut: Histadrut",
        ),
        (
            "Book.Hyphenation:\n  long-term: open\n  Long-Term: closed\n",
            "stylesheet.yml:2: Book.Hyphenation: the compound is recorded twice, as 'Long-Term' too; keep one",
        ),
        (
            "Book.Abbreviations:\n  kke: Communist Party of Greece\n",
            "stylesheet.yml:2: Book.Abbreviations: an abbreviation is 2 to 10 capitals, as KKE: Communist Party of Greece",
        ),
    ],
)
def test_a_malformed_style_sheet_stops_the_run_naming_its_file_line_and_fix(book, text, message):
    (book / "stylesheet.yml").write_text(text, encoding="utf-8")
    for command in ([], ["stylesheet"], ["report", "-o", "report.html"]):
        run = run_cli(command, book)
        assert (run.returncode, run.stdout) == (2, "")
        assert run.stderr.startswith(f"mslint: {message}"), run.stderr
        assert "Traceback" not in run.stderr
    assert not (book / "report.html").exists()


def test_a_style_sheet_entry_for_a_rule_that_keeps_nothing_is_an_error(book):
    (book / "styles" / "Book" / "Typos.yml").write_text("extends: existence\nmessage: x\ntokens: [teh]\n", encoding="utf-8")
    (book / "stylesheet.yml").write_text("Book.Typos:\n  teh: the\n", encoding="utf-8")
    run = run_cli([], book)
    assert run.returncode == 2
    assert (
        run.stderr
        == "mslint: stylesheet.yml:1: Book.Typos: a rule of type existence keeps nothing in a style sheet; remove its entries\n"
    )


def test_mslint_test_runs_the_examples_without_the_style_sheet(book):
    (book / "stylesheet.yml").write_text("Book.Hyphenation:\n  long-term: hyphenated\n", encoding="utf-8")
    # A pass example of the rule writes "the long term": the style sheet would report it.
    tested = run_cli(["test"], book)
    assert tested.returncode == 0, tested.stdout
    assert tested.stderr.startswith("mslint: ") and "none broken" in tested.stderr


def test_write_names_how_to_have_the_rules_read_another_file(book):
    written = run_cli(["stylesheet", "--write", "sheets/book.yaml"], book)
    assert written.returncode == 2 and written.stderr == "mslint: sheets/book.yaml: cannot write it: no folder sheets\n"
    (book / "sheets").mkdir()
    written = run_cli(["stylesheet", "--write", "sheets/book.yaml"], book)
    assert written.returncode == 0
    assert written.stderr.splitlines()[-1] == (
        "mslint: the rules read stylesheet.yml, not sheets/book.yaml; to have them read it, set "
        'stylesheet = "sheets/book.yaml" under [tool.mslint] in pyproject.toml'
    )
    (book / "pyproject.toml").write_text(CONFIG + 'stylesheet = "sheets/book.yaml"\n', encoding="utf-8")
    (book / "chapters" / "c.md").write_text(CHAPTER_C, encoding="utf-8")
    assert "chapters/c.md:1:13: warning Book.Hyphenation: 'long term' here; the book's style sheet has 'long-term'." in (
        run_cli([], book).stdout
    )
    again = run_cli(["stylesheet", "--write", "sheets/book.yaml"], book)
    assert again.stderr.splitlines() == [
        "mslint: wrote sheets/book.yaml: 6 forms recorded; 1 open query: settle it in the text or in sheets/book.yaml"
    ]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "chapters/a.md",
            "chapters/a.md: a style sheet is a YAML file; give --write a name ending in .yml, such as stylesheet.yml",
        ),
        (
            "pyproject.toml",
            "pyproject.toml: a style sheet is a YAML file; give --write a name ending in .yml, such as stylesheet.yml",
        ),
        ("styles/Book/Sheet.yml", "styles/Book/Sheet.yml: is in a style's folder, where every YAML file is a rule; "),
        ("styles/Book/Marks.yml", "styles/Book/Marks.yml: is in a style's folder, where every YAML file is a rule; "),
        ("chapters", "chapters: a style sheet is a YAML file; "),
        ("ci.yml", "ci.yml: exists and is not a style sheet ('jobs' is no rule id; write Style.Rule, as Book.Hyphenation)"),
    ],
)
def test_write_refuses_a_file_that_is_no_style_sheet_and_changes_nothing(book, target, message):
    (book / "ci.yml").write_text("jobs:\n  - lint\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in book.rglob("*") if path.is_file()}
    refused = run_cli(["stylesheet", "--write", target], book)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith(f"mslint: {message}"), refused.stderr
    assert {path: path.read_bytes() for path in book.rglob("*") if path.is_file()} == before


def test_write_needs_a_configuration(tmp_path):
    (tmp_path / "a.md").write_text("A long-term plan.\n", encoding="utf-8")
    refused = run_cli(["stylesheet", "--write", "stylesheet.yml"], tmp_path)
    assert refused.returncode == 2 and "so no rules to read a style sheet; make one first (mslint init)" in refused.stderr
    assert not (tmp_path / "stylesheet.yml").exists()


def test_a_book_read_in_part_is_not_recorded(book):
    (book / "chapters" / "broken.md").write_bytes(b"\xff\xfe not UTF-8 \x00")
    refused = run_cli(["stylesheet", "--write", "stylesheet.yml"], book)
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "mslint: stylesheet.yml not written: the style sheet of a book read in part would be wrong"
    )
    assert not (book / "stylesheet.yml").exists()


def test_a_configured_style_sheet_must_be_a_path(book):
    (book / "pyproject.toml").write_text(CONFIG + "stylesheet = 3\n", encoding="utf-8")
    run = run_cli([], book)
    assert run.returncode == 2 and run.stderr.endswith("pyproject.toml: [tool.mslint] 'stylesheet' must be a path, as a string\n")


# --- each rule's entries and what it reports of a recorded form ------------------------------


def rule(name: str, recorded: dict[str, str]):
    """A rule of the book's, with the style sheet's entries for it."""
    text = (ROOT / "rules" / "Book" / f"{name}.yml").read_text(encoding="utf-8")
    built = make_rule(text, f"Book.{name}")
    return type(built)(dataclasses.replace(built.spec, recorded=recorded))


def found(rules, *texts):
    return [(f.path, f.line, f.column, f.message, f.replacements) for f in lint(chapters(*texts), rules).findings]


def test_a_recorded_definition_wins_over_the_books_first():
    abbreviations = rule("Abbreviations", {"KKE": "Greek Communist Party"})
    texts = ("The Communist Party of Greece (KKE) spoke.\n", "The Greek Communist Party (KKE) wrote. The KKE won.\n")
    assert found([abbreviations], *texts) == [
        ("a.md", 1, 5, "'KKE' is defined here as 'Communist Party of Greece', but as 'Greek Communist Party' at b.md:1:5.", ())
    ]
    unwritten = rule("Abbreviations", {"KKE": "Kommounistikó Kómma Elládas"})
    assert [f[3] for f in found([unwritten], *texts)] == [
        "'KKE' is defined here as 'Communist Party of Greece'; the book's style sheet has 'Kommounistikó Kómma Elládas'.",
        "'KKE' is defined here as 'Greek Communist Party'; the book's style sheet has 'Kommounistikó Kómma Elládas'.",
    ]


def test_a_recorded_spelling_wins_over_the_commoner_variant():
    variants = rule("Variants", {"Histadrut": "Histradrut"})
    message = "'Histadrut' (2 times) looks like a variant of 'Histradrut' (1 times): spell it one way."
    assert found([variants], "The Histadrut grew. The Histadrut won.\n", "The Histradrut shrank.\n") == [
        ("a.md", 1, 5, message, ("Histradrut",)),
        ("a.md", 1, 25, message, ("Histradrut",)),
    ]


def test_a_recorded_mark_wins_even_where_the_book_never_writes_it():
    marks = rule("Marks", {"dashes": "spaced-en"})
    assert found([marks], "It grew—and grew.\n") == [
        ("a.md", 1, 8, "unspaced em dash (word—word) here; the book's style sheet has spaced en dashes (word – word).", (" – ",))
    ]


def test_a_recorded_form_the_majority_also_chose_keeps_the_usual_message():
    capitals = rule("Capitals", {"global south": "capitalized"})
    assert [f[3] for f in found([capitals], "The Global South paid, the Global South grew and the global south waited.\n")] == [
        "'global south' here; 'Global South' twice, first at a.md:1:5"
    ]


def test_the_sheet_is_made_from_what_the_lint_read_and_concluded():
    hyphenation = rule("Hyphenation", {"e-mail": "closed"})
    text = "Send an e-mail, an e-mail and another email. The plan is long-term. In the long term, long-term plans pay.\n"
    entries = book_entries(lint(chapters(text), [hyphenation]))
    assert [(e.key, e.value, e.kept, e.others, e.kept_by) for e in entries] == [
        ("e-mail", "closed", Form("email", 1, "a.md:1:39"), (Form("e-mail", 2, "a.md:1:9"),), "style sheet"),
        ("long-term", "hyphenated", Form("long-term", 2, "a.md:1:58"), (Form("long term", 1, "a.md:1:76"),), OPEN),
    ]


def test_the_report_embeds_the_same_tables_as_the_markdown(book):
    from test_report import embedded_data

    from mslint.stylesheet import Table, markdown

    made = run_cli(["report", "-o", "report.html"], book)
    assert made.returncode == 0, made.stderr
    data = embedded_data((book / "report.html").read_text(encoding="utf-8"))["stylesheet"]
    assert [part["title"] for part in data] == [
        "Compounds",
        "Capitalized terms",
        "Scare-quoted terms",
        "Marks",
        "Abbreviations",
        "Names from the vocabulary and variants",
        "Open queries",
    ]
    shown = [Table(part["title"], tuple(part["columns"]), [tuple(row) for row in part["rows"]]) for part in data]
    assert markdown(shown, "stylesheet.yml") == SHEET
