"""The binary plan: two legs each, a pairing bonus on the weaker leg.

Every member has at most two people directly below them in the binary tree (a left and a
right leg); later recruits spill over into the legs (see :mod:`mlmkit.plans.placement`).
The pairing (or "cycle") bonus pays a share of the *weaker* leg's volume; the stronger
leg's extra volume is carried forward to the next period; a cap limits the bonus per
member per period. Source: ``plan_types_glossary``.

Because every sale counts in the legs of *everyone* above it in the binary tree, the
formulas can promise more than the revenue. The plan never pays more than the revenue
(or the payout cap in :class:`~mlmkit.plans.pay_rules.PayRules`): above it every bonus is
scaled down alike, and the result reports the promise and the cut.

Examples
--------
The worked example: a member whose left leg sold USD 1,000 and right leg USD 700, with a 10%
pairing bonus, earns 10% of USD 700 = USD 70 and carries USD 300 forward on the left.

>>> from mlmkit.network import check_network, from_sponsors
>>> from mlmkit.plans.volumes import make_volumes
>>> net = from_sponsors([-1, 0, 0])
>>> result = BinaryPlan(pairing_rate=0.10).pay(net, make_volumes(net, [0, 1000, 700]))
>>> result.members.loc[0, ["left_leg_volume_usd", "right_leg_volume_usd"]].tolist()
[1000.0, 700.0]
>>> float(result.members.loc[0, "pairing_bonus_usd"]), float(result.members.loc[0, "carry_forward_usd"])
(70.0, 300.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from mlmkit._compat import Replaceable
from mlmkit._display import format_usd
from mlmkit._validation import (
    check_amounts,
    check_choice,
    check_non_negative,
    check_probability,
    fail,
    is_single,
)
from mlmkit.network import Network, check_network
from mlmkit.plans import placement as placing
from mlmkit.plans.engine import FormulaPay, parent_id_column, run_plan, scaled
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.placement import PLACEMENTS, placement_network
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import Volumes, make_volumes

__all__ = ["BinaryPlan", "binary_legs"]

PAIRING_CAP = "pairing cap per member"


@dataclass(frozen=True)
class BinaryPlan(Replaceable):
    """A binary pay plan.

    Parameters
    ----------
    pairing_rate : float, default 0.10
        Share of the weaker leg's volume paid as the pairing bonus (0..1).
    pairing_cap_usd : float or None, default None
        Most one member can earn from pairing in a period (None: no cap).
    personal_rate : float, default 0
        The seller's own commission on their personal volume.
    placement : {"left_first", "weaker_leg"}, default "left_first"
        Where spillover goes (see :mod:`mlmkit.plans.placement`).
    rules : PayRules, default PayRules()
        Qualification and the regulators' rules. Compression does not apply: the
        pairing bonus is on your own legs, so an unqualified member's bonus is breakage.

    Examples
    --------
    >>> BinaryPlan(pairing_rate=0.1, pairing_cap_usd=500).name
    'Binary 10% of weaker leg, cap USD 500'
    >>> BinaryPlan(placement="random")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: placement = 'random' is not allowed: it must be one of 'left_first', 'weaker_leg'.
    """

    pairing_rate: float = 0.10
    pairing_cap_usd: float | None = None
    personal_rate: float = 0.0
    placement: str = "left_first"
    rules: PayRules = field(default_factory=PayRules)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pairing_rate", check_probability("pairing_rate", self.pairing_rate))
        object.__setattr__(self, "personal_rate", check_probability("personal_rate", self.personal_rate))
        if self.pairing_cap_usd is not None:
            object.__setattr__(
                self,
                "pairing_cap_usd",
                check_non_negative("pairing_cap_usd", self.pairing_cap_usd, unit="USD"),
            )
        check_choice("placement", self.placement, PLACEMENTS)
        if not isinstance(self.rules, PayRules):
            raise fail("rules", self.rules, "it must be a PayRules object")

    @property
    def name(self) -> str:
        """Short description, e.g. ``'Binary 10% of weaker leg'``."""
        cap = "" if self.pairing_cap_usd is None else f", cap {format_usd(self.pairing_cap_usd)}"
        return f"Binary {self.pairing_rate * 100:g}% of weaker leg{cap}"

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult:
        """Place everyone in the binary tree and pay the pairing bonus on the weaker legs."""
        return self.pay_with_carry(network, volumes)

    def pay_with_carry(
        self,
        network: Network,
        volumes: Volumes,
        carry_left_usd: Any = 0.0,
        carry_right_usd: Any = 0.0,
    ) -> PayoutResult:
        """Pay one period, adding volume carried forward from the last period to each leg.

        Carried volume is counted as *not* from outside customers (its origin is not
        tracked), so carrying volume never raises the share of pay funded by retail.

        Examples
        --------
        >>> from mlmkit.network import from_sponsors
        >>> net = from_sponsors([-1, 0, 0])
        >>> month_2 = make_volumes(net, [0, 0, 500])
        >>> result = BinaryPlan(pairing_rate=0.1).pay_with_carry(net, month_2, [300, 0, 0])
        >>> float(result.members.loc[0, "pairing_bonus_usd"]), float(result.members.loc[0, "carry_forward_right_usd"])
        (30.0, 200.0)
        """
        carry_left = _carry(network, carry_left_usd)
        carry_right = _carry(network, carry_right_usd)
        formula = partial(self._formula, carry_left=carry_left, carry_right=carry_right)
        return run_plan(self.name, network, volumes, self.rules, formula)

    def pay_months(self, network: Network, monthly_volumes: Sequence[Volumes]) -> list[PayoutResult]:
        """Pay several periods in a row, carrying each leg's unpaired volume forward.

        A member who is not qualified in a period loses their carried volume ("flushed"),
        as plans often do for inactive members (source: ``plan_terms_glossary``).

        Examples
        --------
        >>> from mlmkit.network import from_sponsors
        >>> net = from_sponsors([-1, 0, 0])
        >>> months = [make_volumes(net, [0, 1000, 700]), make_volumes(net, [0, 0, 500])]
        >>> [float(r.members.loc[0, "pairing_bonus_usd"]) for r in BinaryPlan().pay_months(net, months)]
        [70.0, 30.0]
        """
        carry_left = carry_right = np.zeros(network.size)
        results = []
        for volumes in monthly_volumes:
            result = self.pay_with_carry(network, volumes, carry_left, carry_right)
            result.check()
            keep = result.members["qualified"].to_numpy()
            carry_left = np.where(keep, result.members["carry_forward_left_usd"].to_numpy(), 0.0)
            carry_right = np.where(keep, result.members["carry_forward_right_usd"].to_numpy(), 0.0)
            results.append(result)
        return results

    def _formula(
        self,
        network: Network,
        volume: np.ndarray,
        retail: np.ndarray,
        skip: np.ndarray | None,
        full_volume: np.ndarray,
        *,
        carry_left: np.ndarray | None = None,
        carry_right: np.ndarray | None = None,
    ) -> FormulaPay:
        tree = placement_network(network, width=2, placement=self.placement)
        carry_left = None if carry_left is None or not carry_left.any() else carry_left
        carry_right = None if carry_right is None or not carry_right.any() else carry_right
        carried = carry_left is not None or carry_right is not None
        # a placement tree: no need to check it; with carried volume, only the leg sums first
        legs = _binary_legs(tree, volume, retail, pair=not carried, keep_retail_sums=carried)
        if carried:
            legs = _with_carry(legs, carry_left, carry_right)
        bonus = self.pairing_rate * legs["paired_volume_usd"]
        withheld = {}
        if self.pairing_cap_usd is not None:  # in place: only the capped members' bonuses are copied
            over = bonus > self.pairing_cap_usd
            withheld[PAIRING_CAP] = float((bonus[over] - self.pairing_cap_usd).sum())
            del over
            np.minimum(bonus, self.pairing_cap_usd, out=bonus)
        # the share is not a column of the result: it becomes the bonus paid from retail
        share = legs.pop("weaker_leg_retail_share")
        bonus_retail = np.multiply(bonus, share, out=share) if share.any() else scaled(bonus, 0.0)
        del share
        personal = scaled(volume, self.personal_rate)
        return FormulaPay(
            personal_usd=personal,
            bonus_usd=bonus,
            personal_from_retail_usd=scaled(retail, self.personal_rate),
            bonus_from_retail_usd=bonus_retail,
            pay_columns={"personal_commission_usd": personal, "pairing_bonus_usd": bonus},
            info_columns={
                "placed_under": parent_id_column(network, tree),
                "binary_level": tree.level,
                "left_leg_volume_usd": legs["left_leg_volume_usd"],
                "right_leg_volume_usd": legs["right_leg_volume_usd"],
                "paired_volume_usd": legs["paired_volume_usd"],
                "carry_forward_usd": legs["carry_forward_usd"],
                "carry_forward_left_usd": legs["carry_forward_left_usd"],
                "carry_forward_right_usd": legs["carry_forward_right_usd"],
            },
            withheld_usd=withheld,
        )


def binary_legs(tree: Network, volume: np.ndarray, retail: np.ndarray) -> dict[str, np.ndarray]:
    """Each member's left and right leg volume in a binary placement tree.

    The left leg is the member placed first directly below (the smaller member number).

    Returns
    -------
    dict of str to numpy.ndarray
        ``left_leg_volume_usd``, ``right_leg_volume_usd``, ``left_leg_retail_usd``,
        ``right_leg_retail_usd``, ``paired_volume_usd`` (the weaker leg),
        ``carry_forward_usd`` (the stronger leg's extra), ``carry_forward_left_usd`` and
        ``carry_forward_right_usd`` (each leg's volume beyond the weaker leg) and
        ``weaker_leg_retail_share`` (share of the weaker leg's volume from outside customers).

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> legs = binary_legs(from_sponsors([-1, 0, 0, 1]), np.array([0, 400, 700, 600.0]), np.zeros(4))
    >>> legs["left_leg_volume_usd"].tolist(), legs["paired_volume_usd"].tolist()
    ([1000.0, 600.0, 0.0, 0.0], [700.0, 0.0, 0.0, 0.0])
    """
    check_network(tree, "tree")
    volume = check_amounts("volume", volume, tree.size)
    retail = check_amounts("retail", retail, tree.size)
    if tree.size and np.bincount(tree.parent[:-1], minlength=tree.size + 1)[:-1].max(initial=0) > 2:
        raise fail("tree", "a member with more than two places below", "a binary placement tree")
    return _binary_legs(tree, volume, retail)


def _binary_legs(
    tree: Network, volume: np.ndarray, retail: np.ndarray, *, pair: bool = True, keep_retail_sums: bool = True
) -> dict[str, np.ndarray]:
    """:func:`binary_legs` on a tree already known to be binary (a placement tree).

    ``pair=False`` returns only the four leg sums (``_with_carry`` pairs them afterwards).
    ``keep_retail_sums=False`` (a payout without carried volume) leaves out the legs' retail sums:
    only the weaker leg's retail share is needed, and it is computed as soon as the sums are
    known, so they are freed before the carried-volume columns are made (at 10,000,000
    members with retail sales the peak was 160 MB higher).
    Big trees numbered in joining order go through one compiled sweep when the optional
    numba extra is installed (:mod:`mlmkit.plans._legs_kernel`); the numpy code below is
    the reference, and answers everything else.
    """
    size = tree.size
    any_retail = bool(retail.any())
    if pair and not keep_retail_sums:  # a payout: the whole legs table in one sweep
        table = _compiled_legs_table(tree, volume, retail if any_retail else None)
        if table is not None:
            return table
        swept = None  # no compiled sweep here, or a tree it declines: the numpy path
    else:
        swept = _compiled_leg_sums(tree, volume)
    if swept is not None:
        left, right = swept
        if any_retail:
            retail_sums = _compiled_leg_sums(tree, retail)
            assert retail_sums is not None  # the same tree as above
            left_retail, right_retail = retail_sums
        else:  # no sales to outside customers: zeros that take no memory until written
            left_retail, right_retail = np.zeros(size), np.zeros(size)
        return _legs(left, right, left_retail, right_retail, any_retail=any_retail, pair=pair)
    above = tree.parent[:-1]
    # At most two members below anyone: the left one is the smaller number, the right one
    # the larger (the same member when there is only one: then there is no right one).
    numbers = np.arange(size, dtype=above.dtype)
    left_child = np.full(size + 1, size, dtype=above.dtype)
    right_child = np.full(size + 1, -1, dtype=above.dtype)
    np.minimum.at(left_child, above, numbers)
    np.maximum.at(right_child, above, numbers)
    del numbers
    left_child = left_child[:-1]
    right_child = right_child[:-1]
    right_child[right_child <= left_child] = size  # none, or the same member as the left
    padded = np.empty(size + 1)
    padded[:-1] = tree.sum_down(volume)
    padded[-1] = 0.0
    left, right = padded[left_child], padded[right_child]
    if any_retail:
        padded[:-1] = tree.sum_down(retail)
        left_retail, right_retail = padded[left_child], padded[right_child]
        if pair and not keep_retail_sums:
            del padded, left_child, right_child
            share = _retail_share(left, right, left_retail, right_retail)
            del left_retail, right_retail
            return _legs(left, right, None, None, pair=pair, share=share)
    else:  # no sales to outside customers: zeros that take no memory until written
        left_retail, right_retail = np.zeros(size), np.zeros(size)
    return _legs(left, right, left_retail, right_retail, any_retail=any_retail, pair=pair)


def _legs_kernel(tree: Network) -> Any:
    """The compiled legs sweep's module, or None (small tree, no numba, ``MLMKIT_PLACEMENT=python``)."""
    if tree.size < placing.KERNEL_MIN_MEMBERS or not placing._kernel_wanted():
        return None
    from mlmkit.plans import _legs_kernel as kernel

    return kernel if kernel.available() else None


def _compiled_leg_sums(tree: Network, values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Left and right leg sums from the compiled sweep, or None (see :func:`_legs_kernel`, or a
    tree not numbered in joining order)."""
    kernel = _legs_kernel(tree)
    return None if kernel is None else kernel.binary_leg_sums(tree.parent, values)


def _compiled_legs_table(tree: Network, volume: np.ndarray, retail: np.ndarray | None) -> dict[str, np.ndarray] | None:
    """A payout's legs table from one compiled sweep, or None (as above). ``retail`` None: no retail."""
    kernel = _legs_kernel(tree)
    return None if kernel is None else kernel.binary_legs_table(tree.parent, volume, retail)


def _retail_share(
    left: np.ndarray, right: np.ndarray, left_retail: np.ndarray, right_retail: np.ndarray
) -> np.ndarray:
    """The share of each member's weaker leg's volume that came from outside customers (0..1).

    Computed in place: one new array, and a temporary the size of one leg sum (at
    10,000,000 members each such array is 80 MB).

    Examples
    --------
    >>> _retail_share(np.array([100.0, 0.0]), np.array([50.0, 0.0]), np.zeros(2), np.array([25.0, 0.0])).tolist()
    [0.5, 0.0]
    """
    on_left = left <= right
    share = np.where(on_left, left_retail, right_retail)  # the weaker leg's retail sales
    weaker = np.where(on_left, left, right)
    del on_left
    positive = weaker > 0
    np.divide(share, weaker, out=share, where=positive)
    del weaker
    np.logical_not(positive, out=positive)
    share[positive] = 0.0
    return np.clip(share, 0.0, 1.0, out=share)


def _legs(
    left: np.ndarray,
    right: np.ndarray,
    left_retail: np.ndarray | None,
    right_retail: np.ndarray | None,
    *,
    any_retail: bool | None = None,
    pair: bool = True,
    share: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """The legs' table: weaker leg, carried volume and the weaker leg's retail share.

    ``any_retail`` when the caller knows whether there are retail legs; ``pair=False``:
    the four sums only. ``share``: the weaker leg's retail share already computed
    (:func:`_retail_share`); the retail sums are then ``None`` and left out of the table.
    """
    sums = {"left_leg_volume_usd": left, "right_leg_volume_usd": right}
    if left_retail is not None and right_retail is not None:
        sums["left_leg_retail_usd"] = left_retail
        sums["right_leg_retail_usd"] = right_retail
    if not pair:
        return sums
    weaker = np.minimum(left, right)
    carry = np.subtract(left, right)
    np.abs(carry, out=carry)
    if share is None:
        if left_retail is None or right_retail is None:
            share = np.zeros(len(left))
        elif any_retail if any_retail is not None else bool(left_retail.any() or right_retail.any()):
            share = _retail_share(left, right, left_retail, right_retail)
        else:
            share = np.zeros(len(left))
    return {
        **sums,
        "paired_volume_usd": weaker,
        "carry_forward_usd": carry,
        "carry_forward_left_usd": left - weaker,
        "carry_forward_right_usd": right - weaker,
        "weaker_leg_retail_share": share,
    }


def _carry(network: Network, carry_usd: Any) -> np.ndarray | None:
    """Volume carried into a leg from the last period (None: nothing carried)."""
    if is_single(carry_usd) and not isinstance(carry_usd, bool | np.bool_):
        try:
            if float(carry_usd) == 0.0:
                return None
        except (TypeError, ValueError):
            pass
    return make_volumes(network, carry_usd).retail_sales_usd


def _with_carry(
    legs: dict[str, np.ndarray], carry_left: np.ndarray | None, carry_right: np.ndarray | None
) -> dict[str, np.ndarray]:
    """Add carried volume to each leg (counted as not from outside customers)."""
    left, right = legs["left_leg_volume_usd"], legs["right_leg_volume_usd"]
    return _legs(
        left if carry_left is None else left + carry_left,
        right if carry_right is None else right + carry_right,
        legs["left_leg_retail_usd"],
        legs["right_leg_retail_usd"],
    )
