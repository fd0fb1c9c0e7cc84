"""Find and validate `[tool.mslint]`: manuscript paths, rule folders, styles, per-rule levels."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .files import DEFAULT_MAX_FILE_SIZE, SUFFIXES, UnreadableFile, decode, read_setting
from .finding import Level, closest_name
from .parsing import Ignores
from .spec import describe
from .stylesheet import DEFAULT_PATH as DEFAULT_STYLESHEET
from .valeini import VALE_FILES, Section, ValeConfigError, default_styles_path, level_at, read_vale_ini

DEFAULT_PATHS = ("manuscript",)
DEFAULT_STYLES_PATH = "rules"
_KEYS = {
    "paths": "list of files and folders to lint when none are given",
    "styles-path": "folder holding one folder of rules per style",
    "styles": "list of styles to use (default: every style in styles-path)",
    "min-level": "lowest level reported: suggestion, warning or error",
    "fail-on": "lowest level that makes mslint exit 1",
    "rules": 'table of rule id or prefix = level or "off"',
    "proselint": "true or false: run proselint's checks as rules proselint.* (default true)",
    "vocab": "list of vocabularies in <styles-path>/config/vocabularies",
    "max-file-size": f"largest file read, in bytes (default {DEFAULT_MAX_FILE_SIZE:_})",
    "stylesheet": f"the book's style sheet, which the consistency rules read (default {DEFAULT_STYLESHEET})",
}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    root: Path  # folder the config's relative paths start from
    source: Path | None = None
    paths: tuple[str, ...] = DEFAULT_PATHS
    styles_path: str = DEFAULT_STYLES_PATH
    styles: tuple[str, ...] | None = None
    min_level: Level = Level.SUGGESTION
    fail_on: Level = Level.ERROR
    rule_levels: dict[str, Level | None] = field(default_factory=dict)  # id or prefix -> level, None is off
    proselint: bool = True
    vocab: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    sections: tuple[Section, ...] = ()  # a .vale.ini's [glob] sections: styles and levels file by file
    rules: tuple[str, ...] = ()  # rules a .vale.ini turns on one by one, outside the styles it uses
    vale: bool = False  # read from a .vale.ini: Vale's ways where they differ from mslint's own
    ignored_scopes: tuple[str, ...] = ()  # a .vale.ini's IgnoredScopes: inline markup left unread
    skipped_scopes: tuple[str, ...] = ()  # a .vale.ini's SkippedScopes: blocks left unread
    ignored_classes: tuple[str, ...] = ()  # a .vale.ini's IgnoredClasses: raw HTML elements left unread
    stylesheet: str | None = DEFAULT_STYLESHEET  # from root; None outside a project

    @property
    def stylesheet_path(self) -> Path | None:
        return self.root / self.stylesheet if self.stylesheet else None

    @property
    def manuscript_paths(self) -> list[Path]:
        return [self.root / p for p in self.paths]

    @property
    def styles_folder(self) -> Path:
        return self.root / self.styles_path

    def level_of(self, rule) -> Level | None:
        """A rule's level as configured, its own otherwise; None when it is off."""
        return self.level_for(rule.id, rule.spec.default_level)

    def level_for(self, rule_id: str, default: Level | None) -> Level | None:
        """The configured level of a rule: the longest matching id or dotted prefix wins. Under a
        .vale.ini, the highest level any of its sections gives the rule (see level_in)."""
        if self.sections:
            levels = [level for section in self.sections if (level := level_at((section,), rule_id, default, None)) is not None]
            return max(levels, default=None)
        name = closest_name(rule_id, self.rule_levels)
        return default if name is None else self.rule_levels[name]

    def level_in(self, rule_id: str, default: Level | None, path: Path) -> Level | None:
        """A rule's level in one file: under a .vale.ini, as the sections whose glob takes in the
        file say; otherwise the same in every file."""
        if not self.sections:
            return self.level_for(rule_id, default)
        return level_at(self.sections, rule_id, default, self._relative(path))

    def ignores(self, path: str) -> Ignores | None:
        """What a .vale.ini leaves unread in a file: the TokenIgnores and BlockIgnores of the
        sections whose glob takes it in, IgnoredScopes, SkippedScopes and IgnoredClasses; None
        when nothing is."""
        relative = self._relative(Path(path))
        sections = [s for s in self.sections if (s.token_ignores or s.block_ignores) and s.matches(relative)]
        if not sections and not self.ignored_scopes and not self.skipped_scopes and not self.ignored_classes:
            return None
        return Ignores(
            sum((s.token_ignores for s in sections), ()),
            sum((s.block_ignores for s in sections), ()),
            self.ignored_scopes,
            self.skipped_scopes,
            self.ignored_classes,
        )

    def _relative(self, path: Path) -> str:
        """A file's path from the configuration's folder, as a .vale.ini's globs read it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:  # outside the project: its globs can only match the name
            return path.name

    def options(self, report_unused_suppressions: bool, cwd: Path):
        """The engine's options for a run from `cwd`: each rule's level, and under a .vale.ini, each
        rule's level in each file and the text each file leaves unread."""
        from .engine import Options

        if not self.sections:
            return Options(self.level_of, report_unused_suppressions)
        return Options(
            self.level_of,
            report_unused_suppressions,
            lambda path: self.ignores(str(cwd / path)),
            lambda rule, path: self.level_in(rule.id, rule.spec.default_level, cwd / path),
        )


