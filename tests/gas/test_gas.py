"""Goal Attainment Scaling: models, the T-score, and the summary tables.

The T-score formula is Kiresuk & Sherman (1968), Community Ment Health J 4:443-453, in the
form printed in the erratum to Turner-Stokes (2009), "Goal attainment scaling (GAS) in
rehabilitation: a practical guide", Clin Rehabil 23:362-370 (page 364/367):

    T = 50 + 10·Σ(wᵢxᵢ) / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²),  with ρ = 0.3:  √(0.7·Σwᵢ² + 0.3·(Σwᵢ)²)

and its published anchors: T = 50 when every goal is achieved exactly as expected (x = 0),
mean 50 and SD 10. Turner-Stokes' weights are importance × difficulty, each scored 0-3.
The other expected values below are worked out by hand in the comments.
"""

from __future__ import annotations

import math
import tomllib
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from leven import gas
from leven.core.i18n import catalogue, set_language
from leven.core.records import field_messages
from leven.gas import (
    EXPERIMENT_SUMMARY_COLUMNS,
    PROEFTUIN_SUMMARY_COLUMNS,
    TIDY_FIRST_COLUMNS,
    GasDoel,
    GasScore,
    change_score,
    experiment_summary,
    goal_levels,
    goal_weights,
    goals_frame,
    niveau_label,
    proeftuin_summary,
    scorings_frame,
    t_score,
    tidy_frame,
)

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def doel(**fields) -> GasDoel:
    values = {
        "experiment_id": "e1",
        "experiment": "Casuïstiekbespreking",
        "doel": "Elke maand een casustafel met zorg en sociaal domein",
        "niveau_min2": "Geen casustafel",
        "niveau_min1": "Eén casustafel in het hele jaar",
        "niveau_0": "Elke maand een casustafel",
        "niveau_plus1": "Elke maand, en het sociaal domein brengt zelf casussen in",
        "niveau_plus2": "Elke maand, en de casustafel gaat door na het jaar",
    }
    values.update(fields)
    return GasDoel(**values)


def score(**fields) -> GasScore:
    values = {"doel_id": "d1", "meting": "nulmeting", "datum": date(2024, 1, 10), "niveau": 0}
    values.update(fields)
    return GasScore(**values)


# --- t_score: published anchors and hand-computed cases ------------------------------------


@pytest.mark.parametrize("rho", [0.0, 0.3, 0.5])
def test_all_goals_as_expected_is_50(rho):
    # Turner-Stokes 2009: "a T-score of 50 if the goals are achieved precisely".
    assert t_score([0, 0, 0, 0], rho=rho) == 50
    assert t_score([0, 0], [6, 2], rho=rho) == 50


@pytest.mark.parametrize(("level", "expected"), [(-2, 30), (-1, 40), (0, 50), (1, 60), (2, 70)])
@pytest.mark.parametrize("rho", [0.0, 0.3, 0.5])
def test_one_goal_is_50_plus_10x(level, expected, rho):
    # One goal, w = 1: the denominator is √((1−ρ)·1 + ρ·1²) = 1, so T = 50 + 10x for any ρ.
    assert t_score([level], rho=rho) == pytest.approx(expected)
    # Any weight of a single goal cancels: 10·w·x / √((1−ρ)w² + ρw²) = 10x.
    assert t_score([level], [6], rho=rho) == pytest.approx(expected)


def test_three_goals_all_at_the_extremes():
    # Σw = 3, Σw² = 3, ρ = .3: √(0.7·3 + 0.3·9) = √4.8 = 2.190890...
    # all −2: 50 + 10·(−6)/2.190890 = 50 − 27.386128 = 22.613872
    assert t_score([-2, -2, -2]) == pytest.approx(22.613872, abs=1e-6)
    # all +2: 50 + 27.386128 = 77.386128
    assert t_score([2, 2, 2]) == pytest.approx(77.386128, abs=1e-6)
    # all 0: 50
    assert t_score([0, 0, 0]) == 50
    # all −1 (a typical baseline): 50 − 30/2.190890 = 50 − 13.693064 = 36.306936
    assert t_score([-1, -1, -1]) == pytest.approx(36.306936, abs=1e-6)


@pytest.mark.parametrize(
    ("rho", "expected"),
    [
        # levels [1, −1, 2], equal weights: Σwx = 2, Σw = Σw² = 3
        (0.0, 61.547005),  # √(1·3 + 0·9) = √3 = 1.732051; 50 + 20/1.732051
        (0.3, 59.128709),  # √(0.7·3 + 0.3·9) = √4.8 = 2.190890; 50 + 20/2.190890
        (0.5, 58.164966),  # √(0.5·3 + 0.5·9) = √6 = 2.449490; 50 + 20/2.449490
    ],
)
def test_several_rho(rho, expected):
    assert t_score([1, -1, 2], rho=rho) == pytest.approx(expected, abs=1e-6)


