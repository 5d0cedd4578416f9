"""The figures beside the chart, as escaped HTML (numbers the Dutch way)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from leven.core.i18n import language, t
from leven.netwerkkaart.analysis import DOMEINEN, Actor, Comparison, Figures


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def number(value: float, digits: int = 2) -> str:
    """``0,04`` in Dutch, ``0.04`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language() == "nl" else text


def percent(value: float) -> str:
    return f"{number(100 * value, 0)}%"


def names(ids: Iterable[str], actoren: Sequence[Actor]) -> str:
    """The actors' names, comma-separated ("geen" when there are none)."""
    known = {a.id: a.naam for a in actoren}
    found = [known.get(i, i) for i in ids]
    return ", ".join(found) if found else t("netwerkkaart.cijfers.geen")


def pair_names(pairs: Iterable[tuple[str, str]], actoren: Sequence[Actor]) -> str:
    known = {a.id: a.naam for a in actoren}
    found = [f"{known.get(a, a)} – {known.get(b, b)}" for a, b in pairs]
    return "; ".join(found) if found else t("netwerkkaart.cijfers.geen")


def _dimensions(values: Sequence[str]) -> str:
    if not values:
        return t("netwerkkaart.cijfers.geen")
    return ", ".join(t(f"netwerkkaart.dimensies.{d}") for d in values)


def _rows(rows: Sequence[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<tr class="leven-nk-{_e(key)}"><th>{_e(label)}</th><td>{_e(value)}</td></tr>'
        for key, label, value in rows
    )
    return f'<table class="leven-table leven-nk-cijfers">{body}</table>'


def figures_rows(f: Figures, actoren: Sequence[Actor]) -> list[tuple[str, str, str]]:
    """(css key, label, value) for every figure of one snapshot."""
    def c(key: str) -> str:
        return t(f"netwerkkaart.cijfers.{key}")

    brokers = "; ".join(f"{names([n], actoren)} ({number(v)})" for n, v in f.makelaars)
    return [
        ("actoren", c("actoren"), str(f.actoren)),
        ("banden", c("banden"), str(f.banden)),
        ("dichtheid", c("dichtheid"), number(f.dichtheid, 3)),
        ("grensoverschrijdend", c("grensoverschrijdend"), str(f.grensoverschrijdend)),
        ("aandeel", c("aandeel"), percent(f.aandeel_grensoverschrijdend)),
        *((f"dimensies-{d}", c(f"dimensies_{d}"), _dimensions(f.dimensies_per_domein[d]))
          for d in DOMEINEN),
        ("makelaars", c("makelaars"), brokers or c("geen")),
        ("zonder_band", c("zonder_band"),
         f"{len(f.zonder_band)}: {names(f.zonder_band, actoren)}" if f.zonder_band else "0"),
    ]


def figures_html(f: Figures, actoren: Sequence[Actor]) -> str:
    """The figures of one snapshot as a two-column table."""
    return f"<h4>{_e(t('netwerkkaart.cijfers.kop'))}</h4>" + _rows(figures_rows(f, actoren))


def comparison_html(c: Comparison, actoren: Sequence[Actor]) -> str:
    """Before and after side by side, then what changed."""
    before = dict((k, v) for k, _, v in figures_rows(c.voor, actoren))
    after = figures_rows(c.na, actoren)
    head = (f"<tr><th></th><th>{_e(t('netwerkkaart.cijfers.voor'))}</th>"
            f"<th>{_e(t('netwerkkaart.cijfers.na'))}</th></tr>")
    body = "".join(
        f'<tr class="leven-nk-{_e(k)}"><th>{_e(label)}</th><td>{_e(before[k])}</td>'
        f"<td>{_e(v)}</td></tr>"
        for k, label, v in after if k not in ("zonder_band", "makelaars")
    )
    changes = _rows([
        ("nieuwe_banden", t("netwerkkaart.cijfers.nieuwe_banden"),
         f"{len(c.nieuwe_banden)}: {pair_names(c.nieuwe_banden, actoren)}"),
        ("nieuwe_grens", t("netwerkkaart.cijfers.nieuwe_grens"),
         f"{len(c.nieuwe_grensoverschrijdend)}: "
         f"{pair_names(c.nieuwe_grensoverschrijdend, actoren)}"),
        ("verdwenen_banden", t("netwerkkaart.cijfers.verdwenen_banden"),
         f"{len(c.verdwenen_banden)}: {pair_names(c.verdwenen_banden, actoren)}"),
        ("nieuw_verbonden", t("netwerkkaart.cijfers.nieuw_verbonden"),
         f"{len(c.nieuw_verbonden)}: {names(c.nieuw_verbonden, actoren)}"),
    ])
    return (f'<table class="leven-table leven-nk-vergelijking">{head}{body}</table>'
            + changes)
