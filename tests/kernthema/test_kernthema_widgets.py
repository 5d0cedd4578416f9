"""The kernthema app: every save is a new version, and the evolution view shows them all."""

from __future__ import annotations

import re
from datetime import date

import pytest

from leven.core.store import Store
from leven.kernthema import (
    DiffToken,
    Kernthema,
    ambition_changes_table,
    evolution_table,
    record_id,
    word_diff,
)
from leven.kernthema.views import KernthemaApp, diff_html, evolution_html

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def _fill(app: KernthemaApp, **values: object) -> None:
    for name, value in values.items():
        app.form.fields[name].widget.value = value


def _cards(html_text: str) -> list[str]:
    return re.findall(r'<section class="leven-kt-card.*?</section>', html_text, re.S)


def test_fill_save_change_ambition_save_again(store: Store):
    app = KernthemaApp(store, "zundert", saved_by=lambda: "Marieke")
    assert app.form.record_id == "kernthema-zundert"
    assert app.form.values["status"] == "voorlopig"
    assert "geen kernthema" in app.next_version.value
    _fill(
        app,
        aanleiding="We weten niet waar te beginnen.",
        kernthema="Elkaar kennen en vinden",
        ambitie="Huisartsen weten bij wie ze terechtkunnen.",
        wie="kerngroep",
        datum=date(2025, 1, 28),
    )
    app.form.save_button.click()
    assert "leven-form-status-ok" in app.form.status.value

    _fill(
        app,
        ambitie="Huisartsen en welzijn weten bij wie ze terechtkunnen in de wijk.",
        status="vastgesteld",
        wie="startbijeenkomst",
        datum=date(2025, 2, 11),
    )
    app.form.save_button.click()
    assert "versie 2" in app.form.status.value

    history = store.history(Kernthema, "kernthema-zundert")
    assert [v.version for v in history] == [1, 2]
    assert [v.record.status for v in history] == ["voorlopig", "vastgesteld"]
    assert history[0].record.ambitie == "Huisartsen weten bij wie ze terechtkunnen."
    assert history[1].saved_by == "Marieke"

    # The evolution view was redrawn after the save: both versions, with their dates.
    cards = _cards(app.evolution.html.value)
    assert len(cards) == 2
    assert "Versie 1" in cards[0] and "28-01-2025" in cards[0]
    assert "Voorlopige ambitie" in cards[0]
    assert "Versie 2" in cards[1] and "11-02-2025" in cards[1]
    assert "Vastgestelde ambitie" in cards[1]
    assert re.search(r"<ins[^>]*>en welzijn </ins>", cards[1])
    assert re.search(r"<ins[^>]*> in de wijk</ins>", cards[1])
    assert "<ins" not in cards[0]
    assert "versie 3" in app.next_version.value


def test_a_new_app_shows_the_latest_version_and_saves_the_next(store: Store):
    first = KernthemaApp(store, "zundert")
    _fill(first, kernthema="Samen", ambitie="Eerste ambitie.")
    assert first.form.save() is not None
    again = KernthemaApp(store, "zundert")
    assert again.form.values["ambitie"] == "Eerste ambitie."
    _fill(again, ambitie="Tweede ambitie, scherper.")
    assert again.form.save().version == 2
    assert len(store.history(Kernthema, record_id("zundert"))) == 2


def test_refused_save_keeps_values_and_saves_nothing(store: Store):
    app = KernthemaApp(store, "zundert")
    _fill(app, aanleiding="Een vraag", kernthema="Samen", ambitie="   ")
    app.form.save_button.click()
    assert app.form.messages["ambitie"].startswith("Vul de ambitie in")
    assert app.form.values["aanleiding"] == "Een vraag"
    assert store.history(Kernthema, record_id("zundert")) == []
    assert "nog geen kernthema" in app.evolution.html.value


