"""mslint server, driven as an editor drives it: an LSP client over the server's standard input
and output (scripts/lsp_client.py). Positions are checked exactly, in each encoding."""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types as lsp

from conftest import write_book
from lsp_client import Client, span
from mslint.server import Buffer, client_position, code_points, units

RULES = {
    "Utilize.yml": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
    "action:\n  name: replace\nswap:\n  utilize: use\nlink: https://example.org/house/utilize\n",
    "Spelling.yml": "extends: spelling\nmessage: \"'%s' is not in the dictionary.\"\nlevel: warning\n",
    # An error: its finding, not spelling's on the same word, is the one shown.
    "Variants.yml": "extends: variants\nmessage: \"'%s' (%s times) looks like a variant of '%s' (%s times).\"\nlevel: error\n",
}
UTILIZE = "Use 'use' instead of 'utilize'."
SERVER = [sys.executable, "-m", "mslint", "server"]


@pytest.fixture
def book(tmp_path):
    write_book(tmp_path, RULES)
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('vocab = ["House"]\n')
    (tmp_path / "styles" / "config" / "vocabularies" / "House").mkdir(parents=True)
    return tmp_path


@pytest.fixture
def client(book):
    with Client(SERVER, book) as client:
        yield client


def ranges(diagnostics, code=None) -> list[tuple[int, int, int, int]]:
    return [
        (d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"], d["range"]["end"]["character"])
        for d in diagnostics
        if code is None or d["code"] == code
    ]


def apply(text: str, edit: dict) -> str:
    """A workspace edit applied as an editor applies it, its positions in UTF-16."""
    (change,) = edit["documentChanges"]
    lines = text.split("\n")

    def offset(position) -> int:
        line = lines[position["line"]].encode("utf-16-le")
        before = sum(len(lines[i]) + 1 for i in range(position["line"]))
        return before + len(line[: 2 * position["character"]].decode("utf-16-le"))

    for one in sorted(change["edits"], key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = text[: offset(one["range"]["start"])] + one["newText"] + text[offset(one["range"]["end"]) :]
    return text


def actions(client, uri, where) -> dict[str, dict]:
    found = client.request(
        "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where, "context": {"diagnostics": []}}
    )
    return {action["title"]: action for action in found}


# --- over the wire ------------------------------------------------------------------------------


def test_diagnostics_have_exact_utf16_ranges_that_follow_an_astral_character(client, book):
    assert client.initialize(book)["capabilities"]["positionEncoding"] == "utf-16"
    uri = client.open(book / "chapters" / "one.md", "We utilize it.\n")
    (found,) = client.diagnostics(uri, 1)
    assert (found["code"], found["message"], found["severity"], found["source"]) == ("House.Utilize", UTILIZE, 2, "mslint")
    assert ranges([found]) == [(0, 3, 0, 10)]
    assert found["codeDescription"] == {"href": "https://example.org/house/utilize"}  # the rule's link
    client.change(uri, 2, {"range": span(0, 0), "text": "𝔘 "})  # two UTF-16 code units, and a space
    assert ranges(client.diagnostics(uri, 2)) == [(0, 6, 0, 13)]
    client.change(uri, 3, {"range": span(0, 2), "text": ","})  # just after 𝔘: "𝔘, We utilize it."
    assert ranges(client.diagnostics(uri, 3)) == [(0, 7, 0, 14)]
    client.change(uri, 4, {"text": "\n𝔘 𝔘 utilize\r\n"})  # the whole text; CRLF
    assert ranges(client.diagnostics(uri, 4), "House.Utilize") == [(1, 6, 1, 13)]
    assert client.end() == 0


@pytest.mark.parametrize(
    ("offered", "encoding", "start", "end"),
    [([], "utf-16", 6, 13), (["utf-8", "utf-16"], "utf-8", 8, 15), (["utf-32"], "utf-32", 5, 12)],
)
def test_positions_are_in_the_encoding_the_client_offers(client, book, offered, encoding, start, end):
    assert client.initialize(book, offered)["capabilities"]["positionEncoding"] == encoding
    uri = client.open(book / "chapters" / "one.md", "𝔘 We utilize it.\n")
    assert ranges(client.diagnostics(uri, 1), "House.Utilize") == [(0, start, 0, end)]
    replace = actions(client, uri, span(0, start + 1))["Replace with 'use'"]
    assert replace["edit"]["documentChanges"][0]["edits"] == [{"range": span(0, start, end), "newText": "use"}]
    after = units("𝔘", encoding)
    client.change(uri, 2, {"range": span(0, after), "text": "é"})  # "𝔘é We utilize it."
    assert ranges(client.diagnostics(uri, 2), "House.Utilize") == [
        (0, start + units("é", encoding), 0, end + units("é", encoding))
    ]


def test_a_byte_order_mark_the_editor_keeps_counts_on_the_first_line(client, book):
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", "\ufeffWe utilize it.\nWe utilize it.\n")
    assert ranges(client.diagnostics(uri, 1)) == [(0, 4, 0, 11), (1, 3, 1, 10)]


def test_code_actions_replace_or_disable_and_an_applied_edit_clears_the_finding(client, book):
    client.initialize(book)
    text = "We utilize it.\n\nA line\nthat we utilize.\n"
    uri = client.open(book / "chapters" / "one.md", text)
    assert ranges(client.diagnostics(uri, 1)) == [(0, 3, 0, 10), (3, 8, 3, 15)]
    first = actions(client, uri, span(0, 5))
    assert set(first) == {"Replace with 'use'", "Disable House.Utilize on this line"}
    assert first["Replace with 'use'"]["isPreferred"] is True
    assert first["Replace with 'use'"]["diagnostics"][0]["code"] == "House.Utilize"
    replaced = apply(text, first["Replace with 'use'"]["edit"])
    assert replaced == "We use it.\n\nA line\nthat we utilize.\n"
    # The first line of a paragraph: a comment on a line of its own above it.
    assert apply(text, first["Disable House.Utilize on this line"]["edit"]).startswith(
        "<!-- mslint-disable-next-line House.Utilize -->\nWe utilize it.\n"
    )
    # Inside a paragraph: at the end of the line before, which a line of its own would split.
    disabled = apply(replaced, actions(client, uri, span(3, 9, 12))["Disable House.Utilize on this line"]["edit"])
    assert disabled == "We use it.\n\nA line <!-- mslint-disable-next-line House.Utilize -->\nthat we utilize.\n"
    client.change(uri, 2, {"text": disabled})
    assert client.diagnostics(uri, 2) == []
    assert actions(client, uri, span(0, 0, 3)) == {}


COMMENT = "<!-- mslint-disable-next-line House.Utilize -->"
PLACED = [
    ("We utilize it.\r\n", f"{COMMENT}\r\nWe utilize it.\r\n"),  # the file's own line breaks
    ("A line\r\nthat we utilize.\r\n", f"A line {COMMENT}\r\nthat we utilize.\r\n"),
    # A block quote's first line: a line of its own, with the quote's marker.
    ("> We utilize it.\n", f"> {COMMENT}\n> We utilize it.\n"),
    # A list item: indented as the item's text, so that the list stays one list.
    ("- One.\n- We utilize it.\n", f"- One.\n  {COMMENT}\n- We utilize it.\n"),
    ("1. We utilize it.\n", f"   {COMMENT}\n1. We utilize it.\n"),
    # A hard line break stays at the end of its line.
    ("A line  \nthat we utilize.\n", f"A line {COMMENT}  \nthat we utilize.\n"),
    ("A line\\\nthat we utilize.\n", f"A line {COMMENT}\\\nthat we utilize.\n"),
    # In a table, inside the last cell of the row above.
    ("| a | b |\n|---|---|\n| x | y |\n| we utilize | c |\n", f"| a | b |\n|---|---|\n| x | y {COMMENT} |\n| we utilize | c |\n"),
]


def test_the_comment_that_disables_a_rule_goes_where_the_markdown_reads_as_before(client, book):
    client.initialize(book)
    for number, (text, expected) in enumerate(PLACED):
        uri = client.open(book / "chapters" / f"{number}.md", text)
        (found,) = client.diagnostics(uri, 1)
        start = found["range"]["start"]
        disable = actions(client, uri, span(start["line"], start["character"]))["Disable House.Utilize on this line"]
        placed = apply(text, disable["edit"])
        assert placed == expected
        client.change(uri, 2, {"text": placed})
        assert client.diagnostics(uri, 2) == [], placed


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("one.md", "| a | b |\n|---|---|\n| we utilize | c |\n"),  # a table's first row of cells
        ("one.txt", "Some text\nthat we utilize.\n"),  # its readers would read the comment
    ],
)
def test_no_comment_where_it_would_change_what_is_read(client, book, name, text):
    client.initialize(book)
    uri = client.open(book / "chapters" / name, text)
    (found,) = client.diagnostics(uri, 1)
    assert set(actions(client, uri, found["range"])) == {"Replace with 'use'"}


