"""Run Vale's own end-to-end scenarios (its `.feature` files) through mslint.

    python tests/vale_compat/run_features.py [--testdata DIR] [--features DIR] [-v]

Each scenario runs as Vale's step definitions run it: the files a `Given` step names are written
into a scratch folder two levels below the test data (where `StylesPath = ../../styles/` finds
Vale's test styles), a `When` step changes into its fixture folder and runs the command line,
and the `Then` steps compare the output, in Vale's line format (`--format vale-line`), sorted and
with relative paths, and the exit status. mslint runs in this process, its standard output and
error captured; it reads each fixture's `.vale.ini` (or `_vale`, `.vale`...) itself.

mslint reads Markdown and text only: an expected line about another format (reStructuredText,
AsciiDoc, HTML, XML, MDX, source code) is left out of the comparison, files of those formats are
left off the command line, and the exit status, which those lines may have set, is not compared;
a file given a format (`--ext=.md`, `--ignore-syntax`) is read whatever its suffix. A string Vale
lints as text (`vale 'XXX'`) is given to mslint on standard input (`mslint - --ext=.txt`). A
scenario that runs outside the test data runs in an empty folder beside it, where no
configuration is found. A scenario that needs what only Vale does (`vale sync`, `vale fix`, output
templates, Tengo scripts) or only formats mslint does not read is
skipped with its reason.

Where mslint deliberately differs from Vale, `differences.py` says how (the lines mslint prints
instead) and why; such a scenario passes "as documented".

It prints one line per feature file, and ends with `N passed, N failed, N skipped` (exit status
1 when a scenario failed); with `-v`, each scenario that did not pass or passed as documented,
and why. The test data is copied to a temporary folder first, so nothing is written beside it
and no configuration above it is found.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTDATA = HERE.parent / "data" / "vale"
if __package__ in (None, ""):  # run as a script: mslint from the source tree
    sys.path.insert(0, str(HERE.parent.parent / "src"))

from mslint.cli import main as mslint_main  # noqa: E402
from mslint.config import find_config  # noqa: E402
from mslint.files import SUFFIXES  # noqa: E402

if __package__:
    from .differences import DIFFERENCES, Difference
else:  # run as a script
    from differences import DIFFERENCES, Difference  # type: ignore[no-redef]

# Vale's runner: `vale --output=line --sort --normalize --relative --no-global`. The last needs no
# counterpart: the runner points VALE_STYLES_PATH at a folder that does not exist.
MSLINT_ARGS = ["--format", "vale-line", "--no-cache"]
SCRATCH = Path("tmp") / "aruba"  # aruba's working folder, below the copy of the test data


# --- The feature files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    keyword: str  # Given, When, Then, And, But
    text: str
    doc: str | None = None  # the """ block after the step, dedented


@dataclass(frozen=True)
class Scenario:
    feature: str  # the file's name without .feature
    name: str
    steps: tuple[Step, ...]  # the Background's first

    @property
    def id(self) -> str:
        return f"{self.feature}: {self.name}"


def parse_feature(path: Path) -> list[Scenario]:
    """The scenarios of a Gherkin file, each with the Background's steps before its own.
    Comment lines (`#`) outside doc strings are left out, so a scenario commented out is none."""
    lines = path.read_text(encoding="utf-8").splitlines()
    background: list[Step] = []
    scenarios: list[tuple[str, list[Step]]] = []
    current: list[Step] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        index += 1
        if not stripped or stripped.startswith("#") or stripped.startswith("Feature:"):
            continue
        if stripped.startswith("Background:"):
            current = background
        elif stripped.startswith(("Scenario:", "Scenario Outline:")):
            current = []
            scenarios.append((stripped.split(":", 1)[1].strip(), current))
        elif current is not None and (keyword := stripped.split(" ", 1)[0]) in ("Given", "When", "Then", "And", "But"):
            if keyword in ("And", "But"):  # the kind of step before it
                keyword = current[-1].keyword if current else (background[-1].keyword if background else "Given")
            doc = None
            if index < len(lines) and lines[index].strip() == '"""':
                indent = len(lines[index]) - len(lines[index].lstrip())
                end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == '"""')
                doc = "\n".join(_dedent(text, indent) for text in lines[index + 1 : end])
                index = end + 1
            current.append(Step(keyword, stripped.split(" ", 1)[1], doc))
        else:
            raise ValueError(f"{path}:{index}: not a step of a scenario: {stripped!r}")
    return [Scenario(path.stem, name, (*background, *steps)) for name, steps in scenarios]


