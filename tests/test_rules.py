"""Loading rule files: every mistake stops the run with the file, the line and what to fix."""

import pytest

from conftest import make_rule
from mslint.finding import Level
from mslint.rules import RuleError, SkippedRule, load_rule, load_styles


def error_for(yaml_text: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        make_rule(yaml_text)
    return caught.value


def test_bad_yaml_names_the_line():
    error = error_for("extends: existence\nmessage: 'x'\ntokens: [a, b\nlevel: error\n")
    assert error.line == 4 and "invalid YAML" in error.message


def test_an_escaped_apostrophe_in_double_quotes_reads_as_vale_reads_it():
    """Vale's YAML reader takes `\\'` in a double-quoted string for `'` (Joblint's rules have it)."""
    rule = make_rule("extends: existence\nmessage: \"Don\\'t use \\'%s\\'.\"\ntokens: [x]\n")
    assert rule.spec.message == "Don't use '%s'."
    assert "unknown escape" in error_for('extends: existence\nmessage: "bad \\q"\ntokens: [x]\n').message


def test_not_a_mapping():
    assert "YAML mapping" in error_for("- a\n- b\n").message


def test_missing_extends_and_message():
    assert "'extends'" in error_for("message: x\ntokens: [a]\n").message
    assert "'message'" in error_for("extends: existence\ntokens: [a]\n").message


def test_unknown_extends_names_the_nearest_type_and_lists_them_all():
    error = error_for("extends: existance\nmessage: x\n")
    assert error.line == 1 and "did you mean 'existence'?" in error.message and "substitution" in error.message
    assert "did you mean" not in error_for("extends: frobnicate\nmessage: x\n").message


def test_a_vale_type_mslint_does_not_run_is_skipped_in_a_style_and_an_error_alone(tmp_path):
    error = error_for("extends: script\nmessage: x\nscript: 'x := 1'\n")
    assert isinstance(error, SkippedRule) and error.rule_id == "Test.Rule"
    assert error.message == "rule type 'script' (Tengo scripts) is not supported"
    (tmp_path / "House").mkdir()
    (tmp_path / "House" / "Words.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\n", encoding="utf-8")
    (tmp_path / "House" / "Script.yml").write_text("message: x\nextends: script\nscript: 'x := 1'\n", encoding="utf-8")
    skipped = []
    assert [r.id for r in load_styles(tmp_path, None, skip=skipped.append)] == ["House.Words"]
    unsupported = "rule type 'script' (Tengo scripts) is not supported; the rule is skipped"
    assert [s.warning for s in skipped] == [f"{tmp_path / 'House' / 'Script.yml'}:2: {unsupported}"]
    with pytest.raises(SkippedRule):
        load_styles(tmp_path, None)


def test_unknown_key_names_its_line_and_the_valid_keys():
    error = error_for("extends: existence\nmessage: x\ntokens: [a]\ntoken: b\n")
    assert error.line == 4 and "'token'" in error.message and "tokens" in error.message


def test_unknown_keys_are_errors_as_in_vale():
    # Vale decodes a rule with mapstructure's ErrorUnused: a key it does not know stops it too.
    error = error_for("extends: capitalization\nmessage: x\nmatch: $title\nignorecase: true\n")
    assert error.line == 4 and "unknown key 'ignorecase'" in error.message and "indicators" in error.message


def test_swap_as_a_list_of_mappings_is_merged_as_vale_merges_it():
    rule = make_rule("extends: substitution\nmessage: x\nswap:\n  - colour: color\n  - centre: center\n")
    assert rule.spec.options["swap"] == {"colour": "color", "centre": "center"}


def test_spelling_accepts_vales_vocab_key():
    rule = make_rule("extends: spelling\nmessage: x\nvocab: false\n")
    assert rule.spec.options["vocab"] is False


def test_wrong_value_type():
    error = error_for("extends: substitution\nmessage: x\nswap: [a, b]\n")
    assert error.line == 3 and "mapping" in error.message
    assert "whole number" in error_for("extends: occurrence\nmessage: x\ntoken: a\nmax: lots\n").message
    assert "true or false" in error_for("extends: existence\nmessage: x\ntokens: [a]\nignorecase: maybe\n").message


def test_bad_regex():
    assert "bad regular expression" in error_for("extends: existence\nmessage: x\ntokens: ['(unclosed']\n").message
    deep = "(" * 3_000 + "a" + ")" * 3_000  # was an internal error: RecursionError
    assert "nests its groups too deeply" in error_for(f"extends: existence\nmessage: x\ntokens: ['{deep}']\n").message


def test_too_many_placeholders_for_the_type():
    error = error_for("extends: existence\nmessage: '%s and %s'\ntokens: [a]\n")
    assert error.line == 2 and "at most 1" in error.message


def test_bad_level_and_scope():
    assert "unknown level" in error_for("extends: existence\nmessage: x\ntokens: [a]\nlevel: fatal\n").message
    assert "unknown scope" in error_for("extends: existence\nmessage: x\ntokens: [a]\nscope: chapter\n").message


def test_bad_examples_and_quotation():
    assert "examples" in error_for("extends: existence\nmessage: x\ntokens: [a]\nexamples: [a]\n").message
    assert "quotation" in error_for("extends: existence\nmessage: x\ntokens: [a]\nquotation: yes\n").message


def test_vale_defaults_and_weak_typing():
    rule = make_rule("extends: existence\nmessage: x\nraw: 'a+'\n")  # a scalar where a list is due
    assert rule.spec.level is Level.WARNING
    assert rule.spec.options["raw"] == ["a+"]
    assert make_rule("extends: occurrence\nmessage: x\ntoken: a\nmax: '3'\n").spec.options["max"] == 3


def test_keys_are_case_insensitive_and_yes_no_stay_strings():
    rule = make_rule("extends: substitution\nmessage: x\nIgnoreCase: true\nswap:\n  yes: no\n")
    assert rule.spec.options["ignorecase"] is True
    assert rule.spec.options["swap"] == {"yes": "no"}


def test_load_rule_names_the_file(tmp_path):
    path = tmp_path / "Broken.yml"
    path.write_text("extends: existence\nmessage: x\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rule(path, "Style.Broken")
    assert str(caught.value).startswith(str(path)) and "tokens" in str(caught.value)


def test_load_styles_ids_and_missing_style(tmp_path):
    (tmp_path / "House").mkdir()
    (tmp_path / "House" / "Words.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\n", encoding="utf-8")
    (tmp_path / "config").mkdir()  # Vale keeps vocabularies here: not a style
    assert [r.id for r in load_styles(tmp_path, None)] == ["House.Words"]
    with pytest.raises(RuleError, match="style 'Other' not found"):
        load_styles(tmp_path, ["Other"])
    with pytest.raises(RuleError, match="does not exist"):
        load_styles(tmp_path / "nowhere", None)


def test_a_tab_in_yaml_is_named():
    error = error_for("extends: existence\nmessage: x\ntokens:\n\t- a\n")
    assert (error.line, error.message) == (4, "invalid YAML: a tab, where YAML indents with spaces only; replace it with spaces")
