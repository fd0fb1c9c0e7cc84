"""proselint: one of proselint's checks, run on the plain text of the scope like any other rule.

proselint's checks are data (Existence, PreferredForms, Consistency...) with their own compiled
patterns. mslint runs them itself, once per document over the text its scope reads, so they get
mslint's positions, voices, [sic] and selection. Three of proselint's own linter habits are left
behind on purpose: its global registry (built once here, never registered twice), its limit on
results before sorting, and its own skipping of quoted text (voices do that, more precisely).
"""

from __future__ import annotations

import bisect
import functools

import regex

from ..finding import Hit, closest_name
from ..spec import Option
from .base import RuleType

# Between two pieces of text joined for one pass. The NUL is neither a word nor white space, so
# no check's pattern runs from one paragraph into the next; the blank line after it lets checks
# that look for the start of a paragraph ("\n\nBut") see one.
_SEPARATOR = "\n\0\n\n"


@functools.cache
def all_checks() -> dict[str, tuple]:
    """proselint's checks by path, in its own order; several checks may share a path."""
    from proselint.checks import __register__

    checks: dict[str, list] = {}
    for check in __register__:
        checks.setdefault(check.path, []).append(_faster(check))
    return {path: tuple(found) for path, found in checks.items()}


# proselint's checks that misfire on Markdown manuscripts: off unless the configuration turns them
# on. Each was wrong on nearly every finding in uncurated books (docs/benchmarks.md, "Noise").
OFF_IN_MANUSCRIPTS = {
    # Double spaces after a full stop are invisible once Markdown is rendered, and initials
    # ("Sean M. Burke") read as sentence ends.
    "typography.punctuation.spacing": "double spaces do not show in rendered Markdown",
    # Straight quotes in Markdown are curled by the typesetter (pandoc's `smart`, SmartyPants);
    # where they are not, the straight quotes are code, commands or options.
    "typography.symbols.curly_quotes": "Markdown typesetters curl straight quotes",
    # A paragraph may start with "But": no modern usage guide forbids it.
    "misc.but": "a paragraph may start with 'But'",
    # "0x1B" is a number in hexadecimal, not "0 times 1B".
    "typography.symbols.multiplication": "x between digits is hexadecimal or a name more often than a product",
    # As for the spacing after a full stop: it does not show.
    "typography.symbols.sentence_spacing": "double spaces do not show in rendered Markdown",
}


# Words that proselint's checks take for others nearly every time in a book: each is an
# exception the check starts with (docs/benchmarks.md, "Manuscripts nobody tuned mslint for").
DEFAULT_EXCEPTIONS = {
    # The verb ("the process can then resume"), far more common in books than the noun, résumé.
    "typography.diacritical_marks": ["(?i)resume"],
}


def builtin_definitions() -> list[tuple[str, dict]]:
    """(path, rule keys) for each of proselint's checks, as mslint loads them by default."""
    return [
        (
            path,
            {
                "extends": "proselint",
                "message": "%s",
                "level": "suggestion",
                "check": path,
                "enabled": _enabled_by_default(path) and path not in OFF_IN_MANUSCRIPTS,
                # A check that proselint lets read quoted text reads all of it here too.
                "scope": "text" if all(c.flags.allow_quotes for c in checks) else "prose",
                "description": _description(checks[0]),
                "exceptions": DEFAULT_EXCEPTIONS.get(path, []),
            },
        )
        for path, checks in all_checks().items()
    ]


def _description(check) -> str:
    """The first line of the docstring of the module that defines the check."""
    return _module_docs().get(id(check), "")


@functools.cache
def _module_docs() -> dict[int, str]:
    import sys

    docs = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("proselint.checks.") and not hasattr(module, "__path__"):  # modules, not packages
            summary = ((module.__doc__ or "").strip().splitlines() or [""])[0].rstrip(".")
            for check in getattr(module, "__register__", ()):
                docs[id(check)] = summary
    return docs


def _enabled_by_default(path: str) -> bool:
    """Whether proselint's default configuration turns the check on."""
    from proselint.config import DEFAULT

    settings = DEFAULT["checks"]
    name = closest_name(path, settings)
    return name is not None and bool(settings[name])


class Proselint(RuleType):
    name = "proselint"
    default_scope = "prose"
    options = {
        "check": Option("str", required=True),
        "exceptions": Option("list", []),
        "vocab": Option("bool", True),
    }

    def compile(self, options):
        checks = all_checks().get(options["check"])
        if not checks:
            raise ValueError(f"proselint has no check {options['check']!r}; see mslint --list-rules")
        self.checks = checks
        # As for Vale's rules, the book's accepted words are the book's choice ("outsized").
        self.exceptions = self.build_exceptions(options)

    def check(self, doc):
        segments = self.segments(doc)
        if not segments:
            return
        text, starts = _joined(doc, self.spec.scope)
        candidates = _candidates(doc, self.spec.scope)
        for check in self.checks:
            if id(check) not in candidates:
                continue  # none of its patterns is anywhere in the text
            for result in check.check_with_flags(text):
                start, end = result.span
                if not _stands_alone(check, text, start):
                    continue  # a word inside another ("resume" in "resumed"): see _alone
                index = bisect.bisect_right(starts, start) - 1
                if index < 0 or end > starts[index] + len(segments[index].text):
                    continue  # the padding or a separator: nothing of the document's
                local = start - starts[index], end - starts[index]
                if self.exceptions.exempt(segments[index].text[local[0] : local[1]].strip()):
                    continue
                replacements = (result.replacements,) if result.replacements else ()
                yield Hit(*segments[index].to_source(*local), (result.message,), replacements)


