"""spelling: exact spans and suggestions, what is never flagged, the vocabulary, and Vale's keys."""

import os

import pytest

from conftest import ROOT, lint_shown
from mslint.engine import complete, lint
from mslint.parsing import parse
from mslint.rules import RuleError, load_rule, parse_rule
from mslint.ruletypes import spelling as spelling_type
from mslint.vocab import Vocabulary

SPELLING = "extends: spelling\nmessage: \"'%s' is misspelled.\"\n"
VOCABULARY = Vocabulary(accept=("Histadrut", "slavocracy", "statist", "Cassif", "per se", "(?i)foo\\w*"), reject=("utilize",))


def spelling(extra: str = "", vocabulary: Vocabulary | None = VOCABULARY, styles_path=None):
    return parse_rule(SPELLING + extra, "T.yml", "T.Rule", {"styles_path": styles_path, "vocabulary": vocabulary})


def found(text: str, rule=None):
    """(line, column, end_column, match) of each finding."""
    findings = lint_shown([parse("a.md", text)], [rule or spelling()]).findings
    return [(f.line, f.column, f.end_column, f.match) for f in findings]


# --- misspellings and suggestions ------------------------------------------------------------


def test_a_misspelling_with_its_span_message_and_suggestions():
    [finding] = lint_shown([parse("a.md", "Intro.\n\nWe did it becuase we could.\n")], [spelling()]).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 11, 3, 18)
    assert (finding.match, finding.message, str(finding.level)) == ("becuase", "'becuase' is misspelled.", "warning")
    assert finding.replacements == ("because",)


@pytest.mark.parametrize(
    "word, suggestions",
    [
        # One edit from a vocabulary term: that term alone, without Hunspell's distant guesses.
        ("Histradrut", ("Histadrut",)),
        ("slaveocracy", ("slavocracy",)),
        # At the start of a sentence the vocabulary's lower-case term is capitalized, as Hunspell's are.
        ("Slaveocracy", ("Slavocracy",)),
        # Two edits away: the vocabulary's term first, then Hunspell's.
        ("Attist", ("Statist", "Artist", "Attest")),
        ("Hisstadrutt", ("Histadrut",)),
    ],
)
def test_the_vocabulary_is_suggested_first(word, suggestions):
    [finding] = lint_shown([parse("a.md", f"{word} ruled.")], [spelling()]).findings
    assert finding.replacements == suggestions


def test_without_the_vocabulary_the_suggestions_are_hunspells_edits_and_never_its_distant_guesses():
    findings = lint_shown([parse("a.md", "An outright slaveocracy, seperate and alot.")], [spelling(vocabulary=None)]).findings
    # Hunspell's n-gram guesses for slaveocracy were theocracy, salvageable and selenography.
    assert [(f.match, f.replacements) for f in findings] == [
        ("slaveocracy", ()),
        ("seperate", ("separate",)),
        ("alot", ("a lot", "alto", "slot", "alt", "lot")),
    ]


def test_a_rejected_term_is_never_suggested():
    findings = lint_shown([parse("a.md", "We utilze it.")], [spelling()]).findings
    assert [(f.match, f.replacements) for f in findings] == [("utilze", ("utile",))]  # Hunspell's next is utilize


# --- never flagged ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cassif’s speech and Cassif's vote.",
        "The workers' union, the workers’ union.",
        "A settler-colonial state, an anti-statist party.",
        "The 58th Congress met in 1948, the 1940s, the '90s and the ’90s.",
        "The KKE and the USSR.",
        "The U.S. and J. R. R. Tolkien, i.e. Mr. Smith.",
        "Chapter XIV, page iii.",
        "A MacBook and an iPhone.",
        "See https://example.com/slaveocracy or write to becuase@exampel.com today.",
        "The `slaveocracy` and ``becuase`` in code.",
        "Code:\n\n```\nslaveocracy becuase\n```\n\nText.\n",
        "It’s done, don’t ask, we won’t.",
        "That doesn‘t work.",  # an apostrophe set the wrong way round: typography, not spelling
    ],
)
def test_never_flagged(text):
    assert found(text) == []


def test_a_possessive_of_an_unknown_word_reports_the_word_without_the_possessive():
    assert found("Zorblax’s plan and Zorblax' plans.") == [(1, 1, 8, "Zorblax"), (1, 20, 27, "Zorblax")]


def test_a_compound_reports_only_its_unknown_part():
    assert found("A settler-colonyx state, an anti-statistx party.") == [(1, 11, 18, "colonyx"), (1, 34, 42, "statistx")]


