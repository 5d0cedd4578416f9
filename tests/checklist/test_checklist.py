"""The checklist of implementation preconditions (Bijlage 1): templates, assessments, export."""

from __future__ import annotations

import csv
import io
import math
import os
import tomllib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from leven import checklist as cl
from leven.checklist.export import to_csv, to_excel
from leven.core.errors import LevenError
from leven.core.i18n import set_language
from leven.core.instruments import message_file
from leven.core.records import field_messages

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
SEED_OF = {
    "leven_tot_het_einde": "000_efb48cc06b75b0bf.txt",
    "palliatieve_zorgcoach": "003_f2c115b81b73aa79.txt",
}
SECTIONS = ["pl", "mgmt", "inv", "bev"]
LTHE = "leven_tot_het_einde"


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


@pytest.fixture
def template() -> cl.ChecklistTemplate:
    return cl.load_template(LTHE)


def make(answers: dict, **fields) -> cl.ChecklistBeoordeling:
    base = {
        "template": LTHE,
        "template_versie": 1,
        "proeftuin": "Zundert",
        "ingevuld_door": "Kerngroep",
        "datum": date(2025, 3, 14),
    }
    return cl.ChecklistBeoordeling.model_validate({**base, **fields, "antwoorden": answers})


# Deliberately not in template order, to show summaries follow the template.
BEFORE = {
    "bev-7": "wel",
    "bev-3": "gedeeltelijk",
    "bev-1": {"antwoord": "niet", "opmerking": "scholing nodig"},
    "pl-1": "wel",
    "pl-2": "gedeeltelijk",
    "pl-3": {"antwoord": "niet", "opmerking": ""},
    "mgmt-1": "wel",
    "mgmt-2": "wel",
    "mgmt-3": {"antwoord": "gedeeltelijk", "opmerking": "alleen bij team Noord"},
    "mgmt-4": {"antwoord": None, "opmerking": "navragen"},
}
AFTER = {
    "pl-1": "wel",
    "pl-2": "wel",
    "pl-3": "niet",
    "mgmt-1": "gedeeltelijk",
    "mgmt-2": "wel",
    "mgmt-3": "wel",
    "inv-1": "wel",
    "bev-1": "gedeeltelijk",
    "bev-3": "gedeeltelijk",
    "bev-7": "wel",
}


# --- templates ---------------------------------------------------------------------------


def test_available_templates_lists_both_variants():
    assert set(SEED_OF) <= set(cl.available_templates())


@pytest.mark.parametrize("name", list(SEED_OF))
def test_template_has_17_items_in_4_sections(name):
    template = cl.load_template(name)
    assert template.name == name and template.version >= 1
    assert template.title == "Checklist algemene implementatie randvoorwaarden"
    assert [s.id for s in template.sections] == SECTIONS
    assert [len(s.items) for s in template.sections] == [3, 6, 1, 7]
    assert len(template.items) == 17 == len(set(template.item_ids))
    assert all(item.section == s.id for s in template.sections for item in s.items)
    assert [s.title for s in template.sections][1:] == [
        "Management",
        "Inzicht in noodzakelijke investeringen",
        "Bevorderende factoren",
    ]
    assert dict(template.answer_labels) == {
        "niet": "(nog) niet",
        "gedeeltelijk": "Gedeeltelijk",
        "wel": "Wel",
    }
    assert template.columns["opmerking"] == "Opmerking"


def test_templates_are_frozen(template):
    with pytest.raises(AttributeError):
        template.title = "iets anders"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        template.items[0].text = "iets anders"  # type: ignore[misc]
    with pytest.raises(TypeError):
        template.answer_labels["wel"] = "Ja"  # type: ignore[index]


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(
    not SEEDS.is_dir() and not os.environ.get("CI"),  # in CI shared/ is always beside the repo
    reason=f"seed documents not found at {SEEDS} (the wording check needs ../shared/seeds)",
)
@pytest.mark.parametrize("name", list(SEED_OF))
def test_wording_is_verbatim_from_the_seed(name):
    seed = _normalised((SEEDS / SEED_OF[name]).read_text(encoding="utf-8"))
    template = cl.load_template(name)
    missing = [item.id for item in template.items if _normalised(item.text) not in seed]
    assert missing == []
    assert all(_normalised(s.title) in seed for s in template.sections)
    plain = seed.replace("\\", "").replace("[Zorgpad Stervensfase](#)", "Zorgpad Stervensfase")
    assert _normalised(template.note) in plain
    for label in (*template.answer_labels.values(), *template.columns.values()):
        assert label in seed


