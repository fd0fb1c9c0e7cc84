"""abbreviations (mslint's own): an abbreviation used before the book defines it, or defined two ways.

Across the manuscript (files in path order, then by place), the first definition of each
abbreviation in the author's prose (initials.py says what a definition is) is the one that
counts. The book's first use of an abbreviation, if it comes before that definition, is reported
once, there: the definition belongs at that use, and every use up to it is fixed with it. A
later definition in other words is reported, naming the first. An abbreviation never defined
is left alone: most are well known (USA, UN, BBC). Headings are not uses (a chapter title may
name what its first paragraph defines), quotations neither define nor use.
"""

from __future__ import annotations

from ..finding import Hit
from ..spec import Option
from . import initials
from .base import RuleType, count_placeholders
from .joined import Joined

MAX_ARGS = 4
_LABEL_MARKS = " \t\n.:*_"
_LABEL_LENGTH = 20


class Abbreviations(RuleType):
    name = "abbreviations"
    default_scope = "prose"
    # used before: (abbreviation, where it is defined, the phrase there);
    # defined again: (abbreviation, the phrase here, the first phrase, where that is)
    max_message_args = MAX_ARGS
    options = {
        "redefined": Option("str", "'%s' is defined here as '%s', but as '%s' at %s."),
    }

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

    def verdict(self, observations):
        """abbreviation -> (its first definition's phrase and place, the book's first use) for
        each abbreviation defined somewhere."""
        first_definition: dict[str, list] = {}
        first_use: dict[str, list] = {}
        for seen in observations:  # in path order, each file's in order of place
            for abbreviation, found in seen["defined"].items():
                first_definition.setdefault(abbreviation, found[0])
            for abbreviation, place in seen["used"].items():
                first_use.setdefault(abbreviation, place)
        return {abbreviation: (*definition, first_use.get(abbreviation)) for abbreviation, definition in first_definition.items()}

    def report(self, verdict, key):
        kind, abbreviation, *rest = key
        if abbreviation not in verdict:
            return None
        phrase, place, first_use = verdict[abbreviation]
        path, line, column = place
        shown = f"{path}:{line}:{column}"
        if kind == "use":
            (here,) = rest
            if here != first_use or tuple(here) > tuple(place):
                return None
            return (abbreviation, shown, phrase), ()
        written, here = rest
        if here == place or initials.same_phrase(written, phrase):
            return None
        return (abbreviation, written, phrase, shown), (), self.redefined


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
