"""Old home of the regulators' thresholds; they now live in :mod:`mlmkit.regulations`.

The names below are the same objects, kept so code written against
``mlmkit.plans.rules`` runs unchanged. The thresholds, the sentences they come from and
who drew each line are in :data:`mlmkit.regulations.RULES`.

Examples
--------
>>> VEMMA_MIN_NON_PARTICIPANT_SHARE
0.5
>>> round(HERBALIFE_MIN_RETAIL_REWARD_SHARE, 3)
0.667
"""

from __future__ import annotations

from mlmkit.regulations import (
    AMWAY_MIN_RETAIL_CUSTOMERS,
    AMWAY_MIN_SELL_THROUGH_SHARE,
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    HERBALIFE_MIN_REAL_USER_SALES_SHARE,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    RULE_SOURCES,
    TAYLOR_MAX_PAID_LEVELS,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
)

__all__ = [
    "AMWAY_MIN_RETAIL_CUSTOMERS",
    "AMWAY_MIN_SELL_THROUGH_SHARE",
    "DSA_BUYBACK_MIN_SHARE",
    "DSA_BUYBACK_WINDOW_MONTHS",
    "HERBALIFE_MIN_REAL_USER_SALES_SHARE",
    "HERBALIFE_MIN_RETAIL_REWARD_SHARE",
    "RULE_SOURCES",
    "TAYLOR_MAX_PAID_LEVELS",
    "VEMMA_MIN_NON_PARTICIPANT_SHARE",
]
