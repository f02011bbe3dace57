"""One vocabulary (issue 8): new names work, old names warn FutureWarning and give the same answer."""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.network import from_sponsor_table, full_tree, random_tree
from mlmkit.plans import UnilevelPlan, payouts, sale_breakdown
from mlmkit.simulate import MarketSettings, simulate_market

TABLE = pd.DataFrame(
    {
        "member_id": ["Ada", "Ben", "Cleo", "Dev", "Gus", "Ivo"],
        "sponsor_id": [None, "Ada", "Ada", "Ben", "Dev", "Gus"],
    }
)
PLAN = UnilevelPlan(personal_rate=0.25, level_rates=(0.10, 0.05, 0.05))
SMALL = MarketSettings(market_size=400, months=6)


@pytest.fixture(scope="module")
def network():
    return from_sponsor_table(TABLE)


@pytest.fixture(scope="module")
def run():
    return simulate_market(PLAN, SMALL, seed=3, track_members=True)


def no_warning(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        return function(*args, **kwargs)


# ------------------------------------------------------------------ member ids
def test_upline_of_takes_and_gives_ids(network):
    assert no_warning(network.upline_of, "Ivo") == ["Gus", "Dev", "Ben", "Ada"]
    assert no_warning(full_tree(2, 2).upline_of, 6) == [2, 0]


def test_upline_of_a_position_still_works_with_a_warning(network):
    with pytest.warns(FutureWarning, match="the member's id"):
        assert network.upline_of(5) == [4, 3, 1, 0]  # the old answer: positions


@pytest.mark.parametrize("bad", ["Zed", "ivo", 99, None, 2.5, True])
def test_an_unknown_id_is_a_clear_error(network, bad):
    with pytest.raises(MlmkitInputError, match="is not a member of this network"):
        network.upline_of(bad)
    with pytest.raises(MlmkitInputError, match="seller = .* is not a member"):
        sale_breakdown(PLAN, network, seller=bad, sale_usd=100)


def test_default_network_rejects_positions_out_of_range():
    with pytest.raises(MlmkitInputError, match="member_id = 7"):
        full_tree(2, 1).position_of(7)


def test_sale_breakdown_names_members_by_id_and_marks_the_company(network):
    table = no_warning(sale_breakdown, PLAN, network, seller="Ivo", sale_usd=100)
    members = table[table["member_id"].notna()]
    assert members["member_id"].tolist() == ["Ivo", "Gus", "Dev", "Ben"]
    assert members["levels_up"].tolist() == [0, 1, 2, 3]
    assert members["usd"].tolist() == pytest.approx([25.0, 10.0, 5.0, 5.0])
    assert not members["to_company"].any()
    company = table[table["to_company"]]
    assert company["member_id"].isna().all() and company["levels_up"].isna().all()
    assert table["usd"].sum() == pytest.approx(100.0)
    assert company["usd"].sum() == pytest.approx(55.0)


def test_sale_breakdown_old_member_column_warns_and_gives_positions(network):
    table = sale_breakdown(PLAN, network, seller="Ivo", sale_usd=100)
    with pytest.warns(FutureWarning, match="'member'"):
        old = table["member"]
    assert old.tolist() == [5, 4, 3, 1, -1]


def test_sale_breakdown_with_a_position_warns_and_gives_the_same_table(network):
    new = sale_breakdown(PLAN, network, seller="Ivo", sale_usd=100)
    with pytest.warns(FutureWarning, match="seller='Ivo'"):
        old = sale_breakdown(PLAN, network, seller=5, sale_usd=100)
    pd.testing.assert_frame_equal(pd.DataFrame(old), pd.DataFrame(new))


# ------------------------------------------------------------- one name per quantity
def test_payout_columns_new_names_and_old_names(network):
    result = payouts(PLAN, network, retail_sales_usd=100.0)
    members = result.members
    assert {"total_paid_usd", "paid_from_retail_usd"} <= set(members.columns)
    assert "total_pay_usd" not in members.columns
    with pytest.warns(FutureWarning, match="'total_paid_usd'"):
        old = members["total_pay_usd"]
    assert old.equals(members["total_paid_usd"])
    with pytest.warns(FutureWarning, match="'paid_from_retail_usd'"):
        old_pair = members[["member_id", "pay_from_retail_usd"]]
    assert old_pair["paid_from_retail_usd"].equals(members["paid_from_retail_usd"])
    assert result.summary()["total_paid_usd"] == pytest.approx(members["total_paid_usd"].sum())


def test_simulation_columns_new_names_and_old_names(run):
    assert "total_paid_usd" in run.members.columns and "total_paid_usd" in run.monthly.columns
    for table, old, new in [
        (run.members, "commissions_usd", "total_paid_usd"),
        (run.members, "pay_from_retail_usd", "paid_from_retail_usd"),
        (run.members, "pay_with_10_customers_usd", "paid_with_10_customers_usd"),
        (run.monthly, "paid_to_members_usd", "total_paid_usd"),
        (run.member_months, "commissions_usd", "total_paid_usd"),
    ]:
        with pytest.warns(FutureWarning, match=repr(new)):
            assert table[old].equals(table[new])


def test_founder_sponsor_is_na_in_every_table(network, run):
    assert network.to_frame()["sponsor_id"].isna().tolist() == [True] + [False] * 5
    assert payouts(PLAN, network, 10.0).members["sponsor_id"].isna().sum() == 1
    sponsor = run.members["sponsor_id"]
    assert sponsor.isna().sum() == 1 and pd.isna(sponsor.iloc[0])
    assert str(sponsor.dtype) == "Int32"  # members known by their numbers, as in every table
    numbered = random_tree(50, seed=1)  # (the fixture's members have names: a string column)
    assert str(numbered.to_frame()["sponsor_id"].dtype) == "Int32"
    assert str(payouts(PLAN, numbered, 10.0).members["sponsor_id"].dtype) == "Int32"
    assert str(network.to_frame()["sponsor_id"].dtype) == "string"
    quit_month = run.members["quit_month"]  # <NA> while still a member, never -1
    assert str(quit_month.dtype) == "Int32" and quit_month.isna().any() and not (quit_month < 0).any()
    founders = run.members["member_id"] < run.settings.founders
    assert quit_month[founders].isna().all()


def test_tree_highlight_takes_an_id(network):
    from mlmkit.charts.network import tree_frame

    frame = no_warning(tree_frame, network, highlight="Gus")
    assert frame.loc[frame["highlight"], "member_id"].tolist() == ["Gus"]
    with pytest.raises(MlmkitInputError, match="highlight = 'Zed'"):
        tree_frame(network, highlight="Zed")


def test_derived_tables_are_plain_dataframes(run):
    assert type(run.members.head()) is pd.DataFrame
    assert type(run.members.copy()) is pd.DataFrame


# ------------------------------------------------------------------ module names
@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("mlmkit.charts.simulation", "mlmkit.charts.simulate", "members_over_time"),
    ],
)
def test_old_module_paths_warn_and_give_the_same_objects(old, new, name):
    importlib.import_module("mlmkit.charts")
    module = importlib.import_module(old)
    with pytest.warns(FutureWarning, match=new):
        thing = getattr(module, name)
    assert thing is getattr(importlib.import_module(new), name)


