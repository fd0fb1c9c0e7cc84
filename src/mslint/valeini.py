"""Vale's configuration (`.vale.ini`), read into mslint's: a Vale user's project runs as it is.

The core settings (before any section): StylesPath (Vale's default folder when not set), MinAlertLevel,
Vocab, Packages (styles already unpacked under StylesPath: mslint downloads nothing),
IgnoredScopes and SkippedScopes (the Markdown to leave unread, by HTML's names for it), and
IgnoredClasses (raw HTML's inline elements to leave unread, by class). Each `[glob]` section says, for the files its glob matches,
which styles to use (BasedOnStyles) and which rules to turn on, off, or to another level
(`Style.Rule = YES|NO|suggestion|warning|error`); later sections override earlier ones, as in
Vale. BlockIgnores and TokenIgnores are patterns of text to leave unread.
"""

from __future__ import annotations

import configparser
import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .files import UnreadableFile, decode, read_setting
from .finding import Level, closest_name

# Vale's file names, in the order Vale itself looks for them in a folder.
VALE_FILES = (".vale.ini", "_vale.ini", ".vale", "_vale", "vale.ini")
_CORE = "mslint:core"  # the section name given to the settings before the first [glob]
_LISTS = ("BasedOnStyles", "BlockIgnores", "TokenIgnores")
# Settings mslint reads, or accepts because the markup they concern never reaches its rules.
CORE_KEYS = (
    "StylesPath",
    "MinAlertLevel",
    "Vocab",
    "Packages",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "WordTemplate",
    "NLPEndpoint",
)
# IgnorePatterns is BlockIgnores' older name; CommentDelimiters names the comments of formats
# mslint does not read (MDX's `{/* */}`), Transform an XSLT for XML, Lang a LanguageTool language.
SECTION_KEYS = ("BasedOnStyles", "BlockIgnores", "IgnorePatterns", "TokenIgnores", "CommentDelimiters", "Transform", "Lang")
# Sections that are not globs: [formats] maps other file extensions onto formats Vale reads,
# [asciidoctor] sets AsciiDoc attributes; mslint reads Markdown and text only.
_NOT_GLOBS = (_CORE, "formats", "asciidoctor")


class ValeConfigError(Exception):
    pass


@dataclass(frozen=True)
class Section:
    """One `[glob]` section: the styles and rule levels for the files its glob matches."""

    glob: str
    styles: tuple[str, ...] = ()
    levels: dict[str, str] = field(default_factory=dict)  # rule id -> YES, NO, or a level's name
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()

    def matches(self, relative: str) -> bool:
        """Whether the glob takes in a file, by its path from the configuration's folder."""
        name = relative if "/" in self.glob else relative.rsplit("/", 1)[-1]
        return _glob_pattern(self.glob, "/" in self.glob).fullmatch(name) is not None


@dataclass(frozen=True)
class ValeSettings:
    """What a .vale.ini says, before it becomes mslint's Config."""

    styles_path: str | None = None  # None: not set, Vale's default folder then
    min_level: Level = Level.SUGGESTION
    vocab: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    ignored_scopes: tuple[str, ...] = ()  # IgnoredScopes: inline markup whose text is not read
    skipped_scopes: tuple[str, ...] = ()  # SkippedScopes: blocks not read
    ignored_classes: tuple[str, ...] = ()  # IgnoredClasses: raw HTML elements of these classes are not read

    @property
    def styles(self) -> tuple[str, ...]:
        """Every style some section uses, in order of first mention."""
        return tuple(dict.fromkeys(style for section in self.sections for style in section.styles))

    @property
    def named_rules(self) -> tuple[str, ...]:
        """The rules some section turns on one by one (`Style.Rule = YES` or a level) whose style
        no section uses whole: Vale loads each of them alone."""
        styles = set(self.styles)
        return tuple(
            dict.fromkeys(
                rule_id
                for section in self.sections
                for rule_id, switch in section.levels.items()
                if switch != "NO" and rule_id.split(".", 1)[0] not in styles
            )
        )


def read_vale_ini(path: Path) -> ValeSettings:
    """The settings of a Vale configuration file; ValeConfigError naming the file, line and fix."""
    try:
        text = decode(read_setting(path)).removeprefix("\ufeff")  # as Vale's reader, and Windows editors write one
    except OSError as error:
        raise ValeConfigError(f"{path}: cannot read the config: {error.strerror}") from None
    except UnreadableFile as error:
        raise ValeConfigError(f"{path}: {error.message}") from None
    parser = configparser.ConfigParser(
        interpolation=None, strict=False, delimiters=("=",), comment_prefixes=("#", ";"), empty_lines_in_values=False
    )
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # Vale's keys are case-sensitive
    try:
        parser.read_string(f"[{_CORE}]\n{text}", source=str(path))
    except configparser.ParsingError as error:
        line = error.errors[0][0] - 1  # the first line it could not read, counted after the line put on top
        written = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
        raise ValeConfigError(
            f"{path}:{line}: {written.strip()[:60]!r} is neither `Key = value` nor a [glob] section; "
            "write one of those, or # before a comment"
        ) from None
    except configparser.Error as error:
        raise ValeConfigError(
            f"{path}: not a Vale configuration ({_first_line(error)}); write `Key = value` lines and [glob] sections"
        ) from None
    core = parser[_CORE]
    for key in core:
        if key not in CORE_KEYS and not key.startswith("mslint."):
            raise ValeConfigError(
                f"{path}: unknown setting {key!r} before the first [glob] section; Vale's are {', '.join(CORE_KEYS)}"
            )
    sections = tuple(_section(path, name, parser[name]) for name in parser.sections() if name not in _NOT_GLOBS)
    return ValeSettings(
        styles_path=core.get("StylesPath"),
        min_level=Level.parse(_switch(path, "MinAlertLevel", core.get("MinAlertLevel", "suggestion"), switches=False)),
        vocab=_list(core.get("Vocab", "")),
        packages=tuple(_package_style(p) for p in _list(core.get("Packages", ""))),
        sections=sections,
        ignored_scopes=_list(core.get("IgnoredScopes", "")),
        skipped_scopes=_list(core.get("SkippedScopes", "")),
        ignored_classes=_list(core.get("IgnoredClasses", "")),
    )


