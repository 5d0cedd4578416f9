"""The chart helper: one theme, and the renderer chosen by context, never by a notebook."""

from __future__ import annotations

import pytest

from leven.core import charts


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


def test_the_vega_bundle_is_made_once_kept_and_then_loaded_from_our_server(
    tmp_path, monkeypatch
):
    from altair.jupyter import JupyterChart

    from leven.core import vega_bundle

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(JupyterChart, "_is_offline", False)
    monkeypatch.setattr(JupyterChart, "_esm", JupyterChart._esm)
    vega_bundle.enable_offline()  # no bundle kept yet: vl-convert makes it, it is kept
    kept = tmp_path / "leven" / "vega" / vega_bundle.bundle_name()
    assert kept.read_text(encoding="utf-8") == JupyterChart._esm
    assert len(JupyterChart._esm) > 500_000 and "https://" not in JupyterChart._esm[:2000]
    assert not list(kept.parent.glob("*.tmp"))

    monkeypatch.setattr(JupyterChart, "_is_offline", False)  # as in a new kernel
    monkeypatch.setattr(JupyterChart, "enable_offline", None)  # bundling again would fail
    vega_bundle.enable_offline()
    assert JupyterChart._is_offline and JupyterChart._esm == kept.read_text(encoding="utf-8")

    vega_bundle.load_from_server()  # outside Voila: nothing known of a server
    assert not JupyterChart._esm.startswith("http")
    monkeypatch.setenv("SERVER_NAME", "127.0.0.1")
    monkeypatch.setenv("SERVER_PORT", "8866")
    monkeypatch.setenv("VOILA_BASE_URL", "/werkboek/")
    vega_bundle.load_from_server()
    assert JupyterChart._esm == (
        f"http://127.0.0.1:8866/werkboek/leven/vega/{vega_bundle.bundle_name()}")


def _bars(width):
    import pandas as pd

    words = pd.DataFrame({"woord": ["zorg", "buurt"], "aantal": [3, 2], "notities": [2, 1]})
    return charts.word_bars(words, axis_title="Aantal", tooltip_titles=("w", "a", "n"),
                            width=width, max_width=480)


def test_an_app_chart_takes_its_box_width_up_to_a_maximum_and_a_notebook_chart_keeps_its_own():
    fitted = _bars(charts.CONTAINER).to_dict()
    assert fitted["width"] == "container"
    assert fitted["usermeta"] == {"leven": {"maxWidth": 480}}
    fixed = _bars(360).to_dict()
    assert fixed["width"] == 360 and "usermeta" not in fixed


def test_the_app_shows_a_fitted_chart_in_a_widget_marked_for_the_stylesheet():
    charts.set_context("app")
    widget = charts._widget(_bars(charts.CONTAINER), charts._placed(_bars(charts.CONTAINER)))
    assert charts.FIT_CLASS in widget._dom_classes
    assert widget.layout.max_width == "480px"
    assert charts._placed(_bars(360)) is None  # drawn as it is
    scrolled = charts.scroll(_bars(560))
    widget = charts._widget(scrolled, charts._placed(scrolled))
    assert charts.SCROLL_CLASS in widget._dom_classes and widget.tabbable is True


def test_labels_are_limited_by_the_box_only_on_a_fitted_chart():
    assert charts.label_limit(320, 520) == 320
    limit = charts.label_limit(320, charts.CONTAINER).to_dict()
    assert "containerSize()[0]" in limit["expr"] and "width" in limit["expr"]
    assert charts.legend_columns(charts.CONTAINER) == 1
    assert charts.legend_limit(600, 560) == 600 and charts.legend_limit(600, "container") == 100
