"""The experiments as cards, and the ambition above them (HTML; every typed text escaped).

A card shows what a coordinator looks at between work meetings: status and since when, the
coordinator and the group, the initiative it joins, the open actions (overdue ones marked),
the latest T-score when GAS goals exist, borging once decided, and one link to its GAS page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from leven.core.i18n import t
from leven.core.store import Version
from leven.experiment.analysis import open_actions
from leven.experiment.records import DATUM_VELDEN, Actie, Experiment, status_label
from leven.gas import format_number


def gas_link(proeftuin: str, experiment_id: str) -> str:
    """The GAS page of one experiment, relative to this page (both are app notebooks)."""
    return "gas.ipynb?" + urlencode({"proeftuin": proeftuin, "experiment": experiment_id})


def ambition_html(ambitie: str | None, status: str | None = None) -> str:
    """The latest kernthema version's ambition (vastgesteld or voorlopig), at the top."""
    if not ambitie:
        return f'<p class="leven-empty">{html.escape(t("experiment.app.geen_ambitie"))}</p>'
    label = t(f"kernthema.status.{status}") if status else t("experiment.app.ambitie")
    return (
        f'<div class="leven-card leven-exp-ambitie"><div class="leven-meta">'
        f"{html.escape(label)}</div><p><b>{html.escape(ambitie)}</b></p></div>"
    )


@dataclass(frozen=True)
class CardContext:
    """What the cards look up: names by id, the actions and T-scores per experiment."""

    proeftuin: str
    today: date
    names: Mapping[str, str] = field(default_factory=dict)  # deelnemer id -> naam
    initiatives: Mapping[str, str] = field(default_factory=dict)  # initiatief id -> naam
    actions: Mapping[str, Sequence[Actie]] = field(default_factory=dict)
    t_scores: Mapping[str, tuple[str, float]] = field(default_factory=dict)  # id -> (meting, T)
    with_goals: frozenset[str] = frozenset()


def _line(label_key: str, value: str, css: str) -> str:
    if not value:
        return ""
    return (f'<p class="leven-exp-{css}"><span class="leven-meta">'
            f"{html.escape(t(label_key))}:</span> {html.escape(value)}</p>")


def _actions_html(actions: Sequence[Actie], today: date) -> str:
    pending = open_actions(actions)
    if not pending:
        return f'<p class="leven-empty">{html.escape(t("experiment.kaart.geen_open"))}</p>'
    late = [a for a in pending if a.te_laat(today)]
    items = []
    for action in pending:
        parts = [html.escape(action.wat)]
        if action.wie:
            parts.append(f'<span class="leven-meta">({html.escape(action.wie)})</span>')
        if action.uiterlijk:
            when = f"{action.uiterlijk:%d-%m-%Y}"
            if action.te_laat(today):
                parts.append(f'<span class="leven-error leven-exp-te-laat">'
                             f'{html.escape(t("experiment.actie.te_laat", datum=when))}</span>')
            else:
                parts.append(f'<span class="leven-meta">{when}</span>')
        items.append(f'<li class="leven-exp-actie">{" ".join(parts)}</li>')
    warning = (
        f'<p class="leven-error">{html.escape(t("experiment.kaart.te_laat", aantal=len(late)))}'
        "</p>" if late else ""
    )
    heading = html.escape(t("experiment.kaart.acties_open"))
    return f'<div class="leven-meta">{heading}</div>{warning}<ul>{"".join(items)}</ul>'


def card_html(version: Version[Experiment], context: CardContext) -> str:
    """One experiment's card."""
    record = version.record
    since = getattr(record, DATUM_VELDEN[record.status])
    status = html.escape(status_label(record.status))
    if since:
        status += " · " + html.escape(t("experiment.kaart.sinds", datum=f"{since:%d-%m-%Y}"))
    group = ", ".join(context.names.get(member, member) for member in record.groep)
    score = context.t_scores.get(version.record_id)
    if score is not None:
        meting = t(f"experiment.meting.{score[0]}")
        gas = t("experiment.kaart.t_score", meting=meting, score=format_number(score[1]))
    elif version.record_id in context.with_goals:
        gas = ""
    else:
        gas = t("experiment.kaart.geen_gas")
    borging = ""
    if record.geborgd is True:
        borging = t("experiment.kaart.geborgd_ja", hoe=record.borging_hoe)
    elif record.geborgd is False:
        borging = t("experiment.kaart.geborgd_nee")
    link = html.escape(gas_link(context.proeftuin, version.record_id))
    return (
        f'<li class="leven-card leven-exp-kaart leven-exp-{html.escape(record.status)}" '
        f'data-experiment="{html.escape(version.record_id)}">'
        f"<h3>{html.escape(record.naam)}</h3>"
        f'<p class="leven-meta leven-exp-status">{status}</p>'
        + _line("experiment.kaart.coordinator",
                context.names.get(record.coordinator, record.coordinator), "coordinator")
        + _line("experiment.kaart.groep", group, "groep")
        + _line("experiment.kaart.initiatief",
                context.initiatives.get(record.initiatief_id, ""), "initiatief")
        + _actions_html(context.actions.get(version.record_id, ()), context.today)
        + (f'<p class="leven-exp-gas">{html.escape(gas)}</p>' if gas else "")
        + (f'<p class="leven-exp-borging">{html.escape(borging)}</p>' if borging else "")
        + f'<p><a class="leven-button leven-exp-gaslink" href="{link}">'
        f'{html.escape(t("experiment.kaart.naar_gas"))}</a></p></li>'
    )


def late_html(versions: Sequence[Version[Experiment]], context: CardContext) -> str:
    """Above the cards: per coordinator the actions past their date ("" when none), so the
    one who watches an experiment's progress sees at once what to chase."""
    lines = []
    for version in versions:
        late = [a for a in open_actions(context.actions.get(version.record_id, ()))
                if a.te_laat(context.today)]
        if late:
            who = context.names.get(version.record.coordinator, "") or t(
                "experiment.kaart.geen_coordinator")
            text = t("experiment.kaart.coordinator_te_laat", naam=who,
                     experiment=version.record.naam, aantal=len(late),
                     acties="; ".join(a.wat for a in late))
            lines.append(f"<li>{html.escape(text)}</li>")
    if not lines:
        return ""
    heading = html.escape(t("experiment.kaart.voor_coordinatoren"))
    return (f'<div class="leven-exp-te-laat-overzicht"><p class="leven-error">{heading}</p>'
            f'<ul>{"".join(lines)}</ul></div>')


def cards_html(versions: Sequence[Version[Experiment]], context: CardContext) -> str:
    """All experiments of the proeftuin as cards, in the order they were made, after what
    the coordinators have to chase."""
    if not versions:
        return f'<p class="leven-empty">{html.escape(t("experiment.app.geen_experimenten"))}</p>'
    cards = "".join(card_html(v, context) for v in versions)
    return f'{late_html(versions, context)}<ul class="leven-cards">{cards}</ul>'
