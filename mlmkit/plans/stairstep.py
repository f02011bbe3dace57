"""The stair-step breakaway plan: ranks, differential bonuses and generation overrides.

You climb ranks ("steps") on your personal volume and your group volume. Each rank has a
rate; on every sale, the seller earns their own rank's rate and each member above earns
only the *difference* between their rate and the highest rate already paid below them
(the stair-step differential). A member who reaches the breakaway rank "breaks away":
their group leaves their upline's group volume, and the upline earns a smaller
*generation override* on it instead (1st generation: the first breakaway group below you,
2nd: the breakaway groups below those, ...). Historically the oldest structure, associated
with high volume requirements and inventory loading. Source: ``plan_types_glossary``.

Examples
--------
Three members in a line, each selling USD 1,000; rates 5% (no requirement) and 10% from
USD 2,000 of group volume, the breakaway rank. The middle member's group is USD 2,000, so they
reach "Leader" and break away: 10% of their own sale plus the 5% difference on the sale
below. The top member's group no longer includes the group that broke away (USD 1,000 left),
so they stay "Starter" and, with no generation overrides in this plan, earn 5% of their own.

>>> from mlmkit.network import check_network, from_sponsors
>>> from mlmkit.plans.volumes import make_volumes
>>> ranks = (Rank("Starter", 0.05), Rank("Leader", 0.10, min_group_volume_usd=2000))
>>> plan = StairStepPlan(ranks=ranks, breakaway_rank="Leader", generation_rates=())
>>> net = from_sponsors([-1, 0, 1])
>>> result = plan.pay(net, make_volumes(net, [1000, 1000, 1000]))
>>> result.members[["rank", "total_paid_usd"]].values.tolist()
[['Starter', 50.0], ['Leader', 150.0], ['Starter', 50.0]]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mlmkit._compat import Replaceable
from mlmkit._prefault import pages_ready_in_background
from mlmkit._validation import (
    check_amounts,
    check_int,
    check_non_negative,
    check_probability,
    check_rates,
    fail,
)
from mlmkit.network import Network, check_network
from mlmkit.plans.engine import FormulaPay, nearest_qualified_upline, pay_up_levels, run_plan
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import Volumes

__all__ = ["DEFAULT_RANKS", "Rank", "StairStepPlan", "breakaway_group_volume"]

NO_RANKED_UPLINE = "no upline of the rank to receive it"
#: Levels with at most this many members x buckets take the few-calls path of the walk.
_SMALL_LEVEL = 1 << 14
#: Trees deeper than this take the walk without a loop over levels (:func:`_pointer_walk`).
_DEEP_TREE_LEVELS = 256


@dataclass(frozen=True)
class Rank(Replaceable):
    """One step of a stair-step plan.

    Parameters
    ----------
    name : str
        The rank's title.
    rate : float
        Share of the group's volume this rank pays (0..1), before the differentials.
    min_personal_volume_usd : float, default 0
        Personal volume needed for the rank.
    min_group_volume_usd : float, default 0
        Group volume needed (the member's own plus their group's, without groups that
        broke away).

    Examples
    --------
    >>> Rank("Gold", 0.12, min_group_volume_usd=5000).rate
    0.12
    >>> Rank("Gold", 1.2)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: rate = 1.2 is not allowed: it must be a probability between 0 and 1.
    """

    name: str
    rate: float
    min_personal_volume_usd: float = 0.0
    min_group_volume_usd: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise fail("name", self.name, "a rank needs a non-empty name")
        object.__setattr__(self, "rate", check_probability("rate", self.rate))
        for name in ("min_personal_volume_usd", "min_group_volume_usd"):
            object.__setattr__(self, name, check_non_negative(name, getattr(self, name), unit="USD"))


#: A fictional example ladder: 3% to start, 21% at the breakaway rank "Director".
DEFAULT_RANKS: tuple[Rank, ...] = (
    Rank("Starter", 0.03),
    Rank("Bronze", 0.06, min_personal_volume_usd=100, min_group_volume_usd=1_000),
    Rank("Silver", 0.09, min_personal_volume_usd=100, min_group_volume_usd=2_500),
    Rank("Gold", 0.12, min_personal_volume_usd=100, min_group_volume_usd=5_000),
    Rank("Director", 0.21, min_personal_volume_usd=100, min_group_volume_usd=10_000),
)


@dataclass(frozen=True)
class StairStepPlan(Replaceable):
    """A stair-step breakaway pay plan.

    Parameters
    ----------
    ranks : tuple of Rank
        The steps, lowest first; rates and requirements may not go down from one step to
        the next. Every member holds at least the first rank.
    breakaway_rank : str or None
        Name of the rank at which a member breaks away (None: the top rank).
    generation_rates : tuple of float, default (0.04, 0.02, 0.01)
        Override on the 1st, 2nd, ... generation of breakaway groups below a member who
        is at the breakaway rank.
    rules : PayRules, default PayRules()
        Qualification, compression and the regulators' rules. Ranks always come from the
        full volumes. With compression an unqualified member counts as rate 0, so the
        differential passes up; their group still breaks away (the generation override
        an unqualified member would have earned is breakage).

    Examples
    --------
    >>> StairStepPlan().name
    'Stair-step 3-21%, breakaway at Director'
    >>> StairStepPlan(breakaway_rank="Diamond")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: breakaway_rank = 'Diamond' is not allowed: it must be one of the ranks: 'Starter', 'Bronze', 'Silver', 'Gold', 'Director'.
    """

    ranks: tuple[Rank, ...] = DEFAULT_RANKS
    breakaway_rank: str | None = None
    generation_rates: tuple[float, ...] = (0.04, 0.02, 0.01)
    rules: PayRules = field(default_factory=PayRules)

    def __post_init__(self) -> None:
        ranks = _check_ranks(self.ranks)
        names = [rank.name for rank in ranks]
        if len(set(names)) != len(names):
            raise fail("ranks", names, "each rank needs its own name")
        for lower, higher in zip(ranks, ranks[1:], strict=False):
            for attribute in ("rate", "min_personal_volume_usd", "min_group_volume_usd"):
                if getattr(higher, attribute) < getattr(lower, attribute):
                    raise fail(
                        f"ranks[{higher.name!r}].{attribute}",
                        getattr(higher, attribute),
                        f"a higher rank may not have a lower {attribute} than {lower.name!r} "
                        f"({getattr(lower, attribute):g})",
                    )
        breakaway = names[-1] if self.breakaway_rank is None else self.breakaway_rank
        if not isinstance(breakaway, str) or breakaway not in names:
            listed = ", ".join(repr(name) for name in names)
            raise fail("breakaway_rank", self.breakaway_rank, f"it must be one of the ranks: {listed}")
        generations = check_rates("generation_rates", self.generation_rates)
        if ranks[-1].rate + sum(generations) > 1.0 + 1e-12:
            raise fail(
                "generation_rates",
                generations,
                f"the top rate ({ranks[-1].rate:.0%}) plus the generation overrides may not "
                "exceed 100% of a sale",
            )
        if not isinstance(self.rules, PayRules):
            raise fail("rules", self.rules, "it must be a PayRules object")
        object.__setattr__(self, "ranks", ranks)
        object.__setattr__(self, "breakaway_rank", breakaway)
        object.__setattr__(self, "generation_rates", generations)

    @property
    def name(self) -> str:
        """Short description, e.g. ``'Stair-step 3-21%, breakaway at Director'``."""
        low, high = self.ranks[0].rate * 100, self.ranks[-1].rate * 100
        return f"Stair-step {low:g}-{high:g}%, breakaway at {self.breakaway_rank}"

    @property
    def pool_rate(self) -> float:
        """Most the plan pays on a sale: the top rate plus every generation override."""
        return round(self.ranks[-1].rate + sum(self.generation_rates), 12)

    @property
    def breakaway_index(self) -> int:
        """Position of the breakaway rank in :attr:`ranks`."""
        return [rank.name for rank in self.ranks].index(str(self.breakaway_rank))

    def rank_table(self) -> pd.DataFrame:
        """The ladder as a table (one row per rank).

        Examples
        --------
        >>> StairStepPlan().rank_table()["rate"].tolist()
        [0.03, 0.06, 0.09, 0.12, 0.21]
        """
        return pd.DataFrame([vars(rank) for rank in self.ranks])

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult:
        """Rank everyone, then pay differentials and generation overrides up the sponsor line."""
        return run_plan(self.name, network, volumes, self.rules, self._formula)

    def _formula(
        self,
        network: Network,
        volume: np.ndarray,
        retail: np.ndarray,
        skip: np.ndarray | None,
        full_volume: np.ndarray,
    ) -> FormulaPay:
        # ranks come from the full volumes, whatever part of them is paid on; an unqualified
        # member's group still breaks away, but with compression their rate counts as 0
        rank, group = breakaway_group_volume(network, full_volume, self.ranks, self.breakaway_index)
        rates = np.array([r.rate for r in self.ranks])
        rate = rates[rank]
        breakaway = rank >= self.breakaway_index
        if skip is not None:
            rate = np.where(skip, 0.0, rate)
        any_retail = bool(retail.any())
        differential, generation, from_retail = _walk_up(
            network, volume, retail, rate, breakaway, self.generation_rates, any_retail=any_retail
        )
        personal = rate * volume
        paid = float(personal.sum() + differential.sum() + generation.sum())
        promised = self.pool_rate * float(volume.sum())
        names = pd.Index([r.name for r in self.ranks], dtype=object)
        return FormulaPay(
            personal_usd=personal,
            bonus_usd=differential + generation,
            personal_from_retail_usd=rate * retail if any_retail else np.zeros(len(retail)),
            bonus_from_retail_usd=from_retail,
            pay_columns={
                "personal_commission_usd": personal,
                "differential_bonus_usd": differential,
                "generation_override_usd": generation,
            },
            info_columns={
                # the codes are ranks' positions by construction: no second pass to check them
                "rank": pd.Categorical.from_codes(
                    rank, dtype=pd.CategoricalDtype(names, ordered=True), validate=False
                ),
                "rank_number": rank,
                "group_volume_usd": group,
                "broke_away": breakaway,
            },
            withheld_usd={NO_RANKED_UPLINE: max(promised - paid, 0.0)},
        )


def breakaway_group_volume(
    network: Network, volume: np.ndarray, ranks: tuple[Rank, ...], breakaway_index: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each member's rank and group volume, where groups that broke away do not count.

    Bottom-up, one level at a time: a member's rank is set once their group is complete,
    and their group is added to their sponsor's only if they did not reach the breakaway rank.

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> ranks = (Rank("Starter", 0.05), Rank("Leader", 0.10, min_group_volume_usd=2000))
    >>> rank, group = breakaway_group_volume(from_sponsors([-1, 0, 1]), np.array([500, 1000, 1000.0]), ranks, 1)
    >>> rank.tolist(), group.tolist()
    ([0, 1, 0], [500.0, 2000.0, 1000.0])
    """
    check_network(network)
    volume = check_amounts("volume", volume, network.size)
    ranks = _check_ranks(ranks)
    breakaway_index = check_int("breakaway_index", breakaway_index, low=0, high=len(ranks) - 1)
    size = network.size
    # one byte per member for up to 127 ranks (the rank column of a 10^7 table: 10 MB, not 80)
    rank = np.zeros(size, dtype=np.int8 if len(ranks) <= 127 else np.int64)
    personal = np.asarray(volume, dtype=np.float64)
    # Requirements never go down from one rank to the next, so the ranks a member meets are
    # the first few: two binary searches give the highest one.
    personal_steps = np.array([step.min_personal_volume_usd for step in ranks])
    group_steps = np.array([step.min_group_volume_usd for step in ranks])
    order, starts = network._by_level
    # Everything in level order, so that a level is one contiguous slice (a view, no gathers):
    # a deep tree has many small levels, and each costs only a handful of numpy calls.
    index_type = np.int32 if size < 2**31 else np.int64
    sorted_place = np.empty(size + 1, dtype=index_type)
    sorted_place[order] = np.arange(size, dtype=index_type)
    sorted_place[size] = 0  # above the founder (never used)
    sponsor_place = sorted_place[network.parent[order]]
    del sorted_place
    group_sorted = personal[order]
    personal_cap = np.searchsorted(personal_steps, group_sorted, side="right").astype(rank.dtype)
    personal_cap -= 1  # the highest rank whose personal requirement is met (-1: none)
    rank_sorted = np.empty(size, dtype=rank.dtype)
    for level in range(network.depth, -1, -1):
        start, stop = int(starts[level]), int(starts[level + 1])
        level_group = group_sorted[start:stop]
        level_rank = np.searchsorted(group_steps, level_group, side="right")
        level_rank -= 1
        np.minimum(level_rank, personal_cap[start:stop], out=level_rank)
        np.maximum(level_rank, 0, out=level_rank)
        rank_sorted[start:stop] = level_rank
        if level == 0:
            break
        above = int(starts[level - 1])
        if breakaway_index <= level_rank.max():  # groups that broke away stay out of the sponsor's
            level_group = np.where(level_rank >= breakaway_index, 0.0, level_group)
        group_sorted[above:start] += np.bincount(
            sponsor_place[start:stop] - above, weights=level_group, minlength=start - above
        )
    group = np.empty(size)
    group[order] = group_sorted
    rank[order] = rank_sorted
    return rank, group


