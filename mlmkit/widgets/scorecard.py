"""The scorecard form: fill in a profile (or load an example), weigh what matters, save it.

Logic apart from layout. :class:`ScorecardExplorer` reads its ``controls`` into a
:class:`~mlmkit.scorecard.Profile`, scores it with :func:`mlmkit.scorecard.score`
and keeps the outcome in ``result`` (and the questions still open in
``result.questions``); ``view`` only arranges the widgets. A test sets
``controls[name].value`` and checks ``result``, no browser needed.

Controls, by name:

- ``"example"``: load one of the example companies (or a blank form);
- one control per profile field, named by its dotted path (``"product.claims"``). Numbers
  have a second control ``"<path>:state"`` (``"known"``, ``"unknown"`` or, for optional
  fields, ``"not given"``);
- ``"weight:<area>"`` and ``"weight:<criterion>"``: the weights;
- ``"save_path"`` and ``"overwrite"``: where :meth:`ScorecardExplorer.save` writes.

Education, not legal or financial advice.

Examples
--------
>>> explorer = ScorecardExplorer(example="evergreen_pantry")
>>> round(explorer.result.overall), explorer.result.band.title
(89, 'Fewer warning signs')
>>> explorer.controls["pay_plan.pay_for_recruiting"].value = True
>>> round(explorer.result.overall), explorer.result.band.title
(85, 'Strong pyramid indicators')
>>> explorer.controls["pay_plan.buyback_share:state"].value = "unknown"
>>> explorer.result.questions["field"].iloc[0]
'pay_plan.buyback_share'
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from mlmkit._display import counted
from mlmkit._validation import (
    MlmkitInputError,
    check_bool,
    check_instance,
    check_path,
    check_text,
    fail,
)
from mlmkit.charts.scorecard import (
    compare_frame,
    compare_scores,
    indicator_chart,
    points_chart,
    points_frame,
    score_bars,
    score_frame,
)
from mlmkit.scorecard import (
    AREAS,
    CRITERIA,
    FIELDS,
    UNKNOWN,
    Profile,
    ScoreResult,
    blank_profile,
    example_profiles,
    save_profile,
    score,
)
from mlmkit.scorecard.criteria import AREA_TITLES
from mlmkit.scorecard.fields import SECTION_TITLES, SECTIONS, Field, Range, is_unknown
from mlmkit.widgets._common import LiveChart, parse_percentages, show_explorer, with_data

__all__ = ["BLANK", "ScorecardExplorer", "answers_from_controls", "parse_rates"]

#: The "example" choice that clears the form.
BLANK = "(blank form)"
#: Name given to the form's own row in the comparison chart.
YOUR_FORM = "Your form"

_NOT_GIVEN = "not given"


def parse_rates(text: str, *, field: str = "pay_plan.level_rates") -> Any:
    """Read level rates typed as percentages: ``"8, 5, 3"`` -> ``(0.08, 0.05, 0.03)``.

    An empty box means "not given" (``None``); ``unknown`` means unknown.

    Examples
    --------
    >>> parse_rates("8, 5, 2.5")
    (0.08, 0.05, 0.025)
    >>> parse_rates(""), parse_rates("unknown")
    (None, 'unknown')
    >>> parse_rates("8, lots")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: pay_plan.level_rates = 'lots' is not allowed: type percentages separated by commas, like 10, 5, 5.
    """
    field = check_text("field", field, allow_empty=False, max_length=200)
    text = check_text(field, text, max_length=10_000).strip()
    if not text:
        return None
    if text.lower() == UNKNOWN:
        return UNKNOWN
    return parse_percentages(text, field=field)


def _choice_options(spec: Field) -> list[tuple[str, Any]]:
    if spec.kind == "bool":
        options: list[tuple[str, Any]] = [("yes", True), ("no", False)]
    else:
        options = [(choice.replace("_", " "), choice) for choice in spec.choices]
    options.append((UNKNOWN, UNKNOWN))
    if not spec.required:
        options.append((_NOT_GIVEN, None))
    return options


def _make_controls(style: dict[str, str], layout: widgets.Layout) -> dict[str, widgets.Widget]:
    controls: dict[str, widgets.Widget] = {}
    for path, spec in FIELDS.items():
        description = spec.label
        if spec.kind == "text":
            controls[path] = widgets.Text(
                description=description, style=style, layout=layout, continuous_update=False
            )
        elif spec.kind == "date":
            controls[path] = widgets.Text(
                description=description, placeholder="YYYY-MM-DD or unknown", style=style,
                layout=layout, continuous_update=False,
            )
        elif spec.kind in ("bool", "choice"):
            controls[path] = widgets.Dropdown(
                options=_choice_options(spec), value=UNKNOWN, description=description,
                style=style, layout=layout,
            )
        elif spec.kind == "rates":
            controls[path] = widgets.Text(
                description=description + " (%)", placeholder="e.g. 10, 5, 5",
                style=style, layout=layout, continuous_update=False,
            )
        else:
            high = spec.high if spec.high is not None else 1e9
            step = 0.05 if spec.high == 1 else 1.0
            controls[path] = widgets.BoundedFloatText(
                value=spec.low or 0.0, min=spec.low or 0.0, max=high, step=step,
                description=description, style=style, layout=widgets.Layout(width="300px"),
            )
            states = ["known", UNKNOWN] + ([] if spec.required else [_NOT_GIVEN])
            controls[f"{path}:state"] = widgets.Dropdown(
                options=states, value=UNKNOWN, layout=widgets.Layout(width="110px")
            )
    return controls


def answers_from_controls(controls: Mapping[str, widgets.Widget]) -> dict[str, Any]:
    """The profile answers a set of form controls describes (not yet checked).

    Examples
    --------
    >>> controls = _make_controls({}, widgets.Layout())
    >>> controls["product.price_vs_retail"].value = 1.5
    >>> controls["product.price_vs_retail:state"].value = "known"
    >>> answers_from_controls(controls)["product.price_vs_retail"]
    1.5
    """
    answers: dict[str, Any] = {}
    for path, spec in FIELDS.items():
        value = controls[path].value
        if spec.kind == "text":
            answers[path] = value if value.strip() or spec.path == "company.name" else None
        elif spec.kind == "date":
            answers[path] = value.strip() or None
        elif spec.kind == "rates":
            answers[path] = parse_rates(value, field=path)
        elif spec.kind in ("number", "int"):
            state = controls[f"{path}:state"].value
            if state == UNKNOWN:
                answers[path] = UNKNOWN
            elif state == _NOT_GIVEN:
                answers[path] = None
            else:
                answers[path] = int(round(value)) if spec.kind == "int" else float(value)
        else:
            answers[path] = value
    return answers


class ScorecardExplorer:
    """A form for a company profile with live scores, indicators, weights and saving.

    Parameters
    ----------
    example : str, optional
        Which example company to load first (a file stem in ``data/companies``), or
        :data:`BLANK`. Default ``"brightstart_wellness"``.
    profile : Profile, optional
        Load this profile instead of an example.
    save_path : str or path-like, optional
        Initial value of the "save to" box.
    """

    def __init__(
        self,
        example: str = "brightstart_wellness",
        *,
        profile: Profile | None = None,
        save_path: str | os.PathLike[str] = "my_company.toml",
    ) -> None:
        self.examples = example_profiles()
        example = check_text("example", example, max_length=200)
        save_path = check_path("save_path", save_path)
        if profile is not None:
            check_instance("profile", profile, Profile, "it must be a Profile (see mlmkit.scorecard.load_profile)")
        if profile is None and example != BLANK and example not in self.examples:
            raise fail("example", example, "it must be one of " + ", ".join(self.examples))
        style = {"description_width": "210px"}
        layout = widgets.Layout(width="420px")
        self.controls: dict[str, widgets.Widget] = {
            "example": widgets.Dropdown(
                options=[BLANK, *self.examples], value=BLANK, description="Load example",
                style=style, layout=layout,
            )
        }
        self.controls.update(_make_controls(style, layout))
        for area in AREAS:
            self.controls[f"weight:{area}"] = widgets.FloatSlider(
                value=1.0, min=0, max=3, step=0.25, description=AREA_TITLES[area],
                style=style, layout=layout, continuous_update=False,
            )
        for key, criterion in CRITERIA.items():
            self.controls[f"weight:{key}"] = widgets.FloatSlider(
                value=criterion.weight, min=0, max=5, step=0.5, description=criterion.title,
                style=style, layout=layout, continuous_update=False,
            )
        self.controls["save_path"] = widgets.Text(
            value=str(save_path), description="Save to (.toml)", style=style, layout=layout
        )
        self.controls["overwrite"] = widgets.Checkbox(
            value=False, description="replace an existing file (keeps a numbered backup)",
            indent=False,
        )
        self.save_button = widgets.Button(description="Save profile", icon="save")
        self.reload_button = widgets.Button(description="Reload", tooltip="Load the example again")
        self.status = widgets.HTML()
        self.questions_box = widgets.HTML()
        self.result: ScoreResult | None = None
        self.profile: Profile | None = None
        self._sources: dict[str, str] = {}
        self._lists: dict[str, Any] = {}
        self._ranges: dict[str, Range] = {}
        self._loading = False
        self._example_results: list[ScoreResult] = []
        self._example_weights: dict[str, float] | None = None

        if profile is not None:
            self.load(profile)
        elif example != BLANK:
            self.controls["example"].value = example  # not observed yet
            self.load(self.examples[example])
        else:
            self.load(blank_profile())
        assert self.result is not None
        self.score_chart: LiveChart = LiveChart(score_bars(self.result, width=260))
        self.points_chart: LiveChart = LiveChart(points_chart(self.result))
        self.indicator_chart: LiveChart = LiveChart(indicator_chart(self.result))
        self.compare_chart: LiveChart = LiveChart(compare_scores(self._comparison(self.result)))
        for name, control in self.controls.items():
            if name == "example":
                control.observe(self._on_example, names="value")
            elif name not in ("save_path", "overwrite"):
                control.observe(self._on_change, names="value")
        self.save_button.on_click(lambda _button: self.save())
        self.reload_button.on_click(lambda _button: self.load_example(self.controls["example"].value))
        self.view: Any = self._layout()

    # -- logic ---------------------------------------------------------------
    def weights(self) -> dict[str, float]:
        """The weights set by the sliders (areas and criteria)."""
        return {
            name.split(":", 1)[1]: float(control.value)
            for name, control in self.controls.items()
            if name.startswith("weight:")
        }

    def load(self, profile: Profile) -> ScoreResult | None:
        """Fill the form from ``profile`` and score it."""
        check_instance("profile", profile, Profile, "it must be a Profile (see mlmkit.scorecard.load_profile)")
        self._loading = True
        self._ranges = {}
        try:
            for path, spec in FIELDS.items():
                value = profile.answers[path]
                control = self.controls[path]
                if spec.kind == "text":
                    control.value = "" if value is None else str(value)
                elif spec.kind == "date":
                    control.value = "" if value is None else UNKNOWN if is_unknown(value) else value.isoformat()
                elif spec.kind == "rates":
                    control.value = (
                        "" if value is None else UNKNOWN if is_unknown(value)
                        else ", ".join(f"{rate * 100:g}" for rate in value)
                    )
                elif spec.kind in ("number", "int"):
                    state = self.controls[f"{path}:state"]
                    if value is None:
                        state.value = _NOT_GIVEN if not spec.required else UNKNOWN
                    elif is_unknown(value):
                        state.value = UNKNOWN
                    elif isinstance(value, Range):  # kept as a range until this answer is changed
                        control.value = float(value.low)
                        state.value = "known"
                        self._ranges[path] = value
                    else:
                        control.value = float(value)
                        state.value = "known"
                else:
                    control.value = value
            self._sources = dict(profile.sources)
            self._lists = dict(profile.lists)
        finally:
            self._loading = False
        return self.update()

    def update(self) -> ScoreResult | None:
        """Recompute ``profile`` and ``result`` from the controls.

        A bad answer or weight leaves the last good result in place and explains the
        problem in ``status``.
        """
        try:
            answers = answers_from_controls(self.controls)
            for path, kept in self._ranges.items():
                if answers.get(path) == kept.low:  # the range's control was not changed
                    answers[path] = kept
            sources = {
                path: note for path, note in self._sources.items()
                if answers.get(path) is not None or self._lists.get(path) is not None
            }
            profile = Profile(answers, sources, "the form", self._lists)
            result = score(profile, self.weights())
        except MlmkitInputError as error:
            self.status.value = f"<span style='color:#b00'>{html.escape(str(error))}</span>"
            return self.result
        self.profile, self.result = profile, result
        unknown = len(profile.open_fields)
        present = int((result.indicators["status"] == "present").sum())
        known = "n/a" if result.overall != result.overall else f"{result.overall:.0f}"
        self.status.value = html.escape(
            f"{result.company}: {result.band.title}. Score on known answers {known}/100 (range "
            f"{result.low:.0f} to {result.high:.0f}, {result.coverage:.0%} answered). {counted(present, 'pyramid indicator')} "
            f"present; {counted(unknown, 'answer')} unknown. Education, not legal or financial advice."
        )
        items = "".join(f"<li>{html.escape(q)}</li>" for q in result.questions["question"])
        self.questions_box.value = (
            "<b>Questions to ask the person recruiting you</b><ol>" + items + "</ol>"
        )
        return result

    def _comparison(self, result: ScoreResult) -> list[ScoreResult]:
        weights = self.weights()
        if weights != self._example_weights:
            self._example_results = [score(profile, weights) for profile in self.examples.values()]
            self._example_weights = weights
        own = score(result.profile.replace({"company.name": YOUR_FORM}), weights)
        return [*self._example_results, own]

    def save(self, path: str | os.PathLike[str] | None = None, *, overwrite: bool | None = None) -> Path | None:
        """Save the form as a profile file without losing an earlier one.

        Parameters
        ----------
        path : str or path-like, optional
            Defaults to the "save to" box.
        overwrite : bool, optional
            Defaults to the checkbox. Without it an existing file is never replaced; with
            it the old file is kept as a numbered backup
            (see :func:`mlmkit.scorecard.save_profile`).

        Returns
        -------
        pathlib.Path or None
            The backup made of the previous file, if any.
        """
        replace = bool(self.controls["overwrite"].value) if overwrite is None else check_bool("overwrite", overwrite)
        if self.profile is None:
            raise fail("form", "no valid profile", "fix the answers shown in red first")
        try:
            target = check_path("path" if path is not None else "save to", path if path is not None
                                else self.controls["save_path"].value)
            backup = save_profile(self.profile, target, overwrite=replace)
        except (MlmkitInputError, OSError) as error:
            self.status.value = f"<span style='color:#b00'>{html.escape(str(error))}</span>"
            if path is not None or overwrite is not None:
                raise
            return None
        kept = f" The previous file was kept as {backup.name}." if backup else ""
        self.status.value = html.escape(f"Saved {target}.{kept}")
        return backup

    def load_example(self, name: str) -> ScoreResult | None:
        """Load an example company (or :data:`BLANK`) into the form, even if already chosen."""
        name = check_text("name", name, max_length=200)
        if name != BLANK and name not in self.examples:
            raise fail("example", name, "it must be one of " + ", ".join([BLANK, *self.examples]))
        self._loading = True
        try:
            self.controls["example"].value = name
        finally:
            self._loading = False
        self.load(blank_profile() if name == BLANK else self.examples[name])
        self._redraw()
        return self.result

    # -- wiring --------------------------------------------------------------
    def _on_example(self, change: dict[str, Any]) -> None:
        if not self._loading:
            self.load_example(change["new"])

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        before = self.result
        self.update()
        if self.result is not before:
            self._redraw()

    def _redraw(self) -> None:
        """Swap new data into the chart specs built once (no re-validation)."""
        result = self.result
        assert result is not None
        self.score_chart.redraw(with_data(
            self.score_chart.spec, score_frame(result), title=f"{result.company}: scores"
        ))
        self.points_chart.redraw(with_data(
            self.points_chart.spec, points_frame(result),
            title=f"{result.company}: where the points come from",
        ))
        title = dict(self.indicator_chart.spec["title"], text=f"{result.company}: pyramid indicators")
        self.indicator_chart.redraw(with_data(
            self.indicator_chart.spec, result.indicators, title=title
        ))
        self.compare_chart.redraw(with_data(
            self.compare_chart.spec, compare_frame(self._comparison(result))
        ))

    def _layout(self) -> widgets.Widget:
        def field_row(path: str) -> widgets.Widget:
            if f"{path}:state" in self.controls:
                return widgets.HBox([self.controls[path], self.controls[f"{path}:state"]])
            return self.controls[path]

        sections = []
        for section in SECTIONS:
            title = SECTION_TITLES[section]
            rows = [field_row(path) for path in FIELDS if path.startswith(section + ".")]
            sections.append((title, widgets.VBox(rows)))
        area_sliders = [self.controls[f"weight:{area}"] for area in AREAS]
        criterion_sliders = [self.controls[f"weight:{key}"] for key in CRITERIA]
        sections.append(("Weights: areas", widgets.VBox(area_sliders)))
        sections.append(("Weights: criteria", widgets.VBox(criterion_sliders)))
        sections.append(
            (
                "Save",
                widgets.VBox([self.controls["save_path"], self.controls["overwrite"], self.save_button]),
            )
        )
        form = widgets.Accordion(
            children=[box for _, box in sections],
            titles=tuple(title for title, _ in sections),
            layout=widgets.Layout(width="560px"),
        )
        form.selected_index = 0
        chooser = widgets.HBox([self.controls["example"], self.reload_button])
        return widgets.VBox(
            [
                chooser,
                widgets.HBox([form, self.score_chart]),
                self.status,
                self.indicator_chart,
                self.points_chart,
                self.compare_chart,
                self.questions_box,
            ]
        )

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live form; in a static export, the charts as they are now."""
        assert self.result is not None
        show_explorer(
            self.view,
            "An interactive form is here when the notebook runs in JupyterLab. "
            "The charts below show its current answers.",
            score_bars(self.result),
            indicator_chart(self.result),
            points_chart(self.result),
        )
