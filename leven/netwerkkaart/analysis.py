"""The figures of a netwerkkaart and its layouts, with networkx (pure: no UI, no store).

The actors are the proeftuin's deelnemers and organisaties, each a node of its own: an
organisatie is an actor in its own right (a tie "Welzijn De Kempen – Huisartsenpraktijk"
is as real as one between two people), and is *not* merged with the people working there.
An organisatie has no dimensies of its own in the records; it gets those of its deelnemers
(by ``Deelnemer.organisatie`` = ``Organisatie.naam``), so it has a place in the ring.

A tie is undirected for every figure, and two actors with several kinds of tie count as
one connected pair: the figures are about *who* works with whom. A tie to an id that is
not among the actors (a record no longer there) still counts, its actor named by its id.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from leven.netwerkkaart.records import Band

OVERVIEW_COLUMNS = ("proeftuin", "aantal")
DOMEINEN = ("zorg", "sociaal_domein")
DIMENSIES = ("lichamelijk", "psychisch", "sociaal", "spiritueel")
#: how many brokers :func:`figures` names at most
BROKERS = 3
LAYOUTS = ("ring", "spring")
SEED = 13
#: positions are rounded, so a chart's spec is the same on every machine
DIGITS = 4
Positions = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class Actor:
    """A node of the map: a deelnemer or an organisatie (``soort``), by its record id."""

    id: str
    naam: str
    soort: str = "deelnemer"  # "deelnemer" or "organisatie"
    domein: str | None = None  # "zorg", "sociaal_domein" or None
    dimensies: tuple[str, ...] = ()
    betrokkenheid: str | None = None  # "professional" / "vrijwilliger"; None for organisaties


@dataclass(frozen=True)
class Figures:
    """What a researcher reads off one snapshot (see :func:`figures`)."""

    actoren: int
    banden: int
    dichtheid: float
    grensoverschrijdend: int
    aandeel_grensoverschrijdend: float
    dimensies_per_domein: dict[str, tuple[str, ...]]
    zonder_band: tuple[str, ...]
    makelaars: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Comparison:
    """What changed between two snapshots (pairs as sorted id tuples)."""

    nieuwe_banden: tuple[tuple[str, str], ...]
    verdwenen_banden: tuple[tuple[str, str], ...]
    nieuwe_grensoverschrijdend: tuple[tuple[str, str], ...]
    nieuw_verbonden: tuple[str, ...]
    voor: Figures = field(repr=False)
    na: Figures = field(repr=False)


def _value(value: object) -> str | None:
    """An enum or string as its plain value; None/NaN stay None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(getattr(value, "value", value))


def actors(deelnemers: pd.DataFrame, organisaties: pd.DataFrame) -> list[Actor]:
    """The actors from ``Store.frame(Deelnemer)`` and ``Store.frame(Organisatie)``.

    Deelnemers first, then organisaties, each in the frame's order (deterministic).
    """
    found: list[Actor] = []
    by_organisation: dict[str, set[str]] = {}
    for row in deelnemers.to_dict("records"):
        dimensies = tuple(d for d in DIMENSIES if d in {_value(x) for x in row["dimensies"] or ()})
        by_organisation.setdefault(str(row.get("organisatie") or ""), set()).update(dimensies)
        found.append(Actor(str(row["record_id"]), str(row["naam"]), "deelnemer",
                           _value(row.get("domein")), dimensies,
                           _value(row.get("betrokkenheid")) or "professional"))
    for row in organisaties.to_dict("records"):
        own = by_organisation.get(str(row["naam"]), set())
        found.append(Actor(str(row["record_id"]), str(row["naam"]), "organisatie",
                           _value(row.get("domein")), tuple(d for d in DIMENSIES if d in own)))
    return found


def pair(band: Band) -> tuple[str, str]:
    """The two actor ids of a tie, sorted: the same pair whatever the direction."""
    return tuple(sorted((band.van, band.naar)))  # type: ignore[return-value]


def pairs(banden: Iterable[Band]) -> list[tuple[str, str]]:
    """The distinct connected pairs, in the order first entered."""
    return list(dict.fromkeys(pair(b) for b in banden))


def graph(banden: Iterable[Band], actoren: Sequence[Actor]) -> nx.Graph:
    """The undirected graph: every actor a node (also those without a tie), ties as edges."""
    g = nx.Graph()
    for actor in actoren:
        g.add_node(actor.id, naam=actor.naam, domein=actor.domein)
    for a, b in pairs(banden):
        for node in (a, b):
            if node not in g:  # a tie to an actor no longer known
                g.add_node(node, naam=node, domein=None)
        g.add_edge(a, b)
    return g


def crosses_domains(a: str, b: str, actoren: Sequence[Actor]) -> bool:
    """True when one actor is in the zorg and the other in the sociaal domein."""
    domein = {actor.id: actor.domein for actor in actoren}
    return {domein.get(a), domein.get(b)} == set(DOMEINEN)


