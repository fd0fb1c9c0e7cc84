"""The command line: arguments, files, exit codes. Linting happens in the engine, printing in formats."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import re
import sys
from pathlib import Path

from . import __version__
from .formats import FORMATS, SHOWS_REPLACEMENTS, full, printable, statistics

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
        help="output format (default: full at a terminal, text in a pipe, github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--config", type=Path, help="TOML file to read settings from (default: the nearest pyproject.toml with [tool.mslint])"
    )
    parser.add_argument(
        "--glob", help="lint only the files whose path matches this glob, or with a leading !, those that do not (Vale's --glob)"
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
    parser.add_argument("--statistics", action="store_true", help="print how many findings each rule reported instead")
    parser.add_argument(
        "--watch", action="store_true", help="lint again at each change to the files, rules or configuration; print what changed"
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules in use and exit")
    parser.add_argument("--explain", metavar="RULE", help="show what a rule checks, with its examples, and exit")
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        type=_file_name,
        help="with `mslint -`: the file the text on standard input stands for",
    )
    parser.add_argument(
        "--ext",
        type=_extension,
        help="read standard input, and each file named, as this format: .md (Markdown) or .txt (text); "
        "standard input is then shown as stdin.md or stdin.txt (Vale's --ext)",
    )
    parser.add_argument(
        "--ignore-syntax",
        action="store_true",
        help="read every file as plain text: markup, code and URLs are linted as words (Vale's --ignore-syntax)",
    )
    parser.add_argument(
        "--filter",
        metavar="EXPR",
        help="lint with only the rules EXPR selects, such as '.Level == \"error\"' or '\"heading\" in .Scope', "
        "or a file holding one (Vale's --filter; see the README)",
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    parser.add_argument("--version", action="version", version=f"mslint {__version__}")
    return parser


def build_test_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint test",
        description="Run every rule's examples: each `fail` text must be reported, each `pass` text not.",
        epilog="Exit status: 0 all pass, 1 an example is broken, 2 config or rule errors.",
    )
    parser.add_argument("styles", nargs="*", help="the styles to test (default: those the configuration uses)")
    parser.add_argument("--config", type=Path, help="TOML file to read settings from")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    return parser


def build_vocab_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mslint vocab", description="The book's vocabulary: triage and edit it.")
    parser.add_argument("--config", type=Path, help="TOML file to read settings from")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    actions = parser.add_subparsers(dest="action", required=True)
    unknown = actions.add_parser("unknown", help="words neither dictionary nor vocabulary knows, most used first")
    unknown.add_argument("paths", nargs="*", type=Path, help="files and folders (default: the manuscript paths)")
    for name, what in (("add", "accept.txt"), ("reject", "reject.txt")):
        action = actions.add_parser(name, help=f"add words to the vocabulary's {what}")
        action.add_argument("words", nargs="+")
    return parser


def build_init_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint init",
        description="Make a project in the working folder: mslint.toml, a style with example rules, an empty "
        "vocabulary, a pre-commit hook and a GitHub workflow. Files that exist are kept as they are.",
        epilog="Exit status: 0 done, 2 a file cannot be written.",
    )
    parser.add_argument("--style", default="Book", type=_style_name, help="the name of the style and vocabulary (default: Book)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    return parser


def build_report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint report",
        description="Write the book as one HTML file, each finding highlighted in its chapter, with filters, "
        "a list of findings, each chapter's figures and the book's tables. The file loads nothing from anywhere.",
        epilog="Exit status: 0 written, 2 config or rule errors, files that cannot be read, or a report that cannot be written.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files and folders (default: the manuscript paths from the config)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="the HTML file to write (report.html)")
    parser.add_argument("--min-level", choices=LEVELS, help="lowest level to report")
    _reading_options(parser, "the report")
    return parser


def build_stylesheet_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint stylesheet",
        description="Print the book's style sheet as Markdown: each form the consistency rules keep (compounds, "
        "capitalized terms, scare-quoted terms, marks, abbreviations with their definitions, names), with its uses "
        "and first use, and the open queries. Files are judged against the whole manuscript, as when linting.",
        epilog="Exit status: 0 printed (and written), 2 config or rule errors, files that cannot be read, "
        "or a style sheet that cannot be written.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files and folders (default: the manuscript paths from the config)")
    parser.add_argument(
        "--write",
        metavar="FILE",
        type=Path,
        help="record in FILE (YAML, which the rules read) what the style sheet records and each form the book writes one way",
    )
    _reading_options(parser, "this command")
    return parser


def _reading_options(parser: argparse.ArgumentParser, command: str) -> None:
    """The options of a command that reads the book as a lint does, and never writes the cache."""
    parser.add_argument("--config", type=Path, help="TOML file to read settings from")
    parser.add_argument("--no-cache", action="store_true", help=f"do not read .mslint_cache ({command} never writes it)")
    parser.add_argument("--glob", help="only the files whose path matches this glob, or with a leading !, those that do not")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")


def build_server_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mslint server",
        description="A language server for editors (LSP, over standard input and output): the findings in "
        "each open Markdown or text file as you type, and quick fixes. See the README, In the editor.",
        epilog="Exit status: 0 after the editor's shutdown and exit, 1 on exit without shutdown.",
    )
    parser.add_argument("--stdio", action="store_true", help="accepted for editors that pass it: standard I/O is the transport")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    return parser


def _extension(value: str) -> str:
    """--ext: a suffix of a format mslint reads, as Vale writes it (`.md`)."""
    from .document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES

    if value.lower() not in MARKDOWN_SUFFIXES + TEXT_SUFFIXES:
        formats = f"Markdown ({', '.join(MARKDOWN_SUFFIXES)}) and text ({', '.join(TEXT_SUFFIXES)})"
        raise argparse.ArgumentTypeError(f"{value!r}: mslint reads {formats}")
    return value.lower()


def _style_name(name: str) -> str:
    """A style's name is a folder's and the first part of its rules' ids (Book.Spelling)."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,63}", name):
        raise argparse.ArgumentTypeError(f"{name[:80]!r}: a style's name is a letter, then up to 63 letters, digits, - or _")
    return name


