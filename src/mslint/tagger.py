"""Part-of-speech tags, Penn Treebank's, for the words of a sentence: what `sequence` rules read.

`words` splits a sentence as the Penn Treebank does, each word with its offsets: marks apart
from words, a clitic apart from its word (`do|n't`, `endpoint|'s`), a hyphenated word, a number
and an abbreviation (`U.S.`, `Mr.`) whole. `tags` tags them with a greedy averaged perceptron
(Collins 2002, with the features of Honnibal's textblob-aptagger): each word in turn gets the tag
whose weights, summed over the word's features (its suffix, its neighbours, the two tags before
it), are highest, or the one tag a frequent unambiguous word always has.

The model is textblob-aptagger 0.2.0's, trained on the Penn Treebank's Wall Street Journal and
published on PyPI under the MIT licence (data/tagger.LICENSE); scripts/tagger_model.py converts
it into data/tagger.json.gz. It loads on first use, in a tenth of a second or two, never when
mslint is imported: only a run with a sequence rule that reaches a sentence pays for it.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

import regex

MODEL = Path(__file__).parent / "data" / "tagger.json.gz"

# The model's tags, in its order: what a rule's `tag` is checked against when the rule loads.
TAGS = (
    *("#", "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS"),
    *("LS", "MD", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM"),
    *("TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "``"),
)

_LETTERS = r"[\p{L}\p{N}\p{M}_]+"
_WORD = (
    r"\ufffc+"  # code, a URL or an image, masked (document.PLACEHOLDER): one word
    r"|(?:\p{L}+\.){2,}"  # U.S., e.g., Ph.D.
    r"|(?:Mrs|Mr|Ms|Dr|Prof|St|Jr|Sr|vs|etc|cf)\.(?!\w)"
    r"|\p{Lu}\.(?=\s+\p{Lu})"  # an initial: J. R. R. Tolkien
    rf"|{_LETTERS}(?:(?:['’&/-]|(?<=\p{{N}})[.,:](?=\p{{N}})){_LETTERS})*"  # don't, meet-ups, 3,000.50, AT&T
    r"|\.{2,}|-{2,}|\S"
)
# A clitic, written apart in the Penn Treebank: do|n't, ca|n't, Let|'s, they|'re.
_CLITIC = r"(?i)(?<=\w)(?:n['’]t|['’](?:s|m|d|ll|re|ve))$"

# Marks as the Penn Treebank writes them, which is how the model knows them.
_TREEBANK = {"(": "-LRB-", "[": "-LRB-", "{": "-LRB-", ")": "-RRB-", "]": "-RRB-", "}": "-RRB-"}
_TREEBANK |= {"“": "``", "”": "''", "‘": "`", "’": "'", "—": "--", "–": "--", "―": "--", "…": "..."}
_OPENERS = "([{<“‘"


def words(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's words, in order."""
    word, clitic_pattern = _patterns()
    spans = []
    for match in word.finditer(text):
        start, end = match.span()
        clitic = clitic_pattern.search(match.group()) if end - start > 2 else None
        if clitic is not None:
            spans.append((start, start + clitic.start()))
            start += clitic.start()
        spans.append((start, end))
    return spans


@functools.cache  # compiled on first use: importing mslint costs nothing for rules that never split words
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    return regex.compile(_WORD), regex.compile(_CLITIC)


def tags(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The Penn Treebank tag of each word of a sentence (spans from `words`)."""
    return _tagged(tuple(_treebank(text, start, end) for start, end in spans))


def _treebank(text: str, start: int, end: int) -> str:
    """A word as the Penn Treebank writes it: `"` as `` or '' by the side it stands on, straight
    apostrophes, dashes as --, brackets as -LRB- and -RRB-."""
    word = text[start:end]
    if word == '"':
        return "``" if start == 0 or text[start - 1].isspace() or text[start - 1] in _OPENERS else "''"
    if len(word) > 1 and word.strip("-") == "":
        return "--"
    if len(word) > 1 and word.strip(".") == "":
        return "..."
    return _TREEBANK.get(word) or word.replace("’", "'")


@functools.lru_cache(maxsize=4096)  # a function of the words alone: rules that reach one sentence tag it once
def _tagged(words: tuple[str, ...]) -> tuple[str, ...]:
    return _model().tag(words)


class _Model:
    """The averaged perceptron: a tag for each frequent unambiguous word, weights for the rest.

    The weights are two flat arrays, each feature's a run of them, rather than a list of numbers
    for each feature: about 10 MB loaded instead of 45."""

    def __init__(self, path: Path):
        import gzip  # here: only a run that tags a sentence needs it

        model = json.loads(gzip.decompress(path.read_bytes()))
        self.tagdict: dict[str, str] = model["tagdict"]
        self.index = {feature: number for number, feature in enumerate(model["features"])}
        sizes = base64.b64decode(model["sizes"])  # how many weights each feature has
        self.starts = array("I", itertools.accumulate(sizes, initial=0))  # where each feature's run starts
        self.tag_of = base64.b64decode(model["tag_of"])  # each weight's tag, as its index in TAGS
        self.weights = array("i", base64.b64decode(model["weights"]))  # in thousandths
        if sys.byteorder == "big":
            self.weights.byteswap()  # stored little-endian
        whole = len(self.index) == len(sizes) and self.starts[-1] == len(self.tag_of) == len(self.weights)
        if tuple(model["tags"]) != TAGS or not whole or max(self.tag_of, default=0) >= len(TAGS):
            raise ValueError(f"{path}: the part-of-speech model is damaged; reinstall mslint")

    def tag(self, words: tuple[str, ...]) -> tuple[str, ...]:
        context = ("-START-", "-START2-", *map(_shape, words), "-END-", "-END2-")
        before, before2 = "-START-", "-START2-"
        result = []
        for index, word in enumerate(words):
            tag = self.tagdict.get(word) or self._guess(word, context, index + 2, before, before2)
            result.append(tag)
            before, before2 = tag, before
        return tuple(result)

    def _guess(self, word: str, context: tuple[str, ...], at: int, before: str, before2: str) -> str:
        here, last, next_ = context[at], context[at - 1], context[at + 1]
        features = (
            "b",
            f"s {word[-3:]}",
            f"p {word[:1]}",
            f"t {before}",
            f"tt {before2}",
            f"t2 {before} {before2}",
            f"w {here}",
            f"tw {before} {here}",
            f"w-1 {last}",
            f"s-1 {last[-3:]}",
            f"w-2 {context[at - 2]}",
            f"w+1 {next_}",
            f"s+1 {next_[-3:]}",
            f"w+2 {context[at + 2]}",
        )
        scores = [0] * len(TAGS)
        for feature in features:
            number = self.index.get(feature)
            if number is not None:
                start, end = self.starts[number], self.starts[number + 1]
                for tag, weight in zip(self.tag_of[start:end], self.weights[start:end], strict=True):
                    scores[tag] += weight
        return TAGS[scores.index(max(scores))]


def _shape(word: str) -> str:
    """A word as the model's context features see it: lower case, and kinds of word for some."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


@functools.cache
def _model() -> _Model:
    return _Model(MODEL)
