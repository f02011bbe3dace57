"""Files shipped with mlmkit (published earnings figures, example profiles, a ledger), found by name.

The data live in one real folder, ``data/`` at the top of the repository, described by
``data/manifest.toml`` (each data set's file, columns, units, source and retrieval
note). A wheel ships the same folder inside the package as ``mlmkit/data`` (see
``setup.py``); a checkout or an editable install reads ``data/`` in place. Either way
:func:`data_path`, :func:`load` and :func:`list` find the files by name, so notebooks
never use relative paths and nothing reads outside the package at run time.

Published figures carry their citation and where they were read in every row, and a
``verification`` column: ``quoted`` (the number as published), ``plain reading`` (a
number read from words such as "nearly half"), ``derived`` (computed from published
numbers), ``unverified`` (a lead, never to be stated as fact) or ``fictional``
(a teaching example).

Examples
--------
>>> data_path("companies").name
'companies'
>>> "surveys" in list()["name"].tolist()
True
>>> surveys = load("surveys")
>>> int((surveys["verification"] == "unverified").sum())
1
"""

from __future__ import annotations

import builtins
import copy
import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from mlmkit._tables import ReadableTable
from mlmkit._validation import fail

__all__ = ["data_dir", "data_path", "info", "list", "load", "manifest"]

#: Values allowed in a data set's ``verification`` column.
VERIFICATION_VALUES = ("quoted", "plain reading", "derived", "unverified", "fictional")


def data_dir() -> Path:
    """The folder holding mlmkit's data files.

    An installed wheel has them in ``mlmkit/data``; a checkout (or an editable
    install) has them in the repository's top-level ``data/``.

    Examples
    --------
    >>> (data_dir() / "manifest.toml").is_file()
    True
    """
    packaged = Path(str(files("mlmkit").joinpath("data")))
    if (packaged / "manifest.toml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "manifest.toml").is_file():
        return checkout
    raise FileNotFoundError(
        f"mlmkit's data folder is missing (looked in {packaged} and {checkout}); "
        "reinstall mlmkit"
    )


def data_path(*parts: str) -> Path:
    """Path of a file or folder inside mlmkit's data folder.

    Examples
    --------
    >>> data_path("books", "example_ledger.csv").is_file()
    True
    """
    for part in parts:
        if not isinstance(part, str):
            raise fail("parts", part, "each part must be a text (a folder or file name), e.g. data_path('companies', 'x.toml')")
    return data_dir().joinpath(*parts)


@lru_cache(maxsize=1)
def _manifest_cached(path: str, mtime: float) -> dict[str, Any]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def manifest() -> dict[str, Any]:
    """The parsed ``data/manifest.toml`` (a fresh copy; changing it changes nothing).

    Examples
    --------
    >>> manifest()["datasets"]["surveys"]["file"]
    'earnings/surveys.csv'
    """
    path = data_path("manifest.toml")
    parsed = _manifest_cached(str(path), path.stat().st_mtime)
    return copy.deepcopy(parsed)


def info(name: str) -> dict[str, Any]:
    """One data set's manifest entry: file, title, kind, source, retrieved, columns, units.

    Examples
    --------
    >>> info("court_findings")["units"]["value"]
    'see the unit column'
    >>> info("no_such_thing")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: name = 'no_such_thing' is not allowed: it must be one of the data sets in data/manifest.toml: ...
    """
    datasets = manifest()["datasets"]
    if not isinstance(name, str) or name not in datasets:
        names = ", ".join(sorted(datasets))
        raise fail("name", name, f"it must be one of the data sets in data/manifest.toml: {names}")
    entry = dict(datasets[name])
    entry["name"] = name
    return entry


def _list_datasets() -> pd.DataFrame:
    """Every data set in the manifest: name, title, kind, file and source.

    ``kind`` is ``published`` (figures from a survey, a report, a court or a company),
    ``fictional`` (a teaching example) or ``example`` (a demo file to edit).

    Examples
    --------
    >>> table = list()
    >>> sorted(set(table["kind"]))
    ['example', 'fictional', 'published']
    """
    rows = [
        {
            "name": name,
            "title": entry["title"],
            "kind": entry["kind"],
            "file": entry["file"],
            "source": entry["source"],
        }
        for name, entry in sorted(manifest()["datasets"].items())
    ]
    return ReadableTable(rows, columns=["name", "title", "kind", "file", "source"])


def load(name: str) -> pd.DataFrame:
    """Read a data set by name as a table, checking its columns against the manifest.

    Empty cells are missing values (``NaN``); text stays text. Reading a file never
    runs code.

    Examples
    --------
    >>> brackets = load("disclosure_brackets")
    >>> brackets.loc[0, "company"], float(brackets.loc[0, "share_percent"])
    ('AdvoCare', 67.0)
    """
    entry = info(name)
    path = data_path(*entry["file"].split("/"))
    table = pd.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""])
    expected = builtins.list(entry["columns"])
    if builtins.list(table.columns) != expected:
        raise fail(
            f"columns of {entry['file']}",
            builtins.list(table.columns),
            f"the manifest lists {expected}",
        )
    if "verification" in table.columns:
        bad = sorted(set(table["verification"].astype(str)) - set(VERIFICATION_VALUES)
                     - {value for value in table["verification"].astype(str)
                        if value.startswith("derived")})
        if bad:
            raise fail(f"verification in {entry['file']}", bad, f"use {VERIFICATION_VALUES}")
    return table


# ``mk.datasets.list()`` reads naturally in a notebook; the builtin stays reachable as
# ``builtins.list`` inside this module.
list = _list_datasets  # noqa: A001
