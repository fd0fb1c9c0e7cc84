"""The command line: arguments, files, exit codes. Linting happens in the engine, printing in formats."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .formats import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVELS = ("suggestion", "warning", "error")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint",
        description="Lint a book manuscript (Markdown or text) against its house style.",
        epilog="Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config, rule or file errors.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files and folders (default: the manuscript paths from the config)")
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        help="output format (default: text, or github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--config", type=Path, help="TOML file to read settings from (default: the nearest pyproject.toml with [tool.mslint])"
    )
    parser.add_argument("--min-level", choices=LEVELS, help="lowest level to report")
    parser.add_argument("--fail-on", choices=LEVELS, help="lowest level that makes the exit status 1 (default: error)")
    parser.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report mslint-disable and vale comments that silence nothing",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write .mslint_cache")
    parser.add_argument("--fix", action="store_true", help="apply the safe replacements, then report what is left")
    parser.add_argument("--diff", action="store_true", help="print the changes --fix would make, and write nothing")
    parser.add_argument("--baseline", metavar="FILE", type=Path, help="report only findings that FILE does not record")
    parser.add_argument("--write-baseline", metavar="FILE", type=Path, help="record today's findings in FILE and exit")
    parser.add_argument("--list-rules", action="store_true", help="list the rules in use and exit")
    parser.add_argument("--explain", metavar="RULE", help="show what a rule checks, with its examples, and exit")
    parser.add_argument("--version", action="version", version=f"mslint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        return _run(args)
    except _Fatal as fatal:
        print(f"mslint: {fatal}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `mslint | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN


class _Fatal(Exception):
    """Stops the run with exit status 2: bad config, bad rule, unknown rule name, bad baseline."""


def _run(args: argparse.Namespace) -> int:
    # Imported here so that `mslint --version` and `--help` start fast.
    from .config import ConfigError, find_config, load_config
    from .finding import Level
    from .rules import RuleError, load_rules

    cwd = Path.cwd()
    try:
        config = load_config(args.config or find_config(cwd), cwd)
        rules = load_rules(config)
    except (ConfigError, RuleError) as error:
        raise _Fatal(error) from None
    _check_rule_levels(config, [rule.id for rule in rules])

    if args.list_rules:
        for rule in rules:
            level = config.level_of(rule)
            print(f"{rule.id}\t{rule.spec.extends}\t{level or 'off'}\t{rule.spec.description or rule.spec.message}")
        return EXIT_CLEAN
    if args.explain:
        print(_explain(args.explain, rules, config), end="")
        return EXIT_CLEAN

    if args.fix or args.diff:
        result, status = _fix(args, rules, config, cwd)
        if result is None:  # --diff: nothing written; exit 1 when there is something to fix
            return status
    else:
        from .cache import Cache

        cache = None if args.no_cache else Cache.for_config(config, rules)
        known_before = cache.restore_words(rules) if cache else {}
        result = lint_paths(args.paths or config.manuscript_paths, rules, config, cwd, args.report_unused_suppressions, cache)
        if cache:
            cache.keep_words(rules, known_before)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, result)
    if args.baseline:
        _apply_baseline(args.baseline, result)
    min_level = Level.parse(args.min_level) if args.min_level else config.min_level
    fail_on = Level.parse(args.fail_on) if args.fail_on else config.fail_on
    result.findings = [f for f in result.findings if f.level >= min_level]
    output = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    sys.stdout.write(FORMATS[output](result))
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(f.level >= fail_on for f in result.findings) else EXIT_CLEAN


def lint_paths(paths, rules, config, cwd: Path, report_unused_suppressions: bool = False, cache=None):
    """Read, parse and lint the files under `paths`; unreadable files become errors, the rest are linted."""
    sources = _Sources.read(paths, rules, config, cwd)
    result = sources.lint(sources.texts, rules, config, report_unused_suppressions, cache)
    result.errors = sources.errors + result.errors
    return result


@dataclass
class _Sources:
    """The files to lint as read, and the rest of the manuscript for rules that compare chapters."""

    files: dict[str, tuple[Path, bytes]]  # shown path -> (path, bytes as read)
    texts: dict[str, str]  # shown path -> text
    context: dict[str, str]
    errors: list

    @classmethod
    def read(cls, paths, rules, config, cwd: Path) -> _Sources:
        from .files import discover, display_path
        from .finding import LintError

        found, problems = discover(list(paths))
        sources = cls({}, {}, {}, [LintError(display_path(p, cwd), reason) for p, reason in problems])
        for path in found:
            sources._add(path, display_path(path, cwd), sources.texts)
        # Rules that compare chapters read the whole manuscript, even when only some files are
        # given (as pre-commit does with the files of a commit); only the given files are reported.
        if any(rule.compares_documents for rule in rules):
            given = {path.resolve() for path in found}
            for path in discover(config.manuscript_paths)[0]:
                if path.resolve() not in given:
                    sources._add(path, display_path(path, cwd), sources.context)
        return sources

    def _add(self, path: Path, shown: str, into: dict) -> None:
        from .files import UnreadableFile, decode
        from .finding import LintError

        try:
            data = path.read_bytes()
            into[shown] = decode(data)
        except OSError as error:
            if into is self.texts:
                self.errors.append(LintError(shown, f"cannot read the file: {error.strerror}"))
            return
        except UnreadableFile as error:
            if into is self.texts:
                self.errors.append(LintError(shown, error.message, error.line))
            return
        if into is self.texts:
            self.files[shown] = (path, data)

    def lint(self, texts: dict[str, str], rules, config, report_unused_suppressions: bool = False, cache=None):
        """Lint `texts` against the rest of the manuscript; with a cache, unchanged files are not read again."""
        from .engine import facts_of_texts, judge

        everything = {**self.context, **texts}
        level_of = config.level_of
        keys = {path: cache.key(path, text) for path, text in everything.items()} if cache else {}
        facts = {path: cache.load(key) for path, key in keys.items()}
        missing = {path: text for path, text in everything.items() if facts.get(path) is None}
        for path, found in facts_of_texts(missing, rules, level_of).items():
            facts[path] = found
            if cache:
                cache.store(keys[path], found)
        return judge({path: facts[path] for path in everything}, list(texts), rules, level_of, report_unused_suppressions)


def _fix(args, rules, config, cwd: Path):
    """--fix writes the fixed files, --diff prints what it would change; either returns the result after."""
    from . import fix
    from .finding import LintError

    sources = _Sources.read(args.paths or config.manuscript_paths, rules, config, cwd)
    fixed = fix.fix_texts(sources.texts, lambda texts: sources.lint(texts, rules, config).findings)
    changed = [path for path in sources.texts if fixed[path] != sources.texts[path]]
    if args.diff:
        sys.stdout.write("".join(fix.diff(path, sources.texts[path], fixed[path]) for path in changed))
        for error in sources.errors:
            print(f"mslint: {error.path}: {error.message}", file=sys.stderr)
        return None, EXIT_ERROR if sources.errors else EXIT_FINDINGS if changed else EXIT_CLEAN
    errors = list(sources.errors)
    for shown in changed:
        path, read = sources.files[shown]
        reason = fix.write(path, read, fixed[shown])
        if reason is not None:
            errors.append(LintError(shown, reason))
            fixed[shown] = sources.texts[shown]  # the file keeps what it had
        else:
            print(f"mslint: fixed {shown}", file=sys.stderr)
    result = sources.lint(fixed, rules, config, args.report_unused_suppressions)
    result.errors = errors + result.errors
    return result, None


def _write_baseline(path: Path, result) -> int:
    from . import baseline

    try:
        baseline.write(path, result.findings)
    except baseline.BaselineError as error:
        raise _Fatal(error) from None
    print(f"mslint: recorded {len(result.findings)} findings in {path}", file=sys.stderr)
    for error in result.errors:
        print(f"mslint: {error.path}: {error.message}", file=sys.stderr)
    return EXIT_ERROR if result.errors else EXIT_CLEAN


def _apply_baseline(path: Path, result) -> None:
    """Keep only the findings the baseline does not record; list its entries nothing matches now."""
    from . import baseline

    try:
        entries = baseline.load(path)
    except baseline.BaselineError as error:
        raise _Fatal(error) from None
    result.findings, stale = baseline.compare(result.findings, entries, set(result.paths))
    if stale:
        print(
            f"mslint: {len(stale)} baseline entries match no finding any more (fixed?); refresh with --write-baseline:",
            file=sys.stderr,
        )
        for entry in stale:
            print(f"  {entry.path}: {entry.rule}: {entry.match!r}", file=sys.stderr)


def _check_rule_levels(config, rule_ids: list[str]) -> None:
    for key in config.rule_levels:
        if not any(rule_id == key or rule_id.startswith(key + ".") for rule_id in rule_ids):
            raise _Fatal(f"{config.source}: [tool.mslint.rules] {key!r} names no rule in use; see mslint --list-rules")


def _explain(name: str, rules, config) -> str:
    rule = next((r for r in rules if r.id == name), None)
    if rule is None:
        raise _Fatal(f"unknown rule {name!r}; see mslint --list-rules")
    spec = rule.spec
    lines = [f"{spec.id} ({spec.extends}, level {config.level_of(rule) or 'off'})", ""]
    if spec.description:
        lines += [spec.description, ""]
    lines.append(f"Message: {spec.message}")
    if spec.quotation:
        lines.append(f"In quotations: {spec.quotation.message}")
    if spec.link:
        lines.append(f"See: {spec.link}")
    lines.append(f"Defined in: {spec.path}")
    for key, title in (("fail", "Reported"), ("pass", "Not reported")):
        if spec.examples.get(key):
            lines += ["", f"{title}:"] + [f"  {example}" for example in spec.examples[key]]
    return "\n".join(lines) + "\n"
