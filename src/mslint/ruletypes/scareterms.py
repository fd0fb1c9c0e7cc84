"""Scare quotes found without a list: the `scare-quotes` rule's `consistent` style with no `terms`.

A word, or a phrase of two or three words, that the author's prose puts in quotation marks at
least twice and also writes bare is written two ways; the book's majority decides which is
right (ruletypes/majority.py). Quotations are someone else's words, not scare quotes (quotes.py
tells them apart): they are not read, and neither are block quotes. Nor is every short quote a
scare quote: words named rather than used (the word “labor”, the “fail” attribute, A “date” is)
are left out, and so is a term's first use in a file when quoted, where it is introduced.

What a file records stays cheap enough to record for every file: how often each word of its
prose is written bare, so that a word quoted in one chapter is weighed against its bare uses in
all of them. The rest is known only in the files that quote a term: where its bare uses are (a
chapter that does not quote it is named as a whole), its phrases, and its capitals at the start
of a sentence (elsewhere a word is counted as written). Recording every phrase, or where every
word is, would cost more than the other rules together. The prose is read as one text
(joined.py), so that each pattern runs once a file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from ..document import outermost
from ..quotes import SCARE_QUOTE_MAX_WORDS
from .joined import OPENS_BLOCK

if TYPE_CHECKING:
    from ..quotes import Quote
    from ..scopes import Segment

# The words of a text (re is twice as fast as regex here).
_WORDS = re.compile(r"\w[\w’'-]*")
_NEXT_WORD = regex.compile(r"(\s+)(\w[\w’'-]*)")  # the next word of a phrase, after white space
_OPENERS, _CLOSERS, _SENTENCE_ENDS = "“‘\"'([", "”’\"')]", ".!?…:" + OPENS_BLOCK
TERM = regex.compile(r"\p{L}[\p{L}\p{M}’'-]*(?: \p{L}[\p{L}\p{M}’'-]*){0," + str(SCARE_QUOTE_MAX_WORDS - 1) + "}")


# Words too common to be a term: quoted once in a while ("the “is” of it"), they are never compared.
COMMON = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves one two yes ok okay new old good bad
    big small first last many much may might must shall get got make made say said see seen use used
    way well""".split()  # noqa: SIM905
)


# Quotation marks around words that are named, not used: after these words ("the word “labor”",
# "what you call “progress”")...
MENTIONED_AFTER = frozenset(
    """word words term terms phrase phrases expression name names named call calls called titled
    entitled dubbed termed label labels labelled labeled say says saying spelled spelt spelling
    plural singular noun nouns verb verbs adjective adverb string strings literally""".split()  # noqa: SIM905
)

# ...and before these, which say what kind of name it is ("the “fail” attribute").
NAMED_BEFORE = frozenset(
    """attribute attributes method methods command commands option options key keys value values field
    fields variable variables function functions string strings flag flags parameter parameters
    property properties keyword keywords element elements tag tags directive directives operator
    operators character characters format formats mode modes file files directory program programs
    utility module modules package packages class classes entry entries column columns header
    headers button buttons menu macro macros type types argument arguments switch setting settings
    section sections statement suffix prefix extension""".split()  # noqa: SIM905
)

# A paragraph about words, whose quotation marks name words ("a noun in the accusative case").
_ABOUT_WORDS = regex.compile(
    r"(?i)\b(?:words?|plurals?|singular|nouns?|verbs?|adjectives?|spelled|spelling|inflect\w*|"
    r"accusative|genitive|nominative|dative|grammatical(?:ly)?|pronounced)\b"
)
_NEARBY_WORD = regex.compile(r"[\w’'-]+")
MIN_QUOTED = 2  # a term quoted once may be a slip or a mention; from twice it is the author's habit


def scare_quotes(segments: list[Segment]) -> list[tuple[Segment, Quote]]:
    """(segment, quote) for each scare quote of the segments, the outermost of those nested."""
    found = []
    for segment in segments:
        if segment.block.quotes:
            quotes = _scare_quotes(segment)
            kept = set(outermost(quote.span for quote in quotes))
            found += [(segment, quote) for quote in quotes if quote.span in kept]
    return found


def terms_of(quotes, opening: str, exempt) -> list[tuple[str, int, int]]:
    """(term, source start, source end) of each scare quote, marks and all, that opens with one of
    the `opening` marks and holds one term (_is_term), used and not named, in a paragraph not
    about words."""
    found = []
    about_words: dict[int, bool] = {}  # block -> whether it is about words, once a block
    for segment, quote in quotes:
        text = segment.block.text
        if text[quote.open] not in opening:
            continue
        start, end = quote.inner(text)
        term = " ".join(text[start:end].split())
        if not _is_term(term) or _mentioned(text, quote) or exempt(term):
            continue
        if id(segment.block) not in about_words:
            about_words[id(segment.block)] = _ABOUT_WORDS.search(text) is not None
        if not about_words[id(segment.block)]:
            found.append((term, *segment.block.to_source(*quote.span)))
    return found


def _is_term(term: str) -> bool:
    """Letters, two at least, not capitals only, and not starting with a common word (“the” is
    no term, and “the labor faction” quotes more than one)."""
    return (
        TERM.fullmatch(term) is not None
        and sum(char.isalpha() for char in term) >= 2
        and not term.isupper()
        and term.split(" ")[0].casefold() not in COMMON
    )


