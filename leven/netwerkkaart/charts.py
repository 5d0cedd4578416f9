"""Charts of the netwerkkaart: data in, an Altair chart out; never displayed here.

A node-link picture: ties as lines (one ``detail`` per tie), actors as points coloured by
domain and shaped by role (professional, vrijwilliger, organisatie), their names beside
them. Positions come from :func:`.analysis.positions`, so the same data gives the same spec.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from leven.core import charts
from leven.core.i18n import t
from leven.netwerkkaart.analysis import (
    DIMENSIES,
    Actor,
    Positions,
    overview,
    pair,
    pairs,
    positions,
)
from leven.netwerkkaart.records import Band

DOMAIN_COLORS = {"zorg": "#d0643b", "sociaal_domein": "#3b7bbf", "onbekend": "#7f8c8d"}
"""The collage gallery's colours: zorg warm, sociaal domein blue (grey: not given)."""
ROLE_SHAPES = {"professional": "circle", "vrijwilliger": "triangle-up", "organisatie": "square"}
TIE_COLORS = {"bestaand": "#9aa5a2", "nieuw": charts.COLORS[1]}
SIZE = 560
#: Names point away from the centre, so the names in a crowded sector run apart instead of
#: over each other: beside a point left or right of the centre, above or below one that is
#: above or below it (filter, align, dx, dy).
_UPRIGHT = "abs(datum.y) > 0.7 * sqrt(datum.x * datum.x + datum.y * datum.y)"
NAME_PLACES: tuple[tuple[str, str, int, int], ...] = (
    (f"!({_UPRIGHT}) && datum.x >= 0", "left", 10, 0),
    (f"!({_UPRIGHT}) && datum.x < 0", "right", -10, 0),
    (f"({_UPRIGHT}) && datum.y >= 0", "center", 0, -13),
    (f"({_UPRIGHT}) && datum.y < 0", "center", 0, 14),
)
EXTENT = 1.35

__all__ = ["before_after_chart", "network_chart", "overview", "overview_chart"]


def _role(actor: Actor) -> str:
    return "organisatie" if actor.soort == "organisatie" else (actor.betrokkenheid or
                                                              "professional")


def node_frame(actoren: Sequence[Actor], placed: Positions) -> pd.DataFrame:
    """One row per actor with its place, label, domain and role (labels translated)."""
    known = {a.id: a for a in actoren}
    rows = []
    for node, (x, y) in placed.items():
        actor = known.get(node, Actor(node, node))
        rows.append({
            "id": node, "naam": actor.naam, "x": x, "y": y,
            "domein": t(f"netwerkkaart.domeinen.{actor.domein or 'onbekend'}"),
            "rol": t(f"netwerkkaart.rollen.{_role(actor)}"),
            "dimensies": ", ".join(t(f"netwerkkaart.dimensies.{d}") for d in actor.dimensies),
        })
    return pd.DataFrame(rows, columns=["id", "naam", "x", "y", "domein", "rol", "dimensies"])


def edge_frame(banden: Sequence[Band], placed: Positions,
               nieuw: set[tuple[str, str]] = frozenset()) -> pd.DataFrame:  # type: ignore[assignment]
    """Two rows per connected pair (its two ends), ``band`` naming the line they draw."""
    kinds: dict[tuple[str, str], list[str]] = {}
    for band in banden:
        kinds.setdefault(pair(band), []).append(t(f"netwerkkaart.soorten.{band.soort.value}"))
    rows = []
    for a, b in pairs(banden):
        status = t("netwerkkaart.grafiek.nieuw" if (a, b) in nieuw else
                   "netwerkkaart.grafiek.bestaand")
        for end, node in enumerate((a, b)):
            x, y = placed[node]
            rows.append({"band": f"{a}|{b}", "punt": end, "x": x, "y": y, "status": status,
                         "soort": ", ".join(kinds[(a, b)])})
    return pd.DataFrame(rows, columns=["band", "punt", "x", "y", "status", "soort"])


def _scale(alt: Any) -> Any:
    return alt.Scale(domain=[-EXTENT, EXTENT], nice=False, zero=False)


def _sector_frame() -> pd.DataFrame:
    """The dimension names around the ring and the zorg / sociaal domein halves."""
    rows = []
    for index, dimensie in enumerate(DIMENSIES):
        middle = index * math.pi / 2 + math.pi / 4
        rows.append({"x": round(1.22 * math.cos(middle), 4), "y": round(1.22 * math.sin(middle), 4),
                     "tekst": t(f"netwerkkaart.dimensies.{dimensie}")})
    return pd.DataFrame(rows)


def _divider_frame() -> pd.DataFrame:
    """Four lines from the centre between the sectors (the illustration's cross)."""
    rows = []
    for index in range(4):
        angle = index * math.pi / 2
        for end, radius in enumerate((0.0, 1.1)):
            rows.append({"lijn": index, "punt": end, "x": round(radius * math.cos(angle), 4),
                         "y": round(radius * math.sin(angle), 4)})
    return pd.DataFrame(rows)


