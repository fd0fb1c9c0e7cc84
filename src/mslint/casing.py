"""Title case and sentence case: how each word of a heading should be written, and whether enough are.

A heading is read as Vale's capitalization rules read it: words are runs of text between spaces
that start with a letter or a digit (code counts as a word, never wrong), and a rule's exceptions
are words of their own, kept as written. A heading complies when the share of its words written
as expected reaches the rule's threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .document import PLACEHOLDER

WORD = rf"[\p{{L}}\p{{N}}{PLACEHOLDER}]\S*"
# The parts of a word that title case capitalizes one by one: "Up-to-Date", "Input/Output".
_PART = regex.compile(rf"[\p{{L}}\p{{N}}{PLACEHOLDER}][^\s\-/]*")
_TRAILING = ".,;:!?\"')]”’"
_DASHES = "-–—"
_NUMBERED = regex.compile(r"\d+\.")

_ARTICLES = {"a", "an", "the"}
_SHORT_JOINERS = {"and", "as", "at", "but", "by", "for", "if", "in", "nor", "of", "off", "on", "or", "out", "per", "so", "to"}
_PREPOSITIONS = {
    *("about", "above", "across", "after", "against", "along", "among", "around", "at", "before", "behind", "below"),
    *("beneath", "beside", "between", "beyond", "by", "despite", "down", "during", "except", "for", "from", "in"),
    *("inside", "into", "like", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "per", "since"),
    *("than", "through", "throughout", "till", "to", "toward", "towards", "under", "underneath", "unlike", "until"),
    *("up", "upon", "versus", "via", "vs", "with", "within", "without"),
}
# Words that title case leaves in lower case inside a title. AP: articles, and conjunctions and
# prepositions of three letters or fewer. Chicago: articles, the five coordinating conjunctions,
# "as", and prepositions of any length.
SMALL_WORDS = {
    "AP": _ARTICLES | _SHORT_JOINERS | {"up", "via", "vs", "yet"},
    "Chicago": _ARTICLES | {"and", "as", "but", "for", "nor", "or"} | _PREPOSITIONS,
}
# Small words a style capitalizes in some uses only, which a tagger would tell apart: "to" before
# a verb in AP; "up", "out" and the like as adverbs ("Set Up"). Either case complies.
EITHER_CASE = {"AP": {"to", "up", "out", "off"}, "Chicago": {"up", "down", "out", "off", "over"}}


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    expected: str
    exception: bool = False  # one of the rule's exceptions: kept as written
    either_case: bool = False  # a small word that complies lower-cased or capitalized

    def fits(self, written: str, title: bool) -> bool:
        """Whether the word is written as expected; in title case a word in capitals (an acronym) fits too."""
        if self.exception or written == self.expected:
            return True
        if self.either_case and written.lower() == self.expected.lower():
            return True
        return title and written == written.upper()


def title_case(text: str, spans: list[tuple[int, int, bool]], style: str) -> list[Word]:
    """Each word as title case writes it; `spans` are the words, each marked when an exception."""
    words = []
    for index, (start, end, exception) in enumerate(spans):
        if exception:
            words.append(Word(start, end, text[start:end], exception=True))
            continue
        parts = list(_PART.finditer(text, start, end))
        expected, either = [], False
        position = start
        for number, part in enumerate(parts):
            edge = (index == 0 and number == 0) or (index == len(spans) - 1 and number == len(parts) - 1)
            small = not edge and _stays_small(text, part, style)
            either = either or (small and _core(part.group()) in EITHER_CASE[style])
            expected += [text[position : part.start()], part.group().lower() if small else _capitalized(part.group())]
            position = part.end()
        expected.append(text[position:end])
        words.append(Word(start, end, "".join(expected), either_case=either))
    return words


def sentence_case(text: str, spans: list[tuple[int, int, bool]], indicators: list[str]) -> list[Word]:
    """Each word as sentence case writes it: the first capitalized, and any after an indicator
    (":") or after a leading number ("1."); the rest in lower case."""
    words = []
    for index, (start, end, exception) in enumerate(spans):
        word = text[start:end]
        if exception:
            words.append(Word(start, end, word, exception=True))
            continue
        previous = text[spans[index - 1][0] : spans[index - 1][1]] if index else ""
        opens = index == 0 or previous.endswith(tuple(indicators)) or (index == 1 and _NUMBERED.search(previous))
        words.append(Word(start, end, _capitalized(word.lower()) if opens else word.lower()))
    return words


def complies(text: str, words: list[Word], threshold: float, title: bool) -> bool:
    """Whether enough words are written as expected; in sentence case a first word that is not
    capitalized fails the heading whatever the rest."""
    if not words:
        return True
    fitting = [word.fits(text[word.start : word.end], title) for word in words]
    if not title and not fitting[0]:
        return False
    return sum(fitting) / len(words) >= threshold


def _stays_small(text: str, part: regex.Match, style: str) -> bool:
    """A small word inside a title stays lower case, unless it opens a subtitle (after a colon or
    a dash), follows a bracket or a quotation mark, or opens a hyphenated compound ("In-Depth")."""
    if _core(part.group()) not in SMALL_WORDS[style]:
        return False
    start = part.start()
    joined = text[start - 1 : start] in ("-", "/")
    if not joined and not text[start - 1 : start].isspace():
        return False
    if not joined and _last_mark(text, start) in (":", *_DASHES):
        return False
    return text[part.end() : part.end() + 1] != "-" or text[start - 1 : start] == "-"


def _last_mark(text: str, end: int) -> str:
    """The last character before `end` that is not white space."""
    position = end
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return text[position - 1 : position]


def _core(part: str) -> str:
    return part.lower().rstrip(_TRAILING)


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]
