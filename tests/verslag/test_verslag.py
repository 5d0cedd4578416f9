"""The year report: ``leven report`` on the example store, read back with html.parser.

Three reports are built once for the module (Bergeijk without and with names and photos,
Lindendal with little data): drawing the charts takes a few seconds each.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leven.core.settings import EXAMPLE_DIR
from leven.core.web.cli import main
from leven.proeftuin.records import Bestuurder, Deelnemer
from leven.verslag.analysis import Mensen, role, without_names
from leven.verslag.records import Keuze
from leven.verslag.views import SECTION_IDS, build_report

URL = re.compile(r"https?:", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


@dataclass
class Report:
    """What the parser found in one report."""

    sections: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> counts
    links: list[str] = field(default_factory=list)  # every src and href
    styles: list[str] = field(default_factory=list)  # <style> text and style attributes
    empty: dict[str, str] = field(default_factory=dict)  # id -> its "no data" sentence
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.report = Report()
        self.section: str | None = None
        self.depth = 0
        self.in_style = False
        self.in_empty = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href", "xlink:href"):
            if values.get(name):
                self.report.links.append(values[name] or "")
        if values.get("style"):
            self.report.styles.append(values["style"] or "")
        if tag == "style":
            self.in_style = True
        if tag == "section" and "deel" in (values.get("class") or ""):
            self.section, self.depth = values["id"], 0
            self.report.sections[self.section] = {"svg": 0, "img": 0}
        if self.section is not None:
            if tag == "section":
                self.depth += 1
            if tag in ("svg", "img"):
                self.report.sections[self.section][tag] += 1
            if tag == "p" and values.get("class") == "leeg":
                self.in_empty = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if tag == "p":
            self.in_empty = False
        if tag == "section" and self.section is not None:
            self.depth -= 1
            if self.depth == 0:
                self.section = None

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.report.styles.append(data)
        if self.in_empty and self.section:
            self.report.empty[self.section] = data.strip()


def parse(html: str) -> Report:
    parser = _Parser()
    parser.feed(html)
    parser.report.text = html
    return parser.report


@pytest.fixture(scope="module")
def reports(example_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("verslag")
    made = {}
    for name, proeftuin, extra in (("bergeijk", "bergeijk", []),
                                   ("namen", "bergeijk", ["--names", "--photos"]),
                                   ("lindendal", "lindendal", [])):
        out = folder / f"{name}.html"
        main(["report", "--data", str(example_file), "--proeftuin", proeftuin,
              "--out", str(out), *extra])
        made[name] = out.read_text(encoding="utf-8")
    return made


def _example_people() -> tuple[set[str], set[str]]:
    """The deelnemers' names and the savers' names of the example data (Bergeijk)."""
    names = {(e.get("versions") or [e])[-1]["payload"]["naam"] for e in
             json.loads((EXAMPLE_DIR / "deelnemers.json").read_text())["records"]
             if e["proeftuin"] == "bergeijk"}
    savers = set()
    for path in EXAMPLE_DIR.glob("*.json"):
        for entry in json.loads(path.read_text()).get("records", []):
            if entry["proeftuin"] == "bergeijk":
                savers |= {v.get("saved_by") for v in entry.get("versions") or [entry]}
    return names, {s for s in savers if s}


def test_every_section_with_a_chart_and_no_request(reports):
    report = parse(reports["bergeijk"])
    assert list(report.sections) == list(SECTION_IDS)
    for section, counts in report.sections.items():
        assert counts["svg"] >= 1, f"{section}: no inline chart"
    assert report.empty == {}
    assert report.links and all(link.startswith("#") for link in report.links), report.links
    assert not any(URL.search(link) for link in report.links)
    assert [u for s in report.styles for u in CSS_URL.findall(s) if URL.search(u)] == []
    assert "@media print" in reports["bergeijk"] and "size: A4" in reports["bergeijk"]
    assert "<script" not in reports["bergeijk"]


def test_no_names_by_default_and_names_when_asked(reports):
    deelnemers, savers = _example_people()
    assert len(deelnemers) == 15 and {"Marieke Jansen", "Petra van Dijk"} <= savers
    text = reports["bergeijk"]
    assert [n for n in deelnemers | savers if n in text] == []
    # bestuurders and names in free text: roles instead
    assert "Wethouder Smits" not in text and "Ria Aerts" not in text
    assert "wijkverpleegkundige, Thuiszorg Kempenland" in text  # the casustafel's coordinator
    assert "projectleider" in text  # Marieke Jansen keeps the kerngroep going
    named = reports["namen"]
    assert {"Anna de Vries", "Petra van Dijk", "Karim El Idrissi"} <= {
        n for n in deelnemers if n in named}
    assert "Marieke Jansen" in named and "Ria Aerts" in named


def test_photos_only_when_asked_and_as_data_uris(reports):
    assert parse(reports["bergeijk"]).sections["collage"]["img"] == 0
    report = parse(reports["namen"])
    assert report.sections["collage"]["img"] == 4  # four photos, one of them on two notes
    images = [link for link in report.links if not link.startswith("#")]
    assert len(images) == 4 and all(i.startswith("data:image/jpeg;base64,") for i in images)
    assert not any(URL.search(link) for link in report.links)


def test_a_proeftuin_with_little_data_says_what_is_missing(reports):
    """Lindendal: one meeting without attendance, one collage note, no evaluation, no
    agreements: the sections are there, with a sentence where a chart cannot be drawn."""
    report = parse(reports["lindendal"])
    assert list(report.sections) == list(SECTION_IDS)
    assert report.empty == {"evaluaties": "Er zijn nog geen evaluaties met antwoorden."}
    html = reports["lindendal"]
    assert "Bij geen enkele bijeenkomst is bijgehouden wie er was." in html
    assert "Er zijn nog geen afspraken vastgelegd over in verbinding blijven." in html
    assert "Er zijn te weinig woorden om zorg en sociaal domein te vergelijken." in html
    charted = {s for s, counts in report.sections.items() if counts["svg"]}
    assert charted == set(SECTION_IDS) - {"bijeenkomsten", "collage", "evaluaties"}


def test_a_new_proeftuin_gives_a_report_of_sentences(store):
    from leven.proeftuin.records import Proeftuin

    store.save(Proeftuin(naam="Proeftuin Nieuwdorp", gemeente="Nieuwdorp",
                         startdatum=date(2026, 9, 1)), proeftuin="nieuwdorp",
               record_id="nieuwdorp")
    report = parse(build_report(store, Keuze(proeftuin="nieuwdorp",
                                             vandaag=date(2026, 9, 2))))
    assert list(report.sections) == list(SECTION_IDS)
    assert set(report.empty) == set(SECTION_IDS) - {"tijdlijn"}
    assert report.empty["kernthema"] == "Er is nog geen kernthema vastgelegd."
    assert report.empty["experimenten"] == (
        "Er zijn nog geen experimenten of GAS-doelen vastgelegd.")
    assert report.sections["tijdlijn"]["svg"] == 1  # the plan of the seven stages
    assert "de tijdlijn toont alleen de planning" in report.text


def test_the_timeline_marks_the_first_dates_of_staying_connected(store, monkeypatch):
    """As on the year page: each agreement's first date is a mark on the row of "in
    verbinding blijven", named by its first line, people in it by their role."""
    from leven.jaar.records import Verbinding
    from leven.proeftuin.records import Proeftuin
    from leven.verslag.views import jaar
    from leven.verslag.views.bron import Bron

    store.save(Proeftuin(naam="Proeftuin Nieuwdorp", gemeente="Nieuwdorp",
                         startdatum=date(2026, 9, 1)), proeftuin="nieuwdorp",
               record_id="nieuwdorp")
    store.save(KARIM, proeftuin="nieuwdorp", record_id="karim")
    store.save(Verbinding(wat="Karim El Idrissi houdt de casustafel gaande\nelke zes weken",
                          wie="Welzijn De Kempen", eerste_datum=date(2027, 9, 7)),
               proeftuin="nieuwdorp")
    store.save(Verbinding(wat="Nog geen datum", wie="De kerngroep"), proeftuin="nieuwdorp")
    drawn = []
    real = jaar.timeline_chart
    monkeypatch.setattr(jaar, "timeline_chart",
                        lambda frame, today: drawn.append(frame) or real(frame, today))

    def marks(**keuze: object) -> list[tuple]:
        section = jaar.tijdlijn(Bron.read(store, Keuze(proeftuin="nieuwdorp",
                                                       vandaag=date(2026, 9, 2), **keuze)))
        assert "<svg" in section.body
        assert "de tijdlijn toont alleen de planning" not in section.body
        frame = drawn.pop()
        agreed = frame[frame["soort"] == "afspraak"]
        return [(r.rij, r.begin.date(), r.label) for r in agreed.itertuples()]

    assert marks() == [("in_verbinding_blijven", date(2027, 9, 7),
                        "Welzijn De Kempen houdt de casustafel gaande")]
    assert marks(namen=True) == [("in_verbinding_blijven", date(2027, 9, 7),
                                  "Karim El Idrissi houdt de casustafel gaande")]


