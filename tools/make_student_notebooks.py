"""Write student copies of the notebooks: solution cells emptied, outputs cleared, self-checks added.

    python tools/make_student_notebooks.py notebooks build/student

Cells tagged ``solution`` become a placeholder comment, so the exercises are left for
the student. After each exercise listed in ``tools/self_checks.toml`` the placeholder
asks for ``answer_N = ...`` and a check cell follows that says whether the answer is right
without showing it (``mk.selfcheck.check`` against a fingerprint computed by running the
solution once; see ``tools/executed.py``). The canonical notebooks (with solutions) stay in
notebooks/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

PLACEHOLDER = "# Your answer here\n"
CHECK_TAG = "self-check"


def _check_cells(spec: dict, expected: str) -> tuple[str, nbformat.NotebookNode]:
    n = spec["exercise"]
    answer_line = f"answer_{n} = ...  # replace ... with {spec['ask']}\n"
    tolerance = spec.get("tolerance")
    check = nbformat.v4.new_code_cell(
        f"# Check exercise {n}: run this cell after setting answer_{n} above.\n"
        f"mk.selfcheck.check(answer_{n}, {expected!r}, tolerance={tolerance!r}, label={spec['label']!r})"
    )
    check.metadata["tags"] = [CHECK_TAG]
    return answer_line, check


def student_copy(
    nb: nbformat.NotebookNode,
    checks: list[dict] | None = None,
    fingerprints: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """Empty the solutions and clear outputs; add a self-check after each checked exercise.

    ``checks`` are the notebook's specs from ``tools/self_checks.toml`` (with ``label``),
    ``fingerprints`` the right answers' fingerprints by label.
    """
    nb.metadata.pop("widgets", None)
    by_exercise = {spec["exercise"]: spec for spec in (checks or []) if spec["label"] in (fingerprints or {})}
    cells = []
    solution_number = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
        if "solution" not in tags:
            continue
        solution_number += 1
        first = cell.source.splitlines()[0] if cell.source else ""
        heading = first + "\n" if first.startswith("#") else ""
        spec = by_exercise.get(solution_number)
        if spec is None:
            cell.source = heading + PLACEHOLDER
            continue
        answer_line, check = _check_cells(spec, fingerprints[spec["label"]])  # type: ignore[index]
        cell.source = heading + PLACEHOLDER + answer_line
        cells.append(check)
    nb.cells = cells
    return nb


def main(argv: list[str]) -> int:
    from executed import executed_notebook, fingerprints, load_checks

    source, target = Path(argv[1]), Path(argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.ipynb")):
        checks = load_checks(path.stem)
        found = fingerprints(executed_notebook(path)) if checks else {}
        missing = [spec["label"] for spec in checks if spec["label"] not in found]
        if missing:
            print(f"warning: no fingerprint for {', '.join(missing)} in {path.name} (no self-check there)",
                  file=sys.stderr)
        nb = student_copy(nbformat.read(path, as_version=4), checks, found)
        nbformat.write(nb, target / path.name)
        print(f"wrote {target / path.name} ({len(found)} self-checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
