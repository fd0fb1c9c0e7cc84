#!/usr/bin/env python3
"""Benchmark mslint against proselint on a book-length manuscript.

Builds a manuscript of about --words words in --chapters Markdown files (in a
temporary folder) by repeating the paragraphs, block quotes included, of
manuscript/chapter-01.md, then times, each run in a fresh process:

  * `mslint --config <repo>/pyproject.toml <folder>`  (the repo's configuration: the Book style,
                                                        its vocabulary, and proselint's checks)
  * the same with `proselint = false`                  (the Book style alone)
  * `proselint check <folder>`                         (proselint alone, default config, all files in one call)
  * `mslint --version`                                 (interpreter start-up and import cost)

Each command gets one untimed warm-up run, then --runs timed runs; the table gives the
best and median wall time and the largest peak resident memory (ru_maxrss of that one
child, from os.wait4). Usage:

  python scripts/benchmark.py [--runs 5] [--words 100000] [--chapters 29]
  python scripts/benchmark.py --pathological   (seconds per adversarial file, see run_pathological)

Exit status: 0 done; 1 proselint could not be run (the mslint figures are still printed);
2 mslint failed (exit status other than 0 or 1, or a traceback).
This is a benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "manuscript" / "chapter-01.md"
CONFIG = REPO / "pyproject.toml"


# --- the manuscript ---------------------------------------------------------------------------


def build_manuscript(folder: Path, words: int, chapters: int, source: Path = SOURCE) -> tuple[int, int]:
    """Write `chapters` files of about words/chapters words each; returns (words, files) written.

    Each file is a `# Chapter N` heading and paragraphs (blocks separated by blank lines, so a
    block quote stays one block) taken from `source` in turn, carrying on where the previous
    chapter stopped.
    """
    blocks = [b.strip("\n") for b in source.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    if not blocks:
        raise SystemExit(f"benchmark: {source} has no paragraphs")
    total, index = 0, 0
    for number in range(1, chapters + 1):
        goal = words * number // chapters  # cumulative, so the overshoot does not add up
        parts = [f"# Chapter {number}"]
        count = len(parts[0].split())  # as `wc -w` counts
        while total + count < goal:
            block = blocks[index % len(blocks)]
            index += 1
            parts.append(block)
            count += len(block.split())
        (folder / f"chapter-{number:02d}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        total += count
    return total, chapters


# --- running and measuring ------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    max_rss_kib: int
    status: int
    stdout: str
    stderr: str


@dataclass
class Timing:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.max_rss_kib for r in self.runs) / 1024


def run_once(command: list[str], cwd: Path) -> Run:
    """Run `command` in a fresh process; wall time, and the peak RSS of that process alone.

    os.wait4 returns the resource usage of exactly the child it reaps (plus any descendants
    that child waited for), so the maximum is this run's own, not the largest seen so far
    as with getrusage(RUSAGE_CHILDREN).
    """
    # Byte-code caches as an installed tool has them: some environments forbid writing them,
    # which would make every run compile mslint's own modules again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(wait_status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    max_rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    return Run(seconds, max_rss, process.returncode, stdout, stderr)


def measure(name: str, command: list[str], cwd: Path, runs: int, ok) -> tuple[Timing, Run]:
    """One untimed warm-up run, checked with `ok(run)`; then `runs` timed runs (also checked)."""
    timing = Timing(name)
    warmup = run_once(command, cwd)
    if not ok(warmup):
        return timing, warmup
    for _ in range(runs):
        run = run_once(command, cwd)
        if not ok(run):
            return timing, run
        timing.runs.append(run)
    return timing, warmup


def relint_after_a_change(command: list[str], cwd: Path, folder: Path, runs: int) -> Timing:
    """Before each timed run one chapter gets a new paragraph; the cache holds all the others."""
    timing = Timing("mslint, cached, one chapter changed")
    chapter = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]
    for number in range(runs):
        with chapter.open("a", encoding="utf-8") as out:
            out.write(f"\nA paragraph added before run {number}, as an author saves.\n")
        timing.runs.append(run_once(command, cwd))
    return timing


def mslint_ok(run: Run) -> bool:
    """0 clean, 1 findings; 2 is a usage/config/rule/file error, and a traceback (also exit 1) is a crash."""
    return run.status in (0, 1) and "Traceback (most recent call last)" not in run.stderr


def proselint_ok(run: Run) -> bool:
    """proselint 0.16: 0 no findings, 1 findings; 2 bad arguments, 3 interrupted, 4 error."""
    return run.status in (0, 1) and "Traceback (most recent call last)" not in run.stderr


def script(name: str) -> str | None:
    """The console script installed next to this interpreter (no pyenv shim in front of it), else PATH's."""
    here = Path(sysconfig.get_path("scripts")) / name
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which(name)


