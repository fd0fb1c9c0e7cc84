"""Two cores for work that splits: a forked process starts with all that this one has loaded
(rules, patterns, dictionaries), so that nothing is made twice."""

from __future__ import annotations

import sys

_FORKING = [True]  # until forbid_forking()


def forbid_forking() -> None:
    """For a process with threads (the language server): a fork copies only the thread that
    forks, and a lock that another thread holds stays locked in the copy for ever."""
    _FORKING[0] = False


def can_fork() -> bool:
    """Whether to fork here: not where it is forbidden, nor on macOS, whose system libraries may
    not survive it."""
    import multiprocessing  # here: a chapter's run has no use for it, and it takes 8 ms to import

    return _FORKING[0] and "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
