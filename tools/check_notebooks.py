"""Lint the notebooks: the conventions in CONTRIBUTING.md, checked on every `make test`.

    python tools/check_notebooks.py notebooks

Each notebook must say it is education and not advice, set up offline charts in its
first code cell, end with an Exercises section whose solution cells are tagged
``solution``, keep outputs only on ``nbval-check-output`` cells (and have them there),
pass a seed to every random network or simulation it makes, and never use a dollar
sign in prose: JupyterLab's MathJax reads the text between two of them (escaped or not)
as maths, so money is written ``USD 1,200`` (or "1,200 dollars"), which reads the same in
JupyterLab, in the exported pages and on GitHub.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbtool import is_checked  # noqa: E402

WIDGET_MADE = re.compile(r"^(\w+)\s*=\s*mk\.widgets\.", re.M)
CHANGES_WIDGET = r"\b{name}\.(controls\[[^\]]*\]\.value\s*=|load_\w*\(|save\(|update\(|set_\w*\()"
MONEY_RULE = "write money as USD 1,200 (JupyterLab typesets text between dollar signs as maths)"
RANDOM_CALLS = re.compile(r"\b(random_tree|simulate_market|simulate)\(([^()]|\([^()]*\))*\)", re.S)


def problems(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    found: list[str] = []
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    if "not legal or financial advice" not in text:
        found.append("no 'not legal or financial advice' note")
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    if not code_cells or "setup_altair" not in code_cells[0].source:
        found.append("first code cell does not call mk.charts.setup_altair()")
    exercises_at = next(
        (i for i, cell in enumerate(nb.cells)
         if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Exercises")),
        None,
    )
    if exercises_at is None:
        found.append("no '## Exercises' section")
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            for line_number, line in enumerate(cell.source.splitlines(), start=1):
                if "$" in line:
                    found.append(f"cell {i}, line {line_number}: dollar sign in prose ({line.strip()[:60]!r}): "
                                 + MONEY_RULE)
        if "solution" in tags and (exercises_at is None or i < exercises_at):
            found.append(f"cell {i}: solution cell before the Exercises section")
        if cell.cell_type != "code":
            continue
        if is_checked(cell) and not cell.outputs:
            found.append(f"cell {i}: checked cell has no stored output (run tools/nbtool.py execute)")
        if not is_checked(cell) and cell.outputs:
            found.append(f"cell {i}: unchecked cell keeps outputs (run tools/nbtool.py strip)")
        for match in RANDOM_CALLS.finditer(cell.source):
            if "seed" not in match.group(0) and "def " not in cell.source[: match.start()][-20:]:
                found.append(f"cell {i}: {match.group(1)}(...) without seed=")
    found += shown_widgets_changed_by_code(code_cells)
    if exercises_at is not None and not any(
        "solution" in cell.get("metadata", {}).get("tags", []) for cell in nb.cells[exercises_at:]
    ):
        found.append("Exercises section has no cell tagged 'solution'")
    return found


def shown_widgets_changed_by_code(code_cells: list) -> list[str]:
    """A widget shown to the reader is changed only by the reader, never by a later cell.

    (Notebook 03's form opened showing another score and a "Saved ..." message, because a
    demo cell further down set its controls and saved it.)
    """
    found = []
    for i, cell in enumerate(code_cells):
        lines = [line for line in cell.source.strip().splitlines() if line.strip()]
        for name in WIDGET_MADE.findall(cell.source):
            if not lines or lines[-1].strip() != name:
                continue  # made but not shown
            pattern = re.compile(CHANGES_WIDGET.format(name=re.escape(name)))
            for later in code_cells[i + 1:]:
                if pattern.search(later.source):
                    found.append(f"the widget {name!r} shown to the reader is changed by a later cell "
                                 f"({pattern.search(later.source).group(0)!r}); use a second, unshown one")
    return found


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "notebooks")
    paths = sorted(folder.glob("*.ipynb"))
    failures = 0
    for path in paths:
        for problem in problems(path):
            print(f"{path}: {problem}")
            failures += 1
    print(f"checked {len(paths)} notebooks: {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