@pytest.mark.parametrize("name", ["downline_tree", "members_per_level", "commission_flow", "tree_layout"])
def test_top_level_chart_names_warn_and_give_the_network_charts(name):
    import mlmkit.charts as charts
    import mlmkit.charts.network as network_charts

    with pytest.warns(FutureWarning, match=f"mlmkit.charts.network.{name}"):
        assert getattr(charts, name) is getattr(network_charts, name)


def test_old_widget_paths_warn_and_give_the_same_objects():
    pytest.importorskip("ipywidgets")
    import mlmkit.widgets as widgets
    from mlmkit.widgets.network import DownlineExplorer
    from mlmkit.widgets.simulate import MarketExplorer

    with pytest.warns(FutureWarning):
        assert widgets.DownlineExplorer is DownlineExplorer
    with pytest.warns(FutureWarning, match="mlmkit.widgets.network"):
        from mlmkit.widgets.explorer import DownlineExplorer as OldExplorer
    assert OldExplorer is DownlineExplorer
    with pytest.warns(FutureWarning, match="mlmkit.widgets.simulate"):
        assert importlib.import_module("mlmkit.widgets.simulation").MarketExplorer is MarketExplorer


def test_plan_protocol_is_defined_once():
    import mlmkit.plans as plans
    import mlmkit.plans.engine as engine
    import mlmkit.simulate as simulate

    assert plans.Plan is engine.Plan is simulate.Plan


def test_renamed_argument_given_twice_is_an_error():
    from mlmkit._compat import renamed_arguments

    @renamed_arguments(old="new")
    def f(new: int = 0) -> int:
        return new

    with pytest.raises(MlmkitInputError, match="pass only new="):
        f(old=1, new=2)
    assert np.isclose(no_warning(f, new=3), 3)


# ------------------------------------------------------------------ summaries
def test_simulation_summary_and_old_totals(run):
    summary = no_warning(run.summary)
    assert isinstance(summary, pd.Series) and summary.name == run.plan_name
    assert summary["members_ever"] == len(run.members)
    with pytest.warns(FutureWarning, match=r"summary\(\)"):
        assert run.totals().equals(summary)


def test_profit_summary_and_old_to_series(run):
    from mlmkit.economics import summarize

    profit = summarize(run)
    summary = no_warning(profit.summary)
    assert summary["share_lost_money"] == profit.share_lost_money
    with pytest.warns(FutureWarning, match=r"summary\(\)"):
        assert profit.to_series().equals(summary)
    assert "share_lost_money" in profit._repr_html_() or "lost money" in profit._repr_html_()


