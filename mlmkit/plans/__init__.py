"""Pay plans: who is paid what when members buy and sell.

Each plan is a frozen parameter object with a ``pay(network, volumes)`` method; the one
entry point :func:`payouts` checks the inputs, runs the plan and checks that every dollar
is accounted for (pay + breakage = the plan's pool).

Examples
--------
>>> from mlmkit.network import full_tree
>>> net = full_tree(branching=2, depth=2)
>>> result = payouts(UnilevelPlan(level_rates=(0.1, 0.05)), net, retail_sales_usd=100)
>>> round(result.paid_usd, 2), round(result.breakage_usd, 2)
(80.0, 25.0)
"""

from __future__ import annotations

from typing import Any, Protocol

from mlmkit.network import Network
from mlmkit.plans.flow import sale_breakdown
from mlmkit.plans.result import MoneyNotConservedError, PayoutResult, top_share
from mlmkit.plans.unilevel import UnilevelPlan
from mlmkit.plans.volumes import Volumes, make_volumes

__all__ = [
    "MoneyNotConservedError",
    "PayoutResult",
    "Plan",
    "UnilevelPlan",
    "Volumes",
    "make_volumes",
    "payouts",
    "sale_breakdown",
    "top_share",
]


class Plan(Protocol):
    """What every pay plan provides."""

    @property
    def name(self) -> str: ...

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult: ...


def payouts(
    plan: Plan,
    network: Network,
    retail_sales_usd: Any = 0.0,
    own_purchases_usd: Any = 0.0,
) -> PayoutResult:
    """Pay one period's sales under ``plan`` and check the money adds up.

    Parameters
    ----------
    plan : Plan
        A plan object such as :class:`UnilevelPlan`.
    network : mlmkit.network.Network
        Who sponsored whom.
    retail_sales_usd : float or array-like
        Each member's sales to outside customers (or a :class:`Volumes`).
    own_purchases_usd : float or array-like
        Each member's own purchases.

    Returns
    -------
    PayoutResult
        Per-member table, summary and ledger.
    """
    volumes = make_volumes(network, retail_sales_usd, own_purchases_usd)
    result = plan.pay(network, volumes)
    result.check()
    return result
