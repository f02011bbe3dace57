"""Simulate a finite market month by month, and the arithmetic of saturation.

- :mod:`mlmkit.simulate.settings`: :class:`MarketSettings`, the market in plain words;
- :mod:`mlmkit.simulate.market`: :func:`simulate_market` and :class:`SimulationResult`;
- :mod:`mlmkit.simulate.presets`: two fictional plans (paid on sales / on recruits' money);
- :mod:`mlmkit.simulate.saturation`: levels against a population, Gastwirth's formula.

This is education, not legal or financial advice. Example plans are fictional.

Examples
--------
>>> plan, settings = recruitment_fee_plan()
>>> result = simulate_market(plan, settings.replace(market_size=2_000, months=12), seed=1)
>>> len(result.monthly)
13
"""

from __future__ import annotations

from mlmkit.simulate.market import Plan, SimulationResult, simulate_market
from mlmkit.simulate.presets import product_sales_plan, recruitment_fee_plan
from mlmkit.simulate.saturation import gastwirth_expected_recruits, market_runs_out
from mlmkit.simulate.settings import (
    PAY_ON_CHOICES,
    MarketSettings,
    settings_differences,
    settings_table,
)

__all__ = [
    "PAY_ON_CHOICES",
    "MarketSettings",
    "Plan",
    "SimulationResult",
    "gastwirth_expected_recruits",
    "market_runs_out",
    "product_sales_plan",
    "recruitment_fee_plan",
    "settings_differences",
    "settings_table",
    "simulate_market",
]