# The commands besides linting (lint a file of such a name as ./test).
COMMANDS = {
    "init": build_init_parser,
    "report": build_report_parser,
    "server": build_server_parser,
    "stylesheet": build_stylesheet_parser,
    "test": build_test_parser,
    "vocab": build_vocab_parser,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv[:1] and argv[0] in COMMANDS else None
    args = COMMANDS[command]().parse_args(argv[1:]) if command else build_parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        commands = {
            "init": _init,
            "report": _report,
            "server": _server,
            "stylesheet": _stylesheet,
            "test": _test,
            "vocab": _vocab,
        }
        run = commands.get(command or "", _run)
        return run(args)
    except _Fatal as fatal:
        _say(f"mslint: {fatal}")
        return EXIT_ERROR
    except BrokenPipeError:  # `mslint | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a fault of mslint's own: one line, the traceback on request
        if args.debug:
            raise
        _say(f"mslint: internal error: {type(error).__name__}: {error}; rerun with --debug for the traceback")
        return EXIT_ERROR


def _say(line: str) -> None:
    """A line on standard error: file names and manuscript words in it cannot drive the terminal."""
    print(printable(line), file=sys.stderr)


def _write_utf8(report: str) -> None:
    """Machine formats are UTF-8 whatever the terminal's encoding; a lone surrogate (a file name
    that is not UTF-8) left in JSON becomes the escape \\udcff, which JSON reads back."""
    sys.stdout.flush()
    sys.stdout.buffer.write(report.encode("utf-8", "backslashreplace"))
    sys.stdout.buffer.flush()


class _Fatal(Exception):
    """Stops the run with exit status 2: bad config, bad rule, unknown rule name, bad baseline."""


def _configured(args: argparse.Namespace, cwd: Path, here: Path | None = None, with_rules: bool = True, stylesheet: bool = True):
    """The configuration file (None when there is none), the configuration, and its rules (None
    without `with_rules`; without `stylesheet`, blind to the book's style sheet): --config, else
    the nearest configuration above `here`."""
    # Imported here so that `mslint --version` and `--help` start fast.
    from .config import ConfigError, find_config, load_config
    from .rules import RuleError, load_rules

    try:
        source = args.config or find_config(here or cwd)
        config = load_config(source, cwd)
        rules = load_rules(config, _warn_skipped, stylesheet) if with_rules else None
    except (ConfigError, RuleError) as error:
        raise _Fatal(error) from None
    if rules is not None and getattr(args, "filter", None):
        config, rules = _filtered(args.filter, config, rules, cwd)
    return source, config, rules


def _filtered(expression: str, config, rules: list, cwd: Path):
    """--filter: the configuration and the rules in use that the expression selects."""
    from .filters import FilterError, selected

    try:
        config, kept, where = selected(expression, config, rules, cwd)
    except FilterError as error:
        raise _Fatal(str(error)) from None
    if not kept:
        in_use = sum(config.level_of(rule) is not None for rule in rules)
        _say(f"mslint: warning: {where} selects none of the {in_use} rules in use")
    return config, kept


def _warn_skipped(rule) -> None:
    """A rule of a Vale type mslint does not run: said once, and the other rules run."""
    _say(f"mslint: warning: {rule.warning}")


def _run(args: argparse.Namespace) -> int:
    from .engine import complete
    from .finding import Level
    from .formats import explanation, rule_list
    from .rules import nearest_names

    if args.watch:
        return _watch(args)
    cwd = Path.cwd()
    # Text on standard input takes the configuration of the file it stands for.
    stdin_name = _stdin_name(args)
    here = (cwd / stdin_name).parent if stdin_name else None
    source, config, rules = _configured(args, cwd, here)
    if source is None and not (args.list_rules or args.explain):
        _say(_no_configuration(here or cwd))

    if args.list_rules:
        sys.stdout.write(rule_list(rules, config.level_of))
        return EXIT_CLEAN
    if args.explain:
        rule = next((r for r in rules if r.id == args.explain), None)
        if rule is None:
            raise _Fatal(f"unknown rule {args.explain!r}; {nearest_names(args.explain, [r.id for r in rules])}")
        sys.stdout.write(explanation(rule, config.level_of(rule)))
        return EXIT_CLEAN

    options = _options(args, config, cwd)
    store = _store(args, config, rules)
    if (args.fix or args.diff) and args.paths == [Path("-")]:
        raise _Fatal("--fix and --diff change files, not standard input; give the file's path")
    if (args.fix or args.diff) and options.syntax is not None:
        # Read as another format, a file's code and links are words: a fix would rewrite them.
        given = "--ignore-syntax" if args.ignore_syntax else "--ext"
        raise _Fatal(f"--fix and --diff read each file as its suffix says; leave out {given}")
    if args.fix or args.diff:
        result, status = _fix(args, rules, config, options, store, cwd)
        if result is None:  # --diff: nothing written; exit 1 when there is something to fix
            return status
    else:
        result = _lint(args, rules, config, options, store, cwd)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, result)
    if args.baseline:
        _apply_baseline(args.baseline, result)
    fail_on = Level.parse(args.fail_on) if args.fail_on else config.fail_on
    result.findings = _shown(result.findings, args, config)
    output = _output(args.format)
    if output in SHOWS_REPLACEMENTS:
        result.findings = complete(result.findings, rules, store, result.errors)
    if args.statistics:
        report = statistics(result)
    elif output == "full":
        report = full(result, colour=_colour())
    else:
        report = FORMATS[output](result)
    if output in ("full", "text", "concise"):  # for people: the terminal's encoding
        sys.stdout.write(report)
    else:
        _write_utf8(report)
    if output.startswith("vale-"):  # Vale's formats hold no errors: they go where Vale's go
        for error in result.errors:
            _say(f"mslint: {error.path}{f':{error.line}' if error.line else ''}: {error.message}")
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(f.level >= fail_on for f in result.findings) else EXIT_CLEAN


