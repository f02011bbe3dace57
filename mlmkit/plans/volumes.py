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

from mlmkit._validation import fail
from mlmkit.network import Network

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


def _as_amounts(name: str, values: Any, size: int) -> np.ndarray:
    if np.isscalar(values):
        array = np.full(size, values, dtype=np.float64) if isinstance(values, int | float) else None
        if array is None:
            raise fail(name, values, "it must be a number or one number per member, in USD")
    else:
        try:
            array = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise fail(name, values, "it must be numbers in USD, one per member") from None
    if array.shape != (size,):
        raise fail(name, f"{array.size} values", f"it needs one amount for each of the {size} members")
    # Two reductions, no temporary arrays: NaN fails ``min() >= 0``, infinity fails ``max() < inf``.
    if size == 0 or (array.min() >= 0 and array.max() < np.inf):
        return array
    if not np.isfinite(array).all():
        raise fail(name, "a missing or infinite amount", "every amount must be a finite number of USD")
    negative = np.flatnonzero(array < 0)
    if len(negative):
        raise fail(
            name,
            float(array[negative[0]]),
            f"amounts must be 0 or more (member {int(negative[0])} has a negative sale)",
        )
    return array


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
    if isinstance(retail_sales_usd, Volumes):
        if len(retail_sales_usd.retail_sales_usd) != network.size:
            raise fail(
                "volumes",
                f"{len(retail_sales_usd.retail_sales_usd)} members",
                f"the volumes must cover the network's {network.size} members",
            )
        return retail_sales_usd
    customers = None
    if retail_customers is not None:
        customers = _as_amounts("retail_customers", retail_customers, network.size)
        if not np.array_equal(customers, np.floor(customers)):
            raise fail("retail_customers", retail_customers, "counts of customers must be whole numbers")
    return Volumes(
        _as_amounts("retail_sales_usd", retail_sales_usd, network.size),
        _as_amounts("own_purchases_usd", own_purchases_usd, network.size),
        customers,
    )
