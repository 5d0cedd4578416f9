"""The year: the Verbinding record, attendance per domain and the timeline (hand-made data
in, tables and chart specs out), and the example year of Bergeijk."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pydantic import ValidationError

from leven.core.example import load_example
from leven.core.records import field_messages
from leven.core.store import Store
from leven.jaar import Balk, Verbinding, attendance, presence, timeline
from leven.jaar.charts import attendance_chart, timeline_chart
from leven.proeftuin.records import Bijeenkomst, Deelnemer, Fase, Proeftuin
from leven.proeftuin.stages import Span, actual_spans, current_stage, planned_spans

PEOPLE = {
    "a": Deelnemer(naam="Anna", domein="zorg"),
    "b": Deelnemer(naam="Bart", domein="sociaal_domein"),
    "c": Deelnemer(naam="Cor", domein="sociaal_domein"),
    "d": Deelnemer(naam="Dirk"),  # no domain given
}
MEETINGS = {
    "start": Bijeenkomst(soort="startbijeenkomst", datum=date(2025, 2, 11),
                         aanwezig=("a", "b", "c", "d")),
    "werk": Bijeenkomst(soort="werkbijeenkomst", datum=date(2025, 5, 13), aanwezig=("b", "x")),
    "later": Bijeenkomst(soort="werkbijeenkomst", datum=date(2025, 9, 16)),  # nobody ticked
}


def test_a_verbinding_needs_what_and_who_in_dutch(dutch):
    with pytest.raises(ValidationError) as caught:
        Verbinding(wat="", wie="")
    assert set(field_messages(caught.value)) == {"wat", "wie"}
    agreed = Verbinding(wat="Casustafel", wie="Welzijn De Kempen", hoe_vaak="eens per zes weken",
                        eerste_datum="2026-03-03", bijeenkomst_id="")
    assert agreed.bijeenkomst_id is None and agreed.eerste_datum == date(2026, 3, 3)


def test_attendance_counts_each_meeting_per_domain():
    frame = attendance(MEETINGS, PEOPLE)
    counts = {(r.bijeenkomst_id, r.domein): r.aanwezig for r in frame.itertuples()}
    assert counts == {
        ("start", "zorg"): 1, ("start", "sociaal_domein"): 2, ("start", "onbekend"): 1,
        # "x" is no longer a deelnemer: counted, under onbekend
        ("werk", "zorg"): 0, ("werk", "sociaal_domein"): 1, ("werk", "onbekend"): 1,
    }
    assert list(frame["bijeenkomst_id"].unique()) == ["start", "werk"]  # by date, "later" out


def test_presence_says_who_came_how_often():
    table = presence(MEETINGS, PEOPLE)
    assert table[["naam", "aanwezig", "bijeenkomsten"]].values.tolist() == [
        ["Bart", 2, 2], ["Anna", 1, 2], ["Cor", 1, 2], ["Dirk", 1, 2]]


def test_the_attendance_chart_stacks_the_domains_per_meeting(dutch):
    spec = attendance_chart(attendance(MEETINGS, PEOPLE)).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["field"] == "aanwezig"
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert spec["encoding"]["x"]["sort"] == ["11-02-2025 · startbijeenkomst",
                                             "13-05-2025 · werkbijeenkomst"]
    assert spec["encoding"]["color"]["scale"]["domain"] == ["zorg", "sociaal domein",
                                                            "domein onbekend"]
    values = next(iter(spec["datasets"].values()))
    start_zorg = [v for v in values if v["bijeenkomst_id"] == "start" and v["domein"] == "zorg"]
    assert start_zorg[0]["aanwezig"] == 1 and start_zorg[0]["domeinnaam"] == "zorg"


START = date(2025, 2, 11)
TODAY = date(2025, 6, 1)


def _timeline() -> pd.DataFrame:
    planned = planned_spans(START)
    actual = actual_spans(MEETINGS.values(), TODAY)
    bars = [Balk("Casustafel", date(2025, 5, 20), None),
            Balk("Informatiepunt", date(2025, 3, 1), date(2025, 4, 30))]
    return timeline(planned, actual, MEETINGS, TODAY, bars,
                    [("Casustafel gaat door", date(2026, 3, 3))])


def test_the_timeline_has_planned_and_actual_spans_meetings_and_experiments():
    frame = _timeline()
    rows = {(r.rij, r.soort): (r.begin.date(), r.eind.date(), r.open)
            for r in frame.itertuples()}
    assert rows[("werkbijeenkomsten", "gepland")] == (date(2025, 2, 12), date(2025, 12, 11), False)
    # begun at the start, no transitie yet: open, drawn until today
    assert rows[("werkbijeenkomsten", "werkelijk")] == (START, TODAY, True)
    assert ("transitiebijeenkomst", "werkelijk") not in rows
    assert rows[("Casustafel", "experiment")] == (date(2025, 5, 20), TODAY, True)
    assert rows[("Informatiepunt", "experiment")] == (date(2025, 3, 1), date(2025, 4, 30), False)
    assert rows[("in_verbinding_blijven", "afspraak")] == (date(2026, 3, 3), date(2026, 3, 3),
                                                           False)
    meetings = frame[frame["rij"] == "bijeenkomsten"]
    assert meetings["soort"].tolist() == ["bijeenkomst", "bijeenkomst", "bijeenkomst_gepland"]
    order = frame.drop_duplicates("rij").sort_values("volgorde")["rij"].tolist()
    assert order == ["bijeenkomsten", *(f.value for f in Fase), "Casustafel", "Informatiepunt"]


def test_the_timeline_chart_layers_spans_meetings_and_today(dutch):
    spec = timeline_chart(_timeline(), TODAY).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "bar", "point", "point", "point", "point", "rule"]
    planned, actual, planned_day, actual_day, meetings, agreed, now = spec["layer"]
    assert agreed["mark"]["shape"] == "triangle-up"
    assert planned_day["mark"]["shape"] == actual_day["mark"]["shape"] == "square"
    values = next(v for v in spec["datasets"].values() if len(v) > 1)
    one_day = {(v["rij"], v["soort"]) for v in values if v["dag"]}
    assert {("startbijeenkomst", "gepland"), ("startbijeenkomst", "werkelijk")} <= one_day
    assert planned["encoding"]["x"]["field"] == "van"
    assert planned["encoding"]["x2"]["field"] == "tot"
    assert planned["encoding"]["y"]["sort"][:3] == ["Bijeenkomsten", "voorbereiding",
                                                   "stakeholdergesprekken"]
    assert planned["encoding"]["y"]["sort"][-2:] == ["Experiment: Casustafel",
                                                    "Experiment: Informatiepunt"]
    assert actual["mark"]["size"] < planned["mark"]["size"]  # actual drawn inside planned
    assert meetings["mark"]["shape"] == "diamond"
    assert spec["datasets"][now["data"]["name"]] == [{"van": "2025-06-01", "tekst": "Vandaag"}]
    legend = planned["encoding"]["color"]["scale"]["domain"]
    assert legend == ["gepland", "werkelijk", "experiment", "bijeenkomst", "bijeenkomst (gepland)",
                      "in verbinding blijven: eerste keer"]


@pytest.fixture(scope="module")
def example() -> Store:
    store = Store("sqlite://")
    load_example(store)
    return store


def test_bergeijk_has_its_whole_year_with_attendance_and_bestuurders(example):
    meetings = {v.record_id: v.record for v in example.records(Bijeenkomst, "bergeijk")}
    soorten = [b.soort.value for b in sorted(meetings.values(), key=lambda b: b.datum)]
    assert soorten == ["kerngroepoverleg", "kerngroepoverleg", "startbijeenkomst",
                       "kerngroepoverleg", "werkbijeenkomst", "werkbijeenkomst",
                       "werkbijeenkomst", "transitiebijeenkomst"]
    assert all(b.aanwezig for b in meetings.values())
    assert len(meetings["bijeenkomst-start"].bestuurders) == 3
    assert len(meetings["bijeenkomst-transitie"].bestuurders) == 4
    people = {v.record_id: v.record for v in example.records(Deelnemer, "bergeijk")}
    frame = attendance(meetings, people)
    start = frame[frame["bijeenkomst_id"] == "bijeenkomst-start"].set_index("domein")["aanwezig"]
    # all 15 invited; the apotheker (zorg) and the pastor (sociaal domein) were not there
    assert start.to_dict() == {"zorg": 6, "sociaal_domein": 7, "onbekend": 0}
    links = {(link.kind, link.record_id) for link in meetings["bijeenkomst-start"].gemaakt}
    assert ("netwerkkaart", "netwerkkaart-bergeijk-start") in links


def test_bergeijks_stages_on_dates_of_its_year(example):
    proeftuin = example.latest(Proeftuin, "bergeijk").record
    meetings = [v.record for v in example.records(Bijeenkomst, "bergeijk")]
    assert current_stage(proeftuin.startdatum, meetings, date(2024, 12, 20)) == (
        Fase.VOORBEREIDING)
    assert current_stage(proeftuin.startdatum, meetings, date(2025, 6, 1)) == (
        Fase.WERKBIJEENKOMSTEN)
    assert current_stage(proeftuin.startdatum, meetings, date(2026, 3, 1)) == (
        Fase.IN_VERBINDING_BLIJVEN)
    actual = actual_spans(meetings, date(2026, 3, 1))
    assert actual[Fase.VOORBEREIDING] == Span(date(2024, 12, 10), START)  # no gesprekken given
    verbinding = [v.record for v in example.records(Verbinding, "bergeijk")]
    assert any("casustafel" in v.wat.lower() and v.hoe_vaak == "eens per zes weken"
               for v in verbinding)