def _alone(check):
    """For a check that finds its words only where they stand alone (`\\bword\\b`), their pattern
    so padded, to match where each result starts; else None. proselint's fast engine tells
    whether any such word is in the text, and then searches for each one bare: once "resume"
    stood alone anywhere in a text, it found "resume" in "resumed" too."""
    from proselint.registry.checks import Padding, engine

    if id(check) not in _ALONE:
        kind, found = check.check_type, None
        padding = getattr(kind, "padding", None)
        if padding is Padding.WORDS_IN_TEXT and isinstance(check.engine, engine.Fast):
            found = check.engine.compiled_pattern(padding.format(Padding.safe_join(tuple(kind.items))))
        _ALONE[id(check)] = found
    return _ALONE[id(check)]


_ALONE: dict[int, object] = {}  # by the id of one of all_checks(), which live as long as the process
_LONGEST_MATCH = 500  # characters: proselint's words and phrases are far shorter


def _stands_alone(check, text: str, start: int) -> bool:
    """Whether a result of the check at `start` is its word standing alone, where it must. Matched
    in a window of the text: RE2 reads the whole of what it is given, at each call."""
    alone = _alone(check)
    if alone is None:
        return True
    before = 1 if start else 0  # the character before: whether a word starts at `start`
    return alone.match(text[start - before : start + _LONGEST_MATCH], before) is not None


def _joined(doc, scope) -> tuple[str, list[int]]:
    """The scope's segments as one text, padded as proselint's checks expect, and where each
    segment starts in it; made once a document and scope, for the hundred checks that read it."""
    key = (scope, _SEPARATOR)
    found = doc.segments.get(key)
    if found is None:
        segments = scope.segments(doc)
        starts, position = [], 1  # proselint's checks read a text padded with a newline at each end
        for segment in segments:
            starts.append(position)
            position += len(segment.text) + len(_SEPARATOR)
        found = doc.segments[key] = ("\n" + _SEPARATOR.join(s.text for s in segments) + "\n", starts)
    return found


def _candidates(doc, scope) -> set[int]:
    """The ids of the checks that may find something in the scope's text: one pass of RE2 over
    the text, with every pattern of the checks that only find what their patterns match, tells
    which of those have nothing to find; the others are always run. Made once a document."""
    key = (scope, _candidates)
    found = doc.segments.get(key)
    if found is None:
        text, _ = _joined(doc, scope)
        sets, always = _prefilter()
        found = set(always)
        for patterns, owners in sets:
            found.update(owners[index] for index in patterns.Match(text) or ())
        doc.segments[key] = found
    return found


@functools.cache
def _prefilter() -> tuple[list[tuple], frozenset[int]]:
    """([(RE2 set, the id of the check each of its patterns belongs to)], ids of checks to always
    run), over all of proselint's checks; one set for each set of regex options."""
    import re2
    from proselint.registry.checks import engine

    groups: dict[engine.RegexOptions, list[tuple[str, int]]] = {}
    always = set()
    for check in (c for checks in all_checks().values() for c in checks):
        searched = _searched(check) if isinstance(check.engine, engine.Fast) else _widened(check)
        if searched is None:
            always.add(id(check))
        else:  # one alternation a check: a third less to build than a pattern a word
            alternation = "|".join(f"(?:{pattern})" for pattern in searched)
            groups.setdefault(check.engine.opts, []).append((alternation, id(check)))
    sets = []
    for opts, members in groups.items():
        options = opts.re2_opts
        # A larger budget than RE2's default, so that the set never runs out of memory on a long text.
        options.max_mem = _PREFILTER_MEMORY
        combined = re2.Set.SearchSet(options)
        for pattern, _ in members:
            combined.Add(pattern)
        combined.Compile()
        sets.append((combined, [owner for _, owner in members]))
    return sets, frozenset(always)


_PREFILTER_MEMORY = 64 << 20


def _searched(check) -> list[str] | None:
    """The patterns a check searches the text for, when it finds nothing unless one of them
    matches somewhere (as proselint compiles them); None for any other check."""
    from proselint.registry.checks import types

    kind = check.check_type
    if type(kind) in (types.Existence, types.PreferredFormsSimple, types.PreferredForms):
        return [kind.padding.format(item) for item in kind.items]
    if type(kind) is types.ExistenceSimple:
        return [kind.pattern]
    if type(kind) is types.Consistency:  # a finding needs both terms of a pair
        return [term for pair in kind.term_pairs for term in pair]
    return None


