"""Two fictional plans for the notebooks: one paid on sales, one paid on recruits' money.

Examples
--------
>>> plan, settings = recruitment_fee_plan()
>>> plan.rules.pay_only_on_retail
False
"""

from __future__ import annotations

from mlmkit.plans import PayRules, UnilevelPlan
from mlmkit.simulate.settings import MarketSettings

__all__ = ["product_sales_plan", "recruitment_fee_plan"]


def product_sales_plan() -> tuple[UnilevelPlan, MarketSettings]:
    """A fictional plan that pays only on sales to outside customers.

    No entry fee, a USD 49 kit, no required purchase; members earn a 30% retail margin and
    the plan pays 10%/5%/5% on their group's *retail* sales only (its rules:
    ``PayRules(pay_only_on_retail=True)``).

    Examples
    --------
    >>> plan, settings = product_sales_plan()
    >>> plan.name, plan.rules.pay_only_on_retail, settings.monthly_purchase_usd
    ('Unilevel 10/5/5%', True, 0.0)
    """
    plan = UnilevelPlan(
        personal_rate=0.0, level_rates=(0.10, 0.05, 0.05), rules=PayRules(pay_only_on_retail=True)
    )
    settings = MarketSettings(
        entry_fee_usd=0.0,
        starter_kit_usd=49.0,
        monthly_purchase_usd=0.0,
        customer_probability=0.15,
        retail_margin=0.30,
        monthly_other_costs_usd=10.0,
    )
    return plan, settings


def recruitment_fee_plan() -> tuple[UnilevelPlan, MarketSettings]:
    """A fictional plan that pays mainly on recruits' fees and required purchases.

    A USD 300 entry fee, a USD 99 kit and a USD 100 required monthly purchase, all of it
    commissionable: 25%/15%/10%/5%/5% up five levels (default rules: pay on all volume).

    Examples
    --------
    >>> plan, settings = recruitment_fee_plan()
    >>> plan.name, settings.entry_fee_usd
    ('Unilevel 25/15/10/5/5%', 300.0)
    """
    plan = UnilevelPlan(personal_rate=0.0, level_rates=(0.25, 0.15, 0.10, 0.05, 0.05))
    settings = MarketSettings(
        entry_fee_usd=300.0,
        starter_kit_usd=99.0,
        monthly_purchase_usd=100.0,
        customer_probability=0.05,
        retail_margin=0.25,
        monthly_other_costs_usd=25.0,
    )
    return plan, settings
