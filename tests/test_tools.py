"""The notebook tools: lint catches broken conventions; student copies drop solutions."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from check_notebooks import problems  # noqa: E402
from make_student_notebooks import student_copy  # noqa: E402
from nbtool import strip  # noqa: E402


def good_notebook() -> nbformat.NotebookNode:
    checked = new_code_cell("print(1)", metadata={"tags": ["nbval-check-output"]})
    checked.outputs = [new_output("stream", name="stdout", text="1\n")]
    return new_notebook(
        cells=[
            new_markdown_cell("# T\n\nEducation, not legal or financial advice."),
            new_code_cell("import mlmkit as mk\nmk.charts.setup_altair()"),
            new_code_cell("net = mk.network.random_tree(10, seed=1)"),
            checked,
            new_markdown_cell("## Exercises\n\n1. Do it."),
            new_code_cell("# Solution 1\nanswer = 42", metadata={"tags": ["solution"]}),
        ]
    )


def write(tmp_path: Path, nb: nbformat.NotebookNode) -> Path:
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_good_notebook_passes(tmp_path):
    assert problems(write(tmp_path, good_notebook())) == []


def test_lint_catches_each_broken_convention(tmp_path):
    nb = good_notebook()
    nb.cells[0].source = "# T"
    nb.cells[1].source = "import mlmkit as mk"
    nb.cells[2].source = "net = mk.network.random_tree(10)"
    nb.cells[3].outputs = []
    nb.cells[5].metadata["tags"] = []
    nb.cells.append(new_markdown_cell("It costs $10 and then $20."))
    found = "\n".join(problems(write(tmp_path, nb)))
    for words in ("not legal or financial advice", "setup_altair", "without seed=",
                  "no stored output", "no cell tagged 'solution'", "dollar"):
        assert words in found


def test_lint_refuses_a_code_line_too_long_to_see_in_jupyterlab(tmp_path):
    nb = good_notebook()
    nb.cells[2].source = "net = mk.network.random_tree(10, seed=1)\n" + "x = 1  # " + "a" * 90
    assert problems(write(tmp_path, nb)) == []  # 99 characters: shown whole
    nb.cells[2].source += "a"
    assert [p for p in problems(write(tmp_path, nb)) if "code line of 100 characters" in p] != []


def test_lint_refuses_any_dollar_sign_in_prose(tmp_path):
    """Escaped dollars (``\\$1,000``) were typeset as maths in JupyterLab 4; money reads ``USD 1,000``."""
    for prose in ("Your left leg sold \\$1,000 and your right leg \\$700.", "A $49 kit.", "Cost: \\$5"):
        nb = good_notebook()
        nb.cells.insert(1, new_markdown_cell("Intro.\n\n" + prose))
        found = problems(write(tmp_path, nb))
        assert len(found) == 1 and "cell 1, line 3: dollar sign in prose" in found[0], found
        assert "USD 1,200" in found[0]
    nb = good_notebook()
    nb.cells.insert(1, new_markdown_cell("Your left leg sold USD 1,000 and USD 700 on the right."))
    assert problems(write(tmp_path, nb)) == []


@pytest.mark.parametrize(("prose", "rule"), [
    ("The kit costs 1,200 USD.", "amount before the currency"),
    ("Median net result: -USD 1,269.", "sign before the currency"),
    ("Median net result: USD \u22121,269.", "true minus"),
    ("The kit costs 99 dollars.", "amount in dollars"),
    ("The median net result was 12,345 lower.", None),
])
def test_lint_wants_one_money_format_in_prose_and_outputs(tmp_path, prose, rule):
    """One format (issue 10): USD 1,200 and USD -1,874.25, in markdown and in stored outputs."""
    nb = good_notebook()
    nb.cells.insert(1, new_markdown_cell(prose))
    found = problems(write(tmp_path, nb))
    assert (found == []) if rule is None else (len(found) == 1 and rule in found[0] and "cell 1" in found[0]), found
    nb = good_notebook()
    printed = new_code_cell("print(x)")
    printed.outputs = [new_output("stream", name="stdout", text=prose + "\n")]
    printed.metadata["tags"] = ["nbval-check-output"]
    nb.cells.insert(2, printed)
    found = problems(write(tmp_path, nb))
    assert (found == []) if rule is None else (len(found) == 1 and rule in found[0] and "cell 2" in found[0]), found


def test_lint_reads_money_in_an_html_table_output(tmp_path):
    nb = good_notebook()
    shown = new_code_cell("table")
    shown.metadata["tags"] = ["nbval-check-output"]
    shown.outputs = [new_output("display_data", data={
        "text/html": "<table><tr><td>net</td><td>-USD 6,500,000,270</td></tr></table>"
        "<script>var a = '-USD 1';</script>"})]
    nb.cells.insert(2, shown)
    found = problems(write(tmp_path, nb))
    assert len(found) == 1 and "-USD 6,500,000,270" in found[0], found


def test_lint_refuses_a_later_cell_changing_a_shown_widget(tmp_path):
    nb = good_notebook()
    nb.cells.insert(3, new_code_cell('form = mk.widgets.scorecard.ScorecardExplorer(example="x")\nform'))
    nb.cells.insert(4, new_code_cell('form.controls["a"].value = 1\nprint(form.result)'))
    found = problems(write(tmp_path, nb))
    assert len(found) == 1 and "shown to the reader is changed by a later cell" in found[0]
    nb.cells[4].source = 'demo = mk.widgets.scorecard.ScorecardExplorer(example="x")\ndemo.controls["a"].value = 1'
    assert problems(write(tmp_path, nb)) == []


def test_student_copy_removes_solutions_and_outputs():
    nb = student_copy(good_notebook())
    solution = nb.cells[5]
    assert "42" not in solution.source
    assert solution.source.startswith("# Solution 1")
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


def test_strip_keeps_only_checked_outputs():
    nb = good_notebook()
    nb.cells[2].outputs = [new_output("stream", name="stdout", text="noise\n")]
    nb.cells[2].execution_count = 3
    nb = strip(nb)
    assert nb.cells[2].outputs == [] and nb.cells[2].execution_count is None
    assert nb.cells[3].outputs[0]["text"] == "1\n"


def test_one_exporter_per_process_writes_the_same_page_as_a_new_one(tmp_path):
    import copy

    from export_html import TEMPLATE, build_template, exporter, write_page
    from nbconvert import HTMLExporter

    nb = good_notebook()
    nb.cells = [cell for cell in nb.cells if "solution" not in cell.metadata.get("tags", [])]  # (as write_page does)
    fresh, _ = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(build_template())]).from_notebook_node(
        copy.deepcopy(nb))
    assert exporter() is exporter()
    first = write_page(copy.deepcopy(nb), tmp_path, "a").read_text(encoding="utf-8")
    again = write_page(copy.deepcopy(nb), tmp_path, "b").read_text(encoding="utf-8")
    assert first == again == fresh


def test_nbval_debug_log_still_shows_each_message_formatted():
    import logging
    import pprint

    from nbval_export import _LazyFormat

    message = {"header": {"msg_type": "status"}, "content": {"execution_state": "idle"}, "n": list(range(40))}
    assert str(_LazyFormat(message)) == pprint.pformat(message)
    record = logging.LogRecord("nbval", logging.DEBUG, __file__, 1, "Kernel message (%s):\n%s",
                               ("iopub", _LazyFormat(message)), None)
    assert record.getMessage() == "Kernel message (iopub):\n" + pprint.pformat(message)  # as logging writes it


def test_site_navigation_goes_into_the_page_body_not_into_a_script_holding_markup():
    from build_site import decorate

    page = ('<html><head><script>var bundle = "<body></head></body>";</script><title>x</title></head>'
            '<body class="jp-Notebook"><p>lesson</p>'
            '<script type="application/vnd.jupyter.widget-state+json">{"value": "<html><head></head><body>'
            'a saved HTML widget</body></html>"}</script></body></html>')
    out = decorate(page, title="T", nav='<nav class="site"></nav>', pager='<nav class="pager"></nav>')
    assert '<body class="jp-Notebook">\n<nav class="site"></nav><p>lesson</p>' in out
    assert out.endswith('a saved HTML widget</body></html>"}</script><nav class="pager"></nav>\n</body></html>')
    assert '<title>T</title>' in out and 'var bundle = "<body></head></body>";' in out
