"""hyphenation (mslint's own): one compound written hyphenated, open and closed across the manuscript.

A compound's query is its letters, lowercased: `long-term`, `long term` and `longterm` are the
hyphenated, open and closed forms of `longterm`. Two choices are compared:

- closed or hyphenated, wherever each stands; the book's majority decides. Open and closed are
  not compared: they are often two words (set up, setup; a new line, a newline);
- hyphen or space, like with like (Chicago 7.81–7.85): before a noun the usual rule hyphenates a
  compound ("working-class internationalists") and elsewhere leaves it open ("the working
  class"), so a use before a noun is compared only with uses before a noun, where the hyphen
  wins, and a use elsewhere with uses elsewhere, where the majority decides. A use whose place
  the next word does not tell ("long- and short-term", "a long-term, stable plan") is not
  compared. A prefix is no word to stand apart: a prefix's compound (`non-Zionist`) is compared
  wherever it stands.

Whether a word is a noun is not asked: the words that cannot be one form closed classes
(grammar.py), and punctuation ends the phrase. What is read: every hyphenated word of two to four
parts of letters that is prose (not `--from-file=FILE`, `file-name.txt` or `C-c`, and not a
name: a capitalized part follows only a prefix, as in `non-Zionist`); in the same file, the open
and closed forms of those; and in every file the open and closed forms of the listed prefixes
(non-, anti-, ...), so that those are compared across chapters even where a chapter writes them
one way only. A closed word that is a word of its own (`recover` beside `re-cover`) is no form of
a compound. The open and closed forms of a compound of words are counted only in the files that
hyphenate it (phrases.py): where the hyphenated form wins on those counts, a use of the other is
reported only where its own file leans to the hyphen too.

The style sheet records a compound with its hyphens and one of three forms: `hyphenated`
(wherever it stands), `open` (open where it does not stand before a noun, hyphenated before one,
never closed) or `closed`. Its open and closed forms are then read in every file.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..grammar import CLOSED_CLASS, DETERMINERS, PARTICIPLES, word_set
from ..spec import Option
from ..stylesheet import BOOK, OPEN, RULE, STYLE_SHEET, BadRecord, Entry, Form, Judged
from .majority import MajorityRule, Use, totals
from .phrases import Joined, keyed_by_file, leanings

# A hyphen between letters: the text is scanned for hyphens, and each compound read from its first one.
_HYPHEN = regex.compile(r"(?<=\p{L})[-‐](?=\p{L})")
_LETTERS_BEFORE = regex.compile(r"(?r)\p{L}+")
_COMPOUND = regex.compile(r"\p{L}+(?:[-‐]\p{L}+)*")
_PARTS = regex.compile(r"[-‐ \n]")
_NEXT = regex.compile(r"\s*+(\p{L}[\p{L}’']*|\S)?")
_WORD_BEFORE = regex.compile(r"(?r)(\p{L}+)\s*+")
# Letters next to these are code, a path, an option or an address, not prose.
_CODE_MARKS = frozenset("-‐_/\\@$%=+#~*&|<>^`")
_MAX_PARTS = 4
# Prefixes that start many ordinary words (`read`, `could`, `present`): their closed forms are read
# in every file only where the prefix meets its own last letter (re-elect, co-operation), the
# case where the hyphen is usual; elsewhere, only beside a hyphenated form in the same file.
_COMMON_STARTS = frozenset({"co", "de", "in", "over", "post", "pre", "pro", "re", "sub", "un", "under"})
# Closed words that are words of their own, not the compound written closed: `recover` is not
# `re-cover`, `everyday` not `every day`. Inflected forms are found from these (_other_word).
OTHER_WORDS = word_set(
    """already altogether anyone anyway awhile cannot coop everyday everyone maybe multiply nobody onto
    preposition react recollect recount recover recreation redress reform refuse release remark repair represent
    repress resent reserve resign resolve resort restore retreat someday sometime sometimes unionized"""
)
# Words in -ly that are no adverbs, and start compounds that take a hyphen (family-owned, supply-side).
NOT_ADVERBS = word_set(
    """ally anomaly assembly belly bully burly butterfly chilly costly curly daily deadly early elderly family fly
    folly friendly holy homely hourly italy jelly july likely lily lively lonely lovely monopoly monthly nightly oily
    only orderly quarterly rally reply silly supply ugly weekly woolly yearly"""
)
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "y", "ion", "ions", "er", "ers", "ment", "ments")
DEFAULT_PREFIXES = sorted(word_set("anti co counter multi neo non post pre pro pseudo quasi re self semi ultra"))
_RECORDED = regex.compile(r"\p{L}+(?:[-‐]\p{L}+){1,3}")  # a compound as the style sheet records it
_ELSEWHERE = ("other", "any")  # where a compound does not stand before a noun


class Hyphenation(MajorityRule):
    name = "hyphenation"
    section = "compounds"
    forms = ("hyphenated", "open", "closed")
    options = {
        "prefixes": Option("list", DEFAULT_PREFIXES),
        "exceptions": Option("list", []),
    }

    def compile(self, options):
        prefixes = [p.lower() for p in options["prefixes"]]
        if not all(p.isalpha() for p in prefixes):
            raise ValueError(f"'prefixes' must be words of letters, as 'non' or 'anti', not {options['prefixes']!r}")
        self.prefixes = frozenset(prefixes)
        self.exceptions = frozenset(_letters(term) for term in options["exceptions"])
        self._prefixed = _prefixed_pattern(prefixes) if prefixes else None

    def read_recorded(self, entries):
        """Each compound's queries: closed against hyphenated, and hyphen against space where it
        does not stand before a noun; the compound as recorded, by its letters, in `spellings`."""
        self.spellings: dict[str, str] = {}
        recorded = {}
        for compound, form in entries.items():
            if not _RECORDED.fullmatch(compound):
                raise BadRecord(compound, "a compound is recorded with its hyphens (2 to 4 words), as long-term: open")
            if form not in self.forms:
                raise BadRecord(compound, f"{form!r} is no form of a compound; write hyphenated, open or closed")
            query = _letters(compound)
            if query in self.spellings:
                raise BadRecord(compound, f"the compound is recorded twice, as {self.spellings[query]!r} too; keep one")
            self.spellings[query] = compound
            recorded[query] = "closed" if form == "closed" else "hyphenated"
            if form != "closed":
                recorded.update({f"{query} {place}": form for place in _ELSEWHERE})
        return recorded

    def recorded_text(self, query: str, form: str) -> str:
        return _spelled(self.spellings[query.split(" ")[0]], form)

    def uses(self, doc) -> Iterator[Use]:
        joined = Joined(self.segments(doc), fold=True)
        spellings: dict[str, tuple[str, str]] = {}  # an open or closed spelling, lowercased -> (query, form)
        for query, compound in self.spellings.items():  # the style sheet's, looked for in every file
            spellings[" ".join(_PARTS.split(compound.lower()))] = (query, "open")
            if not _other_word(query):
                spellings[query] = (query, "closed")
        seen = set()
        for segment, start, end in self._hyphenated(joined):
            parts = _PARTS.split(segment.block.text[start:end].lower())
            query = "".join(parts)
            spellings[" ".join(parts)] = (query, "open")
            if not _other_word(query):
                spellings[query] = (query, "closed")
            seen.add((start, end))
            yield self._use(segment, start, end, query, "hyphenated", parts[0])
        for segment, start, end, query, form in self._apart(joined, spellings):
            if (start, end) not in seen:
                seen.add((start, end))
                yield self._use(segment, start, end, query, form, _PARTS.split(segment.block.text[start:end], 1)[0].lower())

    def _use(self, segment, start: int, end: int, query: str, form: str, first: str) -> Use:
        """A use, with where it stands: a prefix's compound and a closed word are compared wherever
        they stand (a prefix is no word to stand apart); a compound of words, like with like."""
        text = segment.block.text
        place = "any" if form == "closed" or first in self.prefixes else _place(text, start, end, form)
        source_start, source_end = segment.block.to_source(start, end)
        return Use(query, f"{form} {place}", source_start, source_end, text[start:end])

    def _hyphenated(self, joined: Joined) -> Iterator[tuple]:
        """(segment, start, end) of the hyphenated compounds of prose, in block-text offsets."""
        text, end = joined.text, 0
        for hyphen in _HYPHEN.finditer(text):
            if hyphen.start() < end:
                continue  # a later hyphen of the compound just read
            before = _LETTERS_BEFORE.match(text, 0, hyphen.start())
            compound = _COMPOUND.match(text, before.start()) if before else None
            if compound is None:
                continue
            end = compound.end()
            segment, block_start, block_end = joined.place(*compound.span())
            words = _PARTS.split(segment.block.text[block_start:block_end])
            if self._counts(segment.block.text, block_start, block_end, words):
                yield segment, block_start, block_end

    def _apart(self, joined: Joined, spellings: dict[str, tuple[str, str]]) -> Iterator[tuple]:
        """(segment, start, end, query, form) of the open and closed forms: the file's compounds' and the prefixes'."""
        for segment, start, end, spelling in joined.occurrences(spellings):
            if self._counts(segment.block.text, start, end, _PARTS.split(segment.block.text[start:end])):
                yield segment, start, end, *spellings[spelling]
        if self._prefixed is None:
            return
        for segment, start, end, match in joined.finditer(self._prefixed):
            text = segment.block.text
            words = _PARTS.split(text[start:end])
            if match.group("closed"):
                if not _other_word(match.group()) and self._counts(text, start, end, words):
                    yield segment, start, end, match.group(), "closed"
            elif words[1].lower() not in CLOSED_CLASS and self._counts(text, start, end, words):
                yield segment, start, end, "".join(words).lower(), "open"

    def _counts(self, text: str, start: int, end: int, words: list[str]) -> bool:
        """Whether words at [start, end) of a block's text are a compound of prose this rule compares."""
        return _prose(text, start, end) and self._compound(words) and "".join(words).lower() not in self.exceptions

    def _compound(self, words: list[str]) -> bool:
        """Not a name (Locker-Biletzki, Tel Aviv), a key (C-c) or a placeholder (OUT-FILE): a part
        after the first is in lower case, or follows a prefix (non-Zionist, pro-Palestine, non-US).
        Nor a phrase that starts with a word in -ly (newly created)."""
        if len(words) > _MAX_PARTS:
            return False
        first, *rest = words
        if len(first) == 1 and not first.islower():
            return False
        if first.lower().endswith("ly") and first.lower() not in NOT_ADVERBS:
            return False  # an adverb in -ly takes no hyphen (Chicago 7.86): no form to choose
        if any(len(word) == 1 for word in rest):
            return False
        if first.lower() in self.prefixes:
            return all(word.islower() or word.istitle() or word.isupper() for word in words)
        return (first.islower() or first.istitle() or first.isupper()) and all(word.islower() for word in rest)

    def fixed_form(self, query: str) -> str | None:
        """Before a noun the usual rule hyphenates a compound of words (Chicago 7.81)."""
        return "hyphenated" if query.endswith(" attributive") else None

    def observe(self, doc):
        return keyed_by_file(super().observe(doc), doc.path)

    def verdict(self, observations):
        """(joined, apart, short, leaning): the book's choice between closed and hyphenated, of each
        query; between hyphen and space, of each query in each place; the choices made on counts
        that may be short; and the form each file leans to in each."""
        hyphenated: dict[str, str] = {}  # query -> how it is written hyphenated, which tells its parts
        for seen in observations:
            for query, forms in seen["forms"].items():
                for form, (*_, text) in forms.items():
                    if form.startswith("hyphenated"):
                        hyphenated.setdefault(query, text)
        joined_seen = [_regrouped(seen, _joined) for seen in observations]
        apart_seen = [_regrouped(seen, _apart) for seen in observations]
        joined, apart = super().verdict(joined_seen), super().verdict(apart_seen)
        short = {q for q, chosen in joined.items() if self._short(q, chosen, hyphenated.get(q), "closed")}
        short |= {q for q, chosen in apart.items() if self._short(q, chosen, hyphenated.get(q.split(" ")[0]), "open")}
        return joined, apart, short, leanings(joined_seen) | leanings(apart_seen)

    def _short(self, query: str, chosen, hyphenated: str | None, other: str) -> bool:
        """Whether the hyphenated form won against counts of the other form that may be short: those
        of a compound of words, counted only in the files that hyphenate it (and that the style
        sheet does not name: its compounds are read in every file)."""
        if chosen.form != "hyphenated" or self.fixed_form(query) or query in self.recorded or hyphenated is None:
            return False
        return not self._read_everywhere(hyphenated, other)

    def _read_everywhere(self, hyphenated: str, form: str) -> bool:
        """Whether every file's uses of a compound's open or closed form are counted: those of a
        prefix's, as the prefixes' forms are read in every file."""
        parts = _PARTS.split(hyphenated.lower())
        prefix = parts[0]
        if len(parts) != 2 or prefix not in self.prefixes:
            return False
        return form == "open" or prefix not in _COMMON_STARTS or parts[1].startswith(prefix[-1])

    def report(self, verdict, key):
        query, form, text, path = key
        joined, apart, short, leaning = verdict
        kind, place = form.split(" ")
        if kind != "open" and query in joined and joined[query][0] != kind:
            compared = query
            chosen = joined[query]
        elif kind != "closed" and f"{query} {place}" in apart and apart[f"{query} {place}"][0] != kind:
            compared = f"{query} {place}"
            chosen = apart[compared]
        else:
            return None
        if compared in short and leaning.get((path, compared)) != "hyphenated":
            return None
        written = self.replacement(text, chosen.text)
        return self.named(text, written, chosen, (written,))

    def replacement(self, use_text: str, winner_text: str) -> str:
        """The winning form with the first letter in the case of this use's (a sentence start, or not)."""
        first = winner_text[:1].upper() if use_text[:1].isupper() else winner_text[:1].lower()
        return first + winner_text[1:]

    def sheet(self, judged: Judged) -> list[Entry]:
        """Each compound the book hyphenates, or writes open after a prefix, or the style sheet records."""
        book = totals(judged.observations)
        entries = [self._entry(query, book.get(query, {})) for query in sorted(set(book) | set(self.spellings))]
        return [entry for entry in entries if entry is not None]

    def _entry(self, query: str, forms: dict[str, list]) -> Entry | None:
        """A compound's entry. Closed against hyphenated, and hyphen against space where it does not
        stand before a noun, are the choices: one form for each, or two (an open query). Hyphenated
        only before a noun is the rule's own choice, which the style sheet does not record; and a
        closed word alone is a word of its own (`multiple`, not `multi-ple`)."""

        def used(kind: str, places: tuple[str, ...] = ()) -> list | None:
            return _merged([found for form, found in forms.items() if _kind(form, places) == kind])

        hyphenated = used("hyphenated")
        compound = self.spellings.get(query)
        if compound is None:
            if hyphenated is None:
                return None  # never hyphenated: a word of its own (multiple), or open after a prefix alone
            compound = _compound(hyphenated[2])
        joined = {kind for kind in ("closed", "hyphenated") if used(kind)}
        apart = {kind for kind in ("hyphenated", "open") if used(kind, _ELSEWHERE)}
        recorded = self._recorded_form(query)
        if recorded is not None:
            form, kept_by = recorded, STYLE_SHEET
        elif len(joined) > 1 or len(apart) > 1:  # the form used most for now, on a tie the first
            places = () if len(joined) > 1 else _ELSEWHERE
            tallied = {kind: used(kind, places) or [0, "", ""] for kind in (joined if len(joined) > 1 else apart)}
            form, kept_by = min(tallied, key=lambda kind: (-tallied[kind][0], _place_order(tallied[kind][1]))), OPEN
        elif apart:
            (form,), kept_by = apart, BOOK
        else:  # hyphenated before a noun only: the usual rule's hyphen, not a choice of the book's
            form, kept_by = "hyphenated", RULE
        others = [used(kind) for kind in ("closed", "hyphenated", "open") if kind != form]
        if form == "open":  # hyphenated before a noun is the open form's own
            others[1] = used("hyphenated", _ELSEWHERE)
        count, place, text = used(form, _ELSEWHERE if form == "open" else ()) or used(form) or [0, "", ""]
        text = text or _spelled(compound, form)
        shown = Form(f"{text} (before a noun)" if kept_by == RULE else text, count, place)
        others_shown = tuple(Form(found[2], found[0], found[1]) for found in others if found)
        return Entry(self.section, self.id, compound, form, shown, others_shown, kept_by)

    def _recorded_form(self, query: str) -> str | None:
        """The form the style sheet records for a compound, as it writes it."""
        if query not in self.spellings:
            return None
        return "closed" if self.recorded[query] == "closed" else self.recorded[f"{query} other"]