def _dedent(line: str, indent: int) -> str:
    return line[indent:] if line[:indent].strip() == "" else line.lstrip()


# --- Running a scenario ---------------------------------------------------------------------


class Skip(Exception):
    """The scenario needs something only Vale does."""


@dataclass(frozen=True)
class Invocation:
    folder: str  # where the command runs, from the copy of the test data
    args: tuple[str, ...]  # Vale's arguments, after the runner's own flags
    stdin: str | None = None  # the file piped to standard input
    text: str | None = None  # a string Vale lints as text, given as an argument; mslint reads it on standard input


def _fixture(folder: str) -> str:
    return f"fixtures/{folder}"


# What each `When` step runs, as Vale's step definitions say (testdata/features/steps.rb):
# a pattern over the step's text -> the invocation, or the reason to skip the scenario.
WhenStep = Callable[..., Invocation]
WHEN_STEPS: list[tuple[re.Pattern[str], WhenStep | str]] = [
    (re.compile(r'I test "(.*)"'), lambda folder: Invocation(_fixture(folder.strip("/")), (".",))),
    (re.compile(r'I lint "(.*)"'), lambda args: Invocation(_fixture("formats"), tuple(shlex.split(args)))),
    (re.compile(r'I run command "(.*)"'), lambda args: Invocation(_fixture("formats"), tuple(shlex.split(args)))),
    (re.compile(r"I lint path with exclusions"), lambda: Invocation(_fixture("folders"), (".",))),
    (re.compile(r'I lint path "(.*)"'), lambda path: Invocation(_fixture(f"formats/{path}"), (".",))),
    (re.compile(r'I lint AsciiDoc "(.*)"'), lambda file: Invocation(_fixture("formats/adoc"), (file,))),
    (re.compile(r'I lint reStructuredText "(.*)"'), lambda file: Invocation(_fixture("formats/rst"), (file,))),
    (re.compile(r'I lint Sphinx "(.*)"'), lambda file: Invocation(_fixture("formats/Sphinx"), (file,))),
    (re.compile(r'I lint with config "(.*)"'), lambda file: Invocation(_fixture("formats"), (f"--config={file}", "test.md"))),
    # Older feature files give the extension (".md"), newer ones the file's name.
    (
        re.compile(r'I test comments for "(.*)"'),
        lambda name: Invocation(_fixture("comments"), (f"test{name}" if name.startswith(".") else name,)),
    ),
    (re.compile(r'I test patterns for "(.*)"'), lambda file: Invocation(_fixture("patterns"), (file,))),
    (re.compile(r'I test plugins for "(.*)"'), lambda file: Invocation(_fixture("plugins"), (file,))),
    (re.compile(r'I test scope "(.*)"'), lambda scope: Invocation(_fixture(f"scopes/{scope}"), (".",))),
    (re.compile(r'I apply style "(.*)"'), lambda style: Invocation(_fixture(f"styles/{style}"), (".",))),
    (re.compile(r'I use Vocab "(.*)"'), lambda name: Invocation(_fixture(f"vocab/{name}"), (".",))),
    (re.compile(r'I run vale "(.*)"'), lambda args: Invocation(str(SCRATCH), tuple(shlex.split(args)))),
    (
        re.compile(r'I assign minAlertLevel "(\S+)" "(\S+)"'),
        lambda level, file: Invocation(str(SCRATCH), (f"--minAlertLevel={level}", file)),
    ),
    (re.compile(r'I test glob "(.*)"'), lambda glob: Invocation(_fixture("formats"), (f"--glob={glob}", "."))),
    (re.compile(r'I test dir glob "(.*)"'), lambda glob: Invocation(_fixture("glob"), (f"--glob={glob}", "."))),
    (re.compile(r'I run cat "(\S+)" "(\S+)"'), lambda file, ext: Invocation(_fixture("formats"), (f"--ext={ext}",), file)),
    # Older feature files name the filter file alone (`I use filter "min"`).
    (
        re.compile(r'I use filter(?: file)? "(.*)"'),
        lambda name: Invocation(_fixture("filters"), (f"--filter=filter/{name}.expr", ".")),
    ),
    (re.compile(r'I use filter expr "(.*)"'), lambda text: Invocation(_fixture("filters"), (f"--filter={text}", "."))),
    (re.compile(r'I lint simple "(.*)"'), lambda args: Invocation(_fixture("formats"), ("--ignore-syntax", *shlex.split(args)))),
    (re.compile(r'I lint file "(\S+)" as "(\S+)"'), lambda file, ext: Invocation(_fixture("formats"), (f"--ext={ext}", file))),
    # `vale 'XXX'` lints an argument that names no file as text; mslint reports a missing file,
    # and reads text on standard input (`mslint - --ext .txt`), shown as Vale shows it, stdin.txt.
    (re.compile(r'I lint string "(.*)"'), lambda text: Invocation(_fixture("formats"), ("--ext=.txt",), text=text)),
    (re.compile(r'I sync pkg "(.*)"'), "`vale sync` downloads and unpacks packages; mslint downloads nothing"),
    (re.compile(r'I fix "(.*)"'), "`vale fix` runs a rule's action as a command of its own"),
    (
        re.compile(r'I test template "(.*)"'),
        "`--output` names a Go template (a file of Vale's template language); mslint's formats are its own",
    ),
]