def test_a_prefix_before_a_hyphen_is_no_word_of_its_own_but_a_misspelled_one_or_a_lone_one_is():
    text = "A pre-selected, un-American, tri-state pree-selected set; pre and selected-pre."
    assert found(text) == [(1, 40, 44, "pree"), (1, 59, 62, "pre"), (1, 76, 79, "pre")]


def test_acronyms_and_their_plurals_are_never_misspelled_but_a_capitalized_word_is():
    assert found("The APIs, GUIs, ACL's and NUMBERs; the Apis and Guis.") == [(1, 40, 44, "Apis"), (1, 49, 53, "Guis")]


def test_anti_statist_needs_statist_in_the_vocabulary():
    assert found("An anti-statist party.", spelling(vocabulary=None)) == [(1, 9, 16, "statist")]


# --- the vocabulary --------------------------------------------------------------------------


def test_accepted_words_and_regex_terms():
    assert found("The Histadrut, Foobar and foolishnessy.") == []
    assert found("The Histadrut, Foobar and foolishnessy.", spelling(vocabulary=None)) == [
        (1, 5, 14, "Histadrut"),
        (1, 16, 22, "Foobar"),
        (1, 27, 39, "foolishnessy"),
    ]


def test_a_lower_case_term_accepts_its_capitalized_form_at_a_sentence_start():
    assert found("Slavocracy ruled. It was a slavocracy.") == []


def test_a_capitalized_term_does_not_accept_its_lower_case_form():
    assert found("The histadrut.") == [(1, 5, 14, "histadrut")]


def test_an_accepted_phrase_accepts_its_words_only_inside_it():
    assert found("It was per se wrong, and per se. Per se, se is not a word.") == [(1, 42, 44, "se")]


def test_a_rejected_term_is_reported_although_the_dictionary_knows_it():
    assert found("We utilize it.") == [(1, 4, 11, "utilize")]
    assert found("We utilize it.", spelling(vocabulary=None)) == []


def test_vocab_true_makes_accepted_terms_exceptions_to_an_existence_rule():
    rule = "extends: existence\nmessage: x\nraw: ['[A-Z]{2,}']\n"
    context = {"styles_path": None, "vocabulary": Vocabulary(accept=("KKE",))}
    text = [parse("a.md", "The KKE and the USSR.")]

    def matches(yaml):
        return [f.match for f in lint_shown(text, [parse_rule(yaml, "T.yml", "T.Rule", context)]).findings]

    assert matches(rule) == ["USSR"]  # vocab: true is the default, as in Vale
    assert matches(rule + "vocab: false\n") == ["KKE", "USSR"]


BOOK_NAMES = [
    "Cassif",
    "KKE",
    "Histadrut",
    "Bittelman",
    "Vilner",
    "Locker-Biletzki",
    "MAKI",
    "Haredi",
    "Agudat",
    "Knesset",
    "Netanyahu",
]


def test_the_book_vocabulary_accepts_every_name_the_book_uses():
    vocabulary = Vocabulary.load(ROOT / "rules", ["Book"])
    rule = load_rule(
        ROOT / "rules" / "Book" / "Spelling.yml", "Book.Spelling", {"styles_path": ROOT / "rules", "vocabulary": vocabulary}
    )
    text = "The names: " + ", ".join(BOOK_NAMES) + ". And Cassif’s, Netanyahu's, Locker-Biletzki’s views."
    assert lint_shown([parse("a.md", text)], [rule]).findings == []
    # Not by accident: without the vocabulary most of them are reported.
    bare = load_rule(ROOT / "rules" / "Book" / "Spelling.yml", "Book.Spelling", {"styles_path": ROOT / "rules"})
    assert {f.match for f in lint_shown([parse("a.md", text)], [bare]).findings} == {
        "Cassif",
        "Histadrut",
        "Bittelman",
        "Vilner",
        "Biletzki",
        "Haredi",
        "Agudat",
        "Netanyahu",
    }


# --- Vale's keys -----------------------------------------------------------------------------

TEXT = "The KKE met Zorblax, foo, barr and quxs at the house."


def test_filters_skip_matching_words():
    assert found(TEXT, spelling(vocabulary=None)) == [
        (1, 13, 20, "Zorblax"),
        (1, 22, 25, "foo"),
        (1, 27, 31, "barr"),
        (1, 36, 40, "quxs"),
    ]
    assert found(TEXT, spelling("filters: ['[Zz]orb\\w+', 'q\\w+s']\n", vocabulary=None)) == [
        (1, 22, 25, "foo"),
        (1, 27, 31, "barr"),
    ]


