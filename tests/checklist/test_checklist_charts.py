"""Charts of the checklist: what they encode, checked through ``chart.to_dict()``."""

from __future__ import annotations

from datetime import date

import pytest

from leven import checklist as cl
from leven.checklist import charts as cc

LTHE = "leven_tot_het_einde"


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def make(answers: dict, template: str = LTHE, **fields) -> cl.ChecklistBeoordeling:
    base = {
        "template": template,
        "template_versie": 1,
        "proeftuin": "zundert",
        "ingevuld_door": "Kerngroep",
        "datum": date(2025, 3, 14),
    }
    return cl.ChecklistBeoordeling.model_validate({**base, **fields, "antwoorden": answers})


HALF = {"pl-1": "wel", "pl-2": "gedeeltelijk", "pl-3": "niet", "mgmt-1": "wel"}
AFTER = {**HALF, "pl-3": "wel", "inv-1": "gedeeltelijk", "mgmt-1": "gedeeltelijk"}


def values(spec: dict, part: dict | None = None) -> list[dict]:
    """The inline data rows of a chart (or of one layer of it)."""
    name = (part or spec)["data"]["name"]
    return spec["datasets"][name]


def test_profile_chart_stacks_shares_per_section_with_readiness():
    template = cl.load_template(LTHE)
    spec = cc.profile_chart(cl.summary(template, make(HALF))).to_dict()
    bars, text = spec["layer"]
    assert bars["mark"]["type"] == "bar" and text["mark"]["type"] == "text"
    enc = bars["encoding"]
    assert enc["x"]["field"] == "aandeel" and enc["x"]["stack"] == "zero"
    assert enc["y"]["field"] == "titel"
    assert enc["y"]["sort"] == [s.title for s in template.sections] + ["Totaal"]
    assert enc["color"]["field"] == "antwoord"
    assert enc["color"]["scale"]["domain"] == ["(nog) niet", "Gedeeltelijk", "Wel", "Onbeantwoord"]
    assert enc["order"]["field"] == "volgorde"
    rows = {(r["sectie"], r["antwoord"]): r["aandeel"] for r in values(spec, bars)}
    assert rows[("pl", "Wel")] == pytest.approx(1 / 3)
    assert rows[("pl", "(nog) niet")] == pytest.approx(1 / 3)
    assert rows[("mgmt", "Onbeantwoord")] == pytest.approx(5 / 6)
    assert rows[("inv", "Onbeantwoord")] == 1  # nothing answered: all grey, not "niet"
    assert sum(v for (s, _), v in rows.items() if s == "bev") == pytest.approx(1)
    labels = {r["sectie"]: r["label"] for r in values(spec, text)}
    assert labels["pl"] == "gereedheid 50%"
    assert labels["mgmt"] == "gereedheid 100%"
    assert labels["inv"] == "gereedheid –"
    assert labels["totaal"] == "gereedheid 62%"  # 2.5 of 4 answered
    assert spec["title"] == "Gereedheidsprofiel per sectie"


def test_comparison_chart_pairs_before_and_after_per_section():
    template = cl.load_template(LTHE)
    sections = cl.compare(template, make(HALF), make(AFTER)).sections
    spec = cc.comparison_chart(sections, "14-03-2025", "01-12-2025").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "gereedheid" and enc["x"]["scale"]["domain"] == [0, 1]
    assert enc["yOffset"]["field"] == "moment"
    assert enc["color"]["scale"]["domain"] == ["14-03-2025", "01-12-2025"]
    rows = {(r["titel"], r["moment"]): r["gereedheid"] for r in values(spec)}
    pl = "Projectleider en project/kerngroep"
    assert rows[(pl, "14-03-2025")] == pytest.approx(0.5)
    assert rows[(pl, "01-12-2025")] == pytest.approx(2.5 / 3)
    assert rows[("Inzicht in noodzakelijke investeringen", "01-12-2025")] == 0.5
    assert rows[("Management", "01-12-2025")] == 0.5


def _assessments() -> list[cl.ChecklistBeoordeling]:
    return [
        make(HALF, proeftuin="zundert", datum=date(2025, 1, 10)),
        make(AFTER, proeftuin="zundert", datum=date(2025, 12, 1)),
        make(
            {"pl-1": "niet", "bev-8": "wel"}, template="palliatieve_zorgcoach", proeftuin="roermond"
        ),
    ]


def test_proeftuinen_chart_is_a_grid_of_readiness():
    table = cl.latest_readiness(cl.section_readiness(_assessments()))
    spec = cc.proeftuinen_chart(table).to_dict()
    cells, text = spec["layer"]
    assert cells["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    enc = cells["encoding"]
    assert enc["x"]["field"] == "proeftuin" and enc["y"]["field"] == "titel"
    assert enc["x"]["sort"] == ["roermond", "zundert"]
    assert cells["encoding"]["color"]["field"] == "gereedheid"
    assert cells["encoding"]["color"]["type"] == "quantitative"
    rows = {(r["proeftuin"], r["titel"]): r for r in values(spec)}
    pl = "Projectleider en project/kerngroep"  # one title for both variants
    assert rows[("roermond", pl)]["gereedheid"] == 0
    assert rows[("zundert", pl)]["label"] == "83%"
    assert rows[("roermond", "Bevorderende factoren")]["label"] == "100%"
    assert rows[("roermond", "Management")]["label"] == "–"


def test_first_and_latest_chart_has_one_panel_per_proeftuin():
    frame = cl.first_and_latest(cl.section_readiness(_assessments()))
    spec = cc.first_and_latest_chart(frame).to_dict()
    assert spec["facet"]["row"]["field"] == "proeftuin"
    assert spec["spec"]["mark"]["type"] == "bar"
    rows = values(spec)
    assert {r["proeftuin"] for r in rows} == {"zundert"}  # roermond has one assessment
    pl = {r["moment"]: r["gereedheid"] for r in rows if r["titel"].startswith("Projectleider")}
    assert pl == {"eerste beoordeling": 0.5, "laatste beoordeling": pytest.approx(2.5 / 3)}


def test_the_apps_profile_and_comparison_take_their_box_width():
    template = cl.load_template(LTHE)
    summary = cl.summary(template, make(HALF))
    assert cc.profile_chart(summary).to_dict()["width"] == cc.CHART_WIDTH  # notebooks, report
    spec = cc.profile_chart(summary, width="container").to_dict()
    assert spec["width"] == "container"
    assert spec["usermeta"]["leven"]["maxWidth"] == cc.MAX_WIDTH
    assert "containerSize" in spec["layer"][0]["encoding"]["y"]["axis"]["labelLimit"]["expr"]
