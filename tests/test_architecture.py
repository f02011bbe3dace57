"""Imports go one way: each module imports only modules on its own layer or below.

``_validation``, ``sources``, ``datasets`` -> ``network`` -> ``plans`` -> ``simulate`` ->
``economics`` / ``scorecard`` / ``books`` -> ``charts`` -> ``widgets`` -> ``cli``.
Only ``mlmkit.widgets`` may import ipywidgets.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlmkit"
LAYERS = {
    "_validation": 0, "_compat": 0, "_display": 0, "sources": 0, "datasets": 0,
    "network": 1,
    "plans": 2,
    "simulate": 3,
    "economics": 4, "scorecard": 4, "books": 4,
    "charts": 5,
    "widgets": 6,
    "cli": 7, "__main__": 7,
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