def _picture(alt: Any, banden: Sequence[Band], actoren: Sequence[Actor], placed: Positions,
             layout: str, title: str, nieuw: set[tuple[str, str]]) -> Any:
    x = alt.X("x:Q", axis=None, scale=_scale(alt))
    y = alt.Y("y:Q", axis=None, scale=_scale(alt))
    nodes = node_frame(actoren, placed)
    edges = edge_frame(banden, placed, nieuw)
    status_domain = [t("netwerkkaart.grafiek.bestaand"), t("netwerkkaart.grafiek.nieuw")]
    lines = alt.Chart(edges).mark_line(strokeWidth=2).encode(
        x=x, y=y, detail="band:N", order="punt:O",
        stroke=alt.Stroke("status:N", title=t("netwerkkaart.grafiek.band"),
                          scale=alt.Scale(domain=status_domain, range=list(TIE_COLORS.values())),
                          legend=alt.Legend(orient="bottom") if nieuw else None),
        tooltip=[alt.Tooltip("soort:N", title=t("netwerkkaart.velden.soort"))],
    )
    domains = [t(f"netwerkkaart.domeinen.{d}") for d in DOMAIN_COLORS]
    roles = [t(f"netwerkkaart.rollen.{r}") for r in ROLE_SHAPES]
    points = alt.Chart(nodes).mark_point(filled=True, size=160, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("domein:N", title=t("netwerkkaart.grafiek.domein"),
                        scale=alt.Scale(domain=domains, range=list(DOMAIN_COLORS.values())),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("rol:N", title=t("netwerkkaart.grafiek.rol"),
                        scale=alt.Scale(domain=roles, range=list(ROLE_SHAPES.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("naam:N", title=t("netwerkkaart.grafiek.naam")),
                 alt.Tooltip("domein:N", title=t("netwerkkaart.grafiek.domein")),
                 alt.Tooltip("rol:N", title=t("netwerkkaart.grafiek.rol")),
                 alt.Tooltip("dimensies:N", title=t("netwerkkaart.grafiek.dimensies"))],
    )
    names = [
        alt.Chart(nodes).transform_filter(side).mark_text(
            align=align, dx=dx, dy=dy, baseline="middle", fontSize=12, color="#333"
        ).encode(x=x, y=y, text="naam:N")
        for side, align, dx, dy in NAME_PLACES
    ]
    layers = [lines, points, *names]
    if layout == "ring":
        cross = alt.Chart(_divider_frame()).mark_line(color="#d5dcd9", strokeDash=[4, 4]).encode(
            x=x, y=y, detail="lijn:N", order="punt:O")
        labels = alt.Chart(_sector_frame()).mark_text(fontSize=13, fontWeight="bold",
                                                      color="#555").encode(x=x, y=y, text="tekst:N")
        layers = [cross, labels, *layers]
    return alt.layer(*layers).properties(width=SIZE, height=SIZE, title=title)


def network_chart(banden: Sequence[Band], actoren: Sequence[Actor], *, layout: str = "ring",
                  title: str = "", app: bool = False) -> Any:
    """The netwerkkaart of one snapshot (``layout``: "ring" or "spring").

    ``app``: in a box that scrolls sideways on a phone (:func:`leven.core.charts.scroll`):
    25 names around a ring are unreadable in a phone's 320 px, and scaled down to it they
    were 7 px; at its own size a phone shows part of it, and the rest a swipe away.
    """
    alt = charts.altair()
    placed = positions(layout, banden, actoren)
    chart = _picture(alt, banden, actoren, placed, layout, title, set())
    return charts.scroll(chart) if app else chart


def before_after_chart(voor: Sequence[Band], na: Sequence[Band], actoren: Sequence[Actor], *,
                       layout: str = "ring", titles: tuple[str, str] = ("", ""),
                       app: bool = False) -> Any:
    """Two snapshots side by side, every actor in the same place in both, the ties that are
    new in ``na`` highlighted. ``app``: the two as a list of charts, each in a box that
    scrolls sideways as :func:`network_chart`'s, side by side where the screen is wide enough
    and one under the other on a phone (two charts in one would scroll as one, 1,150 px)."""
    alt = charts.altair()
    placed = positions(layout, [*voor, *na], actoren)
    new = set(pairs(na)) - set(pairs(voor))
    left = _picture(alt, voor, actoren, placed, layout, titles[0], set())
    right = _picture(alt, na, actoren, placed, layout, titles[1], new)
    if app:
        return [charts.scroll(left), charts.scroll(right)]
    return alt.hconcat(left, right).resolve_scale(stroke="independent")


def overview_chart(frame: pd.DataFrame) -> Any:
    """A bar per proeftuin: how many snapshots it has (``frame``: :func:`.analysis.overview`)."""
    alt = charts.altair()
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("aantal:Q", title=t("netwerkkaart.grafiek.aantal")),
        y=alt.Y("proeftuin:N", title=None),
    )
