"""`make test` executes each notebook once: nbval's run fills the cache the site, slides and answers read.

nbval (with ``tools/nbval_export.py``) runs each notebook with the same build cells as
``tools/executed.py`` and stores the result under the same content key; these tests make
sure a stored run is found (nothing is executed again) and that a changed notebook is not
served from a stale run.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import executed  # noqa: E402
import nbval_export  # noqa: E402

CHECKED = ROOT / "notebooks" / "01_levels_downlines_commissions.ipynb"


class NoExecution:
    def __init__(self, *args, **kwargs):
        raise AssertionError("the notebook was executed again")


def test_nbval_runs_the_notebook_with_the_same_build_cells_as_the_site():
    plain = nbformat.read(CHECKED, as_version=4)
    for_nbval = nbval_export._read_with_build_cells(str(CHECKED), as_version=4)
    expected = executed.with_build_cells(plain, CHECKED.stem)
    assert [c.source for c in for_nbval.cells] == [c.source for c in expected.cells]
    build = [c for c in for_nbval.cells if {executed.FINGERPRINT_TAG, executed.COUNTERPART_TAG} & set(executed.tags(c))]
    assert len(build) >= len(executed.load_checks(CHECKED.stem)) >= 1
    # a build cell that fails never fails nbval (the site test reports a missing counterpart)
    assert all("raises-exception" in executed.tags(c) for c in build)
    assert len(for_nbval.cells) == len(plain.cells) + len(build)


def test_a_stored_run_is_reused_and_a_changed_notebook_is_run_again(tmp_path, monkeypatch):
    monkeypatch.setattr(executed, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(executed, "NotebookClient", NoExecution)
    notebook = tmp_path / CHECKED.name
    shutil.copy(CHECKED, notebook)
    ran = executed.with_build_cells(nbformat.read(notebook, as_version=4), notebook.stem)
    ran.cells[0].metadata["marker"] = "from nbval"
    stored = executed.store(notebook, ran)
    assert stored.parent == tmp_path / "cache"
    again = executed.executed_notebook(notebook)
    assert again.cells[0].metadata["marker"] == "from nbval"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[0].source += "\n\nchanged"
    nbformat.write(nb, notebook)
    with pytest.raises(AssertionError, match="executed again"):
        executed.executed_notebook(notebook)


def test_the_outputs_nbval_saw_replace_the_stored_ones():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("1 + 1", outputs=[nbformat.v4.new_output("stream", text="old")]),
        nbformat.v4.new_code_cell("print('x')"),
    ])
    seen = {
        id(nb.cells[1]): [{"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {}}],
        id(nb.cells[2]): [{"output_type": "stream", "name": "stdout", "text": "x\n"}],
    }
    result = nbval_export.executed_notebook(nb, seen)
    assert result.cells[1].outputs[0]["data"]["text/plain"] == "2"
    assert result.cells[1].outputs[0]["execution_count"] == 1
    assert result.cells[2].outputs[0]["text"] == "x\n" and result.cells[2].execution_count == 2
    assert nb.cells[1].outputs[0]["text"] == "old"  # the notebook read from disk is untouched
