"""A live chart (``mlmkit.widgets._live.LiveChart``) changed in place, in headless Chromium.

The widget's own JavaScript runs on a plain page with a stand-in for the widget model (no
JupyterLab, no kernel): it embeds the chart, then gets each later state the way the kernel
sends it (new rows, title and size signals, a new revision). After every change the chart's
title, axes, legend and marks must lie inside its canvas (``tests.browser.LOOK_JS``): Vega
sizes a canvas to its content only when it embeds the chart or its width or height changes,
so a change of data alone that pushes the title up (the bar label of a bar that reaches the
top) or the axis labels out (wider numbers) was drawn past the canvas edge and cut off
(notebook 01's "Members per level" under its "levels deep" slider). A second test shows the
look itself reports chart text past the edge of a (static, SVG) chart and charts over each other.
"""

from __future__ import annotations

from typing import Any

import pytest

from mlmkit.charts.network import level_frame, members_per_level
from mlmkit.network import full_tree
from mlmkit.widgets._common import with_data
from mlmkit.widgets._live import LiveChart, bundled_javascript
from tests.browser import LOOK_JS, browser_page, need_browser, page_errors, seen_problems

pytestmark = pytest.mark.browser

#: Loads the widget's module from its text, renders it into a new element with a stand-in
#: model, and keeps a way to send that model a new state (as a kernel's update arrives).
MOUNT_JS = """async ([code, css, state]) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
  const {render} = (await import(url)).default;
  const listeners = {};
  const model = {
    state,
    get: (name) => model.state[name],
    on: (event, fn) => { (listeners[event] ||= []).push(fn); },
    off: (event, fn) => { listeners[event] = (listeners[event] || []).filter(f => f !== fn); },
  };
  window.sendState = (next) => {
    model.state = next;
    for (const fn of listeners['change:_revision'] || []) fn();
  };
  const el = document.createElement('div');
  document.body.appendChild(el);
  render({model, el});
}"""

SHOWN_JS = "(revision) => document.querySelector('.mlmkit-live-chart')?.dataset.mlmkitShown === String(revision)"


def widget_state(chart: LiveChart) -> dict[str, Any]:
    """The synced traits the widget's JavaScript reads, as the kernel would send them."""
    return {name: getattr(chart, name) for name in ("_vl_spec", "_data", "_signals", "_revision", "embed_options")}


def test_a_live_chart_keeps_its_title_and_axes_inside_its_canvas_when_only_its_data_change():
    need_browser()
    chart = LiveChart(members_per_level(full_tree(3, 4)))
    with browser_page(viewport=(900, 700)) as (page, log):
        page.set_content("<!doctype html><html><body></body></html>")
        page.evaluate(MOUNT_JS, [bundled_javascript(), chart._css, widget_state(chart)])
        page.wait_for_function(SHOWN_JS, arg=chart._revision, timeout=30_000)
        assert seen_problems(page.evaluate(LOOK_JS, None)) == []
        # one member (the one bar reaches the top of the scale: its label pushes the title up),
        # then ten levels of two (axis labels up to 1,024), then back
        for network in (full_tree(3, 0), full_tree(2, 10), full_tree(3, 4), full_tree(1, 0)):
            kind = chart.redraw(with_data(chart.spec, level_frame(network)))
            assert kind == "data"  # changed in place, not embedded again
            page.evaluate("(state) => window.sendState(state)", widget_state(chart))
            page.wait_for_function(SHOWN_JS, arg=chart._revision, timeout=30_000)
            found = page.evaluate(LOOK_JS, None)
            assert found["charts"][0]["marks"] == 2 * (network.depth + 1)  # a bar and a label per level
            assert seen_problems(found) == [], f"{network.depth + 1} levels"
        assert page_errors(log) == []


#: Two hand-made SVG charts: the first's title starts 20 px left of its drawing, the second
#: is pulled up over the first.
CUT_AND_OVERLAPPING = """
<div class="vega-embed"><svg class="marks" width="200" height="50">
  <g class="mark-text role-title-text"><text x="-20" y="12" font-size="13">First chart</text></g>
  <g class="mark-rect role-mark"><rect x="10" y="20" width="20" height="20"></rect></g></svg></div>
<div class="vega-embed" style="display: block; margin-top: -30px"><svg class="marks" width="200" height="50">
  <g class="mark-text role-title-text"><text x="20" y="12" font-size="13">Second chart</text></g>
  <g class="mark-rect role-mark"><rect x="10" y="20" width="20" height="20"></rect></g></svg></div>
"""


def test_the_look_reports_chart_text_past_the_edge_and_charts_over_each_other():
    need_browser()
    with browser_page(viewport=(600, 400)) as (page, _log):
        page.set_content(CUT_AND_OVERLAPPING)
        hidden = [p for p in seen_problems(page.evaluate(LOOK_JS, None)) if p.startswith("chart partly hidden")]
        assert hidden == [
            'chart partly hidden: chart "First chart": its title drawn past the edge of the chart (20 px at the left)',
            'chart partly hidden: charts "First chart" and "Second chart" overlap',
        ]
        page.evaluate("() => { document.querySelector('text').setAttribute('x', '5');"
                      " document.querySelectorAll('.vega-embed')[1].style.marginTop = '0'; }")
        assert seen_problems(page.evaluate(LOOK_JS, None)) == []
