"""T per measurement date, the signals to check and the ρ table, against hand-computed values."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from leven.gas import experiment_summary, measurements
from leven.gas.measurements import flags, rho_sensitivity, t_per_date

pytestmark = pytest.mark.usefixtures("dutch")


def at(day: str) -> pd.Timestamp:
    return pd.Timestamp(f"{day}T12:00:00+00:00")


def goals(**changes: object) -> pd.DataFrame:
    rows = [
        {"record_id": "g1", "proeftuin": "p", "experiment_id": "e", "experiment": "Casustafel",
         "doel": "Elke maand een casus", "gewicht": 1.0, "version": 1,
         "saved_at": at("2024-12-20")},
        {"record_id": "g2", "proeftuin": "p", "experiment_id": "e", "experiment": "Casustafel",
         "doel": "Huisarts schuift aan", "gewicht": 2.0, "version": 1,
         "saved_at": at("2024-12-20")},
    ]
    for key, value in changes.items():
        goal, field = key.split("__")
        next(r for r in rows if r["record_id"] == goal)[field] = value
    return pd.DataFrame(rows)


def scores(*extra: tuple) -> pd.DataFrame:
    rows = [
        ("s1", "g1", "nulmeting", "2025-01-01", -1),
        ("s2", "g2", "nulmeting", "2025-01-01", -2),
        ("s3", "g1", "vervolgmeting", "2025-03-01", 1),
        ("s4", "g1", "vervolgmeting", "2025-06-01", 2),
        ("s5", "g2", "vervolgmeting", "2025-06-01", 0),
        *extra,
    ]
    frame = pd.DataFrame(rows, columns=["record_id", "doel_id", "meting", "datum", "niveau"])
    frame["saved_at"] = [at(d) for d in frame["datum"]]
    return frame


def hand_t(pairs: list[tuple[float, int]], rho: float = 0.3) -> float:
    """T = 50 + 10 Σwx / sqrt((1-ρ) Σw² + ρ (Σw)²), written out."""
    swx = sum(w * x for w, x in pairs)
    sww = sum(w * w for w, _ in pairs)
    sw = sum(w for w, _ in pairs)
    return 50 + 10 * swx / math.sqrt((1 - rho) * sww + rho * sw * sw)


def test_t_on_every_date_uses_the_goals_scored_that_day():
    table = t_per_date(goals(), scores())
    assert table["datum"].tolist() == [date(2025, 1, 1), date(2025, 3, 1), date(2025, 6, 1)]
    assert table["n_gescoord"].tolist() == [2, 1, 2]
    assert table["n_doelen"].tolist() == [2, 2, 2]
    assert table["metingen"].tolist() == ["nulmeting", "vervolgmeting", "vervolgmeting"]
    expected = [hand_t([(1, -1), (2, -2)]), hand_t([(1, 1)]), hand_t([(1, 2), (2, 0)])]
    assert table["t"].tolist() == pytest.approx(expected)
    assert expected == pytest.approx([29.9195, 60.0, 58.0322], abs=1e-4)
    # the first and the last date are what the summary calls nulmeting and vervolgmeting
    summary = experiment_summary(goals(), scores()).iloc[0]
    assert (summary["t_nulmeting"], summary["t_vervolgmeting"]) == pytest.approx(
        (expected[0], expected[2]))


def test_two_scorings_on_one_date_count_the_one_saved_last_and_are_flagged():
    again = ("s6", "g2", "vervolgmeting", "2025-06-01", 1)
    table = t_per_date(goals(), scores(again))
    assert table["t"].iloc[-1] == pytest.approx(hand_t([(1, 2), (2, 1)]))
    found = flags(goals(), scores(again))
    assert found[["doel_id", "signaal"]].values.tolist() == [["g2", "twee_scores_een_datum"]]
    assert found["uitleg"].iloc[0].startswith("2 scores van dit doel op 01-06-2025")
    assert found["doel"].iloc[0] == "Huisarts schuift aan"


def test_a_goal_saved_again_after_its_nulmeting_is_flagged_and_one_before_is_not():
    edited = goals(g1__version=2, g1__saved_at=at("2025-02-01"),
                   g2__version=2, g2__saved_at=at("2024-12-28"))
    found = flags(edited, scores())
    assert found[["doel_id", "signaal"]].values.tolist() == [["g1", "gewijzigd_na_nulmeting"]]
    assert "versie 2" in found["uitleg"].iloc[0] and "01-01-2025" in found["uitleg"].iloc[0]
    assert flags(goals(), scores()).empty


def test_the_rho_table_gives_every_experiment_at_every_rho():
    table = rho_sensitivity(goals(), scores())
    assert table["rho"].tolist() == [0.2, 0.3, 0.4, 0.5]
    for rho, row in zip(table["rho"], table.itertuples(), strict=True):
        base = hand_t([(1, -1), (2, -2)], rho)
        assert row.t_nulmeting == pytest.approx(base)
        assert row.verandering == pytest.approx(hand_t([(1, 2), (2, 0)], rho) - base)
    # one goal alone is not moved by rho at all; two goals are: a larger rho, a smaller spread
    assert table["t_nulmeting"].is_monotonic_increasing
    assert table.loc[table["rho"] == 0.3, "verandering"].item() == pytest.approx(
        experiment_summary(goals(), scores())["verandering"].item())


def test_no_scorings_give_empty_tables_with_their_columns():
    empty = scores().iloc[0:0]
    assert t_per_date(goals(), empty).empty
    assert list(t_per_date(goals(), empty).columns)[:3] == ["proeftuin", "experiment_id",
                                                            "experiment"]
    assert flags(goals(), empty).empty


def test_the_reading_tables_say_which_goals_are_paired_and_round_as_shown():
    only_baseline = ("s6", "g3", "nulmeting", "2025-01-01", 0)
    three = pd.concat([goals(), goals().iloc[[0]].assign(record_id="g3", doel="Nieuw")],
                      ignore_index=True)
    paired = measurements.paired_goals(three, scores(only_baseline))
    assert paired[["doel", "gepaard"]].values.tolist() == [
        ["Elke maand een casus", True], ["Huisarts schuift aan", True], ["Nieuw", False]]
    assert paired["datum_vervolgmeting"].tolist() == ["01-06-2025", "01-06-2025", ""]
    table = measurements.t_per_date_table(t_per_date(goals(), scores()))
    assert table[["datum", "t"]].values.tolist() == [
        ["01-01-2025", 29.9], ["01-03-2025", 60.0], ["01-06-2025", 58.0]]
    by_rho = measurements.rho_table(rho_sensitivity(goals(), scores()))
    assert list(by_rho.columns) == [0.2, 0.3, 0.4, 0.5]
    assert by_rho.loc[("p", "Casustafel"), 0.3] == round(
        hand_t([(1, 2), (2, 0)]) - hand_t([(1, -1), (2, -2)]), 1)
