"""mslint server: a language server over standard input and output (LSP, with pygls).

The editor sends each open Markdown or text file as the author types; the server lints it with
the engine, the configuration found from the file's folder and the project's cache, and
publishes the findings as diagnostics. Rules that compare chapters read the whole manuscript:
the files on disk, each open file as the editor has it. The configuration, the rules and the
facts of every file stay loaded (project.py), so a keystroke reads again only the file that
changed.

Code actions: a finding's replacements, [sic] after quoted words, a word into the book's
vocabulary, and a comment that silences a rule on the next line.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from . import __version__, cores
from .config import ConfigError, find_config
from .document import Document, normalize
from .engine import complete
from .files import SUFFIXES
from .finding import Finding, Level, Voice
from .parsing import parse
from .project import REFRESH_SECONDS, Message, Project
from .ruletypes import RuleType

DEBOUNCE_SECONDS = 0.04  # after a change, before linting: a burst of keystrokes makes one lint
ADD_TO_VOCABULARY = "mslint.addToVocabulary"
QUICK_FIX = lsp.CodeActionKind.QuickFix.value
KINDS = {"error": lsp.MessageType.Error, "warning": lsp.MessageType.Warning, "info": lsp.MessageType.Info}
SEVERITY = {
    Level.ERROR: lsp.DiagnosticSeverity.Error,
    Level.WARNING: lsp.DiagnosticSeverity.Warning,
    Level.SUGGESTION: lsp.DiagnosticSeverity.Information,
}


# --- positions: mslint counts code points, the editor code units of the negotiated encoding ----


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` (utf-8, utf-16 or utf-32) the text takes."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, count: int, encoding: str) -> int:
    """How many characters of `line` its first `count` code units hold; a position inside a
    character (half of a surrogate pair) stands before it, one past the end at the end."""
    if units(line, encoding) == len(line):
        return min(count, len(line))
    used = 0
    for index, character in enumerate(line):
        used += units(character, encoding)
        if used > count:
            return index
    return len(line)


def client_position(lines: list[str], line: int, column: int, encoding: str, bom: int = 0) -> lsp.Position:
    """The editor's position of a 1-based line and column (in characters) of normalized text;
    `bom`: the code units of a byte-order mark that the editor's text keeps on its first line."""
    text = lines[line - 1] if line <= len(lines) else ""
    return lsp.Position(line - 1, units(text[: column - 1], encoding) + (bom if line == 1 else 0))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line breaks; str.splitlines knows more (form feed, U+2028)


@dataclass
class Buffer:
    """An open file as the editor has it."""

    uri: str
    path: Path
    text: str
    version: int
    project: str | None = None  # the key of its project; None while no configuration can be read

    def apply(self, change: lsp.TextDocumentContentChangeEvent, encoding: str) -> None:
        if isinstance(change, lsp.TextDocumentContentChangePartial):
            start, end = (self.offset(position, encoding) for position in (change.range.start, change.range.end))
            self.text = self.text[:start] + change.text + self.text[max(start, end) :]
        else:
            self.text = change.text

    def offset(self, position: lsp.Position, encoding: str) -> int:
        """The character offset of an editor's position; past the end of a line is its end."""
        start = 0
        for _ in range(position.line):
            found = _LINE_BREAK.search(self.text, start)
            if found is None:
                return len(self.text)
            start = found.end()
        found = _LINE_BREAK.search(self.text, start)
        end = found.start() if found else len(self.text)
        return start + code_points(self.text[start:end], position.character, encoding)


