"""Stakeholdergesprekken: the record and its Dutch messages, the analysis (word counts checked
against words counted by hand), and the link of a kernthema version to its interviews."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from leven.core.records import field_messages
from leven.kernthema import Kernthema
from leven.netwerkkaart.records import Band, Netwerkkaart, SoortBand
from leven.stakeholdergesprek import (
    Stakeholdergesprek,
    drew_on,
    interviews_table,
    match_names,
    mean_rating,
    netwerk_update,
    toekomst_words,
)
from leven.stakeholdergesprek.charts import toekomst_words_chart
from leven.stakeholdergesprek.records import lines

pytestmark = pytest.mark.usefixtures("dutch")

DAY = date(2025, 1, 10)


def _gesprek(**values: object) -> Stakeholdergesprek:
    return Stakeholdergesprek(**{"gesprekspartner": "deelnemer-01", "datum": DAY, **values})


def _messages(**values: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Stakeholdergesprek(**values)
    return field_messages(caught.value)


def test_a_whole_interview_is_kept_as_typed():
    gesprek = _gesprek(
        interviewer="Anna de Vries", rol="Huisarts", samenwerking="Goed met de thuiszorg.",
        waardering="4", gewenste_toekomst="Elkaar kennen.",
        werkt_samen_met=("Thuiszorg Kempenland", " ", "thuiszorg kempenland", "deelnemer-03"),
        citaten=("Bel me gerust.", ""),
    )
    assert gesprek.waardering == 4
    assert gesprek.werkt_samen_met == ("Thuiszorg Kempenland", "deelnemer-03")
    assert gesprek.citaten == ("Bel me gerust.",)
    assert Stakeholdergesprek.model_validate_json(gesprek.model_dump_json()) == gesprek


def test_dutch_messages_for_what_is_missing_or_wrong():
    assert _messages() == {
        "gesprekspartner": "Kies met wie het gesprek was, of kies 'Nieuw' en vul een naam in.",
        "datum": "Vul de datum van het gesprek in.",
    }
    for wrong in (0, 6, "vijf", 2.5, True):
        assert _messages(gesprekspartner="d", datum=DAY, waardering=wrong) == {
            "waardering": "Het cijfer is een heel getal van 1 tot en met 5, of leeg."
        }
    assert _gesprek(waardering="").waardering is None
    assert "tussen" in _messages(gesprekspartner="d", datum=date(1999, 1, 1))["datum"]
    assert "regel" in _messages(gesprekspartner="d", datum=DAY, werkt_samen_met=("a\nb",))[
        "werkt_samen_met"]


def test_lines_of_a_text_box():
    assert lines(" Anna \n\n  GGD \n") == ("Anna", "GGD")


def test_the_words_of_gewenste_toekomst_counted_by_hand():
    gesprekken = [
        _gesprek(gewenste_toekomst="Samen zorgen voor naasten; naasten krijgen steun."),
        _gesprek(gewenste_toekomst="Dat de huisarts en het welzijn samen optrekken."),
        _gesprek(gewenste_toekomst=""),
    ]
    # by hand, stop words (voor, dat, de, en, het) and words under three letters dropped:
    # naasten 2 (1 interview), samen 2 (2), then once each: huisarts krijgen optrekken steun
    # welzijn zorgen
    words = toekomst_words(gesprekken, n=None)
    assert words.to_dict("records") == [
        {"woord": "naasten", "aantal": 2, "notities": 1},
        {"woord": "samen", "aantal": 2, "notities": 2},
        *({"woord": w, "aantal": 1, "notities": 1}
          for w in ("huisarts", "krijgen", "optrekken", "steun", "welzijn", "zorgen")),
    ]
    assert list(toekomst_words(gesprekken, n=1)["woord"]) == ["naasten"]
    assert toekomst_words([]).empty
    chart = toekomst_words_chart(words).to_dict()
    assert chart["mark"]["type"] == "bar"
    assert chart["encoding"]["y"]["field"] == "woord"


def test_mean_rating_leaves_out_the_unrated():
    assert mean_rating([_gesprek(waardering=2), _gesprek(), _gesprek(waardering=5)]) == 3.5
    assert mean_rating([_gesprek()]) is None


def _stored(record_id: str, record: object, version: int = 1) -> SimpleNamespace:
    return SimpleNamespace(record_id=record_id, proeftuin="p", version=version, record=record)


def test_the_tidy_table_and_what_a_kernthema_version_drew_on():
    versions = [
        _stored("g2", _gesprek(gesprekspartner="organisatie-01", datum=date(2025, 1, 12),
                               werkt_samen_met=("A", "B"))),
        _stored("g1", _gesprek(interviewer="deelnemer-02", waardering=3, citaten=("x",))),
    ]
    names = {"deelnemer-01": "Anna", "deelnemer-02": "Petra", "organisatie-01": "Apotheek"}
    table = interviews_table(versions, names)
    assert list(table["record_id"]) == ["g1", "g2"]  # by date
    assert table.iloc[0][["naam", "interviewer", "waardering", "citaten"]].tolist() == [
        "Anna", "Petra", 3, 1]
    assert table["waardering"].isna().tolist() == [False, True]
    assert table.iloc[1]["werkt_samen_met"] == 2
    kernthema = [
        _stored("k", Kernthema(kernthema="k", ambitie="a", gesprekken=("g2", "g1", "weg")), 1),
        _stored("k", Kernthema(kernthema="k", ambitie="b", status="vastgesteld"), 2),
    ]
    assert drew_on(kernthema, versions, names)[["version", "gesprek", "naam"]].values.tolist() == [
        [1, "g2", "Apotheek"], [1, "g1", "Anna"], [1, "weg", ""]]


ACTORS = {"deelnemer-01": "Anna de Vries", "deelnemer-02": "Petra van Dijk",
          "organisatie-01": "Apotheek Bergeijk", "organisatie-02": "Anna de Vries"}


def test_names_match_actors_by_name_or_id_and_a_shared_name_is_not_guessed():
    matched, unmatched = match_names(
        ["  petra  VAN dijk", "organisatie-01", "Anna de Vries", "GGD"], ACTORS)
    assert matched == {"  petra  VAN dijk": "deelnemer-02", "organisatie-01": "organisatie-01"}
    assert unmatched == ["Anna de Vries", "GGD"]


def test_netwerk_update_adds_new_ties_only():
    gesprek = _gesprek(werkt_samen_met=("Petra van Dijk", "Apotheek Bergeijk", "deelnemer-01",
                                        "GGD"))
    kaart = Netwerkkaart(datum=date(2025, 2, 11), banden=(
        Band(van="organisatie-01", naar="deelnemer-01", soort=SoortBand.WERKT_SAMEN),
        Band(van="deelnemer-01", naar="deelnemer-02", soort=SoortBand.KENT),
    ))
    update = netwerk_update(gesprek, ACTORS, kaart)
    assert update.added == ("deelnemer-02",)
    assert update.already == ("organisatie-01",)
    assert update.unmatched == ("GGD",)
    assert update.kaart.datum == date(2025, 2, 11)
    assert update.kaart.banden[-1] == Band(van="deelnemer-01", naar="deelnemer-02",
                                           soort=SoortBand.WERKT_SAMEN)
    fresh = netwerk_update(gesprek, ACTORS, None, titel="Uit de gesprekken")
    assert fresh.kaart.datum == DAY and fresh.kaart.titel == "Uit de gesprekken"
    assert [b.naar for b in fresh.kaart.banden] == ["deelnemer-02", "organisatie-01"]
