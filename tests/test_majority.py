"""The book's majority decides: what the book-wide consistency rules share (ruletypes/majority.py)."""

import regex

from conftest import make_rule
from mslint import ruletypes
from mslint.engine import lint
from mslint.ruletypes.majority import MajorityRule, Use

_WORD = regex.compile(r"\b(colou?r)\b", regex.IGNORECASE)


class Colours(MajorityRule):
    """A toy: 'colour' and 'color' are two forms of one query."""

    name = "test-colours"

    def compile(self, options):
        self.fixed = options.get("fixed")

    def uses(self, doc):
        for segment in self.segments(doc):
            for match in _WORD.finditer(segment.text):
                word = match.group()
                yield Use("colour", "british" if "u" in word else "american", *segment.to_source(*match.span()), word)

    def fixed_form(self, query):
        return self.fixed


def colours(monkeypatch, extra: str = ""):
    monkeypatch.setitem(ruletypes.REGISTRY, Colours.name, Colours)
    monkeypatch.setattr(Colours, "options", {"fixed": ruletypes.base.Option("str", "")}, raising=False)
    return make_rule(f"extends: test-colours\nmessage: \"'%s' here; '%s' %s, first at %s\"\naction: {{name: replace}}\n{extra}")


def found(texts, rule):
    return [(f.path, f.line, f.column, f.message, f.replacements) for f in lint(texts, [rule]).findings]


def test_the_minority_form_is_reported_at_each_use_naming_the_majority_and_its_first_place(monkeypatch):
    texts = {"a.md": "Colour, and colour.\n\nA color.\n", "b.md": "The colour.\n\nColor.\n"}
    assert found(texts, colours(monkeypatch)) == [
        ("a.md", 3, 3, "'color' here; 'Colour' 3 times, first at a.md:1:1", ("Colour",)),
        ("b.md", 3, 1, "'Color' here; 'Colour' 3 times, first at a.md:1:1", ("Colour",)),
    ]


def test_on_a_tie_the_form_used_first_wins_and_quotations_never_count(monkeypatch):
    quoted = "She said, “The colour of it is colour, and colour it is.”"
    texts = {"a.md": "> color, color, color\n\nA color.\n", "b.md": f"A colour.\n\n{quoted}\n"}
    assert found(texts, colours(monkeypatch)) == [("b.md", 1, 3, "'colour' here; 'color' once, first at a.md:3:3", ("color",))]


def test_a_fixed_form_wins_whatever_the_counts(monkeypatch):
    texts = {"a.md": "Colour, colour, colour and a color.\n"}
    rule = colours(monkeypatch, "fixed: american\n")
    assert [f[3] for f in found(texts, rule)] == ["'Colour' here; 'color' once, first at a.md:1:30"] + [
        "'colour' here; 'color' once, first at a.md:1:30"
    ] * 2


def test_one_form_alone_is_never_reported(monkeypatch):
    assert found({"a.md": "Colour, colour.\n", "b.md": "colour\n"}, colours(monkeypatch)) == []
