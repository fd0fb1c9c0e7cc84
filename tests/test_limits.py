"""Which searches run without a time limit: only those that cannot run long."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mslint.limits import BOUNDED_STEPS, PatternClock, steps_at_each_position


def steps(pattern: str) -> int | None:
    return steps_at_each_position(regex.compile(pattern))


def test_a_list_of_words_is_bounded_by_its_letters():
    # \b, then three words of 3, 3 and 4 letters tried in turn, then \b after each way out.
    assert steps(r"\b(?:cat|dog|bird)\b") == 1 + 10 + 3


def test_optional_and_counted_parts_are_bounded():
    assert steps(r"\. \. \.(?: \.)?") == 5 + 3
    assert steps(r"a{2}") == 2
    assert steps(r"(?<!\.)\.\.\.\.?(?!\.)") == 1 + 3 + 2 + 2


def test_what_can_run_long_is_unbounded():
    for pattern in (
        r"(a+)+b",
        r"\w*x",
        r"a{2,}",
        r"(\w)\1",  # a backreference
        r"\p{L}",  # the regex module's own syntax
        r"(?:foo){e<=1}",  # fuzzy matching
        r"(?V1)[[a-z]--[aeiou]]",
        "(a|a)" * 18,  # 2**18 ways to match at each position
        r"(a?){30}",
        r"(?x)(a|aa){1 ,}c",  # verbose: the regex module reads {1 ,} as a repeat, Python's parser as text
        r"(?ix:(a|aa){1 ,}c)",
        r"(?:[a-z]|a){26}c",  # Python's parser makes one set of the alternatives; the regex module tries both
    ):
        assert steps(pattern) is None, pattern


def test_a_bounded_pattern_over_a_huge_text_keeps_its_time_limit():
    clock, pattern = PatternClock(), regex.compile(r"\bword\b")
    assert clock._bounded(pattern, 100)
    assert not clock._bounded(pattern, BOUNDED_STEPS)


# Pieces of patterns, each maybe repeated: with alternatives that overlap, sets that the standard
# parser makes of alternatives, look-arounds, and a verbose part, which the two parsers read apart.
PIECES = st.sampled_from(
    ["a", "[a-z]", "(?:a|aa)", "(?:[a-z]|a)", "(?:a|b|c)", r"\b", "(?=a)", ".", "(?x:a {1 ,})", "(?x:(?:a|aa) {1 ,})"]
)
REPEATS = st.sampled_from(["", "?", "{2}", "{1,3}", "{3,6}", "*", "+"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, REPEATS, st.integers(1, 30)), min_size=1, max_size=3))
def test_a_search_that_goes_without_a_time_limit_ends_at_once(parts):
    """Against a text that makes backtracking patterns try every way (many a's, then a c out of reach), a
    search the clock lets run unlimited ends well within the regex module's own limit. Each piece
    is written up to 30 times in a row, as a pattern that backtracks without end is."""
    pattern = "".join((piece + repeat) * times for piece, repeat, times in parts) + "c"
    compiled, text = regex.compile(pattern), "a" * 28 + "!c"
    if PatternClock()._bounded(compiled, len(text)):
        compiled.search(text, timeout=0.5)  # TimeoutError fails the test
