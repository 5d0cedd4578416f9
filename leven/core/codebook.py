"""The codebook (data dictionary) of the dataset, generated from the pydantic models.

One source: the columns, types and allowed values come from the models (through
:mod:`leven.core.dataset`), the Dutch and English labels from the catalogue
(``codebook.<kind>.<field>``, ``codebook.values.<set>.<code>``, ``codebook.meta.<column>``)
and what each field says about people from :data:`ROLES` below. An instrument may describe
its own kinds instead: labels as ``<instrument>.codebook.<kind>.<field>`` in its messages,
roles as ``CODEBOOK_ROLES`` on its record class (what ``leven new-instrument`` writes). A test
fails when a model gets a field without a label or a role, so nothing reaches an export
undescribed.

Pure: no store, no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from leven.core import i18n
from leven.core.dataset import KEY, POSITION, WAVE, Dataset, Shape, Table, record_models

#: What each field says about people, per record kind (by name) and field path:
#: ``p`` it names a person (replaced by a code), ``e`` a contact detail (dropped),
#: ``t`` free text (names in it replaced; dropped with ``--no-free-text``),
#: ``o`` answers that are codes or open text (open ones dropped with ``--no-free-text``),
#: ``""`` none of these. Kinds by name only, like the registry.
ROLES: dict[str, dict[str, str]] = {
    "proeftuin": {"naam": "", "gemeente": "", "startdatum": "", "projectleider": "p",
                  "beschrijving": "t"},
    "organisatie": {"naam": "", "domein": "", "soort": ""},
    "deelnemer": {"naam": "p", "organisatie": "", "functie": "", "domein": "",
                  "betrokkenheid": "", "kerngroep": "", "dimensies": "", "email": "e"},
    "bijeenkomst": {"soort": "", "datum": "", "titel": "", "plaats": "", "agenda": "t",
                    "uitgenodigd": "p", "aanwezig": "p", "bestuurders.naam": "p",
                    "bestuurders.functie": "", "bestuurders.organisatie": "", "notities": "t",
                    "besluiten": "t", "gemaakt.kind": "", "gemaakt.record_id": ""},
    "fasenplanning": {"fasen.fase": "", "fasen.begin": "", "fasen.eind": ""},
    "kernthema": {"aanleiding": "t", "kernthema": "t", "ambitie": "t", "status": "",
                  "wie": "pt", "datum": "", "gesprekken": ""},
    "collage_notitie": {"titel": "", "door": "pt", "domein": "", "metafoor": "t",
                        "trefwoorden": "t", "tekst": "t", "bijeenkomst_id": "",
                        "dimensies": "", "foto_ids": ""},
    "gas_doel": {"experiment_id": "", "experiment": "", "praktijk": "", "wie": "pt",
                 "ingevuld_door": "p", "datum": "", "doel": "t", "niveau_min2": "t",
                 "niveau_min1": "t", "niveau_0": "t", "niveau_plus1": "t", "niveau_plus2": "t",
                 "gewicht": "", "belang": "", "moeilijkheid": "", "volgorde": ""},
    "gas_score": {"doel_id": "", "meting": "", "datum": "", "niveau": "",
                  "gescoord_door": "p", "toelichting": "t"},
    "checklist_beoordeling": {"template": "", "template_versie": "", "proeftuin": "",
                              "organisatie": "", "ingevuld_door": "p", "datum": "",
                              "antwoorden.antwoord": "", "antwoorden.opmerking": "t"},
    "evaluatie": {"bijeenkomst_id": "", "vragenset": "", "code": "", "status": "",
                  "open_antwoorden_tonen": "", "geopend": "", "gesloten": ""},
    "evaluatie_antwoord": {"evaluatie_id": "", "antwoorden": "o", "toelichting": "t"},
    "netwerkkaart": {"titel": "", "datum": "", "bijeenkomst": "", "banden.van": "",
                     "banden.naar": "", "banden.soort": "", "banden.sinds": "",
                     "banden.notitie": "t"},
    "bestaand_initiatief": {"naam": "", "wie": "t", "aandacht": "", "notitie": "t"},
    "stakeholdergesprek": {"gesprekspartner": "", "interviewer": "p", "datum": "",
                           "rol": "t", "samenwerking": "t", "waardering": "",
                           "gewenste_toekomst": "t", "werkt_samen_met": "pt", "citaten": "t"},
    "jaar": {"titel": ""},
    "leerwerkplatform_aanmelding": {
        "kansrijk_project": "", "leden.deelnemer": "", "leden.naam": "p", "leden.email": "e",
        "leden.organisatie": "", "leden.functie_organisatie": "", "leden.functie_project": "",
        "verzonden_op": ""},
    "verbinding": {"wat": "t", "wie": "pt", "hoe_vaak": "", "eerste_datum": "",
                   "bijeenkomst_id": "", "toelichting": "t"},
    "experiment": {"naam": "", "wat": "t", "bijdrage": "t", "kernthema_id": "",
                   "kernthema_versie": "", "initiatief_id": "", "groep": "p",
                   "coordinator": "p", "status": "", "datum_idee": "",
                   "datum_in_voorbereiding": "", "datum_loopt": "", "datum_afgerond": "",
                   "datum_gestopt": "", "opbrengst": "t", "geborgd": "", "borging_hoe": "t",
                   "borging_door": "pt", "borging_datum": ""},
    "experiment_actie": {"experiment_id": "", "wat": "t", "wie": "p", "uiterlijk": "",
                         "klaar": "", "klaar_op": ""},
}

#: The store's columns and the child tables' keys: roles of their own.
META_ROLES: dict[str, str] = {"record_id": "", "proeftuin": "", "version": "", "saved_at": "",
                              "saved_by": "p", POSITION: "", KEY: "", WAVE: ""}

#: Numbers whose values have labels (``codebook.values.<set>.<number>``), by kind and field.
NUMBER_LABELS: dict[tuple[str, str], str] = {("gas_score", "niveau"): "niveau",
                                              ("stakeholdergesprek", "waardering"): "waardering"}

#: Units (``codebook.units.<unit>``), by kind and field; dates and times have theirs by type.
UNITS: dict[tuple[str, str], str] = {
    ("gas_score", "niveau"): "niveau", ("gas_doel", "gewicht"): "gewicht",
    ("gas_doel", "belang"): "nul_tot_drie", ("gas_doel", "moeilijkheid"): "nul_tot_drie",
    ("stakeholdergesprek", "waardering"): "een_tot_vijf",
}

#: Table Schema types of the dataset's shapes.
SCHEMA_TYPES = {"text": "string", "date": "date", "datetime": "datetime", "bool": "boolean",
                "int": "integer", "float": "number", "category": "string"}


@dataclass(frozen=True)
class Variable:
    """One column of one table, described."""

    table: str
    name: str
    source: str  # its field path in the record ("banden.van"), or the store's column
    type: str  # Table Schema type
    label_nl: str
    label_en: str
    values: dict[str, tuple[str, str]]  # code -> (Dutch, English label)
    unit: str
    identifies_person: bool
    free_text: bool
    role: str

    @property
    def label(self) -> str:
        return self.label_en if i18n.language() == "en" else self.label_nl


@cache
def _owners() -> dict[str, tuple[str, type]]:
    """kind -> (instrument, record model), through the registry."""
    return {model.KIND: (name, model) for name, model in record_models()}


def label_keys(kind: str, source: str) -> tuple[str, ...]:
    """Where a column's label may be: ``codebook.<kind>.<field>`` (the spine's codebook file),
    else ``<instrument>.codebook.<kind>.<field>`` (the instrument's own messages, so a new
    instrument describes its fields in its own folder); the meta columns' are shared."""
    if source in META_ROLES:
        return (f"codebook.meta.{source}",)
    field = source.replace(".", "__")
    instrument = _owners().get(kind, ("", None))[0]
    return (f"codebook.{kind}.{field}", f"{instrument}.codebook.{kind}.{field}")


