"""The research dataset: typed tables, long child tables with real keys, waves; the codebook
describes every field of every model (label in Dutch and English, role, value labels)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from leven.core import codebook, i18n
from leven.core.dataset import (
    Shape,
    build_dataset,
    field_shapes,
    load_dataset,
    record_models,
    shape_of,
)
from leven.gas import GasScore
from leven.proeftuin import Deelnemer


def test_shapes_are_read_from_the_annotations():
    shapes = field_shapes(Deelnemer, "deelnemer")
    assert shapes["naam"] == Shape("text")
    assert shapes["domein"].kind == "category"
    assert shapes["domein"].values == ("zorg", "sociaal_domein")
    assert shapes["dimensies"].kind == "list"
    assert shapes["dimensies"].item.values == ("lichamelijk", "psychisch", "sociaal",
                                               "spiritueel")
    assert shapes["kerngroep"].kind == "bool"
    assert shape_of(date | None).kind == "date"


def test_every_record_kind_is_found_through_the_registry():
    kinds = {model.KIND for _, model in record_models()}
    assert {"proeftuin", "deelnemer", "kernthema", "gas_doel", "gas_score",
            "checklist_beoordeling", "netwerkkaart", "stakeholdergesprek"} <= kinds


def test_the_example_dataset_has_typed_tables_and_long_child_tables(example_store):
    data = load_dataset(example_store)
    deelnemers = data["deelnemer"]
    assert len(deelnemers) == len(example_store.frame(Deelnemer))
    assert isinstance(deelnemers["domein"].dtype, pd.CategoricalDtype)
    assert list(deelnemers["domein"].cat.categories) == ["zorg", "sociaal_domein"]
    assert str(deelnemers["kerngroep"].dtype) == "boolean"
    assert isinstance(deelnemers["saved_at"].dtype, pd.DatetimeTZDtype)
    assert "dimensies" not in deelnemers  # a list: its own long table
    # Anna de Vries (deelnemer-01) works on lichamelijk and psychisch (data/example)
    dims = data["deelnemer_dimensies"]
    anna = dims[dims["record_id"] == "deelnemer-01"]
    assert anna["positie"].tolist() == [1, 2]
    assert anna["dimensies"].astype(str).tolist() == ["lichamelijk", "psychisch"]
    assert data.tables["deelnemer_dimensies"].key == ("record_id", "positie")
    assert data.tables["deelnemer_dimensies"].parent == "deelnemer"
    # no cell anywhere holds a Python list, dict or tuple
    for name, frame in data.frames().items():
        for column in frame.columns:
            cells = frame[column].tolist()
            assert not any(isinstance(v, list | dict | tuple) for v in cells), (name, column)
    # every child row belongs to a record of its parent table
    for table in data.tables.values():
        if table.parent:
            assert set(table.frame["record_id"]) <= set(data[table.parent]["record_id"])


def test_gas_scores_get_their_wave_per_goal_and_dates_as_dates(example_store):
    data = load_dataset(example_store, ["bergeijk"])
    scores = data["gas_score"]
    assert set(scores["proeftuin"]) == {"bergeijk"}
    assert str(scores["datum"].dtype).startswith("datetime64")
    for _, goal in scores.groupby("doel_id"):
        ordered = goal.sort_values(["datum", "saved_at"])
        assert ordered["meetmoment"].tolist() == list(range(1, len(goal) + 1))
    raw = example_store.frame(GasScore, "bergeijk")
    assert scores["niveau"].tolist() == raw["niveau"].tolist()


def test_a_checklist_answers_table_is_keyed_by_record_and_item(example_store):
    data = load_dataset(example_store)
    answers = data["checklist_beoordeling_antwoorden"]
    assert not answers.duplicated(["record_id", "sleutel"]).any()
    assert set(answers["antwoord"].cat.categories) == {"niet", "gedeeltelijk", "wel"}
    assert set(answers["record_id"]) == set(data["checklist_beoordeling"]["record_id"])


def test_history_gives_every_version_with_its_number(example_store):
    data = load_dataset(example_store, history=True)
    kernthema = data["kernthema"]
    assert data.tables["kernthema"].key == ("record_id", "version")
    assert not kernthema.duplicated(["record_id", "version"]).any()
    assert len(kernthema) > kernthema["record_id"].nunique()


def test_an_empty_store_gives_empty_typed_tables(store):
    data = load_dataset(store)
    assert len(data["deelnemer"]) == 0
    assert "deelnemer_dimensies" in data.tables
    empty = build_dataset({Deelnemer: store.frame(Deelnemer)})
    assert list(empty.tables) == ["deelnemer", "deelnemer_dimensies"]


def _every_field() -> list[tuple[str, str, Shape]]:
    """(kind, field path, shape) of every field of every model, nested ones as field.item."""
    found = []
    for _, model in record_models():
        for name, shape in field_shapes(model, model.KIND).items():
            if shape.model is not None:
                for inner, inner_shape in field_shapes(shape.model).items():
                    found.append((model.KIND, f"{name}.{inner}", inner_shape))
            else:
                found.append((model.KIND, name, shape.item if shape.kind == "list" and
                              shape.item else shape))
    return found


@pytest.mark.parametrize(("kind", "source", "shape"), _every_field(),
                         ids=[f"{k}.{s}" for k, s, _ in _every_field()])
def test_the_codebook_describes_every_field_of_every_model(kind, source, shape):
    for lang in ("nl", "en"):
        where = " or ".join(codebook.label_keys(kind, source))
        assert codebook.has_label(kind, source, lang), f"no {lang} label for {source}: {where}"
    assert codebook.role(kind, source) is not None, (
        f"{kind}.{source} has no role in leven.core.codebook.ROLES (person, free text, ...)")
    if shape.kind == "category":
        labels = codebook.value_labels(shape)
        assert set(labels) == {str(v) for v in shape.values}
        for code in labels:
            for lang in ("nl", "en"):
                assert f"codebook.values.{shape.value_set}.{code}" in i18n.catalogue(lang)


def test_the_codebook_of_the_example_marks_people_and_free_text(example_store):
    found = {(v.table, v.name): v for v in codebook.variables(load_dataset(example_store))}
    assert found[("deelnemer", "naam")].identifies_person
    assert found[("deelnemer", "email")].identifies_person
    assert found[("gas_score", "gescoord_door")].identifies_person
    assert found[("gas_score", "toelichting")].free_text
    assert not found[("gas_score", "niveau")].free_text
    assert found[("gas_score", "niveau")].values["-2"][0] == "veel minder bereikt dan verwacht"
    assert found[("deelnemer", "domein")].values["sociaal_domein"] == ("sociaal domein",
                                                                      "social domain")
    assert found[("gas_score", "datum")].type == "date"
    assert found[("netwerkkaart_banden", "soort")].label_en == "Tie: kind"
    text = codebook.markdown(load_dataset(example_store))
    assert "## deelnemer_dimensies" in text and "| `naam` |" in text


def test_a_child_table_named_like_another_kind_gets_a_double_underscore(store):
    from leven.core.records import Record

    class Actie(Record):
        KIND = "demo_actie"
        wat: str = ""

    class Demo(Record):
        KIND = "demo"
        actie: tuple[str, ...] = ()

    store.save(Demo(actie=("bellen",)), proeftuin="p")
    data = build_dataset({Demo: store.frame(Demo), Actie: store.frame(Actie)})
    assert set(data.tables) == {"demo", "demo__actie", "demo_actie"}
    assert data["demo__actie"]["actie"].tolist() == ["bellen"]