def _joined(query: str, form: str) -> tuple[str, str] | None:
    """Closed against hyphenated, wherever each stands. An open form is not compared with a closed
    one: the two are often different words (set up, setup; a new line, a newline)."""
    kind = form.split(" ")[0]
    return None if kind == "open" else (query, kind)


def _apart(query: str, form: str) -> tuple[str, str] | None:
    """Hyphenated against open, like with like: before a noun, elsewhere, or anywhere for a prefix's."""
    kind, place = form.split(" ")
    return None if kind == "closed" or place == "unknown" else (f"{query} {place}", kind)


def _regrouped(observation: dict, group) -> dict:
    """A file's observation with its forms counted by `group` (query, form) -> (query, form) or None:
    counts added up, the first place and text the earliest."""
    regrouped: dict[str, dict[str, list]] = {}
    for query, forms in observation["forms"].items():
        for form, (count, line, column, text) in forms.items():
            key = group(query, form)
            if key is None:
                continue
            found = regrouped.setdefault(key[0], {}).get(key[1])
            if found is None:
                regrouped[key[0]][key[1]] = [count, line, column, text]
            else:
                found[0] += count
                if (line, column) < (found[1], found[2]):
                    found[1:] = [line, column, text]
    return {"path": observation["path"], "forms": regrouped}


