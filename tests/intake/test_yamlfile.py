"""The YAML reader (#24): libyaml's C loader when PyYAML has it, giving the pure-Python
SafeLoader's data and line numbers for every YAML file of the project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from intake import yamlfile
from verifier.rules.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for pkg in ("intake", "verifier", "semak") for p in (ROOT / pkg).rglob("*.yml"))


def test_the_c_loader_is_used_when_pyyaml_has_it() -> None:
    assert FILES
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert yamlfile.SafeLoader is expected


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_yaml_file_reads_as_the_pure_python_loader_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlfile.load_file(path) == yaml.load(text, Loader=yaml.SafeLoader)
    assert _marks(yamlfile.compose(text)) == _marks(yaml.compose(text, Loader=yaml.SafeLoader))


def _marks(node: Any) -> list[tuple[str, int, int]]:
    """Every node's tag and start line and column, depth first."""
    if node is None:
        return []
    out = [(node.tag, node.start_mark.line, node.start_mark.column)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _marks(key) + _marks(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _marks(item)
    return out


def test_the_rules_reader_keeps_dates_as_text_with_their_line(tmp_path: Path) -> None:
    """verifier's rules loader (a subclass of the reader's) still resolves no timestamps."""
    path = tmp_path / "rule.yml"
    path.write_text("name: x\neffective: 2026-12-01\nlist:\n  - 3\n", encoding="utf-8")
    data, node = read_yaml(path)
    assert data == {"name": "x", "effective": "2026-12-01", "list": [3]}
    assert node.value[1][1].start_mark.line == 1
