"""Self-check an exercise answer without seeing the expected one (``mk.selfcheck``).

The student copy of a notebook (``make student``) has, after each exercise that has one
answer, a cell like::

    mk.selfcheck.check(answer_1, "4f1c...", label="01.1")

The second argument is a *fingerprint* of the right answer, computed when the copy was
built by running the solution: a salted SHA-256 hash of the answer written in a
canonical form, so the cell tells whether an answer is right without printing it.
Numbers are compared within a tolerance: the value is first rounded to a whole number of
``tolerance`` steps, and an answer one step either side of the expected one also counts
(so anything within one tolerance step is always accepted). Text is compared ignoring case
and surrounding spaces; tuples and lists element by element.

A fingerprint hides the answer from a casual look, not from a determined search (a student
could try every level from 1 to 40). It is a learning aid, not an exam lock.

Examples
--------
>>> expected = fingerprint(17, label="01.1")
>>> check(17, expected, label="01.1").correct
True
>>> check(16, expected, label="01.1").correct
False
>>> share = fingerprint(0.4237, tolerance=0.001, label="02.1")
>>> check(0.424, share, tolerance=0.001, label="02.1").correct
True
"""

from __future__ import annotations

import hashlib
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mlmkit._validation import check_number, check_text, fail

__all__ = ["CheckResult", "check", "fingerprint"]

_NOT_ANSWERED = (Ellipsis, None)


def _canonical(value: Any, tolerance: float | None, shift: int = 0, *, strict: bool = False) -> str:
    """The answer written one way only (``shift`` moves a number by whole tolerance steps)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        value = value.item()  # numpy scalar -> Python scalar
    if isinstance(value, bool):
        return f"b:{value}"
    if tolerance is None and isinstance(value, numbers.Real) and float(value).is_integer():
        return f"i:{int(float(value)) + shift}"  # 17 and 17.0 are the same answer
    if isinstance(value, numbers.Real):
        number = float(value)
        step = tolerance if tolerance else 1e-9
        if not math.isfinite(number) or not math.isfinite(number / step):
            if strict:
                raise fail("value", value, "a right answer is a finite number (or text, or a list of those)")
            return f"f:{number}"
        return f"n:{round(number / step) + shift}"
    if isinstance(value, str):
        return "s:" + " ".join(value.split()).casefold()
    if isinstance(value, Sequence):
        return "l:[" + "|".join(_canonical(item, tolerance, strict=strict) for item in value) + "]"
    raise fail("answer", value, "a number, a piece of text, or a tuple or list of those")


def _digest(canonical: str, label: str) -> str:
    return hashlib.sha256(f"mlmkit-selfcheck|{label}|{canonical}".encode()).hexdigest()[:20]


def fingerprint(value: Any, *, tolerance: float | None = None, label: str = "") -> str:
    """The fingerprint of a right answer (what a student-copy check cell stores).

    Parameters
    ----------
    value : int, float, str, bool, or a tuple or list of those
        The right answer.
    tolerance : float, optional
        For numbers: how close counts as right (for example ``0.001`` for a share,
        ``1`` for dollars). Without it, whole numbers must match exactly.
    label : str
        The exercise's label (``"01.1"``); it salts the hash, so two exercises with the
        same answer have different fingerprints.

    Examples
    --------
    >>> len(fingerprint("Ada", label="01.3"))
    20
    >>> fingerprint("Ada", label="01.3") == fingerprint(" ada ", label="01.3")
    True
    """
    tolerance = _tolerance(tolerance)
    label = check_text("label", label)
    if isinstance(value, bytes | bytearray):
        raise fail("value", value, "a number, a piece of text, or a tuple or list of those")
    return _digest(_canonical(value, tolerance, strict=True), label)


def _tolerance(tolerance: Any) -> float | None:
    if tolerance is None:
        return None
    number = check_number("tolerance", tolerance, low=0, high=1e12)
    if not number > 0:
        raise fail("tolerance", tolerance, "a positive number, or None for an exact match")
    return number


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one self-check: ``correct`` and the message shown."""

    label: str
    correct: bool
    message: str

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.correct else "#b35900"
        import html

        return f"<p style='color:{colour};font-weight:bold'>{html.escape(self.message)}</p>"


def check(answer: Any, expected: str, *, tolerance: float | None = None, label: str = "") -> CheckResult:
    """Say whether ``answer`` matches the fingerprint ``expected``, without revealing it.

    Parameters
    ----------
    answer : int, float, str, bool, or a tuple or list of those
        The student's answer. ``...`` (the placeholder) means "not answered yet".
    expected : str
        The fingerprint from :func:`fingerprint`.
    tolerance, label
        The same values the fingerprint was made with.

    Examples
    --------
    >>> check(..., fingerprint(3, label="x"), label="x")
    Exercise x: not answered yet. Replace ... with your answer and run this cell again.
    >>> check(3, fingerprint(3, label="x"), label="x")
    Exercise x: right!
    """
    tolerance = _tolerance(tolerance)
    label = check_text("label", label)
    expected = check_text("expected", expected)
    name = f"Exercise {label}" if label else "Your answer"
    if any(answer is marker for marker in _NOT_ANSWERED):
        return CheckResult(label, False, f"{name}: not answered yet. Replace ... with your answer "
                                         "and run this cell again.")
    try:
        shifts = (0, -1, 1) if tolerance is not None else (0,)
        correct = any(_digest(_canonical(answer, tolerance, shift), label) == expected for shift in shifts)
    except ValueError as error:
        return CheckResult(label, False, f"{name}: cannot check this answer ({error}).")
    if correct:
        return CheckResult(label, True, f"{name}: right!")
    return CheckResult(label, False, f"{name}: not yet. Check the units and the form the exercise "
                                     "asks for, then try again.")