def _widened(check) -> list[str] | None:
    """For a check that proselint runs with Python's regular expressions, patterns RE2 can read
    that match wherever the check's own could, and more: its words without the word boundaries
    and look-arounds that narrow them. None when there are none."""
    from proselint.checks import uncomparables

    kind = check.check_type
    if check.path == "uncomparables" and getattr(kind, "items", None):
        comparators = "|".join(map(_folded, uncomparables.FANCY_COMPARATORS))
        adjectives = "|".join(map(_folded, uncomparables.UNCOMPARABLES))
        # \W (anything but an ASCII word character) takes in every space Python's \s does.
        return [rf"(?:{comparators})\W+(?:{adjectives})"]
    if check.path == "weasel_words.very" and getattr(kind, "pattern", "") == r"\bvery(?! well)\b":
        return ["very"]
    words = getattr(kind, "items", None)
    if isinstance(kind, _factored_forms_type()) and words:  # phrases, all of them literal
        return [_folded(regex.sub(r"[.^$*+?()\[\]{}|\\]", r"\\\g<0>", word)) for word in words]
    return None


def _folded(literal: str) -> str:
    """A literal for RE2 that also matches where Python's case-insensitive matching takes the
    Turkish dotless and dotted i for an i, as RE2's does not."""
    return regex.sub(r"[iI]", "[iIıİ]", literal)


def _faster(check):
    """The same check, compiled so that it runs faster than proselint's; a test shows that each
    matches exactly the same text as proselint's own, but for the lexical illusions proselint
    finds inside a word (proselint's Python `re` engine cannot factor an alternation or stop a
    repeat from backtracking by itself).

    - "most/least + uncomparable" is one alternation of every pairing, scanned pair by pair:
      factored, it runs in linear time.
    - Lexical illusions ("the the"): a word never ends in the middle of a word here, so its
      repeats may be possessive and never backtrack letter by letter; and it starts where a
      word does (see _WORD_START).
    - Preferred forms, hundreds of phrases: the search tries them only where one of their first
      letters stands.
    """
    from proselint.checks import uncomparables
    from proselint.registry.checks import Padding, engine, types

    if not isinstance(check.engine, engine.Fancy):
        return check
    if check.path == "uncomparables":
        comparators = "|".join(uncomparables.FANCY_COMPARATORS)
        adjectives = "|".join(uncomparables.UNCOMPARABLES)
        pattern = rf"(?<!at\s)\b(?:{comparators})\s+(?:{adjectives})\b"
        return check._replace(check_type=types.Existence(items=(pattern,), padding=Padding.RAW))
    pattern = getattr(check.check_type, "pattern", "")
    if check.path == "lexical_illusions" and _ILLUSION_START + _ILLUSION in pattern:
        possessive = pattern.replace(_ILLUSION_START + _ILLUSION, _WORD_START + _ILLUSION_POSSESSIVE)
        return check._replace(check_type=check.check_type._replace(pattern=possessive))
    words = getattr(check.check_type, "items", {})
    if type(check.check_type) is types.PreferredFormsSimple and words and all(map(_LITERAL.fullmatch, words)):
        return check._replace(check_type=_factored_forms_type()(*check.check_type))
    return check


@functools.cache
def _factored_forms_type():
    """proselint's PreferredFormsSimple, searching with its phrases factored by first letter."""
    from proselint.registry.checks import types

    class FactoredForms(types.PreferredFormsSimple):
        __slots__ = ()

        def check(self, text, check):
            factored = _factored(tuple(self.items), check.engine.opts.case_insensitive)
            pattern = check.engine.compiled_pattern(self.padding.format(f"(?:{factored})"))
            return map(functools.partial(self.map_match, check), pattern.finditer(text))

    return FactoredForms


@functools.cache
def _factored(alternatives, case_insensitive: bool) -> str:
    """`a|b|...` grouped by first letter, each group in its own order: at any place only the
    alternatives of one group can match, and the first of them that does still wins."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[0].lower() if case_insensitive else alternative[0]
        groups.setdefault(first, []).append(alternative)
    return "|".join(group[0][0] + "(?:" + "|".join(a[1:] for a in group) + ")" for group in groups.values())


# Phrases made of letters, digits, spaces, hyphens, apostrophes and full stops: no regex syntax
# that a first letter could be taken from.
_LITERAL = regex.compile(r"\w[\w' .-]*")

_ILLUSION = r"(\w+(?:\s+\w+){0,3})(\s+\1)+"
_ILLUSION_POSSESSIVE = r"(\w++(?:\s++\w++){0,3})(\s++\1)+"
# proselint's illusion may start inside a word, after a digit, an underscore or a letter outside
# ASCII ("Éthe the", "x_the the"): a finding in no word of the text, and, in a word of a hundred
# thousand such characters, a search that read the rest of the word again from each (minutes).
_ILLUSION_START = r"(?<![A-Za-z'-])"
_WORD_START = r"(?<![\w'-])"
