"""Follow one sale up the sponsor line: who is paid what when one member sells.

Works with any plan that has ``pay(network, volumes)`` (:class:`mlmkit.plans.engine.Plan`).
Members are named by the ids people gave them (``network.ids``).

Examples
--------
"When someone you recruited recruits a person who makes a sale, all three of you earn":

>>> from mlmkit.network import from_sponsors
>>> from mlmkit.plans.unilevel import UnilevelPlan
>>> net = from_sponsors([-1, 0, 1])
>>> table = sale_breakdown(UnilevelPlan(personal_rate=0.25, level_rates=(0.1, 0.05)), net, seller=2, sale_usd=100)
>>> table[["who", "member_id", "to_company", "usd"]]
                                   who  member_id  to_company   usd
0                          seller (#2)          2       False  25.0
1             1 level up: sponsor (#1)          1       False  10.0
2                     2 levels up (#0)          0       False   5.0
3  company (product, overhead, profit)       <NA>        True  60.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mlmkit._compat import RenamedColumnsFrame
from mlmkit._validation import check_non_negative
from mlmkit.network import Network, _nullable_dtype
from mlmkit.plans.engine import Plan
from mlmkit.plans.volumes import make_volumes

__all__ = ["sale_breakdown"]


def sale_breakdown(
    plan: Plan,
    network: Network,
    seller: Any,
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
    seller
        The id of the member who makes the sale (as in ``network.ids``, e.g. ``"Fay"``).
    sale_usd : float
        Amount of the sale.
    to_outside_customer : bool, default True
        True for a retail sale to a non-participant, False for the seller's own purchase.

    Returns
    -------
    pandas.DataFrame
        One row for the seller, one per upline member paid (nearest first), one for
        anything not paid out (breakage) and one for the company; columns ``who``,
        ``member_id`` (``<NA>`` on rows that are not one member), ``levels_up``
        (``<NA>`` likewise), ``to_company`` (True on the rows the company keeps),
        ``usd`` and ``share_of_sale``. The ``usd`` column adds up to the sale.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If ``seller`` is not the id of a member.
    """
    position = network.position_of(seller, field="seller")
    sale_usd = check_non_negative("sale_usd", sale_usd, unit="USD")
    amounts = np.zeros(network.size)
    amounts[position] = sale_usd
    volumes = (
        make_volumes(network, amounts)
        if to_outside_customer
        else make_volumes(network, 0.0, own_purchases_usd=amounts)
    )
    result = plan.pay(network, volumes)
    pay = result.members["total_paid_usd"].to_numpy()
    ids = network.ids
    rows: list[tuple[str, int, int, bool, float]] = [
        (f"seller (#{ids[position]})", position, 0, False, float(pay[position]))
    ]
    for distance, member in enumerate(network._upline_positions(position), start=1):
        if pay[member] > 0:
            label = "sponsor" if distance == 1 else ""
            who = f"{distance} level{'s' if distance > 1 else ''} up"
            who += f": {label}" if label else ""
            rows.append((f"{who} (#{ids[member]})", member, distance, False, float(pay[member])))
    elsewhere = float(pay.sum()) - sum(row[4] for row in rows)
    if elsewhere > 1e-9:
        rows.append(("other members (plan bonuses)", -1, -1, False, elsewhere))
    if result.breakage_usd > 1e-9:
        rows.append(("unpaid: no upline there (company keeps)", -1, -1, True, result.breakage_usd))
    rows.append(
        ("company (product, overhead, profit)", -1, -1, True, result.revenue_usd - result.pool_usd)
    )
    positions = np.array([row[1] for row in rows])
    one_member = positions >= 0
    member_ids = pd.array(ids[np.maximum(positions, 0)], dtype=_nullable_dtype(ids))
    member_ids[~one_member] = pd.NA
    levels_up = pd.array([row[2] for row in rows], dtype="Int64")
    levels_up[~one_member] = pd.NA
    table = pd.DataFrame(
        {
            "who": [row[0] for row in rows],
            "member_id": member_ids,
            "levels_up": levels_up,
            "to_company": [row[3] for row in rows],
            "usd": [row[4] for row in rows],
        }
    )
    table["share_of_sale"] = table["usd"] / sale_usd if sale_usd else 0.0
    return RenamedColumnsFrame.wrap(
        table,
        old_computed={"member": ("'member_id' (and 'to_company')", lambda _: pd.Series(positions, name="member"))},
    )
