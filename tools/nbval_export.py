"""A pytest plugin: nbval's run of each notebook is the only one `make test` makes.

    MLMKIT_ALTAIR_RENDERER=html MLMKIT_EXPORT_DIR=build/html PYTHONPATH=tools \\
        pytest -p nbval_export --nbval-lax ... notebooks

nbval runs every code cell of a notebook in a fresh kernel and compares the checked
cells' output with the stored one. With this plugin it runs the notebook as
``tools/executed.py`` would for the site: with a fingerprint cell after each checked
solution and a kernel-free counterpart cell after each explorer (tagged, and allowed to
raise, so they never fail nbval; nbval's cell numbers count them). It keeps each cell's new
output (``item.test_outputs``) and, when every cell of a notebook passed,

- writes the executed notebook to ``tools/executed.py``'s cache (``build/executed/``,
  under the same content key), so the site, the answer key, the slides and the student
  checks reuse this run instead of executing the notebook again;
- writes the offline page (``tools/export_html.py``'s template, without the build cells)
  to ``MLMKIT_EXPORT_DIR``, which the page check opens in Chromium.
"""

from __future__ import annotations

import copy
import os
import pprint
import sys
import types
from pathlib import Path
from typing import Any

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import executed  # noqa: E402

_RUNS: dict[str, dict[str, Any]] = {}


def _read_with_build_cells(path: str, *args: Any, **kwargs: Any) -> nbformat.NotebookNode:
    """``nbformat.read`` for nbval: the notebook with the build's cells, as executed.py runs it."""
    nb = nbformat.read(path, *args, **kwargs)
    return executed.with_build_cells(nb, Path(path).stem)


def pytest_configure(config: Any) -> None:
    # nbval formats every kernel message for its debug log, wanted or not (pprint.pformat as
    # the log call's argument): about 6 s of processor time over the eight notebooks. A lazy
    # stand-in formats a message only when a debug log is written.
    import nbval.kernel

    nbval.kernel.pformat = _LazyFormat  # type: ignore[attr-defined]
    if not os.environ.get("MLMKIT_EXPORT_DIR"):
        return
    import nbval.plugin

    # nbval reads each notebook with nbval.plugin.nbformat.read; everything else is nbformat's own.
    shim = types.ModuleType("nbformat_with_build_cells")
    shim.__dict__.update(nbformat.__dict__)
    shim.read = _read_with_build_cells  # type: ignore[attr-defined]
    nbval.plugin.nbformat = shim  # type: ignore[attr-defined]


class _LazyFormat:
    """``pprint.pformat(message)``, worked out only when written (``str()``)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __str__(self) -> str:
        return pprint.pformat(self.message)


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

    for path, run in sorted(_RUNS.items()):
        stem = Path(path).stem
        page = Path(target) / f"{stem}.html"
        ran = sum(1 for cell in run["nb"].cells if cell.cell_type == "code")
        if run["failed"] or len(run["outputs"]) != ran:  # a cell failed or did not run (-x, -k)
            page.unlink(missing_ok=True)
            continue
        nb = executed_notebook(run["nb"], run["outputs"])
        cached = executed.store(Path(path), nb)
        out = write_page(executed.without_build_cells(nb), Path(target), stem)
        print(f"\nexported {out} ({out.stat().st_size // 1024:,} KiB) and kept {cached.name} "
              "from the nbval run")