def _place(text: str, start: int, end: int, form: str) -> str:
    """Where a compound at [start, end) stands: "attributive" (before a noun), "other", or
    "unknown" when the next word does not tell (a coordination, a bracket, a dash, code)."""
    next_word = _NEXT.match(text, end)
    following = next_word.group(1) if next_word else None
    if following is None or following in ".!?;:…":
        return "other"
    if following == ",":  # "the working class, the peasants"; but "a long-term, stable plan"
        return "other" if form == "open" else "unknown"
    if not following[0].isalpha() or following.isupper():  # a bracket, a dash, code, REGEXP
        return "unknown"
    word = following.lower()
    if word in ("and", "or", "nor", "to", "versus", "vs"):  # "long- and short-term", "working-class and poor"
        return "unknown"
    if word in CLOSED_CLASS:
        return "other"
    if word.endswith("ly"):
        return "unknown"
    if form == "open" and not _open_before_noun(text, start, following):
        return "unknown"
    return "attributive"


def _open_before_noun(text: str, start: int, following: str) -> bool:
    """Whether an open compound followed by a word stands before a noun. After an open compound a
    verb looks like a noun ("the working class fights", "organized", "the high bit set"), and a
    compound that starts with a preposition may be a phrase of its own ("methods in bracket
    notation") unless an article comes first ("an up to date list")."""
    word = following.lower()
    if following[0].isupper() or word in PARTICIPLES or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")):
        return False
    if text[start:].split(maxsplit=1)[0].lower() in CLOSED_CLASS:
        before = _WORD_BEFORE.match(text, 0, start)
        return before is not None and before.group(1).lower() in DETERMINERS
    return True


