"""The verkennen app driven in Python: ties added and removed, checked in the store."""

from __future__ import annotations

from datetime import date

import pytest

from leven.core.store import Store
from leven.netwerkkaart import BestaandInitiatief, Netwerkkaart
from leven.netwerkkaart.views import NetwerkkaartApp
from leven.proeftuin import Bijeenkomst, Deelnemer, Organisatie, Proeftuin

pytestmark = pytest.mark.usefixtures("dutch")

START = "netwerkkaart-bergeijk-start"
TRANSITIE = "netwerkkaart-bergeijk-transitie"


def choose(app: NetwerkkaartApp, van: str, naar: str, soort: str = "kent_elkaar") -> None:
    fields = app.editor.fields
    fields["van"].widget.value, fields["naar"].widget.value = van, naar
    fields["soort"].widget.value = soort


def pairs(store: Store, record_id: str) -> list[tuple[str, str, str]]:
    kaart = store.latest(Netwerkkaart, record_id).record
    return [(b.van, b.naar, b.soort.value) for b in kaart.banden]


def test_it_opens_on_the_latest_snapshot_with_its_ties_and_figures(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk")
    assert app.record_id == TRANSITIE
    assert len(app.editor.ties.children) == 18
    assert "<th>Banden (paren)</th><td>18</td>" in app.figures.value
    assert "<td>44%</td>" in app.figures.value  # 8 of 18 ties cross the domains
    labels = [label for label, _ in app.editor.fields["van"].widget.options]
    assert labels[:2] == ["— kies —", "Anna de Vries"]
    assert "Welzijn De Kempen (organisatie)" in labels


def test_adding_a_tie_saves_a_new_version_at_once_and_redraws(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk", saved_by="Marieke")
    choose(app, "deelnemer-08", "deelnemer-15", "werkt_samen")
    app.editor.add_button.click()
    assert "Opgeslagen (versie 3)" in app.editor.status.value
    history = example_store.history(Netwerkkaart, TRANSITIE)
    assert [v.version for v in history] == [1, 2, 3]
    assert history[-1].saved_by == "Marieke"
    assert pairs(example_store, TRANSITIE)[-1] == ("deelnemer-08", "deelnemer-15", "werkt_samen")
    assert len(app.editor.ties.children) == 19
    assert "<th>Banden (paren)</th><td>19</td>" in app.figures.value
    assert app.editor.fields["van"].widget.value == "deelnemer-08"  # kept for the next tie
    assert app.editor.fields["naar"].widget.value is None
    ties = app.chart.chart.to_dict()
    name = ties["layer"][2]["data"]["name"]
    assert "deelnemer-08|deelnemer-15" in {r["band"] for r in ties["datasets"][name]}


def test_removing_a_tie_is_a_new_version_and_the_old_one_stays(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk")
    first = pairs(example_store, TRANSITIE)[0]
    app.editor.ties.children[0].children[0].click()  # its "Verwijderen"
    assert "Band verwijderd; opgeslagen (versie 3)" in app.editor.status.value
    history = example_store.history(Netwerkkaart, TRANSITIE)
    assert first not in pairs(example_store, TRANSITIE)
    assert len(history[-1].record.banden) == len(history[-2].record.banden) - 1
    assert history[-2].record.banden[0].van == first[0]  # history never deleted
    assert len(app.editor.ties.children) == 17


@pytest.mark.parametrize(
    ("van", "naar", "message"),
    [
        ("deelnemer-08", "deelnemer-08", "Een band is tussen twee verschillende actoren"),
        ("deelnemer-02", "deelnemer-01", "Deze band staat al op de kaart."),  # 01→02 is there
        ("deelnemer-08", None, "Kies een actor."),
    ],
)
def test_a_refused_tie_says_why_beside_the_field_and_keeps_the_choice(
    example_store, van, naar, message
):
    app = NetwerkkaartApp(example_store, "bergeijk")
    choose(app, van, naar, "werkt_samen")
    app.editor.add_button.click()
    assert message in app.editor.fields["naar"].message
    assert "Niet opgeslagen" in app.editor.status.value
    assert len(example_store.history(Netwerkkaart, TRANSITIE)) == 2
    assert (app.editor.fields["van"].widget.value, app.editor.fields["naar"].widget.value) == (
        van, naar)


@pytest.fixture
def zundert(store: Store) -> Store:
    store.save(Proeftuin(naam="Zundert", gemeente="Zundert", startdatum="2025-03-01"),
               proeftuin="zundert", record_id="zundert")
    store.save(Bijeenkomst(soort="startbijeenkomst", datum="2025-03-04"),
               proeftuin="zundert", record_id="b-start")
    store.save(Deelnemer(naam="Anna", domein="zorg", dimensies=["lichamelijk"]),
               proeftuin="zundert", record_id="anna")
    store.save(Organisatie(naam="Welzijn Zundert", domein="sociaal_domein"),
               proeftuin="zundert", record_id="welzijn")
    return store


def test_a_new_snapshot_then_a_tie_and_a_title_change_keeps_the_tie(zundert):
    app = NetwerkkaartApp(zundert, "zundert")
    assert app.record_id is None
    choose(app, "anna", "welzijn")
    app.editor.add_button.click()  # no snapshot yet: said, nothing saved
    assert "Kies of maak eerst een momentopname" in app.editor.status.value
    assert zundert.records(Netwerkkaart, "zundert") == []
    form = app.snapshots.form
    form.fields["bijeenkomst"].widget.value = "b-start"
    assert form.fields["datum"].widget.value == date(2025, 3, 4)  # taken from the bijeenkomst
    assert form.fields["titel"].widget.value == "Netwerkkaart · startbijeenkomst"
    form.save_button.click()
    kaart_id = app.record_id
    assert kaart_id and app.snapshots.picker.value == kaart_id
    app.editor.add_button.click()
    assert "Opgeslagen (versie 2)" in app.editor.status.value
    form.fields["titel"].widget.value = "Startkaart"
    form.save_button.click()  # from version 2, not a conflict with the tie's save
    latest = zundert.latest(Netwerkkaart, kaart_id)
    assert (latest.version, latest.record.titel) == (3, "Startkaart")
    assert [(b.van, b.naar) for b in latest.record.banden] == [("anna", "welzijn")]
    assert "<th>Banden zorg – sociaal domein</th><td>1</td>" in app.figures.value


def test_a_new_snapshot_begins_with_the_ties_of_the_latest_and_that_one_stays(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk", saved_by="Marieke")
    app.snapshots.new_button.click()
    form = app.snapshots.form
    begin = form.fields["overnemen"]
    assert begin.layout.display != "none"
    assert begin.widget.value == TRANSITIE  # the latest snapshot is offered first
    assert [v for _, v in begin.widget.options] == [TRANSITIE, START, None]
    form.fields["datum"].widget.value = date(2025, 12, 9)
    form.fields["titel"].widget.value = "Netwerkkaart drie maanden later"
    form.save_button.click()
    assert "Opgeslagen (versie 1)" in form.status.value
    later = app.record_id
    assert later not in (START, TRANSITIE)
    assert pairs(example_store, later) == pairs(example_store, TRANSITIE)
    assert len(app.editor.ties.children) == 18
    app.editor.ties.children[0].children[0].click()  # a tie that no longer holds
    assert len(pairs(example_store, later)) == 17
    assert len(pairs(example_store, TRANSITIE)) == 18  # the earlier map stays as it was
    assert [v.version for v in example_store.history(Netwerkkaart, TRANSITIE)] == [1, 2]
    assert form.fields["overnemen"].layout.display == "none"  # a saved map begins from nothing


def test_a_new_snapshot_may_begin_empty(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk")
    app.snapshots.new_button.click()
    form = app.snapshots.form
    form.fields["overnemen"].widget.value = None
    form.fields["datum"].widget.value = date(2025, 12, 9)
    form.save_button.click()
    assert example_store.latest(Netwerkkaart, app.record_id).record.banden == ()


def test_an_actor_added_on_the_page_can_be_tied_at_once(zundert):
    app = NetwerkkaartApp(zundert, "zundert")
    fields = app.adder.fields
    fields["actor_naam"].widget.value = "Welzijn Zundert"
    app.adder.add_button.click()
    assert "Er is al een actor ‘Welzijn Zundert’." in fields["actor_naam"].message
    fields["actor_naam"].widget.value = "Hospice De Baronie"
    fields["actor_soort"].widget.value = "organisatie"
    fields["actor_domein"].widget.value = "zorg"
    app.adder.add_button.click()
    saved = [v for v in zundert.records(Organisatie, "zundert") if v.record.naam.startswith("Hos")]
    assert len(saved) == 1 and saved[0].record.domein.value == "zorg"
    options = dict(app.editor.fields["naar"].widget.options)
    assert options["Hospice De Baronie (organisatie)"] == saved[0].record_id


def test_before_and_after_compares_the_first_and_the_last_snapshot(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk")
    app.tabs.selected_index = 1
    comparison = app.comparison
    assert (comparison.voor.value, comparison.na.value) == (START, TRANSITIE)
    summary = comparison.summary.value
    assert "<th>Nieuwe banden zorg – sociaal domein</th><td>6: " in summary
    assert "Nieuw verbonden actoren</th><td>2: Huisartsenpraktijk De Linde" in summary
    assert comparison.chart.chart[1].to_dict()["title"].endswith("transitiebijeenkomst")


def test_wat_is_er_al_lists_the_initiatives_and_saves_a_new_one(example_store):
    app = NetwerkkaartApp(example_store, "bergeijk")
    panel = app.initiatieven
    assert "PaTz-groep Bergeijk" in panel.table.value
    form = panel.form
    form.fields["naam"].widget.value = ""
    form.save_button.click()
    assert form.messages.get("naam")
    form.fields["naam"].widget.value = "Alzheimer Café"
    form.fields["aandacht"].widget.value = "nee"
    form.save_button.click()
    saved = [v.record for v in example_store.records(BestaandInitiatief, "bergeijk")]
    assert saved[-1].naam == "Alzheimer Café" and saved[-1].aandacht.value == "nee"
    assert "Alzheimer Café" in panel.table.value


def test_a_tie_is_never_saved_over_a_version_someone_else_saved_meanwhile(example_store,
                                                                          monkeypatch):
    app = NetwerkkaartApp(example_store, "bergeijk")
    first = example_store.history(Netwerkkaart, TRANSITIE)[0]
    # the page read version 1; another laptop has saved version 2 since
    monkeypatch.setattr(example_store, "latest", lambda model, record_id: first)
    choose(app, "deelnemer-08", "deelnemer-15")
    app.editor.add_button.click()
    monkeypatch.undo()
    assert "iemand anders heeft dit intussen gewijzigd" in app.editor.status.value
    assert len(example_store.history(Netwerkkaart, TRANSITIE)) == 2
