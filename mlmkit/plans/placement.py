"""Placing members in a binary tree or a forced matrix, with spillover.

In a binary plan (width 2) or a forced matrix (width W), nobody may have more than W
people directly below them. The sponsor tree (who recruited whom) stays as it is; each
member also gets a *position* in a second tree, the placement tree, and the plan pays up
that tree. A sponsor whose W places are full "spills over" the new recruit into their own
downline, where the recruit may end up under someone else: the "spillover" that binary
and matrix presentations promise. Source: ``plan_types_glossary``.

Placement rules (members are placed in joining order; a sponsor always before a recruit):

- ``"left_first"``: the first open place under the sponsor, breadth first, left to right
  (the sponsor's own frontline first, then the level below, ...).
- ``"weaker_leg"`` (binary only): the sponsor's own two places first; after that, the
  first open place (breadth first) inside the sponsor's leg with fewer members.

Placement is sequential by nature (every placement changes the open places), and not
level by level: where a sponsor's later recruit lands depends on whether their own
recruits or their sponsor's spillover took the places below them first, i.e. on how joins
at different levels interleave (the founder recruits A and B; then A recruits C and the
founder recruits D, both placed below A; A's next recruit goes below C, but below D had D
joined before C). So it is one tight loop over members with plain Python ints: each member is placed in O(width)
amortised steps (a breadth-first queue of candidate places per spilling sponsor, which
only moves forward). ``weaker_leg`` also keeps the member counts of every leg above
the new place: a plain walk up while trees are shallow, a link-cut tree once the walks get
long (:mod:`mlmkit.plans._downline_counts`), so at worst O(log N) per member. With the optional ``numba``
package installed, networks of :data:`KERNEL_MIN_MEMBERS` or more run the same loops
compiled (:mod:`mlmkit.plans._placement_kernel`: the same rules with one small record per
member and no queues, tens of times faster); the Python loops stay the reference the tests
compare it with.

Examples
--------
A sponsor with 5 recruits in a binary tree: two sit below the sponsor, three spill over.

>>> from mlmkit.network import from_sponsors
>>> net = from_sponsors([-1, 0, 0, 0, 0, 0])
>>> place_members(net, width=2).tolist()
[-1, 0, 0, 1, 1, 2]
>>> place_members(net, width=3).tolist()
[-1, 0, 0, 0, 1, 1]
"""

from __future__ import annotations

import gc
import os
import weakref
from collections import deque
from collections.abc import Iterator

import numpy as np

from mlmkit._validation import check_choice, check_int, fail
from mlmkit.network import INDEX_DTYPE, Network, check_network
from mlmkit.plans import _downline_counts as counts

__all__ = ["PLACEMENTS", "place_members", "placement_network"]

PLACEMENTS = ("left_first", "weaker_leg")

_CACHE: weakref.WeakKeyDictionary[Network, dict[tuple[int, str], Network]] = (
    weakref.WeakKeyDictionary()
)


def place_members(network: Network, *, width: int, placement: str = "left_first") -> np.ndarray:
    """Each member's *placement* parent (``-1`` for the founder) in a tree of ``width``.

    Parameters
    ----------
    network : mlmkit.network.Network
        The sponsor tree. Members are placed in the order of their numbers when every
        sponsor comes before their recruits (joining order), otherwise level by level.
    width : int
        Places directly below each member: 2 for a binary plan, W for a W x D matrix.
    placement : {"left_first", "weaker_leg"}
        Spillover rule (see module docstring); ``"weaker_leg"`` needs ``width=2``.

    Returns
    -------
    numpy.ndarray
        ``int64`` array: the member directly above each member in the placement tree.

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> net = from_sponsors([-1, 0, 0, 1, 1, 0, 0])
    >>> place_members(net, width=2).tolist()
    [-1, 0, 0, 1, 1, 2, 2]
    >>> place_members(net, width=2, placement="weaker_leg").tolist()
    [-1, 0, 0, 1, 1, 2, 2]
    >>> place_members(net, width=0)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: width = 0 is not allowed: it must be a whole number between 1 and 100.
    """
    check_network(network)
    width = check_int("width", width, low=1, high=100)
    placement = check_choice("placement", placement, PLACEMENTS)
    if placement == "weaker_leg" and width != 2:
        raise fail("placement", placement, "'weaker_leg' placement is for binary plans (width 2)")
    compiled = _compiled(network, width, placement)
    if compiled is not None:
        placed = compiled[0][:-1].astype(np.int64)
        placed[placed == network.size] = -1
        return placed
    return np.asarray(_place_python(network, width, placement), dtype=np.int64)


