"""The date field: dd-mm-jjjj in the browser whatever its language, a date in Python.

Driven as the browser drives it: the page sends the typed text (``set_state``), the kernel
sends the text to show (``get_state``).
"""

from __future__ import annotations

from datetime import date

from leven.core.widgets.date import DateInput
from leven.proeftuin import Bijeenkomst
from leven.proeftuin.views import BijeenkomstForm

WRONG = "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 11-02-2025."


def test_a_date_goes_to_the_browser_as_dd_mm_jjjj():
    field = DateInput(date(2025, 2, 1))
    assert field.get_state()["value"] == "01-02-2025"
    assert field.get_state()["placeholder"] == "dd-mm-jjjj"
    field.value = None
    assert field.get_state()["value"] == ""


def test_the_text_typed_in_the_browser_becomes_a_date():
    field = DateInput()
    field.set_state({"value": "1-2-2025"})
    assert field.value == date(2025, 2, 1)
    assert not field.unreadable
    field.set_state({"value": ""})
    assert field.value is None


def test_text_that_is_no_date_stays_as_typed():
    field = DateInput()
    field.set_state({"value": "31-02-2025"})
    assert field.value == "31-02-2025"
    assert field.unreadable
    assert field.get_state()["value"] == "31-02-2025"


def _bijeenkomst(store, datum_typed: str) -> BijeenkomstForm:
    form = BijeenkomstForm(store, "z")
    form.fields["soort"].widget.value = "werkbijeenkomst"
    form.fields["titel"].widget.value = "In de bibliotheek"
    form.fields["datum"].widget.set_state({"value": datum_typed})
    return form


def test_a_date_that_is_no_date_is_said_at_its_field_and_nothing_is_saved(store):
    form = _bijeenkomst(store, "31-02-2025")
    form.save_button.click()
    assert form.messages == {"datum": WRONG}
    assert form.fields["datum"].widget.value == "31-02-2025"  # kept as typed
    assert form.fields["titel"].widget.value == "In de bibliotheek"
    assert store.records(Bijeenkomst, "z") == []
    form.fields["datum"].widget.set_state({"value": "28-02-2025"})
    form.save_button.click()
    assert form.messages == {}
    [saved] = store.records(Bijeenkomst, "z")
    assert saved.record.datum == date(2025, 2, 28)


def test_a_date_outside_the_plausible_years_still_gets_the_window_message(store):
    form = _bijeenkomst(store, "13-05-1900")
    form.save_button.click()
    assert "1900" not in form.messages["datum"]
    assert form.messages["datum"].startswith("Vul een datum tussen 2000 en")
    assert store.records(Bijeenkomst, "z") == []


def test_a_date_that_is_no_date_comes_back_from_the_draft_as_typed(store):
    form = _bijeenkomst(store, "31-02-2025")
    form.flush_draft()
    again = BijeenkomstForm(store, "z")
    again.restore_button.click()
    assert again.fields["datum"].widget.value == "31-02-2025"
    assert again.fields["titel"].widget.value == "In de bibliotheek"
    again.fields["datum"].widget.set_state({"value": "13-05-2025"})
    again.flush_draft()
    third = BijeenkomstForm(store, "z")
    third.restore_button.click()
    assert third.fields["datum"].widget.value == date(2025, 5, 13)


def test_a_date_in_a_table_stays_on_one_line():
    from leven.core.widgets.panel import html_table

    table = html_table([["13-05-2025", "1. Huisartsen bespreken casussen", "<b>13-05-2025</b>"]],
                       ["Datum", "Doel", "Toelichting"])
    assert '<td class="leven-nowrap">13-05-2025</td>' in table
    assert "<td>1. Huisartsen bespreken casussen</td>" in table  # 32 characters: as it is
    goal = "1. Huisartsen, wijkverpleging en sociaal team bespreken samen casussen"
    assert f'<td class="leven-long">{goal}</td>' in html_table([[goal]], ["Doel"])
    assert "<td>&lt;b&gt;13-05-2025&lt;/b&gt;</td>" in table  # typed text stays text