def _file_path(uri: str) -> Path | None:
    """The file an editor's document is, when it is a Markdown or text file mslint reads."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path and path.lower().endswith(SUFFIXES) else None


@dataclass
class Published:
    """The diagnostics the editor shows for a file, and the text they were found in."""

    uri: str
    path: str  # as the engine knows the file
    version: int
    text: str
    found: list[tuple[Finding, lsp.Diagnostic]]


@dataclass
class Edits:
    """How edits reach the editor: in the negotiated encoding, for one version of one file."""

    uri: str
    version: int
    encoding: str
    bom: int  # code units of a byte-order mark the editor's text keeps
    versioned: bool  # the client takes documentChanges: it refuses an edit of another version
    newline: str = "\n"  # the file's, for a line the edit adds

    def edit(self, *changes: lsp.TextEdit) -> lsp.WorkspaceEdit:
        if self.versioned:
            document = lsp.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=document, edits=list(changes))])
        return lsp.WorkspaceEdit(changes={self.uri: list(changes)})

    def position(self, lines: list[str], line: int, column: int) -> lsp.Position:
        return client_position(lines, line, column, self.encoding, self.bom)


_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*")
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")


@dataclass
class _Fix:
    """The code actions for one finding."""

    finding: Finding
    diagnostic: lsp.Diagnostic
    edits: Edits

    def _action(self, title: str, edit: lsp.WorkspaceEdit | None = None, preferred: bool = False, **more) -> lsp.CodeAction:
        kind = lsp.CodeActionKind.QuickFix
        return lsp.CodeAction(title, kind=kind, diagnostics=[self.diagnostic], edit=edit, is_preferred=preferred or None, **more)

    def replacements(self, doc: Document, rule: RuleType) -> list[lsp.CodeAction]:
        """Each replacement, where the words are the author's own (or the rule is typography's) and
        written without markup inside, which a replacement would take away."""
        f = self.finding
        start, end = (doc.line_starts[line - 1] + column - 1 for line, column in ((f.line, f.column), (f.end_line, f.end_column)))
        if f.voice is not Voice.PROSE and not rule.spec.typography:
            return []
        if not (doc.verbatim(start, end) or rule.spec.scope.raw):
            return []
        where = self.diagnostic.range
        return [
            self._action(f"Replace with '{new}'", self.edits.edit(lsp.TextEdit(where, new)), f.fixable and not i)
            for i, new in enumerate(f.replacements)
            if new != f"{f.match} [sic]"  # the [sic] action's
        ]

    def sic(self) -> lsp.CodeAction:
        """[sic] after quoted words: the source spells them so."""
        end = self.diagnostic.range.end
        edit = self.edits.edit(lsp.TextEdit(lsp.Range(end, end), " [sic]"))
        return self._action(f"Mark '{self.finding.match}' [sic]: the source spells it so", edit)

    def to_vocabulary(self, uri: str, vocabulary: str) -> lsp.CodeAction:
        word = "".join(character for character in self.finding.match if character not in "*_`\\")
        command = lsp.Command(title=f"Add '{word}' to the vocabulary", command=ADD_TO_VOCABULARY, arguments=[uri, word])
        return self._action(f"Add '{word}' to the vocabulary {vocabulary} (accept.txt)", command=command)

    def disable(self, doc: Document, lines: list[str]) -> list[lsp.CodeAction]:
        """`<!-- mslint-disable-next-line RULE -->` just before the finding's line, placed so that
        the Markdown reads as before: on a line of its own above the first line of a block, with
        its block-quote markers and indentation; within a paragraph, at the end of the line before
        (a line of its own would split the paragraph), before a hard line break; in a table, in
        the last cell of the row above. None outside the blocks of prose (front matter, code), nor
        on a table's first row of cells, under the row of dashes, nor in a text file, whose
        readers would read the comment."""
        f = self.finding
        block = doc.block_at(doc.line_starts[f.line - 1] + f.column - 1)
        if block is None or doc.file_format != "md":
            return []
        comment = f"<!-- mslint-disable-next-line {' '.join((f.rule, *f.also))} -->"
        title = f"Disable {', '.join((f.rule, *f.also))} on this line"
        if f.line == 1 or (doc.position(block.start)[0] == f.line and block.kind != "cell"):
            line = lines[f.line - 1]
            prefix = line[: len(line) - len(line.lstrip(" \t>"))]
            marker = _LIST_MARKER.match(line, len(prefix))
            indent = prefix + (" " * len(marker.group()) if marker else "")
            start = self.edits.position(lines, f.line, 1)
            return [
                self._action(title, self.edits.edit(lsp.TextEdit(lsp.Range(start, start), indent + comment + self.edits.newline)))
            ]
        before = lines[f.line - 2].rstrip(" \t")
        if block.kind == "cell" and _DELIMITER_ROW.fullmatch(before):
            return []
        if block.kind == "cell" and before.endswith("|"):
            column, inserted = len(before) - 1, comment + " "
        else:
            column, inserted = len(before) - (1 if before.endswith("\\") else 0), " " + comment
        end = self.edits.position(lines, f.line - 1, column + 1)
        return [self._action(title, self.edits.edit(lsp.TextEdit(lsp.Range(end, end), inserted)))]


def code_actions(
    project: Project, shown: Published, found: list[tuple[Finding, lsp.Diagnostic]], edits: Edits
) -> list[lsp.CodeAction]:
    """What the editor offers for findings: replacements, [sic], the vocabulary, a comment."""
    if project.rules is None:
        return []
    text = normalize(shown.text)
    doc = parse(shown.path, text, project.options.ignores(shown.path) if project.options.ignores else None)
    by_id = {rule.id: rule for rule in project.rules}
    completed = complete([finding for finding, _ in found], project.rules, project.store)
    actions = []
    for finding, (_, diagnostic) in zip(completed, found, strict=True):
        rule = by_id.get(finding.rule)
        if rule is None:
            continue
        fix = _Fix(finding, diagnostic, edits)
        actions += fix.replacements(doc, rule)
        if finding.voice is not Voice.PROSE:
            actions.append(fix.sic())
        if rule.spec.extends == "spelling" and project.source is not None and project.loaded.vocab:
            actions.append(fix.to_vocabulary(shown.uri, project.loaded.vocab[0]))
        actions += fix.disable(doc, text.split("\n"))
    return actions


# --- the server ------------------------------------------------------------------------------


class _Protocol(LanguageServerProtocol):
    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        """pygls's own handler also applies the change to its copy of the file, counting lines as
        str.splitlines does (form feeds and U+2028 among them), not as LSP does; the server keeps
        its own copy (Buffer), so pygls's is left as opened."""
        handler = self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)
        if handler is not None:
            yield handler, (params,), None


class MslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("mslint", __version__, protocol_cls=_Protocol)
        self.buffers: dict[str, Buffer] = {}  # by URI
        self.projects: dict[str, Project] = {}  # by configuration file (or folder, without one)
        self.published: dict[str, Published] = {}  # by URI
        self.shut_down = False
        # One thread does everything that touches rules (they are not thread-safe), in order.
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="mslint")
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self._linting: set[str] = set()
        self._again: set[str] = set()  # projects changed while being linted
        self.saved: set[str] = set()  # projects to look at on disk again before their next lint
        self._tasks: set[asyncio.Task] = set()
        self._changed: dict[str, float] = {}  # when each project last changed
        self._unconfigured_since = 0.0
        self._faults: set[str] = set()  # internal errors told

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return getattr(encoding, "value", encoding)

    def project_of(self, buffer: Buffer) -> str | None:
        """The key of the project a file belongs to: its configuration file, else its folder."""
        folder = buffer.path.parent
        try:
            source = find_config(folder)
        except ConfigError as error:  # a pyproject.toml that cannot be read stops the search
            self.tell([("error", f"mslint: {error}")])
            self._unconfigured_since = time.monotonic()
            return None
        key = str(source or folder)
        if key not in self.projects:
            self.projects[key] = Project(source, folder)
        return key

    def retry_project(self, buffer: Buffer, force: bool = False) -> str | None:
        if not force and time.monotonic() - self._unconfigured_since < REFRESH_SECONDS:
            return None
        buffer.project = self.project_of(buffer)
        return buffer.project

    def schedule(self, project: str | None, delay: float) -> None:
        """Lint a project's open files: at once after a quiet `delay` (the first keystroke after a
        pause waits for nothing), else `delay` after the last of a burst of changes."""
        if project is None:
            return
        timer = self.timers.pop(project, None)
        if timer is not None:
            timer.cancel()
        now = time.monotonic()
        quiet = timer is None and project not in self._linting and now - self._changed.get(project, -delay) >= delay
        self._changed[project] = now
        self.timers[project] = asyncio.get_running_loop().call_later(0 if quiet else delay, self._start, project)

    def _start(self, project: str) -> None:
        self.timers.pop(project, None)
        task = asyncio.ensure_future(self.lint_project(project))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def lint_project(self, project: str) -> None:
        """Lint, and again as long as changes came meanwhile; one lint of a project at a time."""
        if project in self._linting:
            self._again.add(project)
            return
        self._linting.add(project)
        try:
            while True:
                self._again.discard(project)
                await self.lint_now(project)
                if project not in self._again:
                    return
        finally:
            self._linting.discard(project)

    async def lint_now(self, key: str) -> None:
        project = self.projects[key]
        buffers = [dataclasses.replace(b) for b in self.buffers.values() if b.project == key]
        files = {buffer.uri: (buffer.path, buffer.text) for buffer in buffers}
        saved = key in self.saved
        self.saved.discard(key)
        try:
            found, told = await asyncio.get_running_loop().run_in_executor(self.worker, project.lint, files, saved)
        except Exception as error:  # a fault of mslint's own: told once, and the server goes on
            fault = f"mslint: internal error: {type(error).__name__}: {error}; please report it"
            found, told = {}, [] if fault in self._faults else [("error", fault)]
            self._faults.add(fault)
        self.tell(told)
        links = {rule.id: rule.spec.link for rule in project.rules or () if rule.spec.link}
        for buffer in buffers:
            if buffer.uri in found and buffer.uri in self.buffers:
                self._publish(buffer, project.shown(buffer.path), found[buffer.uri], links)

    def _publish(self, buffer: Buffer, path: str, findings: list[Finding], links: dict[str, str]) -> None:
        lines = normalize(buffer.text).split("\n")
        bom = units("\ufeff", self.encoding) if buffer.text.startswith("\ufeff") else 0
        diagnostics = [_diagnostic(finding, lines, self.encoding, bom, links.get(finding.rule, "")) for finding in findings]
        before = self.published.get(buffer.uri)
        self.published[buffer.uri] = Published(
            buffer.uri, path, buffer.version, buffer.text, list(zip(findings, diagnostics, strict=True))
        )
        if before is None or (before.version, [d for _, d in before.found]) != (buffer.version, diagnostics):
            params = lsp.PublishDiagnosticsParams(uri=buffer.uri, diagnostics=diagnostics, version=buffer.version)
            self.text_document_publish_diagnostics(params)

    def tell(self, messages: list[Message]) -> None:
        for kind, message in messages:
            self.window_show_message(lsp.ShowMessageParams(type=KINDS[kind], message=message))


