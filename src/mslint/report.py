"""mslint report: the book in one HTML file, each finding highlighted in its chapter's text.

The page is the template in templates/report.html, filled with the chapters as rendered (see
highlight.py), its stylesheet and script, and the report's data as JSON, which the script reads
to build the filters, the list of findings, the charts and the book's tables. Nothing in it
loads anything: its Content-Security-Policy allows only its own style and script, by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import cast

import regex

from . import __version__, stylesheet
from .document import Document, line_starts
from .engine import Result
from .files import SUFFIXES, write_atomic
from .finding import Finding, Level, Voice
from .highlight import Attributes, Rendered, Span, render
from .limits import RuleTimeout
from .ruletypes import RuleType
from .unknown import unknown_words

TEMPLATES = Path(__file__).parent / "templates"
DATA_VERSION = 1
OUTPUT_SUFFIXES = (".html", ".htm")
_WORD = regex.compile(r"\w+(?:[’'-]\w+)*")


class ReportError(Exception):
    """The report cannot be written where asked; the message says why."""


@dataclass(frozen=True)
class Book:
    """What a report is made of: the lint result (its rules are those that ran) and every file's
    Document, the chapters reported and the rest of the manuscript."""

    result: Result
    docs: dict[str, Document]
    title: str


def build(book: Book) -> str:
    """The whole HTML page."""
    data = report_data(book)
    chapters = []
    for number, path in enumerate(book.result.paths):
        rendered = render_chapter(book.result, path, number)
        for index in rendered.marked:
            data["findings"][index]["marked"] = True
        chapters.append(
            _fill(
                "report-chapter.html", id=f"chapter-{number + 1}", number=str(number), path=html.escape(path), text=rendered.html
            )
        )
    return page(data, "".join(chapters), book.title)


def render_chapter(result: Result, path: str, number: int) -> Rendered:
    """A chapter's HTML with its findings highlighted (each finding by its number in the report)."""
    text = result.texts[path]
    starts = line_starts(text)
    spans = [
        Span(index, _offset(starts, f.line, f.column), _offset(starts, f.end_line, f.end_column))
        for index, f in enumerate(result.findings)
        if f.path == path
    ]
    return render(path, text, spans, _mark_attributes(result.findings), name=f"c{number + 1}")


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(line, len(starts)) - 1] + column - 1


def _mark_attributes(findings: list[Finding]) -> Attributes:
    """The attributes of a finding's <mark>: the first holds where it starts and is focusable;
    others continue it across markup (`more`)."""

    def attributes(index: int, first: bool) -> str:
        f = findings[index]
        if not first:
            return f'class="finding more level-{f.level}" data-finding="{index}"'
        return (
            f'class="finding level-{f.level}" id="finding-{index}" data-finding="{index}" '
            f'data-rule="{html.escape(f.rule)}" data-level="{f.level}" data-line="{f.line}" data-column="{f.column}" '
            f'data-voice="{f.voice}" tabindex="0" aria-describedby="tip"'
        )

    return attributes


def report_data(book: Book) -> dict:
    """Everything the page's script shows, as plain data."""
    result = book.result
    chapter_of = {path: number for number, path in enumerate(result.paths)}
    findings = [{**f.fields(), "also": list(f.also), "chapter": chapter_of[f.path], "marked": False} for f in result.findings]
    rules_found = Counter(f.rule for f in result.findings)
    specs = {rule.id: rule.spec for rule in result.rules}
    chapters = [
        {
            "id": f"chapter-{number + 1}",
            "path": path,
            "words": word_count(book.docs[path]),
            "findings": dict(Counter(f.rule for f in result.findings if f.path == path).most_common()),
        }
        for number, path in enumerate(result.paths)
    ]
    reported = [book.docs[path] for path in result.paths]
    return {
        "version": DATA_VERSION,
        "mslint": __version__,
        "title": book.title,
        "levels": [str(level) for level in reversed(Level)],
        "voices": [str(voice) for voice in Voice],
        "rules": {
            rule: {
                "description": specs[rule].description if rule in specs else "",
                "link": specs[rule].link if rule in specs else "",
            }
            for rule in sorted(rules_found)
        },
        "chapters": chapters,
        "findings": findings,
        "errors": [{"path": e.path, "message": e.message, "line": e.line} for e in result.errors],
        "scare_quotes": scare_quote_table(reported, result.rules),
        "variants": variant_table(result),
        "unknown_words": unknown_word_table(reported, result.rules),
        "stylesheet": stylesheet.plain(stylesheet.tables(stylesheet.book_entries(result))),
    }


