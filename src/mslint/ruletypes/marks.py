"""marks (mslint's own): quotation marks, apostrophes and dashes written one way across the book.

Three choices a copy editor makes once for a whole book, each a query of its own: straight or
curly quotation marks, straight or curly apostrophes, and the dash between words (unspaced em,
spaced em, spaced en, or a typewriter's spaced hyphen or double hyphen). The book's majority
decides each, or the rule fixes it (`quotes: curly`, `dashes: spaced-en`). A book written
consistently straight is fine: Markdown typesetters curl straight marks.

Only the author's prose is read, and the marks around an inline quotation, which the author
typed; what lies inside a quotation is the source's. Which straight mark opens and which closes
comes from the pairing in quotes.py, so a straight mark is replaced with the right curl, and an
apostrophe (don't, workers', '90s) is never taken for a closing quotation mark. Ellipses are
left to a substitution rule (Book.Ellipses), which reads quotations too: an ellipsis in quoted
words is the author's own mark of a cut.

The style sheet records a kind and its form (`quotes: curly`, `dashes: spaced-en`); a form the
rule's own option fixes wins over it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import PLACEHOLDER, Block, within
from ..quotes import Mark
from ..spec import Option
from ..stylesheet import BadRecord, Form
from .majority import Chosen, MajorityRule, Use

KINDS = ("quotes", "apostrophes", "dashes")
# The forms a rule may fix for each kind: a typewriter's hyphens are never a house style.
STYLES = {
    "quotes": ("straight", "curly"),
    "apostrophes": ("straight", "curly"),
    "dashes": ("unspaced-em", "spaced-em", "spaced-en"),
}
# What each form is called, and how it is written (shown in messages, put in place of another).
FORMS = {
    "quotes": {"straight": ("straight quotation mark", '" "'), "curly": ("curly quotation mark", "“ ”")},
    "apostrophes": {"straight": ("straight apostrophe", "'"), "curly": ("curly apostrophe", "’")},
    "dashes": {
        "unspaced-em": ("unspaced em dash", "—"),
        "spaced-em": ("spaced em dash", " — "),
        "spaced-en": ("spaced en dash", " – "),
        "spaced-hyphen": ("spaced hyphen", " - "),
        "double-hyphen": ("double hyphen", "--"),
        "spaced-double-hyphen": ("spaced double hyphen", " -- "),
        "triple-hyphen": ("triple hyphen", "---"),
        "spaced-triple-hyphen": ("spaced triple hyphen", " --- "),
        "one-sided-em": ("em dash spaced on one side", "word— word"),
    },
}
# A slip, never a style: reported where another form wins, never the winner itself.
_NEVER_WINS = "one-sided-em"
_GLYPHS = {"—": "em", "–": "en", "-": "hyphen", "--": "double-hyphen", "---": "triple-hyphen"}
_DASH = regex.compile(r"—+|–+|-{2,}|(?<=\s)-(?=\s)")
_CURLED = {"open": "“", "close": "”"}
# What may end the word before a dash, and start the word after it.
_BEFORE_DASH = set(")]”’\"'.,!?…" + PLACEHOLDER)
_AFTER_DASH = set("([“‘\"'" + PLACEHOLDER)
# At most three words at the start of a list item, then a spaced dash: a term and its definition.
_LABEL = regex.compile(r"(?:\S*[^\s.,;:!?][ \t]){0,2}\S*[^\s.,;:!?]")
_LABEL_REACH = 60  # a term is short
# A block with more uses than this, and one in every eight characters or more, is not prose.
_MANY_USES = 100
_FIXED_MESSAGE = "%s here; the book's style is %s."


@dataclass(frozen=True)
class MarkUse(Use):
    counterpart: str = ""  # a quotation mark or apostrophe in the other form: “ for an opening "


class Marks(MajorityRule):
    name = "marks"
    section = "marks"
    recorded_message = "%s here; the book's style sheet has %s."
    options = {
        "kinds": Option("list", list(KINDS)),
        "quotes": Option("str", ""),
        "apostrophes": Option("str", ""),
        "dashes": Option("str", ""),
    }

    def compile(self, options):
        unknown = [kind for kind in options["kinds"] if kind not in KINDS]
        if unknown or not options["kinds"]:
            raise ValueError(f"'kinds' must list some of {', '.join(KINDS)}, not {options['kinds']!r}")
        self.kinds = set(options["kinds"])
        self.fixed = {}
        for kind, styles in STYLES.items():
            if options[kind] and options[kind] not in styles:
                raise ValueError(f"'{kind}' must be one of {', '.join(styles)}, not {options[kind]!r}")
            if options[kind]:
                self.fixed[kind] = options[kind]

    def fixed_form(self, query):
        return self.fixed.get(query)

    def read_recorded(self, entries):
        for kind, form in entries.items():
            if kind not in self.kinds:
                raise BadRecord(kind, f"{kind!r} is no kind of mark {self.id} reads; write {', '.join(sorted(self.kinds))}")
            if form not in FORMS[kind] or form == _NEVER_WINS:
                forms = ", ".join(name for name in FORMS[kind] if name != _NEVER_WINS)
                raise BadRecord(kind, f"{form!r} is no form of {kind}; write one of {forms}")
        return dict(entries)

    def recorded_text(self, query, form):
        return FORMS[query][form][1]

    def shown(self, query, form, count, place, text):
        """A mark as its name, with how this form writes it."""
        return Form(_described(query, form, plural=True), count, place)

    def entry(self, query, forms):
        """A dash spaced on one side is a slip, never the book's form."""
        found = super().entry(query, forms)
        return None if found is None or found.value == _NEVER_WINS else found

    def key(self, use):
        assert isinstance(use, MarkUse)
        return [*super().key(use), use.counterpart]

    def uses(self, doc) -> Iterator[Use]:
        read = self.spec.scope.spans_by_block(doc)
        # The marks around an inline quotation are the author's, though the words inside are not.
        prose, file_format = self.spec.scope.voice == "prose", doc.file_format
        for block in doc.blocks:
            spans = read.get(id(block), [])
            edges = set()
            if prose and block.quotations and self.spec.scope.admits(block, file_format):
                edges = {edge for open_, close in block.quotations for edge in (open_, close - 1)}
            if not (spans or edges):
                continue
            # A mark every few characters is not prose, and each use would be a candidate.
            most = max(_MANY_USES, len(block.text) // 8)
            found = self._mark_uses(block, spans, edges) if len(block.marks) <= most else []
            found += self._dash_uses(block, spans)
            if len(found) <= most:
                yield from sorted(found, key=lambda use: use.start)

    def _mark_uses(self, block: Block, read: list[tuple[int, int]], edges: set[int]) -> list[Use]:
        found: list[Use] = []
        if not self.kinds & {"quotes", "apostrophes"}:
            return found
        for mark in block.marks:
            if mark.offset not in edges and not within(read, mark.offset, mark.offset + 1):
                continue
            read_as = _mark_form(block.text, mark)
            if read_as is not None and read_as[0] in self.kinds:
                query, form, counterpart = read_as
                start, end = block.to_source(mark.offset, mark.offset + 1)
                found.append(MarkUse(query, form, start, end, block.text[mark.offset], counterpart))
        return found

    def _dash_uses(self, block: Block, read: list[tuple[int, int]]) -> list[Use]:
        found: list[Use] = []
        if not read or "dashes" not in self.kinds:
            return found
        for match in _DASH.finditer(block.text):  # a fixed pattern that cannot run away
            dash = _dash_form(block.text, *match.span(), block.in_list)
            if dash is not None and within(read, dash[1], dash[2]):
                form, start, end = dash
                found.append(MarkUse("dashes", form, *block.to_source(start, end), block.text[start:end]))
        return found

    def verdict(self, observations):
        verdicts = super().verdict(observations)
        if "dashes" in verdicts and verdicts["dashes"].form == _NEVER_WINS:
            del verdicts["dashes"]
        # A fixed form wins even where the book never uses it.
        for query, fixed in self.fixed.items():
            used = {form for seen in observations for form in seen["forms"].get(query, {})}
            if used - {fixed} and (query not in verdicts or verdicts[query].form != fixed):
                verdicts[query] = Chosen(fixed, "", 0, "")
        return verdicts

    def report(self, verdict, key):
        query, form, written, counterpart = key
        chosen = verdict.get(query)
        if chosen is None or chosen.form == form:
            return None
        replacement = FORMS["dashes"][chosen.form][1] if query == "dashes" else counterpart
        here, there = _described(query, form, written), _described(query, chosen.form, plural=True)
        if not chosen.uses and not chosen.recorded:
            return (here, there), (replacement,), _FIXED_MESSAGE
        return self.named(here, there, chosen, (replacement,))


def _described(query: str, form: str, written: str = "", plural: bool = False) -> str:
    """A form as a message names it, with the marks as written here or as the form writes
    them: 'spaced en dash (word – word)'."""
    name, shown = FORMS[query][form]
    if plural:
        name = name.replace("dash", "dashes") if name.endswith("dash") else name + "s"
    shown = written or shown
    if query == "dashes" and "word" not in shown:
        shown = "word" + regex.sub(r"\s+", " ", shown) + "word"
    return f"{name} ({shown})"


def _mark_form(text: str, mark: Mark) -> tuple[str, str, str] | None:
    """(query, form, counterpart) of a quotation mark or apostrophe; None for a mark that is
    neither for sure: a lone “‘”, an inch or a foot (5'), a mark standing alone."""
    char = text[mark.offset]
    if mark.kind == "«»" or mark.role == "" and char == '"':
        return None
    before = text[mark.offset - 1] if mark.offset else " "
    after = text[mark.offset + 1] if mark.offset + 1 < len(text) else " "
    if mark.partner is None and before.isdigit() and not after.isalnum():
        return None  # 5' and 12": feet and inches, minutes and seconds
    if char in "“”":
        return "quotes", "curly", '"'
    if char == '"':
        return "quotes", "straight", _CURLED[mark.role]
    if mark.partner is not None or char == "‘" and mark.role == "open":
        return None  # a single quotation mark, or one that opens and never closes
    if not (before.isalnum() or after.isalnum()):
        return None
    return ("apostrophes", "straight", "’") if char == "'" else ("apostrophes", "curly", "'")


def _dash_form(text: str, start: int, end: int, in_list: bool = False) -> tuple[str, int, int] | None:
    """(form, start, end) of a dash between two words, with the spaces around it; None for a
    hyphen, a range (1939–45, pp. 3 – 7), arithmetic (L - F), an option (--all), a list's `-`
    starting a line of plain text, a dash at either end of a block, or one that sets off the
    term of a list item from its definition (`- none - Do not use color`)."""
    name = _GLYPHS.get(text[start:end])
    left, right = start, end
    while left > 0 and text[left - 1].isspace():
        left -= 1
    while right < len(text) and text[right].isspace():
        right += 1
    if name is None or left == 0 or right == len(text):
        return None
    before, after = text[left - 1], text[right]
    if not (before.isalnum() or before in _BEFORE_DASH) or not (after.isalnum() or after in _AFTER_DASH):
        return None
    if before.isdigit() and after.isdigit() or name != "em" and _arithmetic(text, left, right):
        return None
    spaced_before, spaced_after = left < start, right > end
    if spaced_before and spaced_after:
        if in_list and left <= _LABEL_REACH and _LABEL.fullmatch(text, 0, left) or name != "em" and "\n" in text[left:start]:
            return None
        return f"spaced-{name}", left, right
    if spaced_before or spaced_after:
        return ("one-sided-em", left, right) if name == "em" else None
    if name == "em":
        return "unspaced-em", start, end
    if name != "en" and text[start - 2 : start].isalpha() and text[end : end + 2].isalpha():
        return name, start, end  # word--word; not rw-r--r--
    return None


def _arithmetic(text: str, left: int, right: int) -> bool:
    """Whether a hyphen stands between numbers or single letters: 3 - 2, L - F + 1."""
    before, after = text[left - 1], text[right]
    if before.isdigit() or after.isdigit():
        return True
    return not text[left - 2 : left - 1].isalnum() and not text[right + 1 : right + 2].isalnum()