def _file_name(value: str) -> Path:
    """--stdin-filename: the name of a file, never of a folder (its configuration would be looked
    for above the folder, and its findings shown under the folder's name)."""
    path = Path(value)
    fix = "name the file the text stands for, such as chapter.md"
    if not value.strip():
        raise argparse.ArgumentTypeError(f"an empty name; {fix}")
    if value.endswith(("/", os.sep)) or path.name in ("", ".", "..") or path.is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is a folder, not a file; {fix}")
    return path


def _stdin_name(args: argparse.Namespace) -> Path | None:
    """The file text on standard input stands for: --stdin-filename, or `stdin.md` for --ext .md (as Vale names it)."""
    return args.stdin_filename or (Path(f"stdin{args.ext}") if args.ext else None)


def _syntax(args: argparse.Namespace) -> str | None:
    """How every file is read: as plain text (--ignore-syntax), as --ext says, or (None) as its
    suffix says (always, for the commands without these options)."""
    from .document import syntax_of

    if getattr(args, "ignore_syntax", False):
        return "plain"
    ext = getattr(args, "ext", None)
    return syntax_of(f"stdin{ext}") if ext else None


def _options(args: argparse.Namespace, config, cwd: Path):
    return dataclasses.replace(config.options(args.report_unused_suppressions, cwd), syntax=_syntax(args))


