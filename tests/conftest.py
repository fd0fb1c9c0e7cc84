import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mslint.engine import complete, lint
from mslint.finding import Voice
from mslint.parsing import parse
from mslint.rules import parse_rule

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # third-party test data, vendored: see tests/data/README.md
sys.path.insert(0, str(ROOT / "scripts"))  # lsp_client: the LSP client of the tests and of the benchmark


def make_rule(yaml_text: str, rule_id: str = "Test.Rule"):
    return parse_rule(yaml_text, f"{rule_id}.yml", rule_id)


def findings_for(yaml_text: str, text: str, path: str = "test.md"):
    return lint([parse(path, text)], [make_rule(yaml_text)]).findings


def chapters(*texts: str):
    """The texts parsed as the chapters a.md, b.md, c.md..., for rules that compare them."""
    return [parse(f"{chr(ord('a') + index)}.md", text) for index, text in enumerate(texts)]


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory):
    """The user's cache folder, where mslint keeps the key that signs cache entries: a throw-away
    one for the tests (and the processes they start), never the real one."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("user-cache")
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def root() -> Path:
    return ROOT


BOOK_CONFIG = '[tool.mslint]\npaths = ["{paths}"]\nstyles-path = "styles"\nproselint = false\n'


def write_book(root: Path, rules: dict[str, str], paths: str = "chapters", style: str = "House") -> Path:
    """A small book project: a configuration without proselint, one style of rules, a folder of chapters."""
    (root / "pyproject.toml").write_text(BOOK_CONFIG.format(paths=paths), encoding="utf-8")
    (root / "styles" / style).mkdir(parents=True)
    for name, text in rules.items():
        (root / "styles" / style / name).write_text(text, encoding="utf-8")
    if paths != ".":
        (root / paths).mkdir()
    return root


# A rule on raw Markdown that quotes markup in its findings, for the report's tests of hostile text.
MARKUP_RULE = (
    "extends: existence\nmessage: \"'%s' is markup\"\nlevel: error\nscope: raw\nnonword: true\n"
    "tokens: ['</script>', '<img[^>]*>']\n"
)


def as_a_user():
    """A command prefix under which file permissions apply: root otherwise reads and writes every folder."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and without setpriv permissions cannot be tested")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]


def run_cli(args, cwd, stdin: str = "", prefix=(), **env):
    """mslint in a fresh process, given `stdin`; GITHUB_ACTIONS only when a test sets it."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | env
    command = [*prefix, sys.executable, "-m", "mslint", *args]
    # A time limit, so that a run that waits (on a FIFO, say) fails its test instead of stopping the suite.
    return subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True, env=environment, timeout=300)


def run_at_terminal(args, cwd, **env) -> tuple[str, str]:
    """mslint in a fresh process whose standard output and standard error are each a terminal (a
    pseudo-terminal of its own): what it printed on each. Not on CI, without NO_COLOR or FORCE_COLOR."""
    import pty

    unset = ("GITHUB_ACTIONS", "CI", "NO_COLOR", "FORCE_COLOR")
    environment = {k: v for k, v in os.environ.items() if k not in unset} | {"TERM": "xterm", "LC_ALL": "C.UTF-8"} | env
    terminals = [pty.openpty(), pty.openpty()]  # (leader, follower) for stdout, then stderr
    command = [sys.executable, "-m", "mslint", *args]
    stdout, stderr = (follower for _, follower in terminals)
    subprocess.run(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=environment, timeout=300)
    shown, said = (_read_terminal(*terminal) for terminal in terminals)
    return shown, said


def _read_terminal(leader: int, follower: int) -> str:
    """All a process wrote to a pseudo-terminal (small enough to wait in its buffer), as the program wrote it."""
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: all is read
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    return output.decode("utf-8").replace("\r\n", "\n")


def source_slice(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The source between two 1-based (line, column) positions, end column exclusive."""
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    middle = lines[line : end_line - 1]
    return "\n".join([lines[line - 1][column - 1 :], *middle, lines[end_line - 1][: end_column - 1]])


def lint_shown(sources, rules, *args, **kwargs):
    """lint() as the command line shows it in JSON: with what rules add to findings that are shown (suggestions)."""
    rules = list(rules)
    result = lint(sources, rules, *args, **kwargs)
    result.findings = complete(result.findings, rules)
    return result


# --- a one-token rule whose findings show positions and voices ------------------------------

TARGET = parse_rule("extends: existence\nmessage: \"'%s'\"\ntokens: [target]\n", "test.yml", "Test.Rule")


def found(text: str, path: str = "doc.md") -> list[tuple[int, int, int, int]]:
    """(line, column, end_line, end_column) of every "target" the rule reports."""
    return [(f.line, f.column, f.end_line, f.end_column) for f in _target_findings(text, path)]


def voiced(text: str, path: str = "doc.md") -> list[tuple[int, int, Voice]]:
    """(line, column, voice) of every "target" the rule reports."""
    return [(f.line, f.column, f.voice) for f in _target_findings(text, path)]


def _target_findings(text: str, path: str):
    findings = lint([parse(path, text)], [TARGET]).findings
    assert all(f.match == "target" for f in findings)
    return findings


def plain(doc) -> str:
    """All the plain text the rules read, block after block."""
    return "".join(block.text for block in doc.blocks)


def offset(doc, needle: str, occurrence: int = 0) -> int:
    """Where the occurrence-th `needle` starts in the document's text."""
    position = -1
    for _ in range(occurrence + 1):
        position = doc.text.index(needle, position + 1)
    return position