def test_ignore_reads_a_word_list_relative_to_the_styles_path(tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "ignore.txt").write_text("Zorblax\n\nbarr\n", encoding="utf-8")
    assert found(TEXT, spelling("ignore: words/ignore.txt\n", None, tmp_path)) == [(1, 22, 25, "foo"), (1, 36, 40, "quxs")]


def test_an_ignore_file_is_found_in_config_ignore_too_as_vale_finds_it(tmp_path):
    (tmp_path / "config" / "ignore").mkdir(parents=True)
    (tmp_path / "config" / "ignore" / "words.txt").write_text("Zorblax\nbarr\n", encoding="utf-8")
    assert found(TEXT, spelling("ignore: words.txt\n", None, tmp_path)) == [(1, 22, 25, "foo"), (1, 36, 40, "quxs")]


def test_an_ignored_word_in_lower_case_takes_in_its_other_cases_as_in_vale(tmp_path):
    (tmp_path / "ignore.txt").write_text("zorblax\nQuxs\n", encoding="utf-8")
    assert found("Zorblax, zorblax, ZORBLAX; quxs, Quxs.", spelling("ignore: ignore.txt\n", None, tmp_path)) == [
        (1, 28, 32, "quxs")
    ]


def test_a_missing_ignore_file_is_a_rule_error(tmp_path):
    with pytest.raises(RuleError, match="cannot read the ignore file .*missing.txt"):
        spelling("ignore: missing.txt\n", None, tmp_path)


def test_custom_turns_off_the_default_filters():
    assert found("The KKE and a MacBook.", spelling("custom: true\n", vocabulary=None)) == [
        (1, 5, 8, "KKE"),
        (1, 15, 22, "MacBook"),
    ]


@pytest.fixture
def dictionaries(tmp_path):
    """A tiny Hunspell dictionary, tiny.dic + tiny.aff in one folder: foo, barr, qux and quxs."""
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "tiny.dic").write_text("3\nfoo\nbarr\nqux/S\n", encoding="utf-8")
    (folder / "tiny.aff").write_text("SET UTF-8\n\nSFX S Y 1\nSFX S 0 s .\n", encoding="utf-8")
    return tmp_path


def test_a_custom_dictionary_replaces_en_us(dictionaries):
    rule = spelling("dicpath: dicts\ndictionaries: [tiny]\n", None, dictionaries)
    assert found(TEXT, rule) == [
        (1, 1, 4, "The"),
        (1, 9, 12, "met"),
        (1, 13, 20, "Zorblax"),
        (1, 32, 35, "and"),
        (1, 41, 43, "at"),
        (1, 44, 47, "the"),
        (1, 48, 53, "house"),
    ]


def test_append_keeps_en_us_as_well(dictionaries):
    rule = spelling("dicpath: dicts\ndictionaries: [tiny]\nappend: true\n", None, dictionaries)
    assert found(TEXT, rule) == [(1, 13, 20, "Zorblax")]


def test_dic_and_aff_keys_name_the_files(dictionaries):
    rule = spelling("dic: dicts/tiny.dic\naff: dicts/tiny.aff\nappend: true\n", None, dictionaries)
    assert found(TEXT, rule) == [(1, 13, 20, "Zorblax")]


def test_a_missing_dictionary_is_a_rule_error_naming_it(dictionaries):
    with pytest.raises(RuleError, match=r"T\.yml: dictionary file .*dicts/nope\.dic not found"):
        spelling("dicpath: dicts\ndictionaries: [nope]\n", None, dictionaries)


def test_dic_and_aff_must_share_folder_and_name(dictionaries):
    (dictionaries / "dicts" / "other.aff").write_text((dictionaries / "dicts" / "tiny.aff").read_text())
    with pytest.raises(RuleError, match="must share a folder and a name"):
        spelling("dic: dicts/tiny.dic\naff: dicts/other.aff\n", None, dictionaries)


# --- quotations ------------------------------------------------------------------------------

QUOTATION = "level: error\nquotation:\n  message: \"'%s' is the source's spelling: add [sic].\"\n  level: suggestion\n"