def _no_configuration(folder: Path) -> str:
    """What a run outside any project says: where it looked, and what it runs instead."""
    return (
        f"mslint: no configuration in {folder} or above (mslint.toml, .mslint.toml, [tool.mslint] in pyproject.toml, "
        "or .vale.ini): using the built-in style (doubled words, spelling with en_US, variants, the book-wide "
        "consistency rules) and proselint's checks, "
        "without a cache"
    )


def _shown(findings: list, args: argparse.Namespace, config) -> list:
    """The findings at or above the lowest level shown."""
    from .finding import Level

    min_level = Level.parse(args.min_level) if args.min_level else config.min_level
    return [f for f in findings if f.level >= min_level]


def _output(chosen: str | None) -> str:
    """The format asked for; else GitHub's annotations on GitHub Actions, the full report at a
    terminal, and one line a finding in a pipe or a log (`text`)."""
    if chosen:
        return chosen
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if sys.stdout.isatty() else "text"


def _colour() -> bool:
    """Colour at a terminal, unless NO_COLOR is set; always with FORCE_COLOR (https://no-color.org)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _test(args: argparse.Namespace) -> int:
    """mslint test: the examples of the styles' rules, each broken one on a line naming its file and line."""
    from .examples import broken_examples, example_count
    from .files import display_path

    cwd = Path.cwd()
    # The examples show what a rule does on its own, whatever the book's style sheet records.
    _, config, every_rule = _configured(args, cwd, stylesheet=False)
    rules = [rule for rule in every_rule if not rule.id.startswith("proselint.")]
    if args.styles:
        unknown = sorted(set(args.styles) - {rule.id.split(".")[0] for rule in rules})
        if unknown:
            folder = display_path(config.styles_folder, cwd)
            raise _Fatal(f"no style {', '.join(map(repr, unknown))} in {folder}; see mslint --list-rules")
        rules = [rule for rule in rules if rule.id.split(".")[0] in args.styles]
    broken = list(broken_examples(rules))
    for example in broken:
        sys.stdout.write(printable(str(example)) + "\n")
    tested = [rule for rule in rules if rule.spec.examples.get("fail") or rule.spec.examples.get("pass")]
    untested = len(rules) - len(tested)
    summary = f"{example_count(rules)} examples of {len(tested)} rules: {len(broken) or 'none'} broken"
    _say(f"mslint: {summary}" + (f"; {untested} rules have no examples" if untested else ""))
    return EXIT_FINDINGS if broken else EXIT_CLEAN