#: :func:`_joining_order` checks this many members at a time.
_ORDER_BLOCK = 1 << 16


def _joining_order(network: Network) -> bool:
    """True when every sponsor comes before their recruits (members numbered as they joined).

    Checked a block of members at a time against one small ramp of member numbers, so no
    array as long as the network is made (at 10,000,000 members the whole-array check made
    an 80 MB ramp and a 10 MB mask, about 0.16 s where new memory is dear).

    >>> from mlmkit.network import from_sponsors
    >>> _joining_order(from_sponsors([-1, 0, 0, 1])), _joining_order(from_sponsors([2, -1, 1]))
    (True, False)
    """
    parent = network.parent
    size = network.size
    if size <= 1 or parent[0] != size:
        return False
    ramp = np.arange(1, min(size, _ORDER_BLOCK + 1), dtype=np.int64)
    for start in range(1, size, _ORDER_BLOCK):
        stop = min(size, start + _ORDER_BLOCK)
        # member m (start <= m < stop) joined after its sponsor: parent[m] < m
        if not (parent[start:stop] < ramp[: stop - start] + (start - 1)).all():
            return False
    return True


def _place_python(network: Network, width: int, placement: str) -> list[int]:
    """The reference loops (plain Python): each member's placement parent, -1 for the founder."""
    size = network.size
    sponsors = network.sponsor.tolist()
    order: object
    if _joining_order(network):
        order = range(size)
    else:
        order = np.argsort(network.level, kind="stable").tolist()
    if placement == "weaker_leg":
        return _place_weaker_leg(sponsors, order, size)
    return _place_breadth_first(sponsors, order, size, width)