def test_inside_quotations_the_policy_reports_at_its_level_with_sic():
    text = "He said “the Histradrut is ours, always” of the Histradrut.\n\n> We did it becuase.\n"
    findings = lint_shown([parse("a.md", text)], [spelling(QUOTATION, vocabulary=None)]).findings
    got = [(f.line, f.column, f.end_column, f.match, str(f.voice), str(f.level), f.message, f.replacements) for f in findings]
    assert got == [
        (
            1,
            14,
            24,
            "Histradrut",
            "quotation",
            "suggestion",
            "'Histradrut' is the source's spelling: add [sic].",
            ("Histradrut [sic]",),
        ),
        (
            1,
            49,
            59,
            "Histradrut",
            "prose",
            "error",
            "'Histradrut' is misspelled.",
            (),  # Hunspell's n-gram guesses were Distraught, Distrust, Distrait, Stradivarius, Lysistrata
        ),
        (3, 13, 20, "becuase", "blockquote", "suggestion", "'becuase' is the source's spelling: add [sic].", ("becuase [sic]",)),
    ]


def test_a_word_marked_sic_is_not_reported():
    assert found("He wrote “the Histradrut [sic] is ours, always” and left.", spelling(vocabulary=None)) == []


# --- identifiers, names, and suggestions only when shown -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Set directory_count and _private_thing.",
        "Call Module::Name or Text::Wrapper::fill here.",
        "Pass --frobnicate or -zq to it.",
        "Read $frobcount, @frobitems and %frobmap.",
        "Then frobnicate() returns.",
        "Call $obj->frobnicate now.",
    ],
)
def test_identifiers_are_never_spelling_findings(text):
    assert found(text) == []


def test_a_dash_between_words_is_not_an_option():
    assert found("Well -- frobnicate, then.") == [(1, 9, 19, "frobnicate")]


def test_the_message_shows_the_word_as_written():
    [finding] = lint([parse("a.md", "The snake_caes wordd.")], [spelling()]).findings
    assert (finding.match, finding.message) == ("wordd", "'wordd' is misspelled.")


NAMES = "Zorblax came.\n\nWe met Zorblax there, and then Zorblax again.\n"


def test_a_capitalized_word_used_again_and_again_is_reported_once_as_a_name():
    findings = lint_shown([parse("a.md", NAMES)], [spelling()]).findings
    assert [(f.line, f.column, f.match, str(f.level), f.replacements, f.message) for f in findings] == [
        (
            1,
            1,
            "Zorblax",
            "suggestion",
            (),
            "'Zorblax' is used 3 times, always capitalized: if it is a name, add it to the vocabulary.",
        )
    ]


def test_a_name_is_counted_across_files_and_reported_in_the_first():
    docs = [parse("b.md", "And Zorblax left.\n"), parse("a.md", "Then Zorblax came, and Zorblax stayed.\n")]
    [finding] = lint(docs, [spelling()]).findings
    assert (finding.path, finding.column, str(finding.level)) == ("a.md", 6, "suggestion")


@pytest.mark.parametrize(
    "text",
    [
        "Zorblax came. Zorblax went. Zorblax.\n",  # never mid-sentence
        "We ran zorblax, zorblax and zorblax.\n",  # not capitalized
        "Zorblax came, then we met Zorblax, Zorblax and a zorblax.\n",  # also in lower case
    ],
)
def test_a_word_used_again_and_again_that_is_no_name_is_reported_once_as_a_term(text):
    findings = lint([parse("a.md", text)], [spelling()]).findings
    first = findings[0].match
    assert [(f.column, str(f.level)) for f in findings if f.match == first] == [(text.index(first) + 1, "warning")]
    uses = text.count(first)
    assert findings[0].message == (
        f"'{first}' is used {uses} times and is in no dictionary: if it is a term of the book, add it to the vocabulary."
    )


def test_a_word_used_less_often_is_reported_at_every_use():
    findings = lint([parse("a.md", "We met Zorblax and Zorblax.\n")], [spelling()]).findings
    assert [(f.column, f.message) for f in findings] == [(8, "'Zorblax' is misspelled."), (20, "'Zorblax' is misspelled.")]


def test_names_zero_reports_every_use():
    assert len(lint([parse("a.md", NAMES)], [spelling("names: 0\n")]).findings) == 3


def test_in_a_vale_project_every_use_is_reported_as_vale_reports_it():
    rule = parse_rule(SPELLING, "T.yml", "T.Rule", {"vale": True})
    assert len(lint([parse("a.md", NAMES)], [rule]).findings) == 3