# --- the machine ----------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} logical, {usable} usable",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_version()} ({platform.python_implementation()}, {sys.executable})",
        "mslint": _version("mslint"),
        "proselint": _version("proselint"),
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


# --- pathological input --------------------------------------------------------------------

# After each case: a doubled word the pipeline must still find (see tests/test_pathological.py).
AFTER = "\n\nAfter it, the the end.\n"


def pathological_cases() -> dict[str, str]:
    """Adversarial files that once hung mslint or made it quadratic, at sizes that showed it."""
    line = " ".join("the the" if i % 100 == 99 else f"w{i % 991}x" for i in range(170_000))
    return {
        "1 MB of '-='": "-=" * 500_000,
        "1 MB of backticks": "a " + "`" * 1_000_000,
        "100 KB of nested [": "[" * 100_000,
        "1 MB of nested “": "“" * 1_000_000,
        "1 MB of “ then ’": "“" * 500_000 + "’" * 500_000,
        "800 KB of link definitions": "".join(f"[label {i}]: https://example.org/{i}\n" for i in range(20_000)),
        "1 MB line, 1,700 findings": line,
        "list 110 deep": "".join("  " * i + "- item the the\n" for i in range(110)),
        "block quote 5,000 deep": ">" * 5_000 + " deep the the words\n",
    }


