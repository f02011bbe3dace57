"""The forced matrix: at most W people directly below anyone, paid D levels deep.

A W x D matrix (3 x 7 is common) caps everyone's frontline at W. A sponsor's recruit
beyond the first W "spills over" to the first open place below the sponsor (breadth
first, see :mod:`mlmkit.plans.placement`), and pay runs up the *matrix*, not the sponsor
line: ``level_rates[k]`` of each member's volume goes to the member ``k + 1`` matrix levels
above. A full 3 x 7 matrix below one member holds 3 + 9 + ... + 2,187 = 3,279 people.
Source: ``plan_types_glossary``.

Examples
--------
A 3 x 3 matrix filling up: the founder recruits everyone, so recruits 4 to 12 spill over.

>>> from mlmkit.network import from_sponsors
>>> from mlmkit.plans import payouts
>>> net = from_sponsors([-1] + [0] * 12)
>>> plan = MatrixPlan(width=3, level_rates=(0.05, 0.05, 0.05))
>>> result = payouts(plan, net, retail_sales_usd=100)
>>> result.members["matrix_level"].tolist()
[0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]
>>> result.members["total_paid_usd"].head(5).tolist()
[60.0, 15.0, 15.0, 15.0, 0.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmkit._compat import Replaceable
from mlmkit._validation import check_int, check_probability, check_rates, fail
from mlmkit.network import Network
from mlmkit.plans.engine import (
    NO_UPLINE,
    FormulaPay,
    parent_id_column,
    pay_up_levels,
    run_plan,
    scaled,
)
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.placement import placement_network
from mlmkit.plans.result import PayoutResult
from mlmkit.plans.unilevel import LEVEL_COLUMNS_MAX_MEMBERS
from mlmkit.plans.volumes import Volumes

__all__ = ["MatrixPlan"]


@dataclass(frozen=True)
class MatrixPlan(Replaceable):
    """A forced-matrix pay plan, W wide and ``len(level_rates)`` deep.

    Parameters
    ----------
    width : int, default 3
        Places directly below each member (1 to 100).
    level_rates : tuple of float, default seven levels of 5%
        Share of each member's volume paid to the member 1, 2, ... matrix levels above.
    personal_rate : float, default 0
        The seller's own commission on their personal volume.
    rules : PayRules, default PayRules()
        Qualification, compression and the regulators' rules.

    The member table has one ``matrix_level_<k>_usd`` column per paid level for networks of
    up to 2,000,000 members (as :class:`~mlmkit.plans.unilevel.UnilevelPlan` by default);
    above that only the totals, so a 10,000,000-member payout stays small in memory.

    Examples
    --------
    >>> MatrixPlan(width=3, level_rates=(0.05,) * 7).name
    'Matrix 3x7'
    >>> MatrixPlan(width=0)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: width = 0 is not allowed: it must be a whole number between 1 and 100.
    """

    width: int = 3
    level_rates: tuple[float, ...] = (0.05,) * 7
    personal_rate: float = 0.0
    rules: PayRules = field(default_factory=PayRules)

    def __post_init__(self) -> None:
        object.__setattr__(self, "width", check_int("width", self.width, low=1, high=100))
        rates = check_rates("level_rates", self.level_rates)
        if not rates:
            raise fail("level_rates", self.level_rates, "a matrix needs at least one paid level")
        check_probability("personal_rate", self.personal_rate)
        if self.personal_rate + sum(rates) > 1.0 + 1e-12:
            raise fail(
                "personal_rate + level_rates",
                round(self.personal_rate + sum(rates), 6),
                "the seller's rate and the level rates together may not exceed 100% of a sale",
            )
        if not isinstance(self.rules, PayRules):
            raise fail("rules", self.rules, "it must be a PayRules object")
        object.__setattr__(self, "level_rates", rates)
        object.__setattr__(self, "personal_rate", float(self.personal_rate))

    @property
    def name(self) -> str:
        """Short description, e.g. ``'Matrix 3x7'``."""
        return f"Matrix {self.width}x{len(self.level_rates)}"

    @property
    def pool_rate(self) -> float:
        """Share of every sale paid out if every matrix level above is filled."""
        return round(self.personal_rate + sum(self.level_rates), 12)

    def pay(self, network: Network, volumes: Volumes) -> PayoutResult:
        """Place everyone in the matrix (with spillover) and pay up the matrix levels."""
        return run_plan(self.name, network, volumes, self.rules, self._formula)

    def _formula(
        self,
        network: Network,
        volume: np.ndarray,
        retail: np.ndarray,
        skip: np.ndarray | None,
        full_volume: np.ndarray,
    ) -> FormulaPay:
        matrix = placement_network(network, width=self.width)
        # like UnilevelPlan's default: one column per matrix level only up to 2,000,000 members
        per_level, downline, downline_retail, unpaid = pay_up_levels(
            matrix.parent, volume, retail, self.level_rates, skip=skip,
            keep_levels=network.size <= LEVEL_COLUMNS_MAX_MEMBERS,
        )
        personal = scaled(volume, self.personal_rate)
        pay_columns = {"personal_commission_usd": personal}
        for depth, values in enumerate(per_level, start=1):
            pay_columns[f"matrix_level_{depth}_usd"] = values
        pay_columns["downline_commission_usd"] = downline
        placed_under = parent_id_column(network, matrix)
        return FormulaPay(
            personal_usd=personal,
            bonus_usd=downline,
            personal_from_retail_usd=scaled(retail, self.personal_rate),
            bonus_from_retail_usd=downline_retail,
            pay_columns=pay_columns,
            info_columns={"matrix_level": matrix.level, "placed_under": placed_under},
            withheld_usd={NO_UPLINE: unpaid},
        )

