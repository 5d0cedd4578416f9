"""Exports read back (CSV, Excel, SPSS, Stata, Parquet, the datapackage), and the
pseudonymised export leaves not one name, surname or e-mail address in any byte."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest
from frictionless import validate

from leven.collage import CollageNotitie
from leven.core import keys
from leven.core.dataset import load_dataset
from leven.core.errors import LevenError
from leven.core.export import ExportOptions, export_store, stata_names
from leven.core.pseudonymise import EMAIL as EMAIL_PATTERN
from leven.core.pseudonymise import NOT_NAMES, PARTICLES, Pseudonyms, collect, pseudonymise
from leven.core.pseudonymise import words as name_words
from leven.core.store import Store
from leven.core.web.cli import main
from leven.gas import GasScore
from leven.kernthema import Kernthema
from leven.kernthema.records import record_id as kernthema_id
from leven.proeftuin import Deelnemer

#: People with names found nowhere else, put where names hide: a deelnemer (with e-mail), a
#: saver, a scorer, a kerngroep list, free text with a surname alone, a phone number.
UNUSUAL = ("Xanthippe", "Quirijnsz-Wolterbeek", "Wolterbeek", "Ysolde", "Brakkenbergh",
           "Zebulon", "Oomkes", "Ottoline", "Vandersteenhoven")
EMAIL = "x.quirijnsz@zorgwerk-kempen.nl"
PHONE = "06-13572468"


def _add_unusual_people(store) -> None:
    store.save(Deelnemer(naam="Xanthippe Quirijnsz-Wolterbeek", organisatie="Zorgwerk Kempen",
                         email=EMAIL, kerngroep=True), proeftuin="bergeijk",
               saved_by="Ysolde Brakkenbergh")
    store.save(Deelnemer(naam="Ottoline Vandersteenhoven"), proeftuin="lindendal",
               saved_by="Ysolde Brakkenbergh")
    store.save(GasScore(doel_id="gas-doel-01", meting="vervolgmeting", datum=date(2025, 9, 1),
                        niveau=1, gescoord_door="Zebulon Oomkes",
                        toelichting=f"Wolterbeek belde ({PHONE}) en mailde {EMAIL}; "
                                    "Ysolde was het eens, Vandersteenhoven niet."),
               proeftuin="bergeijk", saved_by="Zebulon Oomkes")
    latest = store.latest(Kernthema, kernthema_id("bergeijk"))
    store.save(latest.record.model_copy(update={
        "wie": "Kerngroep: Xanthippe Quirijnsz-Wolterbeek, Zebulon Oomkes"}),
        proeftuin="bergeijk", record_id=kernthema_id("bergeijk"), saved_by="Zebulon Oomkes")
    store.save(CollageNotitie(titel="De brug", door="Ottoline en Ysolde",
                              tekst="Xanthippe tekende de brug; zie ysolde@zorgwerk-kempen.nl"),
               proeftuin="bergeijk", saved_by="Ysolde Brakkenbergh")


def _example_names(store) -> set[str]:
    """Every name of every person the pseudonymiser collects (deelnemers, and savers,
    scorers, fillers, interviewers who are none, e.g. "Hans Kuipers", "Wethouder Smits"):
    their full names and each of their names of three letters or more, not particles such as
    "van" nor the words for groups the pseudonymiser leaves ("kerngroep")."""
    people = collect(load_dataset(store), keys.project_secret(store)).people
    assert {"hans kuipers", "wethouder smits"} <= people  # savers who are no deelnemer
    names = {" ".join(name_words(p)) for p in people}
    names |= {w for p in people for w in name_words(p)
              if len(w) >= 3 and w not in PARTICLES | NOT_NAMES}
    return names


#: Excel's theme names the scripts its fonts are for (``<a:font script="Hans" .../>``: Han
#: Simplified): ISO 15924 codes, not people; only those attributes are left out of the scan.
THEME_SCRIPT = re.compile(rb'\sscript="[A-Z][a-z]{3}"')


def _texts(path: Path) -> list[str]:
    """The file's bytes as UTF-8 and Latin-1 text; zips (xlsx) member by member; Parquet
    (compressed pages) also as the values read back."""
    blobs = [path.read_bytes()]
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            blobs += [THEME_SCRIPT.sub(b"", archive.read(name))
                      if name.startswith("xl/theme/") else archive.read(name)
                      for name in archive.namelist()]
    texts = [b.decode(enc, errors="ignore") for b in blobs for enc in ("utf-8", "latin-1")]
    if path.suffix == ".parquet":
        texts.append(pq.read_table(path).to_pandas().to_csv())
    return texts


@pytest.fixture
def unusual_store(example_store):
    _add_unusual_people(example_store)
    return example_store


def test_the_pseudonymised_export_holds_no_name_surname_email_or_phone(unusual_store,
                                                                      tmp_path):
    out = tmp_path / "export"
    files = export_store(unusual_store, out, options=ExportOptions(shift_dates=True))
    kinds = {p.suffix for p in files}
    assert kinds == {".md", ".csv", ".json", ".xlsx", ".sav", ".dta", ".xpt", ".parquet"}
    words = [*UNUSUAL, *_example_names(unusual_store)]
    emails = {found for frame in load_dataset(unusual_store).frames().values()
              for column in frame.columns if frame[column].dtype == object
              for value in frame[column].dropna().astype(str)
              for found in EMAIL_PATTERN.findall(value)}
    assert EMAIL in emails
    for path in files:
        for text in _texts(path):
            for address in emails:
                assert address.lower() not in text.lower(), (address, path.name)
    for path in files:
        for text in _texts(path):
            for word in words:
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE), (
                    word, path.name)
            assert "zorgwerk-kempen.nl" not in text.replace("Zorgwerk Kempen", ""), path.name
            assert "13572468" not in text and "13 57 24 68" not in text, path.name


def test_a_person_has_one_code_in_every_export_and_text(unusual_store, tmp_path):
    first = export_store(unusual_store, tmp_path / "a", options=ExportOptions(formats=("csv",)))
    again = export_store(unusual_store, tmp_path / "b", options=ExportOptions(formats=("csv",)))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    code = Pseudonyms(keys.project_secret(unusual_store)).code("Zebulon Oomkes")
    assert re.fullmatch(r"P-[0-9A-F]{8}", code)
    scores = pd.read_csv(tmp_path / "a" / "csv" / "gas_score.csv")
    mine = scores[scores["gescoord_door"] == code]
    assert len(mine) == 1 and mine["saved_by"].tolist() == [code]
    text = mine["toelichting"].iloc[0]
    wolterbeek = Pseudonyms(keys.project_secret(unusual_store)).code(
        "Xanthippe Quirijnsz-Wolterbeek")
    assert text.startswith(f"{wolterbeek} belde ([telefoon]) en mailde [e-mail]")
    kernthema = pd.read_csv(tmp_path / "a" / "csv" / "kernthema.csv")
    bergeijk = kernthema[kernthema["record_id"] == kernthema_id("bergeijk")]
    assert bergeijk["wie"].tolist() == [f"Kerngroep: {wolterbeek}, {code}"]
    deelnemers = pd.read_csv(tmp_path / "a" / "csv" / "deelnemer.csv")
    assert "email" not in deelnemers and wolterbeek in set(deelnemers["naam"])


def test_the_secret_and_the_date_shift_are_made_once_and_kept(unusual_store, store):
    # the example's secret is fixed (stable notebooks); a store of one's own gets a random one
    assert keys.project_secret(unusual_store) == keys.EXAMPLE_SECRET.encode()
    secret = keys.project_secret(store)
    assert len(secret) == 64 and keys.project_secret(store) == secret
    assert keys.project_secret(Store(store.url)) == secret
    shift = keys.date_shift(unusual_store, "bergeijk")
    assert -364 <= shift <= -1 and keys.date_shift(unusual_store, "bergeijk") == shift
    data = load_dataset(unusual_store)
    other = collect(data, b"another secret")
    assert other.code("Zebulon Oomkes") != Pseudonyms(secret).code("Zebulon Oomkes")
    assert Pseudonyms(secret).code(" zebulon  OOMKES") == Pseudonyms(secret).code(
        "Zebulon Oomkes")


def test_shifted_dates_move_by_the_proeftuins_offset(unusual_store):
    from leven.core.pseudonymise import Options

    data = load_dataset(unusual_store, ["bergeijk"])
    moved = pseudonymise(data, b"s", Options(shifts={"bergeijk": -100}))
    before, after = data["gas_score"], moved["gas_score"]
    assert ((after["datum"] - before["datum"]).dt.days == -100).all()
    assert ((after["saved_at"] - before["saved_at"]).dt.days == -100).all()


def test_no_free_text_drops_the_free_text_columns_and_tables(unusual_store):
    from leven.core.pseudonymise import Options

    data = pseudonymise(load_dataset(unusual_store), b"s", Options(free_text=False))
    assert "toelichting" not in data["gas_score"] and "niveau" in data["gas_score"]
    assert "stakeholdergesprek_citaten" not in data.tables
    answers = data["evaluatie_antwoord_antwoorden"]["antwoorden"].dropna()
    assert len(answers) and answers.str.fullmatch(r"[\w.+-]{1,20}").all()


def test_the_exports_read_back(example_store, tmp_path):
    out = tmp_path / "x"
    export_store(example_store, out, options=ExportOptions(pseudonymise=False))
    data = load_dataset(example_store)
    # the datapackage is valid: types, enums, primary and foreign keys
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:5]
    # CSV round-trips: codes, ISO dates, no Python lists
    csv = pd.read_csv(out / "csv" / "deelnemer_dimensies.csv")
    assert csv.astype(str).values.tolist() == data["deelnemer_dimensies"].astype(
        str).values.tolist()
    scores = pd.read_csv(out / "csv" / "gas_score.csv", parse_dates=["datum"])
    assert scores["datum"].tolist() == data["gas_score"]["datum"].tolist()
    assert "[" not in (out / "csv" / "collage_notitie.csv").read_text(encoding="utf-8")
    # SPSS: numbers with value labels, variable labels from the catalogue
    frame, meta = pyreadstat.read_sav(out / "sav" / "deelnemer.sav")
    assert meta.variable_value_labels["domein"] == {1.0: "zorg", 2.0: "sociaal domein"}
    assert meta.column_names_to_labels["kerngroep"] == "Lid van de kerngroep"
    zorg = (data["deelnemer"]["domein"] == "zorg").sum()
    assert (frame["domein"] == 1).sum() == zorg
    frame, meta = pyreadstat.read_sav(out / "sav" / "gas_score.sav")
    assert meta.variable_value_labels["niveau"][-2.0] == "veel minder bereikt dan verwacht"
    assert frame["niveau"].tolist() == data["gas_score"]["niveau"].astype(float).tolist()
    # Stata: names of at most 32 characters, labels kept
    frame, meta = pyreadstat.read_dta(out / "dta" / "checklist_beoordeling_antwoorden.dta")
    assert all(len(name) <= 32 for name in meta.column_names)
    assert set(meta.variable_value_labels["antwoord"].values()) == {"(nog) niet",
                                                                  "gedeeltelijk", "wel"}
    # SAS transport: the values and the variable labels
    frame, meta = pyreadstat.read_xport(out / "xpt" / "gas_score.xpt")
    assert frame["niveau"].tolist() == data["gas_score"]["niveau"].astype(float).tolist()
    assert meta.column_names_to_labels["niveau"] == "Bereikt niveau"
    # Excel: the codebook and a sheet per table, times without a zone
    book = openpyxl.load_workbook(out / "leven.xlsx", read_only=True)
    assert book.sheetnames[0] == "codeboek"
    assert len(book.sheetnames) == len(data.tables) + 1
    assert all(len(name) <= 31 for name in book.sheetnames)
    sheet = book["gas_score"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    first = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
    saved = first[header.index("saved_at")]
    assert isinstance(saved, datetime) and saved.tzinfo is None
    expected = data["gas_score"]["saved_at"].iloc[0].tz_convert(UTC).replace(tzinfo=None)
    assert saved == expected
    # Parquet keeps the types
    parquet = pd.read_parquet(out / "parquet" / "deelnemer.parquet")
    assert isinstance(parquet["domein"].dtype, pd.CategoricalDtype)
    assert parquet["saved_at"].dt.tz is not None
    assert "codeboek.md" in {p.name for p in out.iterdir()}


def test_labels_replace_codes_in_csv(example_store, tmp_path):
    export_store(example_store, tmp_path, options=ExportOptions(formats=("csv",), labels=True))
    frame = pd.read_csv(tmp_path / "csv" / "deelnemer.csv")
    assert set(frame["domein"].dropna()) <= {"zorg", "sociaal domein"}
    assert "sociaal domein" in set(frame["domein"])
    assert validate(tmp_path / "datapackage.json").valid


@pytest.mark.parametrize("shift_dates", [False, True], ids=["pseudonymised", "shifted"])
def test_the_pseudonymised_and_the_shifted_packages_are_valid(example_store, tmp_path,
                                                              shift_dates):
    # the default export (people as codes, e-mail dropped) and --shift-dates: the package
    # describes what was written (no e-mail column, codes where names were, moved dates)
    export_store(example_store, tmp_path, options=ExportOptions(formats=("csv",),
                                                                shift_dates=shift_dates))
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:5]
    deelnemers = pd.read_csv(tmp_path / "csv" / "deelnemer.csv")
    assert "email" not in deelnemers and deelnemers["naam"].str.fullmatch(r"P-[0-9A-F]{8}").all()
    scores = pd.read_csv(tmp_path / "csv" / "gas_score.csv", parse_dates=["datum"])
    moved = scores["datum"].tolist() != load_dataset(example_store)["gas_score"]["datum"].tolist()
    assert moved == shift_dates


def test_stata_names_are_short_unique_and_plain():
    names = stata_names(["a" * 40, "a" * 40 + "b", "1e kolom", "ok"])
    assert all(len(n) <= 32 and re.fullmatch(r"[A-Za-z_]\w*", n) for n in names.values())
    assert len(set(names.values())) == 4 and names["ok"] == "ok"


def test_the_command_exports_and_says_what_it_did(example_file, tmp_path, capsys):
    out = tmp_path / "uit"
    example_file = Path(shutil.copy(example_file, tmp_path / "example.sqlite"))
    main(["export", "--data", str(example_file), "--out", str(out), "--format", "csv",
          "--proeftuin", "bergeijk"])
    assert "gepseudonimiseerd" in capsys.readouterr().out
    assert set(pd.read_csv(out / "csv" / "deelnemer.csv")["proeftuin"]) == {"bergeijk"}
    with pytest.raises(SystemExit) as refused:
        main(["export", "--data", str(example_file), "--out", str(out), "--proeftuin", "nergens"])
    assert "Onbekende proeftuin: nergens" in str(refused.value.code)
    with pytest.raises(SystemExit) as refused:
        main(["export", "--data", str(example_file), "--out", str(out), "--format", "sas"])
    assert "Onbekend formaat: sas" in str(refused.value.code)
    with pytest.raises(SystemExit) as refused:
        main(["export", "--data", str(tmp_path / "geen.sqlite"), "--out", str(out)])
    assert "Er is geen gegevensbestand" in str(refused.value.code)
    assert not (tmp_path / "geen.sqlite").exists()


@pytest.mark.parametrize("chosen", [["bergeijk", "lindendal"],
                                    ["bergeijk", "--proeftuin", "lindendal"]],
                         ids=["list", "repeated"])
def test_the_command_takes_proeftuinen_as_a_list_or_repeated(example_file, tmp_path, chosen):
    out = tmp_path / "uit"
    example_file = Path(shutil.copy(example_file, tmp_path / "example.sqlite"))
    main(["export", "--data", str(example_file), "--proeftuin", *chosen, "--out", str(out),
          "--format", "csv"])
    exported = pd.read_csv(out / "csv" / "organisatie.csv")
    assert set(exported["proeftuin"]) == {"bergeijk", "lindendal"}


def test_notebook_helpers_show_codes_for_people(example_store):
    from leven.core.pseudonymise import apply_roles, replace_names
    from leven.core.research import pseudonyms

    people = pseudonyms(example_store)
    frame = apply_roles(people, example_store.frame(Kernthema, history=True), "kernthema")
    anna = people.code("Anna de Vries")
    assert any(anna in str(wie) for wie in frame["wie"])
    assert not frame["saved_by"].str.contains("Marieke").any()
    assert "email" not in apply_roles(people, example_store.frame(Deelnemer), "deelnemer")
    texts = replace_names(people, pd.DataFrame({"t": ["mevrouw Jansen belde Anna de Vries"]}),
                          ["t"])
    assert texts["t"].iloc[0] == f"mevrouw {people.code('Marieke Jansen')} belde {anna}"


def test_without_pseudonymising_names_stay_and_free_text_can_still_go(unusual_store, tmp_path):
    options = ExportOptions(formats=("csv",), pseudonymise=False, free_text=False)
    export_store(unusual_store, tmp_path, options=options)
    deelnemers = pd.read_csv(tmp_path / "csv" / "deelnemer.csv")
    assert "Xanthippe Quirijnsz-Wolterbeek" in set(deelnemers["naam"])
    assert EMAIL in set(deelnemers["email"])
    assert "toelichting" not in pd.read_csv(tmp_path / "csv" / "gas_score.csv")
    assert "Niet gepseudonimiseerd" in (tmp_path / "codeboek.md").read_text(encoding="utf-8")


def test_english_labels_and_codebook(example_store, tmp_path):
    from leven.core import i18n

    i18n.set_language("en")
    try:
        export_store(example_store, tmp_path, options=ExportOptions(formats=("csv", "sav")))
    finally:
        i18n.set_language(None)
    _, meta = pyreadstat.read_sav(tmp_path / "sav" / "deelnemer.sav")
    assert meta.variable_value_labels["domein"] == {1.0: "care", 2.0: "social domain"}
    assert meta.column_names_to_labels["kerngroep"] == "Member of the core group"
    assert (tmp_path / "codeboek.md").read_text(encoding="utf-8").startswith(
        "# Codebook of the data")


def test_a_read_only_store_without_a_secret_says_why_it_cannot_pseudonymise(store, tmp_path):
    # (a file that cannot be written opens read_only: tests/core/test_store_read_only.py)
    store.save(Deelnemer(naam="Anna de Vries"), proeftuin="p")
    store.read_only = True
    with pytest.raises(LevenError) as refused:
        export_store(store, tmp_path / "uit")
    assert "projectsleutel" in str(refused.value)
    assert not (tmp_path / "uit" / "csv").exists()
    # without pseudonymising it exports, and a secret made later is kept
    export_store(store, tmp_path / "open", options=ExportOptions(formats=("csv",),
                                                                 pseudonymise=False))
    store.read_only = False
    assert keys.project_secret(store) == keys.project_secret(store)


def test_the_secret_is_kept_on_every_engine(store_url, tmp_path):
    first = Store(store_url)
    first.save(Deelnemer(naam="Zebulon Oomkes"), proeftuin="p")
    secret, shift = keys.project_secret(first), keys.date_shift(first, "p")
    other = Store(store_url)  # another process, the same database
    assert keys.project_secret(other) == secret and keys.date_shift(other, "p") == shift
    export_store(other, tmp_path, options=ExportOptions(formats=("csv",)))
    names = pd.read_csv(tmp_path / "csv" / "deelnemer.csv")["naam"].tolist()
    assert names == [Pseudonyms(secret).code("Zebulon Oomkes")]
    first.close()
    other.close()
