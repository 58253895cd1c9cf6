"""The house rules, checked on the source: SQL only in warehouse/, Prefect only in flows/, no import cycles."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIRS: dict[str, str] = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"][
    "setuptools"
]["package-dir"]
SQL = re.compile(
    r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+INTO\s|DELETE\s+FROM\s|UPDATE\s+\w+\s+SET\s|CREATE\s+(TABLE|VIEW|OR)\s|COPY\s|ALTER\s+TABLE\s|WITH\s+\w+\s+AS\s*\()",
    re.IGNORECASE | re.DOTALL,
)


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in sorted((REPO / folder).glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    return found


MODULES = _modules()


def _imports(tree: ast.Module) -> list[str]:
    """Every module the code imports, at load time or inside a function (a deferred import
    hides a cycle; it does not remove it). Imports for type checkers only are left out."""
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    names: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _in(module: str, room: str) -> bool:
    return module == room or module.startswith(room + ".")


def test_the_layout_was_found() -> None:
    assert "wiretrace.flows.pipeline" in MODULES and "wiretrace.warehouse.queries" in MODULES
    assert len(MODULES) > 40


def test_only_the_warehouse_holds_sql() -> None:
    offenders = []
    for name, path in MODULES.items():
        if _in(name, "wiretrace.warehouse"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and SQL.match(node.value):
                offenders.append(f"{name}:{node.lineno}: {node.value.strip()[:60]}")
    assert offenders == []


def test_only_flows_import_prefect() -> None:
    offenders = []
    for name, path in MODULES.items():
        if _in(name, "wiretrace.flows"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                imported = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                offenders += [
                    f"{name}: {m}" for m in imported if m.split(".")[0].startswith("prefect")
                ]
    assert offenders == []


def test_no_import_cycle() -> None:
    graph = {
        name: sorted({m for m in _imports(ast.parse(path.read_text())) if m in MODULES} - {name})
        for name, path in MODULES.items()
    }
    cycles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []
