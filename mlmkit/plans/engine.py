"""The machinery every plan type shares: qualification, compression, rule cuts, the money check.

A plan supplies a *formula*: a function that, given the volumes to pay on and (with
compression) the members to skip, returns each member's pay on their own volume and on
other members' volume, and how much of it came from outside customers. :func:`run_plan`
then applies :class:`~mlmkit.plans.pay_rules.PayRules` as a *waterfall*:

1. the formula on every member's full volume, everyone qualified: what the plan promises
   (``potential_usd``), minus what had nobody to receive it (no upline, caps inside the plan);
2. paid only on retail sales, if that rule is on;
3. only qualified members paid (with compression, pay skips past unqualified members);
4. cuts: the Amway 10-customer and 70% rules (per member), the Herbalife two-thirds rule
   (company-wide: participant-funded pay is scaled down alike);
5. the payout cap as a share of revenue.

Each step's difference is recorded by reason in ``PayoutResult.withheld_usd``, so every
dollar of the promise is either paid or accounted for. The pool is the promise limited by
the payout cap (and by the revenue): ``paid + breakage = pool``.

All of it is whole-array numpy; loops run over levels, never over members.

Examples
--------
>>> from mlmkit.network import from_sponsors
>>> net = from_sponsors([-1, 0, 1, 1])
>>> qualified = np.array([True, False, True, True])
>>> nearest_qualified_upline(net.parent, qualified).tolist()
[4, 0, 0, 0, 4]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from mlmkit._display import counted
from mlmkit._validation import fail
from mlmkit.network import Network
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import Volumes
from mlmkit.regulations import (
    PayRules,
    amway_bonus_share,
    amway_sold_share,
    herbalife_retail_reward_cut,
)

__all__ = [
    "FormulaPay",
    "Plan",
    "base_member_columns",
    "id_column",
    "nearest_qualified_upline",
    "pay_up_levels",
    "qualified_members",
    "run_plan",
    "scaled",
]



class Plan(Protocol):
    """What every pay plan provides: a ``name`` and ``pay(network, volumes)``.

    The one definition of a plan, used by :func:`mlmkit.plans.payouts`,
    :func:`mlmkit.plans.sale_breakdown` and :func:`mlmkit.simulate.simulate_market`.
    Any object with these two members is a plan; it need not inherit from anything.
    """

    @property
    def name(self) -> str: ...

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult: ...


NO_UPLINE = "no upline to receive it"
ONLY_RETAIL = "pay only on retail sales"
NOT_QUALIFIED = "members not qualified"
PAYOUT_CAP = "payout cap"


@dataclass(frozen=True, eq=False)
class FormulaPay:
    """What a plan's formula pays each member (before the common rules' cuts).

    Attributes
    ----------
    personal_usd, bonus_usd : numpy.ndarray
        Pay on the member's own volume, and on other members' volume (downline
        commissions, pairing bonus, overrides).
    personal_from_retail_usd, bonus_from_retail_usd : numpy.ndarray
        The parts of those funded by sales to outside customers.
    pay_columns : dict of str to numpy.ndarray
        Plan-specific pay columns for the member table (pay by source), in USD.
    info_columns : dict of str to array-like
        Other plan-specific columns (rank, leg volumes, matrix position, ...).
    withheld_usd : dict of str to float
        Promised pay that nobody could receive (no upline above the founder, a cap inside
        the plan).
    """

    personal_usd: np.ndarray
    bonus_usd: np.ndarray
    personal_from_retail_usd: np.ndarray
    bonus_from_retail_usd: np.ndarray
    pay_columns: dict[str, np.ndarray] = field(default_factory=dict)
    info_columns: dict[str, np.ndarray | pd.api.extensions.ExtensionArray] = field(default_factory=dict)
    withheld_usd: dict[str, float] = field(default_factory=dict)

    @property
    def total_usd(self) -> float:
        """Everything the formula pays."""
        return float(self.personal_usd.sum() + self.bonus_usd.sum())


#: ``formula(network, volume_usd, retail_usd, skip, full_volume_usd)``: pay on ``volume_usd``
#: (of which ``retail_usd`` from outside customers); ``skip`` marks unqualified members to
#: compress past (None: nobody to skip); ranks and legs' qualification use ``full_volume_usd``.
Formula = Callable[
    [Network, np.ndarray, np.ndarray, "np.ndarray | None", np.ndarray], FormulaPay
]


def nearest_qualified_upline(parent: np.ndarray, qualified: np.ndarray) -> np.ndarray:
    """For each member, the nearest *qualified* member above them (dynamic compression).

    ``parent`` has the sentinel layout of :attr:`mlmkit.network.Network.parent` (length
    ``size + 1``; the sentinel ``size`` counts as qualified). Computed by pointer jumping over
    unqualified members: O(size x log(longest run of unqualified members)).

    Returns
    -------
    numpy.ndarray
        A parent array of the same layout, in which unqualified members are skipped.
    """
    size = len(parent) - 1
    ok = np.ones(size + 1, dtype=bool)
    ok[:size] = qualified
    # hop[y] is y itself if y is qualified, else y's parent: follow hops until qualified
    hop = np.where(ok, np.arange(size + 1, dtype=parent.dtype), parent)
    while not ok[hop].all():
        hop = hop[hop]
    compressed = hop[parent]
    compressed[size] = size
    return compressed


def pay_up_levels(
    parent: np.ndarray,
    volume: np.ndarray,
    retail: np.ndarray,
    rates: tuple[float, ...],
    *,
    skip: np.ndarray | None = None,
    keep_levels: bool = True,
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, float]:
    """Pay ``rates[k]`` of every member's volume to the member ``k + 1`` levels above them.

    One ``bincount`` per level over all members, then every pointer moves up one level:
    whatever walks past the top lands on the sentinel and is counted as unpaid.

    Parameters
    ----------
    parent : numpy.ndarray
        Sentinel-layout parent array (sponsor tree or matrix placement tree).
    volume, retail : numpy.ndarray
        Volume to pay on, and its part from outside customers.
    rates : tuple of float
        Rate for the 1st, 2nd, ... level up.
    skip : numpy.ndarray of bool, optional
        Unqualified members to compress past.
    keep_levels : bool, default True
        Return each level's pay separately (False saves memory on big networks and
        returns an empty list).

    Returns
    -------
    per_level : list of numpy.ndarray
        Pay earned from each level below, one array per level.
    total, from_retail : numpy.ndarray
        Each member's downline pay, and the part funded by outside customers.
    unpaid : float
        Pay that found no member to receive it.

    Examples
    --------
    >>> parent = np.array([3, 0, 1, 3], dtype=np.int32)   # a chain 0 <- 1 <- 2
    >>> levels, total, _, unpaid = pay_up_levels(parent, np.array([0, 0, 100.0]),
    ...                                         np.zeros(3), (0.1, 0.05, 0.02))
    >>> total.tolist(), round(unpaid, 2)
    ([5.0, 10.0, 0.0], 2.0)
    """
    size = len(parent) - 1
    up = parent if skip is None or not skip.any() else nearest_qualified_upline(parent, ~skip)
    any_retail = bool(retail.any())
    all_retail = any_retail and bool(np.array_equal(retail, volume))
    per_level: list[np.ndarray] = []
    total: np.ndarray | None = None
    from_retail = np.zeros(size)  # calloc: costs nothing unless written
    unpaid = 0.0
    # Two index buffers, reused level after level (no new array per level for the pointers).
    ancestor = up[:-1]
    buffers = [np.empty(size, dtype=up.dtype) for _ in range(min(2, len(rates) - 1))]
    for depth, rate in enumerate(rates, start=1):
        earned = np.bincount(ancestor, weights=volume, minlength=size + 1).astype(np.float64, copy=False)
        if rate != 1.0:
            earned *= rate
        unpaid += float(earned[-1])
        level_pay = earned[:-1]
        if keep_levels:
            per_level.append(level_pay)
        if total is None:
            total = level_pay.copy() if keep_levels else level_pay
        else:
            total += level_pay
        del earned, level_pay
        if any_retail and not all_retail:
            from_retail += rate * np.bincount(ancestor, weights=retail, minlength=size + 1)[:-1]
        if depth < len(rates):
            target = buffers[depth % len(buffers)]
            np.take(up, ancestor, out=target)
            ancestor = target
    if total is None:
        total = np.zeros(size)
    if all_retail:
        from_retail = total.copy()
    return per_level, total, from_retail, unpaid


def qualified_members(network: Network, volumes: Volumes, rules: PayRules) -> np.ndarray:
    """Who qualifies to be paid this period under ``rules`` (PV requirement, Vemma rule).

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> from mlmkit.plans.volumes import make_volumes
    >>> net = from_sponsors([-1, 0, 0])
    >>> volumes = make_volumes(net, [0, 100, 0], own_purchases_usd=[50, 0, 150])
    >>> qualified_members(net, volumes, PayRules(min_personal_volume_usd=100)).tolist()
    [False, True, True]
    >>> qualified_members(net, volumes, PayRules(min_group_retail_share=0.5)).tolist()
    [False, True, False]
    """
    qualified = np.ones(network.size, dtype=bool)
    total = volumes.total_usd
    if rules.min_personal_volume_usd > 0:
        qualified &= total >= rules.min_personal_volume_usd
    if rules.min_group_retail_share is not None:
        group_retail = network.sum_down(volumes.retail_sales_usd)
        group_total = network.sum_down(total)
        qualified &= group_retail > rules.min_group_retail_share * group_total
    return qualified


def id_column(network: Network, index: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Member ids for an array of member indices (``-1`` becomes missing).

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> id_column(from_sponsors([-1, 0]), np.array([-1, 0])).tolist()
    [<NA>, 0]
    """
    index = np.asarray(index)
    if network.member_ids is None:
        # The masked array holds the indices as they are: building it copies nothing.
        values = index if index.dtype == np.int64 else index.astype(np.int64)
        return pd.arrays.IntegerArray(values, index < 0)
    ids = network.ids
    if ids.dtype.kind == "i":  # whole-number ids (read from a CSV): a masked array, no conversion pass
        return pd.arrays.IntegerArray(ids[np.maximum(index, 0)].astype(np.int64, copy=False), index < 0)
    column = pd.array(ids[np.maximum(index, 0)])
    column[index < 0] = pd.NA
    return column


def parent_id_column(network: Network, tree: Network) -> pd.api.extensions.ExtensionArray:
    """The id of each member's parent in ``tree`` (missing for its root), ids from ``network``.

    ``tree`` is ``network`` itself (the sponsor) or a placement tree over the same members.
    For members known by their numbers (no ids given) the column is a read-only view of the
    tree's own ``int32`` parent array (dtype ``Int32``): one byte per member for the mask of
    missing values instead of nine (at 10,000,000 members 10 MB instead of 90 MB).

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> column = parent_id_column(*[from_sponsors([-1, 0, 0, 1])] * 2)
    >>> column.tolist(), str(column.dtype)
    ([<NA>, 0, 0, 1], 'Int32')
    """
    above = tree.parent[:-1]
    missing = above == tree.sentinel
    if network.member_ids is None:
        values = above.view()
        values.flags.writeable = False  # the tree's own parents: shared, never changed through the table
        return pd.arrays.IntegerArray(values, missing)
    return id_column(network, np.where(missing, -1, above))


def base_member_columns(network: Network, volumes: Volumes) -> dict[str, object]:
    """The columns every plan's member table starts with (as arrays, not yet a DataFrame)."""
    return {
        "member_id": network.ids,
        "sponsor_id": parent_id_column(network, network),
        "level": network.level,
        "retail_sales_usd": volumes.retail_sales_usd,
        "own_purchases_usd": volumes.own_purchases_usd,
        "volume_usd": volumes.total_usd,
    }


