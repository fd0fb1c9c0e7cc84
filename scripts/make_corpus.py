#!/usr/bin/env python3
"""Write uncurated Markdown manuscripts from documentation this machine already has.

Nobody tuned mslint's rules or vocabulary for these texts, so they show how fast and how noisy
it is on a book it has never seen. Two corpora, each a folder of Markdown chapters:

  technical  the GNU manuals of coreutils, findutils, diffutils, sed, grep and gzip, from their
             Info files in /usr/share/info (Debian installs them with those packages): one file
             per chapter; headings, paragraphs, definition terms, lists, and indented examples as
             fenced code. About 200,000 words, thousands of them in no dictionary.
  prose      articles, tutorials and FAQs from Perl's own documentation, the .pod files of the
             Debian package perl-modules-5.NN (installed with perl): one file per document,
             about 29,000 words of edited prose (outside code blocks) with code examples.

Usage:

  python scripts/make_corpus.py FOLDER [--corpus technical|prose|all]

writes FOLDER/technical and FOLDER/prose (the folders must not exist yet, or be empty) and
prints the words and files of each. The same sources give the same files, byte for byte.
Exit status 2 when a source is missing, naming the package that installs it.
"""

from __future__ import annotations

import argparse
import gzip
import html.entities
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

INFO_FOLDER = Path("/usr/share/info")
INFO_MANUALS = ("coreutils", "find", "diffutils", "sed", "grep", "gzip")  # Debian: coreutils, findutils, ...
PERL_FOLDERS = (Path("/usr/share/perl"),)
# Prose-heavy documents, in reading order: an article, tutorials, FAQs, then module manuals.
PERL_DOCUMENTS = (
    "Locale/Maketext/TPJ13.pod",
    "Test/Tutorial.pod",
    "ExtUtils/MakeMaker/Tutorial.pod",
    "ExtUtils/MakeMaker/FAQ.pod",
    "TAP/Harness/Beyond.pod",
    "IO/Compress/FAQ.pod",
    "Net/libnetFAQ.pod",
    "Locale/Maketext.pod",
    "Locale/Maketext/Cookbook.pod",
    "Test2/Transition.pod",
    "Pod/Simple.pod",
    "Encode/Supported.pod",
)
CORPORA = ("technical", "prose")


class SourceMissing(Exception):
    pass


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    files: int
    words: int  # as `wc -w` counts the Markdown
    prose_words: int  # the same outside fenced code blocks: what the rules read
    sources: tuple[str, ...]


# --- Markdown text ------------------------------------------------------------------------------

_LINE_START = re.compile(r"^(\s*)([-+*]\s|#{1,6}(\s|$)|>|\d{1,9}[.)](\s|$)|=+\s*$|-+\s*$|`{3,}|~{3,})")
_MARKDOWN_SPECIAL = re.compile(r"[\\`*<\[\]]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")


def escape(text: str) -> str:
    """Text that Markdown shows as written: emphasis, code, HTML and link marks escaped; URLs in <> kept as links."""
    parts = _AUTOLINK.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), parts[index])
    for index in range(1, len(parts), 2):
        parts[index] = f"<{parts[index]}>"
    return "".join(parts)


def code_span(text: str) -> str:
    """A code span of `text` on one line (a line break inside a span could start a list item)."""
    text = " ".join(text.split("\n"))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def paragraph(lines: Iterable[str]) -> str:
    """Lines of a paragraph, each kept as the source wrapped it, none read as a block marker."""
    return "\n".join(_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line.strip()) for line in lines)