def _compiled(network: Network, width: int, placement: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Placement parents (sentinel layout) and levels from the compiled loops, or None.

    None when the network is small, numba is not installed or ``MLMKIT_PLACEMENT=python``.
    """
    if network.size < KERNEL_MIN_MEMBERS or not _kernel_wanted():
        return None
    from mlmkit.plans import _placement_kernel as kernel

    if not kernel.available():
        return None
    order = None if _joining_order(network) else np.argsort(network.level, kind="stable")
    return kernel.place(network.parent, order, width, weaker_leg=placement == "weaker_leg")


#: Networks at least this big are placed by the compiled loops when the optional ``numba``
#: package is installed (``pip install mlmkit[fast]``): importing numba and loading the
#: compiled code costs 0.5-1 s once per process (compiling it the first time ever about
#: 10 s, then cached on disk), about what the Python loops take for 100,000 members.
KERNEL_MIN_MEMBERS = 100_000


def _kernel_wanted() -> bool:
    """False when ``MLMKIT_PLACEMENT=python`` asks for the Python loops (e.g. to compare)."""
    return os.environ.get("MLMKIT_PLACEMENT", "").lower() != "python"


def _place_breadth_first(sponsors: list[int], order: object, size: int, width: int) -> list[int]:
    """First open place under the sponsor, breadth first. O(size x width) amortised.

    Each spilling sponsor keeps a list of candidate places in breadth-first order and the
    position of the first one that may still be open; the position only moves forward.
    """
    placed = [-1] * size
    filled = [0] * size
    children = [-1] * (size * width)
    queues: list[list[int] | None] = [None] * size
    heads = [0] * size
    pairs: Iterator[tuple[int, int]]
    if isinstance(order, range):  # joining order: walk (member, sponsor) pairs directly
        pairs = enumerate(sponsors[1:], start=1)
    else:
        pairs = ((member, sponsors[member]) for member in order if sponsors[member] >= 0)  # type: ignore[attr-defined]
    gc_was_on = gc.isenabled()
    gc.disable()  # millions of small containers: the cycle collector would rescan them all
    try:
        for member, sponsor in pairs:
            if filled[sponsor] < width:
                target = sponsor
            else:
                queue = queues[sponsor]
                if queue is None:
                    start = sponsor * width
                    queue = queues[sponsor] = children[start : start + width]
                head = heads[sponsor]
                target = queue[head]
                if filled[target] == width:
                    while filled[target] == width:  # full: queue its places, move on
                        head += 1
                        start = target * width
                        queue.extend(children[start : start + width])
                        target = queue[head]
                    heads[sponsor] = head
            slot = filled[target]
            children[target * width + slot] = member
            filled[target] = slot + 1
            placed[member] = target
    finally:
        if gc_was_on:
            gc.enable()
    return placed


def _place_weaker_leg(sponsors: list[int], order: object, size: int) -> list[int]:
    """Binary placement into the sponsor's leg with fewer members (left on a tie)."""
    placed = [-1] * size
    filled = [0] * size
    children = [-1] * (size * 2)
    below = [0] * size  # members in each member's placement downline
    queues: dict[int, deque[int]] = {}
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        _weaker_leg_loop(sponsors, order, placed, filled, children, below, queues)
    finally:
        if gc_was_on:
            gc.enable()
    return placed


def _weaker_leg_loop(
    sponsors: list[int],
    order: object,
    placed: list[int],
    filled: list[int],
    children: list[int],
    below: list[int],
    queues: dict[int, deque[int]],
) -> None:
    size = len(placed)
    budget = counts.WALK_BUDGET * size  # then the link-cut tree: never quadratic
    walked = 0
    links: list[list[int]] = []  # up, left, right, pending, stack once switched
    for member in order:  # type: ignore[attr-defined]
        sponsor = sponsors[member]
        if sponsor < 0:
            continue
        if filled[sponsor] < 2:
            target = sponsor
        else:
            left, right = children[2 * sponsor], children[2 * sponsor + 1]
            if links:
                up, lower, upper, pending, stack = links
                on_left = counts.value(left, up, lower, upper, below, pending, stack)
                on_right = counts.value(right, up, lower, upper, below, pending, stack)
            else:
                on_left, on_right = below[left], below[right]
            leg = left if on_left <= on_right else right
            if filled[leg] < 2:
                target = leg
            else:
                queue = queues.get(leg)
                if queue is None:
                    queue = queues[leg] = deque(children[2 * leg : 2 * leg + 2])
                while filled[queue[0]] == 2:
                    head = queue.popleft()
                    queue.extend(children[2 * head : 2 * head + 2])
                target = queue[0]
        slot = filled[target]
        children[2 * target + slot] = member
        filled[target] = slot + 1
        placed[member] = target
        if links:
            up, lower, upper, pending, stack = links
            counts.link(member, target, up)
            counts.add_path(target, up, lower, upper, below, pending, stack)
            continue
        node = target
        while node >= 0:
            below[node] += 1
            node = placed[node]
            walked += 1
        if walked > budget:
            links = [array.tolist() for array in counts.start_links(placed, size)]


def placement_network(network: Network, *, width: int, placement: str = "left_first") -> Network:
    """The placement tree as a :class:`~mlmkit.network.Network` (cached per network).

    Member numbers are the same as in ``network``; only the parents differ.

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> tree = placement_network(from_sponsors([-1, 0, 0, 0]), width=2)
    >>> tree.level.tolist()
    [0, 1, 1, 2]
    """
    check_network(network)
    width = check_int("width", width, low=1, high=100)
    placement = check_choice("placement", placement, PLACEMENTS)
    key = (width, placement)
    cached = _CACHE.setdefault(network, {})
    if key not in cached:
        compiled = _compiled(network, width, placement)
        if compiled is not None:
            parent, level = compiled
            tree = Network(parent, network.member_ids)
            tree.__dict__["level"] = level  # known from the placement: not recomputed
        else:
            placed = np.asarray(_place_python(network, width, placement), dtype=np.int64)
            parent = np.empty(network.size + 1, dtype=INDEX_DTYPE)
            parent[:-1] = np.where(placed < 0, network.size, placed)
            parent[-1] = network.size
            tree = Network(parent, network.member_ids)
        cached[key] = tree
    return cached[key]
