"""The checklist app: fill in, save half-way, resume, start from the previous, compare, export."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from leven.checklist import ChecklistBeoordeling, load_template
from leven.checklist.views.app import ChecklistApp
from leven.checklist.views.form import ChecklistForm, answer_name, comment_name
from leven.core.store import Store

LTHE = "leven_tot_het_einde"
PZC = "palliatieve_zorgcoach"
FIVE = {"pl-1": "wel", "pl-2": "gedeeltelijk", "mgmt-1": "niet", "inv-1": "wel", "bev-3": "wel"}


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def start_new(
    app: ChecklistApp, variant: str = LTHE, start_from: str | None = None
) -> ChecklistForm:
    """Click 'Nieuwe beoordeling', choose the variant and the starting point, click Beginnen."""
    app.new_button.click()
    assert app.new_panel.layout.display == ""
    app.new_panel.variant.value = variant
    app.new_panel.start_from.value = start_from or ""
    app.new_panel.start_button.click()
    assert app.form is not None and app.form.record_id is None
    return app.form


def fill(form: ChecklistForm, answers: dict[str, str], name: str = "Anna de Vries") -> None:
    form.fields["ingevuld_door"].widget.value = name
    form.fields["datum"].widget.value = date(2025, 3, 14)
    for item_id, answer in answers.items():
        form.answer_widget(item_id).value = answer


def saved(store: Store, proeftuin: str = "zundert") -> list[ChecklistBeoordeling]:
    return [v.record for v in store.records(ChecklistBeoordeling, proeftuin)]


def links(app: ChecklistApp) -> dict[str, tuple[str, bytes]]:
    """The download links shown: extension -> (file name, decoded bytes)."""
    found = re.findall(
        r'class="leven-download leven-download-(\w+)" download="([^"]*)" '
        r'href="data:[^;]+;base64,([^"]+)"',
        app.downloads.value,
    )
    return {ext: (name, base64.b64decode(data)) for ext, name, data in found}


# --- filling in ---------------------------------------------------------------------------


def test_empty_store_offers_a_new_assessment_with_nothing_preselected(store):
    app = ChecklistApp(store, "zundert")
    assert app.form is None and app.new_panel.layout.display == ""
    assert "nog geen beoordeling" in app.intro.value
    assert [value for _, value in app.new_panel.variant.options] == [LTHE, PZC]
    assert app.new_panel.start_from.options == (("een lege checklist", ""),)
    form = start_new(app)
    template = load_template(LTHE)
    assert all(form.answer_widget(i).value is None for i in template.item_ids)
    assert all(form.answer_widget(i).index is None for i in template.item_ids)
    assert all(form.comment_widget(i).value == "" for i in template.item_ids)
    assert form.answer_widget("pl-1").options == (
        ("(nog) niet", "niet"),
        ("Gedeeltelijk", "gedeeltelijk"),
        ("Wel", "wel"),
    )
    assert "0 van 17 beantwoord" in form.progress.value
    assert form.fields["datum"].widget.value == date.today()
    assert "Er is nog niets opgeslagen" in form.status.value
    assert "Sla de beoordeling eerst op" in app.profile.total.value


def test_form_shows_sections_and_items_of_the_template(store):
    form = start_new(ChecklistApp(store, "zundert"))
    template = load_template(LTHE)
    sections = [c for c in form.children if "leven-checklist-section" in c._dom_classes]
    assert len(sections) == 4
    for box, section in zip(sections, template.sections, strict=True):
        assert section.title in box.children[0].children[0].value
        assert len(box.children) == 1 + len(section.items)
    assert form.fields[answer_name("mgmt-2")].label.value == (
        f"<b>{template.item('mgmt-2').text}</b>"
    )


def test_fill_in_and_save(store):
    app = ChecklistApp(store, "zundert", saved_by="Marieke")
    form = start_new(app)
    fill(form, FIVE)
    form.comment_widget("mgmt-1").value = "Bestuur <b>nog</b> informeren"
    form.comment_widget("bev-7").value = "navragen"  # a comment without an answer is kept
    assert "5 van 17 beantwoord" in form.progress.value
    assert "1 van 1 beantwoord" in form.section_progress["inv"].value
    assert "2 van 3 beantwoord" in form.section_progress["pl"].value
    form.save_button.click()
    assert "Opgeslagen (versie 1)" in form.status.value, form.status.value
    [record] = saved(store)
    assert {i: record.answer(i) for i in FIVE} == FIVE
    assert record.comment("mgmt-1") == "Bestuur <b>nog</b> informeren"
    assert record.answer("bev-7") is None and record.comment("bev-7") == "navragen"
    assert record.answer("bev-1") is None and "bev-1" not in record.antwoorden
    assert (record.template, record.proeftuin, record.ingevuld_door) == (
        LTHE,
        "zundert",
        "Anna de Vries",
    )
    assert record.datum == date(2025, 3, 14)
    version = store.records(ChecklistBeoordeling, "zundert")[0]
    assert version.saved_by == "Marieke"
    # the picker now names the saved assessment, and the views show it
    assert app.picker.value == version.record_id
    assert (
        "14-03-2025 · Leven tot het einde · Anna de Vries"
        in dict((v, k) for k, v in app.picker.options)[version.record_id]
    )
    assert "Gereedheid totaal: 70% (5 van 17 beantwoord)" in app.profile.total.value
    assert list(app.actions.actions["item"]) == ["pl-2", "mgmt-1"]
    assert "Bestuur &lt;b&gt;nog&lt;/b&gt; informeren" in app.actions.table.value
    assert "<b>nog</b>" not in app.actions.table.value
    # every save is a new version of the same record
    form.answer_widget("bev-1").value = "wel"
    form.save_button.click()
    assert "Opgeslagen (versie 2)" in form.status.value
    assert [v.version for v in store.history(ChecklistBeoordeling, version.record_id)] == [1, 2]
    assert "Gereedheid totaal: 75% (6 van 17 beantwoord)" in app.profile.total.value


def test_refusal_keeps_the_answers_and_says_why(store):
    form = start_new(ChecklistApp(store, "zundert"))
    fill(form, FIVE, name="")
    form.save_button.click()
    assert saved(store) == []
    assert form.messages == {"ingevuld_door": "Vul dit veld in."}
    assert "Niet opgeslagen" in form.status.value
    assert form.answer_widget("pl-2").value == "gedeeltelijk"
    form.comment_widget("pl-1").value = "x" * 10_001  # TEXT_MAX + 1
    form.fields["ingevuld_door"].widget.value = "Anna"
    form.save_button.click()
    assert saved(store) == []
    assert "te lang" in form.messages[comment_name("pl-1")]


# --- resuming -----------------------------------------------------------------------------


def test_resume_a_half_filled_assessment(store):
    app = ChecklistApp(store, "zundert")
    form = start_new(app)
    fill(form, dict(list(FIVE.items())[:3]))
    form.save_button.click()
    for item_id in ("inv-1", "bev-3"):
        form.answer_widget(item_id).value = FIVE[item_id]
    form.comment_widget("inv-1").value = "uren geregeld"
    form.save_button.click()
    assert "versie 2" in form.status.value

    again = ChecklistApp(store, "zundert")  # a new page on the same store
    resumed = again.form
    assert resumed is not None and resumed.record_id == form.record_id
    assert resumed.base_version == 2
    assert {i: resumed.answer_widget(i).value for i in FIVE} == FIVE
    template = load_template(LTHE)
    assert sum(resumed.answer_widget(i).value is not None for i in template.item_ids) == 5
    assert "5 van 17 beantwoord" in resumed.progress.value
    assert resumed.comment_widget("inv-1").value == "uren geregeld"
    assert resumed.fields["ingevuld_door"].widget.value == "Anna de Vries"
    assert again.new_panel.layout.display == "none"
    resumed.answer_widget("bev-6").value = "wel"
    resumed.save_button.click()
    assert "versie 3" in resumed.status.value


def test_unsaved_answers_come_back_as_a_draft(store):
    app = ChecklistApp(store, "zundert")
    form = start_new(app)
    fill(form, FIVE)
    form.save_button.click()
    form.answer_widget("bev-6").value = "niet"
    form.comment_widget("bev-6").value = "nog niet gesproken"
    form.flush_draft()  # what the debounce does while typing

    again = ChecklistApp(store, "zundert").form
    assert again.answer_widget("bev-6").value is None  # the saved version is shown ...
    assert again.draft_box.layout.display == ""  # ... and the draft is offered
    again.restore_button.click()
    assert again.answer_widget("bev-6").value == "niet"
    assert again.comment_widget("bev-6").value == "nog niet gesproken"
    assert "6 van 17 beantwoord" in again.progress.value


def test_draft_of_a_new_assessment_is_kept_per_variant(store):
    form = start_new(ChecklistApp(store, "zundert"), PZC)
    form.answer_widget("bev-8").value = "gedeeltelijk"
    form.flush_draft()
    other = start_new(ChecklistApp(store, "zundert"), LTHE)
    assert other.draft_box.layout.display == "none"
    same = start_new(ChecklistApp(store, "zundert"), PZC)
    assert same.draft_box.layout.display == ""
    same.restore_button.click()
    assert same.answer_widget("bev-8").value == "gedeeltelijk"


# --- a new assessment from the previous one -----------------------------------------------


def test_example_opens_the_latest_assessment(example_store):
    app = ChecklistApp(example_store, "bergeijk")
    assert app.form.record_id == "checklist-bergeijk-transitie"
    assert app.form.fields["datum"].widget.value == date(2026, 1, 20)
    assert "17 van 17 beantwoord" in app.form.progress.value
    assert [v for _, v in app.picker.options] == [
        "",
        "checklist-bergeijk-transitie",
        "checklist-bergeijk-start",
    ]
    assert "Gereedheid totaal: 85%" in app.profile.total.value


def test_new_assessment_starts_from_the_previous_answers(example_store):
    app = ChecklistApp(example_store, "bergeijk")
    app.new_button.click()
    panel = app.new_panel
    assert panel.variant.value == LTHE
    assert panel.start_from.value == "checklist-bergeijk-transitie"  # the latest one
    assert [v for _, v in panel.start_from.options] == [
        "",
        "checklist-bergeijk-transitie",
        "checklist-bergeijk-start",
    ]
    assert app.form is None and app.picker.value == ""
    assert panel.start_from.label == "de antwoorden van 20-01-2026 (Kerngroep (Marieke Jansen))"
    form = start_new(app, LTHE, start_from="checklist-bergeijk-start")
    previous = example_store.latest(ChecklistBeoordeling, "checklist-bergeijk-start").record
    template = load_template(LTHE)
    assert {i: form.answer_widget(i).value for i in template.item_ids} == {
        i: previous.answer(i) for i in template.item_ids
    }
    assert form.comment_widget("pl-3").value == previous.comment("pl-3")
    assert form.fields["ingevuld_door"].widget.value == ""  # who and when are new
    assert form.fields["datum"].widget.value == date.today()
    assert "De antwoorden en opmerkingen van 28-01-2025" in form.status.value
    form.fields["ingevuld_door"].widget.value = "Kerngroep"
    form.answer_widget("pl-3").value = "wel"
    form.save_button.click()
    assert "versie 1" in form.status.value
    records = {v.record_id: v.record for v in example_store.records(ChecklistBeoordeling)}
    assert len([r for r in records.values() if r.proeftuin == "bergeijk"]) == 3
    assert records[form.record_id].answer("pl-3") == "wel"
    assert records[form.record_id].answer("mgmt-6") == "niet"  # copied from the start
    assert records["checklist-bergeijk-start"].answer("pl-3") == "niet"  # untouched


def test_variant_is_chosen_when_starting(store):
    app = ChecklistApp(store, "zundert")
    form = start_new(app, PZC)
    assert "bev-8" in form.template.item_ids and answer_name("bev-7") not in form.fields
    assert "Transmurale 1,5 lijns palliatieve zorgcoach" in form.children[1].value
    fill(form, {"bev-8": "gedeeltelijk"})
    form.save_button.click()
    assert saved(store)[0].template == PZC
    app.new_button.click()
    assert app.new_panel.variant.value == PZC  # the variant used last
    app.new_panel.cancel_button.click()
    assert app.form.record_id == saved_id(store)


def saved_id(store: Store) -> str:
    return store.records(ChecklistBeoordeling, "zundert")[-1].record_id


# --- comparing ----------------------------------------------------------------------------


def test_compare_two_assessments(example_store):
    view = ChecklistApp(example_store, "bergeijk").comparison
    assert view.before.value == "checklist-bergeijk-start"
    assert view.after.value == "checklist-bergeijk-transitie"
    items, sections = view.comparison
    assert sections.loc["pl", "gereedheid_voor"] == pytest.approx(0.5)
    assert sections.loc["pl", "gereedheid_na"] == pytest.approx(1.0)
    assert sections.loc["inv", "gereedheid_voor"] == 0
    assert sections.loc["totaal", "verschil"] == pytest.approx(14.5 / 17 - 9.5 / 17)
    change = dict(zip(items["item"], items["verandering"], strict=True))
    assert change["pl-3"] == "beter" and change["bev-4"] == "slechter"
    assert change["bev-3"] == "gelijk"
    assert "Eerder (28-01-2025)" in view.sections_table.value
    assert "<td>50%</td><td>100%</td><td>+50%</td>" in view.sections_table.value
    assert "slechter" in view.items_table.value
    spec = view.chart.to_dict()
    data = spec["datasets"][spec["data"]["name"]]
    pl = {d["moment"]: d["gereedheid"] for d in data if d["titel"].startswith("Projectleider")}
    assert pl == {"28-01-2025": 0.5, "20-01-2026": 1.0}
    # swapped, the same items are worse
    view.before.value, view.after.value = (
        "checklist-bergeijk-transitie",
        "checklist-bergeijk-start",
    )
    assert view.comparison.items.set_index("item").loc["pl-3", "verandering"] == "slechter"
    view.before.value = "checklist-bergeijk-start"
    assert view.comparison is None and "twee verschillende" in view.message.value


def test_compare_needs_two_of_the_same_variant(store):
    app = ChecklistApp(store, "zundert")
    form = start_new(app, LTHE)
    fill(form, FIVE)
    form.save_button.click()
    assert "twee opgeslagen beoordelingen" in app.comparison.message.value
    form = start_new(app, PZC)
    fill(form, {"bev-8": "wel"})
    form.save_button.click()
    assert "verschillende checklist-varianten" in app.comparison.message.value
    assert app.comparison.comparison is None


# --- profile, action list and downloads ---------------------------------------------------


def test_profile_and_action_list_of_the_example(example_store):
    app = ChecklistApp(example_store, "bergeijk")
    table = app.profile.summary
    assert (table.loc["totaal", "wel"], table.loc["totaal", "niet"]) == (13, 1)
    assert "<td>Bevorderende factoren</td><td>1</td><td>1</td><td>5</td><td>0</td>" in (
        app.profile.table.value
    )
    assert app.profile.chart.to_dict()["layer"][0]["mark"]["type"] == "bar"
    assert list(app.actions.actions["item"]) == ["mgmt-6", "inv-1", "bev-4", "bev-7"]
    assert "mantelzorgondersteuning" in app.actions.table.value


def test_downloads_hold_the_bijlage_table_with_x_marks(store):
    proeftuin = 'Sint-Oedenrode/../"<script>'
    app = ChecklistApp(store, proeftuin)
    assert "Na het opslaan" in app.downloads.value
    form = start_new(app)
    fill(form, FIVE)
    form.comment_widget("pl-2").value = "=1+1"
    form.save_button.click()
    files = links(app)
    assert set(files) == {"csv", "xlsx"}
    assert files["csv"][0] == "checklist-sint-oedenrode-script-2025-03-14.csv"
    assert files["xlsx"][0] == "checklist-sint-oedenrode-script-2025-03-14.xlsx"
    assert "<script>" not in app.downloads.value
    template = load_template(LTHE)
    text = files["csv"][1].decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert rows[template.item("pl-1").text][1:4] == ["", "", "x"]
    assert rows[template.item("pl-2").text][1:5] == ["", "x", "", "'=1+1"]
    assert rows[template.item("mgmt-1").text][1:4] == ["x", "", ""]
    assert rows[template.item("bev-1").text][1:4] == ["", "", ""]
    sheet = load_workbook(io.BytesIO(files["xlsx"][1])).active
    cells = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert cells[template.item("inv-1").text][1:4] == (None, None, "x")
    assert cells[template.item("mgmt-1").text][1:4] == ("x", None, None)
    # regenerated after the next save
    form.answer_widget("bev-1").value = "niet"
    form.save_button.click()
    text = links(app)["csv"][1].decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert rows[template.item("bev-1").text][1:4] == ["x", "", ""]


def test_opening_another_assessment_redraws_everything(example_store):
    app = ChecklistApp(example_store, "bergeijk")
    app.picker.value = "checklist-bergeijk-start"
    assert app.form.record_id == "checklist-bergeijk-start"
    assert app.form.base_version == 2  # its latest version
    assert app.form.answer_widget("pl-3").value == "niet"
    assert "Gereedheid totaal: 56%" in app.profile.total.value
    assert links(app)["csv"][0] == "checklist-bergeijk-2025-01-28.csv"
    assert "pl-3" in list(app.actions.actions["item"])


def test_compare_with_unanswered_items(store):
    app = ChecklistApp(store, "zundert")
    first = start_new(app)
    fill(first, {"pl-1": "niet", "pl-2": "wel"})
    first.save_button.click()
    second = start_new(app)
    fill(second, {"pl-1": "wel", "bev-1": "gedeeltelijk"})
    second.save_button.click()
    assert "Opgeslagen" in second.status.value
    view = ChecklistApp(store, "zundert").comparison  # a new page resumes the second
    assert view.after.value == second.record_id and view.before.value == first.record_id
    change = view.comparison.items.set_index("item")["verandering"]
    assert change["pl-1"] == "beter" and change.isna()["pl-2"] and change.isna()["bev-1"]
    assert ('<td class="leven-long">Is de looptijd van de implementatie vastgesteld</td>'
            "<td>Wel</td><td></td>") in (
        view.items_table.value
    )
    assert "Er ging iets mis" not in app.status.value


def test_missing_or_malformed_template_is_said_not_crashed(store, tmp_path, monkeypatch):
    import shutil

    from leven import checklist

    app = ChecklistApp(store, "zundert")
    fill(start_new(app, PZC), {"bev-8": "wel"})
    app.form.save_button.click()
    shutil.copy(checklist.TEMPLATES_DIR / f"{LTHE}.toml", tmp_path)
    (tmp_path / "kapot.toml").write_text("title = = 'x'\n", encoding="utf-8")
    monkeypatch.setattr(checklist.template, "TEMPLATES_DIR", tmp_path)

    again = ChecklistApp(store, "zundert")  # its variant is gone: say so, offer a new one
    assert again.form is None and again.new_panel.layout.display == ""
    assert "Er is geen checklist &#x27;palliatieve_zorgcoach&#x27;" in again.status.value
    assert "kapot.toml, regel 1" in again.new_panel.problems.value
    assert [v for _, v in again.new_panel.variant.options] == [LTHE]
    assert "palliatieve_zorgcoach" in again.picker.options[1][0]  # still listed, by name
    form = start_new(again, LTHE)
    fill(form, FIVE)
    form.save_button.click()
    assert "Opgeslagen" in form.status.value


def test_an_assessment_can_be_for_one_organisation(example_store):
    from leven.checklist import ChecklistBeoordeling, load_template
    from leven.checklist.views.form import ChecklistForm

    form = ChecklistForm(example_store, "lindendal", load_template("leven_tot_het_einde"))
    form.fields["ingevuld_door"].widget.value = "Hans Kuipers"
    form.fields["organisatie"].widget.value = "Hospice De Linde"
    form.save_button.click()
    saved = example_store.latest(ChecklistBeoordeling, form.record_id).record
    assert (saved.organisatie, saved.proeftuin) == ("Hospice De Linde", "lindendal")
    again = ChecklistForm(example_store, "lindendal", load_template("leven_tot_het_einde"),
                          record_id=form.record_id)
    assert again.fields["organisatie"].widget.value == "Hospice De Linde"


def test_charts_are_drawn_only_when_their_tab_is_opened(example_store, monkeypatch):
    from leven.checklist import charts as checklist_charts
    from leven.checklist.views.app import ChecklistApp
    from leven.core import charts

    drawn, made = [], []
    monkeypatch.setattr(charts, "show", drawn.append)
    make = checklist_charts.profile_chart
    monkeypatch.setattr(checklist_charts, "profile_chart",
                        lambda t, **kw: made.append(t) or make(t, **kw))
    app = ChecklistApp(example_store, "bergeijk")
    assert made == [] and drawn == []  # not even made (that needs Altair) before it is seen
    app.tabs.selected_index = 1
    assert len(made) == 1 and drawn == [app.profile.chart]
    app.tabs.selected_index = 0
    app.tabs.selected_index = 1
    assert len(drawn) == 1  # drawn once, until the assessment changes


# --- made before the request ----------------------------------------------------------------


def _open_models() -> set[str]:
    import ipywidgets as ipw

    return {w.model_id for w in ipw.Widget.widgets.values() if w.comm is not None}


def test_prepare_makes_the_form_before_the_proeftuin_is_known(example_store):
    """With preheated kernels ``prepare`` runs before the request: the page then makes
    only the widgets that depend on the proeftuin, and fills in the prepared form."""
    before = _open_models()
    ChecklistApp.prepare(example_store)  # the example's last saved variant: LTHE
    prepared = _open_models() - before
    assert len(prepared) > 250  # 17 items: answer, comment, their fields, rows, sections
    app = ChecklistApp(example_store, "bergeijk")
    made = _open_models() - before - prepared
    assert prepared <= _open_models()  # all of them used, none closed
    assert len(made) < len(prepared) / 2
    assert app.form.answer_widget("pl-1").model_id in prepared
    saved = example_store.latest(ChecklistBeoordeling, app.form.record_id).record
    shown = {i: app.form.answer_widget(i).value for i in app.form.template.item_ids}
    assert shown == {i: saved.answer(i) for i in app.form.template.item_ids}
    assert sum(v is not None for v in shown.values()) >= 10  # the example's answers
    again = ChecklistApp(example_store, "bergeijk")  # the next page makes its own
    assert again.form.answer_widget("pl-1").model_id not in prepared


def test_a_prepared_form_of_another_variant_is_closed_not_loaded(example_store):
    before = _open_models()
    ChecklistForm.prepare(load_template(PZC))
    pzc = _open_models() - before
    ChecklistApp.prepare(example_store)  # LTHE; PZC stays prepared too
    app = ChecklistApp(example_store, "bergeijk")  # resumes an LTHE assessment
    assert app.form.template.name == LTHE
    # the PZC widgets were closed: no model of theirs is left for the page to load
    assert pzc and not pzc & _open_models()
    assert app.form.answer_widget("pl-1").model_id in _open_models()


def test_the_export_names_the_proeftuin_not_its_id(example_store):
    from openpyxl import load_workbook

    app = ChecklistApp(example_store, "bergeijk")
    files = links(app)
    text = files["csv"][1].decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert rows["Proeftuin"][1] == "Samen tot het einde in Bergeijk"
    sheet = load_workbook(io.BytesIO(files["xlsx"][1])).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Samen tot het einde in Bergeijk" in cells and "bergeijk" not in cells
