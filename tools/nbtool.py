"""Run and tidy the suite's notebooks.

    python tools/nbtool.py execute notebooks/01_levels_downlines_commissions.ipynb [...]
    python tools/nbtool.py strip notebooks/*.ipynb

``execute`` runs a notebook top to bottom in a fresh kernel (with a per-cell timeout),
then keeps outputs only on cells tagged ``nbval-check-output`` (the numbers the prose
quotes, which nbval compares) and strips everything else: other outputs, execution
counts, widget state and timing metadata. ``strip`` does the stripping alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"
CELL_TIMEOUT_S = 180


def is_checked(cell: nbformat.NotebookNode) -> bool:
    """True if nbval compares this cell's output."""
    tags = cell.get("metadata", {}).get("tags", [])
    return CHECK_TAG in tags or "# NBVAL_CHECK_OUTPUT" in cell.get("source", "")


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep outputs only on checked cells; drop volatile metadata."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            cell.outputs = [out for out in cell.outputs if out.get("output_type") != "display_data"]
            for out in cell.outputs:
                out.pop("metadata", None) if not out.get("metadata") else None
        else:
            cell.outputs = []
            cell.execution_count = None
    return nb


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(strip(nb), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["execute", "strip"])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if args.command == "execute":
            execute(path)
        else:
            nbformat.write(strip(nbformat.read(path, as_version=4)), path)
        print(f"{args.command}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
