"""Kernthema: validation in Dutch, the evolution of the ambition and word diffs between versions."""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from leven.core.i18n import message_files, set_language
from leven.core.records import field_messages
from leven.kernthema import (
    DiffToken,
    Kernthema,
    KernthemaVersie,
    ambition_changes,
    current,
    evolution,
    fixed,
    sides,
    word_diff,
)

AANLEIDING = (
    "We willen als huisartsen samenwerken met het sociaal domein omdat we meer ondersteuning "
    "voor onze patiënten willen bieden, maar we weten niet waar te beginnen."
)


@dataclass(frozen=True)
class Versie:
    """What the store hands out; a plain object, to show the Protocol is all we need."""

    version: int
    saved_at: datetime
    saved_by: str
    record: Kernthema


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def _versions() -> list[Versie]:
    v1 = Kernthema(
        aanleiding=AANLEIDING,
        kernthema="Samenwerken tussen zorg en sociaal domein",
        ambitie="Huisartsen weten bij wie ze terechtkunnen in de wijk.",
        status="voorlopig",
        wie="kerngroep",
        datum=date(2024, 2, 1),
    )
    v2 = v1.model_copy(
        update={"ambitie": "Huisartsen en welzijn weten bij wie ze terechtkunnen in de wijk."}
    )
    v3 = Kernthema(
        aanleiding=AANLEIDING,
        kernthema="Meer samen optrekken rond de laatste levensfase",
        ambitie="Huisartsen en welzijn kennen elkaar en weten bij wie ze terechtkunnen.",
        status="vastgesteld",
        wie="",  # falls back to saved_by
        datum=None,  # falls back to the day it was saved
    )
    # Deliberately out of order: the functions sort by version.
    return [
        Versie(3, datetime(2024, 3, 14, 16, 30), "Projectleider", v3),
        Versie(1, datetime(2024, 2, 1, 10, 0), "Anna", v1),
        Versie(2, datetime(2024, 2, 20, 9, 0), "Bram", v2),
    ]


def test_version_objects_satisfy_protocol():
    versie: KernthemaVersie = _versions()[0]
    assert versie.record.KIND == "kernthema"


def test_evolution_one_row_per_version_in_order():
    frame = evolution(_versions())
    assert list(frame.columns) == ["version", "datum", "status", "kernthema", "ambitie", "wie"]
    assert frame["version"].tolist() == [1, 2, 3]
    assert frame["status"].tolist() == ["voorlopig", "voorlopig", "vastgesteld"]
    assert frame["datum"].tolist() == [date(2024, 2, 1), date(2024, 2, 1), date(2024, 3, 14)]
    assert frame["wie"].tolist() == ["kerngroep", "kerngroep", "Projectleider"]
    assert frame.loc[2, "kernthema"] == "Meer samen optrekken rond de laatste levensfase"


def test_evolution_empty():
    frame = evolution([])
    assert frame.empty
    assert list(frame.columns) == ["version", "datum", "status", "kernthema", "ambitie", "wie"]


def test_word_diff_insert():
    tokens = word_diff(
        "Huisartsen weten bij wie ze terechtkunnen.",
        "Huisartsen en welzijn weten bij wie ze terechtkunnen.",
    )
    assert tokens == [
        DiffToken("equal", "Huisartsen "),
        DiffToken("insert", "en welzijn "),
        DiffToken("equal", "weten bij wie ze terechtkunnen."),
    ]
    assert all(isinstance(token, tuple) for token in tokens)


def test_word_diff_delete_and_replace():
    tokens = word_diff("Samen in de wijk werken.", "Samen werken.")
    assert tokens == [
        DiffToken("equal", "Samen "),
        DiffToken("delete", "in de wijk "),
        DiffToken("equal", "werken."),
    ]
    tokens = word_diff("Een goede start.", "Een sterke start.")
    assert tokens == [
        DiffToken("equal", "Een "),
        DiffToken("delete", "goede"),
        DiffToken("insert", "sterke"),
        DiffToken("equal", " start."),
    ]


def test_rewritten_sentence_is_one_block_not_a_zigzag():
    tokens = word_diff("de zorg is goed", "het welzijn wordt beter")
    assert tokens == [
        DiffToken("delete", "de zorg is goed"),
        DiffToken("insert", "het welzijn wordt beter"),
    ]


