"""Each participant's profit and loss once their own costs are counted, and what it adds up to.

Pay plans report what members are *paid*. A recruit needs what they *keep*: commissions
and retail margin, minus the entry fee, the starter kit, the required purchases and the
other costs of doing business (events, travel, marketing). This module turns a
:class:`mlmkit.simulate.SimulationResult` into that table and its summaries:

- :func:`profit_and_loss`: one row per member, income, costs and net;
- :func:`summarize`: share who lost money, median net, the top 1%'s share of all profit;
- :func:`net_by_join_month` and :func:`net_by_level`: who profits, by when and where they joined;
- :func:`typical_members` and :func:`running_balance`: a typical member's month-by-month story;
- :func:`where_the_money_went`: nothing is created: what winners gained is what losers
  lost plus customers' money, minus what the company and third parties kept;
- :func:`legal_indicators`: the Koscot test, the Amway safeguards and the later
  retail-share orders applied to the simulated numbers, as *indicators* with citations;
- :func:`gini` and :func:`lorenz_curve`: how unequal the pay is.

Orders bind only the companies named in them; mlmkit uses their thresholds as benchmarks.
This is education, not legal or financial advice.

Examples
--------
>>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
>>> plan, settings = recruitment_fee_plan()
>>> result = simulate_market(plan, settings.replace(market_size=3_000), seed=3)
>>> summary = summarize(result)
>>> summary.share_lost_money > 0.5
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from mlmkit._compat import RenamedColumnsFrame, warn_renamed
from mlmkit._display import counted, escape_text, format_usd, format_value, value_table_html
from mlmkit._validation import check_amounts, check_instance, check_int, fail
from mlmkit.plans import top_share
from mlmkit.regulations import (
    AMWAY_MIN_RETAIL_CUSTOMERS,
    AMWAY_MIN_SELL_THROUGH_SHARE,
    HERBALIFE_MIN_REAL_USER_SALES_SHARE,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    HERBALIFE_MONTHLY_PERSONAL_USE_CAP_USD,
    RULE_SOURCES,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
    IndicatorRow,
    ProjectLines,
    indicator_frame,
)
from mlmkit.simulate import SimulationResult
from mlmkit.simulate.market import OLD_COLUMNS

__all__ = [
    "ProfitSummary",
    "compare",
    "gini",
    "legal_indicators",
    "lorenz_curve",
    "net_by_join_month",
    "net_by_level",
    "profit_and_loss",
    "running_balance",
    "summarize",
    "typical_members",
    "where_the_money_went",
]

#: Income columns of the simulator's member table.
INCOME_COLUMNS = ("total_paid_usd", "retail_margin_usd")
#: Cost columns of the simulator's member table.
COST_COLUMNS = ("entry_fee_usd", "starter_kit_usd", "purchases_usd", "other_costs_usd")

_HALF_CENT = 0.005


def _check_result(result: Any) -> SimulationResult:
    if not isinstance(result, SimulationResult):
        raise fail("result", type(result).__name__, "it must be a SimulationResult from mlmkit.simulate")
    return result


def profit_and_loss(result: SimulationResult) -> pd.DataFrame:
    """Each member's profit and loss over the whole run, their own costs counted.

    Returns
    -------
    pandas.DataFrame
        The simulator's member table plus ``income_usd`` (commissions + retail margin),
        ``costs_usd`` (entry fee + starter kit + required purchases + other costs),
        ``net_usd`` (income - costs) and ``lost_money`` (net below zero).

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> result = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=6), seed=1)
    >>> table = profit_and_loss(result)
    >>> bool(np.allclose(table["net_usd"], table["income_usd"] - table["costs_usd"]))
    True
    """
    members = _check_result(result).members.copy()
    members["income_usd"] = members[list(INCOME_COLUMNS)].sum(axis=1)
    members["costs_usd"] = members[list(COST_COLUMNS)].sum(axis=1)
    members["net_usd"] = members["income_usd"] - members["costs_usd"]
    members["lost_money"] = members["net_usd"] < -_HALF_CENT
    return RenamedColumnsFrame.wrap(members, OLD_COLUMNS)


@dataclass(frozen=True)
class ProfitSummary:
    """Headline numbers of a simulated run, from the members' side.

    Attributes
    ----------
    plan_name : str
    members : int
        Everyone who ever joined.
    share_lost_money, share_made_money : float
        Shares of members whose net was below / above zero.
    median_net_usd, mean_net_usd : float
        The typical member (median) and the average, which a few big winners pull up.
    top_1pct_share_of_profit : float
        Share of all profit (the sum of positive nets) that went to the top 1% of members.
    total_gains_usd, total_losses_usd : float
        Sum of the winners' nets, and of the losers' losses (a positive number).
    customer_spend_usd, company_keeps_usd, other_costs_usd : float
        Money from outside customers; kept by the company; paid to third parties.
    share_of_pay_from_outside_customers : float
        Share of all commissions funded by sales to outside customers.
    gini_of_income : float
        Gini coefficient of members' income (commissions + retail margin): 0 if everyone
        earned the same, near 1 if a few took nearly all.
    """

    plan_name: str
    members: int
    share_lost_money: float
    share_made_money: float
    median_net_usd: float
    mean_net_usd: float
    top_1pct_share_of_profit: float
    total_gains_usd: float
    total_losses_usd: float
    customer_spend_usd: float
    company_keeps_usd: float
    other_costs_usd: float
    share_of_pay_from_outside_customers: float
    gini_of_income: float

    def summary(self) -> pd.Series:
        """The numbers as a Series named after the plan (the names of the attributes).

        Examples
        --------
        >>> from mlmkit.plans import UnilevelPlan
        >>> from mlmkit.simulate import MarketSettings, simulate_market
        >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=300, months=4), seed=1)
        >>> summarize(run).summary().index[:3].tolist()
        ['members', 'share_lost_money', 'share_made_money']
        """
        values = asdict(self)
        name = values.pop("plan_name")
        return pd.Series(values, name=name)

    def to_series(self) -> pd.Series:
        """Old name of :meth:`summary` (warns ``FutureWarning``)."""
        warn_renamed("ProfitSummary.to_series()", "ProfitSummary.summary()")
        return self.summary()

    def _repr_html_(self) -> str:
        return (
            f"<h4>Members' profit and loss: {escape_text(self.plan_name)}</h4>"
            f"<p>{counted(self.members, 'member')}; {self.share_lost_money:.0%} lost money; the median "
            f"member's net was {format_value('median_net_usd', self.median_net_usd)}; the top 1% took "
            f"{self.top_1pct_share_of_profit:.0%} of all profit.</p>"
            + value_table_html(self.summary())
        )


def summarize(result: SimulationResult) -> ProfitSummary:
    """Share who lost money, median net, top 1% share of profit, and where money went.

    Examples
    --------
    >>> from mlmkit.simulate import product_sales_plan, simulate_market
    >>> plan, settings = product_sales_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=3_000), seed=3)
    >>> round(summarize(result).share_of_pay_from_outside_customers, 2)
    1.0
    """
    table = profit_and_loss(result)
    net = table["net_usd"].to_numpy()
    totals = result.summary()
    paid = float(totals["total_paid_usd"])
    return ProfitSummary(
        plan_name=result.plan_name,
        members=len(net),
        share_lost_money=float((net < -_HALF_CENT).mean()),
        share_made_money=float((net > _HALF_CENT).mean()),
        median_net_usd=float(np.median(net)),
        mean_net_usd=float(net.mean()),
        top_1pct_share_of_profit=top_share(np.maximum(net, 0.0), 0.01),
        total_gains_usd=float(net[net > 0].sum()),
        total_losses_usd=float(-net[net < 0].sum()),
        customer_spend_usd=float(totals["customer_spend_usd"]),
        company_keeps_usd=float(totals["company_keeps_usd"]),
        other_costs_usd=float(totals["other_costs_usd"]),
        share_of_pay_from_outside_customers=(
            float(totals["paid_from_retail_usd"]) / paid if paid > 0 else 0.0
        ),
        gini_of_income=gini(table["income_usd"].to_numpy()),
    )


def compare(results: dict[str, SimulationResult]) -> pd.DataFrame:
    """Summaries of several runs, one row per run, in the order given.

    The columns are the names of :meth:`ProfitSummary.summary` and the index holds the
    runs' names, as in every mlmkit ``compare``. (This table once had one *column* per
    run: ``table[name]`` still gives that run's numbers for a release, with a
    ``FutureWarning``; write ``table.loc[name]``.)

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=300, months=4), seed=1)
    >>> table = compare({"a": run, "b": run})
    >>> table.index.tolist(), table.columns[:2].tolist()
    (['a', 'b'], ['members', 'share_lost_money'])
    """
    if not isinstance(results, dict) or not results:
        raise fail("results", results, "it must be a dict of name to SimulationResult")
    rows = {name: summarize(_check_result(run)).summary() for name, run in results.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    return RenamedColumnsFrame.wrap(table, rows_were_columns=True)


def _group_net(table: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = table.groupby(by)["net_usd"]
    out = pd.DataFrame(
        {
            "members": grouped.size(),
            "share_lost_money": table.groupby(by)["lost_money"].mean(),
            "median_net_usd": grouped.median(),
            "mean_net_usd": grouped.mean(),
            "total_net_usd": grouped.sum(),
        }
    )
    return out.reset_index()


def net_by_join_month(result: SimulationResult) -> pd.DataFrame:
    """Members' net result grouped by the month they joined.

    Returns
    -------
    pandas.DataFrame
        ``join_month``, ``members``, ``share_lost_money``, ``median_net_usd``,
        ``mean_net_usd``, ``total_net_usd``.

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=3_000), seed=3)
    >>> by_month = net_by_join_month(result)
    >>> bool(by_month["share_lost_money"].iloc[-1] == 1.0)
    True
    """
    return _group_net(profit_and_loss(result), "join_month")


def net_by_level(result: SimulationResult) -> pd.DataFrame:
    """Members' net result grouped by their level below the founders (same columns as by month).

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> result = simulate_market(UnilevelPlan(), MarketSettings(market_size=2_000), seed=1)
    >>> int(net_by_level(result)["level"].iloc[0])
    0
    """
    return _group_net(profit_and_loss(result), "level")


def typical_members(result: SimulationResult, join_months: Any) -> pd.DataFrame:
    """For each join month, the member whose net result is the median of that month's joiners.

    Returns
    -------
    pandas.DataFrame
        ``join_month``, ``member_id``, ``net_usd`` (months nobody joined are skipped).

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=3_000), seed=3)
    >>> typical_members(result, [0, 12])["join_month"].tolist()
    [0, 12]
    """
    table = profit_and_loss(result)
    months = [check_int("join_months", month, low=0) for month in np.atleast_1d(join_months).tolist()]
    rows = []
    for month in months:
        cohort = table[table["join_month"] == month].sort_values(["net_usd", "member_id"])
        if len(cohort):
            middle = cohort.iloc[(len(cohort) - 1) // 2]
            rows.append((month, int(middle["member_id"]), float(middle["net_usd"])))
    return pd.DataFrame(rows, columns=["join_month", "member_id", "net_usd"])


def running_balance(result: SimulationResult, member_ids: Any) -> pd.DataFrame:
    """Month by month, what chosen members have gained or lost so far.

    Needs a run made with ``simulate_market(..., track_members=True)``.

    Returns
    -------
    pandas.DataFrame
        ``member_id``, ``join_month``, ``month``, ``net_usd`` (that month) and
        ``balance_usd`` (running total since joining).

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> run = simulate_market(plan, settings.replace(market_size=2_000), seed=3, track_members=True)
    >>> story = running_balance(run, [0])
    >>> bool(np.isclose(story["balance_usd"].iloc[-1], profit_and_loss(run)["net_usd"].iloc[0]))
    True
    """
    months = _check_result(result).member_months
    if months is None:
        raise fail(
            "result", "a run without member months",
            "run simulate_market(..., track_members=True) to follow members month by month",
        )
    ids = np.atleast_1d(np.asarray(member_ids))
    if ids.dtype.kind not in "iu" or ((ids < 0) | (ids >= len(result.members))).any():
        raise fail("member_ids", member_ids, f"member ids run from 0 to {len(result.members) - 1}")
    story = months[months["member_id"].isin(ids)][["member_id", "month", "net_usd"]].copy()
    story = story.sort_values(["member_id", "month"], kind="stable")
    story["balance_usd"] = story.groupby("member_id")["net_usd"].cumsum()
    join = result.members["join_month"].to_numpy()
    story.insert(1, "join_month", join[story["member_id"].to_numpy()])
    return story.reset_index(drop=True)


def where_the_money_went(result: SimulationResult) -> pd.DataFrame:
    """The whole run's money as a balance: nothing is created.

    Winners' gains - losers' losses = customers' money - what the company kept - what
    third parties (events, travel, marketing) were paid. With no outside customers and
    no other costs, the winners' gains are the losers' losses minus the company's cut.
    The two sides are computed independently (members' table vs monthly ledger), so the
    ``difference_usd`` row is a real check.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``usd``.

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=2_000), seed=5)
    >>> table = where_the_money_went(result).set_index("item")["usd"]
    >>> bool(abs(table["difference_usd"]) < 1)
    True
    """
    summary = summarize(result)
    members_side = summary.total_gains_usd - summary.total_losses_usd
    money_side = summary.customer_spend_usd - summary.company_keeps_usd - summary.other_costs_usd
    rows = [
        ("winners_gained_usd", summary.total_gains_usd),
        ("losers_lost_usd", summary.total_losses_usd),
        ("customers_paid_usd", summary.customer_spend_usd),
        ("company_kept_usd", summary.company_keeps_usd),
        ("third_parties_paid_usd", summary.other_costs_usd),
        ("gains_minus_losses_usd", members_side),
        ("customers_minus_company_minus_third_parties_usd", money_side),
        ("difference_usd", members_side - money_side),
    ]
    return pd.DataFrame(rows, columns=["item", "usd"])


# ------------------------------------------------------------------ inequality
def gini(values: Any) -> float:
    """Gini coefficient of non-negative amounts (0 = everyone equal, 1 = one takes all).

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 10])
    0.75
    """
    array = np.sort(check_amounts("values", values, None))
    total = array.sum()
    if total == 0:
        return 0.0
    n = len(array)
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * array).sum()) / (n * total) - (n + 1) / n)


def lorenz_curve(values: Any, points: int = 101) -> pd.DataFrame:
    """The Lorenz curve: share of all pay received by the poorest x% of members.

    Returned at ``points`` evenly spaced population shares, so a chart stays small
    whatever the number of members.

    Examples
    --------
    >>> lorenz_curve([0, 0, 0, 10], points=5)["share_of_pay"].tolist()
    [0.0, 0.0, 0.0, 0.0, 1.0]
    """
    points = check_int("points", points, low=2, high=5000)
    array = np.sort(check_amounts("values", values, None))
    cumulative = np.concatenate([[0.0], np.cumsum(array)])
    total = cumulative[-1]
    share_of_members = np.linspace(0.0, 1.0, points)
    position = np.floor(share_of_members * len(array) + 1e-9).astype(int)
    share_of_pay = cumulative[position] / total if total > 0 else share_of_members
    return pd.DataFrame({"share_of_members": share_of_members, "share_of_pay": share_of_pay})


# --------------------------------------------------------------- legal tests
def _value_text(measure: str, value: float) -> str:
    """An indicator's value as read: an amount (its measure ends in ``USD``) or a share."""
    if measure.endswith("USD"):
        return format_usd(value, cents=False)
    if not measure.startswith("share"):
        raise ValueError(f"legal indicator measure {measure!r} is neither an amount nor a share")
    return format_value("share", value)