def test_an_unknown_proeftuin_is_refused_plainly(example_file, tmp_path):
    with pytest.raises(SystemExit) as refused:
        main(["report", "--data", str(example_file), "--proeftuin", "atlantis",
              "--out", str(tmp_path / "x.html")])
    assert "atlantis" in str(refused.value) and "bergeijk" in str(refused.value)
    assert not (tmp_path / "x.html").exists()


def test_english_when_asked(store):
    from leven.proeftuin.records import Proeftuin

    store.save(Proeftuin(naam="Proeftuin Newtown", gemeente="Newtown",
                         startdatum=date(2026, 9, 1)), proeftuin="newtown", record_id="newtown")
    html = build_report(store, Keuze(proeftuin="newtown", lang="en", vandaag=date(2026, 9, 2)))
    assert '<html lang="en">' in html and "Year report Proeftuin Newtown" in html
    assert "There are no evaluations with answers yet." in html
    assert "Timeline of the year" in html and "Jaarverslag" not in html


# --- people by role (pure) -------------------------------------------------------------

ANNA = Deelnemer(naam="Anna de Vries", functie="huisarts", organisatie="De Linde")
KARIM = Deelnemer(naam="Karim El Idrissi", organisatie="Welzijn De Kempen")


def test_people_appear_by_function_and_organisation():
    mensen = Mensen({"d1": ANNA, "d2": KARIM}, projectleider="Marieke Jansen",
                    bestuurders=[Bestuurder(naam="Ria Aerts", functie="bestuurder",
                                            organisatie="Thuiszorg")],
                    others=["Hans Kuipers"])
    assert mensen.deelnemer("d1") == "huisarts, De Linde"
    assert mensen.deelnemer("d2") == "Welzijn De Kempen"
    assert mensen.short("d1") == "huisarts"
    assert mensen.person("Marieke Jansen") == "projectleider"
    assert mensen.person("Hans Kuipers") == "iemand"
    assert mensen.text("Kerngroep: Anna de Vries en Karim El Idrissi") == (
        "Kerngroep: huisarts, De Linde en Welzijn De Kempen")
    assert mensen.text("Ria Aerts en dokter Vries") == (
        "bestuurder, Thuiszorg en dokter huisarts, De Linde")
    unchanged = "Deelnemers van de startbijeenkomst"
    assert mensen.text(unchanged) == unchanged


def test_names_when_asked_and_the_word_filter():
    mensen = Mensen({"d1": ANNA}, names=True)
    assert mensen.deelnemer("d1") == "Anna de Vries"
    assert mensen.text("Anna de Vries belt") == "Anna de Vries belt"
    assert mensen.name_parts() == set()
    anonymous = Mensen({"d1": ANNA})
    assert {"anna de vries", "anna", "vries"} <= anonymous.name_parts()
    import pandas as pd

    words = pd.DataFrame({"woord": ["Anna", "buurt", "vries"]})
    assert without_names(words, anonymous.name_parts())["woord"].tolist() == ["buurt"]
    assert role(" huisarts ", "") == "huisarts" and role("", "") == ""
