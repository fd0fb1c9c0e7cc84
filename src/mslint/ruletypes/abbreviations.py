"""abbreviations (mslint's own): an abbreviation used before the book defines it, or defined two ways.

Across the manuscript (files in path order, then by place), the first definition of each
abbreviation in the author's prose (initials.py says what a definition is) is the one that
counts. The book's first use of an abbreviation, if it comes before that definition, is reported
once, there: the definition belongs at that use, and every use up to it is fixed with it. A
later definition in other words is reported, naming the first. An abbreviation never defined
is left alone: most are well known (USA, UN, BBC). Headings are not uses (a chapter title may
name what its first paragraph defines), quotations neither define nor use.

The style sheet records an abbreviation and its definition (`KKE: Communist Party of Greece`):
every definition in other words is reported then, the book's first among them.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from ..finding import Hit
from ..spec import Option
from ..stylesheet import BOOK, OPEN, STYLE_SHEET, BadRecord, Entry, Form, Judged, place
from . import initials
from .base import RuleType, count_placeholders
from .joined import Joined

MAX_ARGS = 4
_ABBREVIATION = regex.compile(r"\p{Lu}{2,10}")  # as the style sheet records one (initials.ABBREVIATION)
_LABEL_MARKS = " \t\n.:*_"
_LABEL_LENGTH = 20


class Defined(NamedTuple):
    """What the book's definitions of an abbreviation come to: the definition that counts (the
    style sheet's, else the book's first) and where the book first gives it (None: nowhere); where
    the book first defines it, in any words; and where it is first used."""

    phrase: str
    place: list | None
    first: list
    first_use: list | None
    recorded: bool = False


class Abbreviations(RuleType):
    name = "abbreviations"
    section = "abbreviations"
    default_scope = "prose"
    # used before: (abbreviation, where it is defined, the phrase there);
    # defined again: (abbreviation, the phrase here, the first phrase, where that is)
    max_message_args = MAX_ARGS
    options = {
        "redefined": Option("str", "'%s' is defined here as '%s', but as '%s' at %s."),
    }
    recorded_message = "'%s' is defined here as '%s'; the book's style sheet has '%s'."

    def compile(self, options):
        self.redefined = options["redefined"]
        if count_placeholders(self.redefined) > MAX_ARGS:
            raise ValueError(f"'redefined' has too many %s placeholders; {self.name} fills at most {MAX_ARGS}")

    def observe(self, doc):
        """Every definition, and each abbreviation's first use in the file; the definitions and
        the first uses are candidates."""
        joined = Joined([segment for segment in self.segments(doc) if _read(segment)])
        found = initials.definitions(joined.text)
        defined: dict[str, list] = {}
        candidates = []
        for definition in found:
            start, end = joined.to_source(definition.start, definition.end)
            place = _where(doc, start)
            defined.setdefault(definition.abbreviation, []).append([definition.phrase, place])
            candidates.append((["definition", definition.abbreviation, definition.phrase, place], Hit(start, end)))
        used: dict[str, list] = {}
        defining = {definition.abbreviation_start for definition in found}
        for abbreviation, start in sorted(initials.first_uses(joined.text, defining).items(), key=lambda item: item[1]):
            source = joined.to_source(start, start + len(abbreviation))
            used[abbreviation] = place = _where(doc, source[0])
            if not initials.expanded_before(joined.text, start, abbreviation):  # else the reader has it here
                candidates.append((["use", abbreviation, place], Hit(*source)))
        return {"used": used, "defined": defined}, candidates

    def read_recorded(self, entries):
        for abbreviation in entries:
            if not _ABBREVIATION.fullmatch(abbreviation):
                raise BadRecord(abbreviation, "an abbreviation is 2 to 10 capitals, as KKE: Communist Party of Greece")
        return dict(entries)

    def verdict(self, observations):
        """abbreviation -> Defined, for each abbreviation defined somewhere."""
        definitions, first_use = _gathered(observations)
        verdicts = {}
        for abbreviation, found in definitions.items():
            phrase, first = found[0]
            recorded = self.recorded.get(abbreviation)
            if recorded is not None:
                phrase = recorded
                first = next((where for written, where in found if initials.same_phrase(written, recorded)), None)
            verdicts[abbreviation] = Defined(phrase, first, found[0][1], first_use.get(abbreviation), recorded is not None)
        return verdicts

    def report(self, verdict, key):
        kind, abbreviation, *rest = key
        defined = verdict.get(abbreviation)
        if defined is None:
            return None
        if kind == "use":
            (here,) = rest
            if here != defined.first_use or tuple(here) > tuple(defined.first):
                return None
            return (abbreviation, place(*defined.first), defined.phrase), ()
        written, here = rest
        if initials.same_phrase(written, defined.phrase) or here == defined.first and not defined.recorded:
            return None
        if defined.place is None:  # the style sheet's words, which the book never writes
            return (abbreviation, written, defined.phrase), (), self.recorded_message
        return (abbreviation, written, defined.phrase, place(*defined.place)), (), self.redefined

    def sheet(self, judged: Judged) -> list[Entry]:
        """Each abbreviation the book defines, or the style sheet records, with its definition."""
        definitions, _ = _gathered(judged.observations)
        entries = []
        for abbreviation in sorted(set(definitions) | set(self.recorded)):
            phrases: list[list] = []  # [phrase as first written, definitions, first place], as they come
            for written, where in definitions.get(abbreviation, []):
                same = next((found for found in phrases if initials.same_phrase(found[0], written)), None)
                if same is None:
                    phrases.append([written, 1, where])
                else:
                    same[1] += 1
            recorded = self.recorded.get(abbreviation)
            if recorded is None:  # the first definition counts
                kept, kept_by = phrases[0], BOOK if len(phrases) == 1 else OPEN
            else:
                given = [found for found in phrases if initials.same_phrase(found[0], recorded)]
                kept, kept_by = given[0] if given else [recorded, 0, None], STYLE_SHEET
            others = tuple(_form(abbreviation, *found) for found in phrases if found is not kept)
            entries.append(Entry(self.section, self.id, abbreviation, kept[0], _form(abbreviation, *kept), others, kept_by))
        return entries


def _gathered(observations: list) -> tuple[dict[str, list], dict[str, list]]:
    """Every definition of each abbreviation, [phrase, place], and its first use, in the book's order."""
    definitions: dict[str, list] = {}
    first_use: dict[str, list] = {}
    for seen in observations:  # in path order, each file's in order of place
        for abbreviation, found in seen["defined"].items():
            definitions.setdefault(abbreviation, []).extend(found)
        for abbreviation, where in seen["used"].items():
            first_use.setdefault(abbreviation, where)
    return definitions, first_use


def _form(abbreviation: str, phrase: str, count: int, where: list | None) -> Form:
    return Form(f"{abbreviation} ({phrase})", count, place(*where) if where else "")


def _read(segment) -> bool:
    """Headings and labels (a definition list's term) are not read: a chapter title may name what
    its first paragraph defines."""
    text = segment.text
    return segment.block.kind != "heading" and not (
        len(text) < _LABEL_LENGTH and initials.ABBREVIATION.fullmatch(text.strip(_LABEL_MARKS))
    )


def _where(doc, offset: int) -> list:
    """[path, line, column]: places sort as the files and lines come."""
    return [doc.path, *doc.position(offset)]
