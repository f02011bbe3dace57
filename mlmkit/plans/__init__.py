"""Pay plans: who is paid what when members buy and sell.

Each plan is a frozen parameter object with a ``pay(network, volumes)`` method; the one
entry point :func:`payouts` checks the inputs, runs the plan and checks that every dollar
is accounted for (pay + breakage = the plan's pool).

Plan types: :class:`UnilevelPlan`, :class:`BinaryPlan`, :class:`MatrixPlan` (forced
matrix) and :class:`StairStepPlan` (stair-step breakaway). Each takes a :class:`PayRules`
with the rules that decide who is paid (personal-volume requirement, compression, payout
cap) and the rules regulators have imposed or weighed (pay only on retail, Vemma,
Herbalife, Amway), each citing its source. Education, not legal or financial advice.

Examples
--------
>>> from mlmkit.network import full_tree
>>> net = full_tree(recruits_each=2, depth=2)
>>> result = payouts(UnilevelPlan(level_rates=(0.1, 0.05)), net, retail_sales_usd=100)
>>> round(result.paid_usd, 2), round(result.breakage_usd, 2)
(80.0, 25.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mlmkit._validation import check_sequence, fail
from mlmkit.network import Network
from mlmkit.plans import rules as rules  # noqa: F401  (old path: mk.plans.rules.VEMMA_... keeps working)
from mlmkit.plans.binary import BinaryPlan
from mlmkit.plans.catalog import PLAN_KINDS, make_plan
from mlmkit.plans.engine import Plan
from mlmkit.plans.flow import sale_breakdown
from mlmkit.plans.matrix import MatrixPlan
from mlmkit.plans.pay_rules import PayRules, regulator_rules
from mlmkit.plans.result import MoneyNotConservedError, PayoutResult, top_share
from mlmkit.plans.stairstep import DEFAULT_RANKS, Rank, StairStepPlan
from mlmkit.plans.unilevel import UnilevelPlan
from mlmkit.plans.volumes import Volumes, make_volumes

__all__ = [
    "DEFAULT_RANKS",
    "PLAN_KINDS",
    "BinaryPlan",
    "MatrixPlan",
    "MoneyNotConservedError",
    "PayRules",
    "PayoutResult",
    "Plan",
    "Rank",
    "StairStepPlan",
    "UnilevelPlan",
    "Volumes",
    "compare_plans",
    "compare_results",
    "make_plan",
    "make_volumes",
    "payouts",
    "regulator_rules",
    "sale_breakdown",
    "top_share",
]


def payouts(
    plan: Plan,
    network: Network,
    retail_sales_usd: Any = 0.0,
    own_purchases_usd: Any = 0.0,
    *,
    retail_customers: Any = None,
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
    retail_customers : int or array-like, optional
        Each member's number of outside customers (for the Amway 10-customer rule).

    Returns
    -------
    PayoutResult
        Per-member table, summary and ledger.
    """
    if not callable(getattr(plan, "pay", None)):
        raise fail("plan", plan, "it must be a pay plan such as UnilevelPlan(...) or BinaryPlan(...)")
    volumes = make_volumes(
        network, retail_sales_usd, own_purchases_usd, retail_customers=retail_customers
    )
    result = plan.pay(network, volumes)
    result.check()
    return result


def compare_plans(
    plans: Iterable[Plan],
    network: Network,
    retail_sales_usd: Any = 0.0,
    own_purchases_usd: Any = 0.0,
    *,
    retail_customers: Any = None,
) -> pd.DataFrame:
    """Run several plans on the same network and sales; one summary row per plan.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> table = compare_plans([UnilevelPlan(), MatrixPlan(width=2, level_rates=(0.1,) * 3)],
    ...                       full_tree(recruits_each=2, depth=3), retail_sales_usd=100)
    >>> table.index.tolist()
    ['Unilevel 10/5/5%', 'Matrix 2x3']
    >>> table["share_of_revenue_paid_out"].round(3).tolist()
    [0.16, 0.227]
    """
    plans = check_sequence("plans", plans, allowed="it must be a list of pay plans", min_length=1)
    volumes = make_volumes(
        network, retail_sales_usd, own_purchases_usd, retail_customers=retail_customers
    )
    rows = [payouts(plan, network, volumes).summary() for plan in plans]
    return pd.DataFrame(rows)


def compare_results(results: Mapping[str, PayoutResult]) -> pd.DataFrame:
    """Payouts already computed, one summary row each, named by the mapping's keys.

    The table :func:`compare_plans` makes, without running the plans again.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> network = full_tree(recruits_each=2, depth=3)
    >>> table = compare_results({"unilevel": payouts(UnilevelPlan(), network, 100),
    ...                          "matrix": payouts(MatrixPlan(width=2, level_rates=(0.1,) * 3), network, 100)})
    >>> table.index.tolist(), table["share_of_revenue_paid_out"].round(3).tolist()
    (['unilevel', 'matrix'], [0.16, 0.227])
    """
    if not isinstance(results, Mapping) or not results:
        raise fail("results", results, "it must be a non-empty mapping of names to payout results")
    for name, result in results.items():
        if not isinstance(result, PayoutResult):
            raise fail(f"results[{name!r}]", result, "it must be a payout result (from payouts)")
    return pd.DataFrame([result.summary().rename(name) for name, result in results.items()])