def test_unequal_weights():
    # levels [1, −1], weights [2, 3], ρ = .3: Σwx = 2 − 3 = −1, Σw² = 13, Σw = 5
    # √(0.7·13 + 0.3·25) = √(9.1 + 7.5) = √16.6 = 4.074310; T = 50 − 10/4.074310 = 47.545597
    assert t_score([1, -1], [2, 3]) == pytest.approx(47.545597, abs=1e-6)
    # levels [0, 1], same weights: Σwx = 3; T = 50 + 30/4.074310 = 57.363210
    assert t_score([0, 1], [2, 3]) == pytest.approx(57.363210, abs=1e-6)


def test_turner_stokes_importance_times_difficulty():
    # GAS-light weights (Turner-Stokes 2009): weight = importance × difficulty (each 0-3).
    # A: importance 3 × difficulty 2 = 6, reached +1;  B: 1 × 1 = 1, reached −1;
    # C: 2 × 3 = 6, reached 0.  Σwx = 6 − 1 + 0 = 5, Σw² = 36 + 1 + 36 = 73, Σw = 13;
    # √(0.7·73 + 0.3·169) = √(51.1 + 50.7) = √101.8 = 10.089599; T = 50 + 50/10.089599 = 54.955599
    goals = [
        doel(belang=3, moeilijkheid=2),
        doel(belang=1, moeilijkheid=1),
        doel(belang=2, moeilijkheid=3),
    ]
    weights = [g.effectief_gewicht for g in goals]
    assert weights == [6, 1, 6]
    assert t_score([1, -1, 0], weights) == pytest.approx(54.955599, abs=1e-6)
    # The erratum's ρ = 0.3 form gives the same.
    simplified = 50 + 10 * 5 / math.sqrt(0.7 * 73 + 0.3 * 13**2)
    assert t_score([1, -1, 0], weights) == pytest.approx(simplified)


def test_symmetry_and_scale_invariance():
    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(1, 6))
        levels = [int(v) for v in rng.integers(-2, 3, n)]
        weights = [float(v) for v in rng.uniform(0.5, 9, n)]
        rho = float(rng.choice([0.0, 0.3, 0.5, 0.9]))
        t = t_score(levels, weights, rho)
        # Mirroring every level mirrors T around 50.
        assert t_score([-x for x in levels], weights, rho) == pytest.approx(100 - t)
        # Only the ratios of the weights matter.
        assert t_score(levels, [3 * w for w in weights], rho) == pytest.approx(t)


def test_numpy_and_integral_float_levels_are_accepted():
    assert t_score(np.array([1, -1, 2])) == pytest.approx(59.128709, abs=1e-6)
    assert t_score([1.0, -1.0, 2.0]) == pytest.approx(59.128709, abs=1e-6)


def test_change_score():
    # Baseline all −1, follow-up all 0, three equal goals: 50 − 36.306936 = 13.693064
    assert change_score([-1, -1, -1], [0, 0, 0]) == pytest.approx(13.693064, abs=1e-6)
    # One goal: −1 → +1 is 40 → 60.
    assert change_score([-1], [1]) == pytest.approx(20)


# --- t_score refusals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"levels": [0, 3]}, "Niveau 3 bestaat niet: kies een heel getal van -2 tot en met +2."),
        ({"levels": [1.5]}, "Niveau 1.5 bestaat niet: kies een heel getal van -2 tot en met +2."),
        ({"levels": [-3]}, "Niveau -3 bestaat niet"),
        ({"levels": [True]}, "Niveau True bestaat niet"),
        ({"levels": ["1"]}, "Niveau 1 bestaat niet"),
        (
            {"levels": [0, 1], "weights": [1, 0]},
            "Gewicht 0 kan niet: een gewicht is een getal groter dan 0 en hoogstens 1000.",
        ),
        ({"levels": [0], "weights": [-1]}, "Gewicht -1 kan niet"),
        ({"levels": [0], "weights": [math.nan]}, "Gewicht nan kan niet"),
        (
            {"levels": [0], "rho": 1},
            "rho = 1 kan niet: kies een waarde van 0 tot 1 (0 mag, 1 niet)",
        ),
        ({"levels": [0], "rho": -0.1}, "rho = -0.1 kan niet"),
        ({"levels": []}, "Er zijn geen doelen om te scoren"),
        ({"levels": [0, 1], "weights": [1]}, "Er zijn 2 doelen maar 1 gewichten"),
        (
            {"levels": [0, None]},
            "Doel 2 is nog niet gescoord. Een ontbrekende score telt niet als 0",
        ),
        ({"levels": [math.nan, 0]}, "Doel 1 is nog niet gescoord"),
    ],
)
def test_t_score_refuses_with_a_dutch_message(kwargs, message):
    with pytest.raises(ValueError) as caught:
        t_score(**kwargs)
    assert message in str(caught.value)


