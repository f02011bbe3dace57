"""The unilevel plan: a rate per level, paid up the sponsor line on every sale.

Unlimited frontline width; you are paid on a fixed number of levels below you
(often 3 to 7). [S] s4ds.com, "Multilevel Marketing and Compensation Plans".

Examples
--------
A sale of USD 100 by a member three levels down, with rates 10%, 5%, 5%:

>>> from mlmkit.network import from_sponsors
>>> from mlmkit.plans.volumes import make_volumes
>>> net = from_sponsors([-1, 0, 1, 2])
>>> plan = UnilevelPlan(personal_rate=0.25, level_rates=(0.10, 0.05, 0.05))
>>> result = plan.pay(net, make_volumes(net, [0, 0, 0, 100]))
>>> result.members["total_paid_usd"].tolist()
[5.0, 5.0, 10.0, 25.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmkit._compat import Replaceable
from mlmkit._validation import check_probability, check_rates, fail
from mlmkit.network import Network
from mlmkit.plans.engine import NO_UPLINE, FormulaPay, pay_up_levels, run_plan, scaled
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.volumes import Volumes

__all__ = ["UnilevelPlan"]

#: Largest network whose member table keeps one column per paid level by default.
LEVEL_COLUMNS_MAX_MEMBERS = 2_000_000


@dataclass(frozen=True)
class UnilevelPlan(Replaceable):
    """A unilevel pay plan.

    Parameters
    ----------
    personal_rate : float
        The seller's own commission or retail margin, as a share of their personal
        volume (0..1).
    level_rates : tuple of float
        ``level_rates[0]`` is paid to the seller's sponsor (level 1 up),
        ``level_rates[1]`` to the sponsor's sponsor, and so on. Each 0..1.

    rules : PayRules, default PayRules()
        Qualification, compression and the regulators' rules (see
        :class:`mlmkit.plans.pay_rules.PayRules`).
    level_columns : bool or None, default None
        Keep one ``level_<k>_usd`` column per paid level in the member table. False
        leaves them out (the totals are the same) and saves 8 bytes per member per level.
        None (the default) keeps them for networks of up to
        :data:`LEVEL_COLUMNS_MAX_MEMBERS` members and leaves them out above that, so a
        10,000,000-member payout stays under 1 GB; pass True to always keep them.

    The rates together (personal plus all levels) may not exceed 100% of a sale.

    Examples
    --------
    >>> UnilevelPlan(level_rates=(0.1, 0.05)).pool_rate
    0.15
    >>> UnilevelPlan(level_rates=(-0.1,))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: level_rates[level 1] = -0.1 is not allowed: it must be a probability between 0 and 1.
    """

    personal_rate: float = 0.0
    level_rates: tuple[float, ...] = (0.10, 0.05, 0.05)
    rules: PayRules = field(default_factory=PayRules)
    level_columns: bool | None = None

    def keeps_level_columns(self, size: int) -> bool:
        """Whether the member table for a network of ``size`` members has ``level_<k>_usd`` columns.

        Examples
        --------
        >>> plan = UnilevelPlan()
        >>> plan.keeps_level_columns(1_000), plan.keeps_level_columns(10_000_000)
        (True, False)
        """
        if self.level_columns is None:
            return size <= LEVEL_COLUMNS_MAX_MEMBERS
        return self.level_columns

    def __post_init__(self) -> None:
        if self.level_columns is not None and not isinstance(self.level_columns, bool):
            raise fail("level_columns", self.level_columns, "it must be True, False or None (automatic)")
        if not isinstance(self.rules, PayRules):
            raise fail("rules", self.rules, "it must be a PayRules object")
        check_probability("personal_rate", self.personal_rate)
        rates = check_rates("level_rates", self.level_rates)
        if self.personal_rate + sum(rates) > 1.0 + 1e-12:
            raise fail(
                "personal_rate + level_rates",
                round(self.personal_rate + sum(rates), 6),
                "the seller's rate and the level rates together may not exceed 100% of a sale",
            )
        object.__setattr__(self, "level_rates", rates)
        object.__setattr__(self, "personal_rate", float(self.personal_rate))

    @property
    def name(self) -> str:
        """Short description, e.g. ``'Unilevel 10/5/5%'``."""
        return "Unilevel " + "/".join(f"{rate * 100:g}" for rate in self.level_rates) + "%"

    @property
    def pool_rate(self) -> float:
        """Share of every sale the plan pays out if everyone in the upline can be paid."""
        return round(self.personal_rate + sum(self.level_rates), 12)

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult:
        """Pay one period's volumes up the sponsor line, under :attr:`rules`.

        Each level is one whole-array step: the pay of every ``k``-th upline member is
        a ``bincount`` over the sellers, then every seller's pointer moves up one level.
        Money that would go above the founder lands on the sentinel: breakage.
        """
        return run_plan(self.name, network, volumes, self.rules, self._formula)

    def _formula(
        self,
        network: Network,
        volume: np.ndarray,
        retail: np.ndarray,
        skip: np.ndarray | None,
        full_volume: np.ndarray,
    ) -> FormulaPay:
        per_level, downline, downline_retail, unpaid = pay_up_levels(
            network.parent, volume, retail, self.level_rates, skip=skip,
            keep_levels=self.keeps_level_columns(network.size),
        )
        personal = scaled(volume, self.personal_rate)
        pay_columns = {"personal_commission_usd": personal}
        for depth, values in enumerate(per_level, start=1):
            pay_columns[f"level_{depth}_usd"] = values
        pay_columns["downline_commission_usd"] = downline
        return FormulaPay(
            personal_usd=personal,
            bonus_usd=downline,
            personal_from_retail_usd=scaled(retail, self.personal_rate),
            bonus_from_retail_usd=downline_retail,
            pay_columns=pay_columns,
            withheld_usd={NO_UPLINE: unpaid},
        )