def when_invocation(text: str) -> Invocation:
    for pattern, action in WHEN_STEPS:
        match = pattern.fullmatch(text)
        if match:
            if isinstance(action, str):
                raise Skip(action)
            return action(*match.groups())
    raise Skip(f"no step definition for `When {text}`")


# Vale's options that mslint takes as they are, by mslint's name for them.
VALE_FLAGS = {"--minAlertLevel": "--min-level", "--config": "--config", "--glob": "--glob", "--filter": "--filter"}


@dataclass(frozen=True)
class Command:
    """mslint's command line for a scenario's, and the files it leaves off or reads as told."""

    args: tuple[str, ...]
    left_off: tuple[str, ...] = ()  # files of formats mslint does not read
    named: tuple[str, ...] = ()  # files read as a format given (--ext, --ignore-syntax), whatever their suffix

    def reads(self, line: str) -> bool:
        """Whether an output line is about a file mslint reads."""
        path = _line_path(line)
        return path in self.named or path.lower().endswith(SUFFIXES)


def mslint_command(invocation: Invocation, cwd: Path) -> Command:
    """mslint's command line for Vale's."""
    args, files = list(MSLINT_ARGS), []
    any_suffix = False  # a format is given, so a file named is read whatever its suffix
    for arg in invocation.args:
        flag, _, value = arg.partition("=")
        value = _unquoted(value)
        if flag in VALE_FLAGS:
            args += [VALE_FLAGS[flag], value]
        elif flag == "--ext":
            if not value.lower().endswith(SUFFIXES):
                raise Skip(f"reads its text as {value}, one of the formats mslint does not read")
            args += ["--ext", value]
            any_suffix = True
        elif flag == "--ignore-syntax":
            args.append(flag)
            any_suffix = True
        elif arg.startswith("-"):
            raise Skip(f"Vale's option {arg} has no counterpart")
        else:
            files.append(arg)
    named = [arg for arg in files if any_suffix and (cwd / arg).is_file()]
    kept = [arg for arg in files if arg in named or _has_text(cwd / arg)]
    left_off = [arg for arg in files if arg not in kept]
    if left_off and not kept:
        raise Skip(f"lints only files of formats mslint does not read ({', '.join(left_off)})")
    stdin = ["-"] if invocation.stdin or invocation.text is not None else []
    return Command((*args, *kept, *stdin), tuple(left_off), tuple(named))


