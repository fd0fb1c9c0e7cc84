#!/usr/bin/env python3
"""Benchmark mslint against proselint on a book-length manuscript, against the project's targets.

The manuscript (in a temporary folder) is one of:

  --corpus chapter    (default) about --words words in --chapters Markdown files, made by
                      repeating the paragraphs, block quotes included, of manuscript/chapter-01.md:
                      the book mslint's rules and vocabulary were written for
  --corpus technical  about 190,000 words of GNU manuals, --corpus prose about 29,000 words of
                      Perl's articles and FAQs: text nobody tuned mslint for (scripts/make_corpus.py)

then times, each run in a fresh process, side by side on the same files:

  * `mslint --no-cache --config <repo>/pyproject.toml`  cold, the repo's configuration: the Book
                                                        style, its vocabulary, proselint's checks;
                                                        JSON (with spelling suggestions), then text
  * the same with `proselint = false`                   the Book style alone (chapter only)
  * with a copy of the rules and the same settings in the temporary folder, so that the
    repository is never written: the run that fills the cache; a run with nothing changed; one
    chapter changed (a paragraph added before each run); the same saves to a running
    `mslint --watch`, from the save to the end of its report; one word added to the vocabulary
    before each run (the words the cold run reported most as misspelled); `mslint --fix` with
    a warm cache (files and cache put back before each run); then `mslint --fix` on the fixed
    book with one fixable slip added to one chapter before each run, as a pre-commit hook meets it
  * `mslint --version`                                  interpreter start-up and import cost
  * `proselint check <folder>`                          proselint alone, default config, one call

A command gets one untimed warm-up run, then --runs timed runs; a command whose first run
takes longer than 10 s is timed once, with no warm-up, to keep one invocation within minutes.
The table gives the best and median wall time, the median CPU time (user and system, the
helper processes included) and the largest peak resident memory (ru_maxrss of that one child,
from os.wait4), then each target, what was measured and whether it is met.
--profile instead runs mslint cold in this process, on one core, under cProfile, and prints
the 25 functions with the most cumulative time. --server instead drives `mslint server` as an
editor does (see run_server): keystrokes in a 10,000-word chapter of a book of --words words,
each timed from didChange to the publishDiagnostics for it. Usage:

  python scripts/benchmark.py [--corpus chapter|technical|prose] [--runs 5] [--words 100000] [--chapters 29]
  python scripts/benchmark.py --corpus technical --profile
  python scripts/benchmark.py --pathological   (seconds per adversarial file, see run_pathological)
  python scripts/benchmark.py --server [--runs 5] [--words 100000]

Exit status: 0 done; 1 proselint could not be run (the mslint figures are still printed);
2 mslint failed (exit status other than 0 or 1, or a traceback), or a corpus source is missing.
This is a benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

import make_corpus  # beside this script

from lsp_client import Client, span

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "manuscript" / "chapter-01.md"
CONFIG = REPO / "pyproject.toml"
SLOW_SECONDS = 10.0  # a command slower than this is timed once, with no warm-up


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
    cpu_seconds: float = 0.0  # user + system, of the child and the processes it waited for


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
    def cpu_median(self) -> float:
        """CPU time is steadier than wall time on a machine that other work shares."""
        return statistics.median(r.cpu_seconds for r in self.runs)

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
    return Run(seconds, max_rss, process.returncode, stdout, stderr, usage.ru_utime + usage.ru_stime)


class Failed(Exception):
    """A command that failed its check: exit status, or a traceback."""

    def __init__(self, command: list[str], run: Run):
        super().__init__(f"exit status {run.status}: {' '.join(command)}")
        self.run = run


def measure(name: str, command: list[str], cwd: Path, runs: int, ok=None) -> tuple[Timing, Run]:
    """One untimed warm-up run, then `runs` timed runs, each checked with `ok(run)` (default
    `mslint_ok`, Failed otherwise); returns the timing and the last run. A first run slower than
    SLOW_SECONDS is the only, timed, run."""
    ok = ok or mslint_ok
    timing = Timing(name)
    run = run_once(command, cwd)
    if not ok(run):
        raise Failed(command, run)
    if run.seconds > SLOW_SECONDS:
        timing.runs.append(run)
        return timing, run
    for _ in range(runs):
        run = run_once(command, cwd)
        if not ok(run):
            raise Failed(command, run)
        timing.runs.append(run)
    return timing, run


def measure_after(name: str, command: list[str], cwd: Path, runs: int, prepare: Callable[[int], None]) -> tuple[Timing, Run]:
    """`prepare(n)` before the n-th timed run (no warm-up: the change is what is timed); stops after
    a run slower than SLOW_SECONDS. Failed when a run fails `mslint_ok`."""
    timing = Timing(name)
    for number in range(runs):
        prepare(number)
        run = run_once(command, cwd)
        if not mslint_ok(run):
            raise Failed(command, run)
        timing.runs.append(run)
        if run.seconds > SLOW_SECONDS:
            break
    return timing, run


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
        "load": "{:.2f}, {:.2f}, {:.2f} (1, 5, 15 min averages; other work slows every figure)".format(*os.getloadavg()),
        "mslint": _version("mslint"),
        "proselint": _version("proselint"),
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


# --- the manuscript and the configuration ---------------------------------------------------


@dataclass(frozen=True)
class Manuscript:
    folder: Path
    words: int
    files: int
    description: str


def write_manuscript(args: argparse.Namespace, folder: Path) -> Manuscript:
    folder.mkdir()
    if args.corpus == "chapter":
        words, files = build_manuscript(folder, args.words, args.chapters)
        return Manuscript(folder, words, files, f"built from {SOURCE.relative_to(REPO)}")
    corpus = make_corpus.build(args.corpus, folder)
    return Manuscript(
        folder,
        corpus.words,
        corpus.files,
        f"({corpus.prose_words:,} outside code blocks), the {corpus.name} corpus of scripts/make_corpus.py",
    )


def config_copy(tmp: Path, folder: Path) -> tuple[Path, Path]:
    """The repository's [tool.mslint] and a copy of its rules in `tmp`: (config file, accept.txt).

    Runs that write the cache or add words to the vocabulary then leave the repository alone.
    """
    table = dict(tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["mslint"])
    shutil.copytree(REPO / table.get("styles-path", "rules"), tmp / "rules")
    vocabularies = list(table.get("vocab", [])) or ["Benchmark"]
    table.update({"paths": [folder.name], "styles-path": "rules", "vocab": vocabularies})
    accept = tmp / "rules" / "config" / "vocabularies" / vocabularies[0] / "accept.txt"
    accept.parent.mkdir(parents=True, exist_ok=True)
    accept.touch()
    lines = [f"{key} = {_toml(value)}" for key, value in table.items() if not isinstance(value, dict)]
    for key, value in table.items():
        if isinstance(value, dict):
            lines += [f"\n[{key}]", *(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items())]
    config = tmp / "mslint.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config, accept


def _toml(value) -> str:
    """Strings, booleans and lists of strings, which is all [tool.mslint] holds; JSON writes the rest as TOML reads it."""
    return ("true" if value else "false") if isinstance(value, bool) else json.dumps(value, ensure_ascii=False)


def misspelled(run: Run) -> list[str]:
    """The words the spelling rules reported, most reported first (JSON output)."""
    findings = json.loads(run.stdout)["findings"]
    counts = Counter(f["match"] for f in findings if f["rule"].endswith("Spelling"))
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


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


# --- the language server --------------------------------------------------------------------

SERVER_CHAPTER_WORDS = 10_000


def run_server(mslint: str, words: int, runs: int) -> int:
    """`mslint server` with the repository's rules (a copy, as for the cached runs) on a book of
    `words` words in chapters of SERVER_CHAPTER_WORDS: open one chapter (a cold start: the whole
    book is read for the rules that compare chapters, and the cache filled), then type into a
    word in the middle of it, one letter a change, timed from the didChange to the
    publishDiagnostics of that version: 4 x `runs` keystrokes after a pause (3 untimed ones
    first), then `runs` bursts of 5 keystrokes 30 ms apart, timed from the last. The server's
    CPU time per keystroke (Linux) is steadier than wall time on a machine that other work shares."""
    from mslint.server import DEBOUNCE_SECONDS

    with tempfile.TemporaryDirectory(prefix="mslint-bench-") as name:
        tmp = Path(name)
        folder = tmp / "manuscript"
        folder.mkdir()
        total, files = build_manuscript(folder, words, max(1, words // SERVER_CHAPTER_WORDS))
        config_copy(tmp, folder)
        chapter = folder / "chapter-01.md"
        text = chapter.read_text(encoding="utf-8")
        lines = text.split("\n")
        line = len(lines) // 2
        column = lines[line].find(" ", len(lines[line]) // 2)  # the end of a word mid-paragraph
        with Client([mslint, "server"], tmp) as client:
            client.initialize(tmp)
            start = time.perf_counter()
            uri = client.open(chapter, text)
            client.diagnostics(uri, 1, timeout=600)
            opened = time.perf_counter() - start
            single, burst = Timing("a keystroke after a pause"), Timing("the last keystroke of a burst of 5")
            version, cpu = 1, []
            for number in range(4 * runs + 3 + runs):
                strokes = 1 if number < 4 * runs + 3 else 5
                used = _cpu_seconds(client.process.pid)
                for _ in range(strokes):
                    version, column = version + 1, column + 1
                    start = time.perf_counter()
                    client.change(uri, version, {"range": span(line, column - 1), "text": "e"})
                    time.sleep(0.03 if strokes > 1 else 0)
                found = client.diagnostics(uri, version)
                seconds = time.perf_counter() - start - (0.03 if strokes > 1 else 0)
                if strokes > 1:
                    burst.runs.append(Run(seconds, 0, 0, "", "", 0.0))
                elif number >= 3:
                    single.runs.append(Run(seconds, 0, 0, "", "", 0.0))
                    after = _cpu_seconds(client.process.pid)
                    if used is not None and after is not None:
                        cpu.append(after - used)
                time.sleep(0.2)
            status = client.end()
    print(f"mslint server: {total:,} words in {files} chapters; {len(text.split()):,} words in the open chapter")
    print(f"  open, cold (the book read, the cache filled): {opened:.2f} s")
    print("  didChange -> publishDiagnostics:")
    for timing in (single, burst):
        print(f"    {timing.name + ',':<36} {len(timing.runs):>2} times: best {timing.best:.3f} s, median {timing.median:.3f} s")
    if cpu:
        print(f"    the server's CPU time for a keystroke after a pause: median {statistics.median(cpu):.3f} s")
    print(f"  (a keystroke after a pause is linted at once, a burst {DEBOUNCE_SECONDS * 1000:.0f} ms after its last)")
    print(f"  {len(found)} diagnostics at the end; exit status {status}")
    return 0 if status == 0 else 2


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("chapter", "technical", "prose"), default="chapter", help="the manuscript")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command, after one warm-up (default: 5)")
    parser.add_argument("--words", type=int, default=100_000, help="chapter: approximate manuscript size (default: 100000)")
    parser.add_argument("--chapters", type=int, default=29, help="chapter: number of chapter files (default: 29)")
    parser.add_argument("--profile", action="store_true", help="profile one cold run in this process instead of timing")
    parser.add_argument("--pathological", action="store_true", help="time adversarial files instead, one by one")
    parser.add_argument("--server", action="store_true", help="time keystrokes in a running mslint server instead")
    args = parser.parse_args(argv)
    if args.pathological:
        return run_pathological()
    if args.runs < 1 or args.words < 1 or args.chapters < 1:
        parser.error("--runs, --words and --chapters must be at least 1")

    mslint = script("mslint")
    if mslint is None:
        print("benchmark: mslint is not installed (pip install -e .)", file=sys.stderr)
        return 2
    if args.server:
        return run_server(mslint, args.words, args.runs)

    with tempfile.TemporaryDirectory(prefix="mslint-bench-") as tmp:
        try:
            manuscript = write_manuscript(args, Path(tmp, "manuscript"))
        except make_corpus.SourceMissing as error:
            print(f"benchmark: {error}", file=sys.stderr)
            return 2
        if args.profile:
            return profile(manuscript, Path(tmp))
        print(f"mslint benchmark, {date.today().isoformat()}")
        for key, value in machine().items():
            print(f"  {key + ':':<11}{value}")
        size = sum(p.stat().st_size for p in manuscript.folder.iterdir()) / 1024
        print(f"\nManuscript: {manuscript.words:,} words in {manuscript.files} files {manuscript.description} ({size:,.0f} KiB)")
        print(
            f"Runs: 1 warm-up + {args.runs} timed per command (once, untimed warm-up left out, when slower than "
            f"{SLOW_SECONDS:.0f} s); wall time best and median, CPU time median, peak RSS max over runs\n"
        )
        return time_everything(args, mslint, manuscript, Path(tmp))


Row = tuple[Timing, str]  # a timing and what its last run found


def time_everything(args: argparse.Namespace, mslint: str, manuscript: Manuscript, tmp: Path) -> int:
    try:
        rows, misspelled_words = time_cold(args, mslint, manuscript.folder, tmp)
        rows += time_cached(mslint, manuscript.folder, tmp, args.runs, misspelled_words)
        startup, _ = measure("mslint --version", [mslint, "--version"], tmp, args.runs)
        rows.append((startup, ""))
    except Failed as failure:
        print(f"benchmark: mslint failed ({failure})", file=sys.stderr)
        print(failure.run.stderr.rstrip()[-2000:] or failure.run.stdout[-2000:].rstrip(), file=sys.stderr)
        return 2
    prose, prose_error = _proselint(manuscript.folder, tmp, args.runs)
    if prose is not None:
        rows.append(prose)
    print_table(rows, manuscript)
    print_targets({timing.name: timing for timing, _ in rows})
    cold = rows[1][0]
    print(f"\nmslint words/s, cold, text output (best): {manuscript.words / cold.best:,.0f}")
    if prose_error is not None:
        print(f"\nbenchmark: {prose_error}", file=sys.stderr)
        return 1
    return 0


COLD, COLD_TEXT, CHANGED, WATCHED, ADDED, FIXED, FIXED_ONE = (
    "mslint, cold, repo config",
    "mslint, cold, repo config, text output",
    "mslint, cached, one chapter changed",
    "mslint --watch, one chapter saved",
    "mslint, cached, one word added to the vocabulary",
    "mslint --fix, cached",
    "mslint --fix, cached, one slip in one chapter",
)
# A slip a rule of the repository's Book style fixes (Book.Histadrut), as an author makes one.
SLIP = "\nThe Histradrut said so.\n"
PROSELINT = "proselint check"


def time_cold(args: argparse.Namespace, mslint: str, folder: Path, tmp: Path) -> tuple[list[Row], list[str]]:
    """Cold runs with the repository's rules: (rows, the words reported as misspelled, most reported first)."""
    command = [mslint, "--no-cache", "--format", "json", "--config", str(CONFIG), folder.name]
    cold, last = measure(COLD, command, tmp, args.runs)
    rows, words = [(cold, str(len(json.loads(last.stdout)["findings"])))], misspelled(last)
    # What an author runs: text, which shows no spelling suggestions, so computes none.
    text = [mslint, "--no-cache", "--format", "text", "--config", str(CONFIG), folder.name]
    cold_text, last = measure(COLD_TEXT, text, tmp, args.runs)
    rows.append((cold_text, str(len(last.stdout.splitlines()))))
    if args.corpus == "chapter":
        book_config = tmp / "book-only.toml"
        book_config.write_text(
            f'styles-path = "{(REPO / "rules").as_posix()}"\nstyles = ["Book"]\nvocab = ["Book"]\nproselint = false\n',
            encoding="utf-8",
        )
        command = [mslint, "--no-cache", "--format", "json", "--config", str(book_config), folder.name]
        book, book_last = measure("mslint, cold, Book style only", command, tmp, args.runs)
        rows.append((book, str(len(json.loads(book_last.stdout)["findings"]))))
    return rows, words


