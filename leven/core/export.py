"""Exports of the dataset in the formats researchers use, with its codebook.

``leven export`` writes into one folder: ``csv/`` (one file per table) described by a
Frictionless ``datapackage.json`` (a table schema per file, keys between the tables),
``codeboek.md``, and on request ``leven.xlsx`` (a sheet per table and the codebook), ``sav/``
(SPSS) and ``dta/`` (Stata) with variable and value labels, ``xpt/`` (SAS transport) and
``parquet/``. Choices are
codes (``sociaal_domein``) or, with ``labels``, their labels; in SPSS and Stata they are
numbers with value labels. Times are UTC (in Excel, SPSS and Stata without a zone, since
those cannot keep one). Pseudonymised by default (:mod:`leven.core.pseudonymise`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from leven.core import i18n, keys
from leven.core.codebook import Variable, codebook_frame, describe, markdown
from leven.core.dataset import Dataset, Table, load_dataset
from leven.core.errors import LevenError
from leven.core.pseudonymise import Options, pseudonymise
from leven.core.store import Store

FORMATS: tuple[str, ...] = ("csv", "xlsx", "sav", "dta", "xpt", "parquet")
STATA_NAME_MAX, STATA_LABEL_MAX, SHEET_NAME_MAX = 32, 80, 31


@dataclass(frozen=True)
class ExportOptions:
    """What to write, and how (the options of ``leven export``)."""

    formats: tuple[str, ...] = FORMATS
    pseudonymise: bool = True
    labels: bool = False
    shift_dates: bool = False
    free_text: bool = True


def notes(options: ExportOptions) -> list[str]:
    """What the codebook says first: pseudonymised or not, shifted, free text, labels."""
    found = [i18n.t("codebook.doc.pseudonymised" if options.pseudonymise
                    else "codebook.doc.not_pseudonymised")]
    if options.shift_dates:
        found.append(i18n.t("codebook.doc.shifted"))
    if not options.free_text:
        found.append(i18n.t("codebook.doc.no_free_text"))
    if options.labels:
        found.append(i18n.t("codebook.doc.labels"))
    return found


def _labelled(frame: pd.DataFrame, found: Sequence[Variable]) -> pd.DataFrame:
    """Categories as their labels in the language in force."""
    frame = frame.copy()
    english = i18n.language() == "en"
    for v in found:
        if v.values and isinstance(frame[v.name].dtype, pd.CategoricalDtype):
            names = {code: (en if english else nl) for code, (nl, en) in v.values.items()}
            frame[v.name] = frame[v.name].cat.rename_categories(
                lambda code, names=names: names.get(str(code), code))
    return frame


def _iso(frame: pd.DataFrame, found: Sequence[Variable]) -> pd.DataFrame:
    """Dates and times as ISO text (times in UTC with a Z), booleans as true/false."""
    frame = frame.copy()
    for v in found:
        column = frame[v.name]
        if v.type == "date":
            frame[v.name] = column.dt.strftime("%Y-%m-%d")
        elif v.type == "datetime":
            frame[v.name] = column.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        elif v.type == "boolean":
            frame[v.name] = column.map({True: "true", False: "false"})
    return frame


def _naive(frame: pd.DataFrame) -> pd.DataFrame:
    """Times with a zone as naive UTC (Excel, SPSS and Stata cannot keep the zone)."""
    frame = frame.copy()
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.DatetimeTZDtype):
            frame[name] = frame[name].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame


def schema(table: Table, found: Sequence[Variable], parents: set[str]) -> dict:
    """The Frictionless table schema of one table."""
    fields = []
    for v in found:
        item = {"name": v.name, "type": v.type, "title": v.label,
                "description": "; ".join(x for x in (v.unit,) if x)}
        if v.values and v.type == "string":
            item["constraints"] = {"enum": list(table.frame[v.name].cat.categories.astype(str))}
        fields.append({k: value for k, value in item.items() if value != ""})
    descriptor: dict = {"fields": fields, "primaryKey": list(table.key)}
    if table.parent and table.parent in parents:
        descriptor["foreignKeys"] = [{"fields": ["record_id"], "reference": {
            "resource": table.parent, "fields": ["record_id"]}}]
    return descriptor


def write_csv(dataset: Dataset, out: Path, labels: bool = False) -> list[Path]:
    """``csv/<table>.csv`` (UTF-8) and ``datapackage.json`` describing them."""
    folder = out / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    resources, written = [], []
    for name, table in dataset.tables.items():
        found = describe(table)
        frame = _labelled(table.frame, found) if labels else table.frame
        path = folder / f"{name}.csv"
        _iso(frame, found).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
        resources.append({"name": name, "path": f"csv/{name}.csv", "format": "csv",
                          "profile": "tabular-data-resource", "encoding": "utf-8",
                          "schema": schema(replace(table, frame=frame), found,
                                           set(dataset.tables))})
    package = {"name": "leven", "title": i18n.t("codebook.doc.title"),
               "profile": "tabular-data-package", "resources": resources}
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return [*written, path]


def _sheet_names(names: Sequence[str]) -> dict[str, str]:
    taken: dict[str, str] = {}
    for name in names:
        base = name[:SHEET_NAME_MAX]
        sheet, number = base, 2
        while sheet in taken.values():
            sheet = f"{base[:SHEET_NAME_MAX - len(str(number)) - 1]}~{number}"
            number += 1
        taken[name] = sheet
    return taken


def write_excel(dataset: Dataset, path: Path, labels: bool = False,
                codebook: pd.DataFrame | None = None) -> Path:
    """One sheet per table (names cut to Excel's 31 characters) after the codebook sheet."""
    sheets = _sheet_names(list(dataset.tables))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        if codebook is not None:
            codebook.to_excel(writer, sheet_name="codeboek", index=False)
        for name, table in dataset.tables.items():
            frame = _labelled(table.frame, describe(table)) if labels else table.frame
            frame = _naive(frame)
            for column in frame.columns:  # nullable types as plain cells
                if isinstance(frame[column].dtype, pd.CategoricalDtype):
                    frame[column] = frame[column].astype(object)
            frame.to_excel(writer, sheet_name=sheets[name], index=False)
    return path


def stata_names(columns: Sequence[str]) -> dict[str, str]:
    """Stata variable names: letters, digits and _, at most 32 characters, unique."""
    names: dict[str, str] = {}
    for column in columns:
        base = re.sub(r"\W", "_", column, flags=re.ASCII)
        base = base if re.match(r"[A-Za-z_]", base) else f"v_{base}"
        name, number = base[:STATA_NAME_MAX], 2
        while name in names.values():
            suffix = f"_{number}"
            name, number = base[:STATA_NAME_MAX - len(suffix)] + suffix, number + 1
        names[column] = name
    return names


def _for_readstat(table: Table, found: Sequence[Variable]) -> tuple[pd.DataFrame, dict, dict]:
    """Numbers with value labels for categories, floats for nullable numbers, text as text."""
    frame = _naive(table.frame)
    value_labels: dict[str, dict[float, str]] = {}
    english = i18n.language() == "en"
    for v in found:
        column = frame[v.name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            categories = [str(c) for c in column.cat.categories]
            codes = column.cat.codes.astype(float).where(column.cat.codes >= 0) + 1
            frame[v.name] = codes
            value_labels[v.name] = {
                float(i): (v.values.get(c, (c, c))[1 if english else 0])
                for i, c in enumerate(categories, start=1)}
        elif v.values:  # numbers with labelled values (GAS levels)
            frame[v.name] = pd.to_numeric(column).astype(float)
            value_labels[v.name] = {float(code): (en if english else nl)
                                    for code, (nl, en) in v.values.items()}
        elif v.type in ("integer", "number", "boolean"):
            frame[v.name] = pd.to_numeric(column.astype("Float64"), errors="coerce").astype(float)
        elif v.type == "string":
            frame[v.name] = column.astype(object).where(column.notna(), "").astype(str)
    variable_labels = {v.name: v.label[:STATA_LABEL_MAX] for v in found}
    return frame, variable_labels, value_labels


def write_readstat(dataset: Dataset, out: Path, kind: str) -> list[Path]:
    """``sav/<table>.sav`` (SPSS) or ``dta/<table>.dta`` (Stata) with all labels, or
    ``xpt/<table>.xpt`` (SAS transport, version 8: variable labels; the value labels of the
    codes are in the codebook, since SAS keeps them in a format catalogue of its own)."""
    import pyreadstat

    folder = out / kind
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in dataset.tables.items():
        found = describe(table)
        frame, variable_labels, value_labels = _for_readstat(table, found)
        if kind in ("dta", "xpt"):
            rename = stata_names(list(frame.columns))
            frame = frame.rename(columns=rename)
            variable_labels = {rename[k]: v for k, v in variable_labels.items()}
            value_labels = {rename[k]: v for k, v in value_labels.items()}
            path = folder / f"{stata_names([name])[name]}.{kind}"
            if kind == "xpt":
                pyreadstat.write_xport(frame, path, file_label=name[:STATA_LABEL_MAX],
                                       column_labels=variable_labels, file_format_version=8,
                                       table_name=stata_names([name])[name])
            else:
                pyreadstat.write_dta(frame, path, file_label=name[:STATA_LABEL_MAX],
                                     column_labels=variable_labels,
                                     variable_value_labels=value_labels)
        else:
            path = folder / f"{name}.sav"
            pyreadstat.write_sav(frame, path, file_label=name, column_labels=variable_labels,
                                 variable_value_labels=value_labels)
        written.append(path)
    return written


def write_parquet(dataset: Dataset, out: Path) -> list[Path]:
    """``parquet/<table>.parquet``: typed columns (dates, categories, UTC times) as they are."""
    folder = out / "parquet"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in dataset.tables.items():
        path = folder / f"{name}.parquet"
        table.frame.to_parquet(path, index=False, engine="pyarrow")
        written.append(path)
    return written


def write_export(dataset: Dataset, out: Path, options: ExportOptions) -> list[Path]:
    """Every chosen format of ``dataset`` and the codebook into ``out``; the files written."""
    unknown = set(options.formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats {sorted(unknown)}; choose from {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    said = notes(options)
    book = out / "codeboek.md"
    book.write_text(markdown(dataset, said), encoding="utf-8")
    written = [book]
    if "csv" in options.formats:
        written += write_csv(dataset, out, options.labels)
    if "xlsx" in options.formats:
        found = [v for t in dataset.tables.values() for v in describe(t)]
        written.append(write_excel(dataset, out / "leven.xlsx", options.labels,
                                   codebook_frame(found)))
    for kind in ("sav", "dta", "xpt"):
        if kind in options.formats:
            written += write_readstat(dataset, out, kind)
    if "parquet" in options.formats:
        written += write_parquet(dataset, out)
    return written


def export_dataset(store: Store, proeftuinen: Sequence[str] | None = None,
                   options: ExportOptions | None = None) -> Dataset:
    """The dataset of ``store`` as it will be exported: pseudonymised unless asked not to."""
    options = options or ExportOptions()
    dataset = load_dataset(store, proeftuinen or None)
    if not options.pseudonymise and options.free_text and not options.shift_dates:
        return dataset
    chosen = proeftuinen or store.proeftuinen()
    shifts = {p: keys.date_shift(store, p) for p in chosen} if options.shift_dates else {}
    secret = keys.project_secret(store) if options.pseudonymise else b""
    return pseudonymise(dataset, secret, Options(people=options.pseudonymise,
                                                 free_text=options.free_text, shifts=shifts))


def export_store(store: Store, out: Path, proeftuinen: Sequence[str] | None = None,
                 options: ExportOptions | None = None) -> list[Path]:
    """``leven export``: the store's dataset, pseudonymised by default, in ``out``."""
    options = options or ExportOptions()
    return write_export(export_dataset(store, proeftuinen, options), out, options)


def export_command(args: object) -> str:
    """``leven export`` (arguments of :mod:`leven.core.web.cli`): what it says at the end."""
    from leven.core.provenance import existing_store
    from leven.core.settings import database_url, sqlite_url

    data = getattr(args, "data", None)
    url = (data if "://" in data else sqlite_url(Path(data))) if data else database_url()
    if getattr(args, "lang", None):
        i18n.set_language(args.lang)
    formats = tuple(f.strip() for f in str(args.format).split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        return i18n.t("codebook.export.unknown_format", formats=", ".join(unknown),
                      choices=",".join(FORMATS))
    options = ExportOptions(formats=formats, pseudonymise=args.pseudonymise,
                            labels=args.labels, shift_dates=args.shift_dates,
                            free_text=args.free_text)
    try:
        store = existing_store(url)
    except LevenError as error:
        return str(error)
    try:
        known = store.proeftuinen()
        missing = [p for p in args.proeftuin or () if p not in known]
        if missing:
            return i18n.t("codebook.export.unknown_proeftuin", proeftuinen=", ".join(missing),
                          known=", ".join(known))
        written = export_store(store, Path(args.out), args.proeftuin, options)
    except LevenError as error:
        return str(error)
    finally:
        store.close()
    how = "pseudonymised" if options.pseudonymise else "not_pseudonymised"
    print(i18n.t("codebook.export.written", files=len(written), out=args.out,
                 how=i18n.t(f"codebook.export.{how}")))
    return ""


def export_zip(store: Store, proeftuinen: Sequence[str] | None = None,
               options: ExportOptions | None = None) -> bytes:
    """The export as one zip (the start page's download): pseudonymised unless told not to."""
    import tempfile
    import zipfile
    from io import BytesIO

    buffer = BytesIO()
    with tempfile.TemporaryDirectory(prefix="leven-export-") as folder:
        root = Path(folder)
        written = export_store(store, root, proeftuinen, options)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(written):
                archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()