def run_plan(
    plan_name: str,
    network: Network,
    volumes: Volumes,
    rules: PayRules,
    formula: Formula,
) -> PayoutResult:
    """Run ``formula`` under ``rules`` and account for every dollar (see module docstring)."""
    if len(volumes.total_usd) != network.size:
        raise fail("volumes", counted(len(volumes.total_usd), "member"), f"the network has {network.size}")
    volume = volumes.total_usd
    retail = volumes.retail_sales_usd
    revenue = float(volume.sum())

    current = formula(network, volume, retail, None, volume)
    potential = current.total_usd + sum(current.withheld_usd.values())
    withheld: dict[str, float] = {key: float(value) for key, value in current.withheld_usd.items()}

    paid_volume = volume
    if rules.pay_only_on_retail and volumes.own_purchases_usd.any():
        paid_volume = retail
        step = formula(network, retail, retail, None, volume)
        withheld[ONLY_RETAIL] = current.total_usd - step.total_usd
        current = step

    qualified = qualified_members(network, volumes, rules)
    personal, bonus = current.personal_usd, current.bonus_usd
    personal_retail, bonus_retail = current.personal_from_retail_usd, current.bonus_from_retail_usd
    if not qualified.all():
        skip = ~qualified if rules.compression else None
        step = formula(network, paid_volume, retail, skip, volume)
        personal = np.where(qualified, step.personal_usd, 0.0)
        bonus = np.where(qualified, step.bonus_usd, 0.0)
        personal_retail = np.where(qualified, step.personal_from_retail_usd, 0.0)
        bonus_retail = np.where(qualified, step.bonus_from_retail_usd, 0.0)
        columns: dict[str, np.ndarray | pd.api.extensions.ExtensionArray] = {
            name: np.where(qualified, values, 0.0) for name, values in step.pay_columns.items()
        }
        columns.update(step.info_columns)
        withheld[NOT_QUALIFIED] = current.total_usd - float(personal.sum() + bonus.sum())
        del step
    else:
        columns = {**current.pay_columns, **current.info_columns}

    earned = _add(personal, bonus)
    cut_bonus, bonus_retail = _amway_cuts(network, volumes, rules, bonus, bonus_retail, withheld)
    total = earned if cut_bonus is bonus else _add(personal, cut_bonus)
    # no retail sales: nothing is funded by them (and np.zeros takes no memory until written)
    from_retail = _add(personal_retail, bonus_retail) if retail.any() else np.zeros(len(total))
    # the parts of from_retail are not columns: let them go before the table is built
    # (at 10,000,000 members each is 80 MB; the formula's result holds them too)
    del personal_retail, bonus_retail, cut_bonus, current
    total, from_retail = _herbalife_cut(rules, total, from_retail, withheld)
    budget = revenue * (1.0 if rules.max_payout_share is None else rules.max_payout_share)
    paid = float(total.sum())
    if paid > budget:
        factor = budget / paid
        withheld[PAYOUT_CAP] = paid - budget
        total = total * factor
        from_retail = from_retail * factor
        paid = float(total.sum())

    table = base_member_columns(network, volumes)
    table["qualified"] = qualified
    table.update(columns)
    # np.zeros is backed by untouched zero pages: no memory until something is cut.
    table["cut_by_rules_usd"] = np.zeros(len(total)) if total is earned else earned - total
    table["total_paid_usd"] = total
    table["paid_from_retail_usd"] = from_retail
    members = pd.DataFrame(table, copy=False)  # editable all the same: see RenamedColumnsFrame.wrap
    pool = min(potential, budget)
    return PayoutResult(
        plan_name=plan_name,
        members=members,
        revenue_usd=revenue,
        pool_usd=pool,
        breakage_usd=max(pool - paid, 0.0),
        potential_usd=potential,
        withheld_usd=withheld,
    )