def fenced(lines: list[str]) -> str:
    """A fenced code block, dedented, long enough to hold any fence inside it."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    body = [line[margin:].rstrip() for line in lines]
    fence = "`" * max(3, max((len(run) + 1 for line in body for run in re.findall(r"^\s*(`{3,})", line)), default=3))
    return "\n".join([fence, *body, fence])


def count_words(markdown: str) -> tuple[int, int]:
    """(all words, words outside fenced code), as `wc -w` splits them."""
    total = prose = 0
    fence = ""
    for line in markdown.splitlines():
        words = len(line.split())
        total += words
        marker = re.match(r"\s*(`{3,}|~{3,})", line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)
            continue
        if not fence:
            prose += words
    return total, prose


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "untitled"


# --- GNU Info ------------------------------------------------------------------------------------

_NODE_HEADER = re.compile(r"^File: [^,]+,\s+Node: ([^,\n]+)")
_UNDERLINE = {"*": 1, "=": 2, "-": 3, ".": 4}
_BULLET = re.compile(r"^( *)(•|\d{1,2}\.) +(?=\S)")
_XREF = re.compile(r"\*[Nn]ote[ \n]+([^:*]+?)::|\*[Nn]ote[ \n]+([^:*]+?):[ \n]*(?:\([^)]*\))?[^.,:*]*?([.,])", re.S)
_INFO_CODE = re.compile(r"‘([^‘’]+?)’")
_INFO_EMPHASIS = re.compile(r"(?<![\w*])_([^_\s][^_]*?)_(?!\w)|(?<![\w*])\*([^*\s][^*\n]*?)\*(?![\w*])")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)+|Appendix [A-Z])\.?\s+")
_SKIPPED_NODES = re.compile(r"index$|^GNU Free Documentation License$|^Copying This Manual$", re.I)


def info_text(manual: str) -> str:
    """The whole manual, its split files (manual.info-1, -2...) joined in order."""
    path = INFO_FOLDER / f"{manual}.info.gz"
    if not path.is_file():
        raise SourceMissing(f"{path} is missing; it comes with the Debian package that installs `{manual}` (apt-get install)")
    text = _gunzip(path)
    if "\nIndirect:\n" not in text:
        return text
    table = text.split("\nIndirect:\n", 1)[1].split("\x1f", 1)[0]
    parts = [line.split(":", 1)[0] for line in table.splitlines() if ":" in line]
    return "".join(_gunzip(INFO_FOLDER / f"{part}.gz") for part in parts)


def _gunzip(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def info_nodes(text: str) -> Iterator[tuple[str, list[str]]]:
    """(node name, body lines) of each node, in the order of the file."""
    for chunk in text.split("\x1f"):
        lines = chunk.strip("\n").split("\n")
        match = _NODE_HEADER.match(lines[0]) if lines else None
        if match:
            yield match.group(1).strip(), lines[1:]


def info_inline(text: str) -> str:
    """Info's marks for code (‘x’), emphasis (_x_, *x*) and cross references, as Markdown."""
    text = _XREF.sub(lambda m: m.group(1) or (m.group(2) + m.group(3)), text)
    pieces = _INFO_CODE.split(text)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(code_span(piece))
            continue
        escaped = []
        last = 0
        for match in _INFO_EMPHASIS.finditer(piece):
            escaped.append(escape(piece[last : match.start()]))
            inner = match.group(1) or match.group(2)
            escaped.append(f"*{escape(inner)}*" if match.group(1) else f"**{escape(inner)}**")
            last = match.end()
        escaped.append(escape(piece[last:]))
        out.append("".join(escaped))
    return "".join(out)


def _is_term_group(lines: list[str], start: int, indent: int) -> bool:
    """Lines from `start` at `indent` are a definition's terms when the next line is indented by 5 more.

    A blank line may come before the definition's body when the terms are quoted (options, names).
    """
    quoted = True
    for line in lines[start : start + 6]:
        stripped = line.strip()
        if not stripped:
            if not quoted or line is lines[start]:
                return False
            continue
        here = len(line) - len(line.lstrip(" "))
        if here == indent + 5:
            return True
        if here != indent or len(stripped) > 60 or stripped[-1] in ".:;,":
            return False
        quoted = quoted and stripped.startswith("‘")
    return False


