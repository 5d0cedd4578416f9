"""The layouts and the charts: data in, spec out, the same spec twice (checked as dicts)."""

from __future__ import annotations

import math

import pytest

from leven.netwerkkaart import Actor, Band
from leven.netwerkkaart.analysis import positions, ring_positions, spring_positions
from leven.netwerkkaart.charts import before_after_chart, network_chart

pytestmark = pytest.mark.usefixtures("dutch")

ACTORS = [
    Actor("a", "Anna", domein="zorg", dimensies=("lichamelijk", "psychisch")),
    Actor("b", "Bart", domein="sociaal_domein", dimensies=("lichamelijk",)),
    Actor("g", "Gerda", domein="sociaal_domein", dimensies=("spiritueel",),
          betrokkenheid="vrijwilliger"),
    Actor("o", "Welzijn", "organisatie", "sociaal_domein", ("sociaal",)),
    Actor("x", "Xander"),
]
VOOR = [Band(van="a", naar="b")]
NA = [Band(van="a", naar="b"), Band(van="g", naar="a", soort="werkt_samen")]


def _angle(point: tuple[float, float]) -> float:
    return math.atan2(point[1], point[0]) % (2 * math.pi)


def test_the_ring_puts_each_actor_in_the_half_sector_of_its_first_dimension_and_domain():
    placed = ring_positions(ACTORS)
    assert 0 < _angle(placed["a"]) < math.pi / 4  # lichamelijk, zorg half
    assert math.pi / 4 < _angle(placed["b"]) < math.pi / 2  # lichamelijk, sociaal half
    # counter-clockwise: psychisch upper left, sociaal lower left, spiritueel lower right
    assert math.pi + math.pi / 4 < _angle(placed["o"]) < 3 * math.pi / 2  # sociaal, sociaal
    assert 3 * math.pi / 2 + math.pi / 4 < _angle(placed["g"]) < 2 * math.pi  # spiritueel
    assert math.hypot(*placed["x"]) < 0.3  # no dimension: the centre


def test_spring_is_the_same_every_time_and_puts_the_unconnected_in_a_row_below():
    first, second = spring_positions(NA, ACTORS), spring_positions(NA, ACTORS)
    assert first == second
    assert set(first) == {"a", "b", "g", "o", "x"}
    assert first["o"][1] < -1 and first["x"][1] < -1
    assert all(-1 <= x <= 1 and -0.8 <= y <= 1 for n, (x, y) in first.items() if n in "abg")


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError):
        positions("cirkel", NA, ACTORS)


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _data(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_the_network_chart_draws_ties_as_lines_and_actors_by_domain_and_role():
    spec = network_chart(NA, ACTORS, layout="ring").to_dict()
    assert spec == network_chart(NA, ACTORS, layout="ring").to_dict()
    marks = [layer["mark"]["type"] for layer in _layers(spec)]
    assert marks == ["line", "text", "line", "point", *["text"] * 4]  # cross, sectors, ties, ...
    right, left, up, down = _layers(spec)[4:]  # names run away from the centre
    assert (right["mark"]["align"], left["mark"]["align"]) == ("left", "right")
    assert right["mark"]["dx"] > 0 > left["mark"]["dx"]
    assert (up["mark"]["align"], down["mark"]["align"]) == ("center", "center")
    assert up["mark"]["dy"] < 0 < down["mark"]["dy"]
    # every actor's name is drawn exactly once: the four filters split the plane
    names = {r["id"]: (r["x"], r["y"]) for r in _data(spec, _layers(spec)[3])}
    upright = [abs(y) > 0.7 * (x * x + y * y) ** 0.5 for x, y in names.values()]
    sides = [(not u and x >= 0, not u and x < 0, u and y >= 0, u and y < 0)
             for u, (x, y) in zip(upright, names.values(), strict=True)]
    assert all(sum(side) == 1 for side in sides)
    ties, points = _layers(spec)[2], _layers(spec)[3]
    assert ties["encoding"]["detail"]["field"] == "band"
    assert len(_data(spec, ties)) == 4  # two rows (ends) per tie
    assert points["encoding"]["color"]["field"] == "domein"
    assert points["encoding"]["shape"]["field"] == "rol"
    shapes = dict(zip(points["encoding"]["shape"]["scale"]["domain"],
                      points["encoding"]["shape"]["scale"]["range"], strict=True))
    assert shapes == {"Professional": "circle", "Vrijwilliger": "triangle-up",
                      "Organisatie": "square"}
    rows = {r["id"]: r for r in _data(spec, points)}
    assert (rows["g"]["rol"], rows["o"]["rol"], rows["x"]["domein"]) == (
        "Vrijwilliger", "Organisatie", "Domein niet opgegeven")
    sectors = [r["tekst"] for r in _data(spec, _layers(spec)[1])]
    assert sectors == ["Lichamelijk", "Psychisch", "Sociaal", "Zingeving"]


def test_the_spring_chart_has_no_ring():
    spec = network_chart(NA, ACTORS, layout="spring").to_dict()
    assert [layer["mark"]["type"] for layer in _layers(spec)] == ["line", "point", *["text"] * 4]


def test_before_and_after_side_by_side_with_only_the_new_tie_highlighted():
    chart = before_after_chart(VOOR, NA, ACTORS, titles=("Start", "Transitie"))
    spec = chart.to_dict()
    assert spec == before_after_chart(VOOR, NA, ACTORS, titles=("Start", "Transitie")).to_dict()
    left, right = spec["hconcat"]
    assert (left["title"], right["title"]) == ("Start", "Transitie")
    left_ties, right_ties = _data(spec, left["layer"][2]), _data(spec, right["layer"][2])
    assert {r["status"] for r in left_ties} == {"bestond al"}
    new = {r["band"] for r in right_ties if r["status"] == "nieuw"}
    assert new == {"a|g"}
    # every actor stands in the same place on both sides
    def place(layer: dict) -> dict:
        return {r["id"]: (r["x"], r["y"]) for r in _data(spec, layer)}
    assert place(left["layer"][3]) == place(right["layer"][3])
