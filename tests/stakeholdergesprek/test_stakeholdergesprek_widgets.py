"""The Stakeholdergesprekken page driven in Python: save an interview, create a new
interviewee from the form, put the named collaborations in the netwerkkaart (all checked in
the store), and the overview of the example proeftuin."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.store import Store
from leven.netwerkkaart.records import Band, Netwerkkaart, SoortBand
from leven.proeftuin.records import Deelnemer, Organisatie
from leven.stakeholdergesprek import Stakeholdergesprek
from leven.stakeholdergesprek.views import StakeholdergesprekApp
from leven.stakeholdergesprek.views.form import NIEUW

pytestmark = pytest.mark.usefixtures("dutch")

P = "zundert"


@pytest.fixture
def actors(store: Store) -> dict[str, str]:
    """Three actors of the proeftuin: name -> record id."""
    saved = [
        store.save(Deelnemer(naam="Anna de Vries", kerngroep=True), proeftuin=P),
        store.save(Deelnemer(naam="Petra van Dijk"), proeftuin=P),
        store.save(Organisatie(naam="Welzijn Zundert"), proeftuin=P),
    ]
    return {v.record.naam: v.record_id for v in saved}


def _fill(app: StakeholdergesprekApp, **values: object) -> None:
    for name, value in values.items():
        app.panel.form.fields[name].widget.value = value


def test_save_an_interview_and_find_it_in_the_store(store: Store, actors: dict[str, str]):
    app = StakeholdergesprekApp(store, P, saved_by="Karim")
    form = app.panel.form
    assert "Anna de Vries" in form.fields["interviewer"].widget.options  # kerngroep
    assert app.netwerk_button.disabled  # nothing saved yet
    form.save_button.click()
    assert form.messages["gesprekspartner"].startswith("Kies met wie")
    assert form.messages["datum"] == "Vul de datum van het gesprek in."
    assert store.records(Stakeholdergesprek, P) == []
    _fill(app, gesprekspartner=actors["Petra van Dijk"], interviewer="Anna de Vries",
          datum=date(2025, 1, 9), rol="Wijkverpleegkundige", samenwerking="Kort lijntje.",
          waardering=4, gewenste_toekomst="Samen eerder in gesprek.",
          werkt_samen_met="Welzijn Zundert\n\nGGD\n", citaten="Bel me gerust.")
    form.save_button.click()
    assert "Opgeslagen (versie 1)" in form.status.value
    [saved] = store.records(Stakeholdergesprek, P)
    assert saved.saved_by == "Karim"
    assert saved.record.gesprekspartner == actors["Petra van Dijk"]
    assert saved.record.werkt_samen_met == ("Welzijn Zundert", "GGD")
    assert saved.record.citaten == ("Bel me gerust.",) and saved.record.waardering == 4
    assert not app.netwerk_button.disabled
    assert app.panel.picker.value == saved.record_id
    _fill(app, waardering=None)
    form.save_button.click()
    assert "Opgeslagen (versie 2)" in form.status.value
    assert store.latest(Stakeholdergesprek, saved.record_id).record.waardering is None
    # loading it again shows it as saved
    app.panel.new_button.click()
    assert form.values["gesprekspartner"] is None and app.netwerk_button.disabled
    app.panel.picker.value = saved.record_id
    assert form.values["werkt_samen_met"] == "Welzijn Zundert\nGGD"


def test_a_new_interviewee_is_created_from_the_form(store: Store, actors: dict[str, str]):
    app = StakeholdergesprekApp(store, P)
    form = app.panel.form
    assert form.fields["nieuw_naam"].layout.display == "none"
    _fill(app, gesprekspartner=NIEUW)
    assert form.fields["nieuw_naam"].layout.display == ""
    form.save_button.click()  # no date: the interview is checked before anyone is created
    assert form.messages == {"datum": "Vul de datum van het gesprek in."}
    assert len(store.records(Deelnemer, P)) == 2
    _fill(app, datum=date(2025, 1, 20))
    form.save_button.click()
    assert form.messages == {"nieuw_naam": "Vul de naam van de nieuwe gesprekspartner in."}
    _fill(app, nieuw_soort="organisatie", nieuw_naam="Parochie Sint-Jan")
    form.save_button.click()
    assert "Opgeslagen (versie 1)" in form.status.value
    [parochie] = [v for v in store.records(Organisatie, P) if v.record.naam == "Parochie Sint-Jan"]
    [gesprek] = store.records(Stakeholdergesprek, P)
    assert gesprek.record.gesprekspartner == parochie.record_id
    assert form.values["gesprekspartner"] == parochie.record_id
    assert form.values["nieuw_naam"] == ""
    assert "Parochie Sint-Jan" in app.panel.picker.label


def test_zet_in_de_netwerkkaart_without_a_snapshot_makes_one(store: Store, actors: dict[str, str]):
    anna, petra, welzijn = actors.values()
    app = StakeholdergesprekApp(store, P)
    _fill(app, gesprekspartner=anna, datum=date(2025, 1, 9),
          werkt_samen_met="petra van dijk\nWelzijn Zundert\nGGD West-Brabant")
    app.panel.form.save_button.click()
    app.netwerk_button.click()
    [kaart] = store.records(Netwerkkaart, P)
    assert kaart.version == 1 and kaart.record.datum == date(2025, 1, 9)
    assert kaart.record.banden == (Band(van=anna, naar=petra, soort=SoortBand.WERKT_SAMEN),
                                   Band(van=anna, naar=welzijn, soort=SoortBand.WERKT_SAMEN))
    status = app.netwerk_status.value
    assert "2 banden (werkt samen) toegevoegd" in status
    assert "Niet gevonden onder de deelnemers en organisaties: GGD West-Brabant" in status
    app.netwerk_button.click()  # again: nothing new, no new version
    assert store.latest(Netwerkkaart, kaart.record_id).version == 1
    already = "Stond al in de netwerkkaart: Petra van Dijk, Welzijn Zundert"
    assert already in app.netwerk_status.value


def test_zet_in_de_netwerkkaart_adds_a_version_of_the_latest_snapshot(
    store: Store, actors: dict[str, str]
):
    _anna, petra, welzijn = actors.values()
    old = store.save(Netwerkkaart(datum=date(2025, 1, 1)), proeftuin=P)
    latest = store.save(Netwerkkaart(datum=date(2025, 2, 11), banden=(
        Band(van=petra, naar=welzijn, soort=SoortBand.KENT),)), proeftuin=P)
    store.save(Stakeholdergesprek(gesprekspartner=petra, datum=date(2025, 1, 9),
                                  werkt_samen_met=(welzijn,)), proeftuin=P)
    app = StakeholdergesprekApp(store, P)
    app.panel.picker.value = store.records(Stakeholdergesprek, P)[0].record_id
    saved = app.put_in_netwerkkaart()
    assert saved.record_id == latest.record_id and saved.version == 2
    assert saved.record.banden[-1] == Band(van=petra, naar=welzijn, soort=SoortBand.WERKT_SAMEN)
    assert store.latest(Netwerkkaart, old.record_id).version == 1
    assert "11-02-2025 (versie 2)" in app.netwerk_status.value


def test_the_overview_of_the_example_proeftuin(example_store: Store):
    app = StakeholdergesprekApp(example_store, "bergeijk")
    app.tabs.selected_index = 1
    overview = app.overview
    assert overview.table.value.count("<tr>") == 1 + 8
    assert "8 gesprekken." in overview.table.value
    assert "Gemiddeld cijfer voor de samenwerking nu: 2,5." in overview.table.value
    assert "<td>naasten</td><td>6</td>" in overview.words.value
    assert overview.chart.chart.to_dict()["mark"]["type"] == "bar"
    ambitie = overview.ambitie.value
    assert "Elkaar kennen en vinden rond de laatste levensfase" in ambitie
    assert ambitie.count("<li>") == 5 and "<li>Gemeente Bergeijk · 22-01-2025</li>" in ambitie


def test_typed_text_is_escaped_in_the_overview(store: Store, actors: dict[str, str]):
    store.save(Stakeholdergesprek(gesprekspartner=actors["Anna de Vries"], datum=date(2025, 1, 9),
                                  interviewer="<b>x</b>"), proeftuin=P)
    app = StakeholdergesprekApp(store, P)
    app.overview.refresh()
    assert "<b>x</b>" not in app.overview.table.value
    assert "&lt;b&gt;x&lt;/b&gt;" in app.overview.table.value
    assert "nog geen voorlopige ambitie" in app.overview.ambitie.value
