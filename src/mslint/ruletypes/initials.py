"""Where the author's prose defines an abbreviation, and whether a phrase spells it.

A definition is a phrase followed by the abbreviation in parentheses, "Communist Party of Greece
(KKE)" (or "(or KKE)", "(hereafter KKE)", "(KKE for short)"...), or the other way round, "KKE
(Communist Party of Greece)". Parentheses hold capitals for other reasons too (a quoted term,
another language's acronym, a gloss), so the phrase must spell the abbreviation: its significant
words give the letters in order, each word its first letter or a few (Transmission Control
Protocol, TCP; HyperText, HT), the little words (of, the, and, de, la...) a letter or none. A
name translated from another language keeps its own abbreviation (Communist Party of Greece,
KKE, for Kommounistikó Kómma Elládas); such a name, capitalized words as many as the
abbreviation has letters, at least three, is taken as its definition too. Fewer letters say too
little: "Ofer Cassif (MK)" is a title, not a definition.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from .joined import GOES_ON, OPENS_BLOCK

# A use: capitals as a word (a plural s aside), not in a designation such as ISO/IEC 80000-13 or
# RFC 2119, which is a name, not a use to define. Split on it, it gives (abbreviation, s) pairs.
ABBREVIATION = regex.compile(r"(?<![\w’'/-])(\p{Lu}{2,10})(s?)(?![\w-]|[ \u00a0]?\d|/\p{Lu})")
# phrase (ABBR), and (or ABBR), (hereafter ABBR), (ABBR for short)...
_FORWARD = regex.compile(r"\((?:or |hereafter |henceforth |known as |called )?(\p{Lu}{2,10})s?(?:,? for short)?\)")
_BACKWARD = regex.compile(r"(?<![\w’'-])(\p{Lu}{2,10})s? \((\p{L}[\p{L}\p{M}’' ,&-]{2,120})\)")  # ABBR (phrase)
# A phrase before a parenthesis starts after the last of these (and in the segment it ends in).
_CLAUSE_ENDS = '.;:!?()[]“”"«»—–' + OPENS_BLOCK + GOES_ON
_WORD = regex.compile(r"[\p{L}\p{M}’'&-]+")
_PARTS = regex.compile(r"\p{Lu}?[\p{Ll}\p{M}’']+|\p{Lu}+(?!\p{Ll})|&")  # Hyper|Text, GNU, Anti|Imperialist

MINOR = frozenset(
    """a an and & at by de del della der des di die das do dos du e el et for from in la las
    le les los of on or per the to und van von y with""".split()  # noqa: SIM905
)
_MAX_WORDS = 12
_MIN_TRANSLATED = 3  # letters of an abbreviation that a translated name may define


@dataclass(frozen=True)
class Definition:
    abbreviation: str
    phrase: str  # as written
    start: int  # where the definition starts and ends, in the text read
    end: int
    abbreviation_start: int  # where the abbreviation itself is written in it


def first_uses(text: str, defining: set[int]) -> dict[str, int]:
    """Where each abbreviation is first used in text, the places in `defining` (where definitions
    write it) aside."""
    parts = ABBREVIATION.split(text)
    abbreviations = parts[1::3]
    starts = list(itertools.accumulate(map(len, parts), initial=0))[1:-1:3]
    first = dict(zip(reversed(abbreviations), reversed(starts), strict=True))
    pending = {abbreviation for abbreviation, start in first.items() if start in defining}
    for abbreviation in pending:
        del first[abbreviation]
    if pending:  # those first written in a definition: their first use after it, in one pass
        for abbreviation, start in zip(abbreviations, starts, strict=True):
            if abbreviation in pending and start not in defining:
                first[abbreviation] = start
                pending.discard(abbreviation)
    return first


def definitions(text: str) -> list[Definition]:
    """The abbreviations a text defines, in order, each with its phrase."""
    found = []
    for match in _FORWARD.finditer(text):
        abbreviation, before = match.group(1), _clause_before(text, match.start())
        clause = list(_WORD.finditer(text, before, match.start()))
        spelling = _phrase_before(abbreviation, [word.group() for word in clause])
        if spelling:
            start = clause[-len(spelling)].start()
            found.append(
                Definition(abbreviation, " ".join(text[start : match.start()].split()), start, match.end(), match.start(1))
            )
    for match in _BACKWARD.finditer(text):
        abbreviation, written = match.group(1), match.group(2)
        words = _WORD.findall(written)
        if words and words[0].casefold() == "the":
            words = words[1:]
        if _spelled_by(abbreviation, words) or _translated(abbreviation, words) == words:
            found.append(Definition(abbreviation, " ".join(written.split()), match.start(), match.end(), match.start(1)))
    return sorted(found, key=lambda definition: definition.start)


def _clause_before(text: str, end: int) -> int:
    """Where the clause that ends at `end` starts, looking back at most 200 characters."""
    start = max(0, end - 200)
    return max(text.rfind(mark, start, end) + 1 for mark in _CLAUSE_ENDS) or start


def _phrase_before(abbreviation: str, words: list[str]) -> list[str]:
    """The shortest run of words at the end of `words` that spells the abbreviation, or the
    translated name that stands for it; [] when none does."""
    words = words[-_MAX_WORDS:]
    for count in range(2, len(words) + 1):
        if _spelled_by(abbreviation, words[-count:]):
            return words[-count:]
    return _translated(abbreviation, words)


def _spelled_by(abbreviation: str, words: list[str]) -> bool:
    """Whether a phrase of two words or more, starting with a significant one, spells the abbreviation."""
    return (
        len(words) >= 2
        and words[0][0].casefold() == abbreviation[0].casefold()  # most phrases fail here, cheaply
        and words[0].casefold() not in MINOR
        and spells(abbreviation, tuple(words))
    )


def _translated(abbreviation: str, words: list[str]) -> list[str]:
    """The capitalized name at the end of `words` with one word for each letter of the abbreviation."""
    if len(abbreviation) < _MIN_TRANSLATED:
        return []
    significant = 0
    for count in range(1, len(words) + 1):
        word = words[-count]
        if word.casefold() in MINOR:
            continue
        if not word[0].isupper():
            return []
        significant += 1
        if significant == len(abbreviation):
            return words[-count:]
    return []


def spells(abbreviation: str, words: tuple[str, ...]) -> bool:
    """Whether the words spell the abbreviation: every significant word gives it its first letter
    or more, in order; a little word, and any part of a word after its first, may give none."""
    letters = abbreviation.casefold()
    # The letters spelled so far, each count reachable by the parts read so far.
    spelled = {0}
    for word in words:
        minor = word.casefold() in MINOR
        for number, part in enumerate(part.casefold() for part in _PARTS.findall(word)):
            optional = number > 0 or minor
            after = set(spelled) if optional else set()
            for count in spelled:
                size = 1
                while size <= len(part) and count + size <= len(letters) and letters[count + size - 1] == part[size - 1]:
                    after.add(count + size)
                    size += 1
            spelled = after
            if not spelled:
                return False
    return len(letters) in spelled


def same_phrase(a: str, b: str) -> bool:
    return normalized(a) == normalized(b)


def normalized(phrase: str) -> str:
    """A phrase as compared: case, a leading "the", hyphens, apostrophes, commas and plurals make
    no difference (Basic Regular Expression, basic regular expressions)."""
    words = phrase.casefold().replace("-", " ").replace("’", "").replace("'", "").replace(",", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def expanded_before(text: str, start: int, abbreviation: str) -> bool:
    """Whether the words just before `start` spell the abbreviation written there, as in "the
    basic regular expression BRE": the reader has them."""
    words = _WORD.findall(text, _clause_before(text, start), start)
    return any(_spelled_by(abbreviation, words[-count:]) for count in range(2, min(len(words), _MAX_WORDS) + 1))