def _section(path: Path, glob: str, values) -> Section:
    levels: dict[str, str] = {}
    for key, value in values.items():
        if key in SECTION_KEYS:
            continue
        if "." not in key:
            known = ", ".join(SECTION_KEYS)
            raise ValeConfigError(f"{path}: [{glob}] unknown setting {key!r}; rules are Style.Rule, settings {known}")
        levels[key] = _switch(path, f"[{glob}] {key}", value)
    try:
        _glob_pattern(glob, "/" in glob)  # read now, so that a glob it cannot read stops the run before it starts
    except GlobError as error:
        raise ValeConfigError(f"{path}: [{_shortened(glob)[1:-1]}] {error}") from None
    return Section(
        glob=glob,
        styles=_list(values.get("BasedOnStyles", "")),
        levels=levels,
        block_ignores=_list(values.get("BlockIgnores", "")) + _list(values.get("IgnorePatterns", "")),
        token_ignores=_list(values.get("TokenIgnores", "")),
    )


def _switch(path: Path, where: str, value: str, switches: bool = True) -> str:
    """YES (on, at the rule's own level), NO (off), or a level's name."""
    word = value.strip()
    if switches and word.upper() in ("YES", "NO"):
        return word.upper()
    try:
        return str(Level.parse(word.lower()))
    except ValueError:
        choices = "YES, NO, suggestion, warning or error" if switches else "suggestion, warning or error"
        raise ValeConfigError(f"{path}: {where} = {word!r}: use {choices}") from None


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _package_style(package: str) -> str:
    """The style folder a package unpacks into: its name, or the last part of its URL, without `.zip`."""
    return package.rstrip("/").rsplit("/", 1)[-1].removesuffix(".zip")


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0]


MAX_GLOB_BRACES = 50


class GlobError(ValueError):
    pass


def _shortened(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


@functools.cache
def _glob_pattern(glob: str, with_folders: bool) -> regex.Pattern:
    """Vale's glob as a pattern: `*`, `?`, `**`, `{a,b}` and `[...]`; `*` crosses folders only
    in a glob that names none (`*.md` takes in every Markdown file, as in Vale)."""
    out, index, depth = [], 0, 0
    star = "[^/]*" if with_folders else ".*"
    if glob.count("{") > MAX_GLOB_BRACES:  # the regex module reads nested groups by recursion
        raise GlobError(f"the glob {_shortened(glob)} has more than {MAX_GLOB_BRACES} braces; a few are enough")
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):  # any folders, or none
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append(star)
        elif char == "?":
            out.append("[^/]" if with_folders else ".")
        elif char == "{":
            out.append("(?:")
            depth += 1
        elif char == "}" and depth:
            out.append(")")
            depth -= 1
        elif char == "," and depth:
            out.append("|")
        elif char == "[":
            end = glob.find("]", index + 1)
            if end < 0:
                out.append(regex.escape(char))
            else:
                body = glob[index + 1 : end]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                index = end
        else:
            out.append(regex.escape(char))
        index += 1
    try:
        return regex.compile("".join(out) + ")" * depth)
    except regex.error as error:  # a bracket's range, such as [z-a]
        raise GlobError(f"the glob {_shortened(glob)} cannot be read: {error}") from None


def default_styles_path() -> Path:
    """Vale's StylesPath when a .vale.ini sets none: $VALE_STYLES_PATH, else `vale/styles` in the
    user's data folder ($XDG_DATA_HOME, or the system's: ~/.local/share, ~/Library/Application
    Support, %LOCALAPPDATA%), where `vale sync` puts packages."""
    if "VALE_STYLES_PATH" in os.environ:
        return Path(os.environ["VALE_STYLES_PATH"])
    if os.environ.get("XDG_DATA_HOME"):
        data = Path(os.environ["XDG_DATA_HOME"])
    elif sys.platform == "darwin":
        data = Path.home() / "Library" / "Application Support"
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        data = Path(os.environ["LOCALAPPDATA"])
    else:
        data = Path.home() / ".local" / "share"
    return data / "vale" / "styles"


def path_glob(glob: str) -> Callable[[str], bool]:
    """Vale's `--glob`: whether a file, by its path, is linted. `*` crosses folders, as in Vale's
    command line; a glob starting with `!` takes in the files it does not match."""
    negated = glob.startswith("!")
    pattern = _glob_pattern(glob.lstrip("!"), False)
    return lambda path: (pattern.fullmatch(path) is not None) != negated


def level_at(sections: tuple[Section, ...], rule_id: str, own: Level | None, relative: str | None) -> Level | None:
    """A rule's level in one file (every section's, for None): on when a matching section uses
    its style or names it, at the level named last; None when it is off there."""
    level: Level | None = None
    for section in sections:
        if relative is not None and not section.matches(relative):
            continue
        if rule_id.split(".", 1)[0] in section.styles:
            level = own
        name = closest_name(rule_id, section.levels)
        if name is not None:
            switch = section.levels[name]
            level = None if switch == "NO" else own if switch == "YES" else Level.parse(switch)
    return level
