"""Imports go one way: each module imports only modules on its own layer or below.

``_validation``, ``sources``, ``regulations``, ``datasets`` -> ``network`` -> ``plans`` -> ``simulate`` ->
``economics`` / ``scorecard`` / ``books`` -> ``charts`` -> ``widgets`` -> ``cli``.
Only ``mlmkit.widgets`` may import ipywidgets.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlmkit"
LAYERS = {
    "_validation": 0, "_prefault": 0, "_sponsor_csv": 0, "_tables": 0, "_compat": 0, "_display": 0, "sources": 0, "regulations": 0, "datasets": 0,
    "_fast_import": 0, "glossary": 0, "selfcheck": 0,
    "network": 1,
    "plans": 2,
    "simulate": 3,
    "economics": 4, "scorecard": 4, "books": 4, "disclosure": 4,
    "charts": 5,
    "widgets": 6,
    "cli": 7, "__main__": 7,
    "safe_write": 0, "planners": 4,
}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts[:1])


def top_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "mlmkit":
                names.update(f"mlmkit.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_go_down(path: Path):
    own = top_name(path)
    if own == "__init__":
        return  # the package's lazy loader names every submodule
    assert own in LAYERS, f"add {own} to LAYERS"
    for name in imported(path):
        if name.startswith("mlmkit."):
            other = name.split(".")[1]
            assert LAYERS[other] <= LAYERS[own], f"{own} (layer {LAYERS[own]}) imports {name}"
        if name.split(".")[0] == "ipywidgets":
            assert own == "widgets", f"{own} imports ipywidgets"


# ------------------------------------------------------------ no import cycles
def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["mlmkit", *parts])


def internal_imports(path: Path) -> set[str]:
    """Every mlmkit module ``path`` imports, anywhere in the file (inside functions and
    ``if TYPE_CHECKING:`` too: a cycle there is still a cycle a reader has to untangle)."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("mlmkit"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("mlmkit"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in KNOWN_MODULES else base)
    return {name for name in found if name in KNOWN_MODULES and name != own}


KNOWN_MODULES = {module_name(p) for p in MODULES}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_import_cycle_finder_finds_a_cycle_inside_a_package():
    graph = {"mlmkit.a.x": {"mlmkit.a.y"}, "mlmkit.a.y": {"mlmkit.a.x"}, "mlmkit.a.z": {"mlmkit.a.x"}}
    assert import_cycles(graph) == [["mlmkit.a.x", "mlmkit.a.y"]]
    assert import_cycles({"mlmkit.a": {"mlmkit.b"}, "mlmkit.b": set()}) == []


def test_no_import_cycles_between_modules():
    """No two modules import each other, directly or round a loop, even inside one package.

    Imports inside functions and under ``if TYPE_CHECKING:`` count too. A package's
    ``__init__`` counts as a module: a submodule that imports its own package's
    ``__init__`` (which imports the submodule) is a cycle.
    """
    graph = {module_name(path): internal_imports(path) for path in MODULES}
    assert import_cycles(graph) == []


# ------------------------------------------- widgets use only the charts' public names
@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "widgets").glob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_widgets_import_only_public_chart_names(path: Path):
    """Explorers swap data into charts built once through public, documented names only:
    each name a widget imports from ``mlmkit.charts...`` is in that module's ``__all__``."""
    import importlib

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mlmkit.charts"):
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert alias.name in module.__all__, f"{path.name} imports {node.module}.{alias.name}"
