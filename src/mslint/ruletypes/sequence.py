"""sequence: words in a row, each matching a pattern, a part-of-speech tag or both, in one sentence.

Vale's type. The first token with a `pattern` that is not negated is the anchor: each word it
matches is a place to start, and the tokens before it are matched leftwards from there, those
after it rightwards. `skip: n` lets up to n other words stand between a token and its neighbour
on the anchor's side. The nearest words that fit are taken first, and a token that does not fit
there sends the search back to try a farther word for the one before, so a sequence is found
wherever it can be. Tags are Penn Treebank's, from mslint.tagger; a sentence is tagged only
when an anchor word is in it.
"""

from __future__ import annotations

from pathlib import Path

import regex

from .. import tagger
from ..document import PLACEHOLDER
from ..finding import Hit
from ..limits import PatternClock
from ..scopes import Segment, split_sentences
from ..spec import Option, coerce, describe
from .base import OptionError, RuleType, compile_pattern, count_placeholders

_TOKEN_KEYS = ("pattern", "tag", "negate", "skip")
_HELP = (
    "each token is a mapping with a 'pattern' (a regular expression for the word) or a 'tag' (for its part of speech), "
    "or both, and may have 'negate' and 'skip'"
)


class _Token:
    """One token of the rule, compiled. A plain class, hashed as itself: a dataclass would add a
    millisecond to every start of mslint, sequence rules or not."""

    __slots__ = ("negate", "pattern", "seen", "skip", "tag")

    def __init__(self, pattern: regex.Pattern | None, tag: regex.Pattern | None, negate: bool, skip: int):
        self.pattern = pattern  # matches the whole word
        self.tag = tag  # searched in the word's tag, as Vale does: NN takes in NNS and NNP
        self.negate = negate  # the word matches neither the pattern nor the tag
        self.skip = skip  # other words that may stand between this token and its neighbour towards the anchor
        self.seen: dict[str, bool] = {}  # word -> whether the pattern matches it

    def fits(self, word: str, tag: str, clock: PatternClock) -> bool:
        """Whether a word (with its tag) matches: all of the pattern and the tag, or with
        `negate`, none of them (as in Vale)."""
        matches = []
        if self.pattern is not None:
            matches.append(self.matches(word, clock))
        if self.tag is not None:
            matches.append(self.tag.search(tag) is not None)
        return not any(matches) if self.negate else all(matches)

    def matches(self, word: str, clock: PatternClock) -> bool:
        """Whether the pattern matches the whole word, remembered by word: it runs once for each
        different word of the book, not for every word."""
        found = self.seen.get(word)
        if found is None:
            if len(self.seen) > 100_000:  # a book has far fewer different words
                self.seen.clear()
            found = self.seen[word] = self.pattern is not None and clock.fullmatch(self.pattern, word) is not None
        return found


class Sequence(RuleType):
    name = "sequence"
    # Each word of a match fills a placeholder (%[4]s is the fourth); compile() checks the message
    # against the longest match the tokens allow.
    max_message_args = 99
    options = {"tokens": Option("any", required=True), "ignorecase": Option("bool", False)}

    def compile(self, options):
        items = options["tokens"]
        if not isinstance(items, list) or not items:
            raise OptionError("tokens", f"'tokens' must be a list of tokens; {_HELP}")
        try:
            self.tokens = tuple(_token(item, number, options["ignorecase"]) for number, item in enumerate(items, 1))
        except ValueError as error:
            raise OptionError("tokens", str(error)) from None
        anchors = [i for i, token in enumerate(self.tokens) if token.pattern is not None and not token.negate]
        if not anchors:
            raise OptionError(
                "tokens", "a sequence needs a token with a 'pattern' that is not negated: the words it matches anchor the search"
            )
        self.anchor = anchors[0]
        self.before = self.tokens[self.anchor - 1 :: -1] if self.anchor else ()  # nearest first
        self.after = self.tokens[self.anchor + 1 :]
        longest = len(self.tokens) + sum(token.skip for token in (*self.before, *self.after))
        quotation = self.spec.quotation.message if self.spec.quotation else ""
        for key, template in (("message", self.spec.message), ("quotation", quotation)):
            needed = count_placeholders(template)
            if needed > longest:
                raise OptionError(
                    key, f"the {key} names word {needed} (%[{needed}]s), but a match of these tokens has at most {longest} words"
                )

    def inputs(self) -> list[Path]:
        return [tagger.MODEL]  # the tags are the model's: a cache entry keys on it, as on the code

    def segments(self, doc) -> list[Segment]:
        """The sentences of the scope's text: a sequence never runs across two."""
        key = (self.spec.scope, "sentences")
        found = doc.segments.get(key)
        if found is None:
            found = doc.segments[key] = [
                Segment(segment.block, start, end)
                for segment in super().segments(doc)
                for start, end in split_sentences(segment.block.text, segment.start, segment.end)
            ]
        return found

    def check(self, doc):
        for segment, spans in self._worded(doc):
            yield from self._sentence(doc, segment, spans)

    def _worded(self, doc) -> list[tuple[Segment, list[tuple[int, int]]]]:
        """Each sentence with the spans of its words, split once a document for all the sequence
        rules of one scope (a style may have many)."""
        key = (self.spec.scope, "words")
        found = doc.segments.get(key)
        if found is None:
            found = doc.segments[key] = [(sentence, tagger.words(sentence.text)) for sentence in self.segments(doc)]
        return found

    def _sentence(self, doc, segment: Segment, spans: list[tuple[int, int]]):
        text = segment.text
        words = [text[start:end] for start, end in spans]
        tags: tuple[str, ...] = ()
        fitting: dict[tuple[_Token, int], bool] = {}
        failed_before: set[tuple[int, int]] = set()
        failed_after: set[tuple[int, int]] = set()

        def fits(token: _Token, index: int) -> bool:
            nonlocal tags
            found = fitting.get((token, index))
            if found is None and words[index][0] == PLACEHOLDER:
                found = False  # code or a URL: it stands between words, but no token matches it
            if found is None:
                if token.tag is not None and not tags:
                    tags = tagger.tags(text, spans)  # only now: most sentences have no anchor word
                tag = tags[index] if token.tag is not None else ""
                found = fitting[token, index] = token.fits(words[index], tag, self.clock)
            return found

        anchor = self.tokens[self.anchor]
        reported: set[tuple[int, int]] = set()  # two anchor words may reach the same words: one finding
        for index, word in enumerate(words):
            if not anchor.matches(word, self.clock) or not fits(anchor, index):
                continue
            first = _place(self.before, index, -1, len(words), fits, failed_before)
            last = _place(self.after, index, 1, len(words), fits, failed_after) if first is not None else None
            if first is not None and last is not None and (first, last) not in reported:
                reported.add((first, last))
                shown = (self._shown(doc, segment, spans[i], words[i]) for i in range(first, last + 1))
                yield Hit(*segment.to_source(spans[first][0], spans[last][1]), tuple(shown))

    @staticmethod
    def _shown(doc, segment: Segment, span: tuple[int, int], word: str) -> str:
        """A word as the message shows it: code or a URL as written, not masked."""
        return doc.text[slice(*segment.to_source(*span))] if word[0] == PLACEHOLDER else word


def _place(tokens: tuple[_Token, ...], anchor: int, step: int, size: int, fits, failed: set) -> int | None:
    """Where the last of `tokens` lands when they are matched outward from the anchor's word,
    one after another (`step` -1 leftwards, 1 rightwards), each within its `skip` of the one
    before, the nearest word first; None when they cannot all be matched. `failed` holds the
    (token, word) pairs from which the rest of the tokens cannot be matched, so that each is
    tried once in a sentence, whichever anchor word reaches it."""
    if not tokens:
        return anchor
    if (0, anchor) in failed:
        return None

    def places(number: int, previous: int) -> range:
        reach = previous + step * (tokens[number].skip + 2)
        return range(previous + step, min(reach, size) if step > 0 else max(reach, -1), step)

    path = [(anchor, iter(places(0, anchor)))]  # each placed word, and where the next token may go
    while path:
        number = len(path) - 1
        for index in path[-1][1]:
            if (number + 1, index) not in failed and fits(tokens[number], index):
                if number + 1 == len(tokens):
                    return index
                path.append((index, iter(places(number + 1, index))))
                break
        else:
            failed.add((number, path.pop()[0]))
    return None


def _token(item, number: int, ignorecase: bool) -> _Token:
    if not isinstance(item, dict):
        raise ValueError(f"token {number} is {describe(item)}; {_HELP}")
    item = {str(key).lower(): value for key, value in item.items()}
    unknown = sorted(set(item) - set(_TOKEN_KEYS))
    if unknown:
        raise ValueError(f"token {number}: unknown key {unknown[0]!r}; a token's keys: {', '.join(_TOKEN_KEYS)}")
    try:
        pattern = coerce(item["pattern"], "str") if item.get("pattern") not in (None, "") else None
        tag = coerce(item["tag"], "str") if item.get("tag") not in (None, "") else None
        negate = coerce(item.get("negate", False), "bool")
        skip = coerce(item.get("skip", 0), "int")
    except ValueError as error:
        raise ValueError(f"token {number}: {error}") from None
    if pattern is None and tag is None:
        raise ValueError(
            f"token {number} has neither a 'pattern' nor a 'tag'; to let words stand between two tokens, give one of them 'skip'"
        )
    return _Token(_pattern(pattern, number, ignorecase), _tag(tag, number), negate, skip)


def _pattern(pattern: str | None, number: int, ignorecase: bool) -> regex.Pattern | None:
    if pattern is None:
        return None
    try:
        return compile_pattern(pattern, ignorecase)
    except regex.error as error:
        raise ValueError(f"token {number}: bad pattern {pattern!r}: {error}") from None


def _tag(tag: str | None, number: int) -> regex.Pattern | None:
    if tag is None:
        return None
    try:
        compiled = regex.compile(tag)
    except regex.error as error:
        raise ValueError(f"token {number}: bad tag pattern {tag!r}: {error}") from None
    if not any(compiled.search(known) for known in tagger.TAGS):
        raise ValueError(f"token {number}: tag {tag!r} matches no Penn Treebank tag; the tags: {' '.join(tagger.TAGS)}")
    return compiled
