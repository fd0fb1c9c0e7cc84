"""balance (mslint's own): a bracket or quotation mark left open, or closed with nothing open, in
a paragraph.

Parentheses and square brackets pair kind by kind: a `)` closes the last `(` still open. Quotation
marks pair as quotes.py pairs them, which tells a closing single quotation mark from an
apostrophe (workers’, ’90s, rock ’n’ roll): a `’` or a straight `'` with no partner is an
apostrophe and never reported; straight double marks pair among themselves. Only the author's
prose is read: what is inside a quotation or a block quote is the source's, and code, URLs and
Markdown's own brackets (`[text](url)`, `[^1]`) are not text.

What is not a slip: a quotation that runs over several paragraphs, each opening with a quotation
mark and only the last closing it; list numbering such as `1)` or `b)`; `:-)`; a half-open
interval such as `[0, 1)`; a bracket quoted as a character ('('); inches (12"); what a paragraph
cut off mid-sentence by a code block opens. A paragraph with more than a few unmatched marks is
not prose (a pattern, code written as text) and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Block, outermost, within
from ..finding import Hit
from ..quotes import Mark
from .base import RuleType

# More marks than this left unmatched in one paragraph, and it is not prose.
_MAX_UNMATCHED = 3
PARTNERS = {"(": ")", ")": "(", "[": "]", "]": "[", "“": "”", "”": "“", "‘": "’", "«": "»", "»": "«", '"': '"'}
# A quoted mention of a character or token is short: '(', "%(".
_MENTION_REACH = 40
# Kinds of quotation marks whose closing mark is never an apostrophe.
_QUOTE_KINDS = frozenset(("“”", "«»", '"'))
_BRACKETS = regex.compile(r"[()\[\]]")
# Numbering in a list written as text, before a `)`: `1)`, `b)`, `iv)`.
_NUMBERING = regex.compile(r"\d{1,3}|\p{L}|[ivxlc]{2,5}|[IVXLC]{2,5}")
# `[0, 1)` or `(a, b]`: the two marks of a half-open interval.
_INTERVAL = regex.compile(r"[(\[][^\s,()\[\]]+, ?[^\s,()\[\]]+[)\]]")


class Balance(RuleType):
    name = "balance"
    max_message_args = 2
    default_scope = "prose"

    def check(self, doc) -> Iterator[Hit]:
        read = self.spec.scope.spans_by_block(doc)
        for index, block in enumerate(doc.blocks):
            spans = read.get(id(block))
            if not spans:
                continue
            found: list[tuple[int, bool]] = []  # (offset, whether the mark opens)
            if _BRACKETS.search(block.text):
                found += _unmatched_brackets(block.text, spans, block.marks)
            if any(m.partner is None and (m.kind in _QUOTE_KINDS or m.role == "open") for m in block.marks):
                following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
                found += _unmatched_quotes(block, spans, following)
            if len(found) > _MAX_UNMATCHED:
                continue  # not prose: a pattern, a table or code written as text
            if _cut_off(block.text):
                # Cut mid-sentence by a code block or a list: what it opens may close after it.
                found = [(offset, opens) for offset, opens in found if not opens]
            for offset, _ in sorted(found):
                start, end = block.to_source(offset, offset + 1)
                yield Hit(start, end, (block.text[offset], PARTNERS[block.text[offset]]))


def _cut_off(text: str) -> bool:
    """Whether a paragraph stops mid-sentence, with no punctuation at its end."""
    end = text.rstrip().rstrip("\"'”’»)]")
    return not end or end[-1] not in ".!?…:;"


def _unmatched_brackets(text: str, spans: list[tuple[int, int]], marks: list[Mark]) -> list[tuple[int, bool]]:
    """(offset, whether it opens) of the parentheses and square brackets that pair with nothing in the spans, but
    for those of a half-open interval, `[0, 1)`, and those in a quoted mention of a character or
    a token: '(', "%(", '^\\[\\[:space:\\]'."""
    still_open: dict[str, list[int]] = {"(": [], "[": []}
    closing: list[int] = []  # closing marks with nothing open
    skipped = outermost([*_mentions(text, marks), *_intervals(text, spans)])
    for start, end in spans:
        for match in _BRACKETS.finditer(text, start, end):
            mark, offset = match.group(), match.start()
            if _emoticon(text, offset) or skipped and within(skipped, offset, offset + 1):
                continue
            if mark in still_open:
                still_open[mark].append(offset)
            elif still_open[PARTNERS[mark]]:
                still_open[PARTNERS[mark]].pop()
            elif not (mark == ")" and _numbering(text, offset)):
                closing.append(offset)
    return [(offset, False) for offset in closing] + [(offset, True) for offset in still_open["("] + still_open["["]]


def _emoticon(text: str, offset: int) -> bool:
    """:) ;-( after a space or at the start: not (synonym for =) nor D/G/I/T/:)."""
    start = offset - 1 if text[offset - 1 : offset] in (":", ";") else offset - 2
    if start < 0 or text[start:offset] not in (":", ";", ":-", ";-"):
        return False
    return start == 0 or text[start - 1].isspace()


def _mentions(text: str, marks: list[Mark]) -> list[tuple[int, int]]:
    """Spans of the short quoted runs with no space in them."""
    pairs = [(m.offset, m.partner) for m in marks if m.role == "open" and m.partner is not None]
    short = [(start, end) for start, end in pairs if end - start <= _MENTION_REACH]
    return outermost((start, end + 1) for start, end in short if not any(c.isspace() for c in text[start:end]))


def _numbering(text: str, offset: int) -> bool:
    """Whether a `)` ends list numbering written as text (`1)`, `b)`, `iv)`) at the start of a
    line or after a space."""
    start = offset
    while start > max(offset - 5, 0) and text[start - 1].isalnum():
        start -= 1
    return (start == 0 or text[start - 1].isspace()) and _NUMBERING.fullmatch(text, start, offset) is not None


def _intervals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the half-open intervals: `[0, 1)`, `(a, b]`."""
    found = []
    for start, end in spans:
        for match in _INTERVAL.finditer(text, start, end):
            if match.group()[-1] != PARTNERS[match.group()[0]]:
                found.append(match.span())
    return found


