"""What metric and readability rules read of a document: Vale's variables, counted from the prose.

The prose is what Vale counts too: paragraphs, list items and block quotes, not headings or
tables. Words are runs of letters, digits and inner apostrophes, or initials such as "U.S.";
sentences are split as scopes split them, and a sentence or paragraph counts when it holds a word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex

from .document import Document
from .scopes import split_sentences

HEADINGS = tuple(f"heading_h{level}" for level in range(1, 7))
# Structure counts, which Vale takes as 0 in a document without them.
BLOCKS = ("pre", "list", "blockquote", *HEADINGS)
PROSE = (
    "words",
    "sentences",
    "paragraphs",
    "characters",
    "syllables",
    "long_words",
    "polysyllabic_words",
    "complex_words",
)
VARIABLES = frozenset(PROSE + BLOCKS)

_WORD = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}](?:[\p{L}\p{N}'’]*[\p{L}\p{N}])?")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
LONG_WORD = 6  # letters; a longer word is long (LIX)

# Syllables are estimated, not looked up: groups of vowels, less an e that is not said
# ("make", "makes", "rules", "jumped", "movement"; but "table", "boxes", "wanted"), plus a vowel
# said apart from the one before it ("radio", "actual", "being", "player"; not "nation",
# "union", "quality"), plus the m of "-ism". Right for about 97 words in 100 of running English.
_VOWEL_GROUP = regex.compile(r"[aeiouy]+")
_SILENT_E = regex.compile(
    r"(?<=[^aeiouy])(?<![^aeiouy]l)e(?=(?:ments?|ly|ful|ness|less|thing)?$)"
    r"|(?:(?<=[^aeiouylsxzcgh])|(?<=[aeiouy]l))e(?=s$)"
    r"|(?<=[^aeioutd])(?<![^aeiouyl]l)e(?=d$)"
)
_SAID_APART = regex.compile(
    r"(?<=[^cgqstx])i(?:a|o(?!ns?$)|u)|(?<=[^gq])ua"  # radio, period, actual
    r"|(?<=[aeiouy])ing|(?<=[aeiou])y(?=[aeou])(?!e$)"  # being, player
    r"|isms?$"
)
_SUFFIXES = ("es", "ed", "ing")  # not counted when judging a word complex (Gunning)


def variables(doc: Document) -> dict[str, float]:
    """Vale's variables for a document; empty when its prose has no words, which Vale does not judge."""
    if doc.stats is None:
        doc.stats = _counted(doc)
    return doc.stats


def _counted(doc: Document) -> dict[str, float]:
    counts: Counter[str] = Counter({name: 0 for name in PROSE})
    for block in doc.blocks:
        if block.kind == "paragraph":
            _count_paragraph(block.text, counts)
    if not counts["words"]:
        return {}
    counts.update({name: doc.block_counts.get(name, 0) for name in ("pre", "list", "blockquote")})
    counts.update({name: 0 for name in HEADINGS})
    counts.update(f"heading_h{block.heading_level}" for block in doc.blocks if block.kind == "heading")
    return {name: float(value) for name, value in counts.items()}


def _count_paragraph(text: str, counts: Counter[str]) -> None:
    words_before = counts["words"]
    for start, end in split_sentences(text, 0, len(text)):
        words = _WORD.findall(text, start, end)
        if words:
            counts["sentences"] += 1
        for word in words:
            _count_word(word, counts)
    if counts["words"] > words_before:
        counts["paragraphs"] += 1


def _count_word(word: str, counts: Counter[str]) -> None:
    said = syllables(word)
    counts["words"] += 1
    counts["characters"] += len(_LETTER_OR_DIGIT.findall(word))
    counts["syllables"] += said
    counts["long_words"] += len(word) > LONG_WORD
    counts["polysyllabic_words"] += said > 2
    counts["complex_words"] += said - word.lower().endswith(_SUFFIXES) > 2


def syllables(word: str) -> int:
    """An estimate of how many syllables an English word has: at least 1."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if "a" <= c <= "z")
    said = _SILENT_E.sub("", letters)
    return max(1, len(_VOWEL_GROUP.findall(said)) + len(_SAID_APART.findall(said)))