def test_every_summary_method_returns_a_series():
    """One shape per concept: every ``.summary()`` in the package is annotated (and returns) a Series."""
    import inspect
    import pkgutil

    import mlmkit

    wrong = []
    for info in pkgutil.walk_packages(mlmkit.__path__, prefix="mlmkit."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and obj.__module__ == module.__name__ and "summary" in vars(obj):
                annotation = inspect.signature(vars(obj)["summary"]).return_annotation
                if "Series" not in str(annotation):
                    wrong.append(f"{info.name}.{name}.summary -> {annotation}")
    assert not wrong, wrong


def test_break_even_summary_is_a_series_and_the_sentence_moved():
    from mlmkit.planners import break_even

    result = break_even(150, 50, 0.25, 0.05, 3)
    summary = no_warning(result.summary)
    assert isinstance(summary, pd.Series) and summary.name == "break-even"
    assert summary["customers_needed"] == 13 and summary["retail_volume_needed_usd"] == 650.0
    assert all(name.endswith("_usd") for name in summary.index if "usd" in name)
    assert str(result) == no_warning(result.to_text) and "13 customers" in result.to_text()
    assert "13 customers" in result._repr_html_()
    with pytest.warns(FutureWarning, match=r"BreakEven.to_text\(\)"):
        assert "13 customers" in summary
    with pytest.warns(FutureWarning, match=r"BreakEven.to_text\(\)"):
        assert summary.startswith("Each customer")
    never = break_even(100, 40, 0.05, cost_per_order_usd=2).summary()
    assert np.isnan(never["customers_needed"])


def test_disclosure_summary_is_a_series_and_the_table_moved():
    from mlmkit.disclosure import from_brackets

    disclosure = from_brackets([0, 0, 1000], [0, 1000, None], shares=[0.6, 0.3, 0.1], company="Acme")
    summary = no_warning(disclosure.summary, yearly_cost_usd=500)
    assert isinstance(summary, pd.Series) and summary.name == "Acme"
    assert summary["share_paid_nothing"] == pytest.approx(0.6)
    assert summary["median_net_usd"] == pytest.approx(disclosure.median_usd() - 500)
    assert np.isnan(summary["mean_yearly_pay_usd"])  # open top bracket, no published average
    table = no_warning(disclosure.summary_table, 500)
    assert table.columns.tolist() == ["measure", "value", "how"]
    with pytest.warns(FutureWarning, match=r"summary_table\(\)"):
        assert summary["value"].tolist() == table["value"].tolist()


def test_books_form_summary_is_a_series_and_the_sentence_moved():
    from mlmkit.widgets.books import BooksForm

    form = BooksForm([("2026-01-05", "starter_kit", 99.0, "kit")])
    summary = no_warning(form.summary)
    assert summary["entries"] == 1 and summary["net_usd"] == -99.0
    assert form.status_text().startswith("1 entry;")
    with pytest.warns(FutureWarning, match=r"status_text\(\)"):
        assert "1 entry" in summary


# -------------------------------------------------------------------- compare
def test_every_compare_has_one_row_per_thing_and_the_summary_names(run, network):
    from mlmkit import economics, scorecard
    from mlmkit.plans import MatrixPlan, compare_plans

    runs = {"first": run, "second": run}
    table = no_warning(economics.compare, runs)
    assert table.index.tolist() == ["first", "second"]
    assert table.columns.tolist() == economics.summarize(run).summary().index.tolist()

    plans = [PLAN, MatrixPlan(width=2, level_rates=(0.1,) * 3)]
    by_plan = compare_plans(plans, network, retail_sales_usd=100)
    assert len(by_plan) == 2
    assert by_plan.columns.tolist() == payouts(PLAN, network, 100).summary().index.tolist()

    profiles = list(scorecard.example_profiles().values())[:3]
    ranked = no_warning(scorecard.compare, profiles)
    summary_names = scorecard.score(profiles[0]).summary().index.tolist()
    assert ranked.columns.tolist() == ["rank", "company", *summary_names]
    assert ranked["overall"].is_monotonic_decreasing


def test_old_compare_shapes_warn_and_give_the_same_numbers(run):
    from mlmkit import economics, scorecard

    table = economics.compare({"first": run})
    with pytest.warns(FutureWarning, match=r"table.loc\['first'\]"):
        old_column = table["first"]
    assert old_column["median_net_usd"] == table.loc["first", "median_net_usd"]

    ranked = scorecard.compare(list(scorecard.example_profiles().values())[:2])
    for old, new in [("product", "product_score"), ("pay_plan", "pay_plan_score"),
                     ("company_stability", "company_score")]:
        with pytest.warns(FutureWarning, match=new):
            assert ranked[old].equals(ranked[new])


# --------------------------------------------------------------- copy with changes
def test_replace_on_every_parameter_object():
    from mlmkit.plans import BinaryPlan, MatrixPlan, PayRules, Rank, StairStepPlan
    from mlmkit.scorecard import blank_profile

    assert PLAN.replace(personal_rate=0.1).personal_rate == 0.1
    assert PLAN.replace(personal_rate=0.1).level_rates == PLAN.level_rates
    for plan in (BinaryPlan(), MatrixPlan(), StairStepPlan()):
        assert plan.replace().name == plan.name
    assert PayRules().replace(compression=False).compression is False
    assert Rank("bronze", 0.0, 0.05).replace(rate=0.06).rate == 0.06
    assert SMALL.replace(months=3).months == 3
    profile = blank_profile("Acme")
    assert profile.replace({"pay_plan.entry_fee_usd": 49})["pay_plan.entry_fee_usd"] == 49.0
    assert profile.replace(**{"pay_plan.entry_fee_usd": 49}) == profile.replace({"pay_plan.entry_fee_usd": 49})


def test_replace_checks_the_copy_and_the_field_names():
    with pytest.raises(MlmkitInputError, match="personal_rate"):
        PLAN.replace(personal_rate=1.5)
    with pytest.raises(MlmkitInputError, match="UnilevelPlan has no field 'rates'"):
        PLAN.replace(rates=(0.1,))
    with pytest.raises(MlmkitInputError, match="market_size"):
        SMALL.replace(market_size=-1)


def test_with_answers_warns_and_gives_the_same_profile():
    from mlmkit.scorecard import blank_profile

    profile = blank_profile("Acme")
    with pytest.warns(FutureWarning, match=r"Profile.replace"):
        old = profile.with_answers({"pay_plan.entry_fee_usd": 49})
    assert old == profile.replace({"pay_plan.entry_fee_usd": 49})


def test_market_settings_old_field_name():
    new = MarketSettings(monthly_other_costs_usd=10.0)
    with pytest.warns(FutureWarning, match="monthly_other_costs_usd"):
        assert MarketSettings(other_costs_usd_per_month=10.0) == new
    with pytest.warns(FutureWarning, match="monthly_other_costs_usd"):
        assert MarketSettings().replace(other_costs_usd_per_month=10.0) == new
    with pytest.warns(FutureWarning, match="monthly_other_costs_usd"):
        assert new.other_costs_usd_per_month == 10.0


# ---------------------------------------------------------------- recruits_each
def test_recruits_each_and_old_branching():
    from mlmkit.network import first_level_exceeding, geometric_levels

    with pytest.warns(FutureWarning, match="recruits_each="):
        assert full_tree(branching=3, depth=2).size == no_warning(full_tree, recruits_each=3, depth=2).size == 13
    with pytest.warns(FutureWarning, match="recruits_each="):
        old = geometric_levels(branching=6, depth=3)
    pd.testing.assert_frame_equal(old, geometric_levels(recruits_each=6, depth=3))
    with pytest.warns(FutureWarning, match="recruits_each="):
        assert first_level_exceeding(branching=6, population=8e9) == first_level_exceeding(6, 8e9) == 13
    with pytest.raises(MlmkitInputError, match="recruits_each = 0"):
        full_tree(recruits_each=0, depth=2)


def test_members_per_level_names_and_old_names():
    table = full_tree(recruits_each=3, depth=2).members_per_level()
    assert table.columns.tolist() == ["level", "members_at_level", "members_through_level"]
    with pytest.warns(FutureWarning, match="members_through_level"):
        assert table["cumulative_members"].tolist() == [1, 4, 13]
    with pytest.warns(FutureWarning, match="members_at_level"):
        assert table["members"].tolist() == [1, 3, 9]


def test_downline_explorer_recruits_each_and_old_names():
    pytest.importorskip("ipywidgets")
    from mlmkit.widgets.network import DownlineExplorer

    explorer = no_warning(DownlineExplorer, recruits_each=2, depth=2)
    assert explorer.result.network.size == 7
    with pytest.warns(FutureWarning, match="recruits_each"):
        old = DownlineExplorer(branching=2, depth=2)
    assert old.result.network.size == 7
    with pytest.warns(FutureWarning, match="'recruits_each'"):
        old.controls["branching"].value = 3
    assert old.result.network.size == 13


def test_swap_data_is_public_and_fills_a_chart_built_once():
    import mlmkit.charts as charts
    from mlmkit.charts.network import level_frame, members_per_level

    spec = members_per_level(full_tree(recruits_each=2, depth=2)).to_dict()
    bigger = full_tree(recruits_each=3, depth=3)
    swapped = charts.swap_data(spec, level_frame(bigger))
    (rows,) = swapped["datasets"].values()
    assert [row["members"] for row in rows] == [1, 3, 9, 27]
    assert swapped["layer"] == spec["layer"] and "swap_data" in charts.__all__


def test_break_even_names_units_last_and_old_names_warn():
    from mlmkit import planners

    new = planners.break_even(monthly_costs_usd=150, order_per_customer_usd=50, retail_margin=0.25)
    assert new.order_per_customer_usd == 50.0
    with pytest.warns(FutureWarning, match="order_per_customer_usd="):
        old = planners.break_even(monthly_costs_usd=150, order_usd_per_customer=50, retail_margin=0.25)
    assert old == new
    with pytest.warns(FutureWarning, match="BreakEven.order_per_customer_usd"):
        assert old.order_usd_per_customer == 50.0
    profile = {"pay_plan.monthly_purchase_usd": 120, "pay_plan.personal_rate": 0.1}
    with pytest.warns(FutureWarning, match="monthly_other_costs_usd="):
        by_old_name = planners.break_even_for_profile(profile, 50, other_monthly_costs_usd=30)
    assert by_old_name == planners.break_even_for_profile(profile, 50, monthly_other_costs_usd=30)


# ------------------------------------------------ money names: units last (monthly_<thing>_usd)
OLD_COST_FIELDS = {
    "required_purchases_usd_per_month": "monthly_purchase_usd",
    "renewal_usd_per_year": "yearly_renewal_usd",
    "events_usd_per_year": "yearly_events_usd",
    "samples_usd_per_month": "monthly_samples_usd",
    "phone_usd_per_month": "monthly_phone_usd",
    "travel_usd_per_month": "monthly_travel_usd",
    "other_usd_per_year": "yearly_other_costs_usd",
}


def _disclosure():
    from mlmkit.disclosure import from_brackets

    return from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1], company="Acme")