def info_blocks(lines: list[str]) -> Iterator[tuple[str, list[str]]]:
    """(kind, lines) for a node's body: heading, paragraph, term, item, code.

    Info indents an example 5 columns past the text around it, a definition's body 5 past its
    term, and a list item's text past its bullet; a stack of those text margins tells an
    example from the body of a definition.
    """
    margins = [0]
    kind = ""
    block: list[str] = []
    after_blank = True
    for number, line in enumerate(lines):
        if not line.strip():
            if kind and kind != "code":
                yield kind, block
                kind, block = "", []
            elif kind == "code":
                block.append("")
            after_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        bullet = _BULLET.match(line)
        if indent >= margins[-1] + 5 and not bullet:
            role = "code"
        elif bullet and (bullet.group(2) == "•" or indent >= 1):
            role = "item"
            while len(margins) > 1 and margins[-1] > indent:
                margins.pop()
            margins.append(bullet.end())
        elif kind == "term" and indent == margins[-1] - 5:
            role = "term"
        else:
            while len(margins) > 1 and margins[-1] > indent:
                margins.pop()
            role = "item" if kind == "item" and not after_blank else "paragraph"
            leaving_body = number > 0 and len(lines[number - 1]) - len(lines[number - 1].lstrip(" ")) >= indent + 5
            if (after_blank or leaving_body) and indent == margins[-1] and _is_term_group(lines, number, indent):
                role = "term"
                margins.append(indent + 5)
        if kind and (role != kind or bullet or (role == "paragraph" and after_blank)):
            yield kind, block
            kind, block = "", []
        kind = role
        block.append(line)
        after_blank = False
    if kind:
        yield kind, block


def info_markdown(name: str, lines: list[str]) -> tuple[int, str]:
    """A node as Markdown: (heading level, text); level 0 when the node has no title."""
    end = len(lines)
    for index, line in enumerate(lines):
        if line.startswith("* Menu:") or line.strip() == "---------- Footnotes ----------":
            end = index
            break
    lines = lines[:end]
    while lines and not lines[0].strip():
        lines = lines[1:]
    level, title = 0, name
    if len(lines) > 1 and lines[1] and set(lines[1]) <= set(_UNDERLINE) and len(set(lines[1])) == 1:
        level, title = _UNDERLINE[lines[1][0]], lines[0].strip()
        lines = lines[2:]
    parts = [f"{'#' * max(level, 1)} {info_inline(_SECTION_NUMBER.sub('', title))}"]
    pending: list[str] = []  # code lines, joined across blank lines
    for kind, block in info_blocks(lines):
        if kind == "code":
            pending += [*block, ""]
            continue
        if pending:
            parts.append(fenced(pending))
            pending = []
        if kind == "term":
            parts.append(paragraph([info_inline(", ".join(line.strip() for line in block))]))
        elif kind == "item":
            marker = _BULLET.match(block[0])
            assert marker is not None
            prefix = "- " if marker.group(2) == "•" else marker.group(2) + " "
            text = info_inline("\n".join([block[0][marker.end() :], *(line.strip() for line in block[1:])]))
            parts.append(prefix + paragraph(text.split("\n")))
        else:
            parts.append(paragraph(info_inline("\n".join(line.strip() for line in block)).split("\n")))
    if pending:
        parts.append(fenced(pending))
    return level, "\n\n".join(parts) + "\n"


def technical_chapters() -> Iterator[tuple[str, str]]:
    """(file name, Markdown) for each chapter of each manual: a chapter runs to the next level-1 node."""
    for manual in INFO_MANUALS:
        number = 0
        chapter: list[str] = []
        for name, lines in info_nodes(info_text(manual)):
            if _SKIPPED_NODES.search(name):
                continue
            level, text = info_markdown(name, lines)
            if level == 1 and chapter:
                yield f"{manual}-{number:02d}.md", "\n".join(chapter)
                number, chapter = number + 1, []
            chapter.append(text)
        if chapter:
            yield f"{manual}-{number:02d}.md", "\n".join(chapter)


# --- Perl's POD ----------------------------------------------------------------------------------

_POD_CODE = re.compile(r"([BCEFILSXZ])(<+)")
_CPAN = "https://metacpan.org/pod/"


@dataclass(frozen=True)
class Code:
    letter: str
    raw: str  # the text between the brackets, as written
    children: tuple[Code | str, ...]


def pod_parse(text: str) -> tuple[Code | str, ...]:
    nodes, _ = _pod_parse(text, 0, None)
    return nodes


