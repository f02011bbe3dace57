"""Optional compiled placement loops (numba): the same steps as the Python loops in placement.

Placement in joining order is sequential by nature (each placement changes the open
places), so :mod:`mlmkit.plans.placement` runs it as a tight Python loop. When the optional
``numba`` package is installed (``pip install mlmkit[fast]``), these compiled twins run the
very same steps about fifty times faster; the Python loops stay the reference and the
tests compare the two on random trees. Nothing here is imported unless numba is present.
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:  # an optional extra: everything works without it
    import numba
except ImportError:  # pragma: no cover - depends on the installation
    numba = None

__all__ = ["available", "place_breadth_first", "place_weaker_leg"]


def available() -> bool:
    """True when the compiled placement loops can be used (numba is installed)."""
    return numba is not None


def _reserve(pool: np.ndarray, start: np.ndarray, length: np.ndarray, capacity: np.ndarray,
             end: np.ndarray, owner: int, needed: int) -> np.ndarray:
    """Make room for ``needed`` entries in ``owner``'s queue inside the shared pool.

    Queues live in one growing array: a queue that fills up moves to the pool's end with
    twice the room (amortised O(1) per entry), and the pool doubles when it runs out.
    """
    if length[owner] + needed <= capacity[owner]:
        return pool
    room = max(2 * capacity[owner], length[owner] + needed, 8)
    if end[0] + room > len(pool):
        grown = np.empty(max(2 * len(pool), end[0] + room), dtype=np.int64)
        grown[: end[0]] = pool[: end[0]]
        pool = grown
    pool[end[0] : end[0] + length[owner]] = pool[start[owner] : start[owner] + length[owner]]
    start[owner] = end[0]
    capacity[owner] = room
    end[0] += room
    return pool


def _breadth_first(sponsors: np.ndarray, order: np.ndarray, width: int) -> np.ndarray:
    """Twin of ``placement._place_breadth_first`` (see there), queues in one pool array."""
    size = len(sponsors)
    placed = np.full(size, -1, dtype=np.int64)
    filled = np.zeros(size, dtype=np.int64)
    children = np.full(size * width, -1, dtype=np.int64)
    heads = np.zeros(size, dtype=np.int64)
    start = np.zeros(size, dtype=np.int64)
    length = np.zeros(size, dtype=np.int64)
    capacity = np.zeros(size, dtype=np.int64)
    end = np.zeros(1, dtype=np.int64)
    pool = np.empty(max(1024, size), dtype=np.int64)
    for position in range(len(order)):
        member = order[position]
        sponsor = sponsors[member]
        if sponsor < 0:
            continue
        if filled[sponsor] < width:
            target = sponsor
        else:
            if capacity[sponsor] == 0:  # first spill: the queue starts with the sponsor's places
                pool = _reserve_jit(pool, start, length, capacity, end, sponsor, width)
                for slot in range(width):
                    pool[start[sponsor] + slot] = children[sponsor * width + slot]
                length[sponsor] = width
            head = heads[sponsor]
            target = pool[start[sponsor] + head]
            while filled[target] == width:  # full: queue its places, move on
                head += 1
                pool = _reserve_jit(pool, start, length, capacity, end, sponsor, width)
                base = start[sponsor] + length[sponsor]
                for slot in range(width):
                    pool[base + slot] = children[target * width + slot]
                length[sponsor] += width
                target = pool[start[sponsor] + head]
            heads[sponsor] = head
        slot = filled[target]
        children[target * width + slot] = member
        filled[target] = slot + 1
        placed[member] = target
    return placed


def _weaker_leg(sponsors: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Twin of ``placement._place_weaker_leg`` (see there), queues in one pool array."""
    size = len(sponsors)
    placed = np.full(size, -1, dtype=np.int64)
    filled = np.zeros(size, dtype=np.int64)
    children = np.full(size * 2, -1, dtype=np.int64)
    below = np.zeros(size, dtype=np.int64)
    heads = np.zeros(size, dtype=np.int64)
    start = np.zeros(size, dtype=np.int64)
    length = np.zeros(size, dtype=np.int64)
    capacity = np.zeros(size, dtype=np.int64)
    end = np.zeros(1, dtype=np.int64)
    pool = np.empty(max(1024, size), dtype=np.int64)
    for position in range(len(order)):
        member = order[position]
        sponsor = sponsors[member]
        if sponsor < 0:
            continue
        if filled[sponsor] < 2:
            target = sponsor
        else:
            left = children[2 * sponsor]
            right = children[2 * sponsor + 1]
            leg = left if below[left] <= below[right] else right
            if filled[leg] < 2:
                target = leg
            else:
                if capacity[leg] == 0:
                    pool = _reserve_jit(pool, start, length, capacity, end, leg, 2)
                    pool[start[leg]] = children[2 * leg]
                    pool[start[leg] + 1] = children[2 * leg + 1]
                    length[leg] = 2
                head = heads[leg]
                while filled[pool[start[leg] + head]] == 2:
                    node = pool[start[leg] + head]
                    head += 1
                    pool = _reserve_jit(pool, start, length, capacity, end, leg, 2)
                    base = start[leg] + length[leg]
                    pool[base] = children[2 * node]
                    pool[base + 1] = children[2 * node + 1]
                    length[leg] += 2
                heads[leg] = head
                target = pool[start[leg] + head]
        slot = filled[target]
        children[2 * target + slot] = member
        filled[target] = slot + 1
        placed[member] = target
        node = target
        while node >= 0:
            below[node] += 1
            node = placed[node]
    return placed


if numba is not None:
    _reserve_jit = numba.njit(cache=True)(_reserve)
    _breadth_first_jit = numba.njit(cache=True)(_breadth_first)
    _weaker_leg_jit = numba.njit(cache=True)(_weaker_leg)
else:  # the functions above still run as plain Python (slowly), e.g. for a test of the twins
    _reserve_jit = _reserve
    _breadth_first_jit = _breadth_first
    _weaker_leg_jit = _weaker_leg


def place_breadth_first(sponsors: Any, order: Any, width: int) -> np.ndarray:
    """Compiled left-first placement: each member's placement parent (``-1`` for the founder)."""
    return _breadth_first_jit(np.asarray(sponsors, dtype=np.int64), np.asarray(order, dtype=np.int64), int(width))


def place_weaker_leg(sponsors: Any, order: Any) -> np.ndarray:
    """Compiled weaker-leg binary placement: each member's placement parent."""
    return _weaker_leg_jit(np.asarray(sponsors, dtype=np.int64), np.asarray(order, dtype=np.int64))