@pytest.mark.parametrize(("old", "new"), sorted(OLD_COST_FIELDS.items()))
def test_year_one_costs_old_field_names_warn_and_give_the_same_costs(old, new):
    from mlmkit.disclosure import YearOneCosts, first_year

    costs = no_warning(YearOneCosts, kit_usd=99, **{new: 40})
    with pytest.warns(FutureWarning, match=f"{new}="):
        old_costs = YearOneCosts(kit_usd=99, **{old: 40})
    assert old_costs == costs and old_costs.total_usd == costs.total_usd
    assert costs.total_usd == 99 + 40 * (12 if new.startswith("monthly_") else 1)
    with pytest.warns(FutureWarning, match=f"YearOneCosts.{new}"):
        assert getattr(costs, old) == 40.0
    with pytest.warns(FutureWarning, match=f"YearOneCosts.{new}"):
        assert YearOneCosts().replace(**{old: 40}).replace(kit_usd=99) == costs
    with pytest.raises(MlmkitInputError, match=f"old name of '{new}'"):
        YearOneCosts(**{old: 40, new: 40})
    assert first_year(_disclosure(), old_costs, hours_per_week=5) == first_year(_disclosure(), costs, hours_per_week=5)


def test_year_one_cost_items_old_column_and_first_year_hourly_name():
    from mlmkit.disclosure import FirstYear, YearOneCosts, first_year

    items = YearOneCosts(kit_usd=99, monthly_purchase_usd=50).items()
    assert items.columns.tolist() == ["item", "yearly_usd"]
    with pytest.warns(FutureWarning, match="'yearly_usd'"):
        assert items["usd_per_year"].equals(items["yearly_usd"])
    year = first_year(_disclosure(), YearOneCosts(kit_usd=100, monthly_purchase_usd=50), hours_per_week=5)
    assert year.median_hourly_net_usd == pytest.approx(-700 / (5 * 52))
    with pytest.warns(FutureWarning, match="FirstYear.median_hourly_net_usd"):
        assert year.median_net_usd_per_hour == year.median_hourly_net_usd
    fields = {name: getattr(year, name) for name in FirstYear.__dataclass_fields__}
    fields["median_net_usd_per_hour"] = fields.pop("median_hourly_net_usd")
    with pytest.warns(FutureWarning, match="median_hourly_net_usd="):
        assert FirstYear(**fields) == year


