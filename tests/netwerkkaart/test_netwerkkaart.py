"""The netwerkkaart figures on small hand-made graphs, checked against values computed by hand.

Betweenness is Freeman's (1977), normalised by (n−1)(n−2)/2 for an undirected graph, as
networkx computes it: in a path a–b–c–d, b lies on the shortest paths a–c and a–d, so
2 / 3; the centre of a star with four leaves lies on all 6 leaf pairs, so 6 / 6 = 1.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pydantic import ValidationError

from leven.core.records import field_messages
from leven.netwerkkaart import (
    Actor,
    Band,
    BestaandInitiatief,
    Netwerkkaart,
    actors,
    compare,
    figures,
    overview,
)
from leven.netwerkkaart.analysis import figures_frame

pytestmark = pytest.mark.usefixtures("dutch")


def band(a: str, b: str, soort: str = "kent_elkaar") -> Band:
    return Band(van=a, naar=b, soort=soort)


ZORG, SOCIAAL = "zorg", "sociaal_domein"
PATH_ACTORS = [
    Actor("a", "Anna", domein=ZORG, dimensies=("lichamelijk",)),
    Actor("b", "Bart", domein=SOCIAAL, dimensies=("sociaal",)),
    Actor("c", "Carla", domein=ZORG, dimensies=("psychisch",)),
    Actor("d", "Dirk", domein=None),
]
PATH = [band("a", "b"), band("b", "c"), band("c", "d")]


def test_a_path_of_four_has_density_one_half_and_two_brokers_of_two_thirds():
    f = figures(PATH, PATH_ACTORS)
    assert (f.actoren, f.banden) == (4, 3)
    assert f.dichtheid == pytest.approx(3 / 6)
    assert f.makelaars == (("b", pytest.approx(2 / 3)), ("c", pytest.approx(2 / 3)))
    assert f.zonder_band == ()


def test_ties_across_domains_and_their_share():
    f = figures(PATH, PATH_ACTORS)
    # a–b and b–c cross zorg / sociaal domein; c–d does not (d has no domain)
    assert f.grensoverschrijdend == 2
    assert f.aandeel_grensoverschrijdend == pytest.approx(2 / 3)
    assert f.dimensies_per_domein == {ZORG: ("lichamelijk", "psychisch"), SOCIAAL: ("sociaal",)}


def test_the_centre_of_a_star_is_the_only_broker_with_betweenness_one():
    star = [Actor(n, n.upper(), domein=ZORG) for n in "sabcd"]
    f = figures([band("s", leaf) for leaf in "abcd"], star)
    assert f.dichtheid == pytest.approx(4 / 10)
    assert f.makelaars == (("s", pytest.approx(1.0)),)
    assert f.grensoverschrijdend == 0
    assert f.aandeel_grensoverschrijdend == 0


def test_an_actor_without_ties_counts_in_the_density_and_is_named():
    lonely = [*PATH_ACTORS, Actor("e", "Els", domein=SOCIAAL)]
    f = figures(PATH, lonely)
    assert f.actoren == 5
    assert f.dichtheid == pytest.approx(3 / 10)
    assert f.zonder_band == ("e",)


def test_two_kinds_of_tie_between_one_pair_and_both_directions_count_once():
    f = figures([band("a", "b"), band("b", "a", "werkt_samen")], PATH_ACTORS[:2])
    assert f.banden == 1
    assert f.dichtheid == 1.0


def test_a_tie_to_an_unknown_actor_still_counts_but_crosses_no_domain():
    f = figures([band("a", "weg")], PATH_ACTORS[:1])
    assert (f.actoren, f.banden, f.grensoverschrijdend) == (2, 1, 0)


def test_no_ties_gives_zero_figures_not_a_division_error():
    f = figures([], [])
    assert (f.actoren, f.banden, f.dichtheid, f.aandeel_grensoverschrijdend) == (0, 0, 0.0, 0.0)
    assert f.makelaars == ()


def test_comparing_two_snapshots():
    voor = [band("a", "c"), band("c", "d")]  # both within zorg / without a domain
    na = [band("c", "a", "werkt_samen"), band("a", "b"), band("b", "c")]
    c = compare(voor, na, PATH_ACTORS)
    assert c.nieuwe_banden == (("a", "b"), ("b", "c"))
    assert c.verdwenen_banden == (("c", "d"),)
    assert c.nieuwe_grensoverschrijdend == (("a", "b"), ("b", "c"))
    assert c.nieuw_verbonden == ("b",)
    assert (c.voor.grensoverschrijdend, c.na.grensoverschrijdend) == (0, 2)


def test_figures_frame_has_one_row_per_snapshot():
    frame = figures_frame({"start": figures(PATH, PATH_ACTORS), "leeg": figures([], [])})
    assert list(frame.index) == ["start", "leeg"]
    assert frame.loc["start", "grensoverschrijdend"] == 2


def test_actors_from_the_store_frames_give_organisations_the_dimensions_of_their_people():
    deelnemers = pd.DataFrame([
        {"record_id": "d1", "naam": "Anna", "organisatie": "De Linde", "domein": "zorg",
         "betrokkenheid": "professional", "dimensies": ["psychisch", "lichamelijk"]},
        {"record_id": "d2", "naam": "Gerda", "organisatie": "VPTZ", "domein": "sociaal_domein",
         "betrokkenheid": "vrijwilliger", "dimensies": []},
    ])
    organisaties = pd.DataFrame([
        {"record_id": "o1", "naam": "De Linde", "domein": "zorg"},
        {"record_id": "o2", "naam": "Gemeente", "domein": None},
    ])
    found = actors(deelnemers, organisaties)
    assert [a.id for a in found] == ["d1", "d2", "o1", "o2"]
    assert found[0].dimensies == ("lichamelijk", "psychisch")  # the order of the four
    assert found[1].betrokkenheid == "vrijwilliger"
    assert found[2] == Actor("o1", "De Linde", "organisatie", "zorg", ("lichamelijk", "psychisch"))
    assert found[3].domein is None and found[3].dimensies == ()


def test_a_tie_needs_two_different_actors_said_in_dutch():
    with pytest.raises(ValidationError) as caught:
        Band(van="a", naar="a")
    assert field_messages(caught.value) == {
        "": "Een band is tussen twee verschillende actoren: kies bij ‘werkt met’ een ander."}


def test_the_same_tie_twice_is_refused_in_either_direction():
    kaart = Netwerkkaart(datum="2025-02-11", banden=[band("a", "b")])
    with pytest.raises(ValidationError) as caught:
        kaart.with_band(band("b", "a"))
    assert field_messages(caught.value) == {"banden": "Deze band staat al op de kaart."}
    assert len(kaart.with_band(band("b", "a", "overlegt")).banden) == 2


def test_removing_a_tie_keeps_the_others_in_order():
    kaart = Netwerkkaart(datum="2025-02-11", banden=PATH)
    assert kaart.without_band(1).banden == (PATH[0], PATH[2])


def test_a_snapshot_needs_a_date_and_an_initiative_a_name():
    with pytest.raises(ValidationError) as caught:
        Netwerkkaart(titel="Start")
    assert field_messages(caught.value) == {"datum": "Dit veld is verplicht."}
    with pytest.raises(ValidationError) as caught:
        BestaandInitiatief(naam=" ")
    assert set(field_messages(caught.value)) == {"naam"}


def test_overview_counts_snapshots_per_proeftuin():
    frame = pd.DataFrame({"proeftuin": ["b", "a", "b"]})
    assert overview(frame).to_dict("records") == [
        {"proeftuin": "a", "aantal": 1}, {"proeftuin": "b", "aantal": 2}]
