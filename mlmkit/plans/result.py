"""The result every pay plan returns: who is paid what, and where every dollar went."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mlmkit._compat import RenamedColumnsFrame
from mlmkit._display import value_table_html
from mlmkit._validation import check_amounts, check_int, check_number

__all__ = ["MoneyNotConservedError", "PayoutResult", "money_difference", "money_tolerance"]

#: Old member-table column names (they keep working, with a FutureWarning): old -> new.
OLD_MEMBER_COLUMNS = {"total_pay_usd": "total_paid_usd", "pay_from_retail_usd": "paid_from_retail_usd"}

#: Tolerance, in USD, for the money checks (float64 sums over millions of members).
CENT = 0.01

#: Relative tolerance of the money checks: float64 sums of millions of amounts are exact
#: to about 1e-13 of the total, so a check at 1e-9 of the amounts involved fails only on a
#: real imbalance, however large the totals (an absolute cent fails at about 1e14 USD).
RELATIVE_TOLERANCE = 1e-9


def money_tolerance(count: int, *amounts: float) -> float:
    """How far two float64 money totals may differ before a dollar counts as lost or created.

    A cent per square root of the number of amounts summed (rounding of many small
    amounts), or :data:`RELATIVE_TOLERANCE` of the largest total, whichever is larger.

    Examples
    --------
    >>> money_tolerance(1, 100.0)
    0.01
    >>> money_tolerance(1, 3e14)
    300000.0
    """
    count = check_int("count", count, low=0)
    scale = max((abs(check_number("amounts", amount)) for amount in amounts), default=0.0)
    return max(CENT * max(1.0, math.sqrt(count)), RELATIVE_TOLERANCE * scale)


def money_difference(*terms: float) -> float:
    """Sum of signed totals without rounding error in the sum itself (``math.fsum``).

    Examples
    --------
    >>> money_difference(1e16, 1.0, -1e16)
    1.0
    """
    return math.fsum(check_number("terms", term) for term in terms)


class MoneyNotConservedError(AssertionError):
    """Raised by :meth:`PayoutResult.check` if a dollar was lost or created."""


@dataclass(frozen=True, eq=False)
class PayoutResult:
    """Who is paid what under one plan, for one period.

    Attributes
    ----------
    plan_name : str
        Human-readable name of the plan.
    members : pandas.DataFrame
        One row per member. Always has ``member_id``, ``sponsor_id``, ``level``,
        ``retail_sales_usd``, ``own_purchases_usd``, ``volume_usd``, ``total_paid_usd``
        and ``paid_from_retail_usd``; plans add their own pay columns (per level, per bonus).
    revenue_usd : float
        Everything members bought or sold through the company in the period.
    pool_usd : float
        The most the plan could pay out on this volume if every member qualified.
    breakage_usd : float
        Part of the pool that was not paid (no qualified upline, caps, rules): the
        company keeps it. Always reported, never lost.
    potential_usd : float or None
        What the plan's formulas would pay on this volume if every member qualified and no
        rule or cap cut anything. ``pool_usd`` is this amount, limited by any payout cap
        (and never more than the revenue). None for results that do not report it.
    withheld_usd : dict of str to float
        Pay the formulas promised but nobody received, by reason ("no upline to receive
        it", "members not qualified", a rule's name, "payout cap"). The amounts add up
        to ``potential_usd - paid_usd``.
    """

    plan_name: str
    members: pd.DataFrame
    revenue_usd: float
    pool_usd: float
    breakage_usd: float
    potential_usd: float | None = None
    withheld_usd: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # same data, not copied: old column names keep working for a release
        object.__setattr__(self, "members", RenamedColumnsFrame.wrap(self.members, OLD_MEMBER_COLUMNS))

    @property
    def paid_usd(self) -> float:
        """Total paid to members."""
        # numpy's sum of the column (what pandas' sum computes, without its 1-byte-per-member NaN mask)
        return float(self.members["total_paid_usd"].to_numpy().sum())

    @property
    def company_keeps_usd(self) -> float:
        """Revenue not paid out to members (product cost, overhead, profit and breakage)."""
        return self.revenue_usd - self.paid_usd

    def ledger(self) -> pd.DataFrame:
        """Where every dollar of revenue went, as a small table.

        ``paid to members + breakage + company margin outside the pool = revenue``.
        """
        rows = [
            ("paid to members", self.paid_usd),
            ("breakage (pool not paid out)", self.breakage_usd),
            ("company margin outside the pay pool", self.revenue_usd - self.pool_usd),
        ]
        table = pd.DataFrame(rows, columns=["item", "usd"])
        table["share_of_revenue"] = table["usd"] / self.revenue_usd if self.revenue_usd else 0.0
        return table

    def withheld(self) -> pd.DataFrame:
        """Pay the formulas promised but nobody received, one row per reason.

        Columns ``reason``, ``usd`` and ``share_of_revenue``. When no payout cap binds, the
        amounts add up to the breakage; a binding cap also removes promises beyond the pool.

        Examples
        --------
        >>> from mlmkit.network import from_sponsors
        >>> from mlmkit.plans import UnilevelPlan, payouts
        >>> result = payouts(UnilevelPlan(level_rates=(0.1, 0.05)), from_sponsors([-1, 0]), 100)
        >>> result.withheld()[["reason", "usd"]]
                            reason   usd
        0  no upline to receive it  20.0
        """
        table = pd.DataFrame(
            {"reason": list(self.withheld_usd), "usd": [float(v) for v in self.withheld_usd.values()]}
        )
        table["share_of_revenue"] = table["usd"] / self.revenue_usd if self.revenue_usd else 0.0
        return table

    def summary(self) -> pd.Series:
        """Headline numbers for the period.

        total paid, share of revenue paid out, breakage, share of pay funded by outside
        customers, share of members paid nothing, and the top 1%'s share of all pay.
        """
        pay = self.members["total_paid_usd"].to_numpy()
        paid = pay.sum()
        revenue = self.revenue_usd
        return pd.Series(
            {
                "members": len(pay),
                "revenue_usd": revenue,
                "total_paid_usd": paid,
                "share_of_revenue_paid_out": paid / revenue if revenue else 0.0,
                "breakage_usd": self.breakage_usd,
                "company_keeps_usd": revenue - paid,
                "share_of_pay_from_outside_customers": (
                    self.members["paid_from_retail_usd"].sum() / paid if paid else 0.0
                ),
                "share_of_members_paid_nothing": float((pay <= CENT / 2).mean()) if len(pay) else 0.0,
                "top_1pct_share_of_pay": top_share(pay, 0.01),
            },
            name=self.plan_name,
        )

    def check(self) -> None:
        """Check that no dollar was lost or created.

        Raises
        ------
        MoneyNotConservedError
            If pay + breakage differs from the pool by more than a cent, if anyone's
            pay is negative, or if more than the revenue was paid out.
        """
        pay = self.members["total_paid_usd"].to_numpy()
        paid = float(pay.sum())
        withheld = sum(self.withheld_usd.values())
        amounts = (paid, self.breakage_usd, self.pool_usd, self.revenue_usd, withheld, self.potential_usd or 0.0)
        tolerance = money_tolerance(len(pay), *amounts)
        if abs(money_difference(paid, self.breakage_usd, -self.pool_usd)) > tolerance:
            raise MoneyNotConservedError(
                f"{self.plan_name}: paid {paid:.2f} + breakage {self.breakage_usd:.2f} "
                f"!= pool {self.pool_usd:.2f}"
            )
        if len(pay) and pay.min() < -CENT:
            raise MoneyNotConservedError(f"{self.plan_name}: a member's pay is negative")
        if money_difference(self.pool_usd, -self.revenue_usd) > tolerance:
            raise MoneyNotConservedError(f"{self.plan_name}: the pool exceeds revenue")
        if self.potential_usd is not None:
            if abs(money_difference(paid, withheld, -self.potential_usd)) > tolerance:
                raise MoneyNotConservedError(
                    f"{self.plan_name}: paid {paid:.2f} + withheld {withheld:.2f} "
                    f"!= what the formulas promised {self.potential_usd:.2f}"
                )
            if any(value < -tolerance for value in self.withheld_usd.values()):
                raise MoneyNotConservedError(f"{self.plan_name}: a withheld amount is negative")

    def _repr_html_(self) -> str:
        return value_table_html(self.summary(), title=self.plan_name)


def top_share(pay: np.ndarray, fraction: float) -> float:
    """Share of all pay received by the top ``fraction`` of members.

    Examples
    --------
    >>> top_share(np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 10.0]), 0.1)
    1.0
    """
    pay = check_amounts("pay", pay, None, low=None)
    fraction = check_number("fraction", fraction, low=0, high=1)
    total = pay.sum()
    if total <= 0 or len(pay) == 0:
        return 0.0
    count = max(1, int(np.ceil(fraction * len(pay))))
    top = np.partition(pay, len(pay) - count)[len(pay) - count :]
    return float(top.sum() / total)