def _unquoted(value: str) -> str:
    """A value without the one pair of quotes around it that a shell would take off."""
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value


def _has_text(path: Path) -> bool:
    """Whether a path is, or holds, a file of a format mslint reads (one that does not exist, or
    an empty folder, is mslint's to report)."""
    if path.is_dir():
        names = [name for _, _, names in os.walk(path) for name in names]
        return not names or any(name.lower().endswith(SUFFIXES) for name in names)
    return not path.exists() or path.name.lower().endswith(SUFFIXES)


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str


def run_mslint(args: list[str], cwd: Path, stdin: bytes | None) -> Run:
    """mslint's command line in this process, in `cwd`, its output captured."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    old_cwd = os.getcwd()
    streams = [io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", write_through=True) for data in (stdin or b"", b"", b"")]
    try:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(cwd)
        try:
            status = mslint_main(args)
        except SystemExit as stop:  # argparse: a usage error
            status = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(old_cwd)
        sys.stdin, sys.stdout, sys.stderr = saved
    stdout, stderr = (stream.detach().getvalue().decode("utf-8") for stream in streams[1:])  # type: ignore[attr-defined]
    return Run(status, stdout, stderr)


# --- Comparing ------------------------------------------------------------------------------


def _line_path(line: str) -> str:
    return line.split(":", 1)[0]


def sort_key(line: str) -> tuple:
    """Vale's --sort: by file, then line and column as numbers."""
    parts = line.split(":", 3)
    if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
        return (parts[0], int(parts[1]), int(parts[2]), parts[3])
    return (line, 0, 0, "")


# Where a scenario expects one of Vale's own error messages ("E100 [...] Runtime error"), an
# error of mslint's (exit status 2, a message on standard error) stands for it: the words differ.
# Where mslint says the same thing, its words must be there.
_VALE_ERROR = re.compile(r"^E\d{3} \[(.*?)\]")
MSLINT_WORDS = {".vale.ini not found": "mslint: no configuration in"}


@dataclass
class Outcome:
    scenario: Scenario
    status: str  # passed, failed, skipped
    reason: str = ""  # why skipped, or what differed
    partial: bool = False  # compared on its Markdown and text lines only
    documented: bool = False  # passed as a deliberate difference says
    stale: bool = False  # listed as a difference, yet the same as Vale


def compare(scenario: Scenario, run: Run, command: Command, difference: Difference | None) -> tuple[list[str], bool]:
    """What differs from what the scenario's Then steps ask (with a deliberate difference, as it
    says mslint's output is), and whether only the Markdown and text lines were compared."""
    actual = [line for line in run.stdout.splitlines() if line.strip()]
    problems: list[str] = []
    partial = bool(command.left_off)
    for step in scenario.steps:
        if step.keyword != "Then":
            continue
        text = step.text
        if text.startswith("the output should contain"):
            expected = [line.strip() for line in (step.doc or "").splitlines() if line.strip()]
            if expected and all(_VALE_ERROR.match(line) for line in expected):
                problems += _error_problems(expected[0], run)
                continue
            kept = [line for line in expected if command.reads(line)]
            partial = partial or len(kept) < len(expected)
            if difference is not None:
                kept = difference.expected(kept)
            if text.startswith("the output should contain exactly"):
                if sorted(actual, key=sort_key) != sorted(kept, key=sort_key):
                    problems.append(_difference(kept, actual))
            elif missing := [line for line in kept if line not in actual]:
                problems.append("missing: " + "; ".join(missing))
        elif match := re.fullmatch(r'the output should not contain "(.*)"', text):
            if match[1] in run.stdout:
                problems.append(f"the output contains {match[1]!r}")
        elif text == "the output should not contain anything":
            if run.stdout.strip():
                problems.append("the output is not empty: " + "; ".join(actual))
        elif match := re.fullmatch(r"the exit status should be (\d+)", text):
            # Lines about other formats may have set Vale's status: it is compared only on a whole output.
            status = difference.status if difference is not None and difference.status is not None else int(match[1])
            if not partial and run.status != status:
                problems.append(f"exit status {run.status}, not {status}")
        else:
            raise Skip(f"no step definition for `Then {text}`")
    return problems, partial


