"""What the book-wide consistency rules share: the book's majority decides.

Each such rule reads, in the author's own prose, the uses of things that can be written more than
one way: a compound (`long-term`, `long term`), a capitalized phrase, a dash. Every use is one
form of one query (the compound, the phrase, the mark). Across the manuscript the form used most
wins (on a tie, the one used first); a form fixed by the rule (`fixed_form`) or recorded in the
book's style sheet (`recorded`) wins whatever the counts. Every use of another form is reported,
naming the winning form, how often it is used and where first; or, where the style sheet decides
against the counts, naming the form it records. A recorded form wins even where the book writes
a query one way only: the other way.

A subclass says what it reads (`uses`), how it reads its style sheet entries (`read_recorded`)
and, if the winning form is not the text to put in place of another, how to write it there
(`replacement`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from ..finding import Hit
from ..stylesheet import BOOK, OPEN, RULE, STYLE_SHEET, BadRecord, Entry, Form, Judged
from .base import RuleType


@dataclass(frozen=True)
class Use:
    """One use of one form of a query, at [start, end) of the document's source."""

    query: str  # what the forms are forms of: the compound's letters, the mark's kind
    form: str  # how this use writes it: "hyphenated", "open", or the text itself
    start: int
    end: int
    text: str  # the words as written here, which a replacement takes the place of


class Chosen(NamedTuple):
    """The form a query is to be written in: how it is written where first used, how often and
    where first; `recorded` when the style sheet chose it against the counts (no uses: the book
    never writes it)."""

    form: str
    text: str
    uses: int
    place: str
    recorded: bool = False


class MajorityRule(RuleType):
    """observe: each query's forms, counted, with their first place in the file; verdict: the
    winning form of each query with more than one; report: the uses of the other forms."""

    # (what is written here, the winning form as written, its count, its first place)
    max_message_args = 4
    default_scope = "prose"
    forms: ClassVar[tuple[str, ...]] = ()  # the forms the style sheet may record
    recorded_message = "'%s' here; the book's style sheet has '%s'."

    def uses(self, doc) -> Iterator[Use]:
        raise NotImplementedError

    def fixed_form(self, query: str) -> str | None:
        """The form the rule itself fixes for a query, whatever the counts; None to let the style
        sheet or the book's majority decide."""
        return None

    def read_recorded(self, entries):
        """query -> form, each form one of the rule's `forms`."""
        for query, form in entries.items():
            if form not in self.forms:
                raise BadRecord(query, f"{form!r} is no form {self.id} keeps; write {' or '.join(self.forms)}")
        return dict(entries)

    def recorded_text(self, query: str, form: str) -> str:
        """How a recorded form of a query is written, where the book never writes it."""
        return form

    def replacement(self, use_text: str, winner_text: str) -> str:
        """The text to put in place of `use_text`, the winning form being written `winner_text`
        where it was first used."""
        return winner_text

    def key(self, use: Use) -> list:
        """What report() is told of a use: its query, its form and its text (as JSON). A subclass
        may add what the use's replacement depends on besides the winning form."""
        return [use.query, use.form, use.text]

    def observe(self, doc):
        counts: dict[str, dict[str, list]] = {}  # query -> form -> [count, line, column, text first written]
        candidates = []
        for use in self.uses(doc):
            form = counts.setdefault(use.query, {}).get(use.form)
            if form is None:
                counts[use.query][use.form] = [1, *doc.position(use.start), use.text]
            else:
                form[0] += 1
            candidates.append((self.key(use), Hit(use.start, use.end)))
        return {"path": doc.path, "forms": counts}, candidates

    def verdict(self, observations):
        """query -> Chosen for each query written more than one way, or another way than the style
        sheet records."""
        verdicts = {}
        for query, forms in totals(observations).items():
            fixed = self.fixed_form(query)
            recorded = None if fixed else self.recorded.get(query)
            if recorded is not None and recorded not in forms:
                verdicts[query] = Chosen(recorded, self.recorded_text(query, recorded), 0, "", recorded=True)
                continue
            if len(forms) < 2:
                continue
            majority = ranked(forms)[0]
            winner = fixed if fixed in forms else recorded or majority
            count, place, text = forms[winner]
            verdicts[query] = Chosen(winner, text, count, place, recorded=winner != majority and winner == recorded)
        return verdicts

    def report(self, verdict, key):
        query, form, text = key[:3]
        chosen = verdict.get(query)
        if chosen is None or chosen.form == form:
            return None
        replacement = self.replacement(text, chosen.text)
        return self.named(text, chosen.text, chosen, (replacement,))

    def named(self, here: str, there: str, chosen: Chosen, replacements: tuple) -> tuple:
        """What report() gives for a use of another form than the chosen one: the message names
        the chosen form, its count and first place; or, where the style sheet chose it against
        the counts, the style sheet."""
        if chosen.recorded:
            return (here, there), replacements, self.recorded_message
        return (here, there, times(chosen.uses), chosen.place), replacements

    def sheet(self, judged: Judged) -> list[Entry]:
        """Each query the book writes, or the style sheet records: the form kept, and the others."""
        book = self.tallies(judged.observations)
        entries = [self.entry(query, book.get(query, {})) for query in sorted(set(book) | set(self.recorded))]
        return [entry for entry in entries if entry is not None]

    def tallies(self, observations: list) -> dict[str, dict[str, list]]:
        """The book's forms of each query the style sheet lists: query -> form -> [count, first place, text]."""
        return totals(observations)

    def entry(self, query: str, forms: dict[str, list]) -> Entry | None:
        """A query's entry: the form the rule, the style sheet or the book keeps, and the others."""
        fixed = self.fixed_form(query)
        recorded = None if fixed else self.recorded.get(query)
        order = ranked(forms)
        kept = fixed or recorded or (order[0] if order else None)
        if kept is None:
            return None
        kept_by = RULE if fixed else STYLE_SHEET if recorded else BOOK if len(forms) == 1 else OPEN
        count, place, text = forms.get(kept) or [0, "", self.recorded_text(query, kept)]
        others = tuple(self.shown(query, other, *forms[other]) for other in order if other != kept)
        return Entry(self.section, self.id, query, kept, self.shown(query, kept, count, place, text), others, kept_by)

    def shown(self, query: str, form: str, count: int, place: str, text: str) -> Form:
        """A form as the style sheet shows it: as first written, by default."""
        return Form(text, count, place)


def totals(observations: list) -> dict[str, dict[str, list]]:
    """The book's forms of each query, from each file's: query -> form -> [count, first place, text
    first written], the first place as path:line:column. Files come in path order."""
    found: dict[str, dict[str, list]] = {}
    for seen in observations:
        for query, forms in seen["forms"].items():
            for form, (count, line, column, text) in forms.items():
                total = found.setdefault(query, {}).get(form)
                if total is None:
                    found[query][form] = [count, f"{seen['path']}:{line}:{column}", text]
                else:
                    total[0] += count
    return found


def ranked(forms: dict[str, list]) -> list[str]:
    """Forms ([count, first place, text] each) most used first; on a tie, the form met first."""
    return sorted(forms, key=lambda form: (-forms[form][0], _place(forms[form][1])))


def times(count: int) -> str:
    """How often, as a message says it: once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _place(place: str) -> tuple:
    """path:line:column, sortable as the files and lines come."""
    path, line, column = place.rsplit(":", 2)
    return path, int(line), int(column)
