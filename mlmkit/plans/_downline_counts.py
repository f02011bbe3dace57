"""How many members sit below each place of a growing placement tree, never quadratic.

The ``weaker_leg`` binary placement compares, for a sponsor whose two places are full,
the number of members below its left place with the number below its right place. Each
new member adds one to every place above it. Walking up the tree for that costs the depth
of the new place: fine in a bushy tree (tens of steps), quadratic in a long line of single
recruits (a chain of 200,000 members took 204 s compiled). This module bounds the work:

- first the plain walk (:func:`walk_add`), which is the fastest when trees are shallow;
- once the walks have cost more than :data:`WALK_BUDGET` steps per member of the tree,
  the counts move into a link-cut tree (Sleator and Tarjan, "A data structure for dynamic
  trees", 1983): adding one on the whole path to the top and reading a count are then
  O(log N) amortised (:func:`add_path`, :func:`value`). Nothing is rebuilt when switching:
  a tree whose members only point at their placement parent, with no preferred children,
  is already a valid link-cut tree (see :func:`start_links`).

So placing N members costs O(N log N) at worst, and the plain walk's O(N x depth) when
that is smaller. The functions take plain sequences (Python lists or numpy arrays) and
only index them, so the same code runs in the Python reference loops and, compiled with
:func:`compiled`, in the optional numba kernel.

Arrays of the link-cut tree (length N, ``-1`` for none): ``up`` (splay parent, or the
path parent at the top of a splay tree), ``left`` (towards the top of the placement tree)
and ``right`` (towards the bottom), ``count`` (members below, exact once pending additions
above it in its splay tree are pushed down), ``pending`` (an addition owed to both splay
children), and ``stack`` (scratch space for :func:`splay`).

Examples
--------
A line of four members (0 at the top): each new member adds one to every member above.

>>> parent, count = [-1, 0, 1, 2], [0, 0, 0, 0]
>>> walk_add(0, parent, count), walk_add(1, parent, count), walk_add(2, parent, count)
(1, 2, 3)
>>> count
[3, 2, 1, 0]

The same counts through the link-cut tree, switched to after the first member:

>>> parent, count = [-1, 0, 1, 2], [0, 0, 0, 0]
>>> walk_add(0, parent, count)
1
>>> up, left, right, pending, stack = start_links(parent[:2] + [-1, -1], 4)
>>> link(2, 1, up)
>>> add_path(1, up, left, right, count, pending, stack)
>>> link(3, 2, up)
>>> add_path(2, up, left, right, count, pending, stack)
>>> [value(m, up, left, right, count, pending, stack) for m in range(4)]
[3, 2, 1, 0]
"""

from __future__ import annotations

import types
from collections.abc import Callable, MutableSequence
from typing import Any

import numpy as np

__all__ = ["WALK_BUDGET", "add_path", "compiled", "link", "start_links", "value", "walk_add"]

#: Steps of plain walking per member allowed before the counts move into the link-cut tree
#: (the project's own choice: a random tree of ten million members is about 25 deep, so
#: realistic trees never switch; a line of single recruits switches after about 9 x sqrt(N)
#: members).
WALK_BUDGET = 40

Ints = MutableSequence[int] | np.ndarray


def walk_add(node: int, parent: Ints, count: Ints) -> int:
    """Add one to ``node`` and every member above it; returns the number of steps.

    Examples
    --------
    >>> count = [0, 0, 0]
    >>> walk_add(1, [-1, 0, 0], count), count
    (2, [1, 1, 0])
    """
    steps = 0
    while node >= 0:
        count[node] += 1
        node = parent[node]
        steps += 1
    return steps


def start_links(parent: Any, size: int) -> tuple[Any, Any, Any, Any, Any]:
    """The link-cut arrays for the tree so far: every member points at its parent.

    Parameters
    ----------
    parent : sequence of int
        Placement parent of each member placed so far (``-1`` for the top and for members
        not placed yet); copied.
    size : int
        Members the tree will hold.

    Returns
    -------
    tuple
        ``up, left, right, pending, stack`` as numpy ``int64`` arrays (``count`` stays the
        caller's, already exact).

    Examples
    --------
    >>> up, left, right, pending, stack = start_links([-1, 0, 0], 3)
    >>> up.tolist(), left.tolist(), pending.tolist()
    ([-1, 0, 0], [-1, -1, -1], [0, 0, 0])
    """
    up = np.array(parent, dtype=np.int64)
    left = np.full(size, -1, dtype=np.int64)
    right = np.full(size, -1, dtype=np.int64)
    pending = np.zeros(size, dtype=np.int64)
    stack = np.zeros(size, dtype=np.int64)
    return up, left, right, pending, stack


