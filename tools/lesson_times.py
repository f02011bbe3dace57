"""Measure each lesson's length for the instructors' guide (docs/instructors.md).

    python tools/lesson_times.py notebooks [--wpm 200]

For each notebook it prints, from the run that ``make site`` / ``make answers`` made (the
executed copies in ``build/executed/``, executing any that are missing):

- the time the notebook's own cells took to run (kernel time per cell, as nbclient recorded
  it: from ``execute_input`` to ``execute_reply``; the build's extra cells are left out);
- the words of prose before the Exercises section and in it, and the reading time at the
  given words per minute;
- the number of exercises and of explorers.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from executed import COUNTERPART_TAG, EXPLORER, FINGERPRINT_TAG, executed_notebook, tags  # noqa: E402

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*")


def _seconds(cell) -> float:
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not start or not end:
        return 0.0
    return (datetime.fromisoformat(end.replace("Z", "+00:00"))
            - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()


def measure(path: Path, wpm: float) -> dict:
    nb = executed_notebook(path)
    run_s = sum(_seconds(c) for c in nb.cells
                if c.cell_type == "code" and not {FINGERPRINT_TAG, COUNTERPART_TAG} & set(tags(c)))
    lecture_words = exercise_words = 0
    in_exercises = False
    exercises = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if cell.source.lstrip().startswith("## Exercises"):
            in_exercises = True
            exercises = len(re.findall(r"^\s*(?:\*\*)?\d+\.", cell.source, re.M))
        elif cell.source.lstrip().startswith(("## Sources", "### Sources")):
            in_exercises = False
        words = len(WORD.findall(cell.source))
        if in_exercises:
            exercise_words += words
        else:
            lecture_words += words
    explorers = sum(1 for c in nb.cells if c.cell_type == "code" and EXPLORER.search(c.source)
                    and "solution" not in tags(c))
    return {
        "notebook": path.stem, "run_s": run_s, "lecture_words": lecture_words,
        "reading_min": lecture_words / wpm, "exercise_words": exercise_words,
        "exercises": exercises, "explorers": explorers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", type=Path)
    parser.add_argument("--wpm", type=float, default=200.0)
    args = parser.parse_args(argv)
    print(f"| notebook | run all (s) | words (lesson) | reading at {args.wpm:g} wpm (min) "
          "| exercises | words (exercises) | explorers |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path in sorted(args.notebooks.glob("*.ipynb")):
        row = measure(path, args.wpm)
        print(f"| {row['notebook']} | {row['run_s']:.0f} | {row['lecture_words']:,} | {row['reading_min']:.0f} "
              f"| {row['exercises']} | {row['exercise_words']:,} | {row['explorers']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