# Where a configuration is looked for, in each folder from the working one up: the first found
# wins, mslint's own before Vale's, which a project that has both keeps for Vale.
CONFIG_FILES = ("mslint.toml", ".mslint.toml", "pyproject.toml", *VALE_FILES)
# The style mslint runs with when no configuration is found.
BUILTIN_STYLES = Path(__file__).parent / "styles"


def find_config(start: Path) -> Path | None:
    """The nearest mslint.toml, .mslint.toml, or pyproject.toml with a [tool.mslint] table,
    walking up from `start`."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or "mslint" in _tool_table(_read_toml(candidate), candidate):
                return candidate
    return None


def builtin_config(cwd: Path) -> Config:
    """What mslint runs with outside any project: its own style (doubled words, spelling with
    en_US, variants, the book-wide consistency rules) and proselint's checks, on the files given or the working folder."""
    return Config(root=cwd, paths=(".",), styles_path=str(BUILTIN_STYLES), styles=("Default",), stylesheet=None)


def load_config(path: Path | None, cwd: Path) -> Config:
    """Config from a TOML file ([tool.mslint] of a pyproject.toml, or the whole file); with no
    file, the built-in configuration."""
    if path is None:
        return builtin_config(cwd)
    if path.name in VALE_FILES or path.suffix == ".ini":
        return _from_vale(path)
    data = _read_toml(path)
    table = _tool_table(data, path).get("mslint", data if path.name != "pyproject.toml" else {})
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}: [tool.mslint] must be a table (a [tool.mslint] line, settings below it), not {describe(table)}"
        )
    return _validate(table, path)


def _from_vale(path: Path) -> Config:
    """A Vale project as mslint runs it: Vale's styles, vocabularies and levels, and no proselint
    checks of mslint's own (a Vale style named proselint is Vale's). Vale lints the files it is
    given; with none, mslint reads the project's folder, the styles left out."""
    try:
        vale = read_vale_ini(path)
    except ValeConfigError as error:
        raise ConfigError(str(error)) from None
    root = path.parent.resolve()
    styles_path = vale.styles_path if vale.styles_path is not None else _default_styles_path(path, vale)
    styles = root / styles_path
    for package in vale.packages:
        if not (styles / package).is_dir():
            raise ConfigError(
                f"{path}: package {package!r} is not in StylesPath ({styles_path}); mslint downloads nothing: "
                f"run `vale sync` once, or unpack the package there"
            )
    paths = tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if not entry.name.startswith(".")
            and entry.resolve() != styles.resolve()
            and (entry.is_dir() or entry.name.lower().endswith(SUFFIXES))
        )
    )
    return Config(
        root=root,
        source=path,
        paths=paths or (".",),
        styles_path=styles_path,
        styles=vale.styles,
        rules=vale.named_rules,
        vale=True,
        ignored_scopes=vale.ignored_scopes,
        skipped_scopes=vale.skipped_scopes,
        ignored_classes=vale.ignored_classes,
        min_level=vale.min_level,
        proselint=False,
        vocab=vale.vocab,
        sections=vale.sections,
    )


