"""Pairing quotation marks in a paragraph, and telling quotations from scare quotes and apostrophes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

# A quoted run of at most this many words in the author's prose is a scare quote or a
# mention ("labor" Zionists, the "KKE's camp"), not someone else's words.
SCARE_QUOTE_MAX_WORDS = 3
# Longer than this, a quoted run is not a few words: it is not read through, so that quotations
# nested thousands deep cost each a glance, not a pass over everything inside them.
_SCARE_QUOTE_MAX_CHARACTERS = 200

_OPENING_CONTEXT = set(" \t\n([{—–-/\u00a0") | set("“‘«\"'")
_MARKS = regex.compile(r"[“”‘’«»\"']")
_TRAILING_PUNCTUATION = ",.;:!?"
_WORD = regex.compile(r"[\w’'-]+")
# '90s, ’68: an apostrophe for a century's digits, not a quotation of '5,7c' or ‘0-9’.
_ELIDED_YEAR = regex.compile(r"\d\d(?:s\b|(?![\w:]))")
# "rock 'n' roll", "fish ’n’ chips": both marks stand for dropped letters, neither quotes.
_ELISION = regex.compile(r"(?<=\w\s)[‘’']n[‘’'](?=\s\w)", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quote:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    scare: bool  # a single word or short term, not a quotation

    @property
    def span(self) -> tuple[int, int]:
        return self.open, self.close + 1

    def inner(self, text: str) -> tuple[int, int]:
        """The quoted words without the marks and without punctuation just inside the closing mark."""
        end = self.close
        while end > self.open + 1 and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        return self.open + 1, end


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark or apostrophe, as the pairing read it."""

    offset: int
    kind: str  # "“”", "‘’", "«»", or a straight mark itself: '"' or "'"
    role: str  # "open", "close", or "" for an apostrophe or a mark standing for dropped letters
    partner: int | None = None  # offset of the mark it pairs with


def find_quotes(text: str, marks: Sequence[Mark]) -> list[Quote]:
    """Every matched pair of the marks read in text, sorted by opening mark."""
    return [
        Quote(m.offset, m.partner, _is_scare(text, m.offset, m.partner))
        for m in marks
        if m.role == "open" and m.partner is not None
    ]


def read_marks(text: str, start: int, end: int) -> list[Mark]:
    """Every quotation mark and apostrophe in text[start:end], in order, each with its role and
    the mark it pairs with, if any."""
    if _MARKS.search(text, start, end) is None:  # most paragraphs of a technical book
        return []
    stack: list[tuple[str, int]] = []  # (kind, offset) of the marks still open, innermost last
    open_by_kind: dict[str, list[int]] = {}  # kind -> where in the stack its open marks are
    read: list[tuple[int, str, str]] = []  # (offset, kind, role)
    partners: dict[int, int] = {}
    elided = {p for m in _ELISION.finditer(text, start, end) for p in (m.start(), m.end() - 1)}
    for match in _MARKS.finditer(text, start, end):
        position = match.start()
        if position in elided:
            read.append((position, "‘’" if match.group() in "‘’" else match.group(), ""))
            continue
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        year = after.isdigit() and _ELIDED_YEAR.match(text, position + 1, min(position + 5, end)) is not None
        kind, role = _classify(match.group(), before, after, bool(open_by_kind.get(match.group())), year)
        read.append((position, kind, role))
        if role == "open":
            open_by_kind.setdefault(kind, []).append(len(stack))
            stack.append((kind, position))
        elif role == "close" and open_by_kind.get(kind):
            # The innermost open mark of its kind closes, and every mark opened inside it stays
            # unpaired. Each mark is dropped once, so a long run of marks stays linear.
            index = open_by_kind[kind][-1]
            partners[stack[index][1]], partners[position] = position, stack[index][1]
            for dropped, _ in reversed(stack[index:]):
                open_by_kind[dropped].pop()
            del stack[index:]
    return [Mark(offset, kind, role, partners.get(offset)) for offset, kind, role in read]


def _classify(mark: str, before: str, after: str, same_open: bool, year: bool) -> tuple[str, str]:
    """(kind, role) of one mark; role is "open", "close" or "" for an apostrophe. `same_open`:
    whether a mark like this one is open, which decides for a straight mark between words;
    `year`: whether two digits follow, as in '90s."""
    opening_context = before in _OPENING_CONTEXT
    closing_context = not after.isalnum()
    if mark in "“”«»":
        kind = "«»" if mark in "«»" else "“”"
        return kind, "open" if mark in "“«" else "close"
    if mark == "‘":
        if year:  # ‘90s typed with the wrong curl
            return "‘’", ""
        return "‘’", "open"
    if mark == "’":
        return "‘’", "close" if closing_context and not before.isspace() else ""
    # Straight marks: context decides.
    kind = mark
    if mark == "'" and (before.isalnum() and after.isalnum()):
        return kind, ""  # it's, don't
    if mark == "'" and opening_context and year:
        return kind, ""  # '90s
    if opening_context and not after.isspace():
        if closing_context and same_open:
            return kind, "close"
        return kind, "open"
    if not before.isspace() and closing_context:
        return kind, "close"
    return kind, ""


def _is_scare(text: str, open_: int, close: int) -> bool:
    if close - open_ > _SCARE_QUOTE_MAX_CHARACTERS:
        return False
    inner = text[open_ + 1 : close].strip().rstrip(_TRAILING_PUNCTUATION)
    if not inner or any(ch in inner for ch in '.!?;:“”"«»'):
        return False
    return len(_WORD.findall(inner)) <= SCARE_QUOTE_MAX_WORDS