def test_suggestions_are_computed_only_when_asked_for_and_for_so_much_work_a_run(monkeypatch):
    rules = [spelling()]
    [finding] = lint([parse("a.md", "We did it becuase.")], rules).findings
    assert finding.replacements == ()
    [shown] = complete([finding], rules)
    assert shown.replacements[:1] == ("because",)
    monkeypatch.setattr(spelling_type, "SUGGESTION_WORK", 9**2 + 9**2)  # two words of 9 letters
    # Words no other test asks about: the dictionaries' answers are shared by every rule that reads them.
    findings = lint([parse("a.md", "We did it becuase, arguement, existance, arguement, independant.")], rules).findings
    # becuase was asked about before; then the first two new words, each as often as it is found;
    # independant, of 11 letters, is beyond the work.
    assert [(f.match, f.replacements[:1]) for f in complete(findings, rules)] == [
        ("becuase", ("because",)),
        ("arguement", ("argument",)),
        ("existance", ("existence",)),
        ("arguement", ("argument",)),
        ("independant", ()),
    ]
    monkeypatch.setattr(spelling_type, "SUGGESTION_TIME_LIMIT", 0.0)  # a bound for hostile text
    [other] = lint([parse("a.md", "We saw it wriggte.")], rules).findings
    assert complete([other, finding], rules)[0].replacements == ()
    assert complete([finding], rules)[0].replacements == shown.replacements  # kept: no time needed
    monkeypatch.setattr(spelling_type, "SUGGESTION_WORK", 0)
    later = [spelling()]
    later[0].preload({"suggested": {"wriggte": ["wriggle"]}})  # as an earlier run's cache gives them
    assert complete([other], later)[0].replacements == ("wriggle",)


def test_rules_share_a_lexicon_only_when_they_read_words_alike():
    from mslint.lexicon import Lexicon
    from mslint.vocab import Vocabulary

    plain = Lexicon.shared()
    assert Lexicon.shared() is plain
    assert Lexicon.shared(ignored={"nginx"}) is not plain
    assert Lexicon.shared(filters=()) is not plain
    assert Lexicon.shared(include_default=False) is not plain
    book = Vocabulary(accept=("Zorblax",))
    assert Lexicon.shared(vocabulary=book) is Lexicon.shared(vocabulary=book) is not plain
    assert not plain.known("Zorblax") and Lexicon.shared(vocabulary=book).known("Zorblax") is False
    assert Lexicon.shared(vocabulary=book).in_vocabulary("Zorblax")


def test_many_new_words_are_asked_about_on_two_cores_with_the_same_suggestions(monkeypatch, tmp_path):
    from mslint import lexicon as lexicon_module

    asked = tmp_path / "asked"
    original = lexicon_module.Lexicon.suggested

    def recorded(self, word):
        if not self.has_suggested(word):  # asked of the dictionaries, not the lexicon's memory
            with asked.open("a") as out:  # the forked process shares the patch, not the memory
                out.write(f"{os.getpid()} {word}\n")
        return original(self, word)

    monkeypatch.setattr(lexicon_module.Lexicon, "suggested", recorded)
    monkeypatch.setattr(lexicon_module, "SUGGEST_ON_TWO_CORES", 2)
    rules = [spelling()]
    findings = lint([parse("a.md", "Arguements, recieved, independance, occurances.")], rules).findings
    assert [(f.match, f.replacements) for f in complete(findings, rules)] == [
        ("Arguements", ("Arguments",)),
        ("recieved", ("received", "relieved")),
        ("independance", ("independence",)),
        ("occurances", ()),
    ]
    by_process: dict[str, list[str]] = {}
    for line in asked.read_text().splitlines():
        pid, word = line.split()
        by_process.setdefault(pid, []).append(word)
    # Every other word each, this process first; each word once.
    assert by_process.pop(str(os.getpid())) == ["Arguements", "independance"]
    assert list(by_process.values()) == [["recieved", "occurances"]]


def test_a_helper_that_dies_costs_its_words_not_the_run(monkeypatch):
    import time

    from mslint import lexicon as lexicon_module

    parent, original = os.getpid(), lexicon_module.Lexicon._suggest_until

    def killed_elsewhere(self, words, deadline):
        if os.getpid() != parent:
            os._exit(1)  # as the kernel's out-of-memory killer, or a crash in Hunspell
        return original(self, words, deadline)

    monkeypatch.setattr(lexicon_module, "SUGGEST_ON_TWO_CORES", 2)
    monkeypatch.setattr(lexicon_module.Lexicon, "_suggest_until", killed_elsewhere)
    lexicon = lexicon_module.Lexicon()
    started = time.monotonic()
    lexicon.suggest_ahead(["recieve", "acommodate", "seperately", "tommorrow"], started + 0.5)
    assert time.monotonic() - started < 5  # the deadline, and a second's grace: not for ever
    assert [word for word in ("recieve", "acommodate", "seperately", "tommorrow") if lexicon.has_suggested(word)] == [
        "recieve",
        "seperately",
    ]
