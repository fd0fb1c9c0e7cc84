"""Each rule type on small texts, with exact spans and messages."""

from conftest import findings_for, make_rule
from mslint.engine import lint
from mslint.finding import Level
from mslint.parsing import parse


def spans(findings):
    return [(f.line, f.column, f.end_column, f.match) for f in findings]


# --- existence -------------------------------------------------------------------------------

EXISTENCE = "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\ntokens: [very, really]\n"


def test_existence_whole_words_and_message():
    found = findings_for(EXISTENCE, "Very good, not everyvery, really.")
    assert spans(found) == [(1, 1, 5, "Very"), (1, 27, 33, "really")]
    assert found[0].message == "Avoid 'Very'."


def test_existence_raw_and_nonword():
    rule = "extends: existence\nmessage: x\nnonword: true\nraw: ['\\s{2,}']\n"
    assert spans(findings_for(rule, "One  two.")) == [(1, 4, 6, "  ")]


def test_existence_exceptions_are_whole_words_and_case_sensitive():
    rule = "extends: existence\nmessage: x\nraw: ['[A-Z]{2,}']\nexceptions: [KKE, '(?i)usa']\n"
    assert spans(findings_for(rule, "The KKE, the USA and the EU.")) == [(1, 26, 28, "EU")]


def test_existence_phrase_exceptions_cover_a_match_inside_them():
    rule = "extends: existence\nmessage: x\ntokens: [Israel]\nexceptions: ['Communist Party of Israel']\n"
    assert spans(findings_for(rule, "The Communist Party of Israel is in Israel.")) == [(1, 37, 43, "Israel")]


# --- substitution ----------------------------------------------------------------------------

SUBSTITUTION = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nswap:\n  colour: color\n  utilise|utilize: use\n"


def test_substitution_message_order_and_replacement():
    found = findings_for(SUBSTITUTION, "The colour we utilize.")
    assert spans(found) == [(1, 5, 11, "colour"), (1, 15, 22, "utilize")]
    assert found[0].message == "Use 'color' instead of 'colour'."
    assert found[0].replacements == ("color",)


def test_substitution_no_finding_when_the_text_is_already_right():
    rule = "extends: substitution\nmessage: x\nignorecase: true\nswap:\n  javascript: JavaScript\n"
    assert spans(findings_for(rule, "JavaScript and javascript.")) == [(1, 16, 26, "javascript")]


def test_substitution_choices_split_on_bar_with_a_replace_action():
    rule = (
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n"
        "action:\n  name: replace\nswap:\n  cell phone: phone|mobile phone\n"
    )
    found = findings_for(rule, "My cell phone.")
    assert found[0].message == "Use 'phone' or 'mobile phone' instead of 'cell phone'."
    assert found[0].replacements == ("phone", "mobile phone")


def test_substitution_capitalize_and_capture_groups():
    rule = "extends: substitution\nmessage: '%s'\nignorecase: true\ncapitalize: true\nswap:\n  'e-?mail(s?)': email$1\n"
    found = findings_for(rule, "E-mails and e-mail.")
    assert [(f.match, f.replacements) for f in found] == [("E-mails", ("Emails",)), ("e-mail", ("email",))]


def test_substitution_longest_key_wins():
    rule = "extends: substitution\nmessage: '%s'\nswap:\n  in order: to\n  in order to: to\n"
    assert spans(findings_for(rule, "We came in order to see.")) == [(1, 9, 20, "in order to")]


# --- occurrence ------------------------------------------------------------------------------


def test_occurrence_max_per_sentence_points_at_the_first_match():
    rule = "extends: occurrence\nmessage: 'Too many commas (%d).'\nscope: sentence\nmax: 2\ntoken: ','\n"
    text = "One, two, three, four. Five, six."
    found = findings_for(rule, text)
    assert spans(found) == [(1, 4, 5, ",")]
    assert found[0].message == "Too many commas (3)."


def test_occurrence_min_with_no_match_points_at_the_scope_start():
    rule = "extends: occurrence\nmessage: 'Too short (%s).'\nscope: heading\nmin: 2\ntoken: '\\w+'\n"
    found = findings_for(rule, "Intro text.\n\n## Word\n")
    assert [(f.line, f.column, f.message) for f in found] == [(3, 4, "Too short (1).")]


# --- repetition ------------------------------------------------------------------------------

REPETITION = "extends: repetition\nmessage: \"'%s' is repeated.\"\nignorecase: true\nalpha: true\ntokens: ['[^\\s]+']\n"


def test_repetition_spans_both_words():
    found = findings_for(REPETITION, "It is the The end.")
    assert spans(found) == [(1, 7, 14, "the The")]
    assert found[0].message == "'The' is repeated."


def test_repetition_across_a_line_break_in_a_block_quote():
    assert spans(findings_for(REPETITION, "> the end of the\n> the story\n")) == [(1, 14, 6, "the\n> the")]


def test_repetition_alpha_ignores_numbers_and_respects_sic():
    assert findings_for(REPETITION, "Call 555 555 now, the the [sic] end.") == []