def _pod_parse(text: str, pos: int, closer: re.Pattern[str] | None) -> tuple[tuple[Code | str, ...], int]:
    """Formatting codes, nested: C<x>, and C<< x >> whose content may hold single brackets."""
    nodes: list[Code | str] = []
    plain: list[str] = []
    while pos < len(text):
        if closer is not None:
            end = closer.match(text, pos)
            if end:
                break
        opener = _POD_CODE.match(text, pos)
        if opener and (len(opener.group(2)) == 1 or text[opener.end() : opener.end() + 1].isspace()):
            brackets = len(opener.group(2))
            inner_closer = re.compile(">" if brackets == 1 else r"\s+" + ">" * brackets)
            start = opener.end()
            while brackets > 1 and start < len(text) and text[start].isspace():
                start += 1
            children, stop = _pod_parse(text, start, inner_closer)
            if plain:
                nodes.append("".join(plain))
                plain = []
            nodes.append(Code(opener.group(1), text[start:stop], children))
            finished = inner_closer.match(text, stop)
            pos = finished.end() if finished else stop
            continue
        plain.append(text[pos])
        pos += 1
    if plain:
        nodes.append("".join(plain))
    return tuple(nodes), pos


def _entity(name: str) -> str:
    if name.isdigit() or name.lower().startswith("0x"):
        return chr(int(name, 0))
    return {"verbar": "|", "sol": "/", "lt": "<", "gt": ">"}.get(name) or html.entities.html5.get(name + ";", "")


def pod_plain(nodes: Iterable[Code | str]) -> str:
    """The text of formatting codes, with no Markdown: for code spans and link targets."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.letter == "E":
            out.append(_entity(node.raw.strip()))
        elif node.letter not in "XZ":
            out.append(pod_plain(node.children))
    return "".join(out)


def pod_markdown(nodes: Iterable[Code | str]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape(node))
        elif node.letter in "CF":
            out.append(code_span(pod_plain(node.children)))
        elif node.letter == "B":
            out.append(f"**{pod_markdown(node.children)}**")
        elif node.letter == "I":
            out.append(f"*{pod_markdown(node.children)}*")
        elif node.letter == "E":
            out.append(escape(_entity(node.raw.strip())))
        elif node.letter == "L":
            out.append(pod_link(node.raw))
        elif node.letter == "S":
            out.append(pod_markdown(node.children))
    return "".join(out)


def pod_link(raw: str) -> str:
    """L<text|target>, L<Module::Name>, L<name/"section">, L</section>, L<https://...>, as pod2markdown has them."""
    text, _, target = raw.rpartition("|") if "|" in raw else ("", "", raw)
    target = pod_plain(pod_parse(target)).strip()
    if re.match(r"\w+:[^:\s]\S*$", target):
        return f"[{pod_markdown(pod_parse(text))}]({target})" if text else f"<{target}>"
    name, _, section = target.partition("/")
    section = section.strip('"')
    if text:
        label = pod_markdown(pod_parse(text))
    elif name and section:
        label = f'"{escape(section)}" in {escape(name)}'
    else:
        label = escape(name or section)
    url = (_CPAN + name if name else "") + (f"#{slug(section)}" if section else "")
    return f"[{label}]({url})"


def pod_paragraphs(text: str) -> Iterator[str]:
    """The POD paragraphs of a file, blank-line separated, leaving out what comes between =cut and a command."""
    in_pod = False
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        if not chunk.strip("\n"):
            continue
        chunk = chunk.strip("\n")
        if chunk.startswith("=cut"):
            in_pod = False
        elif chunk.startswith("="):
            in_pod = True
            yield chunk
        elif in_pod:
            yield chunk