def legal_indicators(result: SimulationResult, lines: ProjectLines | None = None) -> pd.DataFrame:
    """The Koscot test, the Amway safeguards and the retail-share orders, on simulated numbers.

    Each row is an *indicator* of the same type as the scorecard's
    (:class:`mlmkit.regulations.IndicatorRow`): a number computed from the simulation, the
    benchmark a court or regulator used (or the project's own line, labelled as such),
    a status and the sources. An order binds only the company named in it, and no single
    number decides whether a real plan is lawful; courts look at how a plan works in
    practice (Webster v. Omnitrition, 1996). Education, not legal advice.

    Rows
    ----
    - Koscot (1): members pay the company to take part (fees, kit, required purchases).
    - Koscot (2): share of commissions funded by participants' own fees and purchases
      rather than by sales to ultimate users (a warning sign above one half: the
      project's own line, ``ProjectLines.participant_funded_warning_share``).
    - Vemma: share of all revenue that came from non-participants (more than 50%).
    - Vemma, per member: share of members whose own group met that line over the run.
    - Herbalife two-thirds: share of **all** rewards funded by retail sales (company-wide,
      as the scorecard and the pay engine apply it).
    - Herbalife 80%: verified retail plus capped personal use (under USD 200 a month per
      member, as counsel read the order) as a share of product sales.
    - Amway 70%: share of what members bought that they sold "at wholesale and/or retail"
      (retail sales plus purchases their recruits made through them), all members together.
    - Amway 10 customers: share of pay earned in months with 10 or more retail customers.

    Returns
    -------
    pandas.DataFrame
        The indicator columns ``indicator``, ``title``, ``value``, ``benchmark``,
        ``status`` (``"present"`` when the number misses the line, ``"not present"`` when
        it meets it, ``"measured"`` where no line applies), ``sources``, ``citation``;
        then, for code written against the first version, ``test`` (the title),
        ``measure``, ``meets_benchmark`` (True, False or None) and ``source_key``; and
        ``value_text``, the value as a person reads it (``USD 1,050`` for the amount a member
        paid to take part, a percentage for every share).

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=2_000), seed=5)
    >>> table = legal_indicators(result).set_index("test")
    >>> bool(table.loc["Herbalife retail share of rewards", "meets_benchmark"])
    False
    >>> table.loc["Herbalife retail share of rewards", "status"]
    'present'
    >>> table.loc["Koscot (1): pay to take part", "value_text"], table.loc["Herbalife retail share of rewards", "value_text"]
    ('USD 1,199', '4.9%')
    """
    if lines is not None:
        check_instance("lines", lines, ProjectLines, "it must be a ProjectLines object or None")
    lines = lines or ProjectLines()
    members = _check_result(result).members
    totals = result.summary()
    paid = float(totals["total_paid_usd"])
    from_retail = float(totals["paid_from_retail_usd"])
    from_participants = 1.0 - from_retail / paid if paid > 0 else 0.0
    customer_spend = float(totals["customer_spend_usd"])
    member_money = float(totals["member_fees_usd"] + totals["member_purchases_usd"])
    revenue = customer_spend + member_money
    outside_share = customer_spend / revenue if revenue > 0 else 0.0
    margin = result.settings.retail_margin
    resold = customer_spend * (1.0 - margin)
    own_product = members["purchases_usd"].to_numpy() + members["starter_kit_usd"].to_numpy()
    # "sell at wholesale and/or retail": what recruits bought through their sponsor was sold
    # (at wholesale) by that sponsor, who first bought it too
    has_sponsor = result.network.sponsor >= 0
    wholesale = float(own_product[has_sponsor].sum())
    bought = resold + float(own_product.sum()) + wholesale
    sell_through = (resold + wholesale) / bought if bought > 0 else 0.0
    months = np.maximum(members["months_active"].to_numpy(dtype=np.float64), 1.0)
    personal_per_month = members["purchases_usd"].to_numpy() / months
    capped_personal = float(
        (np.minimum(personal_per_month, HERBALIFE_MONTHLY_PERSONAL_USE_CAP_USD) * months).sum()
    )
    product_sales = resold + float(own_product.sum())
    real_user_share = (resold + min(capped_personal, float(own_product.sum()))) / product_sales if product_sales > 0 else 0.0
    with_ten = float(members["paid_with_10_customers_usd"].sum())
    ten_share = with_ten / paid if paid > 0 else 0.0
    paid_to_join = members[["entry_fee_usd", "starter_kit_usd", "purchases_usd"]].sum(axis=1)
    median_paid_to_join = float(paid_to_join.median())

    group_outside = result.network.sum_down(members["customer_sales_usd"].to_numpy())
    group_member = result.network.sum_down(
        members[["entry_fee_usd", "starter_kit_usd", "purchases_usd"]].sum(axis=1).to_numpy()
    )
    group_total = group_outside + group_member
    with np.errstate(invalid="ignore", divide="ignore"):
        group_share = np.where(group_total > 0, group_outside / np.where(group_total > 0, group_total, 1), 0)
    members_meeting_vemma = float((group_share > VEMMA_MIN_NON_PARTICIPANT_SHARE).mean())

    rows = [
        (
            "Koscot (1): pay to take part",
            "median a member paid the company (entry fee, kit, required purchases), USD",
            median_paid_to_join,
            "an element of the test, not a number; reasonable at-cost kits are common",
            None,
            "koscot_1975",
        ),
        (
            "Koscot (2): rewards unrelated to retail",
            "share of commissions funded by participants' own fees and purchases",
            from_participants,
            f"a warning sign above {lines.participant_funded_warning_share:.0%} (the project's own line)",
            from_participants <= lines.participant_funded_warning_share,
            "koscot_1975",
        ),
        (
            "Vemma non-participant revenue",
            "share of all revenue from sales to non-participants",
            outside_share,
            f"more than {VEMMA_MIN_NON_PARTICIPANT_SHARE:.0%}",
            outside_share > VEMMA_MIN_NON_PARTICIPANT_SHARE,
            RULE_SOURCES["VEMMA_MIN_NON_PARTICIPANT_SHARE"],
        ),
        (
            "Vemma rule, member by member",
            "share of members whose own group sold more than half to non-participants",
            members_meeting_vemma,
            "only these members could be paid under the Vemma order",
            None,
            RULE_SOURCES["VEMMA_MIN_NON_PARTICIPANT_SHARE"],
        ),
        (
            "Herbalife retail share of rewards",
            "share of commissions funded by sales to outside customers",
            1.0 - from_participants if paid > 0 else 0.0,
            f"at least {HERBALIFE_MIN_RETAIL_REWARD_SHARE:.0%}",
            (1.0 - from_participants) >= HERBALIFE_MIN_RETAIL_REWARD_SHARE - 1e-9 and paid > 0,
            RULE_SOURCES["HERBALIFE_MIN_RETAIL_REWARD_SHARE"],
        ),
        (
            "Herbalife 80% sales to real users",
            "share of product sales that are retail or capped personal use (under "
            f"{format_usd(HERBALIFE_MONTHLY_PERSONAL_USE_CAP_USD)} a month per member)",
            real_user_share,
            f"at least {HERBALIFE_MIN_REAL_USER_SALES_SHARE:.0%} (company-wide)",
            real_user_share >= HERBALIFE_MIN_REAL_USER_SALES_SHARE - 1e-9,
            "herbalife_2016",
        ),
        (
            "Amway 70% rule",
            "share of what members bought that they sold at wholesale (to their recruits) "
            "and/or retail, all members together",
            sell_through,
            f"at least {AMWAY_MIN_SELL_THROUGH_SHARE:.0%} sold (personal use is not selling)",
            sell_through >= AMWAY_MIN_SELL_THROUGH_SHARE,
            RULE_SOURCES["AMWAY_MIN_SELL_THROUGH_SHARE"],
        ),
        (
            "Amway 10-customer rule",
            f"share of pay earned in months with {AMWAY_MIN_RETAIL_CUSTOMERS}+ retail customers",
            ten_share,
            "all pay on downline volume",
            ten_share >= 1.0 - 1e-9 and paid > 0,
            RULE_SOURCES["AMWAY_MIN_RETAIL_CUSTOMERS"],
        ),
    ]
    keys = [
        "koscot_pay_to_take_part",
        "koscot_participant_funded_rewards",
        "vemma_non_participant_revenue",
        "vemma_members_meeting_line",
        "herbalife_retail_reward_share",
        "herbalife_real_user_sales_share",
        "amway_sell_through",
        "amway_ten_customers",
    ]
    status = {True: "not present", False: "present", None: "measured"}
    indicator_rows = [
        IndicatorRow(key, title, float(value), benchmark, status[None if meets is None else bool(meets)], (source,))
        for key, (title, _measure, value, benchmark, meets, source) in zip(keys, rows, strict=True)
    ]
    table = indicator_frame(
        indicator_rows,
        test=[row[0] for row in rows],
        measure=[row[1] for row in rows],
        meets_benchmark=[None if row[4] is None else bool(row[4]) for row in rows],
        source_key=[row[5] for row in rows],
        value_text=[_value_text(measure, value) for _title, measure, value, *_rest in rows],
    )
    table["value"] = table["value"].astype(float)
    table["meets_benchmark"] = table["meets_benchmark"].astype(object)
    return table