def test_adding_a_word_to_the_vocabulary_clears_its_diagnostic(client, book):
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", "The zorblax sang.\n")
    assert ranges(client.diagnostics(uri, 1), "House.Spelling") == [(0, 4, 0, 11)]
    offered = actions(client, uri, span(0, 5))
    add = offered["Add 'zorblax' to the vocabulary House (accept.txt)"]
    assert "edit" not in add and add["command"]["command"] == "mslint.addToVocabulary"
    client.request("workspace/executeCommand", {"command": add["command"]["command"], "arguments": add["command"]["arguments"]})
    assert client.diagnostics(uri, 1) == []
    accept = book / "styles" / "config" / "vocabularies" / "House" / "accept.txt"
    assert accept.read_text(encoding="utf-8") == "zorblax\n"


def test_a_vocabulary_that_cannot_be_written_is_said_not_raised(book):
    from mslint.project import Project

    project = Project(book / "pyproject.toml", book)
    project.refresh(force=True)
    (book / "styles" / "config" / "vocabularies" / "House" / "accept.txt").mkdir()  # a folder where the file goes
    [(kind, message)] = project.add_to_vocabulary("zorblax")
    assert kind == "error" and message.endswith("accept.txt: cannot read the vocabulary: Is a directory")


def test_quoted_words_get_sic_not_a_correction(client, book):
    client.initialize(book)
    text = "He wrote: “The zorblax sang all night long to the tired workers.” Then he left.\n"
    uri = client.open(book / "chapters" / "one.md", text)
    assert ranges(client.diagnostics(uri, 1)) == [(0, 15, 0, 22)]
    offered = actions(client, uri, span(0, 16))
    sic = offered["Mark 'zorblax' [sic]: the source spells it so"]
    assert apply(text, sic["edit"]) == text.replace("zorblax", "zorblax [sic]")
    assert not any(title.startswith("Replace") for title in offered)


