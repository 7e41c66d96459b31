"""Every YAML file is read through ``intake.yamlfile`` (#24: libyaml's C loader when PyYAML has
it), read from the syntax trees: no other module calls PyYAML's loading functions or names
its loaders."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("intake", "verifier", "semak")
READER = ROOT / "intake" / "yamlfile.py"
LOADING = {"safe_load", "safe_load_all", "load", "load_all", "full_load", "unsafe_load",
           "compose", "compose_all", "parse", "SafeLoader", "CSafeLoader", "Loader",
           "CLoader", "FullLoader", "BaseLoader", "CBaseLoader"}  # fmt: skip


def _uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"{path.relative_to(ROOT)}:{node.lineno}: yaml.{node.attr}"
             for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
             and node.value.id == "yaml" and node.attr in LOADING]  # fmt: skip
    found += [f"{path.relative_to(ROOT)}:{node.lineno}: from yaml import"
              for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module == "yaml"
              and any(a.name in LOADING for a in node.names)]  # fmt: skip
    return found


def test_no_module_loads_yaml_but_the_reader() -> None:
    files = [p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py")) if p != READER]
    files += [ROOT / "app.py", ROOT / "worker.py"]
    assert files and READER.is_file()
    assert [use for p in files if p.is_file() for use in _uses(p)] == []
    assert _uses(READER)  # the check sees a loader where there is one