def _unmatched_quotes(block: Block, spans: list[tuple[int, int]], following: Block | None) -> list[tuple[int, bool]]:
    """(offset, whether it opens) of the quotation marks that pair with nothing in the spans, but for the one that
    opens a quotation the next paragraph carries on. Straight double marks are counted in pairs:
    `"%g"s` is a pair that the pairing does not see."""
    text = block.text
    curly, straight = [], []
    for mark in block.marks:
        if within(spans, mark.offset, mark.offset + 1):
            char = text[mark.offset]
            if char == '"' and not _inches(text, mark):
                straight.append(mark)
            elif mark.partner is None and (char in "“”«»" or char == "‘" and mark.role == "open"):
                curly.append(mark)
    found = curly
    if len(straight) % 2:
        found += [m for m in straight if m.partner is None and m.role] or straight[-1:]
    carried = _carried_on(block, following)
    if carried is not None:
        last_open = next((m for m in reversed(found) if text[m.offset] == carried and m.role == "open"), None)
        found = [m for m in found if m is not last_open]
    return [(m.offset, m.role == "open") for m in found]


def _inches(text: str, mark: Mark) -> bool:
    """12": a straight double mark after a number, pairing with nothing."""
    return mark.partner is None and mark.role != "open" and mark.offset > 0 and text[mark.offset - 1].isdigit()


def _carried_on(block: Block, following: Block | None) -> str | None:
    """The opening mark with which the next paragraph carries on a quotation, if it does."""
    if following is None or block.kind != "paragraph" or following.kind != "paragraph":
        return None
    first = following.text.lstrip()[:1]
    return first if first and first in '“‘«"' else None
