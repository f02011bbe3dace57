"""A pytest plugin: keep what nbval executed and export it, so each notebook runs once for both.

    MLMKIT_ALTAIR_RENDERER=html MLMKIT_EXPORT_DIR=build/html PYTHONPATH=tools \\
        pytest -p nbval_export --nbval-lax ... notebooks

nbval runs every code cell of a notebook in a fresh kernel and compares the checked
cells' output with the stored one. It keeps each cell's new output on the test item
(``item.test_outputs``); this plugin collects them and, when every cell of a notebook
passed, writes the executed notebook to ``build/executed/`` and the offline page
(``tools/export_html.py``'s template) to ``MLMKIT_EXPORT_DIR``. `make test` then
looks at those pages in Chromium without running the notebooks a second time.
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

_RUNS: dict[str, dict[str, Any]] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    outcome = yield
    report = outcome.get_result()
    cell = getattr(item, "cell", None)
    notebook = getattr(item, "parent", None)
    if cell is None or not hasattr(notebook, "nb") or report.when != "call":
        return
    run = _RUNS.setdefault(str(notebook.fspath), {"nb": notebook.nb, "outputs": {}, "failed": False})
    run["outputs"][id(cell)] = getattr(item, "test_outputs", None) or []
    run["failed"] = run["failed"] or not report.passed


def executed_notebook(nb: nbformat.NotebookNode, outputs: dict[int, list]) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the outputs nbval saw in place of the stored ones."""
    result = copy.deepcopy(nb)
    count = 0
    for original, cell in zip(nb.cells, result.cells, strict=True):
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        new = []
        for out in outputs.get(id(original), []):
            out = nbformat.from_dict(dict(out))
            if out.output_type == "execute_result":
                out.execution_count = count
            new.append(out)
        cell.outputs = new
    return result


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    target = os.environ.get("MLMKIT_EXPORT_DIR")
    if not target:
        return
    from export_html import write_page

    root = Path(str(session.config.rootdir))
    executed_dir = root / "build" / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    for path, run in sorted(_RUNS.items()):
        stem = Path(path).stem
        page = Path(target) / f"{stem}.html"
        if run["failed"]:
            page.unlink(missing_ok=True)
            continue
        nb = executed_notebook(run["nb"], run["outputs"])
        nbformat.write(nb, executed_dir / f"{stem}.ipynb")
        out = write_page(nb, Path(target), stem)
        print(f"\nexported {out} ({out.stat().st_size // 1024:,} KiB) from the nbval run")