def _init(args: argparse.Namespace) -> int:
    """mslint init: what was written and what kept, then what to do next."""
    from .init import InitError, next_steps, write_project

    try:
        for done in write_project(Path.cwd(), args.style):
            _say(f"mslint: {done}")
    except InitError as error:
        raise _Fatal(error) from None
    for line in next_steps(args.style):
        _say(line)
    return EXIT_CLEAN


def _server(args: argparse.Namespace) -> int:
    """mslint server (see server.py)."""
    from .server import serve

    return serve()


def _vocab(args: argparse.Namespace) -> int:
    """mslint vocab unknown | add | reject."""
    from .vocab import VocabularyError, add_terms, vocabulary_folder

    cwd = Path.cwd()
    # Adding words needs no rules: the vocabulary folder may not exist yet.
    source, config, rules = _configured(args, cwd, with_rules=args.action == "unknown")
    if source is None:
        raise _Fatal("no configuration here or above, so no vocabulary to use; make one (mslint.toml) first")
    if rules is not None:
        return _unknown_words(args, rules, config, cwd)
    if not config.vocab:
        raise _Fatal(f'{source}: no vocabulary to add to; add vocab = ["Book"] (a name of your choice) to the configuration')
    from .files import display_path

    path = vocabulary_folder(config.styles_folder, config.vocab[0]) / ("accept.txt" if args.action == "add" else "reject.txt")
    try:
        new = add_terms(path, args.words)
    except VocabularyError as error:
        raise _Fatal(str(error)) from None
    _say(f"mslint: {len(new)} new in {display_path(path, cwd)}" + (f": {', '.join(new)}" if new else ""))
    return EXIT_CLEAN


def _unknown_words(args, rules, config, cwd: Path) -> int:
    from .files import read_sources
    from .parsing import parse
    from .unknown import unknown_words

    spelling = next((rule for rule in rules if rule.spec.extends == "spelling" and config.level_of(rule)), None)
    if spelling is None:
        raise _Fatal("no spelling rule is on in the configuration's styles; add one (extends: spelling)")
    sources = read_sources(args.paths or config.manuscript_paths, [], False, cwd, config.max_file_size)
    for error in sources.errors:
        _say(f"mslint: {error.path}: {error.message}")
    docs = [parse(path, text) for path, text in sources.texts.items()]
    found = unknown_words(docs, spelling)
    sys.stdout.write("".join(printable(str(word)) + "\n" for word in found))
    _say(f"mslint: {len(found)} words in no dictionary or vocabulary; add the book's own with mslint vocab add")
    return EXIT_ERROR if sources.errors else EXIT_CLEAN


def _report(args: argparse.Namespace) -> int:
    """mslint report: lint as `--format json` does, then write the report, and nothing else (the
    cache is read, not written)."""
    from .engine import complete
    from .files import display_path
    from .parsing import parse
    from .report import Book, ReportError, build, check_output, write

    cwd = Path.cwd()
    if Path("-") in args.paths:
        raise _Fatal("mslint report reads files, not standard input")
    try:
        check_output(args.output)
    except ReportError as error:
        raise _Fatal(error) from None
    source, config, rules = _configured(args, cwd)
    if source is None:
        _say(_no_configuration(cwd))
    options = config.options(False, cwd)
    ignores = options.ignores
    store = _store(args, config, rules, read_only=True)
    sources = _read(args, rules, config, cwd)
    result = _lint(args, rules, config, options, store, cwd, sources)
    result.findings = complete(_shown(result.findings, args, config), rules, store, result.errors)
    texts = {**sources.context, **sources.texts}
    docs = {path: parse(path, text, ignores(path) if ignores else None) for path, text in texts.items()}
    title = f"mslint report: {config.root.name}" if source else "mslint report"
    try:
        write(args.output, build(Book(result, docs, title)))
    except ReportError as error:
        raise _Fatal(error) from None
    for problem in result.errors:
        _say(f"mslint: {problem.path}{f':{problem.line}' if problem.line else ''}: {problem.message}")
    found, files = len(result.findings), len(result.paths)
    counted = f"{found} finding{'s' * (found != 1)} in {files} file{'s' * (files != 1)}"
    _say(f"mslint: wrote {display_path(args.output, cwd)}: {counted}")
    return EXIT_ERROR if result.errors else EXIT_CLEAN