def _prose(text: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) stand on their own, not in code, a path or an option, nor
    after a word's apostrophe (they’re doing is no `re doing`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    beyond = text[end + 1] if end + 1 < len(text) else " "
    if before.isalnum() or before in _CODE_MARKS or (before in ".:’'" and start > 1 and text[start - 2].isalnum()):
        return False
    return not (after.isalnum() or after in _CODE_MARKS or after == "(" or (after in ".:" and beyond.isalnum()))


def _prefixed_pattern(prefixes: list[str]) -> regex.Pattern:
    """Open and closed forms of the prefixes, in lower-case text: `non zionist`, `nonzero`, and for a
    prefix that starts ordinary words only before its own last letter (`cooperation`, `reelect`)."""
    ordered = sorted(prefixes, key=len, reverse=True)
    spaced = "|".join(map(regex.escape, ordered))
    closed = "|".join(regex.escape(p) + (f"(?={regex.escape(p[-1])})" if p in _COMMON_STARTS else "") for p in ordered)
    return regex.compile(rf"\b(?:(?:{spaced})[ \n]\p{{L}}+|(?P<closed>(?:{closed})\p{{L}}{{4,}}))\b")


def _other_word(word: str) -> bool:
    """Whether a closed word is a word of its own (recover, resigned, everyday), not a compound."""
    if word in OTHER_WORDS:
        return True
    return any(word.endswith(ending) and word[: -len(ending)] in OTHER_WORDS for ending in _INFLECTIONS)