def has_label(kind: str, source: str, lang: str) -> bool:
    """Whether the catalogue of ``lang`` labels this column."""
    return any(key in i18n.catalogue(lang) for key in label_keys(kind, source))


def role(kind: str, source: str) -> str | None:
    """The field's role letters (:data:`ROLES`, else the record class's ``CODEBOOK_ROLES``),
    None when it has none yet."""
    if source in META_ROLES:
        return META_ROLES[source]
    if source in ROLES.get(kind, {}):
        return ROLES[kind][source]
    model = _owners().get(kind, ("", None))[1]
    return getattr(model, "CODEBOOK_ROLES", {}).get(source)


def value_labels(shape: Shape | None, kind: str = "", field: str = "") -> dict[str, tuple[str,
                                                                                      str]]:
    """Code -> (Dutch, English) label of a category, or of a number with labelled values."""
    value_set = NUMBER_LABELS.get((kind, field)) or (shape.value_set if shape else "")
    if shape is None or not value_set:
        return {}
    if shape.kind == "category":
        codes = [str(code) for code in shape.values]
    else:
        prefix = f"codebook.values.{value_set}."
        codes = [key[len(prefix):] for key in i18n.catalogue("nl") if key.startswith(prefix)]
    return {code: (_text(f"codebook.values.{value_set}.{code}", "nl", code),
                   _text(f"codebook.values.{value_set}.{code}", "en", code)) for code in codes}


