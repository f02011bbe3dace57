"""Old home of :class:`PayRules`; it now lives in :mod:`mlmkit.regulations`.

``from mlmkit.plans.pay_rules import PayRules`` keeps working (the same class), so code
written against this path runs unchanged. New code should import from
:mod:`mlmkit.regulations` (or :mod:`mlmkit.plans`).

Examples
--------
>>> from mlmkit.regulations import PayRules as Moved
>>> PayRules is Moved
True
"""

from __future__ import annotations

from mlmkit.regulations import (
    AMWAY_MIN_RETAIL_CUSTOMERS,
    RULE_SWITCH_SOURCES,
    PayRules,
    regulator_rules,
)

__all__ = ["AMWAY_MIN_RETAIL_CUSTOMERS", "RULE_SWITCH_SOURCES", "PayRules", "regulator_rules"]