def pod_to_markdown(text: str) -> str:
    """A POD document as Markdown: =head as headings, =over lists (block quotes when they have no =item)."""
    parts: list[str] = []
    lists: list[str] = []  # per open =over: "" until its first =item, then "bullet", "number" or "term"
    bullet_next = ""  # the marker to put before the next paragraph (=item * on a line of its own)
    skipping = ""  # the format of a =begin block being left out
    verbatim: list[str] = []
    for chunk in pod_paragraphs(text):
        if skipping:
            if re.match(rf"=end\s+{re.escape(skipping)}\b", chunk):
                skipping = ""
            continue
        if chunk[0] in " \t":
            verbatim += [*chunk.split("\n"), ""]
            continue
        if verbatim:
            parts.append(fenced(verbatim))
            verbatim = []
        if chunk.startswith("="):
            command, _, rest = chunk[1:].partition(" ") if " " in chunk.split("\n")[0] else (chunk[1:].split("\n")[0], "", "")
            command = command.split("\n")[0]
            rest = rest.strip()
            if command.startswith("head") and command[4:].isdigit():
                parts.append(f"{'#' * int(command[4:])} {pod_markdown(pod_parse(' '.join(rest.split())))}")
            elif command == "over":
                lists.append("")
            elif command == "back" and lists:
                lists.pop()
            elif command == "item":
                bullet_next = ""
                if rest in ("", "*", "-", "+", "o") or rest.startswith(("* ", "- ")):
                    kind, marker, rest = "bullet", "- ", rest[1:].strip()
                elif re.match(r"\d+\.?(\s|$)", rest):
                    number, _, rest = rest.partition(" ")
                    kind, marker = "number", number.rstrip(".") + ". "
                else:
                    kind, marker = "term", ""
                if lists:
                    lists[-1] = kind
                if kind == "term":
                    parts.append(f"**{pod_markdown(pod_parse(rest))}**")
                elif rest:
                    parts.append(marker + paragraph(pod_markdown(pod_parse(rest)).split("\n")))
                else:
                    bullet_next = marker
            elif command == "begin":
                skipping = rest.split()[0] if rest else ""
            continue
        body = paragraph(pod_markdown(pod_parse(chunk)).split("\n"))
        if bullet_next:
            body, bullet_next = bullet_next + body, ""
        elif lists and lists[-1] == "":
            body = "\n".join("> " + line for line in body.split("\n"))
        parts.append(body)
    if verbatim:
        parts.append(fenced(verbatim))
    return "\n\n".join(parts) + "\n"


def perl_folder() -> Path:
    """The newest Perl library folder that holds the documents."""
    candidates = sorted(
        (folder for base in PERL_FOLDERS if base.is_dir() for folder in base.iterdir() if (folder / PERL_DOCUMENTS[0]).is_file()),
        key=lambda folder: [int(part) for part in re.findall(r"\d+", folder.name)],
    )
    if not candidates:
        raise SourceMissing(
            f"no {PERL_DOCUMENTS[0]} under {', '.join(map(str, PERL_FOLDERS))}; it comes with the Debian package "
            "perl-modules-5.NN (apt-get install perl)"
        )
    return candidates[-1]


def prose_chapters() -> Iterator[tuple[str, str]]:
    folder = perl_folder()
    for number, document in enumerate(PERL_DOCUMENTS):
        path = folder / document
        if not path.is_file():
            raise SourceMissing(f"{path} is missing; it comes with the Debian package perl-modules-5.NN (apt-get install perl)")
        stem = document.removesuffix(".pod").replace("/", "-").lower()
        yield f"{number:02d}-{stem}.md", pod_to_markdown(path.read_text(encoding="utf-8"))


# --- the corpora ---------------------------------------------------------------------------------


def sources(name: str) -> tuple[str, ...]:
    if name == "technical":
        return tuple(f"{INFO_FOLDER}/{manual}.info.gz" for manual in INFO_MANUALS)
    return tuple(str(perl_folder() / document) for document in PERL_DOCUMENTS)


def build(name: str, folder: Path) -> Corpus:
    """Write corpus `name` into `folder` (made if missing; it must hold no Markdown yet)."""
    chapters = technical_chapters() if name == "technical" else prose_chapters()
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob("*.md")):
        raise SourceMissing(f"{folder} already holds Markdown files; give an empty or new folder")
    files = words = prose_words = 0
    for file_name, markdown in chapters:
        (folder / file_name).write_text(markdown, encoding="utf-8")
        total, prose = count_words(markdown)
        files, words, prose_words = files + 1, words + total, prose_words + prose
    return Corpus(name, folder, files, words, prose_words, sources(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the corpora, one subfolder each")
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all")
    args = parser.parse_args(argv)
    try:
        for name in CORPORA if args.corpus == "all" else (args.corpus,):
            corpus = build(name, args.folder / name)
            print(
                f"{corpus.folder}: {corpus.words:,} words ({corpus.prose_words:,} outside code blocks) "
                f"in {corpus.files} files, from {len(corpus.sources)} sources"
            )
    except SourceMissing as error:
        print(f"make_corpus: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