def test_rules_that_compare_chapters_read_the_files_on_disk_and_the_open_ones(client, book):
    client.initialize(book)
    (book / "chapters" / "two.md").write_text("The Histadrut met. The Histadrut voted. The Histadrut won.\n", encoding="utf-8")
    one = client.open(book / "chapters" / "one.md", "The Histradrut met.\n")
    assert ranges(client.diagnostics(one, 1), "House.Variants") == [(0, 4, 0, 14)]
    # Chapter two open, as the editor has it: now the book spells it one way.
    client.open(book / "chapters" / "two.md", "The Histradrut met. The Histradrut voted.\n")
    assert ranges(client.diagnostics(one, 1), "House.Variants") == []


def test_without_a_configuration_the_built_in_style_lints_the_open_files(tmp_path):
    with Client(SERVER, tmp_path) as client:
        client.initialize(tmp_path)
        uri = client.open(tmp_path / "notes.md", "It was the the end.\n")
        assert [(d["code"], *ranges([d])[0]) for d in client.diagnostics(uri, 1)] == [("Default.DoubledWords", 0, 7, 0, 14)]
        client.change(uri, 2, {"range": span(0, 7, 11), "text": ""})
        assert client.diagnostics(uri, 2) == []
        assert client.end() == 0
    assert list(tmp_path.iterdir()) == []  # no project: no cache, nothing written


