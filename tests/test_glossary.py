"""The glossary: every term defined once with a source; every term the notebooks mark is defined."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from mlmkit import glossary
from mlmkit._validation import MlmkitInputError
from mlmkit.sources import SOURCES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: The terms issue 13 lists; each must resolve to an entry.
REQUIRED = [
    "upline", "downline", "sponsor", "level", "generation", "PV", "GV", "BV", "autoship", "breakage",
    "compression", "spillover", "breakaway", "carry-forward", "pairing", "matrix", "inventory loading",
    "buy-back", "income disclosure statement", "Koscot test", "pay-to-play", "front-loading",
]


@pytest.mark.parametrize("term", REQUIRED)
def test_every_required_term_is_defined(term):
    entry = glossary.lookup(term)
    assert entry.definition and entry.source


def test_every_entry_has_one_definition_a_source_and_a_known_tag():
    table = glossary.glossary_table()
    assert table["term"].is_unique
    assert len(glossary.GLOSSARY) == len(table)
    for entry in glossary.GLOSSARY.values():
        assert len(entry.definition) > 30, entry.term
        assert entry.source.strip(), entry.term
        assert entry.tag in {"P", "S", "D"}, entry.term
        assert "$" not in entry.definition, entry.term  # JupyterLab would typeset it as maths
        if entry.source_key is not None:
            assert entry.source_key in SOURCES


def test_aliases_do_not_point_to_two_terms():
    seen: dict[str, str] = {}
    for entry in glossary.GLOSSARY.values():
        for alias in entry.aliases:
            key = glossary._key(alias)
            assert seen.setdefault(key, entry.term) == entry.term, f"{alias!r}: {seen[key]} and {entry.term}"


def test_unknown_term_names_the_value():
    with pytest.raises(MlmkitInputError, match="wombat"):
        glossary.lookup("wombat")


def test_plurals_and_case_are_forgiven():
    assert glossary.lookup("Downlines") is glossary.lookup("downline")
    assert glossary.lookup("MATRICES").term == "Matrix (forced matrix)"


def test_marked_terms_are_found():
    text = f"Your [uplines]({glossary.MARK_TARGET}) and [PV]({glossary.MARK_TARGET}), not [x](y.html)."
    assert glossary.marked_terms(text) == ["uplines", "PV"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_term_the_notebooks_mark_is_defined(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for term in glossary.marked_terms(cell.source):
                glossary.lookup(term)  # raises, naming the term, if it is not defined


def test_the_glossary_heading_the_marks_point_to_exists():
    start = nbformat.read(ROOT / "notebooks" / glossary.MARK_TARGET.split("#")[0], as_version=4)
    anchor = glossary.MARK_TARGET.split("#")[1]
    assert any(cell.cell_type == "markdown" and f"## {anchor}" in cell.source for cell in start.cells)
