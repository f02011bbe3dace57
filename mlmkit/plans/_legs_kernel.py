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

A payout (no volume carried from the last period) needs more than the sums: the weaker leg,
the volume carried forward on each side and the share of the weaker leg's volume that came
from outside customers. :func:`binary_legs_table` writes that whole table in the same sweep:
a member's row is written when the member is reached, and the legs' retail sums wait in two
of the table's own columns until then. Two sweeps and the numpy table made five temporary
arrays (the legs' retail sums and three for the share), and on a machine that charges for new
memory (see :mod:`mlmkit._prefault`) that cost more than the sums: at 10,000,000 members with
retail sales, the binary payout after placement took 3.2 s that way and 1.4 s with the one
sweep (one profiled process each).

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

from mlmkit._prefault import pages_ready_in_background

numba: Any
try:  # an optional extra: everything works without it (imported by name: mypy-clean with or without it)
    numba = importlib.import_module("numba")
except ImportError:  # pragma: no cover - depends on the installation
    numba = None

__all__ = ["TABLE_COLUMNS", "available", "binary_leg_sums", "binary_legs_table"]

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


def _sweep_legs_table(
    parent: np.ndarray,
    volume: np.ndarray,
    retail: np.ndarray,
    with_share: bool,
    left: np.ndarray,
    right: np.ndarray,
    paired: np.ndarray,
    carry: np.ndarray,
    carry_left: np.ndarray,
    carry_right: np.ndarray,
    share: np.ndarray,
) -> int:
    """:func:`_sweep` of ``volume`` (and of ``retail`` if ``with_share``), and the legs' table.

    The seven arrays are zeros. When a member is reached, its leg sums are final (everyone
    below has a larger number), and its row of the table is written as
    :func:`mlmkit.plans.binary._legs` computes it: ``paired`` the weaker leg, ``carry`` the
    difference, ``carry_left`` and ``carry_right`` each leg beyond the weaker one, and (if
    ``with_share``) ``share``, the weaker leg's retail sum over its volume (the left leg when
    it is not the larger; 0 for an empty leg; clipped to 0..1) as
    :func:`mlmkit.plans.binary._retail_share` computes it. Until then, ``share`` and
    ``carry_right`` hold the member's left and right leg *retail* sums: no other array is needed.
    """
    size = len(parent) - 1
    for member in range(size - 1, -1, -1):
        left_volume = left[member]
        right_volume = right[member]
        weaker = min(left_volume, right_volume)
        left_retail = right_retail = 0.0
        if with_share:
            left_retail = share[member]
            right_retail = carry_right[member]
            weaker_retail = left_retail if left_volume <= right_volume else right_retail
            share[member] = min(max(weaker_retail / weaker, 0.0), 1.0) if weaker > 0 else 0.0
        paired[member] = weaker
        carry[member] = abs(left_volume - right_volume)
        carry_left[member] = left_volume - weaker
        carry_right[member] = right_volume - weaker
        above = parent[member]
        if above == size:
            continue
        if above >= member:
            return NOT_IN_JOINING_ORDER
        right[above] = left[above]
        left[above] = volume[member] + (left_volume + right_volume)
        if with_share:
            carry_right[above] = share[above]
            share[above] = retail[member] + (left_retail + right_retail)
    return DONE


if numba is not None:
    _sweep_jit = numba.njit(cache=True, nogil=True)(_sweep)
    _sweep_legs_table_jit = numba.njit(cache=True, nogil=True)(_sweep_legs_table)
else:  # pragma: no cover - depends on the installation
    _sweep_jit = _sweep
    _sweep_legs_table_jit = _sweep_legs_table


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
    with pages_ready_in_background(left, right):
        done = sweep(parent, np.asarray(values, dtype=np.float64), left, right)
    return (left, right) if done == DONE else None


#: The columns of :func:`binary_legs_table`, in order.
TABLE_COLUMNS = (
    "left_leg_volume_usd",
    "right_leg_volume_usd",
    "paired_volume_usd",
    "carry_forward_usd",
    "carry_forward_left_usd",
    "carry_forward_right_usd",
    "weaker_leg_retail_share",
)


def binary_legs_table(
    parent: np.ndarray, volume: np.ndarray, retail: np.ndarray | None, *, compiled: bool = True
) -> dict[str, np.ndarray] | None:
    """A payout's legs table (see :data:`TABLE_COLUMNS`) from one sweep of a binary placement tree.

    What :func:`mlmkit.plans.binary._binary_legs` returns for a payout (no carried volume),
    the same bit for bit, without its temporaries: the legs' retail sums never take arrays
    of their own. ``retail`` None: no sales to outside customers (the share is zeros that
    take no memory until written). With the arrays' pages made present on another thread
    while the sweep runs (:func:`mlmkit._prefault.pages_ready_in_background`).

    Returns
    -------
    dict of str to numpy.ndarray or None
        The table, or None when the tree is not numbered in joining order.

    Examples
    --------
    >>> parent = np.array([4, 0, 0, 1, 4])  # 0 above 1 and 2; 1 above 3
    >>> volume, retail = np.array([0, 400, 700, 600.0]), np.array([0, 100, 350, 0.0])
    >>> table = binary_legs_table(parent, volume, retail, compiled=False)
    >>> table["left_leg_volume_usd"].tolist(), table["paired_volume_usd"].tolist()
    ([1000.0, 600.0, 0.0, 0.0], [700.0, 0.0, 0.0, 0.0])
    >>> table["weaker_leg_retail_share"].tolist()  # member 0: the weaker leg is 700, 350 of it retail
    [0.5, 0.0, 0.0, 0.0]
    """
    size = len(parent) - 1
    columns = [np.zeros(size) for _ in TABLE_COLUMNS]  # zero pages: memory only where written
    sweep = _sweep_legs_table_jit if compiled else _sweep_legs_table
    volume = np.asarray(volume, dtype=np.float64)
    with_share = retail is not None
    # without retail the share stays zeros, unwritten (and the sweep never reads its retail argument)
    with pages_ready_in_background(*(columns if with_share else columns[:-1])):
        done = sweep(parent, volume, np.asarray(retail, dtype=np.float64) if with_share else volume,
                     with_share, *columns)
    return dict(zip(TABLE_COLUMNS, columns, strict=True)) if done == DONE else None