def run_pathological() -> int:
    """Seconds for each pathological case through the real pipeline (parse and the repository's
    rules, in this process), and whether the doubled word after it was still found."""
    from mslint.config import find_config, load_config
    from mslint.engine import lint
    from mslint.rules import load_rules

    config = load_config(find_config(REPO), REPO)
    print(f"{'case':<30}{'characters':>12}{'seconds':>10}  found after")
    failed = False
    for name, body in pathological_cases().items():
        text = body + AFTER
        rules = load_rules(config)  # each case with the whole time budget of a run
        start = time.perf_counter()
        result = lint({"case.md": text}, rules)
        seconds = time.perf_counter() - start
        after = text[: text.index("After it")].count("\n") + 1
        found = any(f.line == after and f.rule == "Book.DoubledWords" for f in result.findings) and not result.errors
        failed = failed or not found
        print(f"{name:<30}{len(text):>12,}{seconds:>10.2f}  {'yes' if found else 'NO'}")
    return 2 if failed else 0


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command, after one warm-up (default: 5)")
    parser.add_argument("--words", type=int, default=100_000, help="approximate manuscript size (default: 100000)")
    parser.add_argument("--chapters", type=int, default=29, help="number of chapter files (default: 29)")
    parser.add_argument("--pathological", action="store_true", help="time adversarial files instead, one by one")
    args = parser.parse_args(argv)
    if args.pathological:
        return run_pathological()
    if args.runs < 1 or args.words < 1 or args.chapters < 1:
        parser.error("--runs, --words and --chapters must be at least 1")

    mslint = script("mslint")
    if mslint is None:
        print("benchmark: mslint is not installed (pip install -e .)", file=sys.stderr)
        return 2
    proselint = script("proselint")

    print(f"mslint benchmark, {date.today().isoformat()}")
    for key, value in machine().items():
        print(f"  {key + ':':<11}{value}")
    print()

    with tempfile.TemporaryDirectory(prefix="mslint-bench-") as tmp:
        folder = Path(tmp, "manuscript")
        folder.mkdir()
        words, files = build_manuscript(folder, args.words, args.chapters)
        print(
            f"Manuscript: {words:,} words in {files} files built from {SOURCE.relative_to(REPO)} "
            f"({sum(p.stat().st_size for p in folder.iterdir()) / 1024:,.0f} KiB)"
        )
        print(f"Runs: 1 warm-up + {args.runs} timed per command; wall time best / median, peak RSS max over runs\n")

        command = [mslint, "--no-cache", "--config", str(CONFIG), folder.name]
        lint, last = measure("mslint, repo config", command, Path(tmp), args.runs, mslint_ok)
        if not mslint_ok(last):
            print(f"benchmark: mslint failed (exit status {last.status}): {' '.join(command)}", file=sys.stderr)
            print(last.stderr.rstrip() or last.stdout[-2000:].rstrip(), file=sys.stderr)
            return 2
        lint_lines = len(last.stdout.splitlines())

        book_config = Path(tmp, "book-only.toml")
        book_config.write_text(
            f'styles-path = "{(REPO / "rules").as_posix()}"\nstyles = ["Book"]\nvocab = ["Book"]\nproselint = false\n',
            encoding="utf-8",
        )
        command = [mslint, "--no-cache", "--config", str(book_config), folder.name]
        book, last = measure("mslint, Book style only", command, Path(tmp), args.runs, mslint_ok)
        if not mslint_ok(last):
            print(f"benchmark: mslint failed (exit status {last.status}): {' '.join(command)}", file=sys.stderr)
            return 2
        book_lines = len(last.stdout.splitlines())

        # The save-time case: the cache (in the temporary folder) is warm, one chapter changes.
        cached_config = Path(tmp, "cached.toml")
        cached_config.write_text(
            f'styles-path = "{(REPO / "rules").as_posix()}"\nstyles = ["Book"]\nvocab = ["Book"]\n', encoding="utf-8"
        )
        command = [mslint, "--config", str(cached_config), folder.name]
        unchanged, last = measure("mslint, cached, no change", command, Path(tmp), args.runs, mslint_ok)
        if not mslint_ok(last):
            print(f"benchmark: mslint failed (exit status {last.status}): {' '.join(command)}", file=sys.stderr)
            return 2
        changed = relint_after_a_change(command, Path(tmp), folder, args.runs)

        startup, last = measure("mslint --version", [mslint, "--version"], Path(tmp), args.runs, mslint_ok)
        if not mslint_ok(last):
            print(f"benchmark: `mslint --version` failed (exit status {last.status})\n{last.stderr}", file=sys.stderr)
            return 2

        prose, prose_lines, prose_error = None, 0, None
        if proselint is None:
            prose_error = "proselint is not installed (pip install -e '.[dev]')"
        else:
            prose, last = measure("proselint check", [proselint, "check", folder.name], Path(tmp), args.runs, proselint_ok)
            if proselint_ok(last):
                prose_lines = len(last.stdout.splitlines())
            else:
                prose_error = f"proselint failed (exit status {last.status}): {last.stderr.strip()[-500:]}"

    rows = [("", "best s", "median s", "peak MiB", "output lines")]
    rows.append((lint.name, f"{lint.best:.3f}", f"{lint.median:.3f}", f"{lint.peak_mib:.1f}", str(lint_lines)))
    rows.append((book.name, f"{book.best:.3f}", f"{book.median:.3f}", f"{book.peak_mib:.1f}", str(book_lines)))
    for timing in (unchanged, changed):
        rows.append((timing.name, f"{timing.best:.3f}", f"{timing.median:.3f}", f"{timing.peak_mib:.1f}", ""))
    rows.append((startup.name, f"{startup.best:.3f}", f"{startup.median:.3f}", f"{startup.peak_mib:.1f}", ""))
    if prose is not None and prose_error is None:
        rows.append((prose.name, f"{prose.best:.3f}", f"{prose.median:.3f}", f"{prose.peak_mib:.1f}", str(prose_lines)))
        rows.append(
            (
                "ratio repo config / proselint",
                f"{lint.best / prose.best:.2f}",
                f"{lint.median / prose.median:.2f}",
                f"{lint.peak_mib / prose.peak_mib:.2f}",
                "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print(f"{words:,} words, {files} files")
    for row in rows:
        print(
            "  "
            + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        )
    print(f"\nmslint words/s (best): {words / lint.best:,.0f}")
    if prose_error is not None:
        print(f"\nbenchmark: {prose_error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
