"""What the book-wide consistency rules share: the book's majority decides.

Each such rule reads, in the author's own prose, the uses of things that can be written more than
one way: a compound (`long-term`, `long term`), a capitalized phrase, a dash. Every use is one
form of one query (the compound, the phrase, the mark). Across the manuscript the form used most
wins (on a tie, the one used first); a form fixed by the rule or the book's style sheet wins
whatever the counts. Every use of another form is reported, naming the winning form, how often
it is used and where first.

A subclass says what it reads (`uses`) and, if the winning form is not the text to put in place
of another, how to write it there (`replacement`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..finding import Hit
from .base import RuleType


@dataclass(frozen=True)
class Use:
    """One use of one form of a query, at [start, end) of the document's source."""

    query: str  # what the forms are forms of: the compound's letters, the mark's kind
    form: str  # how this use writes it: "hyphenated", "open", or the text itself
    start: int
    end: int
    text: str  # the words as written here, which a replacement takes the place of


class MajorityRule(RuleType):
    """observe: each query's forms, counted, with their first place in the file; verdict: the
    winning form of each query with more than one; report: the uses of the other forms."""

    # (what is written here, the winning form as written, its count, its first place)
    max_message_args = 4
    default_scope = "prose"

    def uses(self, doc) -> Iterator[Use]:
        raise NotImplementedError

    def fixed_form(self, query: str) -> str | None:
        """The form the rule or the style sheet fixes for a query, whatever the counts; None to
        let the book's majority decide."""
        return None

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
        """query -> (winning form, how it is written, its count, its first place) for each query
        written more than one way."""
        totals: dict[str, dict[str, list]] = {}  # query -> form -> [count, first place, text]
        for seen in observations:
            for query, forms in seen["forms"].items():
                for form, (count, line, column, text) in forms.items():
                    total = totals.setdefault(query, {}).get(form)
                    if total is None:
                        totals[query][form] = [count, f"{seen['path']}:{line}:{column}", text]
                    else:
                        total[0] += count
        verdicts = {}
        for query, forms in totals.items():
            if len(forms) < 2:
                continue
            fixed = self.fixed_form(query)
            # Most used first; on a tie, the form met first (files are judged in path order).
            ranked = sorted(forms, key=lambda form: (form != fixed, -forms[form][0], _place(forms[form][1])))
            winner = ranked[0]
            count, place, text = forms[winner]
            verdicts[query] = (winner, text, count, place)
        return verdicts

    def report(self, verdict, key):
        query, form, text = key[:3]
        if query not in verdict or verdict[query][0] == form:
            return None
        _, winner_text, count, place = verdict[query]
        replacement = self.replacement(text, winner_text)
        return (text, winner_text, times(count), place), (replacement,)


def times(count: int) -> str:
    """How often, as a message says it: once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _place(place: str) -> tuple:
    """path:line:column, sortable as the files and lines come."""
    path, line, column = place.rsplit(":", 2)
    return path, int(line), int(column)
