"""Files shipped with mlmkit (example company profiles and tables), found by name.

The repository's top-level ``data/`` folder is shipped inside the package as
``mlmkit/data`` (a link in the source tree), so notebooks never use relative paths.

Examples
--------
>>> data_path("companies").name
'companies'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["data_path"]


def data_path(*parts: str) -> Path:
    """Path of a file or folder inside mlmkit's data folder."""
    return Path(str(files("mlmkit").joinpath("data", *parts)))
