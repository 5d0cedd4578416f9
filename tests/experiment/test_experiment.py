"""Experiments: the records and their Dutch messages, the analysis on hand-made tables, and
the migration of experiments that existed only as a name on GAS goals (nothing lost)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.example import load_example
from leven.core.records import field_messages
from leven.core.settings import EXAMPLE_DIR
from leven.core.store import Store
from leven.experiment import (
    Actie,
    Experiment,
    borging,
    check_coordinator,
    experiments_from_goals,
    latest_t_scores,
    open_actions,
    overdue,
    overview,
    spans,
)
from leven.experiment.charts import overview_chart
from leven.experiment.views.migration import MIGRATED_BY, migrate_gas_experiments
from leven.gas import GasDoel, GasScore, experiment_summary, t_score
from leven.proeftuin.records import Deelnemer

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch

D = date


def refused(**values: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Experiment(**values)
    return field_messages(caught.value)


# -- records -----------------------------------------------------------------------------


def test_a_new_experiment_is_an_idea_with_its_date():
    record = Experiment(naam="Casustafel", datum_idee=D(2025, 3, 4))
    assert record.status == "idee"
    assert record.start == D(2025, 3, 4) and record.eind is None


def test_name_and_the_current_status_date_are_required_in_dutch():
    assert refused(naam="  ") == {
        "naam": "Geef het experiment een naam.",
        "datum_idee": "Vul de datum in waarop ‘Idee’ begon.",
    }
    assert refused(naam="x", status="loopt", datum_idee=D(2025, 1, 1)) == {
        "datum_loopt": "Vul de datum in waarop ‘Loopt’ begon."}
    assert refused(naam="x", status="klaar")["status"].startswith("Kies een status: idee")


def test_dates_of_later_statuses_and_of_the_other_end_are_refused():
    assert refused(naam="x", datum_idee=D(2025, 1, 1), datum_loopt=D(2025, 2, 1)) == {
        "datum_loopt": "Het experiment is (nog) niet ‘Loopt’: laat deze datum leeg."}
    messages = refused(naam="x", status="gestopt", datum_afgerond=D(2025, 3, 1),
                       datum_gestopt=D(2025, 3, 1))
    assert messages == {"datum_afgerond": "Het experiment is (nog) niet ‘Afgerond’: laat deze "
                                          "datum leeg."}


def test_dates_never_go_back_in_time():
    messages = refused(naam="x", status="loopt", datum_idee=D(2025, 3, 1),
                       datum_in_voorbereiding=D(2025, 4, 1), datum_loopt=D(2025, 3, 15))
    assert messages == {"datum_loopt": "Deze datum ligt vóór ‘In voorbereiding’ (01-04-2025); "
                                       "data gaan niet terug in de tijd."}
    same_day = Experiment(naam="x", status="loopt", datum_idee=D(2025, 3, 1),
                          datum_loopt=D(2025, 3, 1))
    assert same_day.start == D(2025, 3, 1)


def test_status_changes_keep_earlier_dates_and_a_step_back_clears_later_ones():
    record = Experiment(naam="x", datum_idee=D(2025, 2, 11))
    running = record.with_status("in_voorbereiding", D(2025, 3, 1)).with_status(
        "loopt", D(2025, 5, 13))
    done = running.with_status("afgerond", D(2026, 1, 20))
    assert (done.datum_idee, done.datum_in_voorbereiding, done.datum_loopt,
            done.datum_afgerond) == (D(2025, 2, 11), D(2025, 3, 1), D(2025, 5, 13), D(2026, 1, 20))
    assert (done.start, done.eind) == (D(2025, 5, 13), D(2026, 1, 20))
    stopped = done.with_status("gestopt", D(2026, 1, 21))  # afgerond and gestopt exclude
    assert stopped.datum_afgerond is None and stopped.eind == D(2026, 1, 21)
    back = done.with_status("in_voorbereiding", D(2025, 6, 1))
    assert (back.datum_loopt, back.datum_afgerond) == (None, None)
    with pytest.raises(ValidationError):
        running.with_status("afgerond", D(2025, 5, 1))  # before it began to run


def test_borged_needs_how_in_dutch():
    base = {"naam": "x", "datum_idee": D(2025, 1, 1)}
    assert refused(**base, geborgd=True) == {
        "borging_hoe": "Beschrijf hoe het experiment geborgd is."}
    assert Experiment(**base, geborgd=False).geborgd is False
    assert Experiment(**base, geborgd=True, borging_hoe="Elke zes weken").borging_hoe


def test_the_group_keeps_each_member_once():
    record = Experiment(naam="x", datum_idee=D(2025, 1, 1), groep=("d1", "d2", "d1", ""))
    assert record.groep == ("d1", "d2")


def test_an_action_needs_what_and_is_late_only_when_open_and_past_its_date():
    with pytest.raises(ValidationError) as caught:
        Actie(experiment_id="e1", wat=" ")
    assert field_messages(caught.value) == {"wat": "Beschrijf wat er moet gebeuren."}
    action = Actie(experiment_id="e1", wat="Zaal regelen", uiterlijk=D(2025, 6, 1))
    assert action.te_laat(D(2025, 6, 2)) and not action.te_laat(D(2025, 6, 1))
    assert not action.model_copy(update={"klaar": True}).te_laat(D(2025, 7, 1))
    assert not Actie(experiment_id="e1", wat="Ooit").te_laat(D(2030, 1, 1))


def test_coordinator_must_be_in_the_kerngroep_in_dutch():
    people = {"d1": Deelnemer(naam="Anna de Vries", kerngroep=True),
              "d2": Deelnemer(naam="Ingrid Smeets")}
    check_coordinator("d1", people)
    check_coordinator("", people)  # not chosen yet
    with pytest.raises(LevenError) as caught:
        check_coordinator("d2", people)
    assert caught.value.message == ("Ingrid Smeets zit niet in de kerngroep: de coördinator van "
                                    "een experiment is een kerngroeplid.")
    with pytest.raises(LevenError, match="geen deelnemer van deze proeftuin"):
        check_coordinator("d9", people)


# -- analysis ----------------------------------------------------------------------------


def _experiments_frame(store: Store) -> pd.DataFrame:
    store.save(Experiment(naam="A", datum_idee=D(2025, 2, 1)), proeftuin="p", record_id="a")
    store.save(Experiment(naam="B", status="loopt", datum_idee=D(2025, 2, 1),
                          datum_in_voorbereiding=D(2025, 3, 1), datum_loopt=D(2025, 5, 1)),
               proeftuin="p", record_id="b")
    store.save(Experiment(naam="C", status="gestopt", datum_in_voorbereiding=D(2025, 3, 1),
                          datum_gestopt=D(2025, 9, 1)), proeftuin="q", record_id="c")
    return store.frame(Experiment)


def test_spans_start_at_running_else_earlier_and_end_at_either_end(store: Store):
    table = spans(_experiments_frame(store))
    assert list(table["record_id"]) == ["a", "b", "c"]
    assert list(table["start"]) == [pd.Timestamp(s) for s in ("2025-02-01", "2025-05-01",
                                                               "2025-03-01")]
    assert list(table["eind"].isna()) == [True, True, False]
    assert table.loc[2, "eind"] == pd.Timestamp("2025-09-01")
    assert list(spans(store.frame(Experiment, "leeg")).columns) == [
        "record_id", "proeftuin", "naam", "status", "start", "eind"]


def test_overview_counts_per_status_in_the_method_order(store: Store):
    table = overview(_experiments_frame(store))
    assert table.to_dict("records") == [
        {"proeftuin": "p", "status": "idee", "aantal": 1},
        {"proeftuin": "p", "status": "loopt", "aantal": 1},
        {"proeftuin": "q", "status": "gestopt", "aantal": 1},
    ]
    spec = overview_chart(table).to_dict()
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["color"]["field"] == "label"


def test_overdue_actions_are_open_and_past_their_date(store: Store):
    for rid, wat, uiterlijk, klaar in [
        ("x1", "Zaal", D(2025, 6, 1), False),
        ("x2", "Flyer", D(2025, 5, 1), True),
        ("x3", "Brief", D(2025, 6, 10), False),
        ("x4", "Ooit", None, False),
        ("x5", "Vandaag", D(2025, 6, 15), False),
    ]:
        store.save(Actie(experiment_id="e", wat=wat, uiterlijk=uiterlijk, klaar=klaar),
                   proeftuin="p", record_id=rid)
    late = overdue(store.frame(Actie, "p"), D(2025, 6, 15))
    assert late[["record_id", "dagen_te_laat"]].to_dict("records") == [
        {"record_id": "x1", "dagen_te_laat": 14}, {"record_id": "x3", "dagen_te_laat": 5}]
    assert overdue(store.frame(Actie, "leeg"), D(2025, 6, 15)).empty
    records = [v.record for v in store.records(Actie, "p")]
    assert [a.wat for a in open_actions(records)] == ["Zaal", "Brief", "Vandaag", "Ooit"]


def _goal(experiment_id: str, name: str, **extra: object) -> GasDoel:
    return GasDoel(experiment_id=experiment_id, experiment=name, doel="doel", niveau_0="nul",
                   **extra)


def _score(doel_id: str, meting: str, datum: date, niveau: int) -> GasScore:
    return GasScore(doel_id=doel_id, meting=meting, datum=datum, niveau=niveau)


def test_latest_t_score_is_the_follow_up_else_the_baseline(store: Store):
    store.save(_goal("e1", "Eén"), proeftuin="p", record_id="g1")
    store.save(_goal("e1", "Eén"), proeftuin="p", record_id="g2")
    store.save(_goal("e2", "Twee"), proeftuin="p", record_id="g3")
    store.save(_goal("e3", "Drie"), proeftuin="p", record_id="g4")  # never scored
    for doel, meting, niveau in [("g1", "nulmeting", -1), ("g2", "nulmeting", -1),
                                 ("g1", "vervolgmeting", 1), ("g2", "vervolgmeting", 0),
                                 ("g3", "nulmeting", -2)]:
        store.save(_score(doel, meting, D(2025, 5, 1), niveau), proeftuin="p")
    table = latest_t_scores(store.frame(GasDoel, "p"), store.frame(GasScore, "p"))
    rows = {r.experiment_id: (r.meting, round(r.t_score, 2)) for r in table.itertuples()}
    # hand-computed: two equal goals at +1 and 0, rho 0.3: 50 + 10*1 / sqrt(0.7*2 + 0.3*4)
    assert rows == {"e1": ("vervolgmeting", round(50 + 10 / (2.6 ** 0.5), 2)),
                    "e2": ("nulmeting", 30.0)}
    assert rows["e1"][1] == round(t_score([1, 0]), 2)


# -- migration ---------------------------------------------------------------------------


def _old_store(store: Store) -> None:
    """Records as the workbook saved them before experiments were records of their own."""
    when = datetime(2025, 5, 13, 15, tzinfo=UTC)
    store.save(_goal("casus", "Casuïstiekbespreking", datum=D(2025, 5, 13)), proeftuin="p",
               record_id="g1", saved_at=when)
    store.save(_goal("casus", "Casustafel", datum=D(2025, 5, 13)), proeftuin="p",
               record_id="g1", saved_at=when.replace(month=6))  # renamed in a later version
    store.save(_goal("casus", "Casustafel"), proeftuin="p", record_id="g2", saved_at=when)
    store.save(_goal("info", "Informatiepunt"), proeftuin="p", record_id="g3",
               saved_at=datetime(2025, 5, 20, 9, tzinfo=UTC))
    store.save(_goal("casus", "Casus elders", datum=D(2025, 6, 1)), proeftuin="q",
               record_id="g4", saved_at=when)
    store.save(_score("g1", "nulmeting", D(2025, 5, 27), -1), proeftuin="p", record_id="s1")
    store.save(_score("g4", "nulmeting", D(2025, 6, 1), 0), proeftuin="q", record_id="s2")


def test_migration_makes_one_experiment_per_id_and_proeftuin_and_loses_nothing(store: Store):
    _old_store(store)
    goals_before = store.frame(GasDoel, history=True)
    scores_before = store.frame(GasScore, history=True)
    saved = migrate_gas_experiments(store)
    found = {(v.proeftuin, v.record_id): v.record for v in store.records(Experiment)}
    # "casus" in q is another experiment than "casus" in p; record ids are unique in a store
    assert set(found) == {("p", "casus"), ("p", "info"), ("q", "q-casus")}
    assert found["p", "casus"].naam == "Casustafel"  # the latest name
    assert (found["p", "casus"].status, found["p", "casus"].datum_in_voorbereiding,
            found["p", "casus"].datum_loopt) == ("loopt", D(2025, 5, 13), D(2025, 5, 27))
    # never scored, no date on the goal: in preparation since the goal was saved
    assert (found["p", "info"].status, found["p", "info"].start) == (
        "in_voorbereiding", D(2025, 5, 20))
    assert (found["q", "q-casus"].naam, found["q", "q-casus"].datum_loopt) == (
        "Casus elders", D(2025, 6, 1))
    assert {v.saved_by for v in saved} == {MIGRATED_BY} and {v.version for v in saved} == {1}
    # nothing lost or changed: every earlier goal version and every scoring is as it was
    after = store.frame(GasDoel, history=True)
    pd.testing.assert_frame_equal(after.iloc[: len(goals_before)], goals_before)
    pd.testing.assert_frame_equal(store.frame(GasScore, history=True), scores_before)
    # only q's goal got a new version, pointing at its experiment's new id, all else the same
    moved = store.history(GasDoel, "g4")
    assert [(v.version, v.record.experiment_id) for v in moved] == [(1, "casus"), (2, "q-casus")]
    assert moved[1].record.model_dump(exclude={"experiment_id"}) == moved[0].record.model_dump(
        exclude={"experiment_id"})
    assert len(after) == len(goals_before) + 1
    # every goal belongs to an experiment record of its own proeftuin
    for goal in store.records(GasDoel):
        assert (goal.proeftuin, goal.record.experiment_id) in found
    # running it again finds nothing to do, and an existing record is never overwritten
    assert migrate_gas_experiments(store) == []
    assert [v.version for v in store.history(Experiment, "casus")] == [1]


def test_migration_of_one_proeftuin_leaves_the_others_and_keeps_existing_records(store: Store):
    _old_store(store)
    store.save(Experiment(naam="Eigen naam", datum_idee=D(2025, 4, 1)), proeftuin="p",
               record_id="casus")
    saved = migrate_gas_experiments(store, "p")
    assert [(v.proeftuin, v.record_id) for v in saved] == [("p", "info")]
    assert store.latest(Experiment, "casus").record.naam == "Eigen naam"
    assert experiments_from_goals(pd.DataFrame(), pd.DataFrame(), []) == []


def test_the_example_goals_all_belong_to_an_example_experiment(example_store: Store):
    experiments = {(v.proeftuin, v.record_id) for v in example_store.records(Experiment)}
    goals = example_store.records(GasDoel)
    assert goals and all((g.proeftuin, g.record.experiment_id) in experiments for g in goals)
    assert migrate_gas_experiments(example_store) == []


def test_todays_example_gas_records_migrate_to_the_example_experiments(tmp_path, store: Store):
    """The example as it was before experiments were records (every file but the two of
    this instrument): the migration gives each GAS experiment its record, under the same id
    as the example's own, and every goal, scoring and T-score stays as it was."""
    for path in EXAMPLE_DIR.glob("*.json"):
        if not path.name.startswith("experiment"):
            shutil.copy(path, tmp_path / path.name)
    load_example(store, tmp_path)
    goals, scores = store.frame(GasDoel, history=True), store.frame(GasScore, history=True)
    t_before = experiment_summary(store.frame(GasDoel), store.frame(GasScore))
    saved = migrate_gas_experiments(store)
    example = json.loads((EXAMPLE_DIR / "experiment.json").read_text(encoding="utf-8"))
    assert sorted((v.proeftuin, v.record_id) for v in saved) == sorted(
        (r["proeftuin"], r["record_id"]) for r in example["records"])
    pd.testing.assert_frame_equal(store.frame(GasDoel, history=True), goals)
    pd.testing.assert_frame_equal(store.frame(GasScore, history=True), scores)
    pd.testing.assert_frame_equal(
        experiment_summary(store.frame(GasDoel), store.frame(GasScore)), t_before)
    names = {v.record_id: v.record.naam for v in saved}
    assert names["casuistiekbespreking"] == "Casuïstiekbespreking"
    assert all(v.record.status == "loopt" for v in saved)  # every example goal was scored


def test_the_borging_table_of_the_example_says_how_each_experiment_goes_on(
    example_store: Store,
):
    table = borging(example_store.frame(Experiment, "bergeijk"))
    assert list(table["naam"]) == ["Casuïstiekbespreking", "Informatiepunt in de bibliotheek",
                                   "Vrijwilligers in de PaTz-groep"]
    assert table["geborgd"].tolist() == [True, True, True]
    assert set(table["borging_datum"]) == {pd.Timestamp("2026-01-20")}  # the transitie
    assert "eens per zes weken" in table.loc[0, "borging_hoe"]
    undecided = borging(example_store.frame(Experiment, "lindendal"))
    assert undecided["geborgd"].isna().all()
    assert list(borging(example_store.frame(Experiment, "leeg")).columns)[-1] == "borging_datum"
