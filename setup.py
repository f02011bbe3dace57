"""Build hook: ship the top-level ``data/`` folder inside the package as ``mlmkit/data``.

Everything else about the build lives in ``pyproject.toml``. The data stay in one
real folder, ``data/``, so paths such as ``data/companies/evergreen_pantry.toml`` work
from a checkout on every system (no symbolic link, which a Windows checkout turns
into a text file). A wheel gets a real copy in ``mlmkit/data``, which
``mlmkit.datasets`` finds with ``importlib.resources``; a checkout or an editable
install reads ``data/`` directly. ``tests/test_wheel.py`` builds the wheel, installs
it in a fresh virtual environment and opens every data file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: File types shipped from data/ (tables, profiles, the manifest and the READMEs).
DATA_SUFFIXES = {".csv", ".toml", ".md"}


class BuildPyWithData(build_py):
    """``build_py`` that also copies ``data/`` to ``<build>/mlmkit/data``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/ in place
        source = HERE / "data"
        target = Path(self.build_lib) / "mlmkit" / "data"
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix in DATA_SUFFIXES:
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)


setup(cmdclass={"build_py": BuildPyWithData})
