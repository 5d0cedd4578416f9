"""Where the actors go in the picture (pure: networkx, no Altair).

Two layouts, both deterministic, so the same data always gives the same picture:

- ``spring``: networkx's force-directed layout with a fixed seed; connected actors close;
- ``ring``: the seed's illustration — a circle of four sectors, one per dimension
  (lichamelijk, psychisch, sociaal, spiritueel), each split into a zorg half and a sociaal
  domein half. An actor sits in the sector of its first dimension; an actor without
  dimensies or without a domain sits nearer the centre.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx

from leven.netwerkkaart.analysis import DIMENSIES, DOMEINEN, Actor, graph
from leven.netwerkkaart.records import Band

LAYOUTS = ("ring", "spring")
SEED = 13
#: positions are rounded, so a chart's spec is the same on every machine
DIGITS = 4
Positions = dict[str, tuple[float, float]]


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

    Within a group actors take turns on three radii, so names overlap less; ``extra``
    ids (ties to actors no longer known) go in the centre.
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
        radii = (0.6, 0.85, 1.05) if domein else (0.4,)
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
