"""The offline Vega bundle of Altair's chart widget is built once per installation, not per kernel.

``setup_altair("jupyter")`` gives Altair's ``JupyterChart`` the same bundle Altair's own
``enable_offline`` would build (the same source, cut the same way, the same Vega-Lite
version), kept in the cache folder so the next kernel reads it instead of bundling again.
``vl_convert.javascript_bundle`` is replaced by a recorder here, so the test compares what
each path asks vl-convert to bundle without spending seconds on real bundling.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import vl_convert
from altair.jupyter.jupyter_chart import JupyterChart

from mlmkit.charts import _bundle, setup_altair
from mlmkit.charts._setup import RESTORED, offline_chart_widget


def recorded(source: str, vl_version: str | None = None) -> str:
    return f"bundled for Vega-Lite {vl_version}:\n{source}"


def refuse(source: str, vl_version: str | None = None) -> str:
    raise AssertionError("bundled again although a kept bundle was there")


@pytest.fixture
def fresh_widget(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Altair's chart widget back online, an empty cache folder, no bundle in memory."""
    monkeypatch.setattr(JupyterChart, "_esm", JupyterChart._esm)
    monkeypatch.setattr(JupyterChart, "_is_offline", False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _bundle.javascript_bundle.cache_clear()
    yield tmp_path / "mlmkit"
    _bundle.javascript_bundle.cache_clear()


def test_same_bundle_as_altairs_own_and_kept_for_the_next_kernel(fresh_widget: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(vl_convert, "javascript_bundle", recorded)
    JupyterChart.enable_offline(True)  # what Altair itself would build
    altairs = JupyterChart._esm
    assert altairs.startswith("bundled for Vega-Lite v") and "esm.sh" not in altairs

    monkeypatch.setattr(JupyterChart, "_is_offline", False)
    previous = alt.renderers.active
    with pd.option_context(*RESTORED):  # setup_altair also sets table options: keep the tests' own
        setup_altair("jupyter")
    alt.renderers.enable(previous)
    assert JupyterChart._is_offline and JupyterChart._esm == altairs
    assert [path.name.split("_")[:2] for path in fresh_widget.glob("*.js")] == [["altair", "chart"]]

    # the next kernel (nothing in memory): read from the cache folder, nothing bundled
    monkeypatch.setattr(JupyterChart, "_is_offline", False)
    _bundle.javascript_bundle.cache_clear()
    monkeypatch.setattr(vl_convert, "javascript_bundle", refuse)
    offline_chart_widget()
    assert JupyterChart._is_offline and JupyterChart._esm == altairs


def test_a_cache_folder_that_cannot_be_written_only_means_bundling_again(fresh_widget: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    fresh_widget.parent.mkdir(parents=True, exist_ok=True)
    fresh_widget.write_text("a file where the folder should be")
    monkeypatch.setattr(vl_convert, "javascript_bundle", recorded)
    offline_chart_widget()
    assert JupyterChart._is_offline and JupyterChart._esm.startswith("bundled for Vega-Lite v")
