"""A downline as arrays: who sponsored whom, and what follows from it.

Members are numbered ``0 .. size-1``. ``sponsor[i]`` is the number of the member who
recruited member ``i``; the founder has no sponsor (``-1``). Internally the founder's
sponsor is a *sentinel* member ``size`` whose own sponsor is itself, so "walk k levels
up" is ``anc = parent[anc]`` with no special cases: whatever walks past the founder
lands on the sentinel and stays there (see ``Network.parent``).

Every query (level, direct recruits, downline size, ancestor k levels up) is a handful
of whole-array numpy operations, never a Python loop per member, so a network of ten
million members builds and answers in seconds.

Words used here (FTC, Business Guidance Concerning Multi-Level Marketing, 2024):

- **sponsor**: the member who recruited you;
- **upline**: your sponsor, their sponsor, and so on up to the founder;
- **downline**: your recruits, their recruits, and so on;
- **level** (generation): how many sponsor steps a member is below the founder
  (the founder is level 0, the founder's recruits level 1, ...).

Examples
--------
>>> net = full_tree(recruits_each=2, depth=2)
>>> net.size
7
>>> net.level.tolist()
[0, 1, 1, 2, 2, 2, 2]
>>> net.downline_size.tolist()
[6, 2, 2, 0, 0, 0, 0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from mlmkit import _sponsor_csv
from mlmkit._compat import RenamedColumnsFrame, renamed_arguments, warn_renamed
from mlmkit._display import counted
from mlmkit._validation import (
    MlmkitInputError,
    check_file_text,
    check_int,
    check_number,
    check_text,
    fail,
    make_rng,
)

__all__ = [
    "MAX_MEMBERS",
    "Network",
    "from_sponsor_table",
    "first_level_exceeding",
    "from_sponsors",
    "full_tree",
    "geometric_levels",
    "random_tree",
]

#: Largest network mlmkit will build (memory guard: about 1.5 GB of arrays).
MAX_MEMBERS = 50_000_000

INDEX_DTYPE = np.int32

#: Old column names of :meth:`Network.members_per_level` (they warn ``FutureWarning``): old -> new.
OLD_LEVEL_COLUMNS = {"members": "members_at_level", "cumulative_members": "members_through_level"}


@dataclass(frozen=True, eq=False)
class Network:
    """A sponsor tree stored as arrays.

    Build one with :func:`full_tree`, :func:`random_tree`, :func:`from_sponsors` or
    :func:`from_sponsor_table` rather than directly.

    Parameters
    ----------
    parent : numpy.ndarray
        ``int32`` array of length ``size + 1``. ``parent[i]`` is member ``i``'s sponsor;
        the founder's entry and the last entry (the sentinel) hold ``size``.
    member_ids : pandas.Index or None
        The members' own ids (from a sponsor table), or None for ``0 .. size-1``.
    """

    parent: np.ndarray = field(repr=False)
    member_ids: pd.Index | None = field(default=None, repr=False)

    @classmethod
    def from_trusted_arrays(cls, parent: np.ndarray, *, level: np.ndarray | None = None) -> Network:
        """Wrap arrays an engine already knows are a valid tree, without re-checking them.

        For simulators that grow a network month by month: ``parent`` is in the sentinel
        form described in the class docstring, and ``level`` (if given) is each member's
        level, which then is not recomputed. Use :func:`from_sponsors` for anything a
        person typed or a file held.

        Examples
        --------
        >>> net = Network.from_trusted_arrays(np.array([2, 0, 2], dtype=np.int32), level=np.array([0, 1]))
        >>> net.level.tolist(), net.recruits.tolist()
        ([0, 1], [1, 0])
        """
        network = cls(parent)
        if level is not None:
            network.__dict__["level"] = np.asarray(level).copy()  # fills the cached property
        return network

    # ------------------------------------------------------------------ basics
    @property
    def size(self) -> int:
        """Number of members."""
        return len(self.parent) - 1

    @property
    def sentinel(self) -> int:
        """Index of the sentinel that stands above the founder (equals ``size``)."""
        return self.size

    @property
    def founder(self) -> int:
        """Index of the founder (the one member without a sponsor)."""
        return int(np.flatnonzero(self.parent[:-1] == self.sentinel)[0])

    @cached_property
    def sponsor(self) -> np.ndarray:
        """Each member's sponsor index, ``-1`` for the founder.

        Examples
        --------
        >>> full_tree(recruits_each=3, depth=1).sponsor.tolist()
        [-1, 0, 0, 0]
        """
        members = self.parent[:-1]
        sponsor = members.astype(np.int64)
        sponsor[np.flatnonzero(members == self.sentinel)] = -1  # the founder (compared in int32)
        sponsor.flags.writeable = False  # cached and shared by result tables: never changed
        return sponsor

    @cached_property
    def ids(self) -> np.ndarray:
        """The members' ids as an array (``0 .. size-1`` unless built from a table)."""
        ids = np.arange(self.size) if self.member_ids is None else self.member_ids.to_numpy()
        ids.flags.writeable = False  # cached and shared by result tables: never changed
        return ids

    def __repr__(self) -> str:
        return f"Network(size={self.size:,}, depth={self.depth})"

    # ------------------------------------------------------------------ levels
    @cached_property
    def level(self) -> np.ndarray:
        """Each member's level below the founder (founder = 0), by pointer doubling.

        A big network numbered in joining order (every sponsor before their recruits) is
        instead swept once, ``level[m] = level[sponsor[m]] + 1``, when the optional numba
        package is already loaded (see :func:`_levels_in_joining_order`); the same ``int32``
        levels either way.

        Examples
        --------
        >>> from_sponsors([-1, 0, 1, 2]).level.tolist()
        [0, 1, 2, 3]
        """
        swept = _levels_in_joining_order(self.parent)
        if swept is not None:
            return swept
        level, _ = _levels_by_doubling(self.parent)
        return level[:-1]

    @cached_property
    def depth(self) -> int:
        """The deepest level in the network (computed once: loops over levels ask it often)."""
        return int(self.level.max()) if self.size else 0

    @cached_property
    def _by_level(self) -> tuple[np.ndarray, np.ndarray]:
        """Members sorted by level (stable) and the start offset of each level."""
        levels = self.level.astype(np.int16) if self.depth < 32_000 else self.level
        order = np.argsort(levels, kind="stable").astype(INDEX_DTYPE)  # radix sort for int16
        counts = np.bincount(self.level, minlength=self.depth + 1)
        starts = np.concatenate([[0], np.cumsum(counts)])
        return order, starts

    def members_at_level(self, level: int) -> np.ndarray:
        """Indices of the members at ``level`` (in joining order).

        Examples
        --------
        >>> full_tree(recruits_each=2, depth=2).members_at_level(1).tolist()
        [1, 2]
        """
        check_int("level", level, low=0)
        if level > self.depth:
            return np.empty(0, dtype=INDEX_DTYPE)
        order, starts = self._by_level
        return order[starts[level] : starts[level + 1]]

    def members_per_level(self) -> pd.DataFrame:
        """How many members sit at each level, with the running total.

        Examples
        --------
        >>> full_tree(recruits_each=3, depth=2).members_per_level()
           level  members_at_level  members_through_level
        0      0                 1                      1
        1      1                 3                      4
        2      2                 9                     13
        """
        counts = np.bincount(self.level, minlength=self.depth + 1)
        table = pd.DataFrame(
            {
                "level": np.arange(len(counts)),
                "members_at_level": counts,
                "members_through_level": np.cumsum(counts),
            }
        )
        return RenamedColumnsFrame.wrap(table, OLD_LEVEL_COLUMNS)

    # ---------------------------------------------------------------- downlines
    @cached_property
    def recruits(self) -> np.ndarray:
        """Number of direct recruits (frontline) of each member.

        Examples
        --------
        >>> from_sponsors([-1, 0, 0, 1]).recruits.tolist()
        [2, 1, 0, 0]
        """
        return np.bincount(self.parent[:-1], minlength=self.size + 1)[:-1]

    @cached_property
    def downline_size(self) -> np.ndarray:
        """Number of people in each member's downline (all levels, not counting the member).

        Computed bottom-up one level at a time: O(size) in total.
        """
        return self.sum_down(np.ones(self.size)).astype(np.int64) - 1

    def sum_down(self, values: np.ndarray) -> np.ndarray:
        """Sum ``values`` over each member's whole group (the member plus their downline).

        This is how group volume is computed: ``sum_down(volume)``.

        Parameters
        ----------
        values : numpy.ndarray
            One number per member.

        Returns
        -------
        numpy.ndarray
            ``float64`` array, one group total per member.

        Examples
        --------
        >>> net = from_sponsors([-1, 0, 0, 1])
        >>> net.sum_down(np.array([10.0, 1.0, 2.0, 5.0])).tolist()
        [18.0, 6.0, 2.0, 5.0]
        """
        values = np.asarray(values, dtype=np.float64)
        if values.shape != (self.size,):
            raise fail("values", f"array of shape {values.shape}", f"it needs one value for each of the {counted(self.size, 'member')}")
        total = values.copy()
        order, starts = self._by_level
        position = np.empty(self.size, dtype=np.int64)
        for lvl in range(self.depth, 0, -1):
            nodes = order[starts[lvl] : starts[lvl + 1]]
            above = order[starts[lvl - 1] : starts[lvl]]
            position[above] = np.arange(len(above))
            total[above] += np.bincount(
                position[self.parent[nodes]], weights=total[nodes], minlength=len(above)
            )
        return total

    def ancestor(self, k: int) -> np.ndarray:
        """Index of each member's upline member ``k`` levels up (``-1`` if there is none).

        ``ancestor(1)`` is the sponsor. Uses binary lifting: O(size x log k).

        Examples
        --------
        >>> from_sponsors([-1, 0, 1, 2]).ancestor(2).tolist()
        [-1, -1, 0, 1]
        """
        k = check_int("k", k, low=0)
        result = np.arange(self.size + 1, dtype=INDEX_DTYPE)
        jump = self.parent
        while k:
            if k & 1:
                result = jump[result]
            k >>= 1
            if k:
                jump = jump[jump]
        out = result[:-1].astype(np.int64)
        out[out == self.sentinel] = -1
        return out

    def position_of(self, member_id: Any, *, field: str = "member_id") -> int:
        """The array position of the member whose id is ``member_id``.

        Ids are the ones people gave (a sponsor table's ``member_id`` column), or
        ``0 .. size-1`` for networks built without ids. An unknown id raises
        :class:`~mlmkit._validation.MlmkitInputError` naming ``field``.

        Examples
        --------
        >>> table = pd.DataFrame({"member_id": ["Ann", "Bo"], "sponsor_id": [None, "Ann"]})
        >>> from_sponsor_table(table).position_of("Bo")
        1
        >>> from_sponsor_table(table).position_of("Cy")
        Traceback (most recent call last):
        ...
        mlmkit._validation.MlmkitInputError: member_id = 'Cy' is not allowed: it is not a member of this network (ids such as 'Ann', 'Bo').
        """
        position = self._position_or_none(member_id)
        if position is not None:
            return position
        if (
            self.member_ids is not None
            and isinstance(member_id, int | np.integer)
            and not isinstance(member_id, bool | np.bool_)
            and 0 <= member_id < self.size
        ):
            warn_renamed(
                f"a member's position ({field}={int(member_id)})",
                f"the member's id ({field}={_py(self.ids[int(member_id)])!r})",
                stacklevel=4,
            )
            return int(member_id)
        examples = ", ".join(repr(_py(i)) for i in self.ids[:3]) + (", ..." if self.size > 3 else "")
        raise fail(field, member_id, f"it is not a member of this network (ids such as {examples})")

    def _position_or_none(self, member_id: Any) -> int | None:
        if self.member_ids is None:
            if isinstance(member_id, bool | np.bool_):
                return None
            if isinstance(member_id, int | np.integer) and 0 <= member_id < self.size:
                return int(member_id)
            return None
        try:
            found = self.member_ids.get_indexer(pd.Index([member_id]))
        except (TypeError, ValueError):
            return None
        return int(found[0]) if found[0] >= 0 else None

    def upline_of(self, member_id: Any) -> list[Any]:
        """The ids of the sponsors above one member, nearest first (for explanations).

        Parameters
        ----------
        member_id
            The member's id (as in :meth:`to_frame`'s ``member_id`` column).

        Examples
        --------
        >>> from_sponsors([-1, 0, 1, 2]).upline_of(3)
        [2, 1, 0]
        >>> table = pd.DataFrame({"member_id": ["Ann", "Bo", "Cy"], "sponsor_id": [None, "Ann", "Bo"]})
        >>> from_sponsor_table(table).upline_of("Cy")
        ['Bo', 'Ann']
        """
        if self.member_ids is not None and self._position_or_none(member_id) is None:
            # old calls passed a position: they keep their old answer (positions), with a warning
            return self._upline_positions(self.position_of(member_id))
        return [_py(self.ids[i]) for i in self._upline_positions(self.position_of(member_id))]

    def _upline_positions(self, position: int) -> list[int]:
        chain = []
        current = int(self.parent[position])
        while current != self.sentinel:
            chain.append(current)
            current = int(self.parent[current])
        return chain

    # ------------------------------------------------------------------ tables
    def to_frame(self) -> pd.DataFrame:
        """One row per member: id, sponsor id, level, recruits and downline size.

        Examples
        --------
        >>> full_tree(recruits_each=2, depth=1).to_frame()
           member_id  sponsor_id  level  recruits  downline_size
        0          0        <NA>      0         2              2
        1          1           0      1         0              0
        2          2           0      1         0              0
        """
        ids = self.ids
        sponsor = self.sponsor
        # members known by their numbers: Int32, as in the payout and simulation tables
        dtype: Any = "Int32" if self.member_ids is None else _nullable_dtype(ids)
        sponsor_ids = pd.array(ids[np.maximum(sponsor, 0)], dtype=dtype)
        sponsor_ids[sponsor < 0] = pd.NA
        return pd.DataFrame(
            {
                "member_id": ids,
                "sponsor_id": sponsor_ids,
                "level": self.level,
                "recruits": self.recruits,
                "downline_size": self.downline_size,
            }
        )