def time_cached(mslint: str, folder: Path, tmp: Path, runs: int, words_to_add: list[str]) -> list[Row]:
    """Runs with a cache, kept next to a copy of the configuration in the temporary folder."""
    config, accept = config_copy(tmp, folder)
    command = [mslint, "--config", str(config), folder.name]
    filling = Timing("mslint, filling the cache", [run_once(command, tmp)])
    if not mslint_ok(filling.runs[0]):
        raise Failed(command, filling.runs[0])
    unchanged = measure("mslint, cached, no change", command, tmp, runs)[0]
    chapter = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]

    def change_a_chapter(number: int) -> None:
        with chapter.open("a", encoding="utf-8") as out:
            out.write(f"\nA paragraph added before run {number}, as an author saves.\n")

    def add_a_word(number: int) -> None:
        word = words_to_add[number] if number < len(words_to_add) else f"benchmarkword{number}"
        with accept.open("a", encoding="utf-8") as out:
            out.write(f"\n{word}\n")

    changed = measure_after(CHANGED, command, tmp, runs, change_a_chapter)[0]
    watching = time_watch([mslint, "--watch", *command[1:]], tmp, runs, change_a_chapter)
    added = measure_after(ADDED, command, tmp, runs, add_a_word)[0]
    fixing, last = measure_after(FIXED, [mslint, "--fix", *command[1:]], tmp, runs, put_back(folder, tmp / ".mslint_cache"))
    fixed = f"{last.stderr.count('mslint: fixed ')} files fixed"

    def add_a_slip(number: int) -> None:
        with chapter.open("a", encoding="utf-8") as out:
            out.write(SLIP)

    # What a pre-commit hook with --fix meets: the book fixed and cached, one new slip in one chapter.
    one, last = measure_after(FIXED_ONE, [mslint, "--fix", *command[1:]], tmp, runs, add_a_slip)
    fixed_one = f"{last.stderr.count('mslint: fixed ')} file fixed"
    return [(filling, ""), (unchanged, ""), (changed, ""), (watching, ""), (added, ""), (fixing, fixed), (one, fixed_one)]