def figures(banden: Iterable[Band], actoren: Sequence[Actor], brokers: int = BROKERS) -> Figures:
    """The figures of one snapshot.

    - ``dichtheid``: edges / (n(n−1)/2), networkx ``density`` over all actors;
    - ``aandeel_grensoverschrijdend``: zorg–sociaal-domein pairs / all pairs (0 without ties);
    - ``dimensies_per_domein``: the dimensions some actor of that domain works on;
    - ``makelaars``: the actors with the highest (normalised) betweenness centrality, above 0,
      ties broken by id: those through whom the others reach each other (Freeman 1977).
    """
    g = graph(banden, actoren)
    edges = sorted(tuple(sorted(e)) for e in g.edges)
    crossing = [e for e in edges if crosses_domains(*e, actoren)]
    per_domain = {
        domein: tuple(d for d in DIMENSIES
                      if any(d in a.dimensies for a in actoren if a.domein == domein))
        for domein in DOMEINEN
    }
    betweenness = nx.betweenness_centrality(g, normalized=True) if len(g) > 2 else {}
    ranked = sorted(((n, round(v, 6)) for n, v in betweenness.items() if v > 0),
                    key=lambda item: (-item[1], item[0]))
    return Figures(
        actoren=g.number_of_nodes(),
        banden=len(edges),
        dichtheid=round(nx.density(g), 6) if len(g) > 1 else 0.0,
        grensoverschrijdend=len(crossing),
        aandeel_grensoverschrijdend=round(len(crossing) / len(edges), 6) if edges else 0.0,
        dimensies_per_domein=per_domain,
        zonder_band=tuple(sorted(n for n in g.nodes if g.degree(n) == 0)),
        makelaars=tuple(ranked[:brokers]),
    )


def compare(voor: Iterable[Band], na: Iterable[Band], actoren: Sequence[Actor]) -> Comparison:
    """What changed from snapshot ``voor`` to snapshot ``na`` (e.g. start → transitie)."""
    voor, na = list(voor), list(na)
    before, after = set(pairs(voor)), set(pairs(na))
    new = tuple(sorted(after - before))
    connected_before = {n for p in before for n in p}
    connected_after = {n for p in after for n in p}
    return Comparison(
        nieuwe_banden=new,
        verdwenen_banden=tuple(sorted(before - after)),
        nieuwe_grensoverschrijdend=tuple(p for p in new if crosses_domains(*p, actoren)),
        nieuw_verbonden=tuple(sorted(connected_after - connected_before)),
        voor=figures(voor, actoren),
        na=figures(na, actoren),
    )


def first_and_last(kaarten: Iterable[object]) -> dict[str, tuple[object, object]]:
    """Per proeftuin with at least two netwerkkaarten, its first and last (by ``datum``):
    the before and after of the year. ``kaarten`` are stored versions (``.proeftuin``,
    ``.record``)."""
    per_proeftuin: dict[str, list[object]] = {}
    for version in sorted(kaarten, key=lambda v: (v.proeftuin, v.record.datum)):
        per_proeftuin.setdefault(version.proeftuin, []).append(version.record)
    return {p: (kaarten_[0], kaarten_[-1]) for p, kaarten_ in per_proeftuin.items()
            if len(kaarten_) >= 2}


def comparison_lines(verschil: Comparison, namen: dict[str, str]) -> list[str]:
    """The comparison in a few Dutch lines, people by ``namen`` (id -> name or pseudonym)."""
    n = namen
    return [
        f"  nieuwe banden: {len(verschil.nieuwe_banden)}",
        "  nieuw tussen zorg en sociaal domein: "
        + (", ".join(f"{n.get(a, a)}–{n.get(b, b)}" for a, b in verschil.nieuwe_grensoverschrijdend)
           or "-"),
        f"  verdwenen banden: {len(verschil.verdwenen_banden)}",
        "  nieuw verbonden: " + (", ".join(n.get(a, a) for a in verschil.nieuw_verbonden) or "-"),
        f"  aandeel grensoverschrijdend: {verschil.voor.aandeel_grensoverschrijdend:.0%}"
        f" -> {verschil.na.aandeel_grensoverschrijdend:.0%}",
    ]


