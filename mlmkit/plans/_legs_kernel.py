"""Optional compiled pass (numba) for the binary plan's legs: group volumes and both legs at once.

:func:`mlmkit.plans.binary.binary_legs` finds each member's left and right leg volume with
whole-array numpy: group volumes level by level (:meth:`~mlmkit.network.Network.sum_down`),
then the two places below everyone (two ``ufunc.at`` passes) and two gathers. When the
optional ``numba`` package is installed (``pip install mlmkit[fast]``), a placement tree whose
members are numbered after the member they sit under (placement in joining order) is
instead swept once, from the last member to the first: when a member is reached, everyone
below it has already been counted, so its group volume is final and goes straight into
the leg of the member above it (the smaller number is the left leg). No level index, no
scatter, no temporary array.

The sums are the same, bit for bit, as the numpy path's: a member's group volume is its
own volume plus (left leg + right leg), which is what ``sum_down`` adds (a ``bincount``
of the places below in member order, then the member's own volume), and IEEE addition of
two numbers does not depend on their order. The tests compare both paths.

Nothing here imports numba unless it is installed; the loop also runs as plain Python
(slowly), which the tests use to check it without numba.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np

numba: Any
try:  # an optional extra: everything works without it (imported by name: mypy-clean with or without it)
    numba = importlib.import_module("numba")
except ImportError:  # pragma: no cover - depends on the installation
    numba = None

__all__ = ["available", "binary_leg_sums"]

#: :func:`_sweep` results.
DONE, NOT_IN_JOINING_ORDER = 0, 1


def available() -> bool:
    """True when the compiled pass can be used (numba is installed)."""
    return numba is not None


def _sweep(parent: np.ndarray, values: np.ndarray, left: np.ndarray, right: np.ndarray) -> int:
    """Fill ``left`` and ``right`` (zeros) with each member's leg sums of ``values``.

    ``parent`` is a *binary* placement tree (callers know it is) in the sentinel layout of
    :attr:`mlmkit.network.Network.parent`. Returns :data:`DONE`, or
    :data:`NOT_IN_JOINING_ORDER` if a member sits under a larger number (the arrays are
    then partly filled: use the numpy path).

    The places below a member are reached largest number first, so without a branch: each
    one moves the member's current left leg to the right and becomes the left leg (one
    place below: left only; two: the smaller number left, the larger right).
    """
    size = len(parent) - 1
    for member in range(size - 1, -1, -1):
        above = parent[member]
        if above == size:
            continue
        if above >= member:
            return NOT_IN_JOINING_ORDER
        group = values[member] + (left[member] + right[member])
        right[above] = left[above]
        left[above] = group
    return DONE


if numba is not None:
    _sweep_jit = numba.njit(cache=True, nogil=True)(_sweep)
else:  # pragma: no cover - depends on the installation
    _sweep_jit = _sweep


def binary_leg_sums(parent: np.ndarray, values: np.ndarray, *, compiled: bool = True) -> tuple[np.ndarray, np.ndarray] | None:
    """Each member's left and right leg sums of ``values`` in a binary placement tree.

    The tree must be binary (at most two places below anyone), as a placement tree is.

    Parameters
    ----------
    parent : numpy.ndarray
        The placement tree's parent array (sentinel layout).
    values : numpy.ndarray
        ``float64``, one per member.
    compiled : bool, default True
        False runs the same loop as plain Python (for the tests).

    Returns
    -------
    tuple of numpy.ndarray or None
        ``(left, right)``, or None when the tree is not numbered in joining order: then
        the numpy path answers.

    Examples
    --------
    >>> parent = np.array([4, 0, 0, 1, 4])  # 0 above 1 and 2; 1 above 3
    >>> left, right = binary_leg_sums(parent, np.array([0, 400, 700, 600.0]), compiled=False)
    >>> left.tolist(), right.tolist()
    ([1000.0, 600.0, 0.0, 0.0], [700.0, 0.0, 0.0, 0.0])
    """
    size = len(parent) - 1
    left = np.zeros(size)  # zero pages: memory only where written
    right = np.zeros(size)
    sweep = _sweep_jit if compiled else _sweep
    if sweep(parent, np.asarray(values, dtype=np.float64), left, right) != DONE:
        return None
    return left, right

