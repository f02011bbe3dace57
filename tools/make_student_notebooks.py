"""Write student copies of the notebooks: solution cells emptied, outputs cleared.

    python tools/make_student_notebooks.py notebooks build/student

Cells tagged ``solution`` become a placeholder comment, so the exercises are left for
the student. The canonical notebooks (with solutions) stay in notebooks/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

PLACEHOLDER = "# Your answer here\n"


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if "solution" in tags:
            first = cell.source.splitlines()[0] if cell.source else ""
            cell.source = (first + "\n" if first.startswith("#") else "") + PLACEHOLDER
    return nb


def main(argv: list[str]) -> int:
    source, target = Path(argv[1]), Path(argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.ipynb")):
        nb = student_copy(nbformat.read(path, as_version=4))
        nbformat.write(nb, target / path.name)
        print(f"wrote {target / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