def _error_problems(expected: str, run: Run) -> list[str]:
    """How mslint's run falls short of standing for Vale's error."""
    if run.status != 2 or not run.stderr.strip():
        return [f"Vale reports an error ({expected}); mslint exits {run.status}"]
    match = _VALE_ERROR.match(expected)
    words = MSLINT_WORDS.get(match[1]) if match else None
    return [f"Vale reports {expected}; mslint does not say {words!r}"] if words and words not in run.stderr else []


def _difference(expected: list[str], actual: list[str]) -> str:
    missing = [line for line in expected if line not in actual]
    extra = [line for line in actual if line not in expected]
    parts = [f"missing: {'; '.join(missing)}"] if missing else []
    parts += [f"unexpected: {'; '.join(extra)}"] if extra else []
    return " ".join(parts) or "the same lines in another order"


def _errors(run: Run) -> str:
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    return f" [stderr: {' / '.join(errors[:3])}]" if errors and run.status == 2 else ""


# Alerts of rules mslint skips (Vale's script type) cannot be compared.
_SKIPPED_RULE = re.compile(r"(?:^|/)([^/\s:]+)/([^/\s:]+)\.ya?ml(?::\d+)?: rule type '(\w+)'", re.M)


def _skipped_rules(stderr: str) -> dict[str, str]:
    return {f"{style}.{rule}": kind for style, rule, kind in _SKIPPED_RULE.findall(stderr)}


# --- The suite ------------------------------------------------------------------------------


@dataclass
class Workspace:
    """A copy of Vale's test data, and the scratch folder where `Given` steps write."""

    root: Path

    def elsewhere(self) -> Path:
        """An empty folder beside the test data, for a scenario that runs outside it: Vale's runs
        in the folder above its repository, where no configuration is."""
        folder = self.root.parent / "elsewhere"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        return folder

    def fresh_scratch(self) -> Path:
        scratch = self.root / SCRATCH
        if scratch.exists():
            shutil.rmtree(scratch)
        scratch.mkdir(parents=True)
        return scratch


@contextlib.contextmanager
def copied(testdata: Path) -> Iterator[Workspace]:
    """A workspace in a temporary folder, removed after."""
    with tempfile.TemporaryDirectory(prefix="vale-testdata-") as temporary:
        root = Path(temporary).resolve() / "testdata"
        shutil.copytree(testdata, root, symlinks=True, ignore=shutil.ignore_patterns("features"))
        yield Workspace(root)


