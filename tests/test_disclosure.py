"""Grouped-data statistics, the income-claim check and the first-year calculator.

Hand-worked disclosure used below (yearly gross pay):

    exactly USD 0            40%
    USD 0 to under 1,000     40%   (spread evenly: average 500)
    USD 1,000 to under 3,000 20%   (spread evenly: average 2,000)

mean = 0.4*500 + 0.2*2,000 = 600; median: the 50% point is 10/40 of the way through
the second bracket = 250; share paid 1,500 or more = 0.2 * 1,500/2,000 = 0.15.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmkit import datasets
from mlmkit._validation import MlmkitInputError
from mlmkit.disclosure import YearOneCosts, check_claim, first_year, from_brackets, from_dataset
from mlmkit.economics import gini

HAND = from_brackets([0, 0, 1000], [0, 1000, 3000], shares=[0.4, 0.4, 0.2])


def test_hand_worked_statistics():
    assert HAND.share_paid_nothing == pytest.approx(0.4)
    assert HAND.mean_usd() == pytest.approx(600)
    assert HAND.median_usd() == pytest.approx(250)
    assert HAND.quantile_usd(0.9) == pytest.approx(2000)
    assert HAND.share_at_least(1500) == pytest.approx(0.15)
    assert HAND.share_at_least_bounds(1500) == pytest.approx((0.0, 0.2))
    assert HAND.share_not_covering(500) == pytest.approx(0.4 + 0.4 * 0.5)
    assert HAND.mean_bounds() == pytest.approx((200, 1000))


def test_uniform_within_brackets_matches_the_exact_gini_and_lorenz():
    # Uniform on [0, 1000) with 40% and on [1000, 3000) with 20%, plus 40% at 0:
    # sample the even spread finely and compare with the closed forms.
    rng = np.random.default_rng(1)
    n = 400_000
    values = np.concatenate([
        np.zeros(int(0.4 * n)),
        rng.uniform(0, 1000, int(0.4 * n)),
        rng.uniform(1000, 3000, int(0.2 * n)),
    ])
    assert HAND.gini() == pytest.approx(gini(values), abs=2e-3)
    curve = HAND.lorenz_curve(points=11)
    ordered = np.sort(values)
    for p, share in zip(curve["share_of_people"], curve["share_of_pay"], strict=True):
        empirical = ordered[: int(round(p * n))].sum() / ordered.sum()
        assert share == pytest.approx(empirical, abs=3e-3)
    assert HAND.top_share(0.10) == pytest.approx(
        ordered[int(0.9 * n):].sum() / ordered.sum(), abs=3e-3)


def test_gastwirth_bounds_by_hand():
    d = from_brackets([0, 100], [100, 300], shares=[0.5, 0.5], means_usd=[50, 200])
    # lower: everyone at the bracket average; upper adds p^2 (m-a)(b-m)/(b-a) / mean.
    low, high = d.gini_bounds()
    assert low == pytest.approx(0.3)
    assert high == pytest.approx(0.3 + (0.25 * 50 * 50 / 100 + 0.25 * 100 * 100 / 200) / 125)
    assert low <= d.gini() <= high


def test_single_bracket_uniform_gini_is_one_third():
    assert from_brackets([0], [1], shares=[1]).gini() == pytest.approx(1 / 3)


BRACKET_EDGES = [0.0, 50.0, 200.0, 1000.0, 5000.0]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    zeros=st.floats(0.0, 0.8),
    scale=st.floats(10.0, 3000.0),
    n=st.integers(5, 400),
    publish_means=st.booleans(),
)
def test_bounds_contain_the_truth_for_random_data_binned_into_brackets(
    seed, zeros, scale, n, publish_means
):
    rng = np.random.default_rng(seed)
    values = rng.lognormal(np.log(scale), 1.2, n)
    values[rng.random(n) < zeros] = 0.0
    values = np.minimum(values, 20_000.0)
    if values.sum() == 0:
        values[0] = 1.0
    low, high, counts, means = [0.0], [0.0], [int((values == 0).sum())], [0.0]
    positive = values[values > 0]
    edges = [*BRACKET_EDGES, 20_000.0 + 1e-6]
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        inside = positive[(positive >= a) & (positive < b)]
        if len(inside):
            low.append(a)
            high.append(b)
            counts.append(len(inside))
            means.append(float(inside.mean()))
    keep = [i for i, c in enumerate(counts) if c > 0]
    d = from_brackets(
        [low[i] for i in keep], [high[i] for i in keep], counts=[counts[i] for i in keep],
        means_usd=[means[i] for i in keep] if publish_means else None,
    )
    truth = gini(values)
    lower, upper = d.gini_bounds()
    assert lower - 1e-9 <= truth <= upper + 1e-9
    assert lower - 1e-9 <= d.gini() <= upper + 1e-9
    if publish_means:
        assert d.mean_usd() == pytest.approx(values.mean())
        ordered = np.sort(values)
        for top in (0.01, 0.1):
            k = top * len(values)
            # exact top share of the data, with a fractional person at the cut
            whole = int(math.floor(k))
            true_top = (ordered[len(ordered) - whole:].sum()
                        + (k - whole) * ordered[len(ordered) - whole - 1]) / ordered.sum()
            top_low, top_high = d.top_share_bounds(top)
            assert top_low - 2e-3 <= true_top <= top_high + 2e-3
    for amount in (0.0, 1.0, 100.0, 999.0, 4000.0):
        share_low, share_high = d.share_at_least_bounds(amount)
        assert share_low - 1e-12 <= (values >= amount).mean() <= share_high + 1e-12
        assert share_low - 1e-12 <= d.share_at_least(amount) <= share_high + 1e-12
        for q in (0.1, 0.5, 0.9):
            assert ordered_low(d, q) <= d.quantile_usd(q) <= ordered_high(d, q)


def ordered_low(d, q):
    """The lowest pay the q-th person could have: the bottom of their bracket."""
    index = int(np.searchsorted(np.cumsum(d.share), q - 1e-12))
    return d.low_usd[min(index, len(d.share) - 1)]


def ordered_high(d, q):
    index = int(np.searchsorted(np.cumsum(d.share), q - 1e-12))
    return d.high_usd[min(index, len(d.share) - 1)]


def test_unknown_means_bounds_are_wider_than_known_means_bounds():
    known = from_brackets([0, 0, 100], [0, 100, 1000], shares=[0.5, 0.3, 0.2], means_usd=[0, 50, 400])
    unknown = from_brackets([0, 0, 100], [0, 100, 1000], shares=[0.5, 0.3, 0.2])
    k_low, k_high = known.gini_bounds()
    u_low, u_high = unknown.gini_bounds()
    assert u_low <= k_low + 1e-12 and k_high <= u_high + 1e-12
    # The extremes are reached: all of bracket 2 at 100 and bracket 1 at 100 (lowest),
    # bracket 1 near 0 and bracket 2 split to make the top heavy (highest).
    assert u_low == pytest.approx(gini(np.repeat([0.0, 100.0, 100.0], [50, 30, 20])), abs=1e-6)


def test_open_top_without_average_refuses_what_it_cannot_know():
    advocare = from_dataset("disclosure_brackets", "advocare_2017")
    assert advocare.share_paid_nothing == pytest.approx(0.67)
    assert advocare.median_usd() == 0.0
    assert advocare.share_at_least_bounds(200) == pytest.approx((0.13, 0.13))
    assert math.isnan(advocare.share_at_least(1000))
    assert advocare.share_at_least_bounds(1000) == pytest.approx((0.0, 0.13))
    with pytest.raises(MlmkitInputError, match="top bracket's average"):
        advocare.gini()
    with pytest.raises(MlmkitInputError, match="top bracket's average"):
        advocare.mean_usd()


def test_open_top_bracket_counts_fully_below_its_bottom():
    d = from_brackets([0, 0, 820], [0, 820, None], shares=[0.45, 0.05, 0.5])
    assert d.share_at_least(49) == pytest.approx(0.5 + 0.05 * (820 - 49) / 820)
    assert d.share_at_least_bounds(49) == pytest.approx((0.5, 0.55))
    assert d.median_usd() == pytest.approx(820)


def test_net_gini_is_refused_with_a_reason_when_some_end_below_zero():
    with pytest.raises(MlmkitInputError, match="end below zero"):
        HAND.net_gini(100)
    assert HAND.net_gini(0) == pytest.approx(HAND.gini())
    # Everyone above the cost: shifted brackets, a defined Gini.
    rich = from_brackets([1000, 2000], [2000, 4000], shares=[0.5, 0.5])
    shifted = from_brackets([500, 1500], [1500, 3500], shares=[0.5, 0.5])
    assert rich.net_gini(500) == pytest.approx(shifted.gini())


def test_claim_check_on_the_hand_worked_disclosure():
    check = check_claim(HAND, 125, per="month", yearly_cost_usd=300)
    assert check.yearly_usd == 1500
    assert check.share_at_least == pytest.approx(0.15)
    # after costs: pay of 1,500 + 300 = 1,800 or more: 0.2 * 1,200/2,000
    assert check.share_at_least_after_costs == pytest.approx(0.12)
    assert check.share_at_least_after_costs_bounds == pytest.approx((0.0, 0.2))
    assert "USD 1,500 a year" in check.to_text()
    text = check_claim(HAND, 50_000, per="year").to_text()
    assert "0.0%" in text
    with pytest.raises(MlmkitInputError, match="per"):
        check_claim(HAND, 10, per="fortnight")
    with pytest.raises(MlmkitInputError, match="claim_usd"):
        check_claim(HAND, -5)


def test_first_year_on_the_hand_worked_disclosure():
    costs = YearOneCosts(kit_usd=100, monthly_purchase_usd=30, yearly_events_usd=140)
    assert costs.total_usd == pytest.approx(600)
    year = first_year(HAND, costs, hours_per_week=5)
    assert year.year_one_cost_usd == pytest.approx(600)
    # share with pay of 600 or more: 0.4 * 400/1,000 + 0.2 = 0.36
    assert year.chance_of_clearing_costs == pytest.approx(0.36)
    assert year.chance_of_clearing_costs_bounds == pytest.approx((0.2, 0.6))
    assert year.median_net_usd == pytest.approx(250 - 600)
    assert year.median_hourly_net_usd == pytest.approx(-350 / (5 * 52))
    table = year.to_frame()
    assert "USD 600" in table["value"].tolist()
    assert "USD -1.35 an hour" in table["value"].tolist()
    assert math.isnan(first_year(HAND, costs).median_hourly_net_usd)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"low_usd": [0, 50], "high_usd": [100, 200], "shares": [0.5, 0.5]}, "brackets"),
        ({"low_usd": [0, 100], "high_usd": [None, 200], "shares": [0.5, 0.5]}, "high_usd"),
        ({"low_usd": [0, 100], "high_usd": [100, 200], "shares": [50, 50]}, "shares"),
        ({"low_usd": [0, 100], "high_usd": [100, 200], "shares": [0.5, 0.5],
          "means_usd": [150, None]}, "means_usd"),
        ({"low_usd": [-1], "high_usd": [100], "shares": [1]}, "low_usd"),
        ({"low_usd": [0], "high_usd": [100], "shares": [1], "counts": [3]}, "shares"),
    ],
)
def test_bad_brackets_are_named(kwargs, field):
    with pytest.raises(MlmkitInputError, match=field):
        from_brackets(**kwargs)


def test_bad_costs_are_named():
    with pytest.raises(MlmkitInputError, match="kit_usd"):
        YearOneCosts(kit_usd=-1)
    with pytest.raises(MlmkitInputError, match="hours_per_week"):
        first_year(HAND, YearOneCosts(), hours_per_week=200)


def test_every_published_row_has_a_source_and_unverified_rows_are_marked():
    listing = datasets.list()
    earnings = listing[listing["file"].str.startswith("earnings/")]["name"]
    assert len(earnings) >= 6
    for name in earnings:
        table = datasets.load(name)
        where = table["where_read"].astype(str).str.strip()
        assert (where != "").all() and table["where_read"].notna().all(), name
        assert table["verification"].notna().all(), name
        if datasets.info(name)["kind"] == "published":
            assert not (table["verification"] == "fictional").any(), name
    surveys = datasets.load("surveys")
    unverified = surveys[surveys["verification"] == "unverified"]
    assert unverified["metric"].tolist() == ["share who lost money"]


def test_fictional_example_is_labelled_and_consistent():
    sunrise = from_dataset("example_disclosure_fictional")
    assert sunrise.fictional and "fictional" in sunrise.company
    low, high = sunrise.gini_bounds()
    assert 0 < low <= sunrise.gini() <= high < 1


class _Interval:
    def __init__(self, low, high):
        self.low, self.high = low, high


class _YearOneCost:
    def __init__(self, joining, monthly, renewal, missing=()):
        self.joining, self.monthly, self.renewal = joining, monthly, renewal
        self.missing = tuple(missing)


class _Format2Profile(dict):
    """What the adapter reads from a format 2 profile: answers by path and year_one_cost()."""

    def __init__(self, answers, cost):
        super().__init__(answers)
        self._cost = cost

    def __getitem__(self, path):
        if path.startswith("pay_plan.") and path not in self:
            raise MlmkitInputError(path, "?", "not a format 2 field")
        return super().__getitem__(path)

    def year_one_cost(self):
        return self._cost


def test_format_2_profile_brackets_and_year_one_cost():
    from mlmkit.disclosure import (
        costs_from_profile,
        from_profile,
        profile_money_lines,
        unknown_cost_fields,
    )

    profile = _Format2Profile(
        {"company.name": "Format Two Co", "company.fictional": True,
         "income_disclosure.share_paid_nothing": 0.4, "income_disclosure.counts_inactive": False,
         "income_disclosure.brackets": [
             {"from_usd": 1000, "to_usd": 3000, "share": 0.2},
             {"from_usd": 0, "to_usd": 1000, "share": 0.4},
         ]},
        _YearOneCost(_Interval(100, 100), _Interval(30, 30), _Interval(140, 140)),
    )
    disclosed = from_profile(profile)
    # the USD 0 bracket is added from share_paid_nothing: the hand-worked disclosure again
    assert disclosed.share_paid_nothing == pytest.approx(0.4)
    assert disclosed.median_usd() == pytest.approx(250)
    assert disclosed.who_is_counted == "only 'active' members"
    costs = costs_from_profile(profile)
    assert costs.total_usd == pytest.approx(100 + 12 * 30 + 140)
    year = first_year(disclosed, costs)
    assert year.chance_of_clearing_costs == pytest.approx(0.36)
    lines = profile_money_lines(profile)
    assert "USD 600" in lines[0] and "36.0%" in lines[0] and "USD -350" in lines[1]
    unknown = _Format2Profile(dict(profile), _YearOneCost(_Interval(100, 100), _Interval(0, math.inf),
                                                          _Interval(0, 0), ["pay_plan.monthly_purchase_usd"]))
    assert unknown_cost_fields(unknown) == ["pay_plan.monthly_purchase_usd"]
    assert "at least USD 100" in profile_money_lines(unknown)[0]
    assert "at most" in profile_money_lines(unknown)[0]


def test_herbalife_2013_brackets_as_reported():
    herbalife = from_dataset("disclosure_brackets", "herbalife_2013")
    assert herbalife.participants == 71_535
    assert herbalife.share_at_least_bounds(100_000) == pytest.approx((0.01, 0.01))
    assert herbalife.share_at_least_bounds(1_000) == pytest.approx((0.439, 0.439))
    assert math.isnan(herbalife.share_paid_nothing)
    text = check_claim(herbalife, 2000, per="month").to_text()
    assert "possible range 1.0% to 43.9%" in text and "trust the range" in text


def test_format_2_partial_brackets_get_an_open_top_for_the_rest():
    from mlmkit.disclosure import from_profile

    # AdvoCare's court record as a format 2 profile lists only the two published brackets.
    profile = _Format2Profile(
        {"company.name": "AdvoCare", "income_disclosure.share_paid_nothing": 0.67,
         "income_disclosure.brackets": [
             {"from_usd": 0, "to_usd": 0, "share": 0.67},
             {"from_usd": 0, "to_usd": 200, "share": 0.2},
         ]},
        _YearOneCost(_Interval(59, 59), _Interval(0, 0), _Interval(0, 0)),
    )
    disclosed = from_profile(profile)
    assert disclosed.brackets["yearly gross pay"].tolist() == [
        "exactly USD 0", "USD 0 to under USD 200", "USD 200 or more"]
    assert disclosed.share.tolist() == pytest.approx([0.67, 0.2, 0.13])
    assert disclosed.share_at_least_bounds(1000) == pytest.approx((0.0, 0.13))