def _nullable_dtype(ids: np.ndarray) -> Any:
    if np.issubdtype(ids.dtype, np.integer):
        return "Int64"
    return "string" if ids.dtype.kind in "OUS" else ids.dtype


def _levels_by_doubling(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance to the sentinel for every node, and where each node's jumps ended.

    A node whose final jump is not the sentinel lies on (or below) a cycle.
    """
    sentinel = len(parent) - 1
    distance = (parent != sentinel).astype(np.int32)
    distance[sentinel] = 0
    jump = parent
    for _ in range(max(1, math.ceil(math.log2(len(parent) + 1))) + 1):
        if (jump == sentinel).all():
            break
        distance = distance + distance[jump]
        jump = jump[jump]
    return distance, jump


#: Networks at least this big get their levels from one compiled sweep (when numba is loaded).
LEVEL_SWEEP_MIN_MEMBERS = 100_000


def _levels_in_joining_order(parent: np.ndarray, *, compiled: bool = True) -> np.ndarray | None:
    """Each member's level by one pass in member order, or None (then: pointer doubling).

    When every sponsor has a smaller number than their recruits, a member's sponsor's level
    is known when the member is reached: one sequential pass instead of ``log2(depth)``
    whole-array doublings (about 0.6-0.8 s at 10,000,000 members). Compiled with numba, and
    only when numba is already loaded (by the compiled placement, say) and the network has
    :data:`LEVEL_SWEEP_MIN_MEMBERS` or more, so a level is never worth importing numba
    for; ``MLMKIT_PLACEMENT=python`` switches it off like the other compiled loops.
    ``compiled=False`` runs the same loop as plain Python (for the tests, on any size).

    Examples
    --------
    >>> _levels_in_joining_order(np.array([3, 0, 1, 3]), compiled=False).tolist()
    [0, 1, 2]
    >>> _levels_in_joining_order(np.array([1, 3, 3]), compiled=False) is None  # 0 under 1
    True
    """
    size = len(parent) - 1
    sweep = _level_sweep
    if compiled:
        import os
        import sys

        if size < LEVEL_SWEEP_MIN_MEMBERS or "numba" not in sys.modules:
            return None
        if os.environ.get("MLMKIT_PLACEMENT", "").lower() == "python":
            return None
        sweep = _compiled_level_sweep()
    level = np.empty(size, dtype=np.int32)
    return level if sweep(parent, level) else None


def _level_sweep(parent: np.ndarray, level: np.ndarray) -> bool:
    """Fill ``level`` in member order; False as soon as a member's sponsor comes later."""
    size = len(parent) - 1
    for member in range(size):
        above = parent[member]
        if above == size:
            level[member] = 0
        elif above < member:
            level[member] = level[above] + 1
        else:
            return False
    return True


_COMPILED_LEVEL_SWEEP: list[Any] = []


def _compiled_level_sweep() -> Any:
    """:func:`_level_sweep` compiled by numba (once per process; cached on disk)."""
    if not _COMPILED_LEVEL_SWEEP:
        import importlib

        numba = importlib.import_module("numba")
        _COMPILED_LEVEL_SWEEP.append(numba.njit(cache=True, nogil=True)(_level_sweep))
    return _COMPILED_LEVEL_SWEEP[0]


def check_network(value: Any, field: str = "network") -> Network:
    """Return ``value`` if it is a :class:`Network`, else the standard error.

    Examples
    --------
    >>> check_network(full_tree(2, 1)).size
    3
    """
    if not isinstance(value, Network):
        raise fail(field, value, "it must be a Network (built with mlmkit.network.full_tree, random_tree, from_sponsors ...)")
    return value


# --------------------------------------------------------------------- builders
def _check_size(size: int, what: str) -> None:
    if size > MAX_MEMBERS:
        raise fail(what, f"{size:,} members", f"mlmkit builds networks of at most {MAX_MEMBERS:,} members")


@renamed_arguments(branching="recruits_each")
def full_tree(recruits_each: int, depth: int) -> Network:
    """A complete tree: everyone down to ``depth`` recruits exactly ``recruits_each`` people.

    Members are numbered breadth-first, so member ``i``'s sponsor is ``(i - 1) // recruits_each``.

    Parameters
    ----------
    recruits_each : int
        Recruits per member (1 or more). Old name: ``branching`` (warns ``FutureWarning``).
    depth : int
        Deepest level (0 gives the founder alone).

    Examples
    --------
    >>> full_tree(recruits_each=6, depth=2).size
    43
    >>> full_tree(recruits_each=0, depth=2)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: recruits_each = 0 is not allowed: it must be a whole number of at least 1.
    """
    branching = check_int("recruits_each", recruits_each, low=1)
    depth = check_int("depth", depth, low=0, high=MAX_MEMBERS)
    what = f"full_tree(recruits_each={branching}, depth={depth})"
    if depth and branching > 1:
        # Size guard first, in logarithms: b**(depth+1) itself can be astronomically big.
        digits = (depth + 1) * math.log10(branching) - math.log10(branching - 1)
        if digits > math.log10(MAX_MEMBERS) + 1:
            raise fail(
                what,
                f"about 10^{digits:,.0f} members",
                f"mlmkit builds networks of at most {MAX_MEMBERS:,} members",
            )
    size = depth + 1 if branching == 1 else (branching ** (depth + 1) - 1) // (branching - 1)
    _check_size(size, what)
    parent = np.empty(size + 1, dtype=INDEX_DTYPE)
    parent[1:size] = (np.arange(1, size, dtype=np.int64) - 1) // branching
    parent[0] = size
    parent[size] = size
    return Network(parent)


def random_tree(
    size: int,
    *,
    seed: int | np.random.Generator | None = None,
    max_sponsor_level: int | None = None,
) -> Network:
    """A random recruiting tree: each new member is recruited by a uniformly chosen earlier member.

    This is the "random recruitment" model of Gastwirth (1977): about half of the members
    end up recruiting nobody. Member ``i``'s sponsor is ``floor(u_i * i)`` for a uniform ``u_i``.

    With ``max_sponsor_level=L`` only members at level ``L`` or above (nearer the founder)
    recruit: each new member's sponsor is chosen uniformly among the earlier members of
    level ``L`` or less, so the tree is at most ``L + 1`` levels deep (the benchmark
    workload of the pay-plan engine uses ``L = 7``).

    Parameters
    ----------
    size : int
        Number of members (at least 1).
    seed : int or numpy.random.Generator, optional
        Seed for reproducible trees.
    max_sponsor_level : int, optional
        Deepest level whose members still recruit (None: everyone recruits).

    Examples
    --------
    >>> net = random_tree(1000, seed=1)
    >>> net.size, int(net.sponsor[0])
    (1000, -1)
    >>> bool((net.sponsor[1:] < np.arange(1, 1000)).all())
    True
    >>> capped = random_tree(5000, seed=1, max_sponsor_level=2)
    >>> capped.depth, int(capped.level[capped.sponsor[1:]].max())
    (3, 2)
    """
    size = check_int("size", size, low=1)
    _check_size(size, "size")
    rng = make_rng(seed)
    parent = np.empty(size + 1, dtype=INDEX_DTYPE)
    if max_sponsor_level is None:
        position = np.arange(1, size, dtype=np.float64)
        parent[1:size] = np.floor(rng.random(size - 1) * position).astype(INDEX_DTYPE)
    else:
        max_sponsor_level = check_int("max_sponsor_level", max_sponsor_level, low=0, high=1000)
        parent[1:size] = _capped_sponsors(size, rng, max_sponsor_level)[1:]
    parent[0] = size
    parent[size] = size
    return Network(parent)


def _capped_sponsors(size: int, rng: np.random.Generator, max_level: int) -> np.ndarray:
    """Sponsors when only members of level <= ``max_level`` recruit, without a loop per member.

    Uses the continuous-time embedding of uniform recruitment (a Yule process): every
    member who may recruit gains recruits at the times of their own Poisson process of
    rate 1, independently of everyone else, so whichever member recruits next is a
    uniformly chosen one among those who may recruit. The tree is grown one level at a
    time up to a time horizon; while it holds fewer than ``size`` members the horizon is
    pushed further and every member's process is extended over the new stretch of time
    (independent increments, so nothing is redrawn). The first ``size`` members in order
    of joining are kept (a sponsor always joins before their recruits).
    """
    sponsor = np.full(size, -1, dtype=np.int64)
    if size == 1:
        return sponsor
    times: list[list[np.ndarray]] = [[np.zeros(1)]]  # per level, blocks of joining times
    parents: list[list[np.ndarray]] = [[np.full(1, -1, dtype=np.int64)]]  # index within level above
    counted = [1]  # members per level
    previous, horizon = 0.0, _horizon_for(0.6 * size + 10, max_level)
    total = 1
    while total < size:
        for level in range(max_level + 1):
            if level + 1 == len(times):
                times.append([])
                parents.append([])
                counted.append(0)
            if not times[level]:  # nobody at this level yet, so nobody deeper either
                break
            born = np.concatenate(times[level])
            start = np.maximum(born, previous)
            window = np.maximum(horizon - start, 0.0)
            counts = rng.poisson(window)
            count = int(counts.sum())
            if count:
                parents[level + 1].append(np.repeat(np.arange(len(born)), counts))
                times[level + 1].append(
                    np.repeat(start, counts) + rng.random(count) * np.repeat(window, counts)
                )
                counted[level + 1] += count
                total += count
        previous, horizon = horizon, horizon * 1.05
    offsets = np.concatenate(([0], np.cumsum(counted)))
    all_times = np.concatenate([block for blocks in times for block in blocks])
    all_parents = np.concatenate(
        [block + (offsets[level - 1] if level else 0) for level, blocks in enumerate(parents) for block in blocks]
    )
    order = np.argsort(all_times)[:size]
    joined = np.full(len(all_times), -1, dtype=np.int64)
    joined[order] = np.arange(size)
    sponsor[1:] = joined[all_parents[order[1:]]]
    return sponsor


def _horizon_for(members: float, max_level: int) -> float:
    """Time by which the expected number of members (sum of t^k / k!) reaches ``members``."""

    def expected(t: float) -> float:
        term, total = 1.0, 1.0
        for k in range(1, max_level + 2):
            term *= t / k
            total += term
        return total

    low, high = 0.0, 1.0
    while expected(high) < members:
        high *= 2
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if expected(middle) < members else (low, middle)
    return high


def from_sponsors(sponsor: Any, *, member_ids: pd.Index | None = None) -> Network:
    """Build a network from one sponsor index per member (``-1`` for the founder).

    Checks that there is exactly one founder, that every sponsor is a member, and that
    nobody is their own upline (no cycles).

    Parameters
    ----------
    sponsor : array-like of int
        ``sponsor[i]`` is the index of member ``i``'s sponsor, ``-1`` for the founder.
    member_ids : pandas.Index, optional
        Ids to report instead of the indices.

    Examples
    --------
    >>> from_sponsors([-1, 0, 0]).recruits.tolist()
    [2, 0, 0]
    >>> from_sponsors([-1, 2, 1])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: sponsor_id = [1, 2] is not allowed: these members are their own upline (a cycle), so no chain leads from them to the founder.
    """
    if isinstance(sponsor, set | frozenset | dict | str | bytes):
        raise fail("sponsor", sponsor, "it must be a list or array with one sponsor per member, in member order")
    try:
        array = np.asarray(sponsor)
    except (TypeError, ValueError):
        array = np.empty(0)
    if array.ndim != 1 or array.size == 0:
        raise fail("sponsor", sponsor, "it must be a non-empty list with one sponsor per member")
    if not np.issubdtype(array.dtype, np.integer):
        raise fail("sponsor", sponsor, "sponsors must be whole-number member indices (-1 for the founder)")
    size = len(array)
    _check_size(size, "sponsor")
    if member_ids is not None:
        member_ids = _checked_ids(member_ids, size)
    label = member_ids if member_ids is not None else pd.RangeIndex(size)
    bad = (array < -1) | (array >= size)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise fail(
            "sponsor_id",
            _py(array[first]),
            f"member {_py(label[first])!r} names a sponsor that is not a member "
            f"(sponsor indices run from 0 to {size - 1}, and -1 marks the founder)",
        )
    founders = np.flatnonzero(array == -1)
    if len(founders) != 1:
        found = [_py(label[i]) for i in founders[:5]]
        raise fail(
            "sponsor_id",
            "no founder" if not found else f"founders {found}",
            "exactly one member (the founder) must have no sponsor",
        )
    parent = np.empty(size + 1, dtype=INDEX_DTYPE)
    parent[:size] = np.where(array == -1, size, array)
    parent[size] = size
    stuck = _members_off_the_founders_chain(parent)
    if len(stuck):
        raise fail(
            "sponsor_id",
            [_py(label[i]) for i in stuck[:10]],
            "these members are their own upline (a cycle), so no chain leads from them to the founder",
        )
    return Network(parent, member_ids)


def _members_off_the_founders_chain(parent: np.ndarray) -> np.ndarray:
    """The members whose chain of sponsors never reaches the founder (on or below a cycle).

    ``parent`` is in the sentinel form with exactly one founder. When every sponsor is
    listed before their recruits (the usual order of an export, members in joining order),
    each step up the chain goes to a smaller number, so every chain ends at the founder:
    one comparison per member says so. Otherwise pointer doubling follows the chains.

    Examples
    --------
    >>> _members_off_the_founders_chain(np.array([3, 0, 1, 3])).tolist()  # in joining order
    []
    >>> _members_off_the_founders_chain(np.array([4, 2, 1, 0, 4])).tolist()  # 1 and 2 sponsor each other
    [1, 2]
    """
    size = len(parent) - 1
    members = parent[:size]
    if bool(((members < np.arange(size, dtype=members.dtype)) | (members == size)).all()):
        return np.zeros(0, dtype=np.intp)
    _, reached = _levels_by_doubling(parent)
    return np.flatnonzero(reached[:size] != size)


def _checked_ids(member_ids: Any, size: int) -> pd.Index:
    """The members' ids as an Index: one per member, no id twice, none missing."""
    if isinstance(member_ids, set | frozenset | dict | str | bytes) or np.ndim(member_ids) != 1:
        raise fail("member_ids", member_ids, "it must be a list or Index with one id per member, in member order")
    try:
        index = pd.Index(member_ids)
    except (TypeError, ValueError):
        raise fail("member_ids", member_ids, "it must be a list or Index of ids") from None
    if len(index) != size:
        raise fail("member_ids", counted(len(index), "id"), f"it needs one id for each of the {counted(size, 'member')}")
    if index.hasnans:
        row = int(np.flatnonzero(index.isna())[0])
        raise fail("member_ids", f"a missing id at position {row}", "every member needs an id")
    if not index.is_unique:
        raise fail("member_ids", _py(index[index.duplicated()][0]), "each member id may appear only once")
    return index


def _py(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def from_sponsor_table(
    table: pd.DataFrame | str | PathLike[str],
    *,
    member_column: str = "member_id",
    sponsor_column: str = "sponsor_id",
) -> Network:
    """Build a network from a table with one row per member: ``member_id, sponsor_id``.

    The founder's ``sponsor_id`` is empty. A CSV path is read as data only (no code runs):
    ids written as plain whole numbers (the usual export) in one pass over the file's
    bytes, anything else (text ids, ``007``, quotes, ...) with pandas, every id kept as
    written.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        For a missing column, duplicate member ids, a sponsor that is not a member,
        no founder or several founders, or a cycle.

    Examples
    --------
    >>> table = pd.DataFrame({"member_id": ["ana", "ben", "cy"], "sponsor_id": [None, "ana", "ben"]})
    >>> net = from_sponsor_table(table)
    >>> net.level.tolist(), net.ids.tolist()
    ([0, 1, 2], ['ana', 'ben', 'cy'])
    >>> bad = pd.DataFrame({"member_id": ["ana", "ben"], "sponsor_id": [None, "zed"]})
    >>> from_sponsor_table(bad)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: sponsor_id = 'zed' is not allowed: member 'ben' names a sponsor who is not in the member_id column.
    """
    member_column = check_text("member_column", member_column, allow_empty=False)
    sponsor_column = check_text("sponsor_column", sponsor_column, allow_empty=False)
    if isinstance(table, str | PathLike):
        check_file_text("table", table, read=False)
        plain = _sponsor_csv.read_plain_number_ids(table, member_column, sponsor_column)
        if plain is not None:  # whole-number ids written plainly: no text to keep
            try:
                return _network_from_number_ids(*plain, member_column, sponsor_column)
            except MlmkitInputError:
                _sponsor_csv.read_sponsor_text(table)  # (every row was checked to have its fields: this re-raises)
                raise
        same_field_count, ids_can_be_numbers = _sponsor_csv.scan_sponsor_csv(table)
        if not same_field_count:
            frame = _sponsor_csv.read_sponsor_text(table)  # quoted fields, or the exact line that is ragged
        else:
            try:
                frame = _sponsor_csv.read_sponsor_csv(table, member_column, sponsor_column, ids_can_be_numbers)
            except (ValueError, UnicodeDecodeError, OSError):  # pandas' parser errors are ValueErrors
                frame = _sponsor_csv.read_sponsor_text(table)  # the precise error: encoding, line, field
        try:
            return _from_sponsor_frame(frame, member_column, sponsor_column)
        except MlmkitInputError:
            _sponsor_csv.read_sponsor_text(table)  # a ragged row explains a bad table better than its symptom
            raise
    if not isinstance(table, pd.DataFrame):
        raise fail("table", table, "it must be a pandas DataFrame or the path of a CSV file")
    return _from_sponsor_frame(table, member_column, sponsor_column)


def _dense_id_positions(members: pd.Series, sponsors: pd.Series) -> np.ndarray | None:
    """Each member's sponsor position without hashing, when the ids are whole numbers ``k .. k+n-1``.

    Exports usually number their members 1..N: a lookup array then replaces the hash index.
    None for anything else, or anything wrong (the general path names the problem).

    Examples
    --------
    >>> _dense_id_positions(pd.Series([11, 10, 12]), pd.Series([10.0, None, 11.0])).tolist()
    [1, -1, 0]
    >>> _dense_id_positions(pd.Series(["a", "b"]), pd.Series([None, "a"])) is None
    True
    """
    if not (isinstance(members.dtype, np.dtype) and members.dtype.kind == "i") or len(members) == 0:
        return None
    if not pd.api.types.is_numeric_dtype(sponsors.dtype) or pd.api.types.is_bool_dtype(sponsors.dtype):
        return None
    has_sponsor = sponsors.notna().to_numpy(dtype=bool)
    if isinstance(sponsors.dtype, np.dtype) and sponsors.dtype.kind in "iuf":
        values = sponsors.to_numpy()  # no copy
    else:  # a nullable column: its missing entries are masked out below
        values = sponsors.to_numpy(dtype=np.float64, na_value=np.nan)
    return _dense_positions(members.to_numpy(), values, has_sponsor)


def _dense_positions(ids: np.ndarray, sponsor: np.ndarray, has_sponsor: np.ndarray) -> np.ndarray | None:
    """Sponsor positions by a lookup array for whole-number ids ``k .. k+n-1`` (None otherwise).

    ``sponsor`` holds the sponsors' ids (whole numbers, as integers or floats) where
    ``has_sponsor`` is True; what it holds elsewhere is ignored. Whole-array passes only.

    Examples
    --------
    >>> _dense_positions(np.array([5, 6, 7]), np.array([0, 5, 6]), np.array([False, True, True])).tolist()
    [-1, 0, 1]
    >>> _dense_positions(np.array([5, 7]), np.array([0, 5]), np.array([False, True])) is None
    True
    """
    size = len(ids)
    if size == 0:
        return None
    low = int(ids.min())
    if int(ids.max()) - low + 1 != size:
        return None
    index_type: type[np.signedinteger[Any]] = np.int32 if size < 2**31 else np.int64
    position_of: np.ndarray = np.full(size, -1, dtype=index_type)
    position_of[ids - low] = np.arange(size, dtype=index_type)
    if (position_of < 0).any():  # an id twice (so another is missing)
        return None
    target = np.where(has_sponsor, sponsor, low)
    if target.dtype.kind == "f":
        # float64 holds whole numbers exactly only up to 2**53
        if abs(low) + size >= 2**53 or not (
            (target >= low) & (target < low + size) & (target == np.floor(target))
        ).all():
            return None
        target = target.astype(np.int64)
    elif target.dtype.kind not in "iu" or int(target.min()) < low or int(target.max()) >= low + size:
        return None
    target -= low
    position = position_of[target].astype(np.int64)
    position[~has_sponsor] = -1
    return position


def _dense_parent(members: np.ndarray, sponsors: np.ndarray, has_sponsor: np.ndarray) -> np.ndarray | None:
    """The parent array (sentinel form, see :class:`Network`) when the ids are ``k .. k+n-1``.

    ``members`` and ``sponsors`` are whole numbers (``sponsors`` is ignored where
    ``has_sponsor`` is False). None unless every id is there once, exactly one member has
    no sponsor and every sponsor is a member; cycles are not looked for here. Members
    listed in id order (the usual export) need no lookup array.

    Examples
    --------
    >>> _dense_parent(np.array([5, 6, 7]), np.array([0, 5, 6]), np.array([False, True, True])).tolist()
    [3, 0, 1, 3]
    >>> _dense_parent(np.array([7, 5, 6]), np.array([5, 0, 5]), np.array([True, False, True])).tolist()
    [1, 3, 1, 3]
    >>> _dense_parent(np.array([5, 6]), np.array([0, 9]), np.array([False, True])) is None  # 9 is no member
    True
    """
    size = len(members)
    if not 0 < size <= MAX_MEMBERS or np.count_nonzero(has_sponsor) != size - 1:
        return None
    low = int(members.min())
    if int(members.max()) - low + 1 != size:
        return None
    named = np.where(has_sponsor, sponsors, low)  # the founder's place: any member will do
    if int(named.min()) < low or int(named.max()) >= low + size:
        return None
    parent = np.empty(size + 1, dtype=INDEX_DTYPE)
    if bool((members[1:] > members[:-1]).all()):  # in id order: member k+i is at place i
        np.subtract(named, low, out=parent[:size], casting="unsafe")
    else:
        place = np.full(size, -1, dtype=INDEX_DTYPE)
        place[members - low] = np.arange(size, dtype=INDEX_DTYPE)
        if (place < 0).any():  # an id twice (so another is missing)
            return None
        named -= low
        np.take(place, named, out=parent[:size])
    parent[int(np.argmin(has_sponsor))] = size  # the founder
    parent[size] = size
    return parent


def _network_from_number_ids(
    members: np.ndarray, sponsors: np.ndarray, has_sponsor: np.ndarray, member_column: str, sponsor_column: str
) -> Network:
    """The network of :func:`mlmkit._sponsor_csv.read_plain_number_ids`' arrays (the same checks as a table's).

    The usual export (ids ``k .. k+n-1``, one founder, every sponsor a member, no cycle)
    goes straight to the tree's parent array; anything else goes through the general
    checks, which name the problem.
    """
    parent = _dense_parent(members, sponsors, has_sponsor)
    if parent is not None and not len(_members_off_the_founders_chain(parent)):  # no cycle
        return Network(parent, pd.Index(members))
    position = _dense_positions(members, sponsors, has_sponsor)
    if position is not None:  # ids k..k+n-1, each once: no hash index needed
        return from_sponsors(position, member_ids=pd.Index(members))
    frame = pd.DataFrame({member_column: members, sponsor_column: pd.arrays.IntegerArray(sponsors, ~has_sponsor)})
    return _from_sponsor_frame(frame, member_column, sponsor_column)


def _from_sponsor_frame(frame: pd.DataFrame, member_column: str, sponsor_column: str) -> Network:
    for column in (member_column, sponsor_column):
        if column not in frame.columns:
            raise fail("columns", list(frame.columns), f"the table needs a {column!r} column")
    if frame.empty:
        raise fail("table", "a table with no rows", "it needs one row per member (at least the founder)")
    members = frame[member_column]
    if members.isna().any():
        raise fail(member_column, "an empty id", f"row {int(np.flatnonzero(members.isna())[0])} has no member id")
    sponsors = frame[sponsor_column]
    dense = _dense_id_positions(members, sponsors)  # None if an id is there twice, among others
    if dense is not None:
        return from_sponsors(dense, member_ids=pd.Index(members))
    duplicated = members[members.duplicated()]
    if len(duplicated):
        raise fail(member_column, _py(duplicated.iloc[0]), "each member id may appear only once")
    index = pd.Index(members)
    if pd.api.types.is_numeric_dtype(sponsors.dtype):
        has_sponsor = sponsors.notna().to_numpy(dtype=bool)
    else:  # text: an empty or blank sponsor marks the founder too
        as_text = sponsors.astype("string")
        has_sponsor = (as_text.notna() & (as_text.str.strip() != "")).fillna(False).to_numpy(dtype=bool)
    position = np.full(len(frame), -1, dtype=np.int64)
    found = index.get_indexer(sponsors[has_sponsor])
    if (found < 0).any():
        row = int(np.flatnonzero(has_sponsor)[np.flatnonzero(found < 0)[0]])
        raise fail(
            sponsor_column,
            _py(sponsors.iloc[row]),
            f"member {_py(members.iloc[row])!r} names a sponsor who is not in the {member_column} column",
        )
    position[has_sponsor] = found
    return from_sponsors(position, member_ids=index)


# ------------------------------------------------------------ geometric growth
@renamed_arguments(branching="recruits_each")
def geometric_levels(recruits_each: int, depth: int) -> pd.DataFrame:
    """Members per level when everyone recruits ``recruits_each`` people: level ``n`` holds ``b**n``.

    Exact integers (Python ints), so the numbers stay right far past what fits in memory
    as a network.

    Returns
    -------
    pandas.DataFrame
        ``level``, ``members_at_level``, ``members_through_level`` and ``share_at_level``
        (the level's share of everyone through that level).

    Examples
    --------
    >>> geometric_levels(6, 3)
       level  members_at_level  members_through_level  share_at_level
    0      0                 1                      1        1.000000
    1      1                 6                      7        0.857143
    2      2                36                     43        0.837209
    3      3               216                    259        0.833977
    """
    branching = check_int("recruits_each", recruits_each, low=1)
    depth = check_int("depth", depth, low=0, high=200)
    at_level = [branching**level for level in range(depth + 1)]
    through = list(np.cumsum(np.array(at_level, dtype=object)))
    return pd.DataFrame(
        {
            "level": range(depth + 1),
            "members_at_level": pd.array(at_level, dtype=object),
            "members_through_level": pd.array(through, dtype=object),
            "share_at_level": [a / t for a, t in zip(at_level, through, strict=True)],
        }
    )


@renamed_arguments(branching="recruits_each")
def first_level_exceeding(recruits_each: int, population: float) -> int:
    """The first level that, on its own, holds more people than ``population``.

    Examples
    --------
    >>> first_level_exceeding(6, 8.0e9)
    13
    >>> first_level_exceeding(2, 1_000)
    10
    """
    branching = check_int("recruits_each", recruits_each, low=2)
    population = check_number("population", population, low=1, unit="people")
    level = 0
    while branching**level <= population:
        level += 1
    return level