def link(member: int, parent: int, up: Ints) -> None:
    """Hang a new member (no one below it yet) under ``parent``."""
    up[member] = parent


def _is_top(x: int, up: Ints, left: Ints, right: Ints) -> bool:
    """True when ``x`` is the root of its splay tree."""
    above = up[x]
    return above < 0 or (left[above] != x and right[above] != x)


def _push(x: int, left: Ints, right: Ints, count: Ints, pending: Ints) -> None:
    """Hand ``x``'s pending addition down to its splay children."""
    owed = pending[x]
    if owed != 0:
        child = left[x]
        if child >= 0:
            count[child] += owed
            pending[child] += owed
        child = right[x]
        if child >= 0:
            count[child] += owed
            pending[child] += owed
        pending[x] = 0


def _rotate(x: int, up: Ints, left: Ints, right: Ints) -> None:
    """Rotate ``x`` above its splay parent."""
    above = up[x]
    grand = up[above]
    if left[above] == x:
        moved = right[x]
        left[above] = moved
        right[x] = above
    else:
        moved = left[x]
        right[above] = moved
        left[x] = above
    if moved >= 0:
        up[moved] = above
    if grand >= 0:  # a splay child of ``grand`` (else ``grand`` is only the path parent)
        if left[grand] == above:
            left[grand] = x
        elif right[grand] == above:
            right[grand] = x
    up[x] = grand
    up[above] = x


def _splay(x: int, up: Ints, left: Ints, right: Ints, count: Ints, pending: Ints, stack: Ints) -> None:
    """Bring ``x`` to the root of its splay tree, pushing pending additions down first."""
    depth = 0
    node = x
    stack[depth] = node
    while not _is_top(node, up, left, right):
        node = up[node]
        depth += 1
        stack[depth] = node
    while depth >= 0:
        _push(stack[depth], left, right, count, pending)
        depth -= 1
    while not _is_top(x, up, left, right):
        above = up[x]
        if not _is_top(above, up, left, right):
            grand = up[above]
            if (left[grand] == above) == (left[above] == x):
                _rotate(above, up, left, right)
            else:
                _rotate(x, up, left, right)
        _rotate(x, up, left, right)


def _access(x: int, up: Ints, left: Ints, right: Ints, count: Ints, pending: Ints, stack: Ints) -> None:
    """Make the path from the top of the tree to ``x`` one splay tree, rooted at ``x``."""
    below = -1
    node = x
    while node >= 0:
        _splay(node, up, left, right, count, pending, stack)
        right[node] = below
        below = node
        node = up[node]
    _splay(x, up, left, right, count, pending, stack)


def add_path(x: int, up: Ints, left: Ints, right: Ints, count: Ints, pending: Ints, stack: Ints) -> None:
    """Add one to ``x`` and every member above it (O(log N) amortised)."""
    _access(x, up, left, right, count, pending, stack)
    count[x] += 1
    pending[x] += 1


def value(x: int, up: Ints, left: Ints, right: Ints, count: Ints, pending: Ints, stack: Ints) -> int:
    """Members below ``x`` (O(log N) amortised)."""
    _splay(x, up, left, right, count, pending, stack)
    return int(count[x])


_FUNCTIONS = (walk_add, link, _is_top, _push, _rotate, _splay, _access, add_path, value)


def compiled(jit: Callable[[Any], Any]) -> types.SimpleNamespace:
    """The same functions compiled with ``jit`` (e.g. ``numba.njit``), calling each other.

    Each function is rebuilt over a namespace holding the compiled twins, so a compiled
    function calls compiled functions (numba reads a function's globals when it compiles).

    Examples
    --------
    >>> twins = compiled(lambda function: function)  # "compiling" with the identity
    >>> count = [0, 0]
    >>> twins.walk_add(1, [-1, 0], count), count
    (2, [1, 1])
    """
    namespace: dict[str, Any] = {"__builtins__": __builtins__, "__name__": __name__}
    for function in _FUNCTIONS:
        twin = types.FunctionType(
            function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__
        )
        namespace[function.__name__] = jit(twin)
    return types.SimpleNamespace(**namespace)
