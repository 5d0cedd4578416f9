"""GAS charts, checked through ``chart.to_dict()``: marks, encodings, data and Dutch titles."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.i18n import set_language
from leven.gas import GasDoel, GasScore, experiment_summary, goals_frame, scorings_frame, tidy_frame
from leven.gas import charts as gas_charts

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def doel(experiment_id: str, text: str, volgorde: int = 0) -> GasDoel:
    return GasDoel(
        experiment_id=experiment_id,
        experiment=f"Experiment {experiment_id}",
        doel=text,
        niveau_0=f"{text}: verwacht",
        volgorde=volgorde,
    )


def score(doel_id: str, meting: str, day: date, niveau: int) -> GasScore:
    return GasScore(doel_id=doel_id, meting=meting, datum=day, niveau=niveau)


@pytest.fixture
def frames():
    goals = goals_frame(
        [
            ("g1", "bergeijk", doel("e1", "Samen casussen bespreken")),
            ("g2", "bergeijk", doel("e1", "Elkaars rol kennen", volgorde=1)),
            ("g3", "bergeijk", doel("e2", "Informatiepunt verwijst door")),
            ("g4", "lindendal", doel("e3", "Gespreksgroep zingeving")),
            ("g5", "lindendal", doel("e4", "Nooit gescoord")),
        ]
    )
    scores = scorings_frame(
        [
            ("s1", "bergeijk", score("g1", "nulmeting", date(2025, 5, 13), -1)),
            ("s2", "bergeijk", score("g1", "vervolgmeting", date(2025, 9, 16), 1)),
            ("s3", "bergeijk", score("g1", "vervolgmeting", date(2026, 1, 20), 2)),
            ("s4", "bergeijk", score("g2", "nulmeting", date(2025, 5, 13), 0)),
            ("s5", "bergeijk", score("g3", "nulmeting", date(2025, 5, 13), -2)),
            ("s6", "lindendal", score("g4", "nulmeting", date(2025, 6, 3), -2)),
            ("s7", "lindendal", score("g4", "vervolgmeting", date(2025, 11, 25), 1)),
        ]
    )
    return goals, scores


def rows_with(spec: dict, column: str) -> list[dict]:
    """The one inline data set of the chart whose rows have ``column``."""
    found = [rows for rows in spec["datasets"].values() if rows and column in rows[0]]
    assert len(found) == 1
    return found[0]


def layers(spec: dict) -> list[dict]:
    return spec["layer"] if "layer" in spec else spec["spec"]["layer"]


def test_levels_over_time(frames):
    goals, scores = frames
    tidy = tidy_frame(goals, scores)
    spec = gas_charts.levels_over_time(tidy[tidy["experiment_id"] == "e1"]).to_dict()
    assert spec["title"] == "Bereikt niveau per doel in de tijd"
    expected, lines, points = layers(spec)
    assert expected["mark"]["type"] == "rule"
    assert expected["mark"]["strokeDash"] == [6, 4]
    assert lines["mark"]["type"] == "line"
    assert points["mark"]["type"] == "point"
    x, y = points["encoding"]["x"], points["encoding"]["y"]
    assert (x["field"], x["type"], x["title"]) == ("datum", "temporal", "Datum")
    assert x["scale"]["type"] == "utc"  # the same axis in every time zone
    assert (y["field"], y["type"], y["title"]) == ("niveau", "quantitative", "Bereikt niveau")
    assert y["axis"]["values"] == [-2, -1, 0, 1, 2]
    assert "+2 veel meer bereikt dan verwacht" in y["axis"]["labelExpr"]
    assert "0 verwacht resultaat (het doel)" in y["axis"]["labelExpr"]
    assert y["scale"]["domain"] == [-2.3, 2.3]
    assert points["encoding"]["color"]["field"] == "doel"
    assert points["encoding"]["color"]["title"] == "Doel"
    assert points["encoding"]["shape"]["title"] == "Meting"
    assert lines["encoding"]["detail"]["field"] == "doel_id"  # one line per goal
    rows = rows_with(spec, "doel")
    assert [(r["doel"], r["datum"], r["niveau"], r["meting"]) for r in rows] == [
        ("1. Samen casussen bespreken", "2025-05-13", -1, "nulmeting"),
        ("1. Samen casussen bespreken", "2025-09-16", 1, "vervolgmeting"),
        ("1. Samen casussen bespreken", "2026-01-20", 2, "vervolgmeting"),
        ("2. Elkaars rol kennen", "2025-05-13", 0, "nulmeting"),
    ]


def test_levels_over_time_leaves_unscored_goals_out(frames):
    goals, scores = frames
    tidy = tidy_frame(goals, scores)
    spec = gas_charts.levels_over_time(tidy[tidy["experiment_id"] == "e4"]).to_dict()
    data = [rows for rows in spec["datasets"].values() if not rows or "doel_id" in rows[0]]
    assert data == [[]]  # g5 has no scoring: no point at 0 or anywhere


def test_t_scores_one_proeftuin(frames):
    summary = experiment_summary(*frames)
    spec = gas_charts.t_scores(summary[summary["proeftuin"] == "bergeijk"]).to_dict()
    assert spec["title"] == "T-score bij nulmeting en laatste vervolgmeting"
    assert "facet" not in spec
    fifty, span, points = spec["layer"]
    assert fifty["encoding"]["x"]["datum"] == 50
    assert span["mark"]["type"] == "rule"
    assert (span["encoding"]["x"]["aggregate"], span["encoding"]["x2"]["aggregate"]) == (
        "min",
        "max",
    )
    assert points["mark"]["type"] == "circle"
    assert points["encoding"]["x"]["title"] == "T-score"
    assert points["encoding"]["y"]["field"] == "label"
    assert points["encoding"]["color"]["scale"]["domain"] == ["nulmeting", "vervolgmeting"]
    rows = spec["datasets"][spec["data"]["name"]]
    # e1: nulmeting g1 −1, g2 0 → 50 − 10/√(0.7·2 + 0.3·4) = 43.80; vervolgmeting g1 +2 → 70.
    # e2: only a nulmeting (−2 → 30): one point, no span.
    assert [(r["label"], r["meting"], r["t"]) for r in rows] == [
        ("Experiment e1", "nulmeting", 43.8),
        ("Experiment e1", "vervolgmeting", 70.0),
        ("Experiment e2", "nulmeting", 30.0),
    ]


def test_t_scores_a_panel_per_proeftuin(frames):
    spec = gas_charts.t_scores(experiment_summary(*frames)).to_dict()
    assert spec["facet"]["row"]["field"] == "proeftuin"
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["rule", "rule", "circle"]
    rows = spec["datasets"][spec["data"]["name"]]
    assert {r["proeftuin"] for r in rows} == {"bergeijk", "lindendal"}
    assert "Experiment e4" not in {r["label"] for r in rows}  # never scored: no T, no point


def test_change_distribution(frames):
    spec = gas_charts.change_distribution(experiment_summary(*frames)).to_dict()
    assert spec["title"] == "Verandering van de T-score per experiment"
    zero, box, points = spec["layer"]
    assert zero["encoding"]["y"]["field"] == "verandering"
    assert box["mark"]["type"] == "boxplot"
    assert points["mark"]["type"] == "circle"
    assert points["encoding"]["x"]["title"] == "Proeftuin"
    assert points["encoding"]["y"]["title"] == "Verandering T-score (vervolgmeting − nulmeting)"
    rows = rows_with(spec, "experiment")
    # e1 paired on g1 only: −1 → +2 is 40 → 70 = +30; e3: −2 → +1 = +30; e2, e4 have none.
    assert [(r["proeftuin"], r["experiment"], r["verandering"]) for r in rows] == [
        ("bergeijk", "Experiment e1", 30.0),
        ("lindendal", "Experiment e3", 30.0),
    ]


def test_titles_follow_the_language(frames):
    set_language("en")
    spec = gas_charts.change_distribution(experiment_summary(*frames)).to_dict()
    assert spec["title"] == "Change in T-score per experiment"
    assert spec["layer"][2]["encoding"]["x"]["title"] == "Proeftuin"


def test_t_over_time_draws_every_scored_date_per_experiment(frames):
    from leven.gas.measurements import t_per_date

    per_date = t_per_date(*frames)
    bergeijk = gas_charts.t_over_time(per_date[per_date["proeftuin"] == "bergeijk"]).to_dict()
    assert bergeijk["title"] == "T-score op elke meetdatum"
    fifty, lines = bergeijk["layer"]
    assert fifty["encoding"]["y"]["datum"] == 50
    assert lines["encoding"]["x"]["scale"]["type"] == "utc"
    rows = bergeijk["datasets"][bergeijk["data"]["name"]]
    # e1 on 13-05-2025: g1 −1 and g2 0 → 43.80; on 16-09-2025 only g1 +1 → 60; on
    # 20-01-2026 only g1 +2 → 70. e2 on 13-05-2025: g3 −2 → 30.
    assert [(r["label"], r["datum"], r["t"], r["gescoord"]) for r in rows] == [
        ("Experiment e1", "2025-05-13", 43.8, "2 / 2"),
        ("Experiment e1", "2025-09-16", 60.0, "1 / 2"),
        ("Experiment e1", "2026-01-20", 70.0, "1 / 2"),
        ("Experiment e2", "2025-05-13", 30.0, "1 / 1"),
    ]
    both = gas_charts.t_over_time(per_date).to_dict()
    assert both["facet"]["row"]["field"] == "proeftuin"


def test_the_apps_levels_chart_takes_its_box_width(frames):
    tidy = tidy_frame(*frames)
    assert gas_charts.levels_over_time(tidy).to_dict()["width"] == 560  # the notebook's
    spec = gas_charts.levels_over_time(tidy, width="container").to_dict()
    assert spec["width"] == "container"
    assert spec["usermeta"]["leven"]["maxWidth"] == gas_charts.LEVELS_MAX_WIDTH