def _stylesheet(args: argparse.Namespace) -> int:
    """mslint stylesheet: lint as the report does (the cache read, not written), print the style
    sheet, and with --write record it; nothing else is written."""
    from .files import display_path
    from .stylesheet import StylesheetError, book_entries, check_output, markdown, recorded, tables

    cwd = Path.cwd()
    if Path("-") in args.paths:
        raise _Fatal("mslint stylesheet reads files, not standard input")
    source, config, rules = _configured(args, cwd)
    reads = config.stylesheet_path
    if args.write:
        if reads is None:
            raise _Fatal(f"no configuration in {cwd} or above, so no rules to read a style sheet; make one first (mslint init)")
        try:
            check_output(args.write, config.styles_folder, display_path(args.write, cwd))
        except StylesheetError as error:
            raise _Fatal(error) from None
    if source is None:
        _say(_no_configuration(cwd))
    store = _store(args, config, rules, read_only=True)
    result = _lint(args, rules, config, config.options(False, cwd), store, cwd)
    entries = book_entries(result)
    sheet = markdown(tables(entries), display_path(reads, cwd) if reads else None)
    sys.stdout.write("".join(printable(line) + "\n" for line in sheet.splitlines()))
    for problem in result.errors:
        _say(f"mslint: {problem.path}{f':{problem.line}' if problem.line else ''}: {problem.message}")
    if result.errors:
        if args.write:
            _say(f"mslint: {display_path(args.write, cwd)} not written: the style sheet of a book read in part would be wrong")
        return EXIT_ERROR
    if args.write:
        _write_stylesheet(args.write, recorded(rules, entries), entries, config, cwd)
    return EXIT_CLEAN


def _write_stylesheet(path: Path, sheet: dict, entries, config, cwd: Path) -> None:
    """Write the style sheet; say what it records, and how the rules come to read it."""
    from .files import display_path
    from .stylesheet import OPEN, StylesheetError, write, yaml_text

    shown = display_path(path, cwd)
    try:
        write(path, yaml_text(sheet), shown)
    except StylesheetError as error:
        raise _Fatal(error) from None
    forms = sum(len(queries) for queries in sheet.values())
    open_queries = sum(1 for entry in entries if entry.kept_by == OPEN)
    queries = "1 open query: settle it" if open_queries == 1 else f"{open_queries} open queries: settle them"
    settle = f"; {queries} in the text or in {shown}" if open_queries else ""
    _say(f"mslint: wrote {shown}: {forms} forms recorded{settle}")
    reads = config.stylesheet_path
    if os.path.abspath(path) == os.path.abspath(reads):
        return
    where = display_path(config.source, cwd)
    if config.vale:
        how = f"{where} cannot name a style sheet: write it as {display_path(reads, cwd)}"
    else:
        relative = Path(os.path.relpath(os.path.abspath(path), config.root)).as_posix()
        table = " under [tool.mslint]" if config.source.name == "pyproject.toml" else ""
        how = f'to have them read it, set stylesheet = "{relative}"{table} in {where}'
    _say(f"mslint: the rules read {display_path(reads, cwd)}, not {shown}; {how}")


def _read(args, rules, config, cwd: Path):
    from .files import read_sources, read_standard_input

    compares = any(rule.compares_documents for rule in rules)
    if args.paths == [Path("-")]:
        return read_standard_input(
            sys.stdin.buffer, _stdin_name(args), config.manuscript_paths, compares, cwd, config.max_file_size
        )
    paths = args.paths or config.manuscript_paths
    if not paths:  # nothing to lint is a mistake to name, not a clean run
        raise _Fatal(f"{config.source}: [tool.mslint] 'paths' is empty and no files were given: nothing to lint")
    wanted = None
    if args.glob:
        from .valeini import GlobError, path_glob

        try:
            wanted = path_glob(args.glob)
        except GlobError as error:
            raise _Fatal(f"--glob: {error}") from None
    any_suffix = _syntax(args) is not None  # a file named is read as told, whatever its suffix
    return read_sources(paths, config.manuscript_paths, compares, cwd, config.max_file_size, wanted, any_suffix)