def _default_styles_path(path: Path, vale) -> str:
    """Where a .vale.ini without StylesPath finds its styles: Vale's default folder, if it is
    there; else only Vale's built-in style can be used (mslint's own styles folder holds it)."""
    default = default_styles_path()
    if default.is_dir():
        return str(default)
    wanted = [style for style in (*vale.styles, *(rule.split(".")[0] for rule in vale.named_rules)) if style != "Vale"]
    if wanted or vale.vocab or vale.packages:
        needs = f"style {wanted[0]!r}" if wanted else f"vocabulary {vale.vocab[0]!r}" if vale.vocab else "a package"
        raise ConfigError(
            f"{path}: {needs} needs a StylesPath, and Vale's default folder for styles ({default}) does not exist: "
            "set StylesPath = <the folder of your styles>"
        )
    return str(BUILTIN_STYLES)


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(decode(read_setting(path)))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config: {error.strerror}") from None
    except UnreadableFile as error:
        raise ConfigError(f"{path}:{error.line}: {error.message}" if error.line else f"{path}: {error.message}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply to read") from None


def _tool_table(data: dict, path: Path) -> dict:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table, such as [tool.mslint], not {describe(tool)}")
    return tool


def _validate(table: dict, path: Path) -> Config:
    def fail(message: str):
        raise ConfigError(f"{path}: [tool.mslint] {message}")

    for key in table:
        if key not in _KEYS:
            fail(f"unknown key {key!r}; known keys: " + "; ".join(f"{k} ({v})" for k, v in _KEYS.items()))
    values: dict = {"root": path.parent.resolve(), "source": path}
    for key in ("paths", "styles", "vocab"):
        if key in table:
            if not isinstance(table[key], list) or not all(isinstance(i, str) for i in table[key]):
                fail(f"{key!r} must be a list of strings")
            values[key] = tuple(table[key])
    for key in ("styles", "vocab"):
        for name in table.get(key, []):
            if name in ("", ".", "..") or set(name) & set("/\\\0"):
                fail(f"{key!r}: {name!r} is not a folder name; name a folder in styles-path, not a path")
    if "proselint" in table:
        if not isinstance(table["proselint"], bool):
            fail("'proselint' must be true or false")
        values["proselint"] = table["proselint"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if type(size) is not int or size < 1:
            fail(f"'max-file-size' must be a positive number of bytes, such as {DEFAULT_MAX_FILE_SIZE:_}")
        values["max_file_size"] = size
    for key in ("styles-path", "stylesheet"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                fail(f"{key!r} must be a path, as a string")
            values[key.replace("-", "_")] = table[key]
    for key in ("min-level", "fail-on"):
        if key in table:
            try:
                values[key.replace("-", "_")] = _level(table[key])
            except ValueError as error:
                fail(f"{key!r}: {error}")
    if "rules" in table:
        if not isinstance(table["rules"], dict):
            fail("'rules' must be a table of rule id or prefix = level or \"off\"")
        levels: dict[str, Level | None] = {}
        for rule_id, level in table["rules"].items():
            if isinstance(level, str) and level.lower() == "off":
                levels[rule_id] = None
                continue
            try:
                levels[rule_id] = _level(level)
            except ValueError:
                fail(f"rules.{rule_id}: {describe(level)} is not a level; use suggestion, warning, error or off")
        values["rule_levels"] = levels
    return Config(**values)


def _level(value) -> Level:
    if not isinstance(value, str):
        raise ValueError(f"{describe(value)} is not a level; use suggestion, warning or error")
    return Level.parse(value)