# --- what the editor asks: pygls calls these with the server as `ls` ---------------------------


def did_open(ls: MslintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    path = _file_path(document.uri)
    if path is not None:
        buffer = ls.buffers[document.uri] = Buffer(document.uri, path, document.text, document.version)
        buffer.project = ls.project_of(buffer)
        ls.schedule(buffer.project, 0)


def did_change(ls: MslintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    buffer = ls.buffers.get(params.text_document.uri)
    if buffer is None:
        return
    for change in params.content_changes:
        buffer.apply(change, ls.encoding)
    buffer.version = params.text_document.version
    ls.schedule(buffer.project or ls.retry_project(buffer), DEBOUNCE_SECONDS)


def did_save(ls: MslintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    buffer = ls.buffers.get(params.text_document.uri)
    if buffer is not None:
        project = buffer.project or ls.retry_project(buffer, force=True)
        if project is not None:
            ls.saved.add(project)
        ls.schedule(project, 0)


def did_close(ls: MslintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    buffer = ls.buffers.pop(params.text_document.uri, None)
    if buffer is not None:
        ls.published.pop(buffer.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=buffer.uri, diagnostics=[]))
        if any(other.project == buffer.project for other in ls.buffers.values()):
            ls.schedule(buffer.project, DEBOUNCE_SECONDS)  # what it said to the others is gone


async def code_action(ls: MslintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    buffer = ls.buffers.get(params.text_document.uri)
    only = params.context.only
    if buffer is None or buffer.project is None or (only and not any(QUICK_FIX.startswith(kind) for kind in only)):
        return []
    shown = ls.published.get(buffer.uri)
    if shown is None or shown.version != buffer.version:  # a change is waiting for its lint
        await ls.lint_now(buffer.project)
        shown = ls.published.get(buffer.uri)
    if shown is None:
        return []
    wanted = params.range
    found = [(f, d) for f, d in shown.found if _before(d.range.start, wanted.end) and _before(wanted.start, d.range.end)]
    if not found:
        return []
    workspace = ls.client_capabilities.workspace
    versioned = bool(workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes)
    bom = units("\ufeff", ls.encoding) if shown.text.startswith("\ufeff") else 0
    edits = Edits(shown.uri, shown.version, ls.encoding, bom, versioned, "\r\n" if "\r\n" in shown.text else "\n")
    project = ls.projects[buffer.project]
    return await asyncio.get_running_loop().run_in_executor(ls.worker, code_actions, project, shown, found, edits)


async def add_to_vocabulary(ls: MslintServer, uri: str, word: str) -> None:
    buffer = ls.buffers.get(uri)
    if buffer is None or buffer.project is None:
        return
    project = ls.projects[buffer.project]
    ls.tell(await asyncio.get_running_loop().run_in_executor(ls.worker, project.add_to_vocabulary, word))
    for key in {b.project for b in ls.buffers.values() if b.project is not None}:
        ls.saved.add(key)  # the vocabulary may be another project's too
        await ls.lint_project(key)


def on_shutdown(ls: MslintServer, *args) -> None:
    """Write what the rules learned to the cache, then wait for exit."""
    ls.shut_down = True
    for timer in ls.timers.values():
        timer.cancel()
    for project in ls.projects.values():
        ls.worker.submit(project.flush).result(timeout=30)


def _before(a: lsp.Position, b: lsp.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def _diagnostic(finding: Finding, lines: list[str], encoding: str, bom: int, link: str = "") -> lsp.Diagnostic:
    """A finding as the editor shows it; the rule's `link`, when it is a web page, on its name."""
    start = client_position(lines, finding.line, finding.column, encoding, bom)
    end = client_position(lines, finding.end_line, finding.end_column, encoding, bom)
    message = finding.message + (f" (also {', '.join(finding.also)})" if finding.also else "")
    page = lsp.CodeDescription(href=link) if link.startswith(("https://", "http://")) else None
    severity = SEVERITY[finding.level]
    return lsp.Diagnostic(lsp.Range(start, end), message, severity, code=finding.rule, code_description=page, source="mslint")


def build_server() -> MslintServer:
    server = MslintServer()
    for method, handler in (
        (lsp.TEXT_DOCUMENT_DID_OPEN, did_open),
        (lsp.TEXT_DOCUMENT_DID_CHANGE, did_change),
        (lsp.TEXT_DOCUMENT_DID_SAVE, did_save),
        (lsp.TEXT_DOCUMENT_DID_CLOSE, did_close),
        (lsp.SHUTDOWN, on_shutdown),
    ):
        server.feature(method)(handler)
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[QUICK_FIX]))(code_action)
    server.command(ADD_TO_VOCABULARY)(add_to_vocabulary)
    return server


def serve() -> int:
    """Serve on standard input and output until the editor says exit: 0 after a shutdown
    request, 1 without one (as LSP asks)."""
    # Anything printed (a library's warning) would break the protocol: standard output, and the
    # file descriptor under it, go to standard error; the protocol keeps its own copy of them.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    cores.forbid_forking()  # a server has threads
    server = build_server()
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0 if server.shut_down else 1