def scaled(values: np.ndarray, rate: float) -> np.ndarray:
    """``values * rate``; for a zero rate a read-only zero array that takes no memory.

    Examples
    --------
    >>> scaled(np.array([10.0, 20.0]), 0.5).tolist(), scaled(np.array([10.0, 20.0]), 0.0).tolist()
    ([5.0, 10.0], [0.0, 0.0])
    """
    if rate == 0:
        return np.broadcast_to(np.float64(0.0), values.shape)
    return values * rate


def _is_zero(values: np.ndarray) -> bool:
    """True for the memory-free zero arrays made by :func:`scaled` (checked in O(1))."""
    return values.ndim == 1 and len(values) > 0 and values.strides == (0,) and not values[0]


def _add(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``first + second``, skipping the pass when one of them is a zero array from :func:`scaled`."""
    if _is_zero(first):
        return second
    if _is_zero(second):
        return first
    return first + second


def _amway_cuts(
    network: Network,
    volumes: Volumes,
    rules: PayRules,
    bonus: np.ndarray,
    bonus_retail: np.ndarray,
    withheld: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """The Amway 10-customer and 70% rules: both act on pay from downline volume."""
    if rules.min_retail_customers is not None:
        if volumes.retail_customers is None:
            raise fail(
                "retail_customers",
                None,
                "the 10-retail-customers rule needs each member's number of retail customers "
                "(make_volumes(..., retail_customers=...))",
            )
        short = volumes.retail_customers < rules.min_retail_customers
        withheld[f"fewer than {rules.min_retail_customers} retail customers (Amway)"] = float(
            bonus[short].sum()
        )
        bonus = np.where(short, 0.0, bonus)
        bonus_retail = np.where(short, 0.0, bonus_retail)
    if rules.min_sell_through_share is not None and rules.min_sell_through_share > 0:
        # "sell at wholesale and/or retail": sales to one's frontline (who buy through their
        # sponsor) count as sold, as do retail sales; what the member kept does not.
        frontline = np.bincount(
            np.maximum(network.sponsor, 0),
            weights=np.where(network.sponsor >= 0, volumes.total_usd, 0.0),
            minlength=network.size,
        )[: network.size]
        bought = volumes.total_usd + frontline
        sold = amway_sold_share(volumes.retail_sales_usd, frontline, bought)
        factor = amway_bonus_share(sold, rules.min_sell_through_share)
        withheld[f"sold under {rules.min_sell_through_share:.0%} of purchases (Amway)"] = float(
            (bonus * (1.0 - factor)).sum()
        )
        bonus = bonus * factor
        bonus_retail = bonus_retail * factor
    return bonus, bonus_retail


def _herbalife_cut(
    rules: PayRules,
    total: np.ndarray,
    from_retail: np.ndarray,
    withheld: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """The Herbalife two-thirds rule, company-wide (see :func:`mlmkit.regulations.herbalife_retail_reward_cut`)."""
    share = rules.min_retail_reward_share
    if share is None or share <= 0:
        return total, from_retail
    from_retail = np.minimum(from_retail, total)
    allowed = herbalife_retail_reward_cut(total, from_retail, share)
    withheld[f"under {share:.0%} of all pay from retail (Herbalife)"] = float((total - allowed).sum())
    return allowed, from_retail
