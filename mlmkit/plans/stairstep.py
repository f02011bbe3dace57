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
Three members in a line, each selling $1,000; rates 5% (no requirement) and 10% from
$2,000 of group volume, the breakaway rank. The middle member's group is $2,000, so they
reach "Leader" and break away: 10% of their own sale plus the 5% difference on the sale
below. The top member's group no longer includes the group that broke away ($1,000 left),
so they stay "Starter" and, with no generation overrides in this plan, earn 5% of their own.

>>> from mlmkit.network import from_sponsors
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

from mlmkit._validation import check_non_negative, check_probability, check_rates, fail
from mlmkit.network import Network
from mlmkit.plans.engine import FormulaPay, run_plan
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import Volumes

__all__ = ["DEFAULT_RANKS", "Rank", "StairStepPlan", "breakaway_group_volume"]

NO_RANKED_UPLINE = "no upline of the rank to receive it"


@dataclass(frozen=True)
class Rank:
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
class StairStepPlan:
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
        ranks = tuple(self.ranks) if isinstance(self.ranks, list | tuple) else None
        if not ranks or not all(isinstance(rank, Rank) for rank in ranks):
            raise fail("ranks", self.ranks, "it must be a non-empty list of Rank objects")
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
        if breakaway not in names:
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
        return [rank.name for rank in self.ranks].index(self.breakaway_rank)

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
        differential, generation, from_retail = _walk_up(
            network, volume, retail, rate, breakaway, self.generation_rates
        )
        personal = rate * volume
        paid = float(personal.sum() + differential.sum() + generation.sum())
        promised = self.pool_rate * float(volume.sum())
        names = np.array([r.name for r in self.ranks], dtype=object)
        return FormulaPay(
            personal_usd=personal,
            bonus_usd=differential + generation,
            personal_from_retail_usd=rate * retail,
            bonus_from_retail_usd=from_retail,
            pay_columns={
                "personal_commission_usd": personal,
                "differential_bonus_usd": differential,
                "generation_override_usd": generation,
            },
            info_columns={
                "rank": pd.Categorical(names[rank], categories=list(names), ordered=True),
                "rank_number": rank,
                "group_volume_usd": group,
                "broke_away": rank >= self.breakaway_index,
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
    group = np.asarray(volume, dtype=np.float64).copy()
    rank = np.zeros(network.size, dtype=np.int64)
    position = np.empty(network.size, dtype=np.int64)
    personal = np.asarray(volume, dtype=np.float64)
    for level in range(network.depth, -1, -1):
        nodes = network.members_at_level(level)
        for index, step in enumerate(ranks):
            meets = (personal[nodes] >= step.min_personal_volume_usd) & (
                group[nodes] >= step.min_group_volume_usd
            )
            rank[nodes] = np.where(meets, index, rank[nodes])
        if level == 0:
            break
        above = network.members_at_level(level - 1)
        position[above] = np.arange(len(above))
        stays = nodes[rank[nodes] < breakaway_index]
        group[above] += np.bincount(
            position[network.parent[stays]], weights=group[stays], minlength=len(above)
        )
    return rank, group


def _walk_up(
    network: Network,
    volume: np.ndarray,
    retail: np.ndarray,
    rate: np.ndarray,
    breakaway: np.ndarray,
    generation_rates: tuple[float, ...],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Differentials and generation overrides for every sale at once, one level up per step."""
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
