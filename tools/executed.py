"""Execute each notebook once for everything built from it (site, answer key, student checks).

    from executed import executed_notebook, fingerprints, for_readers

:func:`executed_notebook` runs a canonical notebook (with its solutions) top to bottom in a
fresh kernel with static chart output (``MLMKIT_ALTAIR_RENDERER=html``). Right after each
solution cell named in ``tools/self_checks.toml`` it runs one extra cell that prints the
fingerprint of the right answer (:mod:`mlmkit.selfcheck`). The result is cached in
``build/executed/``, keyed by the notebook, the checks file and the package's source, so
``make site``, ``make answers`` and ``make student`` execute each notebook once between them.
Under ``make test`` nobody here executes anything: nbval runs each notebook with these same
build cells (``tools/nbval_export.py``) and :func:`store` keeps that run under the same key.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import sys
import tomllib
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "executed"
CHECKS_FILE = ROOT / "tools" / "self_checks.toml"
CELL_TIMEOUT_S = 300
FINGERPRINT_TAG = "mlmkit-fingerprint"
SOLUTION_TAG = "solution"
MARK = "MLMKIT-FINGERPRINT"
COUNTERPART_TAG = "kernel-free-explorer"
EXPLORER = re.compile(r"^(\w+)\s*=\s*mk\.widgets\.", re.M)


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def load_checks(notebook_stem: str | None = None) -> list[dict]:
    """The self-check specs (all, or one notebook's), each with its ``label`` (``"01.1"``)."""
    checks = tomllib.loads(CHECKS_FILE.read_text())["check"]
    for spec in checks:
        spec["label"] = f"{spec['notebook'][:2]}.{spec['exercise']}"
    return [spec for spec in checks if notebook_stem in (None, spec["notebook"])]


def solution_cells(nb: nbformat.NotebookNode) -> list[int]:
    """Indexes of the cells tagged ``solution``, in order (exercise N is the N-th)."""
    return [i for i, cell in enumerate(nb.cells) if SOLUTION_TAG in tags(cell)]


def _fingerprint_cell(spec: dict) -> nbformat.NotebookNode:
    tolerance = spec.get("tolerance")
    source = (
        "import mlmkit.selfcheck as _selfcheck\n"
        f"print({MARK!r}, {spec['label']!r}, _selfcheck.fingerprint({spec['answer']}, "
        f"tolerance={tolerance!r}, label={spec['label']!r}))"
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [FINGERPRINT_TAG, "raises-exception"]
    return cell


def with_fingerprint_cells(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` with a fingerprint cell after each checked exercise's solution."""
    nb = copy.deepcopy(nb)
    solutions = solution_cells(nb)
    for spec in sorted(load_checks(stem), key=lambda s: -s["exercise"]):
        if spec["exercise"] > len(solutions):
            print(f"warning: {stem} has no solution cell for exercise {spec['exercise']}", file=sys.stderr)
            continue
        nb.cells.insert(solutions[spec["exercise"] - 1] + 1, _fingerprint_cell(spec))
    return nb


def with_counterpart_cells(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with, after each explorer cell, a cell drawing its kernel-free counterpart."""
    nb = copy.deepcopy(nb)
    for i in reversed(range(len(nb.cells))):
        cell = nb.cells[i]
        match = EXPLORER.search(cell.source) if cell.cell_type == "code" else None
        if match is None or SOLUTION_TAG in tags(cell):
            continue
        lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
        if lines[-1] != match.group(1):
            continue  # the explorer is used from code here, not shown: its printed output stays
        extra = nbformat.v4.new_code_cell(
            "import mlmkit.widgets.offline as _offline\n"
            f"_offline.kernel_free_counterpart({match.group(1)})"
        )
        # An explorer with no counterpart yet keeps its static output (the site test then fails).
        extra.metadata["tags"] = [COUNTERPART_TAG, "raises-exception"]
        nb.cells.insert(i + 1, extra)
    return nb


def with_build_cells(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """``nb`` as the build runs it: fingerprint cells after solutions, counterparts after explorers."""
    return with_counterpart_cells(with_fingerprint_cells(nb, stem))


def _cache_key(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(repr(load_checks(path.stem)).encode())
    digest.update(Path(__file__).read_bytes())  # how the build cells are made
    for source in sorted((ROOT / "mlmkit").rglob("*")):
        if source.is_file() and source.suffix in {".py", ".toml", ".csv"}:
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def executed_notebook(path: Path, *, use_cache: bool = True) -> nbformat.NotebookNode:
    """``path`` executed (with fingerprint cells), from the cache when nothing changed."""
    path = Path(path).resolve()
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{path.stem}.{_cache_key(path)}.ipynb"
    if use_cache and cached.exists():
        return nbformat.read(cached, as_version=4)
    older = sorted(CACHE.glob(f"{path.stem}.*.ipynb"))
    if use_cache and older and os.environ.get("MLMKIT_REUSE_EXECUTED") == "1":  # quick rebuilds while editing
        print(f"reusing {older[-1].name} (MLMKIT_REUSE_EXECUTED=1)", file=sys.stderr)
        return nbformat.read(older[-1], as_version=4)
    nb = with_build_cells(nbformat.read(path, as_version=4), path.stem)
    previous = os.environ.get("MLMKIT_ALTAIR_RENDERER")
    os.environ["MLMKIT_ALTAIR_RENDERER"] = "html"
    try:
        NotebookClient(
            nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        if previous is None:
            os.environ.pop("MLMKIT_ALTAIR_RENDERER", None)
        else:
            os.environ["MLMKIT_ALTAIR_RENDERER"] = previous
    store(path, nb)
    return nb


def store(path: Path, nb: nbformat.NotebookNode) -> Path:
    """Keep ``nb``, the notebook at ``path`` executed with its build cells, in the cache.

    ``make test``'s nbval run stores what it executed here (``tools/nbval_export.py``), so
    the site, the answer key and the slides built after it execute nothing again.
    """
    path = Path(path).resolve()
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{path.stem}.{_cache_key(path)}.ipynb"
    for old in CACHE.glob(f"{path.stem}.*.ipynb"):
        old.unlink()
    nbformat.write(nb, cached)
    return cached


def fingerprints(nb: nbformat.NotebookNode) -> dict[str, str]:
    """``{label: fingerprint}`` printed by the fingerprint cells of an executed notebook."""
    found: dict[str, str] = {}
    for cell in nb.cells:
        if FINGERPRINT_TAG not in tags(cell):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                print(f"warning: fingerprint cell failed: {output.get('evalue')}", file=sys.stderr)
            for line in output.get("text", "").splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[0] == MARK:
                    found[parts[1]] = parts[2]
    return found


def for_readers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What readers may see: no solution or fingerprint cells, and each explorer's outputs
    replaced by its kernel-free counterpart's."""
    nb = copy.deepcopy(nb)
    cells: list[nbformat.NotebookNode] = []
    for cell in nb.cells:
        cell_tags = set(tags(cell))
        if {SOLUTION_TAG, FINGERPRINT_TAG} & cell_tags:
            continue
        if COUNTERPART_TAG in cell_tags:
            if cells and cell.get("outputs") and not any(o.get("output_type") == "error" for o in cell.outputs):
                cells[-1].outputs = cell.outputs
                cells[-1].metadata.setdefault("tags", []).append(COUNTERPART_TAG)
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def without_build_cells(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with the build's own cells removed (the answer key keeps solutions)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if not {FINGERPRINT_TAG, COUNTERPART_TAG} & set(tags(c))]
    return nb
