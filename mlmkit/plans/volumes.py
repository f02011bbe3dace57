"""What members bought and sold in a period: the input to every pay plan.

Volumes are split in two, because the law cares where the money comes from
(Koscot; FTC v. Vemma; FTC v. Herbalife):

- ``retail_sales_usd``: sales to outside customers who are not participants;
- ``own_purchases_usd``: what participants buy themselves (personal use, stock,
  or purchases made to qualify for pay).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from mlmkit._display import counted
from mlmkit._validation import check_amounts, fail, is_single
from mlmkit.network import Network, check_network

__all__ = ["Volumes", "make_volumes"]


@dataclass(frozen=True, eq=False)
class Volumes:
    """One period's volumes, one entry per member, in US dollars.

    Attributes
    ----------
    retail_sales_usd : numpy.ndarray
        Sales to outside customers (non-participants).
    own_purchases_usd : numpy.ndarray
        Purchases by the participant themselves.
    retail_customers : numpy.ndarray or None
        How many different outside customers each member sold to (needed only by the
        Amway "10 retail customers" rule); None when unknown.
    """

    retail_sales_usd: np.ndarray
    own_purchases_usd: np.ndarray
    retail_customers: np.ndarray | None = None

    def __post_init__(self) -> None:
        # Checked here, so a Volumes built by hand cannot carry a NaN, a negative or a
        # True into a payout (a NaN volume would otherwise make NaN pay that no total shows).
        sales = _as_amounts("retail_sales_usd", self.retail_sales_usd, None)
        own = _as_amounts("own_purchases_usd", self.own_purchases_usd, len(sales))
        object.__setattr__(self, "retail_sales_usd", sales)
        object.__setattr__(self, "own_purchases_usd", own)
        if self.retail_customers is not None:
            customers = _as_amounts("retail_customers", self.retail_customers, len(sales))
            if not np.array_equal(customers, np.floor(customers)):
                raise fail("retail_customers", self.retail_customers, "counts of customers must be whole numbers")
            object.__setattr__(self, "retail_customers", customers)

    @property
    def size(self) -> int:
        """Number of members the volumes are for."""
        return len(self.retail_sales_usd)

    @cached_property
    def total_usd(self) -> np.ndarray:
        """Each member's personal volume: retail sales plus own purchases (computed once)."""
        return self.retail_sales_usd + self.own_purchases_usd

    @property
    def retail_share(self) -> np.ndarray:
        """Share of each member's volume that came from outside customers (0 where no volume)."""
        total = self.total_usd
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, self.retail_sales_usd / np.where(total > 0, total, 1), 0.0)


#: The amounts check lives with the other shared checks.
_as_amounts = check_amounts


def make_volumes(
    network: Network,
    retail_sales_usd: Any,
    own_purchases_usd: Any = 0.0,
    *,
    retail_customers: Any = None,
) -> Volumes:
    """Check and bundle one period's volumes for ``network``.

    Parameters
    ----------
    network : mlmkit.network.Network
        Who sponsored whom.
    retail_sales_usd : float or array-like
        Sales to outside customers: one amount per member, or one amount for everybody.
    own_purchases_usd : float or array-like, default 0
        Participants' own purchases, likewise.
    retail_customers : int or array-like of int, optional
        Number of different outside customers each member sold to (for the Amway
        "10 retail customers" rule).

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> volumes = make_volumes(full_tree(2, 1), [100, 0, 50], own_purchases_usd=10)
    >>> volumes.total_usd.tolist()
    [110.0, 10.0, 60.0]
    >>> make_volumes(full_tree(2, 1), [100, -5, 0])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: retail_sales_usd = -5.0 is not allowed: amounts must be 0 or more (member 1 has a negative sale).
    """
    check_network(network)
    if isinstance(retail_sales_usd, Volumes):
        for name, value in (("own_purchases_usd", own_purchases_usd), ("retail_customers", retail_customers)):
            if value is not None and not (name == "own_purchases_usd" and is_single(value) and _is_zero(value)):
                raise fail(
                    name,
                    value,
                    "leave it out when the volumes are given as a Volumes object, which already "
                    "holds them (or pass plain amounts instead of the Volumes)",
                )
        if retail_sales_usd.size != network.size:
            raise fail(
                "volumes",
                counted(retail_sales_usd.size, "member"),
                f"the volumes must cover the network's {counted(network.size, 'member')}",
            )
        return retail_sales_usd
    sales = _as_amounts("retail_sales_usd", retail_sales_usd, network.size)
    own = _as_amounts("own_purchases_usd", own_purchases_usd, network.size)
    customers = None
    if retail_customers is not None:
        customers = _as_amounts("retail_customers", retail_customers, network.size)
    return Volumes(sales, own, customers)


def _is_zero(value: Any) -> bool:
    try:
        return not isinstance(value, bool | np.bool_) and bool(value == 0)
    except (TypeError, ValueError):
        return False
