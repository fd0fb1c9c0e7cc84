"""`mslint vocab unknown`: the words no dictionary or vocabulary knows, for an author to triage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .document import Document
from .ruletypes.base import LexiconRule


@dataclass(frozen=True)
class UnknownWord:
    word: str
    uses: int
    first: tuple[str, int, int]  # path, line, column of the first use

    def __str__(self) -> str:
        path, line, column = self.first
        return f"{self.uses:>6}  {self.word}  {path}:{line}:{column}"


def unknown_words(docs: list[Document], rule: LexiconRule) -> list[UnknownWord]:
    """Each word the rule's lexicon does not know, with its uses and first place, most used first."""
    lexicon = rule.lexicon
    uses: Counter[str] = Counter()
    first: dict[str, tuple[str, int, int]] = {}
    for doc in docs:
        for segment in rule.segments(doc):
            for start, _, word in lexicon.unknown_words(segment.text):
                if lexicon.in_vocabulary(word):
                    continue
                uses[word] += 1
                if word not in first:
                    first[word] = (doc.path, *doc.position(segment.to_source(start, start)[0]))
    ordered = sorted(uses, key=lambda word: (-uses[word], word.casefold(), word))
    return [UnknownWord(word, uses[word], first[word]) for word in ordered]
