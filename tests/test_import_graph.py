"""The layering of `herotui`, checked on the source (issue 17).

Builds the graph of imports between herotui's own modules, both module-level and those inside
functions (a function-local import is still a dependency; it only hides a cycle), leaving out
imports under `if TYPE_CHECKING:` (never run). Fails on any cycle, on any import of the store
from screens or widgets (the UI reaches the database through services), and on any import of
Textual from services or the store (the rules run without a terminal: CLI, tests, other UIs).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "herotui"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Names of herotui modules (and top-level third-party packages) `path` imports at run time."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:  # `from herotui.services import shares` imports a module
                if f"{target}.{alias.name}" in modules:
                    found.add(f"{target}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    resolved: set[str] = set()
    for target in found:
        if target.startswith("herotui"):
            # `import herotui.a.b` depends on herotui.a.b (its packages' __init__ are trivial).
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                resolved.add(target)
        else:
            resolved.add(target.split(".")[0])
    return resolved


def build_graph() -> dict[str, set[str]]:
    paths = sorted(ROOT.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


GRAPH = build_graph()


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for edge in graph.get(node, ()):
            if edge not in graph:
                continue
            if edge not in index:
                strong(edge)
                low[node] = min(low[node], low[edge])
            elif edge in on_stack:
                low[node] = min(low[node], index[edge])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    import sys

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            strong(node)
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_graph_sees_function_level_imports():
    # A guard for the checker itself: `actions.handler_for` loads the handlers inside a function.
    assert any(m.startswith("herotui.services") for m in GRAPH["herotui.cli.core"] | GRAPH["herotui.app"])
    assert "textual" in GRAPH["herotui.app"]


def test_no_import_cycles():
    assert cycles(GRAPH) == []


@pytest.mark.parametrize("ui", ["screens", "widgets"])
def test_the_ui_never_imports_the_store(ui):
    wrong = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if layer(m) == ui
                   for t in targets if t.startswith("herotui.store"))
    assert wrong == []


@pytest.mark.parametrize("lower", ["services", "store"])
def test_services_and_store_never_import_textual(lower):
    wrong = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if layer(m) == lower
                   for t in targets if t in ("textual", "rich"))
    assert wrong == []
