"""Self-checks say right or not without showing the answer; student copies carry them."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from mlmkit import selfcheck
from mlmkit._validation import MlmkitInputError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from executed import load_checks, with_fingerprint_cells  # noqa: E402
from make_student_notebooks import student_copy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_exact_answers():
    expected = selfcheck.fingerprint(17, label="01.1")
    assert selfcheck.check(17, expected, label="01.1").correct
    assert selfcheck.check(17.0, expected, label="01.1").correct
    assert not selfcheck.check(16, expected, label="01.1").correct
    assert not selfcheck.check(18, expected, label="01.1").correct


def test_the_fingerprint_does_not_contain_the_answer():
    expected = selfcheck.fingerprint(1234.5, tolerance=0.1, label="06.2")
    assert "1234" not in expected and "12345" not in expected


def test_label_salts_the_fingerprint():
    assert selfcheck.fingerprint(13, label="00.1") != selfcheck.fingerprint(13, label="01.1")
    assert not selfcheck.check(13, selfcheck.fingerprint(13, label="00.1"), label="01.1").correct


@pytest.mark.parametrize("value", [0.4237, -1394.25, 0.0, 15.04])
def test_within_tolerance_is_right_and_far_is_wrong(value):
    tolerance = 0.01
    expected = selfcheck.fingerprint(value, tolerance=tolerance, label="x")
    for near in (value, value + 0.004, value - 0.004, value + tolerance, value - tolerance):
        assert selfcheck.check(near, expected, tolerance=tolerance, label="x").correct, near
    for far in (value + 5 * tolerance, value - 5 * tolerance, value * 2 + 1):
        assert not selfcheck.check(far, expected, tolerance=tolerance, label="x").correct, far


def test_text_and_tuples():
    expected = selfcheck.fingerprint(("Ada", 6), label="01.3")
    assert selfcheck.check(("  ada", 6), expected, label="01.3").correct
    assert selfcheck.check(["Ada", 6], expected, label="01.3").correct
    assert not selfcheck.check(("Ben", 6), expected, label="01.3").correct
    assert not selfcheck.check(("Ada", 5), expected, label="01.3").correct


def test_not_answered_and_unusable_answers():
    expected = selfcheck.fingerprint(3, label="x")
    result = selfcheck.check(..., expected, label="x")
    assert not result.correct and "not answered" in result.message
    assert not selfcheck.check({"a": 1}, expected, label="x").correct
    assert "right" in selfcheck.check(3, expected, label="x")._repr_html_()
    with pytest.raises(MlmkitInputError, match="tolerance"):
        selfcheck.fingerprint(1.0, tolerance=0, label="x")


def test_every_check_names_an_existing_solution_cell():
    for spec in load_checks():
        path = ROOT / "notebooks" / f"{spec['notebook']}.ipynb"
        assert path.exists(), spec
        nb = with_fingerprint_cells(nbformat.read(path, as_version=4), path.stem)
        solutions = [i for i, c in enumerate(nb.cells) if "solution" in c.get("metadata", {}).get("tags", [])]
        assert spec["exercise"] <= len(solutions), spec
        after = nb.cells[solutions[spec["exercise"] - 1] + 1]
        assert "mlmkit-fingerprint" in after.metadata["tags"], spec


def test_student_copy_has_a_check_cell_after_each_checked_exercise_and_no_solution():
    path = ROOT / "notebooks" / "01_levels_downlines_commissions.ipynb"
    nb = nbformat.read(path, as_version=4)
    checks = load_checks(path.stem)
    fingerprints = {spec["label"]: selfcheck.fingerprint(99, label=spec["label"]) for spec in checks}
    copy = student_copy(nbformat.read(path, as_version=4), checks, fingerprints)
    text = "\n".join(cell.source for cell in copy.cells)
    solutions = [c.source for c in nb.cells if "solution" in c.get("metadata", {}).get("tags", [])]
    for solution in solutions:
        for line in solution.splitlines()[1:]:
            if len(line.strip()) > 20:
                assert line not in text
    check_cells = [c for c in copy.cells if "self-check" in c.get("metadata", {}).get("tags", [])]
    assert len(check_cells) == len(checks)
    for spec, cell in zip(checks, check_cells, strict=True):
        assert f"answer_{spec['exercise']}" in cell.source and fingerprints[spec["label"]] in cell.source