def _check_ranks(ranks: object) -> tuple[Rank, ...]:
    checked = tuple(ranks) if isinstance(ranks, list | tuple) else None
    if not checked or not all(isinstance(rank, Rank) for rank in checked):
        raise fail("ranks", ranks, "it must be a non-empty list of Rank objects, lowest first")
    return checked


def _walk_up(
    network: Network,
    volume: np.ndarray,
    retail: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
    *,
    any_retail: bool | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Differentials and generation overrides on every sale, summed bottom-up level by level.

    Rather than following each sale up the tree (a chain where nobody breaks away would
    make that quadratic), every member hands their sponsor two short histograms of the sales
    in their group: the volume on which the highest rate paid so far is each of the plan's
    distinct rates (sales that have not left a breakaway group: they still pay
    differentials), and the volume that has left 1, 2, ... breakaway groups (they pay
    generation overrides). Each level costs a few ``bincount`` passes over its members, so
    the whole walk is O(members x (rates + generations)). :func:`_walk_up_by_sale` is the
    direct sale-by-sale walk, kept as the reference the tests compare against.

    A tree deeper than :data:`_DEEP_TREE_LEVELS` levels (a long chain has one member per
    level, and a numpy call per level costs more than the level's work) takes
    :func:`_pointer_walk` instead, which has no loop over levels.
    """
    size = len(volume)
    if any_retail is None:  # (the caller may know already: one pass less)
        any_retail = bool(retail.any())
    mixed = any_retail and not np.array_equal(retail, volume)
    walk = _pointer_walk if network.depth > _DEEP_TREE_LEVELS else _histogram_walk
    differential, generation = walk(network, volume, rate, breakaway, generation_rates)
    if mixed:
        retail_differential, retail_generation = walk(
            network, retail, rate, breakaway, generation_rates
        )
        from_retail = retail_differential + retail_generation
    elif any_retail:
        from_retail = differential + generation
    else:
        from_retail = np.zeros(size)
    return differential, generation, from_retail


def _histogram_walk(
    network: Network,
    volume: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
) -> tuple[np.ndarray, np.ndarray]:
    """The level-by-level histograms of :func:`_walk_up` for one kind of volume.

    A level's incoming histograms are one ``(buckets, members)`` array. Handing them up is
    one ``bincount`` per bucket over the level's members (plus one for each member's own
    bucket), so the temporary arrays are one value per member of the level, never one per
    member and bucket: memory stays a few bytes per member of the widest level.
    """
    size = len(volume)
    differential = np.zeros(size)
    generation = np.zeros(size)
    # the two results are written level by level, all over: on a big tree their pages are made
    # present on another thread meanwhile (mlmkit._prefault; the leaf level's work comes first)
    with pages_ready_in_background(differential, generation):
        _hand_up_levels(network, volume, rate, breakaway, generation_rates, differential, generation)
    return differential, generation


def _hand_up_levels(
    network: Network,
    volume: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
    differential: np.ndarray,
    generation: np.ndarray,
) -> None:
    """The loop of :func:`_histogram_walk`: fills ``differential`` and ``generation`` (zeros)."""
    size = len(volume)
    rates = np.unique(rate)  # the distinct rates, ascending: histogram buckets
    buckets = len(rates)
    bucket = np.searchsorted(rates, rate).astype(np.min_scalar_type(buckets))
    generations = len(generation_rates)
    order, starts = network._by_level
    parent = network.parent
    position = np.empty(size, dtype=np.int32 if size < 2**31 else np.int64)
    # by_rate[b, i]: volume reaching the level's i-th member whose best rate so far is
    # rates[b] and that left no breakaway group; by_generation[g - 1, i]: volume that left
    # g breakaway groups. None stands for all zeros (nothing arrives from below).
    by_rate: np.ndarray | None = None
    by_generation: np.ndarray | None = None
    for level in range(network.depth, -1, -1):
        nodes = order[starts[level] : starts[level + 1]]
        broke = breakaway[nodes]
        any_broke = bool(broke.any())
        # a small level (a deep, narrow tree has many) takes a few calls on (buckets, members)
        # arrays; a wide one goes bucket by bucket, so its temporaries stay one value per member
        small = len(nodes) * max(buckets, generations) <= _SMALL_LEVEL
        if by_rate is not None:
            # the stair-step differential: own rate minus the best rate already paid below
            own_rate = rate[nodes]
            if small:  # nobody earns a differential over the top rate
                gain = own_rate - rates[:-1, None]
                np.maximum(gain, 0.0, out=gain)
                gain *= by_rate[:-1]
                differential[nodes] = gain.sum(axis=0)
            else:
                pay = np.zeros(len(nodes))
                for index in range(buckets - 1):
                    gain = own_rate - rates[index]
                    np.maximum(gain, 0.0, out=gain)
                    gain *= by_rate[index]
                    pay += gain
                differential[nodes] = pay
                del pay
            del own_rate
        if by_generation is not None and any_broke:
            earned = np.asarray(generation_rates, dtype=np.float64) @ by_generation
            generation[nodes] = np.where(broke, earned, 0.0)
            del earned
        if level == 0:
            break
        above = order[starts[level - 1] : starts[level]]
        width = len(above)
        position[above] = np.arange(width, dtype=position.dtype)
        target = position[parent[nodes]]
        own_bucket = bucket[nodes]
        if small:
            by_rate, by_generation = _hand_up_small(
                by_rate, by_generation, volume[nodes], own_bucket, broke, any_broke, target, width, buckets,
                generations,
            )
            continue
        stays = ~broke if any_broke else None  # a breakaway member hands nothing up by rate
        # the member's own sale and every bucket at or below their own rate merge into it
        merged = volume[nodes]
        arriving = None
        if by_rate is not None:
            arriving = by_rate.sum(axis=0)  # volume from below that left no breakaway group
            for index in range(buckets):
                merged += np.where(own_bucket >= index, by_rate[index], 0.0)
        if stays is not None:
            merged *= stays
        flat = own_bucket.astype(target.dtype if width * buckets < 2**31 else np.int64) * width
        flat += target
        handed = np.bincount(flat, weights=merged, minlength=width * buckets).reshape(buckets, width)
        del flat, merged
        if by_rate is not None:
            for index in range(1, buckets):  # buckets above the member's own rate pass as they are
                passing = np.where(own_bucket < index, by_rate[index], 0.0)
                if stays is not None:
                    passing *= stays
                handed[index] += np.bincount(target, weights=passing, minlength=width)
                del passing
        if generations and (any_broke or by_generation is not None):
            current = by_generation if by_generation is not None else np.zeros((generations, len(nodes)))
            handed_up = np.empty((generations, width))
            for index in range(generations):
                column = current[index]
                if any_broke:  # a breakaway member's group leaves one more group: one generation on
                    if index == 0:
                        left = volume[nodes] if arriving is None else arriving + volume[nodes]
                    else:
                        left = current[index - 1]
                    column = np.where(broke, left, column)
                handed_up[index] = np.bincount(target, weights=column, minlength=width)
            by_generation = handed_up
            del current
        else:
            by_generation = None
        by_rate = handed
        del target, own_bucket, arriving


def _pointer_walk(
    network: Network,
    volume: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
) -> tuple[np.ndarray, np.ndarray]:
    """The walk of :func:`_histogram_walk` without a loop over levels (for deep trees).

    Differentials: on a sale, only the members above the seller whose rate beats every rate
    below them on the way earn (the rate can rise at most ``rates - 1`` times), and only up
    to the seller's nearest breakaway upline. Each member's nearest upline with a higher
    rate comes from pointer jumping (:func:`~mlmkit.plans.engine.nearest_qualified_upline`,
    once per distinct rate); then the volume moves from one such upline to the next, merged
    per member, at most ``rates - 1`` steps of whole-array ``bincount``.

    Generation overrides: a sale first leaves the breakaway group it belongs to (its
    seller's, if the seller broke away, else its seller's nearest breakaway upline's); the
    1st, 2nd, ... breakaway uplines above that group earn the overrides: a level pass over
    the tree of nearest breakaway uplines (:func:`~mlmkit.plans.engine.pay_up_levels`).
    O(members x (rates x log(depth) + generations)).
    """
    size = len(volume)
    parent = network.parent
    rates = np.unique(rate)
    bucket = np.searchsorted(rates, rate)
    higher = np.full(size + 1, size, dtype=parent.dtype)  # nearest upline paying more than the member
    for index in range(len(rates) - 1):
        members = np.flatnonzero(bucket == index)
        if len(members):
            higher[members] = nearest_qualified_upline(parent, rate > rates[index])[members]
    del bucket
    barrier = nearest_qualified_upline(parent, breakaway)  # nearest breakaway upline (size: none)
    level = np.append(network.level, -1)  # the sentinel above the founder is at level -1
    rate_up = np.append(rate, 0.0)
    breakaway_up = np.append(breakaway, True)
    differential = np.zeros(size + 1)
    at = np.flatnonzero(~breakaway & (volume != 0))  # a breakaway seller's sales pay no differential
    amount = volume[at]
    while len(at):
        up = higher[at]
        # an upline above the nearest breakaway member no longer earns a differential
        ok = (up != size) & (level[up] >= level[barrier[at]])
        differential += np.bincount(
            up[ok], weights=amount[ok] * (rate_up[up[ok]] - rate[at[ok]]), minlength=size + 1
        )
        go = ok & ~breakaway_up[up]  # the breakaway member was the last to earn one
        merged = np.bincount(up[go], weights=amount[go], minlength=size)
        at = np.flatnonzero(merged)
        amount = merged[at]
    head = np.where(breakaway, np.arange(size, dtype=barrier.dtype), barrier[:size])
    left = np.bincount(head, weights=volume, minlength=size + 1)[:size]  # volume leaving each group
    _, generation, _, _ = pay_up_levels(barrier, left, np.zeros(size), generation_rates, keep_levels=False)
    return differential[:size], generation


def _hand_up_small(
    by_rate: np.ndarray | None,
    by_generation: np.ndarray | None,
    own: np.ndarray,
    own_bucket: np.ndarray,
    broke: np.ndarray,
    any_broke: bool,
    target: np.ndarray,
    width: int,
    buckets: int,
    generations: int,
) -> tuple[np.ndarray, np.ndarray | None]:
    """One small level's histograms handed up to the sponsors (see :func:`_histogram_walk`).

    The same sums as the wide-level path, on ``(buckets, members)`` arrays: a handful of
    numpy calls per level whatever the number of buckets.
    """
    members = len(own)
    steps = np.arange(buckets)[:, None]
    own_bucket = own_bucket.astype(np.intp)
    arriving = None
    if by_rate is None:
        handed = np.zeros((buckets, members))
        merged = own
    else:
        arriving = by_rate.sum(axis=0)  # volume from below that left no breakaway group
        upto = steps <= own_bucket[None, :]
        merged = np.where(upto, by_rate, 0.0).sum(axis=0) + own
        handed = np.where(upto, 0.0, by_rate)  # buckets above the member's own rate pass as they are
    handed[own_bucket, np.arange(members)] = merged
    if any_broke:
        handed[:, broke] = 0.0  # a breakaway member hands nothing up by rate
    flat = (steps * width + target[None, :]).ravel()
    new_rate = np.bincount(flat, weights=handed.ravel(), minlength=buckets * width).reshape(buckets, width)
    if not generations or not (any_broke or by_generation is not None):
        return new_rate, None
    current = by_generation if by_generation is not None else np.zeros((generations, members))
    if any_broke:  # leaving one more group: one generation on
        shifted = np.empty_like(current)
        shifted[0] = own if arriving is None else arriving + own
        shifted[1:] = current[:-1]
        current = np.where(broke[None, :], shifted, current)
    flat = (np.arange(generations)[:, None] * width + target[None, :]).ravel()
    new_generation = np.bincount(flat, weights=current.ravel(), minlength=generations * width)
    return new_rate, new_generation.reshape(generations, width)


def _walk_up_by_sale(
    network: Network,
    volume: np.ndarray,
    retail: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reference: follow every sale up the sponsor line (O(members x depth); for tests)."""
    size = network.size
    parent = network.parent
    rate_ext = np.append(rate, 0.0)
    breakaway_ext = np.append(breakaway, False)
    generations = np.asarray((*generation_rates, 0.0))
    differential = np.zeros(size + 1)
    generation = np.zeros(size + 1)
    from_retail = np.zeros(size + 1)
    mixed = bool(retail.any()) and not np.array_equal(retail, volume)
    sale = np.flatnonzero(volume > 0)
    amount = volume[sale]
    amount_retail = retail[sale]
    best = rate[sale]  # highest rate paid so far on each sale
    passed = breakaway[sale].astype(np.int64)  # breakaway groups the sale has left
    current = parent[sale].astype(np.int64)
    while len(sale):
        live = current != size
        if not live.all():
            amount, amount_retail, best, passed, current = (
                array[live] for array in (amount, amount_retail, best, passed, current)
            )
            sale = sale[live]
        if not len(sale):
            break
        upline_rate = rate_ext[current]
        differential_share = np.where(passed == 0, np.maximum(upline_rate - best, 0.0), 0.0)
        best = np.maximum(best, upline_rate)
        is_breakaway = breakaway_ext[current]
        override_share = np.where(
            is_breakaway & (passed >= 1), generations[np.minimum(passed, len(generations)) - 1], 0.0
        )
        override_share = np.where(passed > len(generation_rates), 0.0, override_share)
        differential += np.bincount(current, weights=differential_share * amount, minlength=size + 1)
        generation += np.bincount(current, weights=override_share * amount, minlength=size + 1)
        if mixed:
            from_retail += np.bincount(
                current, weights=(differential_share + override_share) * amount_retail, minlength=size + 1
            )
        passed = passed + is_breakaway
        done = passed > len(generation_rates)
        if done.any():
            keep = ~done
            amount, amount_retail, best, passed, current = (
                array[keep] for array in (amount, amount_retail, best, passed, current)
            )
            sale = sale[keep]
        current = parent[current].astype(np.int64)
    if not mixed:
        from_retail = (differential + generation) if retail.any() else np.zeros(size + 1)
    return differential[:-1], generation[:-1], from_retail[:-1]