def _letters(term: str) -> str:
    return "".join(ch for ch in term.lower() if ch.isalpha())


def _kind(form: str, places: tuple[str, ...]) -> str | None:
    """The kind of a form ("hyphenated attributive"), if it stands in one of `places` (any, if none)."""
    kind, place = form.split(" ")
    return kind if not places or place in places else None


def _merged(found: list[list]) -> list | None:
    """Several forms' [count, first place, text] as one: the counts added, the first place and its text."""
    if not found:
        return None
    first = min(found, key=lambda each: _place_order(each[1]))
    return [sum(each[0] for each in found), first[1], first[2]]


def _place_order(place: str) -> tuple:
    path, line, column = place.rsplit(":", 2)
    return path, int(line), int(column)


def _compound(hyphenated: str) -> str:
    """A compound as the style sheet records it: hyphenated as the book first writes it, with a
    lower-case first letter unless its first part is capitals (US-led)."""
    first = _PARTS.split(hyphenated, 1)[0]
    return hyphenated if len(first) > 1 and first.isupper() else hyphenated[:1].lower() + hyphenated[1:]


def _spelled(compound: str, form: str) -> str:
    """A compound recorded hyphenated (long-term), written in a form: long-term, long term, longterm."""
    if form == "hyphenated":
        return compound
    return regex.sub(r"[-‐]", " " if form == "open" else "", compound)
