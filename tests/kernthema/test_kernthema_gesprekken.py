"""A kernthema version names the stakeholdergesprekken it drew on (by record id); versions
stored before that field existed still load, and the form offers the proeftuin's interviews
without the kernthema importing that instrument (it reads them by kind name)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from leven.core.store import Store
from leven.kernthema import Kernthema, evolution_table, record_id
from leven.kernthema.views import KernthemaApp, gesprek_choices
from leven.proeftuin.records import Deelnemer, Organisatie
from leven.stakeholdergesprek import Stakeholdergesprek

pytestmark = pytest.mark.usefixtures("dutch")


def test_a_version_stored_without_gesprekken_still_loads(store: Store):
    old = {"kernthema": "Elkaar kennen", "ambitie": "Weten bij wie", "status": "voorlopig"}
    assert Kernthema.model_validate_json(json.dumps(old)).gesprekken == ()
    new = Kernthema(**old, gesprekken=("g1", "g1", "", "g2"))
    assert new.gesprekken == ("g1", "g2")
    store.save(Kernthema(**old), proeftuin="p", record_id=record_id("p"))
    store.save(new, proeftuin="p", record_id=record_id("p"))
    assert [v.record.gesprekken for v in store.history(Kernthema, record_id("p"))] == [
        (), ("g1", "g2")]
    assert len(evolution_table(store.frame(Kernthema, history=True))) == 2


def test_the_form_offers_the_interviews_and_saves_the_chosen(store: Store):
    anna = store.save(Deelnemer(naam="Anna"), proeftuin="p").record_id
    ggd = store.save(Organisatie(naam="GGD"), proeftuin="p").record_id
    later = store.save(Stakeholdergesprek(gesprekspartner=ggd, datum=date(2025, 1, 20)),
                       proeftuin="p").record_id
    first = store.save(Stakeholdergesprek(gesprekspartner=anna, datum=date(2025, 1, 8)),
                       proeftuin="p").record_id
    store.save(Stakeholdergesprek(gesprekspartner=anna, datum=date(2025, 1, 9)), proeftuin="q")
    assert gesprek_choices(store, "p") == [("Anna · 08-01-2025", first),
                                           ("GGD · 20-01-2025", later)]
    app = KernthemaApp(store, "p")
    fields = app.form.fields
    fields["kernthema"].widget.value = "Elkaar kennen"
    fields["ambitie"].widget.value = "Weten bij wie"
    fields["gesprekken"].widget.value = (later,)
    app.form.save_button.click()
    assert store.latest(Kernthema, record_id("p")).record.gesprekken == (later,)
    again = KernthemaApp(store, "p")
    assert again.form.values["gesprekken"] == (later,)


def test_the_example_voorlopige_ambitie_drew_on_five_interviews(example_store: Store):
    voorlopig, vastgesteld = example_store.history(Kernthema, record_id("bergeijk"))
    assert voorlopig.record.status == "voorlopig" and len(voorlopig.record.gesprekken) == 5
    assert vastgesteld.record.gesprekken == ()
    known = {v.record_id for v in example_store.records(Stakeholdergesprek, "bergeijk")}
    assert set(voorlopig.record.gesprekken) <= known and len(known) == 8