def test_a_broken_rule_is_one_message_and_the_server_goes_on(client, book):
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", "We utilize it.\n")
    assert len(client.diagnostics(uri, 1)) == 1
    broken = book / "styles" / "House" / "Broken.yml"
    broken.write_text("extends: nonsense\nmessage: x\n", encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    told = client.notification("window/showMessage")
    assert told["type"] == lsp.MessageType.Error and "Broken.yml" in told["message"] and "nonsense" in told["message"]
    assert "the rules loaded before stay in use" in told["message"]
    client.change(uri, 2, {"range": span(0, 0), "text": "So "})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert ranges(client.diagnostics(uri, 2)) == [(0, 6, 0, 13)]  # with the rules loaded before
    broken.write_text("extends: existence\nmessage: \"'%s'\"\ntokens: [So]\n", encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.notification("window/showMessage")["type"] == lsp.MessageType.Info
    assert {d["code"] for d in client.diagnostics(uri, 2)} == {"House.Broken", "House.Utilize"}
    assert not [m for m in client.pending("window/showMessage") if m["type"] == lsp.MessageType.Error]
    assert client.end() == 0


def test_a_bad_configuration_from_the_start_is_told_and_mended_on_save(client, book):
    config = book / "pyproject.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "colour = 3\n", encoding="utf-8")
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", "We utilize it.\n")
    told = client.notification("window/showMessage")
    assert told["type"] == lsp.MessageType.Error and "unknown key 'colour'" in told["message"]
    config.write_text(good, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert ranges(client.diagnostics(uri, 1)) == [(0, 3, 0, 10)]
    assert client.end() == 0


def test_a_file_too_large_is_told_once_and_a_closed_one_shows_nothing(client, book):
    with (book / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write("max-file-size = 40\n")
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", "We utilize it.\n")
    assert len(client.diagnostics(uri, 1)) == 1
    client.change(uri, 2, {"range": span(0, 0), "text": "A long first sentence, then more. "})
    assert client.diagnostics(uri, 2) == []
    told = client.notification("window/showMessage")
    assert told["type"] == lsp.MessageType.Warning and "more than max-file-size (40)" in told["message"]
    assert told["message"].endswith("not linted")
    client.change(uri, 3, {"range": span(0, 0), "text": "More. "})
    client.change(uri, 4, {"text": "We utilize it.\n"})
    assert len(client.diagnostics(uri, 4)) == 1
    assert client.pending("window/showMessage") == []
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


@pytest.mark.parametrize(("text", "said"), [("A \0 utilize.\n", "NUL bytes"), ("\ud800 utilize\n", "not valid UTF-8")])
def test_text_mslint_does_not_read_on_disk_is_not_read_in_the_editor_either(client, book, text, said):
    client.initialize(book)
    uri = client.open(book / "chapters" / "one.md", text)
    assert client.diagnostics(uri, 1) == []
    told = client.notification("window/showMessage")
    assert told["type"] == lsp.MessageType.Warning and said in told["message"]


def test_exit_without_shutdown_is_status_1(client, book):
    client.initialize(book)
    client.notify("exit")
    assert client.process.wait(timeout=60) == 1


# --- positions and edits, in this process ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [("a𝔘b", "utf-16", 4), ("a𝔘b", "utf-8", 6), ("a𝔘b", "utf-32", 3), ("é", "utf-8", 2), ("\udc80", "utf-16", 1)],
)
def test_code_units(text, encoding, expected):
    assert units(text, encoding) == expected


def test_a_position_inside_a_character_stands_before_it():
    assert [code_points("a𝔘b", n, "utf-16") for n in range(6)] == [0, 1, 1, 2, 3, 3]
    assert [code_points("é!", n, "utf-8") for n in range(4)] == [0, 0, 1, 2]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("one\r\ntwo\n", 1, "one\r\nt+wo\n"),
        ("one\rtwo\n", 1, "one\rt+wo\n"),
        # Form feed and U+2028 end no line in LSP, though str.splitlines says so.
        ("o\fne\u2028x\ntwo\n", 1, "o\fne\u2028x\nt+wo\n"),
    ],
)
def test_changes_count_lines_as_lsp_does(text, line, expected):
    buffer = Buffer("file:///b.md", None, text, 1)  # type: ignore[arg-type]
    buffer.apply(
        lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, 1), lsp.Position(line, 1)), text="+"), "utf-16"
    )
    assert buffer.text == expected


def test_a_change_past_the_end_of_a_line_or_the_text_lands_at_its_end():
    buffer = Buffer("file:///b.md", None, "ab\ncd", 1)  # type: ignore[arg-type]
    far = lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(0, 99), lsp.Position(0, 99)), text="!")
    buffer.apply(far, "utf-16")
    buffer.apply(
        lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(9, 0), lsp.Position(9, 0)), text="?"), "utf-16"
    )
    assert buffer.text == "ab!\ncd?"


@given(
    st.text(alphabet=st.sampled_from("ab é\n𝔘😀\u2028\f"), max_size=40),
    st.data(),
    st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_a_position_sent_to_the_editor_comes_back_as_the_same_offset(text, data, encoding):
    """A finding's (line, column) in characters, as the editor counts it, and back: the offset it was."""
    offset = data.draw(st.integers(0, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    position = client_position(text.split("\n"), line, column, encoding)
    assert Buffer("file:///b.md", None, text, 1).offset(position, encoding) == offset  # type: ignore[arg-type]