def _store(args, config, rules, read_only: bool = False):
    from .cache import Cache, CacheRefused

    if args.no_cache or config.source is None:  # no project: no folder of its own to keep a cache in
        return None
    try:
        return Cache.for_config(config, rules, read_only, _syntax(args))
    except CacheRefused as refused:
        _say(f"mslint: {refused}")
        return None


def _lint(args, rules, config, options, store, cwd: Path, sources=None):
    from .engine import lint

    sources = sources if sources is not None else _read(args, rules, config, cwd)
    progress = _progress_line()
    try:
        result = lint(sources.texts, rules, options, sources.context, store, progress)
    finally:
        if progress:
            progress.clear()
    result.errors = sources.errors + result.errors
    return result


def _progress_line():
    """The line that shows a long run's progress on standard error: at a terminal, and not on CI,
    whose logs would keep every rewrite of it; None, at no cost, anywhere else."""
    if not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        return None
    from .progress import ProgressLine

    return ProgressLine(sys.stderr)


# What --watch does not do: each of these makes a report of its own, or changes files.
_NOT_WATCHED = ("fix", "diff", "baseline", "write_baseline", "statistics", "list_rules", "explain", "format", "stdin_filename")


def _watch(args: argparse.Namespace) -> int:
    """mslint --watch (see watch.py); Ctrl-C ends it with exit status 0."""
    from .watch import changes_on_disk, watch

    clashing = [f"--{name.replace('_', '-')}" for name in _NOT_WATCHED if getattr(args, name)]
    if clashing or args.paths == [Path("-")]:
        raise _Fatal(f"--watch prints the findings that change as text; it does not go with {', '.join(clashing) or '-'}")
    project = _WatchedProject(args, Path.cwd())
    with contextlib.suppress(KeyboardInterrupt):
        watch(changes_on_disk(project.roots(), project.wanted), project, sys.stdout)
    return EXIT_CLEAN


SETTING_SUFFIXES = (".yml", ".yaml", ".txt", ".dic", ".aff")  # rules, vocabularies, dictionaries


class _WatchedProject:
    """What mslint --watch keeps between runs: the configuration, its rules and the cache."""

    def __init__(self, args: argparse.Namespace, cwd: Path):
        self.args, self.cwd = args, cwd
        self._load()
        if self.source is None:
            _say(_no_configuration(cwd))

    def _load(self) -> None:
        self.source, self.config, self.rules = _configured(self.args, self.cwd)
        self.store = _store(self.args, self.config, self.rules)

    def reload(self) -> str | None:
        try:
            self._load()
        except _Fatal as error:
            return str(error)
        return None

    def lint(self):
        options = _options(self.args, self.config, self.cwd)
        result = _lint(self.args, self.rules, self.config, options, self.store, self.cwd)
        result.findings = _shown(result.findings, self.args, self.config)
        return result

    def roots(self) -> list[Path]:
        """The folders and files to watch: the manuscript's, and the project's rules, configuration
        and style sheet (if there is one when the watch starts)."""
        settings = [self.config.styles_folder, self.source, self.config.stylesheet_path] if self.source else []
        return [path.absolute() for path in [*self._manuscript(), *settings] if path and path.exists()]

    def is_setting(self, path: Path) -> bool:
        if self.source is None:  # the built-in style does not change
            return False
        rules = self.config.styles_folder.absolute()
        sheet = self.config.stylesheet_path
        files = (self.source.absolute(), *((sheet.absolute(),) if sheet else ()))
        return path in files or (rules in path.parents and path.suffix in SETTING_SUFFIXES)

    def wanted(self, path: Path) -> bool:
        """A setting, or a file of the manuscript (a file named outright whatever its suffix, for
        --ext): never the cache, an editor's swap file or a temporary file."""
        from .files import SUFFIXES

        roots = self._manuscript()
        in_manuscript = any(path == root or root in path.parents for root in roots)
        named = _syntax(self.args) is not None and path in roots
        return self.is_setting(path) or named or (in_manuscript and path.name.lower().endswith(SUFFIXES))

    def _manuscript(self) -> list[Path]:
        return [path.absolute() for path in self.args.paths or self.config.manuscript_paths]


