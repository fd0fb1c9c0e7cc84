"""YAML read safely, for rule files and front matter alike: libyaml's loader when PyYAML has it,
and lists and mappings counted before any node is built. libyaml builds nodes by recursion in C,
and a few thousand levels crash the process; its event parser keeps an explicit stack, so
counting events is safe (and costs less than loading)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    FastestLoader = yaml.SafeLoader
else:  # libyaml when PyYAML has it: ten times faster
    FastestLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def too_deep(source: str, limit: int, loader: type = FastestLoader) -> yaml.Event | None:
    """The event that opens a list or mapping more than `limit` levels deep, if any; yaml.YAMLError
    for text that does not parse that far."""
    depth = 0
    for event in yaml.parse(source, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
