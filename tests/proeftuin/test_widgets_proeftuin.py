"""The proeftuin forms, driven in Python: values set, buttons clicked, the store checked."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from leven.core.store import Store
from leven.core.widgets.form import DRAFT_DELAY_SECONDS
from leven.proeftuin import Bijeenkomst, Deelnemer, Dimensie, Domein, Proeftuin
from leven.proeftuin.views import BijeenkomstForm, DeelnemerForm, ProeftuinApp, ProeftuinForm


def test_a_new_deelnemer_is_saved_from_the_form(store):
    form = DeelnemerForm(store, "z", saved_by="Marieke")
    form.fields["naam"].widget.value = "Anna de Vries"
    form.fields["organisatie"].widget.value = "Huisartsenpraktijk De Linde"
    form.fields["domein"].widget.value = "zorg"
    form.fields["dimensies"].widget.value = ("psychisch", "lichamelijk")
    form.fields["kerngroep"].widget.value = True
    form.save_button.click()
    [saved] = store.records(Deelnemer, "z")
    assert saved.record.naam == "Anna de Vries"
    assert saved.record.domein is Domein.ZORG
    assert saved.record.dimensies == (Dimensie.LICHAMELIJK, Dimensie.PSYCHISCH)
    assert saved.record.kerngroep is True
    assert saved.saved_by == "Marieke"
    assert form.status.value.count("Opgeslagen (versie 1)") == 1


def test_an_empty_name_shows_a_dutch_message_beside_the_field_and_saves_nothing(store):
    form = DeelnemerForm(store, "z")
    form.fields["organisatie"].widget.value = "Welzijn De Kempen"
    form.fields["email"].widget.value = "geen-adres"
    form.save_button.click()
    assert form.messages == {
        "naam": "Vul dit veld in.",
        "email": "Een e-mailadres heeft de vorm naam@organisatie.nl: de @ of de naam ervoor "
                 "ontbreekt.",
    }
    assert "Niet opgeslagen" in form.status.value
    assert form.fields["organisatie"].widget.value == "Welzijn De Kempen"
    assert store.records(Deelnemer, "z") == []
    form.fields["naam"].widget.value = "Karim"
    form.fields["email"].widget.value = "karim@welzijn.nl"
    form.save_button.click()
    assert form.messages == {}
    assert [v.record.email for v in store.records(Deelnemer, "z")] == ["karim@welzijn.nl"]


def test_editing_makes_a_new_version_and_keeps_the_old(example_store):
    form = ProeftuinForm(example_store, "bergeijk", record_id="bergeijk")
    assert form.fields["gemeente"].widget.value == "Bergeijk"
    assert form.fields["startdatum"].widget.value == date(2025, 2, 11)
    form.fields["projectleider"].widget.value = "Karim El Idrissi"
    form.save_button.click()
    history = example_store.history(Proeftuin, "bergeijk")
    assert [v.record.projectleider for v in history] == ["Marieke Jansen", "Karim El Idrissi"]


def test_a_stale_form_does_not_overwrite_a_newer_save(example_store):
    first = ProeftuinForm(example_store, "bergeijk", record_id="bergeijk")
    second = ProeftuinForm(example_store, "bergeijk", record_id="bergeijk")
    first.fields["projectleider"].widget.value = "Anna"
    first.save_button.click()
    second.fields["projectleider"].widget.value = "Bram"
    second.save_button.click()
    assert "iemand anders" in second.status.value
    assert second.fields["projectleider"].widget.value == "Bram"
    assert example_store.latest(Proeftuin, "bergeijk").record.projectleider == "Anna"


def test_a_draft_survives_a_new_kernel_and_can_be_restored(store):
    form = BijeenkomstForm(store, "z")
    form.fields["titel"].widget.value = "Werkbijeenkomst in de bibliotheek"
    form.fields["datum"].widget.value = date(2025, 5, 13)
    form.flush_draft()
    again = BijeenkomstForm(store, "z")  # the page was reloaded: a new kernel, a new form
    assert again.draft_box.layout.display != "none"
    assert "concept" in again.draft_message.value
    again.restore_button.click()
    assert again.fields["titel"].widget.value == "Werkbijeenkomst in de bibliotheek"
    assert again.fields["datum"].widget.value == date(2025, 5, 13)
    again.fields["soort"].widget.value = "werkbijeenkomst"
    again.save_button.click()
    assert [v.record.titel for v in store.records(Bijeenkomst, "z")] == [
        "Werkbijeenkomst in de bibliotheek"
    ]
    assert store.load_draft(again.draft_key) is None


def test_each_browser_keeps_and_gets_back_its_own_draft(store, monkeypatch):
    """Two people adding a bijeenkomst at once: their drafts do not overwrite each other."""
    from leven.core.widgets import form as form_module

    anna, bram = "a" * 32, "b" * 32
    monkeypatch.setattr(form_module, "_draft_owner", "")
    first_visit = BijeenkomstForm(store, "z")  # no id yet: kept without an owner
    first_visit.fields["titel"].widget.value = "Zonder eigenaar"
    first_visit.flush_draft()
    for owner, title in ((anna, "Van Anna"), (bram, "Van Bram")):
        form_module.set_draft_owner(owner)
        form = BijeenkomstForm(store, "z")
        form.fields["titel"].widget.value = title
        form.flush_draft()
    for owner, title in ((anna, "Van Anna"), (bram, "Van Bram")):
        form_module.set_draft_owner(owner)
        again = BijeenkomstForm(store, "z")  # after a reload
        again.restore_button.click()
        assert again.fields["titel"].widget.value == title
    form_module.set_draft_owner("c" * 32)  # a third browser: nobody else's draft, nor the
    third = BijeenkomstForm(store, "z")      # one kept without an owner
    assert third.draft_box.layout.display == "none"
    third.restore_button.click()
    assert third.fields["titel"].widget.value == ""
    third.fields["titel"].widget.value = "Van de derde"
    third.fields["soort"].widget.value = "werkbijeenkomst"
    third.fields["datum"].widget.value = date(2025, 5, 13)
    third.save_button.click()
    assert [v.record.titel for v in store.records(Bijeenkomst, "z")] == ["Van de derde"]
    form_module.set_draft_owner(anna)  # the others' drafts are untouched
    assert store.load_draft(f"{anna}:z/bijeenkomst/nieuw/bijeenkomst").values["titel"] == (
        "Van Anna")
    assert store.load_draft("z/bijeenkomst/nieuw/bijeenkomst").values["titel"] == (
        "Zonder eigenaar")  # kept, offered to nobody


def test_the_browser_id_comes_from_its_cookie_only_when_well_formed(monkeypatch):
    from leven.core.widgets.app import browser_id

    monkeypatch.setenv("HTTP_COOKIE", "_xsrf=2|abc; leven_browser=" + "0f" * 16)
    assert browser_id() == "0f" * 16
    for cookie in ("leven_browser=../../x", "leven_browser=ABC", "", "kapot=\"", "x=1"):
        monkeypatch.setenv("HTTP_COOKIE", cookie)
        assert browser_id() == ""
    monkeypatch.delenv("HTTP_COOKIE")
    assert browser_id() == ""


def test_typing_saves_a_draft_after_a_pause(store):
    import time

    form = DeelnemerForm(store, "z")
    form.fields["naam"].widget.value = "Gerda"
    deadline = time.monotonic() + DRAFT_DELAY_SECONDS + 5
    while store.load_draft(form.draft_key) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert store.load_draft(form.draft_key).values["naam"] == "Gerda"


def test_a_failing_store_keeps_the_values_and_says_so(tmp_path):
    path = tmp_path / "ro.sqlite"
    Store(f"sqlite:///{path}").close()
    read_only = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    form = DeelnemerForm(read_only, "z")
    form.fields["naam"].widget.value = "Joost"
    form.save_button.click()
    assert "alleen-lezen" in form.status.value
    assert form.fields["naam"].widget.value == "Joost"
    with read_only.engine.connect() as connection:
        assert connection.execute(sa.text("select count(*) from records")).scalar() == 0


def test_the_app_lists_deelnemers_and_edits_the_chosen_one(example_store):
    app = ProeftuinApp(example_store, "bergeijk", saved_by=lambda: "Marieke")
    panel = app.deelnemers
    assert panel.table.value.count("<tr>") == 16  # header + 15 deelnemers
    panel.picker.value = "deelnemer-03"
    assert panel.form.fields["naam"].widget.value == "Karim El Idrissi"
    panel.form.fields["functie"].widget.value = "sociaal werker"
    panel.form.save_button.click()
    assert example_store.latest(Deelnemer, "deelnemer-03").version == 2
    assert "sociaal werker" not in panel.table.value  # the table shows name, not function
    panel.new_button.click()
    assert panel.form.record_id is None
    assert panel.form.fields["naam"].widget.value == ""


def test_typed_markup_is_shown_as_text_in_the_table(store):
    app = ProeftuinApp(store, "z")
    form = app.deelnemers.form
    form.fields["naam"].widget.value = "<script>alert(1)</script>"
    form.save_button.click()
    assert "<script>" not in app.deelnemers.table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in app.deelnemers.table.value


def test_switching_records_right_after_typing_keeps_a_draft(example_store):
    app = ProeftuinApp(example_store, "bergeijk")
    panel = app.deelnemers
    panel.picker.value = "deelnemer-01"
    panel.form.fields["functie"].widget.value = "kaderhuisarts palliatieve zorg"
    key = panel.form.draft_key
    panel.picker.value = "deelnemer-02"  # within the debounce delay
    assert example_store.load_draft(key).values["functie"] == "kaderhuisarts palliatieve zorg"


def test_an_unexpected_failure_keeps_a_draft(store, monkeypatch):
    form = DeelnemerForm(store, "z")
    form.fields["naam"].widget.value = "Noor"

    def broken(_values):
        raise RuntimeError("stuk")

    monkeypatch.setattr(form, "to_record", broken)
    form.save_button.click()
    assert "Er ging iets mis" in form.status.value
    assert store.load_draft(form.draft_key).values["naam"] == "Noor"
    assert form.fields["naam"].widget.value == "Noor"


def test_a_draft_value_that_is_no_longer_a_choice_is_left_out(store):
    form = DeelnemerForm(store, "z")
    form.values = {"naam": "Els", "domein": "onbekend-domein"}
    assert form.fields["naam"].widget.value == "Els"
    assert form.fields["domein"].widget.value is None
    assert form.fields["domein"].widget.label == "— kies —"


def test_the_app_links_to_the_year_report_download(example_store, dutch):
    """The proeftuin page's button for the year report: the server's download, relative to
    ``/voila/render/proeftuin.ipynb`` (the route of leven.verslag.pages), in Dutch."""
    from html.parser import HTMLParser

    from leven.verslag.pages import ROUTE

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[dict, str]] = []  # (attributes, text) of every <a>

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "a":
                self.found.append((dict(attrs), ""))

        def handle_data(self, data: str) -> None:
            if self.found:
                attrs, text = self.found[-1]
                self.found[-1] = (attrs, text + data)

    app = ProeftuinApp(example_store, "bergeijk")
    assert app.children[0] is app.report_link
    parser = Links()
    parser.feed(app.report_link.value)
    [(attrs, text)] = parser.found
    assert attrs["href"] == f"../../{ROUTE}?proeftuin=bergeijk"
    assert "download" in attrs and "leven-button" in attrs["class"].split()
    assert text.strip() == "Jaarverslag downloaden (HTML)"
    assert attrs["title"].startswith("Het verslag van het jaar als één bestand, zonder namen")
    odd = ProeftuinApp(example_store, "a b&c").report_link.value  # any id is escaped
    assert 'href="../../leven/verslag?proeftuin=a%20b%26c"' in odd