def _mentioned(text: str, quote) -> bool:
    """Whether the quoted words are named rather than used: "the word “labor”", "the “fail”
    attribute", "A “date” is a string", "permissions (“attributes”)"."""
    before = [w.casefold() for w in _NEARBY_WORD.findall(text, max(0, quote.open - 60), quote.open)[-3:]]
    after = [w.casefold() for w in _NEARBY_WORD.findall(text, quote.close + 1, quote.close + 40)[:1]]
    return (
        not MENTIONED_AFTER.isdisjoint(before)
        or not NAMED_BEFORE.isdisjoint(after)
        or before[-1:] in (["a"], ["an"])
        and after in (["is"], ["are"])
        or text[quote.open - 1 : quote.open] == "("
        and text[quote.close + 1 : quote.close + 2] == ")"
    )


def without_introductions(quoted: list[tuple], bare: list[tuple]) -> list[tuple]:
    """The quoted uses (term, start, end) but the one that introduces a term, its first use in the
    file outside headings (`bare` holds the bare uses outside headings): a term is often quoted
    where it is introduced, and written bare after."""
    first_bare: dict[str, int] = {}
    for term, start, _ in bare:
        first_bare.setdefault(term, start)
    kept, introduced = [], set()
    for use in sorted(quoted, key=lambda use: use[1]):
        term, start, _ = use
        if term not in introduced and start < first_bare.get(term, start + 1):
            introduced.add(term)
            continue
        introduced.add(term)
        kept.append(use)
    return kept


def _scare_quotes(segment):
    quotes = segment.block.quotes
    if not quotes:
        return []
    first = bisect.bisect_left(quotes, segment.start, key=lambda quote: quote.open)
    found = []
    for index in range(first, len(quotes)):
        quote = quotes[index]
        if quote.open >= segment.end:
            break
        if quote.scare and quote.close < segment.end:
            found.append(quote)
    return found


def word_counts(text: str) -> Counter[str]:
    """How often each word of a file's bare prose (a Joined text) is written: tens of thousands of
    words a book, counted in C."""
    return Counter(_WORDS.findall(text))


class TermFinder:
    """The bare uses of a file's quoted terms in its bare text: each term as written or, for a term
    in lower case, capitalized at the start of a sentence."""

    def __init__(self, terms) -> None:
        # the first word as it may be written -> (term, whether capitalized so, its other words)
        self.terms: dict[str, list[tuple[str, bool, list[str]]]] = {}
        for term in terms:
            first, *rest = term.split(" ")
            self.terms.setdefault(first, []).append((term, False, rest))
            if first[0].islower():
                self.terms.setdefault(_capitalized(first), []).append((term, True, rest))

    def uses(self, text: str) -> list[tuple[str, int, int]]:
        """(term, start, end) of each bare use in a Joined text."""
        found = []
        for written, terms in self.terms.items():
            for start in _occurrences(text, written):
                for term, capitalized, rest in terms:
                    end = _phrase_end(text, start + len(written), rest)
                    if end is not None and (not capitalized or _sentence_starts(text, start)):
                        found.append((term, start, end))
        return sorted(found, key=lambda use: use[1])


def _sentence_starts(text: str, start: int) -> bool:
    """Whether a sentence starts at `start`: after . ! ? … or : (closing marks, white space,
    opening marks between) or where a block starts."""
    before = start - 1
    for skipped in (_OPENERS, None, _CLOSERS):
        while before >= 0 and (text[before] in skipped if skipped else text[before].isspace()):
            before -= 1
    return before < 0 or text[before] in _SENTENCE_ENDS


def _occurrences(text: str, word: str):
    """Where `word` is written as a whole word of text (as _WORDS reads words)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if _word_starts(text, start) and not (end < len(text) and _in_word(text[end])):
            yield start
        start = text.find(word, start + 1)


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_’'-"


def _word_starts(text: str, start: int) -> bool:
    """Whether a word starts at `start`: not after letters, digits or joiners that follow them."""
    before = start - 1
    while before >= 0 and text[before] in "’'-":
        before -= 1
    return before < 0 or not (text[before].isalnum() or text[before] == "_")


def _phrase_end(text: str, end: int, rest: list[str]) -> int | None:
    """Where a phrase ends whose first word ends at `end` and whose other words are `rest`, each
    after white space; None when the text goes on otherwise."""
    for word in rest:
        following = _NEXT_WORD.match(text, end)
        if following is None or following.group(2) != word:
            return None
        end = following.end()
    return end


def _capitalized(word: str) -> str:
    return word[0].upper() + word[1:]


def compared(observations: list, recorded: Iterable[str] = ()) -> list:
    """Each file's uses of the terms quoted at least twice in the book, and of those the style
    sheet records, quoted and bare, in the shape MajorityRule.verdict reads: {"path", "forms":
    {term: {form: [count, line, column, text]}}}."""
    quoted: Counter[str] = Counter()
    for seen in observations:
        quoted.update({term: entry[0] for term, entry in seen["quoted"].items()})
    terms = [term for term, count in quoted.items() if count >= MIN_QUOTED]
    terms += sorted(set(recorded) - set(terms))
    shaped = []
    for seen in observations:
        forms = {}
        for term in terms:
            if term in seen["quoted"] or term in seen["bare"]:
                uses = {"quoted": seen["quoted"].get(term), "bare": seen["bare"].get(term)}
            else:
                uses = {"bare": _bare_words(seen, term)}
            uses = {form: entry for form, entry in uses.items() if entry}
            if uses:
                forms[term] = uses
        shaped.append({"path": seen["path"], "forms": forms})
    return shaped


def _bare_words(seen: dict, term: str) -> list | None:
    """[count, line, column, term] of a one-word term's bare uses, as written, in a file that
    does not quote it: line and column 0, the file as a whole (see shown)."""
    if " " in term or term not in seen["counts"]:
        return None  # phrases are compared only where they are quoted
    return [seen["counts"][term], 0, 0, term]


def shown(place: str) -> str:
    """A place as a message names it: path:line:column, or the path of a file as a whole."""
    return place.removesuffix(":0:0")