def test_disclosure_published_mean_old_name():
    from mlmkit.disclosure import Disclosure

    disclosure = _disclosure()
    with pytest.warns(FutureWarning, match="Disclosure.published_mean_usd"):
        np.testing.assert_array_equal(disclosure.mean_usd_published, disclosure.published_mean_usd)
    parts = dict(low_usd=disclosure.low_usd, high_usd=disclosure.high_usd, share=disclosure.share)
    with pytest.warns(FutureWarning, match="published_mean_usd="):
        old = Disclosure(**parts, mean_usd_published=disclosure.published_mean_usd)
    assert old.median_usd() == disclosure.median_usd()


def test_herbalife_cap_old_names():
    from mlmkit import regulations

    new = no_warning(regulations.herbalife_real_user_share, 600, [150, 300], 700, monthly_cap_usd=250)
    with pytest.warns(FutureWarning, match="monthly_cap_usd="):
        assert regulations.herbalife_real_user_share(600, [150, 300], 700, cap_usd_per_month=250) == new
    with pytest.warns(FutureWarning, match="monthly_personal_use_usd="):
        assert regulations.herbalife_real_user_share(
            600, participant_purchases_usd=700, personal_use_usd_per_month=[150, 300], monthly_cap_usd=250) == new
    with pytest.warns(FutureWarning, match="HERBALIFE_MONTHLY_PERSONAL_USE_CAP_USD"):
        assert regulations.HERBALIFE_PERSONAL_USE_CAP_USD_PER_MONTH == regulations.HERBALIFE_MONTHLY_PERSONAL_USE_CAP_USD
    with pytest.raises(AttributeError):
        regulations.NO_SUCH_NAME  # noqa: B018


