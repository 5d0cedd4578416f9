"""The GAS page and the experiment records: it offers the proeftuin's experiments (read by
kind name), opens the one in its address, and gives goals the experiment's record id."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.store import Store
from leven.experiment import Experiment
from leven.experiment.views import ExperimentApp
from leven.experiment.views.cards import gas_link
from leven.gas import GasDoel
from leven.gas.views.app import GasApp

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def _experiment(store: Store, proeftuin: str, record_id: str, naam: str) -> None:
    store.save(Experiment(naam=naam, datum_idee=date(2025, 3, 1)), proeftuin=proeftuin,
               record_id=record_id)


def test_an_experiment_without_goals_is_offered_and_its_goal_gets_its_id(store: Store):
    _experiment(store, "p", "exp-casus", "Casustafel")
    _experiment(store, "q", "exp-elders", "Elders")
    app = GasApp(store, "p", saved_by="Marieke")
    assert ("Casustafel (nieuw)", "exp-casus") in app.picker.options
    assert "exp-elders" not in {value for _, value in app.picker.options}
    app.picker.value = "exp-casus"
    assert app.goals.form.fields["experiment"].widget.value == "Casustafel"
    for name, value in {"doel": "Samen casussen bespreken", "niveau_0": "Elke zes weken"}.items():
        app.goals.form.fields[name].widget.value = value
    app.goals.form.save_button.click()
    goal = store.records(GasDoel, "p")[0].record
    assert (goal.experiment_id, goal.experiment) == ("exp-casus", "Casustafel")
    assert ("Casustafel", "exp-casus") in app.picker.options  # now it has a goal


def test_the_address_opens_the_experiment_of_the_card(store: Store, monkeypatch):
    _experiment(store, "p", "exp-casus", "Casustafel")
    link = gas_link("p", "exp-casus")
    assert link == "gas.ipynb?proeftuin=p&experiment=exp-casus"
    monkeypatch.setenv("QUERY_STRING", link.partition("?")[2])
    app = GasApp(store, "p")
    assert app.picker.value == "exp-casus" and app.body.layout.display == ""
    monkeypatch.setenv("QUERY_STRING", "proeftuin=p&experiment=onbekend")
    assert GasApp(store, "p").picker.value is None  # not this proeftuin's: nothing chosen


def test_a_renamed_experiment_shows_its_record_name(example_store: Store):
    record = example_store.latest(Experiment, "casuistiekbespreking")
    example_store.save(record.record.model_copy(update={"naam": "Casustafel"}),
                       proeftuin="bergeijk", record_id="casuistiekbespreking")
    app = GasApp(example_store, "bergeijk")
    assert ("Casustafel", "casuistiekbespreking") in app.picker.options


def test_a_new_experiment_on_the_gas_page_gets_an_id_free_in_the_whole_store(store: Store):
    _experiment(store, "q", "casustafel", "Casustafel")
    app = GasApp(store, "p")
    app.new_name.value = "Casustafel"
    app.new_button.click()
    assert app.picker.value == "casustafel-2"
    for name, value in {"doel": "Samen", "niveau_0": "Elke zes weken"}.items():
        app.goals.form.fields[name].widget.value = value
    app.goals.form.save_button.click()
    # the experiments page takes it over under that id: no clash with q's experiment
    page = ExperimentApp(store, "p")
    assert [v.record_id for v in store.records(Experiment, "p")] == ["casustafel-2"]
    assert "1 experiment(en) overgenomen" in page.message.value