def word_count(doc: Document) -> int:
    """The words a reader reads: those of the prose blocks, code and addresses left out."""
    return sum(len(_WORD.findall(block.text)) for block in doc.blocks)


def scare_quote_table(docs: list[Document], rules: list[RuleType]) -> list[dict]:
    """For each scare-quotes rule, each term's uses in quotation marks and bare, chapter by chapter."""
    tables: list[dict] = []
    for rule in rules:
        if rule.spec.extends != "scare-quotes":
            continue
        terms = list(rule.spec.options["terms"])
        by_case = {term.casefold(): term for term in terms}
        counts = {term: [[0, 0] for _ in docs] for term in terms}
        try:
            for number, doc in enumerate(docs):
                for quoted, _, _, term in rule.occurrences(doc):  # type: ignore[attr-defined]
                    counts[by_case.get(term.casefold(), term)][number][0 if quoted else 1] += 1
        except RuleTimeout as error:
            tables.append({"rule": rule.id, "style": rule.spec.options.get("style"), "terms": [], "error": str(error)})
            continue
        rows = [{"term": term, "chapters": counts[term]} for term in terms]
        tables.append({"rule": rule.id, "style": rule.spec.options.get("style", "consistent"), "terms": rows})
    return tables


def variant_table(result: Result) -> list[dict]:
    """Each name or word spelled two ways, as the variants rules judged the whole manuscript in
    the lint: from its facts and verdicts, no file read again."""
    rows = []
    for rule in result.rules:
        if rule.spec.extends != "variants" or rule.id not in result.verdicts:
            continue  # not a variants rule, or one that stopped (a pattern ran out of time)
        verdict = cast(dict, result.verdicts[rule.id])  # variant -> (uses, kept, its uses, recorded)
        for variant, (uses, kept, kept_uses, _) in sorted(verdict.items(), key=lambda item: item[0].casefold()):
            where = [path for path, facts in sorted(result.facts.items()) if variant in facts.observations[rule.id]["unknown"]]  # type: ignore[index]
            rows.append({"rule": rule.id, "variant": variant, "uses": uses, "keep": kept, "keep_uses": kept_uses, "paths": where})
    return rows


def unknown_word_table(docs: list[Document], rules: list[RuleType]) -> dict:
    """The words no dictionary or vocabulary knows, most used first, as mslint vocab unknown lists them."""
    spelling = next((rule for rule in rules if rule.spec.extends == "spelling"), None)
    if spelling is None:
        return {"rule": None, "words": []}
    try:
        found = unknown_words(docs, spelling)  # type: ignore[arg-type]
    except RuleTimeout:
        return {"rule": spelling.id, "words": []}
    words = [{"word": w.word, "uses": w.uses, "path": w.first[0], "line": w.first[1], "column": w.first[2]} for w in found]
    return {"rule": spelling.id, "words": words}


# --- the page -----------------------------------------------------------------------------------


def page(data: dict, chapters: str, title: str) -> str:
    """The template filled: the chapters' HTML, the data as JSON that no text can end early, and
    the style and script allowed by their hashes, so that nothing else on the page can run."""
    style = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    policy = (
        f"default-src 'none'; script-src '{_digest(script)}'; style-src '{_digest(style)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return _fill(
        "report.html",
        policy=policy,
        title=html.escape(title),
        style=style,
        script=script,
        chapters=chapters,
        data=embedded_json(data),
    )


def embedded_json(data: dict) -> str:
    """JSON for a <script type="application/json">: `<`, `>` and `&` escaped, so that no text
    (`</script>`, `<!--`) can end or change the element; ASCII, so no file name's bytes can break it."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _digest(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def _fill(template: str, **values: str) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


# --- writing it ---------------------------------------------------------------------------------


def check_output(path: Path) -> None:
    """Refuse, before any work, a path that would overwrite the manuscript, or is no HTML file
    (a configuration, a rule, a vocabulary); a link is replaced, never written through."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        raise ReportError(f"{path}: refusing to overwrite a manuscript file; name the report something.html")
    if not name.endswith(OUTPUT_SUFFIXES):
        raise ReportError(f"{path}: the report is an HTML file; give -o a name ending in .html")
    if path.is_dir():
        raise ReportError(f"{path}: is a folder; give -o a file name, such as {path / 'report.html'}")
    if not path.parent.is_dir():
        raise ReportError(f"cannot write {path}: no folder {path.parent}")


def write(path: Path, text: str) -> None:
    """Write the report whole or not at all; a lone surrogate (a file name that is not UTF-8) is
    written as its escape."""
    try:
        write_atomic(path, text.encode("utf-8", "backslashreplace"))
    except OSError as error:
        raise ReportError(f"cannot write {path}: {error.strerror or error}") from None