# --- consistency -----------------------------------------------------------------------------

CONSISTENCY = "extends: consistency\nmessage: \"Use '%[2]s' as elsewhere, not '%[1]s'.\"\neither:\n  colour: color\n"


def test_consistency_reports_the_minority_across_files():
    rule = make_rule(CONSISTENCY)
    docs = [parse("a.md", "The colour and the colour."), parse("b.md", "A color.")]
    found = lint(docs, [rule]).findings
    assert [(f.path, f.match, f.replacements) for f in found] == [("b.md", "color", ("colour",))]
    assert found[0].message == "Use 'colour' as elsewhere, not 'color'."


def test_consistency_silent_when_one_form_only():
    assert findings_for(CONSISTENCY, "colour, colour") == []


# --- scare quotes ----------------------------------------------------------------------------

SCARE = (
    "extends: scare-quotes\nmessage: \"Write '%s' %s.\"\nstyle: {style}\n"
    "terms: [Israel, Israelis]\nexceptions: [Communist Party of Israel]\n"
)


def test_scare_quotes_always():
    text = "In “Israel” and Israel, the Communist Party of Israel, “Israelis,” and “Israel has fallen” claims."
    found = findings_for(SCARE.format(style="always"), text)
    assert spans(found) == [(1, 17, 23, "Israel")]
    assert found[0].message == "Write 'Israel' in quotation marks."
    assert found[0].replacements == ("“Israel”",)


def test_scare_quotes_never_reports_the_marks_too():
    found = findings_for(SCARE.format(style="never"), "In “Israel” and Israel.")
    assert spans(found) == [(1, 4, 12, "“Israel”")]
    assert found[0].replacements == ("Israel",)


def test_scare_quotes_consistent_reports_the_minority_across_files():
    rule = make_rule(SCARE.format(style="consistent"))
    docs = [parse("a.md", "“Israel” and “Israelis”."), parse("b.md", "But Israel.\n\n> Israel in a quote.")]
    found = lint(docs, [rule]).findings
    assert [(f.path, f.match) for f in found] == [("b.md", "Israel")]


def test_scare_quotes_leave_quotations_alone():
    text = "He said “the people of Israel are victims of the war” and left.\n\n> Israel, again.\n"
    assert findings_for(SCARE.format(style="always"), text) == []


# --- engine: levels, limits, quotations, runaway patterns -------------------------------------


def test_quotation_policy_suggests_sic_at_its_level():
    rule = (
        "extends: substitution\nmessage: \"Use '%s'.\"\nlevel: error\n"
        "quotation:\n  message: \"'%[2]s' is quoted: add [sic].\"\n  level: suggestion\nswap:\n  teh: the\n"
    )
    found = findings_for(rule, "I wrote teh.\n\n> They wrote teh.\n\nShe said “we saw teh light today”.")
    assert [(f.line, f.level, f.voice.value, f.message, f.replacements) for f in found] == [
        (1, Level.ERROR, "prose", "Use 'the'.", ("the",)),
        (3, Level.SUGGESTION, "blockquote", "'teh' is quoted: add [sic].", ("teh [sic]",)),
        (5, Level.SUGGESTION, "quotation", "'teh' is quoted: add [sic].", ("teh [sic]",)),
    ]


def test_prose_and_quotation_scopes():
    text = "Very good. “Very true, I think,” she said.\n\n> Very old.\n"
    prose = "extends: existence\nmessage: x\nscope: prose\ntokens: [Very]\n"
    quoted = prose.replace("scope: prose", "scope: quotation")
    assert [f.column for f in findings_for(prose, text)] == [1]
    assert [(f.line, f.column) for f in findings_for(quoted, text)] == [(1, 13), (3, 3)]


def test_limit_caps_findings_per_file():
    rule = "extends: existence\nmessage: x\nlimit: 2\ntokens: [a]\n"
    assert len(findings_for(rule, "a a a a")) == 2


def test_runaway_regex_is_stopped_and_reported():
    rule = make_rule("extends: existence\nmessage: x\nnonword: true\nraw: ['(a|aa)+$']\n")
    result = lint([parse("slow.md", "a" * 5000 + "!")], [rule])
    assert result.findings == []
    assert len(result.errors) == 1 and "Test.Rule" in result.errors[0].message
    assert "took over" in result.errors[0].message


def test_messages_fill_placeholders_as_vales_sprintf_does():
    from mslint.ruletypes.base import format_message

    assert format_message("Use '%s' instead of '%s'.", ("use", "utilize", "extra")) == "Use 'use' instead of 'utilize'."
    # By index, in order after an index, %d as %s, %% and braces as written, missing ones empty.
    assert format_message("%[2]s, %s; %[1]s %d%% {0} %s", ("a", "b")) == "b, ; a b% {0}"
    assert format_message("%[0]s%[99999999999]s then %s.", ("a",)) == "then ."
    assert format_message("  Two\n lines  ", ()) == "Two  lines"
