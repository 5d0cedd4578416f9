"""The chart helper: one theme, and the renderer chosen by context, never by a notebook."""

from __future__ import annotations

import pytest

from leven import charts


@pytest.fixture(autouse=True)
def _restore_context():
    yield
    charts.set_context("analyse")


def test_analysis_charts_render_as_static_svg():
    charts.set_context("analyse")
    alt = charts.altair()
    assert alt.renderers.active == "svg"
    assert alt.theme.active == "leven"


def test_app_charts_are_interactive_offline_without_the_online_editor_menu():
    charts.set_context("app")
    alt = charts.altair()
    assert alt.renderers.active == "jupyter"
    assert alt.renderers.options["offline"] is True
    embed = alt.renderers.options["embed_options"]
    assert embed["actions"] is False
    assert embed["formatLocale"]["decimal"] == ","


def test_the_theme_is_applied_to_every_chart():
    alt = charts.altair()
    spec = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q").to_dict()
    assert spec["config"]["font"] == charts.FONT
    assert spec["config"]["range"]["category"] == charts.COLORS


def test_an_unknown_context_is_refused():
    with pytest.raises(ValueError):
        charts.set_context("ergens")
