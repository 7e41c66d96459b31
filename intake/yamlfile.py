"""Every YAML file of the project is read here: with libyaml's C parser when PyYAML was built
with it (``yaml.CSafeLoader``), the pure-Python ``SafeLoader`` otherwise. The same safe tags
and data, several times cheaper to load (#24: the rules, cue and API files are read at every
process start)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# the C loader has SafeLoader's constructor and resolver: the same tags, types and line marks
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """``yaml.safe_load`` of ``text``."""
    return yaml.load(text, Loader=SafeLoader)


def load_file(path: Path) -> Any:
    """``yaml.safe_load`` of a UTF-8 file."""
    return load(path.read_text(encoding="utf-8"))


def compose(text: str, loader: type[yaml.SafeLoader] = SafeLoader) -> yaml.Node | None:
    """The node tree of ``text`` (start marks give line numbers); None for an empty file."""
    return yaml.compose(text, Loader=loader)