def figures_frame(named: dict[str, Figures]) -> pd.DataFrame:
    """One row per snapshot (its label the index): the numeric figures, for a table."""
    rows = {
        label: {
            "actoren": f.actoren, "banden": f.banden, "dichtheid": f.dichtheid,
            "grensoverschrijdend": f.grensoverschrijdend,
            "aandeel_grensoverschrijdend": f.aandeel_grensoverschrijdend,
            "zonder_band": len(f.zonder_band),
        }
        for label, f in named.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The number of snapshots per proeftuin; ``frame`` is ``Store.frame(Netwerkkaart)``."""
    counts = frame.groupby("proeftuin").size() if len(frame) else pd.Series(dtype="int64")
    return counts.rename("aantal").rename_axis("proeftuin").reset_index()[list(OVERVIEW_COLUMNS)]


# -- where the actors go in the picture ----------------------------------------------------
# Two layouts, both deterministic, so the same data always gives the same picture:
# "spring", networkx's force-directed layout with a fixed seed (connected actors close), and
# "ring", the seed's illustration: a circle of four sectors, one per dimension, each split
# into a zorg half and a sociaal domein half. An actor sits in the sector of its first
# dimension; one without dimensies or without a domain nearer the centre.


def spring_positions(banden: Iterable[Band], actoren: Sequence[Actor]) -> Positions:
    """networkx spring layout (seed :data:`SEED`) of the actors with a tie, in [-1, 1] ×
    [-0.8, 1]; the actors without one in a row below, so they do not squeeze the rest."""
    g = graph(banden, actoren)
    isolated = [n for n in g.nodes if g.degree(n) == 0]
    connected = nx.Graph(g.subgraph([n for n in g.nodes if g.degree(n) > 0]))
    placed: Positions = {}
    if len(connected):
        # a hidden hub, weakly tied to all, keeps separate groups from drifting far apart
        hub = object()
        connected.add_edges_from(((hub, n) for n in list(connected.nodes)), weight=0.03)
        raw = nx.spring_layout(connected, seed=SEED, k=1.8 / math.sqrt(len(connected)),
                               iterations=200)
        raw.pop(hub)
        xs = [x for x, _ in raw.values()]
        ys = [y for _, y in raw.values()]
        width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        for node, (x, y) in raw.items():
            placed[node] = (-1 + 2 * (x - min(xs)) / width, -0.8 + 1.8 * (y - min(ys)) / height)
    for i, node in enumerate(isolated):
        x = -1 + 2 * (i + 0.5) / len(isolated)
        placed[node] = (x, -1.2 + (0.18 if i % 2 else 0.0))
    return {n: (round(float(x), DIGITS), round(float(y), DIGITS)) for n, (x, y) in placed.items()}


def sector(actor: Actor) -> int | None:
    """The sector of an actor: the index of its first dimension (None: no dimension)."""
    for index, dimensie in enumerate(DIMENSIES):
        if dimensie in actor.dimensies:
            return index
    return None


def sector_angles(index: int, domein: str | None) -> tuple[float, float]:
    """The angles (radians, counter-clockwise from the right) of a sector's half.

    Sector 0 (lichamelijk) is the upper right quarter, then counter-clockwise; the first
    half of each sector is zorg, the second sociaal domein, the whole for no domain.
    """
    start = index * math.pi / 2
    if domein == DOMEINEN[0]:
        return start, start + math.pi / 4
    if domein == DOMEINEN[1]:
        return start + math.pi / 4, start + math.pi / 2
    return start, start + math.pi / 2


def ring_positions(actoren: Sequence[Actor], extra: Iterable[str] = ()) -> Positions:
    """The ring layout: each group (sector, domain) spread evenly over its arc.

    Names run sideways, away from the centre (see the chart). Where a group's arc runs
    up and down (beside the horizontal axis) its actors sit on one radius, so each name
    gets a line of its own; where it runs sideways (above or below the centre) they take
    turns on three radii, so neighbouring names are on different lines. ``extra`` ids
    (ties to actors no longer known) go in the centre.
    """
    groups: dict[tuple[int | None, str | None], list[Actor]] = {}
    for actor in actoren:
        known = actor.domein if actor.domein in DOMEINEN else None
        groups.setdefault((sector(actor), known), []).append(actor)
    placed: Positions = {}
    for (index, domein), members in groups.items():
        if index is None:
            for i, actor in enumerate(members):  # a small circle in the centre
                angle = 2 * math.pi * i / max(len(members), 1)
                placed[actor.id] = (0.15 * math.cos(angle), 0.15 * math.sin(angle))
            continue
        low, high = sector_angles(index, domein)
        sideways = abs(math.sin((low + high) / 2)) > 0.7
        radii = ((0.55, 0.8, 1.05) if sideways else (0.95,)) if domein else (0.4,)
        for i, actor in enumerate(members):
            angle = low + (high - low) * (i + 0.5) / len(members)
            radius = radii[i % len(radii)]
            placed[actor.id] = (radius * math.cos(angle), radius * math.sin(angle))
    for i, node in enumerate(sorted(set(extra) - set(placed))):
        placed[node] = (0.05 * i, -0.05 * i)
    return {n: (round(x, DIGITS), round(y, DIGITS)) for n, (x, y) in placed.items()}


def positions(layout: str, banden: Sequence[Band], actoren: Sequence[Actor]) -> Positions:
    """The positions of every actor and every id in a tie, for ``layout`` ("ring"/"spring")."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if layout == "spring":
        return spring_positions(banden, actoren)
    return ring_positions(actoren, {n for b in banden for n in (b.van, b.naar)})


def with_pseudonyms(actoren: Sequence[Actor]) -> list[Actor]:
    """The actors with a code for a name (Z1 zorg, S2 sociaal domein, O3 organisatie, X4
    unknown), numbered in their order: for analysis notebooks, which show no names."""
    from dataclasses import replace

    counters: dict[str, int] = {}
    named: list[Actor] = []
    for actor in actoren:
        letter = "O" if actor.soort == "organisatie" else \
            {"zorg": "Z", "sociaal_domein": "S"}.get(actor.domein or "", "X")
        counters[letter] = counters.get(letter, 0) + 1
        named.append(replace(actor, naam=f"{letter}{counters[letter]}"))
    return named
