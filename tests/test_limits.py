"""Which searches run without a time limit: only those that cannot run long."""

import regex
from hypothesis import given
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
    ):
        assert steps(pattern) is None, pattern


def test_a_bounded_pattern_over_a_huge_text_keeps_its_time_limit():
    clock, pattern = PatternClock(), regex.compile(r"\bword\b")
    assert clock._bounded(pattern, 100)
    assert not clock._bounded(pattern, BOUNDED_STEPS)


@given(st.text(alphabet="ab. \n", max_size=200))
def test_bounded_searches_find_what_timed_ones_find(text):
    clock = PatternClock()
    for pattern in (regex.compile(r"\b(?:ab|ba|a b)\b"), regex.compile(r"(?<!\.)\.\.\.?(?!\.)")):
        assert clock._bounded(pattern, len(text))
        assert [m.span() for m in clock.finditer(pattern, text)] == [m.span() for m in pattern.finditer(text, timeout=1.0)]
