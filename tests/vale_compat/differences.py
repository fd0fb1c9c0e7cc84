"""Where mslint deliberately differs from Vale in Vale's own scenarios, each with its reason.

A scenario listed here passes when mslint prints Vale's expected lines less `drop`, plus `add`
(and exits with `status`, where given). The suite fails a listed scenario that no longer
differs, so that the list stays true.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    reason: str
    drop: tuple[str, ...] = ()  # Vale's lines that mslint does not print
    add: tuple[str, ...] = ()  # mslint's lines that Vale does not print
    status: int | None = None  # mslint's exit status, where it differs from Vale's

    def expected(self, lines: list[str]) -> list[str]:
        return [line for line in lines if line not in self.drop] + list(self.add)


# mslint's en_US is Hunspell's (the one chunspell installs); Vale's is its own, larger one.
_DICTIONARY = "mslint's en_US dictionary (Hunspell's, installed with chunspell) lacks a word Vale's own en_US has"
# Vale passes over every word with a character outside a-z, A-Z, _ and ' (its default filter).
_COMPOUNDS = (
    "mslint checks each part of a hyphenated compound that is not a word as a whole; Vale passes over any word with a hyphen"
)

DIFFERENCES: dict[str, Difference] = {
    "misc: Nested markup": Difference(
        "`[added to the API in](url) in` repeats `in` at column 428; Vale reports column 1, for it finds a "
        "position by searching for the matched text again. mslint keeps the offsets it read the text at",
        drop=('test.md:4:1:Markup.Repetition:"in" is repeated.',),
        add=('test.md:4:428:Markup.Repetition:"in" is repeated.',),
    ),
    "misc: Vocab": Difference(
        f"{_COMPOUNDS} (ac-sshkey-add, matter-of-factly); and a word written twice in one paragraph (lines 31 "
        "and 32) is reported at both places, where Vale, searching for the text again, reports one",
        add=(
            "test.md:11:4:Vale.Spelling:Did you really mean 'sshkey'?",
            "test.md:15:13:Vale.Spelling:Did you really mean 'factly'?",
            "test.md:31:25:Vale.Terms:Use '[Oo]bservability' instead of 'oBservability'.",
        ),
    ),
    "checks: Spelling": Difference(
        f"{_COMPOUNDS} (remark-gfm)",
        add=(
            "test.md:30:24:Vale.Spelling:Did you really mean 'gfm'?",
            "test.md:31:24:Vale.Spelling:Did you really mean 'gfm'?",
        ),
    ),
    "misc: Spelling": Difference(
        "a hyphenated compound whose parts are words (human-friendly) is no misspelling, and a single letter "
        "never is (an initial); Vale checks the compound whole, and every letter",
        drop=(
            "test.md:3:96:Spelling.Ignore:'human-friendly' is a typo!",
            "test.txt:2:9:Spelling.GB:'a' is a typo!",
        ),
    ),
    "misc: v3.0 Spelling": Difference(
        "a word in another script is judged by a dictionary that holds that script (the Russian test.dic in "
        "config/dictionaries); Vale passes over any word with a letter outside a-z",
        add=("test.dic.md:3:1:Vale.Spelling:Did you really mean 'структур'?",),
    ),
    "misc: infostrings": Difference(
        f"{_DICTIONARY}: Tessera",
        add=(
            "test.md:5:13:Vale.Spelling:Did you really mean 'Tessera'?",
            "test.md:17:79:Vale.Spelling:Did you really mean 'Tessera'?",
        ),
    ),
    "config: External config (direct)": Difference(
        f"{_DICTIONARY}: Predawn", add=("test.md:42:19:demo.Spellcheck:Did you really mean 'Predawn'?",)
    ),
    "config: External config": Difference(
        f"{_DICTIONARY}: Predawn", add=("test.md:42:19:demo.Spellcheck:Did you really mean 'Predawn'?",)
    ),
    "patterns: Markdown": Difference(
        f"{_DICTIONARY}: backtick (an error, so the exit status is 1)",
        add=("test.md:23:6:Vale.Spelling:Did you really mean 'backtick'?",),
        status=1,
    ),
    "frontmatter: Markup with frontmatter": Difference(
        "front matter is metadata: mslint reads its values only with a scope that names them "
        "(text.frontmatter.title), not with `text`",
        drop=(
            "test.md:3:23:vale.Annotations:'NOTE' left in text",
            "test.md:4:19:vale.Annotations:'XXX' left in text",
            "test2.md:5:3:vale.Annotations:'TODO' left in text",
        ),
    ),
    "comments: Markdown": Difference(
        "a comment silences a rule scoped to `raw` as it silences any other; Vale's raw rules ignore comments",
        drop=('test.md:105:16:demo.Raw:Link "[must not use `.html`](../index.html)" must use the .md file extension.',),
    ),
    "scopes: Table": Difference(
        "a table written in raw HTML (`<table><caption>`) is not read; Markdown's own tables are",
        drop=("test.md:20:12:rules.Table:'TODO' left in text",),
    ),
    "lint: Lint a path with excluded folders": Difference(
        "a folder with no Markdown or text file to lint is an error (exit status 2): a check that reads "
        "nothing would pass any book",
        status=2,
    ),
    "styles: Lint against demo": Difference(
        f"{_DICTIONARY}: sysadmin, faux. mslint's syllable estimate and sentence splitter put demo.Reading's "
        "Flesch-Kincaid grade at 6.80, under the rule's 7, where Vale's put it at 7.13. A heading with emphasis "
        "(`# this is *another* heading!`) is reported where its words start, column 3, where Vale, searching for "
        "the text again, reports column 1. And `consistency` reports each use of the form used less (the 2 curly "
        "marks of line 36, against 10 straight ones), where Vale reports one mark of each paragraph once it has "
        "seen both forms",
        drop=(
            "test.md:1:1:demo.Reading:Grade level (7.13) too high!",
            "test.md:7:1:demo.HeadingStartsWithCapital:'this is another heading!' should be capitalized",
            "test.md:36:101:demo.Smart:Inconsistent use of '\"' ('smart' mixed with 'dumb')",
        ),
        add=(
            "test.md:7:3:demo.HeadingStartsWithCapital:'this is another heading!' should be capitalized",
            "test.md:14:109:demo.Spellcheck:Did you really mean 'sysadmin'?",
            "test.md:36:40:demo.Spellcheck:Did you really mean 'faux'?",
            "test.md:36:161:demo.Smart:Inconsistent use of '“' ('smart' mixed with 'dumb')",
            "test.md:36:167:demo.Smart:Inconsistent use of '”' ('smart' mixed with 'dumb')",
        ),
    ),
}