def test_word_diff_identical_and_empty():
    assert word_diff("Samen verder.", "Samen verder.") == [DiffToken("equal", "Samen verder.")]
    assert word_diff("", "") == []
    assert word_diff("", "Nieuw") == [DiffToken("insert", "Nieuw")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Huisartsen weten bij wie ze terechtkunnen in de wijk.",
         "Huisartsen en welzijn kennen elkaar en weten bij wie ze terechtkunnen."),
        ("a b c d e", "a x c y e"),
        ("Eén  ambitie,\nmet regels.", "Eén ambitie; met nieuwe regels!"),
    ],
)  # fmt: skip
def test_sides_give_back_both_texts(old, new):
    tokens = word_diff(old, new)
    left, right = sides(tokens)
    assert "".join(token.text for token in left) == old
    assert "".join(token.text for token in right) == new
    # Merged: never two neighbouring tokens of the same kind.
    assert all(a.kind != b.kind for a, b in itertools.pairwise(tokens))


def test_ambition_changes_between_consecutive_versions():
    changes = ambition_changes(_versions())
    assert [(c.van_versie, c.naar_versie) for c in changes] == [(1, 2), (2, 3)]
    assert changes[0].tokens == [
        DiffToken("equal", "Huisartsen "),
        DiffToken("insert", "en welzijn "),
        DiffToken("equal", "weten bij wie ze terechtkunnen in de wijk."),
    ]
    inserted = [t.text for t in changes[1].tokens if t.kind == "insert"]
    deleted = [t.text for t in changes[1].tokens if t.kind == "delete"]
    assert "kennen elkaar en " in inserted
    assert any("in de wijk" in text for text in deleted)
    assert all(c.changed for c in changes)
    assert ambition_changes(_versions()[:1]) == []


def test_current_and_fixed():
    versions = _versions()
    assert current(versions).version == 3
    assert fixed(versions).version == 3
    assert fixed(versions[1:]) is None
    assert current([]) is None


def test_required_fields_in_dutch():
    with pytest.raises(ValidationError) as info:
        Kernthema(kernthema="   ", ambitie="")
    messages = field_messages(info.value)
    assert messages["kernthema"] == "Vul het kernthema in: waar willen we meer van?"
    assert messages["ambitie"] == (
        "Vul de ambitie in: wat willen we na een jaar samen bereikt hebben?"
    )
    # Left out entirely gives the same helpful messages.
    with pytest.raises(ValidationError) as info:
        Kernthema()
    assert set(field_messages(info.value)) == {"kernthema", "ambitie"}


def test_status_one_of_two_in_dutch():
    with pytest.raises(ValidationError) as info:
        Kernthema(kernthema="Samen", ambitie="Elkaar kennen", status="definitief")
    assert field_messages(info.value) == {"status": "Kies als status 'voorlopig' of 'vastgesteld'."}
    assert Kernthema(kernthema="Samen", ambitie="Elkaar", status=" Vastgesteld ").status == (
        "vastgesteld"
    )


def test_record_is_frozen_and_strict():
    record = Kernthema(kernthema="Samen", ambitie="Elkaar kennen")
    assert record.status == "voorlopig"
    with pytest.raises(ValidationError):
        record.ambitie = "anders"  # type: ignore[misc]
    with pytest.raises(ValidationError) as info:
        Kernthema(kernthema="Samen", ambitie="Elkaar kennen", onbekend=1)
    assert field_messages(info.value)["onbekend"] == "Dit veld hoort hier niet."


def test_english_messages():
    set_language("en")
    with pytest.raises(ValidationError) as info:
        Kernthema(kernthema="", ambitie="x")
    assert field_messages(info.value)["kernthema"].startswith("Fill in the core theme")


@pytest.mark.parametrize("area", ["kernthema", "collage", "media"])
def test_nl_and_en_catalogues_have_the_same_keys(area: str):
    def keys(lang: str) -> set[str]:
        def walk(prefix: str, table: dict) -> set[str]:
            found: set[str] = set()
            for name, value in table.items():
                key = f"{prefix}.{name}"
                found |= walk(key, value) if isinstance(value, dict) else {key}
            return found

        return walk(area, tomllib.loads(dict(message_files(lang))[area].read_text()))

    assert keys("nl") == keys("en")
