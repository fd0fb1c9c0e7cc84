"""mslint vocab: the words an author has to triage, and adding them to the book's vocabulary."""

from conftest import run_cli, write_book

SPELLING = {"Spelling.yml": "extends: spelling\nmessage: \"'%s'?\"\n"}
CONFIG = '[tool.mslint]\npaths = ["chapters"]\nstyles-path = "styles"\nproselint = false\nvocab = ["Book"]\n'


def book_with_vocabulary(tmp_path):
    write_book(tmp_path, SPELLING)
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "chapters" / "01.md").write_text("The zorbl and the Quux.\n\nA zorbl `qqqq` again.\n", encoding="utf-8")
    (tmp_path / "chapters" / "02.md").write_text("More zorbl, a Quux, one blarg.\n", encoding="utf-8")
    return tmp_path


def accept_file(book):
    return book / "styles" / "config" / "vocabularies" / "Book" / "accept.txt"


def test_unknown_lists_each_word_with_its_uses_and_first_place(tmp_path):
    book = book_with_vocabulary(tmp_path)
    accept_file(book).parent.mkdir(parents=True)
    result = run_cli(["vocab", "unknown"], book)
    assert result.stdout.splitlines() == [
        "     3  zorbl  chapters/01.md:1:5",
        "     2  Quux  chapters/01.md:1:19",
        "     1  blarg  chapters/02.md:1:25",
    ]
    assert result.stderr == "mslint: 3 words in no dictionary or vocabulary; add the book's own with mslint vocab add\n"
    assert result.returncode == 0


def test_add_and_reject_keep_the_files_sorted_without_duplicates_and_comments_on_top(tmp_path):
    book = book_with_vocabulary(tmp_path)
    accept = accept_file(book)
    assert run_cli(["vocab", "add", "zeta"], book).returncode == 0  # the folder is made
    accept.write_text("# The book's words\nzeta\nAlpha\n", encoding="utf-8")
    result = run_cli(["vocab", "add", "zorbl", "Quux", "zeta", "zorbl"], book)
    assert (result.returncode, result.stderr) == (0, "mslint: 2 new in styles/config/vocabularies/Book/accept.txt: zorbl, Quux\n")
    assert accept.read_text(encoding="utf-8") == "# The book's words\nAlpha\nQuux\nzeta\nzorbl\n"
    assert run_cli(["vocab", "unknown"], book).stdout == "     1  blarg  chapters/02.md:1:25\n"
    assert run_cli(["vocab", "reject", "blarg"], book).returncode == 0
    assert (accept.parent / "reject.txt").read_text(encoding="utf-8") == "blarg\n"
    assert run_cli([], book).stdout == "chapters/02.md:1:25: warning House.Spelling: 'blarg'?\n"


def test_without_a_vocabulary_in_the_configuration_adding_says_what_to_do(tmp_path):
    book = book_with_vocabulary(tmp_path)
    (book / "pyproject.toml").write_text(CONFIG.replace('vocab = ["Book"]\n', ""), encoding="utf-8")
    result = run_cli(["vocab", "add", "zorbl"], book)
    assert result.returncode == 2
    assert result.stderr.endswith('no vocabulary to add to; add vocab = ["Book"] (a name of your choice) to the configuration\n')


def test_a_new_vocabulary_file_gets_the_mode_the_umask_gives(tmp_path):
    import os
    import stat

    (tmp_path / "mslint.toml").write_text('styles-path = "styles"\nvocab = ["Book"]\n')
    (tmp_path / "styles" / "config" / "vocabularies" / "Book").mkdir(parents=True)
    old = os.umask(0o022)
    try:
        assert run_cli(["vocab", "add", "Zorblax"], tmp_path).returncode == 0
    finally:
        os.umask(old)
    accept = tmp_path / "styles" / "config" / "vocabularies" / "Book" / "accept.txt"
    assert accept.read_text() == "Zorblax\n"
    assert stat.S_IMODE(accept.stat().st_mode) == 0o644


BAD_TERMS = {
    "a bad pattern, which broke every later run": ("(foo|bar", "'(foo|bar' is a bad regular expression"),
    "two lines, which added two terms": ("x\ny", "'x\\ny' is no term"),
    "a comment, which accepted nothing": ("#word", "'#word' is no term"),
    "nothing": ("", "'' is no term"),
    "a pattern that does not match itself": ("C++", "'C++', read as a pattern, does not match itself; add C\\+\\+ for the word"),
}


def test_a_term_that_would_break_the_vocabulary_or_mean_something_else_is_refused(tmp_path):
    book = book_with_vocabulary(tmp_path)
    assert run_cli(["vocab", "add", "zeta"], book).returncode == 0
    for term, message in BAD_TERMS.values():
        result = run_cli(["vocab", "add", "zorbl", term], book)
        assert result.returncode == 2 and message in result.stderr, term
    assert accept_file(book).read_text(encoding="utf-8") == "zeta\n"  # nothing written, not even zorbl
    assert run_cli(["vocab", "add", "[Oo]bservability", "e.g."], book).returncode == 0  # patterns meant as such


def test_a_vocabulary_that_cannot_be_read_or_written_is_an_error_naming_it(tmp_path):
    book = book_with_vocabulary(tmp_path)
    accept = accept_file(book)
    accept.parent.mkdir(parents=True)
    accept.write_bytes(b"caf\xe9\n")
    result = run_cli(["vocab", "add", "zorbl"], book)
    assert (result.returncode, result.stderr) == (
        2,
        f"mslint: {accept}:1: not valid UTF-8: byte 0xe9 at line 1, byte 4; re-save the file as UTF-8\n",
    )
    accept.unlink()
    accept.mkdir()
    result = run_cli(["vocab", "add", "zorbl"], book)
    assert (result.returncode, result.stderr) == (2, f"mslint: {accept}: cannot read the vocabulary: Is a directory\n")
