"""Byte-compile, once, the modules that the processes of ``make test`` and ``make lab`` import.

    .venv/bin/python tools/warm_imports.py

``make setup`` installs with ``--no-compile`` (compiling all 100 MB of installed sources costs
more than it saves), so Python compiles a module the first time it is imported and keeps the
``.pyc``. On a fresh clone, though, ``make test`` starts its lanes at the same moment: four
pytest processes, three notebook kernels and two JupyterLab servers would each compile the
same pandas, altair, IPython and Jupyter modules, since none finds a ``.pyc`` yet (about 25 s
of processor time spent several times over). Importing them here first, in two processes
side by side (both cores), compiles each module once; every later process reads the
``.pyc``. Only imports: nothing runs, nothing is downloaded.
"""

from __future__ import annotations

import subprocess
import sys

#: Two groups of about the same compile time: what the test processes import, and what the
#: notebook kernels and JupyterLab import.
GROUPS = [
    ["numpy", "pandas", "pytest", "hypothesis", "altair", "mlmkit", "mlmkit.charts", "mlmkit.plans",
     "mlmkit.simulate", "mlmkit.scorecard", "playwright.sync_api"],
    ["ipykernel.kernelapp", "IPython", "ipywidgets", "anywidget", "mlmkit.widgets", "jupyterlab.labapp",
     "jupyter_server.serverapp", "nbformat", "nbclient", "nbconvert", "nbval.plugin"],
]


def main() -> int:
    processes = [
        subprocess.Popen([sys.executable, "-c", "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name)",
                          *group])
        for group in GROUPS
    ]
    failed = [group for group, process in zip(GROUPS, processes, strict=True) if process.wait(timeout=600) != 0]
    if failed:
        print(f"warm_imports: could not import {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