def test_kernel_free_grids_old_names():
    from mlmkit.books import make_ledger
    from mlmkit.charts import kernel_free as kf
    from mlmkit.disclosure import YearOneCosts

    new = no_warning(kf.first_year_grid, _disclosure(), YearOneCosts(), monthly_purchase_usd=(0, 100), kits_usd=(0,))
    with pytest.warns(FutureWarning, match="monthly_purchase_usd="):
        old = kf.first_year_grid(_disclosure(), YearOneCosts(), required_purchases_usd_per_month=(0, 100), kits_usd=(0,))
    pd.testing.assert_frame_equal(old, new)
    saved = new.rename(columns={"monthly_purchase_usd": "required_usd"})  # a grid saved before the rename
    with pytest.warns(FutureWarning, match="'monthly_purchase_usd'"):
        assert kf.first_year_explorer(saved).to_dict() == kf.first_year_explorer(new).to_dict()
    ledger = make_ledger([("2026-01-05", "required_purchases", 100.0, "autoship")])
    books = no_warning(kf.books_grid, ledger, monthly_personal_use_usd=(0, 40))
    with pytest.warns(FutureWarning, match="monthly_personal_use_usd="):
        pd.testing.assert_frame_equal(kf.books_grid(ledger, personal_use_usd=(0, 40)), books)
    with pytest.warns(FutureWarning, match="'monthly_personal_use_usd'"):
        old_chart = kf.books_explorer(books.rename(columns={"monthly_personal_use_usd": "personal_use_usd"}))
    assert old_chart.to_dict() == kf.books_explorer(books).to_dict()


def test_first_year_widget_old_names():
    pytest.importorskip("ipywidgets")
    from mlmkit.disclosure import YearOneCosts
    from mlmkit.widgets.disclosure import FirstYearCalculator, FirstYearModel

    model = FirstYearModel(_disclosure(), YearOneCosts(kit_usd=99), 5)
    new = no_warning(model.update, monthly_purchase_usd=100).year_one_cost_usd
    with pytest.warns(FutureWarning, match="monthly_purchase_usd="):
        assert model.update(required_purchases_usd_per_month=100).year_one_cost_usd == new == 1299.0
    calculator = FirstYearCalculator(_disclosure())
    with pytest.warns(FutureWarning, match="'monthly_phone_usd'"):
        calculator.controls["phone_usd_per_month"].value = 10
    assert calculator.model.costs.monthly_phone_usd == 10.0


@pytest.mark.parametrize(("old", "new"), [
    ("--monthly-purchases-usd", "--monthly-purchase-usd"), ("--renewal-usd", "--yearly-renewal-usd"),
    ("--events-usd", "--yearly-events-usd"), ("--samples-usd-per-month", "--monthly-samples-usd"),
    ("--phone-usd-per-month", "--monthly-phone-usd"), ("--travel-usd-per-month", "--monthly-travel-usd"),
    ("--other-usd", "--yearly-other-costs-usd"),
])
def test_first_year_old_cli_options_warn_and_give_the_same_answer(capsys, old, new):
    from mlmkit.cli import main

    base = ["first-year", "--disclosure", "example_disclosure_fictional", "--hours-per-week", "5"]
    assert no_warning(main, [*base, new, "40"]) == 0
    expected = capsys.readouterr().out
    with pytest.warns(FutureWarning, match=f"now called {new}"):
        assert main([*base, old, "40"]) == 0
    assert capsys.readouterr().out == expected
    assert old not in no_warning(main_help, capsys)
    assert main([*base, old, "40", new, "40"]) == 2
    assert f"old name of {new}" in capsys.readouterr().err


def main_help(capsys):
    from mlmkit.cli import main

    with pytest.raises(SystemExit):
        main(["first-year", "--help"])
    return capsys.readouterr().out


#: Money names where "usd" is not the last word on purpose: none yet. Add one only with a reason.
UNITS_NOT_LAST_ON_PURPOSE: dict[str, str] = {}


