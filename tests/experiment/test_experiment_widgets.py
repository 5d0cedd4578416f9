"""The experiments page driven in Python: create an experiment, change its status, add and tick
actions, record borging; every step checked in the store."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.store import Store
from leven.experiment import Actie, Experiment
from leven.experiment.views import ExperimentApp
from leven.gas import GasDoel
from leven.kernthema import Kernthema
from leven.netwerkkaart import BestaandInitiatief
from leven.proeftuin.records import Deelnemer

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch

TODAY = date(2025, 6, 15)


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> ExperimentApp:
    monkeypatch.setattr(ExperimentApp, "today", staticmethod(lambda: TODAY))
    store.save(Deelnemer(naam="Anna de Vries", organisatie="De Linde", kerngroep=True),
               proeftuin="p", record_id="anna")
    store.save(Deelnemer(naam="Ingrid Smeets"), proeftuin="p", record_id="ingrid")
    store.save(Kernthema(kernthema="Elkaar kennen", ambitie="Weten bij wie je terechtkunt.",
                         status="vastgesteld"), proeftuin="p", record_id="kernthema-p")
    return ExperimentApp(store, "p", saved_by=lambda: "Marieke")


def fill(form, **values: object) -> None:
    for name, value in values.items():
        form.fields[name].widget.value = value


def create(app: ExperimentApp, **values: object) -> str:
    fill(app.form, **values)
    app.form.save_button.click()
    assert app.form.record_id, app.form.status.value
    return app.form.record_id


def test_the_ambition_is_at_the_top(app: ExperimentApp):
    assert "Weten bij wie je terechtkunt." in app.ambition.value
    assert "Vastgestelde ambitie" in app.ambition.value
    assert "Nog geen experimenten" in app.cards.value


def test_create_an_experiment_as_an_idea_linked_to_the_kernthema(app: ExperimentApp):
    experiment_id = create(app, naam="Casustafel", wat="Samen casussen bespreken",
                           coordinator="anna", groep=("anna", "ingrid"))
    saved = app.store.latest(Experiment, experiment_id)
    assert (saved.record.naam, saved.record.status, saved.record.datum_idee) == (
        "Casustafel", "idee", TODAY)  # no date typed: an idea since today
    assert (saved.record.kernthema_id, saved.record.kernthema_versie) == ("kernthema-p", 1)
    assert "het kernthema, versie 1." in app.form.origin.value
    assert saved.record.groep == ("anna", "ingrid") and saved.saved_by == "Marieke"
    assert app.picker.value == experiment_id
    assert "Casustafel" in app.cards.value and "Anna de Vries" in app.cards.value
    assert "Nog geen GAS-doelen" in app.cards.value


def test_an_existing_initiative_from_the_netwerkkaart_is_offered_and_joined(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """"Wat is er al" (the netwerkkaart's records, read by kind name): offered in the
    dropdown, saved as the experiment's initiatief_id, named on its card."""
    monkeypatch.setattr(ExperimentApp, "today", staticmethod(lambda: TODAY))
    store.save(BestaandInitiatief(naam="Alzheimer Café Bergeijk", wie="Welzijn De Kempen"),
               proeftuin="p", record_id="initiatief-cafe")
    store.save(BestaandInitiatief(naam="Elders"), proeftuin="q", record_id="initiatief-q")
    app = ExperimentApp(store, "p")
    dropdown = app.form.fields["initiatief_id"].widget
    assert list(dropdown.options) == [("— geen —", ""),
                                      ("Alzheimer Café Bergeijk", "initiatief-cafe")]
    assert dropdown.value == ""  # none chosen at first
    experiment_id = create(app, naam="Casustafel", initiatief_id="initiatief-cafe")
    assert store.latest(Experiment, experiment_id).record.initiatief_id == "initiatief-cafe"
    assert ('<span class="leven-meta">Sluit aan bij:</span> Alzheimer Café Bergeijk'
            in app.cards.value)
    again = ExperimentApp(store, "p")  # a reload shows it chosen
    again.choose(experiment_id)
    assert again.form.fields["initiatief_id"].widget.value == "initiatief-cafe"


def test_a_coordinator_outside_the_kerngroep_is_refused_beside_the_field(app: ExperimentApp):
    fill(app.form, naam="Casustafel", coordinator="ingrid", wat="Samen")
    app.form.save_button.click()
    assert app.form.messages == {"coordinator": "Ingrid Smeets zit niet in de kerngroep: de "
                                 "coördinator van een experiment is een kerngroeplid."}
    assert app.store.records(Experiment, "p") == []
    assert app.form.values["naam"] == "Casustafel" and app.form.values["wat"] == "Samen"


def test_an_empty_name_is_refused_in_dutch_and_nothing_is_saved(app: ExperimentApp):
    app.form.save_button.click()
    assert app.form.messages == {"naam": "Geef het experiment een naam."}
    assert app.store.records(Experiment, "p") == []


def test_status_changes_are_new_versions_with_their_dates(app: ExperimentApp):
    experiment_id = create(app, naam="Casustafel", datum_idee=date(2025, 2, 11))
    assert app.status_form.values == {"status": "idee", "datum": date(2025, 2, 11)}
    fill(app.status_form, status="loopt")
    assert app.status_form.values["datum"] == TODAY  # a new step begins today by default
    fill(app.status_form, datum=date(2025, 5, 13))
    app.status_form.save_button.click()
    history = app.store.history(Experiment, experiment_id)
    assert [(v.version, v.record.status) for v in history] == [(1, "idee"), (2, "loopt")]
    assert (history[-1].record.datum_idee, history[-1].record.datum_loopt) == (
        date(2025, 2, 11), date(2025, 5, 13))
    assert "Loopt · sinds 13-05-2025" in app.cards.value
    # a date before the idea is refused beside the date; the form keeps what was chosen
    fill(app.status_form, status="afgerond", datum=date(2025, 1, 1))
    app.status_form.save_button.click()
    assert "data gaan niet terug in de tijd" in app.status_form.messages["datum"]
    assert app.status_form.values["status"] == "afgerond"
    assert len(app.store.history(Experiment, experiment_id)) == 2
    # the describe form stands on the new version: editing it keeps the status
    fill(app.form, wat="Elke zes weken")
    app.form.save_button.click()
    latest = app.store.latest(Experiment, experiment_id)
    assert (latest.version, latest.record.status, latest.record.wat) == (3, "loopt",
                                                                        "Elke zes weken")


def test_add_an_action_tick_it_and_see_it_on_the_card(app: ExperimentApp):
    experiment_id = create(app, naam="Casustafel", coordinator="anna")
    fill(app.action_form, wat="Zaal regelen", wie="Anna de Vries", uiterlijk=date(2025, 6, 1))
    app.action_form.save_button.click()
    fill(app.action_form, wat="Flyer maken", uiterlijk=date(2025, 7, 1))
    app.action_form.save_button.click()
    actions = {v.record.wat: v for v in app.store.records(Actie, "p")}
    assert set(actions) == {"Zaal regelen", "Flyer maken"}
    assert {v.record.experiment_id for v in actions.values()} == {experiment_id}
    assert app.action_form.values["wat"] == ""
    assert "Actie toegevoegd." in app.action_form.status.value
    # overdue (1 June < 15 June, not done) is shown on the card for the coordinator
    assert "Zaal regelen" in app.cards.value and "te laat sinds 01-06-2025" in app.cards.value
    assert "1 actie(s) over de datum" in app.cards.value
    assert ("Voor de coördinatoren: acties over de datum" in app.cards.value
            and "Anna de Vries · Casustafel: 1 actie(s) over de datum (Zaal regelen)"
            in app.cards.value)
    box = app.actions.boxes[actions["Zaal regelen"].record_id]
    assert "te laat sinds 01-06-2025" in box.description
    box.value = True  # tick it
    ticked = app.store.history(Actie, actions["Zaal regelen"].record_id)
    assert [(v.version, v.record.klaar, v.record.klaar_op) for v in ticked] == [
        (1, False, None), (2, True, TODAY)]
    assert "Zaal regelen" not in app.cards.value and "over de datum" not in app.cards.value
    assert "Voor de coördinatoren" not in app.cards.value
    assert "Flyer maken" in app.cards.value
    app.actions.boxes[actions["Zaal regelen"].record_id].value = False  # open again
    assert app.store.latest(Actie, actions["Zaal regelen"].record_id).record.klaar is False


def test_an_action_needs_what_in_dutch(app: ExperimentApp):
    create(app, naam="Casustafel")
    fill(app.action_form, wie="Anna")
    app.action_form.save_button.click()
    assert app.action_form.messages == {"wat": "Beschrijf wat er moet gebeuren."}
    assert app.store.records(Actie, "p") == [] and app.action_form.values["wie"] == "Anna"


def test_borging_is_recorded_and_shown(app: ExperimentApp):
    experiment_id = create(app, naam="Casustafel", datum_idee=date(2025, 2, 11))
    fill(app.borging_form, geborgd=True, borging_hoe="")
    app.borging_form.save_button.click()
    assert app.borging_form.messages == {"borging_hoe": "Beschrijf hoe het experiment geborgd is."}
    fill(app.borging_form, opbrengst="Zes casustafels", borging_hoe="Elke zes weken, ook na de "
         "proeftuin", borging_door="Sociaal team", borging_datum=date(2026, 1, 20))
    app.borging_form.save_button.click()
    latest = app.store.latest(Experiment, experiment_id).record
    assert (latest.geborgd, latest.borging_door, latest.naam) == (True, "Sociaal team",
                                                                  "Casustafel")
    assert "Geborgd: Elke zes weken, ook na de proeftuin" in app.cards.value


def test_the_forms_of_another_experiment_and_the_choose_first_hint(app: ExperimentApp):
    first = create(app, naam="Eén")
    app.choose("")
    assert app.choose_first.layout.display == "" and app.form.record_id is None
    second = create(app, naam="Twee")
    app.choose(first)
    assert app.form.values["naam"] == "Eén" and app.status_form.record_id == first
    assert app.action_form.experiment_id == first
    assert [o[1] for o in app.picker.options] == ["", first, second]


def test_opening_the_page_takes_over_experiments_from_gas_goals(store: Store):
    store.save(GasDoel(experiment_id="casus", experiment="Casuïstiekbespreking", doel="d",
                       niveau_0="n", datum=date(2025, 5, 13)), proeftuin="p")
    app = ExperimentApp(store, "p")
    assert "1 experiment(en) overgenomen uit de GAS-doelen." in app.message.value
    assert [v.record_id for v in store.records(Experiment, "p")] == ["casus"]
    assert "Casuïstiekbespreking" in app.cards.value
    assert 'href="gas.ipynb?proeftuin=p&amp;experiment=casus"' in app.cards.value


def test_the_example_cards_show_status_coordinator_t_score_and_borging(
    example_store: Store, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(ExperimentApp, "today", staticmethod(lambda: date(2026, 2, 1)))
    app = ExperimentApp(example_store, "bergeijk")
    cards = app.cards.value
    assert app.message.value == ""  # the example has its experiments already
    for name in ("Casuïstiekbespreking", "Informatiepunt in de bibliotheek",
                 "Vrijwilligers in de PaTz-groep", "Petra van Dijk", "Sanne Bakker",
                 "Joost Hermans", "Afgerond · sinds 20-01-2026"):
        assert name in cards
    assert "T-score (vervolgmeting): 70,4" in cards  # as the GAS page computes it
    assert "te laat sinds 01-10-2025" in cards  # the informatiepunt's open action
    assert "Data van de casustafels na de proeftuin plannen" in cards  # open, not yet late
    assert cards.count("Geborgd:") == 3


def test_a_busy_store_at_opening_leaves_the_page_working(store: Store, monkeypatch):
    from leven.core.store import StoreError
    from leven.experiment.views import app as app_module

    def busy(*_args: object) -> None:
        raise StoreError("core.store.locked")

    monkeypatch.setattr(app_module, "migrate_gas_experiments", busy)
    page = ExperimentApp(store, "p")
    assert page.message.value == "" and "Nog geen experimenten" in page.cards.value