def test_variants_differ():
    first, second = (cl.load_template(name) for name in SEED_OF)
    differing = {i.text for i in first.items} ^ {i.text for i in second.items}
    assert differing
    assert "Is er in de organisatie een visie op palliatieve zorg" in differing
    assert first.sections[0].title == "Projectleider en project/kerngroep"
    assert second.sections[0].title == "Projectleider en projectgroep"
    # A different question gets a different id; a reworded one keeps its id.
    assert "bev-7" in first.item_ids and "bev-7" not in second.item_ids
    assert first.item("mgmt-3").text != second.item("mgmt-3").text


# --- malformed templates -----------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "kapot") -> Path:
    (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def _original() -> str:
    return (cl.TEMPLATES_DIR / f"{LTHE}.toml").read_text(encoding="utf-8")


def _line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return lines[occurrence - 1]


def _line_of_id(text: str, item_id: str, occurrence: int = 1) -> int:
    return _line_of(text, f'id = "{item_id}"', occurrence)


def _refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(LevenError) as caught:
        cl.load_template("kapot", _write(tmp_path, text))
    message = str(caught.value)
    assert "kapot.toml" in message
    return message


def test_valid_copy_in_other_directory_loads(tmp_path):
    template = cl.load_template("kapot", _write(tmp_path, _original()))
    assert template.name == "kapot" and len(template.items) == 17
    assert cl.available_templates(tmp_path) == ("kapot",)
    assert cl.available_templates(tmp_path / "nergens") == ()


def test_toml_syntax_error_names_the_line(tmp_path):
    lines = _original().splitlines()
    lines.insert(9, "title = = 'kapot'")
    message = _refusal(tmp_path, "\n".join(lines))
    assert "regel 10" in message and "TOML" in message


def test_duplicate_item_id_names_item_and_line(tmp_path):
    text = _original().replace('id = "pl-2"', 'id = "pl-1"')
    message = _refusal(tmp_path, text)
    assert "'pl-1'" in message and "meer dan eens" in message
    assert f"regel {_line_of_id(text, 'pl-1', 2)}" in message


def test_duplicate_item_id_across_sections(tmp_path):
    text = _original().replace('id = "bev-5"', 'id = "mgmt-2"')
    message = _refusal(tmp_path, text)
    assert "'mgmt-2'" in message and f"regel {_line_of_id(text, 'mgmt-2', 2)}" in message


def test_duplicate_section_id_names_the_second_one(tmp_path):
    text = _original().replace('id = "inv"', 'id = "mgmt"')
    message = _refusal(tmp_path, text)
    assert "'mgmt'" in message and f"regel {_line_of_id(text, 'mgmt', 2)}" in message


def test_empty_item_names_item_and_line(tmp_path):
    text = _original().replace(
        'text = "Weet het management wat het project inhoudt"', 'text = "   "'
    )
    message = _refusal(tmp_path, text)
    assert "'mgmt-1'" in message and "geen tekst" in message
    assert f"regel {_line_of_id(text, 'mgmt-1')}" in message


def test_item_without_id_names_its_position(tmp_path):
    text = _original().replace('{ id = "pl-2", text', "{ text")
    message = _refusal(tmp_path, text)
    assert "'id' ontbreekt" in message and "sectie 'pl', item 2" in message


def test_unknown_key_is_named(tmp_path):
    text = _original().replace('{ id = "inv-1",', '{ id = "inv-1", kleur = "rood",')
    message = _refusal(tmp_path, text)
    assert "'kleur'" in message and f"regel {_line_of(text, 'kleur')}" in message
    top = _refusal(tmp_path, "auteur = 'ik'\n" + _original())
    assert "'auteur'" in top and "regel 1" in top


def test_missing_sections_are_refused(tmp_path):
    head = _original().split("[[sections]]")[0]
    assert "geen secties" in _refusal(tmp_path, head)
    no_title = _original().replace('title = "Management"\n', "", 1)
    message = _refusal(tmp_path, no_title)
    assert "'title' ontbreekt" in message and f"regel {_line_of_id(no_title, 'mgmt')}" in message


def test_section_without_items_is_refused(tmp_path):
    text = _original().replace(
        'items = [\n    { id = "inv-1", text = "Kan er in de organisatie voldoende tijd (en geld) '
        'vrijgemaakt worden voor de implementatie" },\n]',
        "items = []",
    )
    message = _refusal(tmp_path, text)
    assert "'inv'" in message and "geen items" in message


def test_missing_answer_label_and_bad_version_are_refused(tmp_path):
    assert "'wel' ontbreekt" in _refusal(tmp_path, _original().replace('wel = "Wel"\n', ""))
    message = _refusal(tmp_path, _original().replace("version = 1", 'version = "1"'))
    assert "version" in message and f"regel {_line_of(_original(), 'version = 1')}" in message


def test_unknown_template_name_lists_the_available_ones(tmp_path):
    with pytest.raises(LevenError) as caught:
        cl.load_template("../geheim")
    assert "'../geheim'" in str(caught.value) and LTHE in str(caught.value)


# --- assessments -------------------------------------------------------------------------


def test_half_filled_assessment_is_valid(template):
    empty = cl.new_assessment(template, ingevuld_door="Anna", datum=date(2025, 1, 8), proeftuin="X")
    assert empty.KIND == "checklist_beoordeling"
    assert (empty.template, empty.template_versie) == (LTHE, template.version)
    cl.validate_against(template, empty)
    step = cl.with_answer(template, empty, "pl-1", "gedeeltelijk", "loopt")
    step = cl.with_answer(template, step, "pl-1", "wel")
    assert step.answer("pl-1") == "wel" and step.comment("pl-1") == "loopt"
    assert step.answer("pl-2") is None and empty.antwoorden == {}
    with pytest.raises(ValidationError):
        step.proeftuin = "Y"  # frozen record


def test_assessment_survives_a_json_round_trip():
    assessment = make(BEFORE)
    again = cl.ChecklistBeoordeling.model_validate_json(assessment.model_dump_json())
    assert again == assessment and again.comment("mgmt-3") == "alleen bij team Noord"


def test_seed_label_and_empty_string_are_accepted():
    assessment = make({"pl-1": "(nog) niet", "pl-2": " Wel ", "pl-3": ""})
    assert [assessment.answer(i) for i in ("pl-1", "pl-2", "pl-3")] == ["niet", "wel", None]


def test_unknown_answer_is_refused_in_dutch():
    with pytest.raises(ValidationError) as caught:
        make({"mgmt-2": "misschien"})
    message = field_messages(caught.value)["antwoorden"]
    assert "'mgmt-2'" in message and "'misschien'" in message
    assert "geen geldig antwoord" in message and "Gedeeltelijk" in message


def test_subject_and_author_are_required():
    with pytest.raises(ValidationError) as caught:
        make({}, proeftuin="", organisatie="")
    assert field_messages(caught.value)[""] == "Vul een proeftuin of een organisatie in."
    assert make({}, proeftuin="", organisatie="Hospice De Vleugel").organisatie
    with pytest.raises(ValidationError):
        make({}, ingevuld_door="")


def test_validate_against_refuses_foreign_items_and_templates(template):
    with pytest.raises(LevenError) as caught:
        cl.validate_against(template, make({"pl-1": "wel", "bev-8": "wel", "xx-1": None}))
    assert "bev-8, xx-1" in str(caught.value)
    with pytest.raises(LevenError, match="palliatieve_zorgcoach"):
        cl.validate_against(template, make({}, template="palliatieve_zorgcoach"))
    with pytest.raises(LevenError, match="'zz-9'"):
        cl.with_answer(template, make({}), "zz-9", "wel")
    cl.validate_against(template, make({"pl-1": "wel"}, template_versie=7))  # ids are stable


# --- summaries ---------------------------------------------------------------------------


def test_summary_counts_shares_and_readiness(template):
    table = cl.summary(template, make(BEFORE))
    assert list(table.index) == [*SECTIONS, "totaal"]
    assert table.loc["totaal", "titel"] == "Totaal"
    expected = {  # niet, gedeeltelijk, wel, onbeantwoord
        "pl": (1, 1, 1, 0),
        "mgmt": (0, 1, 2, 3),
        "inv": (0, 0, 0, 1),
        "bev": (1, 1, 1, 4),
        "totaal": (2, 3, 4, 8),
    }
    for section, (niet, half, wel, open_) in expected.items():
        row = table.loc[section]
        assert (row.niet, row.gedeeltelijk, row.wel, row.onbeantwoord) == (niet, half, wel, open_)
        assert row.beantwoord == niet + half + wel and row["items"] == row.beantwoord + open_
    assert table.loc["pl", "aandeel_wel"] == pytest.approx(1 / 3)
    assert table.loc["mgmt", "aandeel_wel"] == pytest.approx(2 / 3)
    assert table.loc["mgmt", "aandeel_niet"] == 0
    assert table.loc["totaal", "aandeel_gedeeltelijk"] == pytest.approx(3 / 9)
    assert math.isnan(table.loc["inv", "aandeel_wel"])
    readiness = cl.readiness(template, make(BEFORE))
    assert list(readiness.index) == SECTIONS
    assert readiness["pl"] == pytest.approx(0.5)
    assert readiness["mgmt"] == pytest.approx(2.5 / 3)
    assert math.isnan(readiness["inv"])
    assert readiness["bev"] == pytest.approx(0.5)
    assert table.loc["totaal", "gereedheid"] == pytest.approx(5.5 / 9)


def test_action_list_in_template_order_with_comments(template):
    todo = cl.action_list(template, make(BEFORE))
    columns = ["sectie", "sectie_titel", "item", "tekst", "antwoord", "opmerking"]
    assert list(todo.columns) == columns
    assert list(todo["item"]) == ["pl-2", "pl-3", "mgmt-3", "bev-1", "bev-3"]
    half, no = "gedeeltelijk", "niet"
    assert list(todo["antwoord"]) == [half, no, half, no, half]
    row = todo.set_index("item").loc["mgmt-3"]
    assert row.opmerking == "alleen bij team Noord" and row.sectie_titel == "Management"
    assert row.tekst == template.item("mgmt-3").text
    assert todo.set_index("item").loc["bev-1", "opmerking"] == "scholing nodig"
    assert cl.action_list(template, make({"pl-1": "wel"})).empty


def test_compare_two_assessments(template):
    items, sections = cl.compare(template, make(BEFORE), make(AFTER))
    change = dict(zip(items["item"], items["verandering"], strict=True))
    assert change["pl-1"] == "gelijk" and change["pl-3"] == "gelijk"
    assert change["pl-2"] == "beter" and change["mgmt-3"] == "beter" and change["bev-1"] == "beter"
    assert change["mgmt-1"] == "slechter"
    assert pd.isna(change["inv-1"]) and pd.isna(change["mgmt-5"])
    row = items.set_index("item").loc["mgmt-1"]
    assert (row.voor, row.na) == ("wel", "gedeeltelijk")
    assert list(sections.index) == [*SECTIONS, "totaal"]
    assert sections.loc["pl", "gereedheid_voor"] == pytest.approx(0.5)
    assert sections.loc["pl", "gereedheid_na"] == pytest.approx(2 / 3)
    assert sections.loc["pl", "verschil"] == pytest.approx(1 / 6)
    assert sections.loc["mgmt", "verschil"] == pytest.approx(0)
    assert math.isnan(sections.loc["inv", "verschil"])
    assert sections.loc["inv", "gereedheid_na"] == 1
    assert sections.loc["bev", "verschil"] == pytest.approx(2 / 3 - 0.5)
    assert sections.loc["totaal", "verschil"] == pytest.approx(0.75 - 5.5 / 9)


def test_tidy_frame_across_assessments(template):
    other = cl.load_template("palliatieve_zorgcoach")
    frames = [
        make(BEFORE),
        make(AFTER, datum=date(2025, 12, 1)),
        make({"bev-8": "wel"}, template="palliatieve_zorgcoach", proeftuin="Roermond"),
    ]
    table = cl.tidy(frames, {LTHE: template})
    assert len(table) == 3 * 17
    assert list(table.columns) == list(cl.TIDY_COLUMNS)
    assert "ingevuld_door" not in table.columns
    assert table.groupby("beoordeling").size().tolist() == [17, 17, 17]
    third = table[table.beoordeling == 2]
    assert set(third.item) == set(other.item_ids)
    assert third.set_index("item").loc["bev-8", "score"] == 1
    assert third.antwoord.isna().sum() == 16
    first = table[table.beoordeling == 0].set_index("item")
    assert first.loc["pl-2", "score"] == 0.5 and first.loc["mgmt-3", "opmerking"]
    assert "ingevuld_door" in cl.tidy(frames[:1], include_names=True).columns
    assert list(cl.tidy([]).columns) == list(cl.TIDY_COLUMNS)


# --- export ------------------------------------------------------------------------------


def _export_assessment() -> cl.ChecklistBeoordeling:
    answers = {
        **BEFORE,
        "inv-1": {"antwoord": "gedeeltelijk", "opmerking": '=HYPERLINK("x")'},
    }
    return make(answers, organisatie="Huisartsenpraktijk Zundert", ingevuld_door="Projectleider")


def _check_table(rows: list[list], template: cl.ChecklistTemplate) -> None:
    """The Bijlage 1 layout, read back as plain rows of cell values."""
    assert rows[0][0] == "Checklist algemene implementatie randvoorwaarden"
    meta = {row[0]: row[1] for row in rows[1:8] if row and row[0]}
    assert meta["Kansrijk project"] == "Leven tot het einde"
    assert meta["Proeftuin"] == "Zundert"
    assert meta["Organisatie"] == "Huisartsenpraktijk Zundert"
    assert meta["Ingevuld door"] == "Projectleider"
    assert meta["Checklist-versie"] == "leven_tot_het_einde (versie 1)"
    header = next(n for n, row in enumerate(rows) if row and row[0] == "Randvoorwaarde")
    assert rows[header][1] == "Voldoet" and rows[header][4] == "Opmerking"
    assert list(rows[header + 1][1:4]) == ["(nog) niet", "Gedeeltelijk", "Wel"]
    body = rows[header + 2 :]
    firsts = [row[0] for row in body]
    for section in template.sections:
        start = firsts.index(section.title)
        assert firsts[start + 1 : start + 1 + len(section.items)] == [
            item.text for item in section.items
        ]
    by_text = {row[0]: row for row in body}
    marks = {item.id: [bool(cell) for cell in by_text[item.text][1:4]] for item in template.items}
    assert marks["pl-1"] == [False, False, True]
    assert marks["pl-2"] == [False, True, False]
    assert marks["bev-1"] == [True, False, False]
    assert marks["mgmt-4"] == [False, False, False]  # not answered: no x
    answer_cells = [cell for item in template.items for cell in by_text[item.text][1:4]]
    assert set(answer_cells) == {"x", ""}
    assert by_text[template.item("pl-1").text][3] == "x"
    assert by_text[template.item("mgmt-3").text][4] == "alleen bij team Noord"
    assert by_text[template.item("mgmt-4").text][4] == "navragen"
    assert firsts[-1].startswith("* Deze tabel is gebaseerd")


def test_csv_export_in_bijlage_layout(template):
    text = to_csv(template, _export_assessment())
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert all(len(row) == 5 for row in rows)
    _check_table(rows, template)
    meta = {row[0]: row[1] for row in rows[1:8]}
    assert meta["Datum"] == "14-03-2025"
    inv = next(row for row in rows if row[0] == template.item("inv-1").text)
    assert inv[4] == '\'=HYPERLINK("x")'  # neutralised for spreadsheets
    comma = to_csv(template, _export_assessment(), delimiter=",")
    assert rows == list(csv.reader(io.StringIO(comma)))


def test_excel_export_in_bijlage_layout(template):
    book = load_workbook(io.BytesIO(to_excel(template, _export_assessment())))
    sheet = book.active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = [["" if cell is None else cell for cell in row] for row in rows]
    _check_table(rows, template)
    meta = {row[0]: row[1] for row in rows[1:8]}
    assert meta["Datum"] == datetime(2025, 3, 14)
    inv_row = next(n for n, row in enumerate(rows, 1) if row[0] == template.item("inv-1").text)
    comment = sheet.cell(inv_row, 5)
    assert comment.value == '=HYPERLINK("x")' and comment.data_type == "s"
    assert sheet.cell(1, 1).font.bold


def test_export_refuses_foreign_assessment(template):
    with pytest.raises(LevenError):
        to_csv(template, make({"zz-1": "wel"}))


# --- messages ----------------------------------------------------------------------------


def _keys(lang: str) -> set[str]:
    def walk(prefix: str, table: dict) -> set[str]:
        keys: set[str] = set()
        for name, value in table.items():
            key = f"{prefix}.{name}"
            keys |= walk(key, value) if isinstance(value, dict) else {key}
        return keys

    with message_file("checklist", lang).open("rb") as handle:
        return walk("checklist", tomllib.load(handle))


def test_catalogues_have_the_same_keys():
    assert _keys("nl") == _keys("en")


def test_english_export_headers_come_from_the_catalogue(template):
    set_language("en")
    rows = list(csv.reader(io.StringIO(to_csv(template, make({"pl-1": "wel"}))), delimiter=";"))
    assert ["Precondition", "Met", "", "", "Comment"] in rows
    assert ["", "(not yet) no", "Partly", "Yes", ""] in rows


# --- across proeftuinen ------------------------------------------------------------------


def _across() -> list[cl.ChecklistBeoordeling]:
    """Deliberately out of order: every table sorts by proeftuin and date."""
    return [
        make(AFTER, datum=date(2025, 12, 1)),
        make(
            {"pl-1": "niet", "bev-8": "gedeeltelijk"},
            template="palliatieve_zorgcoach",
            proeftuin="Roermond",
        ),
        make(BEFORE),
    ]


def test_overview_one_row_per_assessment_in_order():
    table = cl.overview(_across())
    assert list(table["proeftuin"]) == ["Roermond", "Zundert", "Zundert"]
    assert list(table["datum"]) == [date(2025, 3, 14), date(2025, 3, 14), date(2025, 12, 1)]
    assert table.loc[0, "project"] == "Transmurale 1,5 lijns palliatieve zorgcoach"
    assert list(table["beantwoord"]) == [2, 9, 10]
    assert table.loc[1, "gereedheid"] == pytest.approx(5.5 / 9)
    assert "ingevuld_door" not in table.columns
    assert cl.overview([]).empty


def test_section_readiness_and_latest_per_proeftuin():
    sections = cl.section_readiness(_across())
    assert len(sections) == 3 * 5
    titles = set(sections.loc[sections.sectie == "pl", "titel"])
    assert titles == {"Projectleider en project/kerngroep"}  # one title across variants
    wide = cl.latest_readiness(sections)
    assert list(wide.index) == ["Roermond", "Zundert"]
    assert list(wide.columns) == [
        "Projectleider en project/kerngroep",
        "Management",
        "Inzicht in noodzakelijke investeringen",
        "Bevorderende factoren",
        "Totaal",
    ]
    assert wide.loc["Zundert", "Totaal"] == pytest.approx(0.75)  # the December one
    assert wide.loc["Roermond", "Projectleider en project/kerngroep"] == 0
    assert wide.loc["Roermond", "Bevorderende factoren"] == 0.5
    assert math.isnan(wide.loc["Roermond", "Management"])
    assert cl.latest_readiness(cl.section_readiness([])).empty


def test_first_and_latest_only_with_two_assessments():
    table = cl.first_and_latest(cl.section_readiness(_across()))
    assert set(table["proeftuin"]) == {"Zundert"}
    row = table.set_index("sectie").loc["pl"]
    assert (row.datum_voor, row.datum_na) == (date(2025, 3, 14), date(2025, 12, 1))
    assert (row.gereedheid_voor, row.gereedheid_na) == pytest.approx((0.5, 2 / 3))
    total = table.set_index("sectie").loc["totaal"]
    assert total.verschil == pytest.approx(0.75 - 5.5 / 9)


def test_items_most_often_not_met():
    table = cl.items_not_met(_across())
    assert list(table.columns) == [
        "item",
        "tekst",
        "niet",
        "gedeeltelijk",
        "niet_voldaan",
        "beantwoord",
        "beoordelingen",
    ]
    top = table.set_index("item")
    assert top.loc["pl-3", "niet"] == 2 and top.loc["pl-3", "niet_voldaan"] == 2
    assert top.loc["pl-1", "niet_voldaan"] == 1 and top.loc["pl-1", "beoordelingen"] == 3
    assert top.loc["bev-8", "gedeeltelijk"] == 1 and top.loc["bev-8", "beoordelingen"] == 1
    assert list(table["niet_voldaan"]) == sorted(table["niet_voldaan"], reverse=True)
    # most not met first, then most "niet", then the order in which items first appear
    assert list(table["item"]) == [
        "pl-3",
        "bev-1",
        "bev-3",
        "pl-1",
        "pl-2",
        "mgmt-1",
        "mgmt-3",
        "bev-8",
        "mgmt-2",
        "mgmt-4",
        "mgmt-5",
        "mgmt-6",
        "inv-1",
        "bev-2",
        "bev-4",
        "bev-5",
        "bev-6",
        "bev-7",
    ]
    assert table.equals(cl.items_not_met(list(reversed(_across()))))


# --- export file names -------------------------------------------------------------------


def test_export_filename_is_slugified():
    from leven.checklist.export import export_filename
    from leven.core.slugs import slugify

    assert slugify("Sint-Oedenrode Één/../<x>", "checklist") == "sint-oedenrode-een-x"
    assert slugify("///", "checklist") == "checklist"
    assert len(slugify("a" * 100, "checklist")) == 40
    name = export_filename(make({}, proeftuin='Zundert "Noord"/..'), "xlsx")
    assert name == "checklist-zundert-noord-2025-03-14.xlsx"
    assert export_filename(make({}, proeftuin="", organisatie="Hospice"), "csv") == (
        "checklist-hospice-2025-03-14.csv"
    )


# --- example data ------------------------------------------------------------------------


def test_example_has_assessments_of_three_proeftuinen(example_store):
    versions = example_store.records(cl.ChecklistBeoordeling)
    by_id = {v.record_id: v.record for v in versions}
    assert {v.proeftuin for v in versions} == {"bergeijk", "oosterweide", "lindendal"}
    start, end = by_id["checklist-bergeijk-start"], by_id["checklist-bergeijk-transitie"]
    assert (start.datum, end.datum) == (date(2025, 1, 28), date(2026, 1, 20))
    assert len(example_store.history(cl.ChecklistBeoordeling, "checklist-bergeijk-start")) == 2
    template = cl.load_template(LTHE)
    before, after = cl.summary(template, start), cl.summary(template, end)
    assert after.loc["totaal", "gereedheid"] > before.loc["totaal", "gereedheid"] + 0.2
    assert {"gedeeltelijk", "niet"} <= {end.answer(i) for i in template.item_ids}
    assert by_id["checklist-lindendal-start"].template == "palliatieve_zorgcoach"
    assert by_id["checklist-oosterweide-start"].template == LTHE
    for record in by_id.values():
        cl.validate_against(cl.load_template(record.template), record)


def test_tidy_of_stored_versions_has_their_record_ids(example_store):
    versions = example_store.records(cl.ChecklistBeoordeling)
    table = cl.tidy(versions)
    assert set(table["record_id"]) == {v.record_id for v in versions}
    assert table["record_id"].notna().all()
    assert cl.tidy([v.record for v in versions])["record_id"].isna().all()
