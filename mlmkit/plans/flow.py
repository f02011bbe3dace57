"""Follow one sale up the sponsor line: who is paid what when one member sells.

Works with any plan that has ``pay(network, volumes)``.

Examples
--------
"When someone you recruited recruits a person who makes a sale, all three of you earn":

>>> from mlmkit.network import from_sponsors
>>> from mlmkit.plans.unilevel import UnilevelPlan
>>> net = from_sponsors([-1, 0, 1])
>>> table = sale_breakdown(UnilevelPlan(personal_rate=0.25, level_rates=(0.1, 0.05)), net, seller=2, sale_usd=100)
>>> table[["who", "usd"]]
                         who   usd
0                seller (#2)  25.0
1       1 level up: sponsor (#1)  10.0
2             2 levels up (#0)   5.0
3  company (product, overhead, profit)  60.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlmkit._validation import check_bool, check_int, check_non_negative, fail
from mlmkit.network import Network, check_network
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import make_volumes

__all__ = ["sale_breakdown"]


def sale_breakdown(
    plan: object,
    network: Network,
    seller: int,
    sale_usd: float,
    *,
    to_outside_customer: bool = True,
) -> pd.DataFrame:
    """Who is paid what when ``seller`` makes one sale of ``sale_usd`` and nobody else sells.

    Parameters
    ----------
    plan : Plan
        Any pay plan with ``pay(network, volumes)``.
    network : mlmkit.network.Network
        Who sponsored whom.
    seller : int
        Index of the member who makes the sale.
    sale_usd : float
        Amount of the sale.
    to_outside_customer : bool, default True
        True for a retail sale to a non-participant, False for the seller's own purchase.

    Returns
    -------
    pandas.DataFrame
        One row for the seller, one per upline member paid (nearest first), one for
        anything not paid out (breakage) and one for the company; columns ``who``,
        ``member``, ``levels_up``, ``usd`` and ``share_of_sale``. The ``usd`` column
        adds up to the sale.
    """
    if not callable(getattr(plan, "pay", None)):
        raise fail("plan", plan, "it must be a pay plan such as UnilevelPlan(...) or BinaryPlan(...)")
    check_network(network)
    to_outside_customer = check_bool("to_outside_customer", to_outside_customer)
    seller = check_int("seller", seller, low=0, high=network.size - 1)
    sale_usd = check_non_negative("sale_usd", sale_usd, unit="USD")
    amounts = np.zeros(network.size)
    amounts[seller] = sale_usd
    volumes = (
        make_volumes(network, amounts)
        if to_outside_customer
        else make_volumes(network, 0.0, own_purchases_usd=amounts)
    )
    result: PayoutResult = plan.pay(network, volumes)  # type: ignore[attr-defined]
    pay = result.members["total_pay_usd"].to_numpy()
    upline = network.upline_of(seller)
    rows = [(f"seller (#{network.ids[seller]})", seller, 0, float(pay[seller]))]
    for distance, member in enumerate(upline, start=1):
        if pay[member] > 0:
            label = "sponsor" if distance == 1 else ""
            who = f"{distance} level{'s' if distance > 1 else ''} up"
            who += f": {label}" if label else ""
            rows.append((f"{who} (#{network.ids[member]})", member, distance, float(pay[member])))
    elsewhere = float(pay.sum()) - sum(row[3] for row in rows)
    if elsewhere > 1e-9:
        rows.append(("other members (plan bonuses)", -1, -1, elsewhere))
    if result.breakage_usd > 1e-9:
        rows.append(("unpaid: no upline there (company keeps)", -1, -1, result.breakage_usd))
    rows.append(
        ("company (product, overhead, profit)", -1, -1, result.revenue_usd - result.pool_usd)
    )
    table = pd.DataFrame(rows, columns=["who", "member", "levels_up", "usd"])
    table["share_of_sale"] = table["usd"] / sale_usd if sale_usd else 0.0
    return table