def _public_names():
    """(where, name) for every public name a user types: module constants in ``__all__``,
    dataclass fields, class attributes and properties, and every parameter of a public
    function, constructor or method (old names kept behind a FutureWarning are skipped)."""
    import dataclasses
    import inspect
    import pkgutil

    import mlmkit

    def parameters(where, function):
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            return
        for name in signature.parameters:
            yield where, name

    for info in pkgutil.walk_packages(mlmkit.__path__, prefix="mlmkit."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            where = f"{info.name}.{name}"
            if inspect.isclass(obj):
                if dataclasses.is_dataclass(obj):
                    yield from ((where, field.name) for field in dataclasses.fields(obj))
                yield from parameters(f"{where}()", obj)
                for attribute, value in vars(obj).items():
                    if attribute.startswith("_"):
                        continue
                    if isinstance(value, property) and (value.__doc__ or "").startswith("Old name of"):
                        continue  # an old name kept for a release
                    yield where, attribute
                    if callable(value) or isinstance(value, classmethod | staticmethod):
                        yield from parameters(f"{where}.{attribute}", getattr(obj, attribute))
            elif callable(obj):
                yield from parameters(where, obj)
            else:
                yield info.name, name


_PERIODS = ("month", "year", "week", "day", "hour")


def _unit_not_last(name: str) -> bool:
    """A money name off the convention: ``usd`` not last, a period after the thing
    (``fee_per_month_usd``: write ``monthly_fee_usd``), ``annual`` for a year (write
    ``yearly_fee_usd``), or ``_pct`` / ``_dollars``."""
    words = name.lower().replace(".", "_").split("_")
    period_late = any(word == "per" and after in _PERIODS for word, after in zip(words, words[1:], strict=False))
    annual = "usd" in words and bool({"annual", "annually"} & set(words))
    return ("usd" in words and (words[-1] != "usd" or period_late)) or annual or bool({"pct", "dollars"} & set(words))


def test_every_public_money_name_ends_in_usd():
    """CONTRIBUTING, Vocabulary: money ends in _usd (monthly_fee_usd, never fee_usd_per_month)."""
    names = set(_public_names())
    assert len(names) > 500  # the scan reaches the whole package
    assert ("mlmkit.disclosure.YearOneCosts", "monthly_purchase_usd") in names
    drifted = sorted(f"{where}: {name}" for where, name in names
                     if _unit_not_last(name) and name not in UNITS_NOT_LAST_ON_PURPOSE)
    assert not drifted, "money names with the unit not last (write monthly_<thing>_usd):\n" + "\n".join(drifted)


@pytest.mark.parametrize(("old", "new"), [
    ("required_purchases_usd_per_month", "monthly_purchase_usd"), ("renewal_usd_per_year", "yearly_renewal_usd"),
    ("usd_per_year", "yearly_usd"), ("median_net_usd_per_hour", "median_hourly_net_usd"),
    ("cap_usd_per_month", "monthly_cap_usd"), ("fee_pct", "fee_share"), ("price_dollars", "price_usd"),
    ("fee_per_month_usd", "monthly_fee_usd"), ("order_per_customer_usd", "order_per_customer_usd"),
    ("annual_fee_usd", "yearly_fee_usd"), ("pay_plan.annual_renewal_usd", "pay_plan.yearly_renewal_usd"),
    ("median_annual_usd", "median_yearly_usd"),
])
def test_the_name_scan_catches_the_old_shapes(old, new):
    assert _unit_not_last(old) == (old != new)  # "per customer" is not a period: that name is fine
    assert not _unit_not_last(new)


# ------------------------------------------------- profile fields: yearly, not annual
def test_every_profile_field_name_follows_the_money_convention():
    """The profile format's field paths and list item keys are names a user types too."""
    from mlmkit.scorecard.fields import FIELDS, LISTS

    names = list(FIELDS) + [f"{path}.{item.path}" for path, spec in LISTS.items() for item in spec.items]
    assert "pay_plan.yearly_renewal_usd" in names and "pay_plan.packages.yearly_fee_usd" in names
    drifted = [name for name in names if _unit_not_last(name)]
    assert not drifted, drifted


_OLD_PROFILE_NAMES = [
    ("annual_renewal_usd = ", "yearly_renewal_usd = ", "pay_plan.annual_renewal_usd", "pay_plan.yearly_renewal_usd"),
    ("median_annual_usd = ", "median_yearly_usd = ", "income_disclosure.median_annual_usd",
     "income_disclosure.median_yearly_usd"),
]


def _old_names_file(tmp_path, name="vitaflow_nutrition.toml"):
    """A shipped profile rewritten with the old (``annual_``) names, as a user saved it before issue 8."""
    from mlmkit.datasets import data_path

    text = data_path("companies", name).read_text(encoding="utf-8")
    for old_key, new_key, _, _ in _OLD_PROFILE_NAMES:
        assert new_key in text
        text = text.replace(new_key, old_key)
    text = text.replace('"pay_plan.yearly_renewal_usd"', '"pay_plan.annual_renewal_usd"')  # a [sources] note, if any
    old = tmp_path / name
    old.write_text(text, encoding="utf-8")
    return data_path("companies", name), old


def test_an_old_profile_file_loads_identically_with_a_note_and_saves_new_names(tmp_path):
    from mlmkit.scorecard import load_profile, save_profile, score

    shipped, old_file = _old_names_file(tmp_path)
    new = load_profile(shipped)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a file is not code: a note, no warning
        old = load_profile(old_file)
    assert old == new
    assert old.answers == new.answers and old.lists == new.lists and old.sources == new.sources
    assert old["pay_plan.yearly_renewal_usd"] == 49.0 and old["income_disclosure.median_yearly_usd"] == 150.0
    assert old.year_one_cost().describe() == new.year_one_cost().describe()
    assert score(old).overall == score(new).overall and score(old).low == score(new).low
    assert len(old.notes) == len(new.notes) + 1
    assert "pay_plan.annual_renewal_usd is now pay_plan.yearly_renewal_usd" in old.notes[-1]
    assert "income_disclosure.median_annual_usd is now income_disclosure.median_yearly_usd" in old.notes[-1]
    saved = tmp_path / "saved.toml"
    save_profile(old, saved)
    text = saved.read_text(encoding="utf-8")
    assert "annual_" not in text and "yearly_renewal_usd = 49" in text and "median_yearly_usd = 150" in text
    assert load_profile(saved) == new


def test_an_old_package_fee_key_loads_and_saves_as_yearly_fee(tmp_path):
    from mlmkit.scorecard import load_profile, save_profile

    shipped = Path(__file__).parent / "data" / "court_records" / "burnlounge_2014.toml"
    text = shipped.read_text(encoding="utf-8")
    assert text.count("yearly_fee_usd = ") == 3
    old_file = tmp_path / "burnlounge_old.toml"
    old_file.write_text(text.replace("yearly_fee_usd = ", "annual_fee_usd = "), encoding="utf-8")
    new, old = load_profile(shipped), load_profile(old_file)
    assert old == new and old.lists["pay_plan.packages"] == new.lists["pay_plan.packages"]
    assert [item.get("yearly_fee_usd") for item in old.lists["pay_plan.packages"]] == [29.95, 129.95, 429.95]
    assert "pay_plan.packages: annual_fee_usd is now yearly_fee_usd" in old.notes[-1]
    assert old.year_one_cost().describe() == new.year_one_cost().describe()
    save_profile(old, tmp_path / "saved.toml")
    assert "annual_fee_usd" not in (tmp_path / "saved.toml").read_text(encoding="utf-8")


def test_an_old_profile_name_given_with_its_new_name_is_refused(tmp_path):
    from mlmkit.scorecard import profile_from_dict
    from mlmkit.scorecard.profile import blank_profile

    tables = blank_profile("X").to_dict()
    tables["pay_plan"] |= {"annual_renewal_usd": 10, "yearly_renewal_usd": 20}
    with pytest.raises(MlmkitInputError, match="pay_plan.annual_renewal_usd = 10 .* old name of pay_plan.yearly_renewal_usd"):
        profile_from_dict(tables)


@pytest.mark.parametrize(("old_path", "new_path"), [(old, new) for _, _, old, new in _OLD_PROFILE_NAMES])
def test_old_profile_field_names_in_code_warn_and_give_the_same_answer(old_path, new_path):
    from mlmkit.scorecard import Profile
    from mlmkit.scorecard.profile import blank_profile

    new = no_warning(blank_profile("X").replace, {new_path: 25})
    with pytest.warns(FutureWarning, match=f"the profile field {old_path} is now called {new_path}"):
        assert blank_profile("X").replace({old_path: 25}) == new
    with pytest.warns(FutureWarning, match=f"{old_path} is now called {new_path}"):
        assert new[old_path] == new[new_path] == 25.0
    answers = {**new.answers}
    answers[old_path] = answers.pop(new_path)
    with pytest.warns(FutureWarning, match=f"{old_path} is now called {new_path}"):
        assert Profile(answers) == new


def test_old_package_fee_key_in_code_warns_and_gives_the_same_cost():
    from mlmkit.scorecard.profile import blank_profile

    base = blank_profile("X").replace({"pay_plan.entry_fee_usd": 0, "pay_plan.monthly_purchase_usd": 0,
                                       "pay_plan.yearly_renewal_usd": 0, "pay_plan.starter_kit_usd": 0})
    package = {"name": "Pro", "price_usd": 100.0, "earns_pay": True}
    new = no_warning(base.replace, {"pay_plan.packages": [{**package, "yearly_fee_usd": 50.0}]})
    with pytest.warns(FutureWarning, match="annual_fee_usd is now called yearly_fee_usd"):
        old = base.replace({"pay_plan.packages": [{**package, "annual_fee_usd": 50.0}]})
    assert old == new and old.year_one_cost().describe() == new.year_one_cost().describe() == "USD 150"


def test_disclosure_from_an_old_dict_of_answers_warns_and_reads_the_median():
    from mlmkit.datasets import data_path
    from mlmkit.disclosure import from_profile
    from mlmkit.scorecard import load_profile

    profile = load_profile(data_path("companies", "vitaflow_nutrition.toml"))
    new = from_profile(profile)
    answers = {**profile.answers}
    answers["income_disclosure.median_annual_usd"] = answers.pop("income_disclosure.median_yearly_usd")
    with pytest.warns(FutureWarning, match="median_annual_usd is now called income_disclosure.median_yearly_usd"):
        old = from_profile(answers)
    assert old.median_usd() == new.median_usd()
    assert old.summary(yearly_cost_usd=500).equals(new.summary(yearly_cost_usd=500))