def _text(key: str, lang: str, fallback: str) -> str:
    return i18n.catalogue(lang).get(key) or i18n.catalogue("nl").get(key) or fallback


def _label(keys: tuple[str, ...], lang: str, fallback: str) -> str:
    for key in keys:
        found = _text(key, lang, "")
        if found:
            return found
    return fallback


def _unit(kind: str, field: str, shape: Shape | None) -> str:
    name = UNITS.get((kind, field)) or {"date": "datum", "datetime": "tijd"}.get(
        shape.kind if shape else "", "")
    return i18n.t(f"codebook.units.{name}") if name else ""


def _shape(table: Table, column: str) -> Shape | None:
    if column in table.shapes:
        return table.shapes[column]
    return {"version": Shape("int"), "saved_at": Shape("datetime"), POSITION: Shape("int"),
            WAVE: Shape("int")}.get(column, Shape("text"))


def describe(table: Table) -> list[Variable]:
    """The variables of one table, in its column order."""
    variables = []
    for column in table.frame.columns:
        source = table.sources.get(column, column)
        shape = _shape(table, column)
        keys = label_keys(table.kind, source)
        letters = role(table.kind, source) or ""
        field = source.split(".")[-1] if source not in META_ROLES else source
        variables.append(Variable(
            table=table.name, name=column, source=source,
            type=SCHEMA_TYPES.get(shape.kind if shape else "text", "string"),
            label_nl=_label(keys, "nl", column), label_en=_label(keys, "en", column),
            values=value_labels(shape, table.kind, field), unit=_unit(table.kind, field, shape),
            identifies_person="p" in letters or "e" in letters,
            free_text="t" in letters or "o" in letters, role=letters,
        ))
    return variables


def variables(dataset: Dataset) -> list[Variable]:
    """Every variable of every table of ``dataset``."""
    return [v for table in dataset.tables.values() for v in describe(table)]


def codebook_frame(found: Iterable[Variable]) -> pd.DataFrame:
    """The codebook as one table (the Excel sheet, and the Markdown's source)."""
    rows = [{
        "tabel": v.table, "variabele": v.name, "type": v.type, "label_nl": v.label_nl,
        "label_en": v.label_en,
        "waarden": "; ".join(f"{code} = {nl}" for code, (nl, _) in v.values.items()),
        "eenheid": v.unit, "identificeert_persoon": v.identifies_person,
        "vrije_tekst": v.free_text,
    } for v in found]
    return pd.DataFrame(rows, columns=["tabel", "variabele", "type", "label_nl", "label_en",
                                       "waarden", "eenheid", "identificeert_persoon",
                                       "vrije_tekst"])


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(dataset: Dataset, notes: Iterable[str] = ()) -> str:
    """A human-readable codebook: per table its key and a row per variable."""
    lines = [f"# {i18n.t('codebook.doc.title')}", ""]
    for note in notes:  # one paragraph each
        lines += [note, ""]
    yes = i18n.t("codebook.doc.yes")
    for table in dataset.tables.values():
        lines += [f"## {table.name}", "",
                  i18n.t("codebook.doc.table", rows=len(table.frame), key=", ".join(table.key)),
                  ""]
        if table.parent:
            lines += [i18n.t("codebook.doc.parent", parent=table.parent), ""]
        lines += [f"| {' | '.join(i18n.t(f'codebook.doc.{h}') for h in _HEADERS)} |",
                  "|" + " --- |" * len(_HEADERS)]
        for v in describe(table):
            values = "; ".join(f"`{code}` {nl}" for code, (nl, _) in v.values.items())
            cells = [f"`{v.name}`", v.type, v.label_nl, v.label_en, values, v.unit,
                     yes if v.identifies_person else "", yes if v.free_text else ""]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


_HEADERS = ("variable", "type", "label_nl", "label_en", "values", "unit", "person", "free_text")