def test_someone_else_saved_the_first_version_meanwhile(store: Store):
    one, two = KernthemaApp(store, "zundert"), KernthemaApp(store, "zundert")
    _fill(one, kernthema="Samen", ambitie="Van de een.")
    _fill(two, kernthema="Samen", ambitie="Van de ander.")
    assert one.form.save() is not None
    assert two.form.save() is None
    assert "iemand anders" in two.form.status.value
    assert [v.record.ambitie for v in store.history(Kernthema, "kernthema-zundert")] == [
        "Van de een."
    ]


def test_user_text_is_escaped_in_the_evolution(store: Store):
    app = KernthemaApp(store, "zundert")
    _fill(
        app,
        aanleiding="<img src=x onerror=alert(1)>",
        kernthema="<script>alert(1)</script>",
        ambitie="<b>vet</b> & meer",
        wie='"><i>x</i>',
    )
    app.form.save()
    _fill(app, ambitie="<b>vet</b> & nog <u>meer</u>")
    app.form.save()
    shown = app.evolution.html.value
    for raw in ("<script>", "<img", "<b>vet", "<u>", "<i>x"):
        assert raw not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "&lt;u&gt;" in shown and "&lt;/u&gt;" in shown


def test_diff_html_marks_and_escapes():
    out = diff_html(word_diff("wij <b>samen</b>", "wij <i>samen</i> & meer"))
    assert out.startswith("wij &lt;")
    assert re.search(r"<del[^>]*>b</del>", out)
    assert re.search(r"<ins[^>]*>i</ins>", out)
    assert re.search(r"<ins[^>]*> &amp; meer</ins>", out)
    assert "<b>" not in out and "<i>" not in out
    assert diff_html([DiffToken("equal", "x & y")]) == "x &amp; y"


def test_evolution_html_empty_and_single(store: Store):
    assert "nog geen kernthema" in evolution_html([])
    version = store.save(
        Kernthema(kernthema="Samen", ambitie="Eén ambitie.", wie=""),
        proeftuin="zundert",
        record_id="kernthema-zundert",
        saved_by="Marieke",
    )
    shown = evolution_html([version])
    assert "nog maar één versie" in shown and "weggehaald" not in shown
    (card,) = _cards(shown)
    assert "Marieke" in card  # who saved, as nobody was written in the record
    assert f"{version.saved_at:%d-%m-%Y}" in card


def test_example_bergeijk_shows_voorlopig_and_vastgesteld(example_store: Store):
    app = KernthemaApp(example_store, "bergeijk")
    cards = _cards(app.evolution.html.value)
    assert len(cards) == 2
    assert "28-01-2025" in cards[0] and "Voorlopige ambitie" in cards[0]
    assert "11-02-2025" in cards[1] and "Vastgestelde ambitie" in cards[1]
    assert "Een huisarts vroeg" in app.evolution.html.value
    assert app.form.values["status"] == "vastgesteld"
    assert app.form.base_version == 2


def test_tables_for_researchers(example_store: Store):
    frame = example_store.frame(Kernthema, history=True)
    table = evolution_table(frame)
    assert list(table.columns) == [
        "proeftuin",
        "version",
        "datum",
        "status",
        "kernthema",
        "ambitie",
        "wie",
    ]
    bergeijk = table[table.proeftuin == "bergeijk"]
    assert list(bergeijk.version) == [1, 2]
    assert list(bergeijk.datum) == [date(2025, 1, 28), date(2025, 2, 11)]
    assert list(bergeijk.status) == ["voorlopig", "vastgesteld"]
    assert set(table.proeftuin) == {"bergeijk", "oosterweide", "lindendal"}
    changes = ambition_changes_table(frame)
    row = changes[changes.proeftuin == "oosterweide"].iloc[0]
    assert (row.van_versie, row.naar_versie, row.status) == (1, 2, "vastgesteld")
    assert "huisartsen" in row.toegevoegd
    assert "lindendal" not in set(changes.proeftuin)  # one version: nothing changed yet
