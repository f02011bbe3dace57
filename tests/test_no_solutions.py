"""Nothing students receive carries a solution: HTML exports, site pages, student copies."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from executed import COUNTERPART_TAG, FINGERPRINT_TAG, for_readers, without_build_cells  # noqa: E402
from export_html import export  # noqa: E402

SECRET = "SECRET-ANSWER-4242"


def tiny_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    solution = nbformat.v4.new_code_cell(f"# Solution 1\nprint('{SECRET}')")
    solution.metadata["tags"] = ["solution"]
    nb.cells = [nbformat.v4.new_markdown_cell("## Exercises\n\n1. Print the secret."),
                nbformat.v4.new_code_cell("print('lesson output')"), solution]
    return nb


def test_html_export_leaves_solutions_out(tmp_path):
    path = tmp_path / "99_tiny.ipynb"
    nbformat.write(tiny_notebook(), path)
    page = export(path, tmp_path / "html").read_text(encoding="utf-8")
    assert "lesson output" in page
    assert SECRET not in page and "Solution 1" not in page


def test_reader_pages_drop_solutions_and_build_cells_but_the_key_keeps_solutions():
    nb = tiny_notebook()
    fingerprint = nbformat.v4.new_code_cell("print('MLMKIT-FINGERPRINT 99.1 abc')")
    fingerprint.metadata["tags"] = [FINGERPRINT_TAG]
    explorer = nbformat.v4.new_code_cell("explorer = mk.widgets.network.DownlineExplorer()\nexplorer")
    explorer.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "live widget"})]
    counterpart = nbformat.v4.new_code_cell("_offline.kernel_free_counterpart(explorer)")
    counterpart.metadata["tags"] = [COUNTERPART_TAG]
    counterpart.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<div>kernel-free</div>"})]
    nb.cells += [fingerprint, explorer, counterpart]
    reader = for_readers(nb)
    sources = "\n".join(cell.source for cell in reader.cells)
    assert SECRET not in sources and "MLMKIT-FINGERPRINT" not in sources
    assert reader.cells[-1].outputs[0]["data"]["text/html"] == "<div>kernel-free</div>"
    key = without_build_cells(nb)
    assert SECRET in "\n".join(cell.source for cell in key.cells)
    assert not any(FINGERPRINT_TAG in c.metadata.get("tags", []) for c in key.cells)


def test_only_displayed_explorers_get_a_counterpart():
    from executed import with_counterpart_cells

    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("explorer = mk.widgets.network.DownlineExplorer()\nexplorer")
    used = nbformat.v4.new_code_cell("demo = mk.widgets.network.DownlineExplorer()\nprint(demo.result)")
    nb.cells = [shown, used]
    cells = with_counterpart_cells(nb).cells
    assert len(cells) == 3
    assert COUNTERPART_TAG in cells[1].metadata["tags"] and "explorer" in cells[1].source
