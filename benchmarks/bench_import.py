"""How long ``import mlmkit.widgets`` takes in a fresh process (goal: 1.0 s or less).

Measured inside the process around the import statement (the interpreter's own start is
not counted), several fresh processes.
"""

from __future__ import annotations

from harness import Case  # type: ignore[import-not-found]

GOAL_SECONDS = 1.0


def _import_widgets(state: object) -> dict:
    import mlmkit.widgets  # noqa: F401

    return {}


def _import_mlmkit(state: object) -> dict:
    import mlmkit  # noqa: F401

    return {}


def cases(quick: bool = False) -> list[Case]:
    """The import rows."""
    runs = 3 if quick else 5
    return [
        Case("import: import mlmkit", 1, _import_mlmkit, runs=runs, cold=True),
        Case("import: import mlmkit.widgets", 1, _import_widgets, goal_seconds=GOAL_SECONDS, runs=runs, cold=True),
    ]
