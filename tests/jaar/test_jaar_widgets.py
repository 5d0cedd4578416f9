"""The year page driven in Python: attendance ticked and saved, bestuurders, links, the
planning of the stages, in verbinding blijven, and the start page's line per proeftuin."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.example import load_example
from leven.core.store import Store
from leven.jaar.records import Verbinding
from leven.jaar.views import JaarApp
from leven.proeftuin.pages import year_status
from leven.proeftuin.records import (
    Bijeenkomst,
    Deelnemer,
    Fase,
    Fasenplanning,
    Proeftuin,
    planning_id,
)

pytestmark = pytest.mark.usefixtures("dutch")


@pytest.fixture
def year(store: Store) -> Store:
    store.save(Proeftuin(naam="Proeftuin Zundert", gemeente="Zundert", startdatum="2025-03-04"),
               proeftuin="zundert", record_id="zundert")
    for rid, naam, domein in [("d1", "Anna", "zorg"), ("d2", "Bart", "sociaal_domein"),
                              ("d3", "Cor", "sociaal_domein")]:
        store.save(Deelnemer(naam=naam, domein=domein), proeftuin="zundert", record_id=rid)
    return store


def test_attendance_ticked_on_the_page_is_saved_and_counted(year):
    app = JaarApp(year, "zundert", saved_by="Marieke")
    view = app.meetings
    form = view.panel.form
    form.fields["soort"].widget.value = "startbijeenkomst"
    form.fields["datum"].widget.value = date(2025, 3, 4)
    form.fields["titel"].widget.value = "Aftrap"
    form.fields["uitgenodigd"].widget.value = ("d1", "d2")
    form.all_invited.click()  # everyone invited came ...
    form.fields["aanwezig"].widget._boxes["d3"].value = True  # ... and Cor walked in
    assert form.count.value == "3 van de 3 aanwezig (zorg 1, sociaal domein 2)"
    form.save_button.click()
    [saved] = year.records(Bijeenkomst, "zundert")
    assert saved.record.aanwezig == ("d1", "d2", "d3")
    assert saved.record.uitgenodigd == ("d1", "d2")
    # saved, but the seed wants bestuurders at the start: said beside the save
    assert "Opgeslagen (versie 1)" in form.status.value
    assert "geen bestuurders bij deze startbijeenkomst" in form.status.value
    assert "Aftrap" in view.panel.table.value and "geen bestuurders" in view.panel.table.value
    form.load(None)  # an earlier meeting, typed later, comes first in the list
    form.fields["soort"].widget.value = "kerngroepoverleg"
    form.fields["datum"].widget.value = date(2025, 1, 14)
    form.save_button.click()
    labels = [label for label, _ in view.panel.picker.options]
    assert labels[1:] == ["14-01-2025 · kerngroepoverleg", "04-03-2025 · Aftrap"]
    assert "<td>Anna</td>" in view.people.value
    spec = view.chart.chart.to_dict()
    assert {v["aanwezig"] for v in next(iter(spec["datasets"].values()))} == {1, 2, 0}


def test_place_agenda_notes_and_decisions_round_trip_through_the_form(year):
    form = JaarApp(year, "zundert").meetings.panel.form
    typed = {
        "plaats": "Bibliotheek Zundert, zaal 2",
        "agenda": "1. Welkom\n2. Wat is er al\n3. Experimenten kiezen",
        "notities": "Veel herkenning tussen huisarts en welzijn.\nDe bibliotheek doet mee.",
        "besluiten": "Casustafel elke zes weken.\nAnna coördineert het informatiepunt.",
    }
    form.fields["soort"].widget.value = "werkbijeenkomst"
    form.fields["datum"].widget.value = date(2025, 5, 13)
    for name, value in typed.items():
        form.fields[name].widget.value = value
    form.save_button.click()
    [saved] = year.records(Bijeenkomst, "zundert")
    assert {name: getattr(saved.record, name) for name in typed} == typed
    again = JaarApp(year, "zundert").meetings.panel.form  # a new page opens the meeting
    again.load(saved.record_id)
    assert {name: again.fields[name].widget.value for name in typed} == typed
    again.fields["besluiten"].widget.value = "Casustafel elke vier weken."
    again.save_button.click()
    latest = year.latest(Bijeenkomst, saved.record_id)
    assert (latest.version, latest.record.besluiten, latest.record.agenda) == (
        2, "Casustafel elke vier weken.", typed["agenda"])


def test_unticking_and_adding_bestuurders_is_a_new_version(year):
    app = JaarApp(year, "zundert")
    form = app.meetings.panel.form
    form.fields["soort"].widget.value = "transitiebijeenkomst"
    form.fields["datum"].widget.value = date(2026, 2, 1)
    form.fields["aanwezig"].widget.value = ("d1", "d2")
    form.save_button.click()
    form.fields["aanwezig"].widget._boxes["d2"].value = False
    form.fields["bestuurders"].widget.value = "Ria Aerts, bestuurder, Thuiszorg\nWethouder Smits"
    form.save_button.click()
    [saved] = year.records(Bijeenkomst, "zundert")
    assert saved.version == 2 and saved.record.aanwezig == ("d1",)
    assert [b.naam for b in saved.record.bestuurders] == ["Ria Aerts", "Wethouder Smits"]
    assert "geen bestuurders" not in form.status.value


def test_a_bad_bestuurder_line_is_said_beside_the_field_and_nothing_is_saved(year):
    form = JaarApp(year, "zundert").meetings.panel.form
    form.fields["soort"].widget.value = "startbijeenkomst"
    form.fields["datum"].widget.value = date(2025, 3, 4)
    form.fields["aanwezig"].widget.value = ("d1",)
    form.fields["bestuurders"].widget.value = "Ria Aerts\n, directeur"
    form.save_button.click()
    assert form.messages["bestuurders"].startswith("Regel 2: zet eerst de naam")
    assert form.fields["bestuurders"].widget.value == "Ria Aerts\n, directeur"
    assert form.fields["aanwezig"].widget.value == ("d1",)
    assert year.records(Bijeenkomst, "zundert") == []


def test_what_was_made_there_is_offered_from_the_store_and_linked(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    load_example(store)
    form = JaarApp(store, "bergeijk").meetings.panel.form
    boxes = form.fields["gemaakt"].widget._boxes
    options = {value: box.description for value, box in boxes.items()}
    assert options["netwerkkaart/netwerkkaart-bergeijk-start"] == (
        "Netwerkkaart: Netwerkkaart startbijeenkomst (11-02-2025)")
    assert options["evaluatie/evaluatie-bijeenkomst-werk-1"] == (
        "Evaluatie: Werkbijeenkomst: experimenten kiezen (13-05-2025)")
    assert not any("oosterweide" in v for v in options)  # only this proeftuin's
    form.load("bijeenkomst-werk-2")
    boxes["collage_notitie/collage-bergeijk-01"].value = True
    form.save_button.click()
    links = store.latest(Bijeenkomst, "bijeenkomst-werk-2").record.gemaakt
    assert [(link.kind, link.record_id) for link in links] == [
        ("collage_notitie", "collage-bergeijk-01")]
    # the attendance recorded before is kept
    assert len(store.latest(Bijeenkomst, "bijeenkomst-werk-2").record.aanwezig) == 11


def test_the_planning_shows_the_default_and_saves_a_changed_stage(year):
    view = JaarApp(year, "zundert", today=date(2025, 6, 1)).timeline
    form = view.planning
    assert form.fields["transitiebijeenkomst_begin"].widget.value == date(2026, 2, 4)
    form.fields["transitiebijeenkomst_begin"].widget.value = date(2026, 1, 27)
    form.fields["transitiebijeenkomst_eind"].widget.value = date(2026, 1, 27)
    form.save_button.click()
    saved = year.latest(Fasenplanning, planning_id("zundert"))
    spans = {s.fase: (s.begin, s.eind) for s in saved.record.fasen}
    assert spans[Fase.TRANSITIEBIJEENKOMST] == (date(2026, 1, 27), date(2026, 1, 27))
    assert spans[Fase.STARTBIJEENKOMST] == (date(2025, 3, 4), date(2025, 3, 4))
    again = JaarApp(year, "zundert").timeline.planning
    assert again.fields["transitiebijeenkomst_begin"].widget.value == date(2026, 1, 27)


def test_a_stage_ending_before_it_begins_is_refused_beside_its_end(year):
    form = JaarApp(year, "zundert").timeline.planning
    form.fields["werkbijeenkomsten_eind"].widget.value = date(2025, 1, 1)
    form.save_button.click()
    assert form.messages == {"werkbijeenkomsten_eind": "werkbijeenkomsten: het einde ligt vóór "
                             "het begin. Kies een latere einddatum."}
    assert year.latest(Fasenplanning, planning_id("zundert")) is None
    form.fields["voorbereiding_begin"].widget.value = None
    form.save_button.click()
    assert form.messages["voorbereiding_begin"] == (
        "voorbereiding: vul een begin- en een einddatum in.")


def test_the_timeline_tab_says_the_stage_and_the_next_meeting(year):
    year.save(Bijeenkomst(soort="startbijeenkomst", datum="2025-03-04"), proeftuin="zundert")
    year.save(Bijeenkomst(soort="werkbijeenkomst", datum="2025-06-10"), proeftuin="zundert")
    view = JaarApp(year, "zundert", today=date(2025, 6, 1)).timeline
    assert "Nu: werkbijeenkomsten" in view.summary.value
    assert "Volgende bijeenkomst: werkbijeenkomst op 10-06-2025" in view.summary.value
    late = JaarApp(year, "zundert", today=date(2026, 3, 5)).timeline
    assert "Het jaar is voorbij (04-03-2026)" in late.summary.value
    spec = view.chart.chart.to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "bar", "point", "point", "point", "point", "rule"]


def test_in_verbinding_blijven_is_agreed_on_the_page(year):
    meeting = year.save(Bijeenkomst(soort="transitiebijeenkomst", datum="2026-02-01"),
                        proeftuin="zundert")
    panel = JaarApp(year, "zundert").verbinding
    form = panel.form
    form.fields["wat"].widget.value = "De casustafel gaat door"
    form.fields["wie"].widget.value = "Welzijn Zundert"
    form.fields["hoe_vaak"].widget.value = "eens per zes weken"
    form.fields["eerste_datum"].widget.value = date(2026, 3, 10)
    form.fields["bijeenkomst_id"].widget.value = meeting.record_id
    form.save_button.click()
    [saved] = year.records(Verbinding, "zundert")
    assert saved.record.wie == "Welzijn Zundert"
    assert saved.record.bijeenkomst_id == meeting.record_id
    assert "De casustafel gaat door" in panel.table.value
    frame = JaarApp(year, "zundert").timeline.state.frame()
    agreed = frame[frame["soort"] == "afspraak"]
    assert agreed[["rij", "label"]].values.tolist() == [["in_verbinding_blijven",
                                                        "De casustafel gaat door"]]
    form.load(None)
    form.fields["wie"].widget.value = "Iemand"
    form.save_button.click()
    assert form.messages["wat"] == "Vul dit veld in."
    assert form.fields["wie"].widget.value == "Iemand"


def test_the_start_page_line_of_each_proeftuin(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    load_example(store)
    bergeijk = store.latest(Proeftuin, "bergeijk").record
    assert year_status(store, "bergeijk", bergeijk, date(2025, 6, 1)) == {
        "fase": "Nu: werkbijeenkomsten",
        "volgende": "Volgende bijeenkomst: werkbijeenkomst op 16-09-2025"}
    assert year_status(store, "bergeijk", bergeijk, date(2026, 3, 1)) == {
        "fase": "Nu: in verbinding blijven", "volgende": "Geen bijeenkomst gepland"}
    # stakeholdergesprekken were held from 8 January: before the start that is the stage
    assert year_status(store, "bergeijk", bergeijk, date(2025, 1, 20))["fase"] == (
        "Nu: stakeholdergesprekken")
    oosterweide = store.latest(Proeftuin, "oosterweide").record
    late = year_status(store, "oosterweide", oosterweide, date(2026, 4, 1))
    assert late["te_laat"] == ("Het jaar is voorbij (18-03-2026) en er is nog geen "
                               "transitiebijeenkomst geweest.")


def test_experiments_are_read_by_kind_name_as_bars(year):
    from leven.experiment.records import Experiment  # the real records: the interface holds
    from leven.jaar.analysis import Balk
    from leven.jaar.views.timeline import experiment_bars

    running = Experiment(naam="Casustafel", status="loopt", datum_idee="2025-03-10",
                         datum_loopt="2025-04-01")
    done = Experiment(naam="Informatiepunt", status="afgerond", datum_idee="2025-03-10",
                      datum_in_voorbereiding="2025-03-20", datum_afgerond="2025-09-30")
    idea = Experiment(naam="Nog een idee", status="idee", datum_idee="2025-05-01")
    for record in (running, done, idea):
        year.save(record, proeftuin="zundert")
    assert experiment_bars(year, "zundert") == [
        Balk("Informatiepunt", date(2025, 3, 20), date(2025, 9, 30)),
        Balk("Casustafel", date(2025, 4, 1), None),
        Balk("Nog een idee", date(2025, 5, 1), None),
    ]
    frame = JaarApp(year, "zundert", today=date(2025, 6, 1)).timeline.state.frame()
    bars = frame[frame["soort"] == "experiment"]
    assert bars["rij"].tolist() == ["Informatiepunt", "Casustafel", "Nog een idee"]
    assert bars["open"].tolist() == [False, True, True]