def _fix(args, rules, config, options, store, cwd: Path):
    """--fix writes the fixed files, --diff prints what it would change; either returns the result
    after. Only files in the project, or named on the command line, are changed."""
    from . import fix
    from .engine import lint
    from .files import display_path, remove_leftovers
    from .finding import LintError

    sources = _read(args, rules, config, cwd)
    # --diff: only rules that can fix anything read the text between passes. --fix: every rule,
    # for the last pass, which finds nothing more to fix, is then the report on the fixed files.
    fixers = [rule for rule in rules if (rule.spec.action or {}).get("name") == "replace"]
    passes = dataclasses.replace(options, report_unused_suppressions=False) if args.diff else options
    linted: list = []  # (texts, result) of the last pass

    def lint_pass(texts: dict[str, str]):
        linted[:] = [(dict(texts), lint(texts, fixers if args.diff else rules, passes, sources.context, store))]
        return linted[0][1].findings

    fixed, unsettled = fix.fix_texts(sources.texts, lint_pass)
    errors = sources.errors + [LintError(shown, str(problem)) for shown, problem in unsettled.items()]
    roots = fix.writable_roots(config.root, args.paths)
    refused = {shown: reason for shown, (path, _) in sources.files.items() if (reason := fix.outside(path, roots))}
    for shown in sources.texts:
        if shown in refused and fixed[shown] != sources.texts[shown]:
            errors.append(LintError(shown, refused[shown]))
            fixed[shown] = sources.texts[shown]  # reported, never written
    changed = [shown for shown in sources.texts if fixed[shown] != sources.texts[shown]]
    if args.diff:
        sys.stdout.write("".join(fix.diff(path, sources.texts[path], fixed[path]) for path in changed))
        for error in errors:
            _say(f"mslint: {error.path}: {error.message}")
        return None, EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_CLEAN
    for folder in sorted({fix.real_path(path).parent for shown, (path, _) in sources.files.items() if shown not in refused}):
        if removed := remove_leftovers(folder):
            files = "1 temporary file" if len(removed) == 1 else f"{len(removed)} temporary files"
            _say(f"mslint: removed {files} a stopped run left in {display_path(folder, cwd)}")
    written: set[Path] = set()  # real files: a chapter and a link to it are one file, fixed once
    for shown in changed:
        path, read = sources.files[shown]
        if fix.real_path(path) in written:
            continue
        reason = fix.write(path, read, fixed[shown])
        if reason is not None:
            errors.append(LintError(shown, reason))
            fixed[shown] = sources.texts[shown]  # the file keeps what it had
        else:
            written.add(fix.real_path(path))
            _say(f"mslint: fixed {shown}")
    last_texts, result = linted[0]
    if last_texts != fixed:  # a file kept its text after all
        result = lint(fixed, rules, options, sources.context, store)
    result.errors = errors + result.errors
    return result, None


def _write_baseline(path: Path, result) -> int:
    from . import baseline

    try:
        baseline.write(path, result.findings)
    except baseline.BaselineError as error:
        raise _Fatal(error) from None
    _say(f"mslint: recorded {len(result.findings)} findings in {path}")
    for problem in result.errors:
        _say(f"mslint: {problem.path}: {problem.message}")
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
        _say(f"mslint: {len(stale)} baseline entries match no finding any more (fixed?); refresh with --write-baseline:")
        for entry in stale:
            _say(f"  {entry.path}: {entry.rule}: {entry.match!r}")