def run_scenario(scenario: Scenario, workspace: Workspace, difference: Difference | None = None) -> Outcome:
    scratch = workspace.fresh_scratch()
    invocation = None
    try:
        for step in scenario.steps:
            if step.keyword == "Given":
                match = re.fullmatch(r'a file named "(.*)" with:', step.text)
                if not match:
                    raise Skip(f"no step definition for `Given {step.text}`")
                (scratch / match[1]).write_text((step.doc or "") + "\n", encoding="utf-8")
            elif step.keyword == "When":
                invocation = when_invocation(step.text)
        if invocation is None:
            raise Skip("no `When` step")
        cwd = (workspace.root / invocation.folder).resolve()
        if workspace.root not in (cwd, *cwd.parents):
            cwd = workspace.elsewhere()
            if find_config(cwd) is not None:
                raise Skip(f"runs outside the test data, but a configuration above {cwd} would be found: {find_config(cwd)}")
        if not cwd.is_dir():
            raise Skip(f"no folder {invocation.folder} in the test data")
        command = mslint_command(invocation, cwd)
    except Skip as skip:
        return Outcome(scenario, "skipped", str(skip))
    stdin = (cwd / invocation.stdin).read_bytes() if invocation.stdin else (invocation.text or "").encode()
    run = run_mslint(list(command.args), cwd, stdin)
    needed = sorted(_needed_rules(scenario) & set(_skipped_rules(run.stderr)))
    if needed:
        kinds = sorted({_skipped_rules(run.stderr)[rule] for rule in needed})
        return Outcome(scenario, "skipped", f"needs Vale's {' and '.join(kinds)} rules ({', '.join(needed)})")
    try:
        problems, partial = compare(scenario, run, command, difference)
        stale = difference is not None and not compare(scenario, run, command, None)[0]
    except Skip as skip:
        return Outcome(scenario, "skipped", str(skip))
    if problems:
        return Outcome(scenario, "failed", " | ".join(problems) + _errors(run), partial)
    return Outcome(scenario, "passed", difference.reason if difference else "", partial, difference is not None, stale)


def _needed_rules(scenario: Scenario) -> set[str]:
    """The rules whose alerts the scenario expects."""
    return {
        parts[3]
        for step in scenario.steps
        if step.keyword == "Then"
        for line in (step.doc or "").splitlines()
        if len(parts := line.strip().split(":", 4)) == 5
    }


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    def by_status(self, status: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def summary(self) -> str:
        return summary(self.outcomes)


def summary(outcomes: list[Outcome]) -> str:
    """`N passed, N failed, N skipped`."""
    count = {status: sum(o.status == status for o in outcomes) for status in ("passed", "failed", "skipped")}
    return f"{count['passed']} passed, {count['failed']} failed, {count['skipped']} skipped"


def run_suite(
    testdata: Path = TESTDATA,
    features: Path | None = None,
    differences: dict[str, Difference] | None = None,
    show: Callable[[str], None] | None = None,
) -> Report:
    """Every scenario of every feature file; `show` is told one line per feature file."""
    features = features or testdata / "features"
    differences = differences or {}
    report = Report()
    saved = os.environ.get("VALE_STYLES_PATH")
    with copied(testdata) as workspace:
        os.environ["VALE_STYLES_PATH"] = str(workspace.root / "no-global-styles")  # --no-global
        try:
            for path in sorted(features.glob("*.feature")):
                outcomes = [run_scenario(s, workspace, differences.get(s.id)) for s in parse_feature(path)]
                report.outcomes += outcomes
                if show:
                    show(f"{path.name}: {summary(outcomes)}")
        finally:
            if saved is None:
                os.environ.pop("VALE_STYLES_PATH", None)
            else:
                os.environ["VALE_STYLES_PATH"] = saved
    return report


def _label(outcome: Outcome) -> str:
    if outcome.stale:
        return "STALE DIFFERENCE"  # listed in differences.py, yet mslint prints what Vale prints
    return "DIFFERS AS DOCUMENTED" if outcome.documented else outcome.status.upper()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Vale's .feature scenarios through mslint.")
    parser.add_argument("--testdata", type=Path, default=TESTDATA, help="Vale's testdata folder (default: the vendored copy)")
    parser.add_argument("--features", type=Path, help="the folder of .feature files (default: TESTDATA/features)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="name each scenario that did not pass or passed as documented, and why"
    )
    args = parser.parse_args(argv)
    report = run_suite(args.testdata.resolve(), args.features.resolve() if args.features else None, DIFFERENCES, print)
    if args.verbose:
        for outcome in report.outcomes:
            if outcome.status != "passed" or outcome.documented:
                print(f"  {_label(outcome)} {outcome.scenario.id}: {outcome.reason}")
    documented = sum(outcome.documented for outcome in report.outcomes)
    if documented:
        print(f"{documented} of those that pass differ from Vale as tests/vale_compat/differences.py says")
    print(report.summary)
    return 1 if report.count("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