def time_watch(command: list[str], cwd: Path, runs: int, change: Callable[[int], None]) -> Timing:
    """`mslint --watch` running: from a chapter's save to the end of the report on it, which is
    what an author waits for. It includes the file watcher's own wait for edits to settle (50 ms)."""
    timing = Timing(WATCHED)
    devnull = subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=cwd, stdin=devnull, stdout=subprocess.PIPE, stderr=devnull, text=True)
    try:
        _read_until(process, command, "Watching for changes")
        time.sleep(0.5)  # the watcher starts after the first report
        for number in range(runs):
            start = time.perf_counter()
            change(number + 1000)
            _read_until(process, command, " new, ")
            timing.runs.append(Run(time.perf_counter() - start, 0, 0, "", "", 0.0))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    return timing


def _read_until(process: subprocess.Popen, command: list[str], marker: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if marker in line:
            return
    raise Failed(command, Run(0.0, 0, process.wait(), "", "the watch stopped", 0.0))


def put_back(*folders: Path) -> Callable[[int], None]:
    """--fix changes files and caches the fixed texts: before each run after the first, the folders
    are put back as they are now."""
    copies = {folder: folder.with_name(folder.name + "-as-before") for folder in folders}
    for folder, copy in copies.items():
        shutil.copytree(folder, copy)

    def prepare(number: int) -> None:
        for folder, copy in copies.items() if number else ():
            shutil.rmtree(folder)
            shutil.copytree(copy, folder)

    return prepare


def _proselint(folder: Path, tmp: Path, runs: int) -> tuple[Row | None, str | None]:
    proselint = script("proselint")
    if proselint is None:
        return None, "proselint is not installed (pip install -e '.[dev]')"
    try:
        timing, last = measure(PROSELINT, [proselint, "check", folder.name], tmp, runs, proselint_ok)
    except Failed as failure:
        return None, f"proselint failed (exit status {failure.run.status}): {failure.run.stderr.strip()[-500:]}"
    return (timing, f"{len(last.stdout.splitlines())} lines"), None


def print_table(rows: list[Row], manuscript: Manuscript) -> None:
    table = [("", "runs", "best s", "median s", "median CPU s", "peak MiB", "findings")]
    for timing, findings in rows:
        times = (f"{timing.best:.3f}", f"{timing.median:.3f}", f"{timing.cpu_median:.3f}", f"{timing.peak_mib:.1f}")
        table.append((timing.name, str(len(timing.runs)), *times, findings))
    print(f"{manuscript.words:,} words, {manuscript.files} files")
    print(columns(table))


def print_targets(timings: dict[str, Timing]) -> None:
    """Each target against the median of its runs (the best as well where there were several)."""

    def seconds(timing: Timing) -> str:
        return f"{timing.median:.3f} s" + (f" (best {timing.best:.3f} s)" if len(timing.runs) > 1 else "")

    table = [("target", "measured", "met?")]
    if PROSELINT in timings:
        for name, output in ((COLD_TEXT, "text"), (COLD, "JSON, with suggestions")):
            ratio = timings[name].median / timings[PROSELINT].median
            measured = f"{timings[name].median:.2f} s / {timings[PROSELINT].median:.2f} s = {ratio:.2f}x"
            table.append((f"cold run, repo config, {output}: at most 0.5x proselint alone", measured, _yes(ratio <= 0.5)))
    targets = (
        (CHANGED, 0.3, "one chapter changed, a new process"),
        (WATCHED, 0.3, "one chapter saved, --watch"),
        (ADDED, 1.0, "one word added to the vocabulary"),
    )
    for name, limit, target in targets:
        table.append((f"{target}: at most {limit} s", seconds(timings[name]), _yes(timings[name].median <= limit)))
    for name, what in ((FIXED, "the book's fixes"), (FIXED_ONE, "one slip")):
        met = _yes(timings[name].median <= 1.0)
        table.append((f"--fix with a warm cache, {what}: at most 1.0 s", seconds(timings[name]), met))
    peak = max((t for name, t in timings.items() if name.startswith("mslint")), key=lambda timing: timing.peak_mib)
    megabytes = peak.peak_mib * 1024 * 1024 / 1e6
    table.append(("peak memory: under 150 MB", f"{megabytes:.0f} MB ({peak.name})", _yes(megabytes < 150)))
    print("\nTargets\n" + columns(table))


def _yes(met: bool) -> str:
    return "yes" if met else "NO"


def columns(rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    )


def profile(manuscript: Manuscript, cwd: Path, top: int = 25) -> int:
    """A cold run with the repo config, in this process and on one core so that the profile sees
    all the work (a large manuscript is otherwise read by two processes)."""
    import contextlib
    import cProfile
    import io
    import pstats

    from mslint import cli, engine

    engine.PARALLEL_MIN_CHARACTERS = sys.maxsize
    profiler = cProfile.Profile()
    os.chdir(cwd)
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        status = profiler.runcall(cli.main, ["--no-cache", "--config", str(CONFIG), manuscript.folder.name])
        seconds = time.perf_counter() - start
    print(f"Profile of one cold run, repo config, one process: {manuscript.words:,} words in {manuscript.files} files")
    print(f"exit status {status}, {seconds:.1f} s under the profiler\n")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)
    return 0 if status in (0, 1) else 2


if __name__ == "__main__":
    sys.exit(main())
