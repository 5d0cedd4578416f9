"""An assessment as the filled-in Bijlage 1 table, as CSV or as an Excel workbook.

The layout follows the printed checklist, so a kerngroep can file or print it next to the
implementation plan: a title, header lines (proeftuin, organisation, who, when), the
two-row header "Randvoorwaarde | Voldoet: (nog) niet, Gedeeltelijk, Wel | Opmerking", then
per section a heading row followed by its items with an "x" in the chosen column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from leven.checklist import ANSWERS, ChecklistBeoordeling, ChecklistTemplate, validate_against
from leven.core.i18n import t
from leven.core.slugs import slugify

WIDTH = 5  # item text, three answer columns, comment
CSV_MEDIA_TYPE = "text/csv"
EXCEL_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RISKY = ("=", "+", "@", "\t", "\r")


@dataclass(frozen=True)
class _Row:
    kind: str  # title, project, meta, blank, header, subheader, section, item, note
    cells: tuple[Any, ...]


def _rows(
    template: ChecklistTemplate, assessment: ChecklistBeoordeling, proeftuin_name: str = ""
) -> list[_Row]:
    """The table once, for both formats, tagged so Excel can style it."""
    validate_against(template, assessment)
    mark = t("checklist.export.mark")
    version = t("checklist.export.template_value", name=template.name, version=template.version)
    rows = [
        _Row("title", (template.title,)),
        _Row("project", (t("checklist.export.project"), template.project)),
        _Row("meta", (t("checklist.export.proeftuin"), proeftuin_name or assessment.proeftuin)),
        _Row("meta", (t("checklist.export.organisatie"), assessment.organisatie)),
        _Row("meta", (t("checklist.export.ingevuld_door"), assessment.ingevuld_door)),
        _Row("date", (t("checklist.export.datum"), assessment.datum)),
        _Row("meta", (t("checklist.export.template"), version)),
        _Row("blank", ()),
        _Row(
            "header",
            (
                t("checklist.export.randvoorwaarde"),
                t("checklist.export.voldoet"),
                "",
                "",
                t("checklist.export.opmerking"),
            ),
        ),
        _Row("subheader", ("", *(t(f"checklist.answers.{code}") for code in ANSWERS), "")),
    ]
    for section in template.sections:
        rows.append(_Row("section", (section.title,)))
        for item in section.items:
            answer = assessment.answer(item.id)
            marks = tuple(mark if answer == code else "" for code in ANSWERS)
            rows.append(_Row("item", (item.text, *marks, assessment.comment(item.id))))
    if template.note:
        rows += [_Row("blank", ()), _Row("note", (template.note,))]
    return rows


def _padded(cells: tuple[Any, ...]) -> list[Any]:
    return list(cells) + [""] * (WIDTH - len(cells))


def _csv_safe(value: str) -> str:
    """Keep a spreadsheet from running a comment as a formula when it opens the CSV."""
    risky = value.startswith(_RISKY) or (value[1:2] not in ("", " ") and value.startswith("-"))
    return "'" + value if risky else value


def to_csv(
    template: ChecklistTemplate, assessment: ChecklistBeoordeling, *, delimiter: str = ";",
    proeftuin_name: str = "",
) -> str:
    """The filled-in table as CSV text.

    The delimiter defaults to ";" because Dutch-language Excel expects it; encode with
    ``utf-8-sig`` when writing a file for Excel so accented letters survive. Cells starting
    like a formula get a leading apostrophe, the spreadsheet convention for literal text.
    """
    date_format = t("checklist.export.date_format")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in _rows(template, assessment, proeftuin_name):
        cells = [
            value.strftime(date_format) if row.kind == "date" and i == 1 else _csv_safe(str(value))
            for i, value in enumerate(_padded(row.cells))
        ]
        writer.writerow(cells)
    return out.getvalue()


def to_excel(
    template: ChecklistTemplate, assessment: ChecklistBeoordeling, proeftuin_name: str = ""
) -> bytes:
    """The filled-in table as an ``.xlsx`` workbook (one sheet, printable, styled)."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("checklist.export.sheet")[:31]
    bold = Font(bold=True)
    shaded = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_row = 0
    for number, row in enumerate(_rows(template, assessment, proeftuin_name), 1):
        for column, value in enumerate(_padded(row.cells), 1):
            cell = sheet.cell(number, column)
            if value == "":
                continue
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if row.kind == "date" and column == 2:
                cell.number_format = "DD-MM-YYYY"
                cell.alignment = Alignment(horizontal="left")
            elif row.kind == "item":
                cell.alignment = wrap if column in (1, WIDTH) else centre
        if row.kind == "title":
            sheet.cell(number, 1).font = Font(bold=True, size=14)
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=WIDTH)
        elif row.kind in ("project", "meta", "date"):
            sheet.cell(number, 1).font = bold
        elif row.kind in ("header", "subheader"):
            header_row = header_row or number
            for column in range(1, WIDTH + 1):
                cell = sheet.cell(number, column)
                cell.font, cell.fill, cell.alignment = bold, shaded, centre
        elif row.kind == "section":
            sheet.cell(number, 1).font = bold
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=WIDTH)
        elif row.kind == "note":
            sheet.cell(number, 1).font = Font(italic=True)
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=WIDTH)
    sheet.merge_cells(start_row=header_row, start_column=1, end_row=header_row + 1, end_column=1)
    sheet.merge_cells(start_row=header_row, start_column=2, end_row=header_row, end_column=4)
    sheet.merge_cells(
        start_row=header_row, start_column=WIDTH, end_row=header_row + 1, end_column=WIDTH
    )
    sheet.freeze_panes = sheet.cell(header_row + 2, 1)
    for letter, width in zip("ABCDE", (70, 12, 13, 10, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_filename(assessment: ChecklistBeoordeling, extension: str) -> str:
    """``checklist-<proeftuin>-<datum>.<extension>``; typed text only ever enters slugified."""
    subject = slugify(assessment.proeftuin or assessment.organisatie, "proeftuin")
    return f"checklist-{subject}-{assessment.datum.isoformat()}.{slugify(extension, 'txt')}"
