"""One vocabulary (issue 8): new names work, old names warn FutureWarning and give the same answer."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.network import from_sponsor_table, full_tree
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
    assert str(sponsor.dtype) == "Int64"


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
