"""The code's shape, read from its syntax trees (no import is run):

- no import circle among the modules of intake/, verifier/, semak/, app.py and worker.py;
- intake/ and verifier/ import nothing of semak/, Flask, Werkzeug, RQ or Redis;
- no function over ``MAX_FUNCTION_LINES`` lines.

Every import statement counts, wherever it stands: at the top, inside a function (a "lazy"
import is still a dependency) and under ``if TYPE_CHECKING:`` (a circle for the type checker
is a circle in the design). An import names the module it reaches: ``from a.b import c`` is
``a.b.c`` when that is a module, else ``a.b``. Importing a submodule runs its package's
``__init__`` too, but that is not counted as an edge to the package: a package that imports
its own submodules would otherwise always be a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("intake", "verifier", "semak")
SCRIPTS = ("app.py", "worker.py")
LIBRARIES = ("intake", "verifier")  # the reading and judging libraries, below the service
NOT_IN_LIBRARIES = ("semak", "flask", "werkzeug", "rq", "redis")  # and flask_* extensions
MAX_FUNCTION_LINES = 80  # the README's standard: a function fits on a screen


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for the packages and scripts under ``root``."""
    found = {p.removesuffix(".py"): root / p for p in SCRIPTS if (root / p).is_file()}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imported_names(tree: ast.AST, name: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """Every absolute module name an import in ``tree`` may reach, with its line: for
    ``from a import b`` both ``a.b`` and ``a`` (the caller keeps the one that is a module)."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules (of the same code) it imports."""
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for target, _line in imported_names(tree, name, path.name == "__init__.py"):
            reached = _resolve(target, known)
            if reached is not None and reached != name:
                graph[name].add(reached)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def forbidden_imports(root: Path) -> list[str]:
    """Imports in the libraries of what they must not use, as ``file:line name``."""
    bad = []
    for name, path in modules(root).items():
        if name.split(".")[0] not in LIBRARIES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for target, line in imported_names(tree, name, path.name == "__init__.py"):
            top = target.split(".")[0]
            if top in NOT_IN_LIBRARIES or top.startswith("flask_"):
                bad.append(f"{path.relative_to(root)}:{line} {target}")
    return bad


def long_functions(root: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions and methods longer than ``limit`` lines (``def`` to last line, decorators
    not counted), as ``file:line name (n lines)``."""
    out = []
    for path in modules(root).values():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    out.append(
                        f"{path.relative_to(root)}:{node.lineno} {node.name} ({lines} lines)"
                    )
    return out


# --- the code --------------------------------------------------------------------------------


def test_no_import_circle() -> None:
    graph = import_graph(ROOT)
    assert len(graph) > 100 and graph["semak.jobs"], "the graph reads the code"
    assert circles(graph) == []


def test_the_libraries_import_nothing_of_the_service_web_or_queue() -> None:
    assert forbidden_imports(ROOT) == []


def test_no_function_is_longer_than_a_screen() -> None:
    assert long_functions(ROOT) == []


# --- the checks themselves, on a made-up tree ----------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_circle_through_a_function_or_type_checking_import_is_found(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "semak/__init__.py": "",
            "semak/a.py": "def f():\n    from semak.b import g\n",
            "semak/b.py": "from . import c\n",
            "semak/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    import semak.a\n",
            "semak/web/__init__.py": "from semak.web import d\n",
            "semak/web/d.py": "from semak.web.e import x\n",
            "semak/web/e.py": "x = 1\n",
            "app.py": "import semak.a\n",
        },
    )
    graph = import_graph(root)
    assert graph["semak.b"] == {"semak.c"} and graph["app"] == {"semak.a"}
    # a package importing its own submodule is no circle; a real one is found
    assert circles(graph) == [["semak.a", "semak.b", "semak.c"]]


def test_a_library_importing_the_service_is_found(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "intake/__init__.py": "",
            "intake/ok.py": "import yaml\nfrom intake import models\n",
            "verifier/__init__.py": "",
            "verifier/x.py": "def f():\n    from flask_babel import gettext\n"
            "    import redis.client\n",
            "semak/__init__.py": "import flask\n",
        },
    )
    assert forbidden_imports(root) == [
        "verifier/x.py:2 flask_babel.gettext",
        "verifier/x.py:3 redis.client",
    ]


def test_a_long_function_is_found(tmp_path: Path) -> None:
    def function(name: str, lines: int, indent: str = "") -> str:
        body = "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 1))
        return f"{indent}def {name}():\n{body}"

    fits, over = function("fits", MAX_FUNCTION_LINES), function("over", 81, "    ")
    root = _write(tmp_path, {"semak/__init__.py": "", "semak/f.py": f"{fits}class C:\n{over}"})
    assert long_functions(root) == [f"semak/f.py:{MAX_FUNCTION_LINES + 2} over (81 lines)"]
