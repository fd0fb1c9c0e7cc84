"""Two cores for work that splits: a forked process starts with all that this one has loaded
(rules, patterns, dictionaries), so that nothing is made twice."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

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


class Died(Exception):
    """The forked process ended without a result: killed (by the kernel, short of memory), or
    crashed in a library's C code."""


class Forked:
    """`work()` in a forked process, started at once, while this one goes on; its result when
    this one asks. Unlike a process pool, whose worker replaced after a crash leaves the task
    waiting for ever, a process that ends without a result is Died. OSError when no process can
    be forked. Used as a context manager, the process is stopped if it is still running at the
    end."""

    def __init__(self, work: Callable[[], Any]):
        import multiprocessing

        forking = multiprocessing.get_context("fork")
        self._receiving, sending = forking.Pipe(duplex=False)
        self._process = forking.Process(target=_run, args=(work, sending), daemon=True)
        self._process.start()
        sending.close()  # the other process holds the only writing end: its end is the pipe's

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exception) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receiving.close()

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the result is in, or the process has ended without one."""
        return self._receiving.poll(timeout)

    def result(self, timeout: float | None = None) -> Any:
        """The work's result, or the exception it raised; Died when the process ended without
        either, or gave neither within `timeout` seconds."""
        if not self._receiving.poll(timeout):
            raise Died(f"no result in {timeout} s")
        try:
            outcome, value = self._receiving.recv()
        except (EOFError, OSError):
            raise Died(f"the process ended with status {self._process.exitcode}") from None
        if outcome == "raised":
            raise value
        return value


def _run(work: Callable[[], Any], sending) -> None:
    try:
        outcome = ("done", work())
    except Exception as error:
        outcome = ("raised", error)
    try:
        sending.send(outcome)
    except Exception as error:  # an exception or a result that cannot be pickled
        sending.send(("raised", RuntimeError(f"{type(error).__name__}: {error}")))
