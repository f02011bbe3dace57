"""Thresholds from the rules regulators and courts have imposed or weighed.

One place for the numbers, each with its source key in :mod:`mlmkit.sources`, so
the pay-plan switches, the simulator's legal tests and the scorecard's pyramid
indicators all use the same values. Orders bind only the companies named in them;
mlmkit uses them as *benchmarks*, not as verdicts. Education, not legal advice.

The switches that apply these thresholds to a pay plan are in
:class:`mlmkit.plans.pay_rules.PayRules` (see also :func:`mlmkit.plans.regulator_rules`).

Examples
--------
>>> VEMMA_MIN_NON_PARTICIPANT_SHARE
0.5
>>> round(HERBALIFE_MIN_RETAIL_REWARD_SHARE, 3)
0.667
"""

from __future__ import annotations

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

#: FTC v. Vemma (2016 order): no pay for a period unless more than 50% of the revenue of a
#: participant and their downline came from sales to non-participants.
VEMMA_MIN_NON_PARTICIPANT_SHARE = 0.5

#: FTC v. Herbalife (2016 order): at least two-thirds of rewards must come from tracked and
#: verified retail sales.
HERBALIFE_MIN_RETAIL_REWARD_SHARE = 2 / 3

#: FTC v. Herbalife (2016 order): at least 80% of U.S. product sales to real users.
HERBALIFE_MIN_REAL_USER_SALES_SHARE = 0.8

#: In re Amway (1979), "70% rule": sell at least 70% of a month's purchases for the full bonus.
AMWAY_MIN_SELL_THROUGH_SHARE = 0.7

#: In re Amway (1979), "10 retail customers rule": sales to at least 10 different retail
#: customers in the month to earn a bonus on downline volume.
AMWAY_MIN_RETAIL_CUSTOMERS = 10

#: DSA Code of Ethics: buy back marketable inventory bought in the past 12 months at 90% or more.
DSA_BUYBACK_MIN_SHARE = 0.9
DSA_BUYBACK_WINDOW_MONTHS = 12

#: Taylor's red flag: overrides paid on 5 or more levels (more than the 4 management levels a
#: conventional sales force needs).
TAYLOR_MAX_PAID_LEVELS = 4

#: Which source (key in :data:`mlmkit.sources.SOURCES`) each threshold comes from.
RULE_SOURCES = {
    "VEMMA_MIN_NON_PARTICIPANT_SHARE": "vemma_2016",
    "HERBALIFE_MIN_RETAIL_REWARD_SHARE": "herbalife_2016",
    "HERBALIFE_MIN_REAL_USER_SALES_SHARE": "herbalife_2016",
    "AMWAY_MIN_SELL_THROUGH_SHARE": "amway_1979",
    "AMWAY_MIN_RETAIL_CUSTOMERS": "amway_1979",
    "DSA_BUYBACK_MIN_SHARE": "dsa_code",
    "DSA_BUYBACK_WINDOW_MONTHS": "dsa_code",
    "TAYLOR_MAX_PAID_LEVELS": "taylor_2011",
}
