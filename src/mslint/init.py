"""mslint init: a new project in the working folder, whose rules pass `mslint test` from the start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from string import Template

from . import __version__
from .config import BUILTIN_STYLES, ConfigError, find_config
from .files import write_atomic
from .vocab import vocabulary_folder

TEMPLATES = Path(__file__).parent / "templates"
STYLES_PATH = "styles"  # the styles-path the mslint.toml template sets
EXAMPLE_RULES = ("HouseSpellings.yml", "Placeholders.yml")  # a substitution and an existence rule, to edit


class InitError(Exception):
    """A file that cannot be written, or a configuration in the way; the message says which."""


def project_files(style: str) -> dict[str, bytes]:
    """Each file of a new project, by its path in the project: the settings; the style, which is
    the built-in rules and two examples; its empty vocabulary; the hooks for pre-commit and GitHub."""
    fill = {"style": style, "styles": STYLES_PATH, "version": __version__}
    rules = {name: _filled(name, fill) for name in EXAMPLE_RULES}
    rules |= {rule.name: rule.read_bytes() for rule in (BUILTIN_STYLES / "Default").glob("*.yml")}
    vocabulary = vocabulary_folder(Path(STYLES_PATH), style).as_posix()
    return {
        "mslint.toml": _filled("mslint.toml", fill),
        **{f"{STYLES_PATH}/{style}/{name}": rules[name] for name in sorted(rules)},
        **{f"{vocabulary}/{name}": _filled(name, fill) for name in ("accept.txt", "reject.txt")},
        ".pre-commit-config.yaml": _filled("pre-commit-config.yaml", fill),
        ".github/workflows/mslint.yml": _filled("github-workflow.yml", fill),
    }


def _filled(template: str, fill: dict[str, str]) -> bytes:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(fill).encode("utf-8")


def write_project(folder: Path, style: str) -> Iterator[str]:
    """Write a new project's files into `folder`, each whole or not at all, and never over a file
    that exists; say what was done with each ("wrote mslint.toml", "kept ...")."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InitError(f"cannot write in {folder}: run mslint init in a folder you can write in")
    configured = _configuration_in(folder)
    files = project_files(style)
    for name in files:  # before anything is written: a project is made whole, or not at all
        for parent in reversed((folder / name).relative_to(folder).parents[:-1]):
            if os.path.lexists(folder / parent) and not (folder / parent).is_dir():
                raise InitError(f"{parent} is a file where mslint init makes a folder; move it, or run mslint init elsewhere")
    for name, data in files.items():
        path = folder / name
        if name == "mslint.toml" and configured:
            yield f"kept {configured}: it configures mslint here already"
        elif os.path.lexists(path):  # a link, even a broken one, is the user's too
            yield f"kept {name}: it exists"
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, data)
            except OSError as error:
                raise InitError(f"cannot write {name}: {error.strerror}; mslint init stopped there") from None
            yield f"wrote {name}"


def _configuration_in(folder: Path) -> str | None:
    """The name of the configuration in `folder` itself, if any: a new mslint.toml would take its place."""
    try:
        found = find_config(folder)
    except ConfigError as error:
        raise InitError(error) from None
    return found.name if found is not None and found.parent == folder else None


def next_steps(style: str) -> list[str]:
    return [
        "Next: put the chapters in manuscript/ (or change paths in mslint.toml), then",
        "  mslint                 lint them",
        f"  mslint test            run the examples of the rules in {STYLES_PATH}/{style}/ (after editing them too)",
        "  mslint vocab unknown   list the words no dictionary knows; mslint vocab add WORD accepts one",
        "  mslint stylesheet      the book's style sheet; --write stylesheet.yml records it for the rules",
        "  pre-commit install     lint the chapters of each commit",
    ]
