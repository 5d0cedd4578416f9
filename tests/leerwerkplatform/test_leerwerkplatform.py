"""Aanmelden bij het Leerwerkplatform: the record and its Dutch messages, the e-mail in the
seed's order, and the page driven in Python (members ticked, fields checked, saved)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from pydantic import ValidationError

from leven.core.records import field_messages
from leven.leerwerkplatform import Aanmelding, Projectgroeplid, mail, mailto, overview, templates
from leven.leerwerkplatform.views import LeerwerkplatformApp
from leven.proeftuin import Deelnemer

pytestmark = pytest.mark.usefixtures("dutch")

ANNA = {"naam": "Anna de Vries", "email": "a.devries@delinde.nl",
        "organisatie": "Huisartsenpraktijk De Linde", "functie_organisatie": "huisarts",
        "functie_project": "projectleider"}
KERNGROEP = ["deelnemer-01", "deelnemer-02", "deelnemer-03", "deelnemer-04", "deelnemer-05"]


def test_a_member_needs_every_field_and_a_work_address():
    with pytest.raises(ValidationError) as refused:
        Projectgroeplid(**{**ANNA, "email": "anna.devries@gmail.com", "functie_project": ""})
    messages = field_messages(refused.value)
    assert "werkadres" in messages["email"]
    assert messages["functie_project"] == "Vul dit veld in."
    with pytest.raises(ValidationError):
        Aanmelding(kansrijk_project="Leven tot het einde", leden=())


def test_every_kansrijk_project_is_a_template_file_with_the_seeds_address():
    found = templates()
    assert list(found) == ["leven_tot_het_einde", "palliatieve_zorgcoach"]
    assert found["leven_tot_het_einde"].adres == "nppzii@pzn.nl"  # seed 000
    assert found["palliatieve_zorgcoach"].adres == "nppzii@pznl.nl"  # seed 003
    assert found["palliatieve_zorgcoach"].voorwaarden[0] == "Het project start binnen 3 maanden."


def test_the_email_lists_every_member_in_the_seeds_order_and_the_link_carries_it():
    aanmelding = Aanmelding(kansrijk_project="Leven tot het einde",
                            leden=(Projectgroeplid(**ANNA),))
    adres, onderwerp, body = mail(aanmelding, "Samen tot het einde in Bergeijk", "Bergeijk",
                                  afzender="Marieke Jansen")
    assert adres == "nppzii@pzn.nl"
    assert onderwerp == "Aanmelding Leerwerkplatform: Leven tot het einde"
    lines = body.splitlines()
    assert "Naam kansrijk project: Leven tot het einde" in lines
    member = lines[lines.index("Projectgroeplid 1") + 1:][:5]
    assert member == [
        "- Naam projectgroeplid: Anna de Vries",
        "- Werk-e-mailadres (geen privéadres): a.devries@delinde.nl",
        "- Naam van de organisatie: Huisartsenpraktijk De Linde",
        "- Functie in de organisatie: huisarts",
        "- Functie in het project: projectleider",
    ]
    assert lines[-2:] == ["Met vriendelijke groet,", "Marieke Jansen"]
    link = urlsplit(mailto(adres, onderwerp, body))
    assert (link.scheme, link.path) == ("mailto", "nppzii@pzn.nl")
    query = parse_qs(link.query)
    assert query["subject"] == [onderwerp]
    assert query["body"][0] == body.replace("\n", "\r\n")
    assert " " not in link.query and "\n" not in unquote(link.query).split("body=")[0]


def fill_work_addresses(app: LeerwerkplatformApp) -> None:
    for deelnemer_id, row in app.rows.items():
        row.fields["email"].widget.value = f"{deelnemer_id}@zorgwelzijn-bergeijk.nl"


def test_the_kerngroep_is_ticked_and_a_private_address_is_refused_beside_its_field(
        example_store):
    app = LeerwerkplatformApp(example_store, "bergeijk", saved_by="Marieke Jansen")
    assert sorted(app.rows) == KERNGROEP
    anna = app.rows["deelnemer-01"]
    assert anna.fields["naam"].widget.value == "Anna de Vries"
    assert anna.fields["functie_organisatie"].widget.value == "huisarts"  # from the deelnemer
    fill_work_addresses(app)
    anna.fields["email"].widget.value = "anna.devries@hotmail.com"
    assert app.check() is None
    assert "werkadres" in anna.fields["email"].message
    assert anna.fields["email"].widget.value == "anna.devries@hotmail.com"  # kept as typed
    assert app.rows["deelnemer-02"].fields["email"].message == ""
    assert "kijk de gemarkeerde velden na" in app.status.value
    assert example_store.records(Aanmelding, "bergeijk") == []


def test_a_checked_registration_is_saved_ready_to_send_and_marked_sent(example_store):
    app = LeerwerkplatformApp(example_store, "bergeijk", saved_by="Marieke Jansen")
    app.ticks["deelnemer-08"].value = True  # Lotte Maas joins the project group
    assert "deelnemer-08" in app.rows
    fill_work_addresses(app)
    app.rows["deelnemer-08"].fields["functie_project"].widget.value = "coördinator experiment"
    app.check_button.click()
    assert "Opgeslagen (versie 1)" in app.status.value
    [saved] = example_store.records(Aanmelding, "bergeijk")
    assert [lid.deelnemer for lid in saved.record.leden] == [
        "deelnemer-01", "deelnemer-05", "deelnemer-03", "deelnemer-08", "deelnemer-02",
        "deelnemer-04"]  # in the order of the tick list (by name)
    assert saved.record.verzonden_op is None and saved.saved_by == "Marieke Jansen"
    assert 'href="mailto:nppzii@pzn.nl?subject=' in app.ready.value
    assert "Nog niet verstuurd" in app.ready.value
    assert "Naam projectgroeplid: Lotte Maas" in app.text.value
    # what was missing is kept with the deelnemer too, as a new version
    lotte = example_store.latest(Deelnemer, "deelnemer-08")
    assert (lotte.version, lotte.record.email) == (2, "deelnemer-08@zorgwelzijn-bergeijk.nl")

    app.mark_sent(date(2025, 3, 4))
    assert example_store.latest(Aanmelding, saved.record_id).record.verzonden_op == date(2025, 3, 4)
    again = LeerwerkplatformApp(example_store, "bergeijk", saved_by="Marieke Jansen")
    assert "Verstuurd op 04-03-2025." in again.ready.value
    assert sorted(again.rows) == sorted([*KERNGROEP, "deelnemer-08"])
    assert again.rows["deelnemer-08"].fields["functie_project"].widget.value == (
        "coördinator experiment")  # from the registration, not the deelnemer
    again.ticks["deelnemer-08"].value = False
    assert "deelnemer-08" not in again.rows
    again.check()  # another project group: not sent yet
    latest = example_store.latest(Aanmelding, saved.record_id)
    assert (latest.version, latest.record.verzonden_op, len(latest.record.leden)) == (3, None, 5)
    table = overview(example_store.frame(Aanmelding))
    assert table.to_dict("records") == [{"proeftuin": "bergeijk",
                                         "kansrijk_project": "Leven tot het einde",
                                         "leden": 5, "verzonden_op": None}]


def test_no_member_ticked_says_so(example_store):
    app = LeerwerkplatformApp(example_store, "bergeijk")
    for tick in app.ticks.values():
        tick.value = False
    assert app.check() is None
    assert "Kies ten minste één lid" in app.status.value


def test_clicking_verstuurd_keeps_the_day_it_was_sent(example_store):
    app = LeerwerkplatformApp(example_store, "bergeijk", saved_by="Marieke Jansen")
    assert app.ready_box.layout.display == "none"  # nothing ready yet: no button to click
    fill_work_addresses(app)
    app.check_button.click()
    saved = example_store.latest(Aanmelding, app.latest.record_id)
    assert (saved.version, saved.record.verzonden_op) == (1, None)
    assert app.ready_box.layout.display == "" and "Nog niet verstuurd" in app.ready.value
    before = date.today()
    app.sent_button.click()
    after = date.today()
    sent = example_store.latest(Aanmelding, saved.record_id)
    assert sent.version == 2 and before <= sent.record.verzonden_op <= after
    assert sent.saved_by == "Marieke Jansen"
    assert sent.record.leden == saved.record.leden  # only the date was added
    assert f"Verstuurd op {sent.record.verzonden_op:%d-%m-%Y}." in app.ready.value
    assert "Nog niet verstuurd" not in app.ready.value
