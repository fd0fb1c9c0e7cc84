"""Two cores for work that splits: a forked process starts with all that this one has loaded
(rules, patterns, dictionaries), so that nothing is made twice."""

from __future__ import annotations

import sys


def can_fork() -> bool:
    """Whether this platform forks a process safely; not macOS, whose system libraries may not."""
    import multiprocessing  # here: a chapter's run has no use for it, and it takes 8 ms to import

    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