def test_refusal_in_english():
    set_language("en")
    with pytest.raises(ValueError, match="Level 3 does not exist"):
        t_score([3])


def test_change_score_needs_the_same_goals():
    with pytest.raises(ValueError, match="De nulmeting heeft 2 doelen en de vervolgmeting 1"):
        change_score([0, 0], [1])


# --- models -----------------------------------------------------------------------------


def messages(model, **fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model(**fields)
    return field_messages(caught.value)


def test_a_complete_goal():
    goal = doel()
    assert goal.KIND == "gas_doel"
    assert goal.compleet
    assert goal.effectief_gewicht == 1
    assert goal.beschrijving(0) == "Elke maand een casustafel"
    assert goal.beschrijving(-2) == "Geen casustafel"


def test_only_level_0_is_required():
    goal = doel(niveau_min2="", niveau_min1="", niveau_plus1="", niveau_plus2="")
    assert not goal.compleet
    assert goal.beschrijving(2) == ""


def test_level_0_must_be_described():
    assert messages(doel, niveau_0="   ") == {
        "niveau_0": "Beschrijf niveau 0, het verwachte resultaat: dat is het doel zelf."
    }


def test_level_descriptions_must_differ():
    found = messages(doel, niveau_plus1="elke maand een  Casustafel")
    assert found == {
        "niveau_plus1": "Deze beschrijving staat ook bij niveau 0: elk niveau beschrijft een "
        "ander resultaat."
    }
    assert messages(doel, niveau_min1="Geen casustafel")["niveau_min1"].startswith(
        "Deze beschrijving staat ook bij niveau -2"
    )


def test_goal_requires_its_experiment_and_goal():
    found = messages(GasDoel, niveau_0="x")
    assert found["experiment_id"] == "Dit veld is verplicht."
    assert found["doel"] == "Dit veld is verplicht."


def test_weighing():
    assert doel(gewicht=2.5).effectief_gewicht == 2.5
    assert doel(belang=2, moeilijkheid=3).effectief_gewicht == 6
    assert messages(doel, gewicht=0) == {
        "gewicht": "Gewicht 0 kan niet: een gewicht is een getal groter dan 0 en hoogstens 1000."
    }
    assert messages(doel, gewicht=-1.5)["gewicht"].startswith("Gewicht -1.5 kan niet")
    assert messages(doel, gewicht=math.inf)["gewicht"].startswith("Gewicht inf kan niet")
    assert messages(doel, belang=4, moeilijkheid=1) == {
        "belang": "Vul een getal van hoogstens 3 in."
    }
    assert messages(doel, belang=2) == {
        "": "Vul zowel belang als moeilijkheid in, of geen van beide."
    }
    assert messages(doel, belang=2, moeilijkheid=2, gewicht=3) == {
        "": "Kies óf een gewicht óf belang en moeilijkheid, niet allebei."
    }
    assert messages(doel, belang=0, moeilijkheid=3)[""].startswith(
        "Met belang of moeilijkheid 0 telt dit doel niet mee"
    )


def test_a_score():
    s = score(niveau=-2, meting="vervolgmeting")
    assert s.KIND == "gas_score"
    assert s.niveau == -2
    assert s.meting == gas.Meting.VERVOLGMETING
    assert score(niveau="+1").niveau == 1
    assert score(niveau=np.int64(2)).niveau == 2


@pytest.mark.parametrize(
    ("niveau", "message"),
    [
        (5, "Niveau 5 bestaat niet: kies een heel getal van -2 tot en met +2."),
        (-3, "Niveau -3 bestaat niet: kies een heel getal van -2 tot en met +2."),
        (1.5, "Niveau 1.5 bestaat niet: kies een heel getal van -2 tot en met +2."),
        ("1.5", "Niveau 1.5 bestaat niet: kies een heel getal van -2 tot en met +2."),
        ("drie", "Niveau drie bestaat niet: kies een heel getal van -2 tot en met +2."),
        (True, "Niveau True bestaat niet: kies een heel getal van -2 tot en met +2."),
        (None, "Kies welk niveau is bereikt: een heel getal van -2 tot en met +2."),
        ("", "Kies welk niveau is bereikt: een heel getal van -2 tot en met +2."),
    ],
)
def test_score_level_refused_in_dutch(niveau, message):
    assert messages(score, niveau=niveau) == {"niveau": message}


def test_score_has_no_default_level():
    found = messages(GasScore, doel_id="d1", meting="nulmeting", datum=date(2024, 1, 1))
    assert found == {"niveau": "Dit veld is verplicht."}


def test_score_meting_is_one_of_two():
    assert messages(score, meting="tussenmeting") == {"meting": "Kies een van de mogelijkheden."}


# --- level labels: template and catalogue ------------------------------------------------


def test_level_labels_match_template_and_catalogue():
    with (ROOT / "templates" / "gas" / "niveaus.toml").open("rb") as handle:
        template = tomllib.load(handle)
    levels = template["niveau"]
    assert [level["waarde"] for level in levels] == list(gas.NIVEAUS)
    for level in levels:
        assert level["veld"] == gas.NIVEAU_VELDEN[level["waarde"]]
        for lang in ("nl", "en"):
            assert niveau_label(level["waarde"], lang=lang) == level[lang]
    assert niveau_label(0) == "verwacht resultaat (het doel)"
    assert niveau_label(-2) == "veel minder bereikt dan verwacht"
    assert niveau_label(2, lang="en") == "much more achieved than expected"


def test_catalogues_have_the_same_keys():
    nl = {k for k in catalogue("nl") if k.startswith("gas.")}
    en = {k for k in catalogue("en") if k.startswith("gas.")}
    assert nl == en
    assert "gas.errors.niveau" in nl


# --- tables on a small hand-made dataset ------------------------------------------------
#
# Proeftuin zundert
#   experiment e1 "Casuïstiekbespreking": g1 (w 1), g2 (w 1), g3 (belang 2 × moeilijkheid 1 = 2)
#     g1: nulmeting −1; vervolgmetingen 0 (1 jun) and +1 (1 sep; the latest counts)
#     g2: nulmeting −2; vervolgmeting −1
#     g3: nulmeting −1; no vervolgmeting (missing)
#   experiment e2 "Informatiepunt": g4 (w 1), g5 (w 1)
#     g4: nulmeting 0; vervolgmeting +2
#     g5: never scored
# Proeftuin breda
#   experiment e3 "PaTz": g6 (w 1), never scored
# plus a scoring of a goal that is not in the goals table (left out everywhere).


@pytest.fixture
def dataset() -> tuple[pd.DataFrame, pd.DataFrame]:
    goals = goals_frame(
        [
            ("g1", "zundert", doel(experiment_id="e1")),
            ("g2", "zundert", doel(experiment_id="e1", volgorde=1)),
            ("g3", "zundert", doel(experiment_id="e1", volgorde=2, belang=2, moeilijkheid=1)),
            ("g4", "zundert", doel(experiment_id="e2", experiment="Informatiepunt")),
            ("g5", "zundert", doel(experiment_id="e2", experiment="Informatiepunt", volgorde=1)),
            ("g6", "breda", doel(experiment_id="e3", experiment="PaTz")),
        ]
    )
    nul, vervolg = "nulmeting", "vervolgmeting"
    scores = scorings_frame(
        [
            ("s1", "zundert", score(doel_id="g1", meting=nul, niveau=-1)),
            (
                "s2",
                "zundert",
                score(doel_id="g1", meting=vervolg, datum=date(2024, 6, 1), niveau=0),
            ),
            (
                "s3",
                "zundert",
                score(doel_id="g1", meting=vervolg, datum=date(2024, 9, 1), niveau=1),
            ),
            ("s4", "zundert", score(doel_id="g2", meting=nul, niveau=-2)),
            (
                "s5",
                "zundert",
                score(doel_id="g2", meting=vervolg, datum=date(2024, 6, 1), niveau=-1),
            ),
            ("s6", "zundert", score(doel_id="g3", meting=nul, niveau=-1)),
            ("s7", "zundert", score(doel_id="g4", meting=nul, niveau=0)),
            (
                "s8",
                "zundert",
                score(doel_id="g4", meting=vervolg, datum=date(2024, 6, 1), niveau=2),
            ),
            ("s9", "zundert", score(doel_id="weg", meting=nul, niveau=2)),
        ]
    )
    # The store gives the moments of saving too; the frames accept them.
    scores["saved_at"] = pd.Timestamp("2024-10-01", tz="UTC")
    return goals, scores


def test_goal_weights(dataset):
    goals, _ = dataset
    assert goal_weights(goals).tolist() == [1, 1, 2, 1, 1, 1]


def test_goal_levels_choose_first_nulmeting_and_latest_vervolgmeting(dataset):
    levels = goal_levels(*dataset).set_index("doel_id")
    assert levels.loc["g1", "niveau_vervolgmeting"] == 1  # 1 sep beats 1 jun
    assert levels.loc["g1", "datum_vervolgmeting"] == pd.Timestamp("2024-09-01")
    assert pd.isna(levels.loc["g3", "niveau_vervolgmeting"])
    assert pd.isna(levels.loc["g5", "niveau_nulmeting"])  # missing, not 0
    assert "weg" not in levels.index


def test_experiment_summary_by_hand(dataset):
    summary = experiment_summary(*dataset)
    assert tuple(summary.columns) == EXPERIMENT_SUMMARY_COLUMNS
    assert summary["experiment_id"].tolist() == ["e3", "e1", "e2"]  # breda before zundert
    e1, e2, e3 = (summary.set_index("experiment_id").loc[e] for e in ("e1", "e2", "e3"))

    # e1 nulmeting: x = [−1, −2, −1], w = [1, 1, 2]: Σwx = −5, Σw² = 6, Σw = 4
    # √(0.7·6 + 0.3·16) = √9 = 3; T = 50 − 50/3 = 33.333333; none at or above 0.
    assert e1["experiment"] == "Casuïstiekbespreking"
    assert e1["n_doelen"] == 3
    assert e1["t_nulmeting"] == pytest.approx(33.333333, abs=1e-6)
    assert (e1["n_gescoord_nulmeting"], e1["n_ontbrekend_nulmeting"]) == (3, 0)
    assert e1["aandeel_verwacht_nulmeting"] == 0
    # e1 vervolgmeting: g1 +1, g2 −1, g3 missing (left out, not 0): Σwx = 0, T = 50;
    # one of two scored goals at or above 0.
    assert e1["t_vervolgmeting"] == pytest.approx(50)
    assert (e1["n_gescoord_vervolgmeting"], e1["n_ontbrekend_vervolgmeting"]) == (2, 1)
    assert e1["aandeel_verwacht_vervolgmeting"] == 0.5
    # Change over the goals scored at both (g1, g2; w 1, 1): √(0.7·2 + 0.3·4) = √2.6
    # T0 = 50 − 30/√2.6 = 31.394790, T1 = 50 + 0 = 50; change = 30/√2.6 = 18.605210
    # (not 50 − 33.33: g3 was not scored again, so it cannot move the change).
    assert e1["verandering"] == pytest.approx(18.605210, abs=1e-6)
    assert e1["n_gepaard"] == 2
    # Had g3 been counted as 0 at the vervolgmeting, T would be 50 + 0/3 = 50 too, but the
    # counts would say 3 scored: check that they say 2.

    # e2: g4 0 → +2, g5 never scored. T0 = 50, T1 = 70, change 20; share 1/1 both times.
    assert (e2["t_nulmeting"], e2["t_vervolgmeting"]) == (pytest.approx(50), pytest.approx(70))
    assert (e2["aandeel_verwacht_nulmeting"], e2["aandeel_verwacht_vervolgmeting"]) == (1, 1)
    assert (e2["n_ontbrekend_nulmeting"], e2["n_ontbrekend_vervolgmeting"]) == (1, 1)
    assert e2["verandering"] == pytest.approx(20)

    # e3: nothing scored: NaN, never 50.
    for column in ("t_nulmeting", "t_vervolgmeting", "aandeel_verwacht_nulmeting", "verandering"):
        assert math.isnan(e3[column])
    assert (e3["n_gescoord_nulmeting"], e3["n_ontbrekend_nulmeting"], e3["n_gepaard"]) == (0, 1, 0)


def test_unscored_goal_is_missing_not_zero(dataset):
    goals, scores = dataset
    # g2's nulmeting removed: e1's nulmeting T uses g1 and g3 only (x −1, −1; w 1, 2):
    # Σwx = −3, Σw² = 5, Σw = 3: √(3.5 + 2.7) = √6.2; T = 50 − 30/√6.2 = 37.951710, whereas
    # counting g2 as 0 would give x [−1, 0, −1]: Σwx = −3, √9 = 3, T = 40.
    without = scores[scores["record_id"] != "s4"]
    e1 = experiment_summary(goals, without).set_index("experiment_id").loc["e1"]
    assert e1["t_nulmeting"] == pytest.approx(50 - 30 / math.sqrt(6.2))
    assert e1["t_nulmeting"] == pytest.approx(t_score([-1, -1], [1, 2]))
    assert e1["n_ontbrekend_nulmeting"] == 1


def test_proeftuin_summary_by_hand(dataset):
    summary = proeftuin_summary(experiment_summary(*dataset))
    assert tuple(summary.columns) == PROEFTUIN_SUMMARY_COLUMNS
    zundert = summary.set_index("proeftuin").loc["zundert"]
    breda = summary.set_index("proeftuin").loc["breda"]
    assert (zundert["n_experimenten"], zundert["n_doelen"]) == (2, 5)
    # mean of the experiments' T: (33.333333 + 50)/2 and (50 + 70)/2
    assert zundert["t_gemiddeld_nulmeting"] == pytest.approx(41.666667, abs=1e-6)
    assert zundert["t_gemiddeld_vervolgmeting"] == pytest.approx(60)
    # pooled goals: nulmeting 1 of 4 scored at or above 0; vervolgmeting 2 of 3
    assert zundert["aandeel_verwacht_nulmeting"] == pytest.approx(0.25)
    assert zundert["aandeel_verwacht_vervolgmeting"] == pytest.approx(2 / 3)
    assert (zundert["n_gescoord_nulmeting"], zundert["n_ontbrekend_nulmeting"]) == (4, 1)
    assert (zundert["n_gescoord_vervolgmeting"], zundert["n_ontbrekend_vervolgmeting"]) == (3, 2)
    # (18.605210 + 20)/2
    assert zundert["verandering_gemiddeld"] == pytest.approx(19.302605, abs=1e-6)
    assert zundert["n_gepaard"] == 3
    assert math.isnan(breda["t_gemiddeld_nulmeting"])
    assert math.isnan(breda["aandeel_verwacht_vervolgmeting"])
    assert (breda["n_doelen"], breda["n_ontbrekend_nulmeting"]) == (1, 1)


def test_tidy_frame(dataset):
    tidy = tidy_frame(*dataset)
    assert tuple(tidy.columns[: len(TIDY_FIRST_COLUMNS)]) == TIDY_FIRST_COLUMNS
    assert {"doel", "niveau_0", "doel_datum", "belang", "volgorde"} <= set(tidy.columns)
    assert not {"version", "saved_at", "saved_by", "record_id"} & set(tidy.columns)
    # 8 scorings of known goals + g5 and g6 once each without scoring; "weg" left out
    assert len(tidy) == 10
    assert tidy["doel_id"].tolist() == ["g6", "g1", "g1", "g1", "g2", "g2", "g3", "g4", "g4", "g5"]
    assert tidy["score_id"].tolist()[1:4] == ["s1", "s2", "s3"]  # nulmeting first, then by date
    unscored = tidy[tidy["doel_id"].isin(["g5", "g6"])]
    assert unscored["niveau"].isna().all()  # <NA>, not 0
    assert unscored["meting"].isna().all()
    assert str(tidy["niveau"].dtype) == "Int8"
    assert tidy.loc[tidy["doel_id"] == "g3", "gewicht"].item() == 2
    assert tidy["proeftuin"].tolist()[0] == "breda"


def test_same_date_vervolgmeting_last_saved_wins(dataset):
    goals, scores = dataset
    extra = scorings_frame(
        [
            (
                "s10",
                "zundert",
                score(doel_id="g4", meting="vervolgmeting", datum=date(2024, 6, 1), niveau=-2),
            )
        ]
    )
    extra["saved_at"] = pd.Timestamp("2024-11-01", tz="UTC")  # saved after s8 (+2)
    both = pd.concat([extra, scores], ignore_index=True)  # row order must not matter
    levels = goal_levels(goals, both).set_index("doel_id")
    assert levels.loc["g4", "niveau_vervolgmeting"] == -2


def test_empty_inputs_give_empty_tables():
    goals = goals_frame([])
    scores = scorings_frame([])
    summary = experiment_summary(goals, scores)
    assert tuple(summary.columns) == EXPERIMENT_SUMMARY_COLUMNS
    assert summary.empty
    assert proeftuin_summary(summary).empty
    assert tidy_frame(goals, scores).empty
    # A scorings frame without any column (nothing saved yet) is no scorings.
    one = goals_frame([("g1", "zundert", doel())])
    row = experiment_summary(one, pd.DataFrame()).iloc[0]
    assert math.isnan(row["t_nulmeting"])
    assert row["n_ontbrekend_nulmeting"] == 1


def test_tables_refuse_bad_input(dataset):
    goals, scores = dataset
    with pytest.raises(ValueError, match="Niveau 3 bestaat niet"):
        experiment_summary(goals, scores.assign(niveau=3))
    with pytest.raises(ValueError, match=r"Niveau 0\.5 bestaat niet"):
        experiment_summary(goals, scores.assign(niveau=0.5))
    with pytest.raises(ValueError, match="Meting 'tussen' bestaat niet"):
        experiment_summary(goals, scores.assign(meting="tussen"))
    with pytest.raises(ValueError, match="Gewicht -1 kan niet"):
        experiment_summary(goals.assign(gewicht=-1.0), scores)
    with pytest.raises(ValueError, match="rho = 1 kan niet"):
        experiment_summary(goals, scores, rho=1)
    with pytest.raises(ValueError, match="De tabel mist de kolom"):
        experiment_summary(goals.drop(columns="experiment_id"), scores)


def test_store_frames_work_as_they_are(tmp_path):
    from leven.core.store import Store

    store = Store(f"sqlite:///{tmp_path / 'leven.sqlite'}")
    try:
        g1 = store.save(doel(), proeftuin="zundert").record_id
        g2 = store.save(doel(belang=3, moeilijkheid=2), proeftuin="zundert").record_id
        store.save(score(doel_id=g1, niveau=-1), proeftuin="zundert")
        store.save(score(doel_id=g2, niveau=-1), proeftuin="zundert")
        store.save(
            score(doel_id=g1, meting="vervolgmeting", datum=date(2024, 6, 1), niveau=1),
            proeftuin="zundert",
        )
        goals, scores = store.frame(GasDoel), store.frame(GasScore)
    finally:
        store.close()
    row = experiment_summary(goals, scores).iloc[0]
    assert row["t_nulmeting"] == pytest.approx(t_score([-1, -1], [1, 6]))
    assert row["t_vervolgmeting"] == pytest.approx(60)
    assert row["n_ontbrekend_vervolgmeting"] == 1
    assert len(tidy_frame(goals, scores)) == 3  # g1 twice, g2 once


# --- the vectorised tables agree with t_score on random data ------------------------------


def _random_dataset(seed: int, experiments: int):
    rng = np.random.default_rng(seed)
    goal_rows, score_rows = [], []
    for e in range(experiments):
        proeftuin = f"p{e % 7}"
        for g in range(int(rng.integers(1, 6))):
            kind = rng.integers(0, 3)
            row = {
                "record_id": f"e{e}g{g}",
                "proeftuin": proeftuin,
                "experiment_id": f"e{e}",
                "experiment": f"Experiment {e}",
                "gewicht": None,
                "belang": None,
                "moeilijkheid": None,
            }
            if kind == 1:
                row["gewicht"] = float(rng.uniform(0.5, 5))
            elif kind == 2:
                row["belang"], row["moeilijkheid"] = (int(v) for v in rng.integers(1, 4, 2))
            goal_rows.append(row)
            for meting in ("nulmeting", "vervolgmeting"):
                for _ in range(int(rng.choice([0, 1, 1, 2, 3]))):  # 0 = missing
                    score_rows.append(
                        {
                            "record_id": f"s{len(score_rows)}",
                            "proeftuin": proeftuin,
                            "doel_id": row["record_id"],
                            "meting": meting,
                            "datum": date(2024, 1, 1)
                            + pd.Timedelta(days=int(rng.integers(0, 300))),
                            "niveau": int(rng.integers(-2, 3)),
                            "saved_at": datetime(2024, 12, 1)
                            + pd.Timedelta(seconds=len(score_rows)),
                        }
                    )
    goals = pd.DataFrame(goal_rows)
    scores = pd.DataFrame(score_rows).sample(frac=1, random_state=seed)  # any row order
    return goals, scores


def _by_hand(goals: pd.DataFrame, scores: pd.DataFrame, rho: float) -> dict:
    """Plain Python: pick levels per goal, then call t_score per experiment."""
    chosen: dict[tuple[str, str], tuple] = {}
    for s in scores.itertuples():
        key = (s.doel_id, s.meting)
        rank = (s.datum, s.saved_at)
        old = chosen.get(key)
        if s.meting == "nulmeting":
            better = old is None or rank < old[0]
        else:
            better = old is None or rank > old[0]
        if better:
            chosen[key] = (rank, s.niveau)
    result = {}
    for experiment, rows in goals.groupby("experiment_id"):
        weights = [
            GasDoel(
                experiment_id="x",
                experiment="x",
                doel="x",
                niveau_0="x",
                gewicht=None if pd.isna(r.gewicht) else r.gewicht,
                belang=None if pd.isna(r.belang) else int(r.belang),
                moeilijkheid=None if pd.isna(r.moeilijkheid) else int(r.moeilijkheid),
            ).effectief_gewicht
            for r in rows.itertuples()
        ]
        levels = {
            m: [chosen.get((g, m), (None, None))[1] for g in rows["record_id"]]
            for m in ("nulmeting", "vervolgmeting")
        }
        out = {}
        for m, xs in levels.items():
            kept = [(x, w) for x, w in zip(xs, weights, strict=True) if x is not None]
            out[m] = t_score([x for x, _ in kept], [w for _, w in kept], rho) if kept else math.nan
        both = [
            (a, b, w)
            for a, b, w in zip(levels["nulmeting"], levels["vervolgmeting"], weights, strict=True)
            if a is not None and b is not None
        ]
        out["verandering"] = (
            change_score(
                [a for a, _, _ in both], [b for _, b, _ in both], [w for _, _, w in both], rho
            )
            if both
            else math.nan
        )
        result[experiment] = out
    return result


@pytest.mark.parametrize("rho", [0.0, 0.3, 0.5])
def test_vectorised_agrees_with_t_score(rho):
    goals, scores = _random_dataset(seed=20240601, experiments=300)
    summary = experiment_summary(goals, scores, rho=rho).set_index("experiment_id")
    expected = _by_hand(goals, scores, rho)
    assert len(summary) == len(expected) == 300
    for experiment, values in expected.items():
        row = summary.loc[experiment]
        for column, value in (
            ("t_nulmeting", values["nulmeting"]),
            ("t_vervolgmeting", values["vervolgmeting"]),
            ("verandering", values["verandering"]),
        ):
            if math.isnan(value):
                assert math.isnan(row[column]), (experiment, column)
            else:
                assert row[column] == pytest.approx(value, abs=1e-9), (experiment, column)
    # Some experiments must have had missing goals, or the test proves little.
    assert (summary["n_ontbrekend_vervolgmeting"] > 0).sum() > 10


# --- helpers for the pages: ids, experiment lists, labels, readable tables ----------------


def test_experiment_id_for():
    assert gas.experiment_id_for("Casuïstiekbespreking", []) == "casuistiekbespreking"
    assert gas.experiment_id_for("Vrijwilligers in de PaTz-groep!", []) == (
        "vrijwilligers-in-de-patz-groep"
    )
    taken = ["casuistiekbespreking", "casuistiekbespreking-2"]
    assert gas.experiment_id_for("Casuïstiek  bespreking", taken) == "casuistiek-bespreking"
    assert gas.experiment_id_for("Casuïstiekbespreking", taken) == "casuistiekbespreking-3"
    assert gas.experiment_id_for("☺", []) == "experiment"
    assert len(gas.experiment_id_for("x" * 300, [])) <= 64  # fits GasDoel.experiment_id


def test_experiments_in_order_of_their_first_goal():
    goals = goals_frame(
        [
            ("g1", "zundert", doel(experiment_id="b", experiment="Bibliotheek")),
            ("g2", "zundert", doel(experiment_id="a", experiment="Casustafel")),
            ("g3", "zundert", doel(experiment_id="b", experiment="Informatiepunt bibliotheek")),
        ]
    )
    found = gas.experiments(goals)
    assert found.to_dict("records") == [
        {"experiment_id": "b", "experiment": "Informatiepunt bibliotheek", "n_doelen": 2},
        {"experiment_id": "a", "experiment": "Casustafel", "n_doelen": 1},
    ]
    assert gas.experiments(goals_frame([])).empty


def test_labels_and_numbers_for_people():
    assert [gas.signed(x) for x in (2, 1, 0, -1, -2)] == ["+2", "+1", "0", "-1", "-2"]
    assert gas.level_option(1, " Elke maand,\n en meer ") == (
        "+1 · meer bereikt dan verwacht: Elke maand, en meer"
    )
    assert gas.level_option(-2) == "-2 · veel minder bereikt dan verwacht"
    assert gas.format_number(37.44470) == "37,4"
    assert gas.format_number(21.97, plus=True) == "+22,0"
    assert gas.format_number(-3.04, plus=True) == "-3,0"
    assert gas.format_number(math.nan) == "–"
    assert gas.format_number(None) == "–"
    set_language("en")
    assert gas.format_number(37.44470) == "37.4"
    assert gas.level_option(0).startswith("0 · expected outcome (the goal)")


def test_readable_tables(dataset):
    summary = experiment_summary(*dataset)
    table = gas.experiment_table(summary)
    assert list(table.columns) == [
        "Proeftuin",
        "Experiment",
        "Doelen",
        "T nulmeting",
        "T vervolgmeting",
        "Verandering",
        "Doelen met beide metingen",
        "Doelen zonder vervolgmeting",
    ]
    row = table[table["Proeftuin"] == "zundert"].iloc[0]
    assert row["T nulmeting"] == 33.3  # 33.333333 to one decimal
    proeftuinen = gas.proeftuin_table(proeftuin_summary(summary))
    zundert = proeftuinen.set_index("Proeftuin").loc["zundert"]
    assert zundert["% doelen op of boven 0, nulmeting"] == 25  # 0.25 as a whole percentage
    assert zundert["Gem. T nulmeting"] == 41.7
