"""mslint --watch: lint, then lint again at each change to the manuscript, its rules, vocabulary or
configuration, printing only what changed. The rules and the cache stay loaded between runs, so a
saved chapter is the only file read again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Protocol, TextIO

from .engine import Result
from .files import display_path
from .formats import printable, summary, text


class Project(Protocol):
    """What the watch keeps loaded between runs: the configuration, its rules and the cache."""

    def lint(self) -> Result: ...
    def reload(self) -> str | None: ...  # load the configuration and rules again; what is wrong, if anything
    def is_setting(self, path: Path) -> bool: ...  # a rule, vocabulary or configuration file


def watch(changes: Iterable[Collection[Path]], project: Project, out: TextIO) -> None:
    """Lint and print every finding; then, for each set of changed files, reload the rules when one
    is a setting, lint again, and print the findings that are new and a line for those gone."""
    before = _show(project.lint(), None, out)
    for changed in changes:
        settings = sorted(display_path(path, Path.cwd()) for path in changed if project.is_setting(path))
        if settings:
            problem = project.reload()
            said = f"{problem}; the rules loaded before stay in use" if problem else "the rules are loaded again"
            out.write(printable(f"mslint: {', '.join(settings)} changed: {said}") + "\n")
        before = _show(project.lint(), before, out)


def _show(result: Result, before: Result | None, out: TextIO) -> Result:
    """Print what `result` has that `before` had not, a line for each file whose findings are
    gone, and a summary. Findings are told apart by fingerprint, which edits elsewhere keep."""
    seen = {f.fingerprint for f in before.findings} if before else set()
    now = {f.fingerprint for f in result.findings}
    new = Result(
        findings=[f for f in result.findings if f.fingerprint not in seen],
        errors=[e for e in result.errors if before is None or e not in before.errors],
    )
    gone = Counter(f.path for f in (before.findings if before else []) if f.fingerprint not in now)
    lines = [f"{path}: {count} finding{'' if count == 1 else 's'} fixed" for path, count in sorted(gone.items())]
    tally = "Watching for changes; Ctrl-C stops." if before is None else f"{len(new.findings)} new, {gone.total()} fixed."
    lines.append(f"mslint: {summary(result)} {tally}")
    out.write(text(new) + "".join(printable(line) + "\n" for line in lines))
    out.flush()
    return result


def changes_on_disk(roots: list[Path], wanted: Callable[[Path], bool]) -> Iterator[set[Path]]:
    """Each set of changed files under `roots` that `wanted` keeps, once edits settle; Ctrl-C raises
    KeyboardInterrupt, as anywhere else."""
    import watchfiles  # only --watch pays for the import

    for batch in watchfiles.watch(*roots, watch_filter=lambda _, path: wanted(Path(path))):
        yield {Path(path) for _, path in batch}
