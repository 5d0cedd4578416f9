"""Experiments on the store's tables: coordinators, spans, overdue actions, T-scores, and the
plan that turns the experiments GAS goals name into records (pure pandas: no UI, no store)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from leven import gas
from leven.core.errors import LevenError
from leven.core.records import ID_MAX
from leven.core.slugs import unique_slug
from leven.experiment.records import EINDE, STATUSSEN, Actie, Experiment
from leven.proeftuin.records import Deelnemer

OVERVIEW_COLUMNS = ("proeftuin", "status", "aantal")
SPAN_COLUMNS = ("record_id", "proeftuin", "naam", "status", "start", "eind")
T_SCORE_COLUMNS = ("experiment_id", "meting", "t_score", "n_doelen")
BORGING_COLUMNS = ("record_id", "proeftuin", "naam", "status", "opbrengst", "geborgd",
                   "borging_hoe", "borging_door", "borging_datum")


def check_coordinator(coordinator: str, deelnemers: Mapping[str, Deelnemer]) -> None:
    """Refuse a coordinator who is not a kerngroep member of the proeftuin (seed 000: "leden
    van de kerngroep hebben in de experimentgroepjes een coördinerende rol"); "" is allowed
    while the group has not chosen one yet."""
    if not coordinator:
        return
    person = deelnemers.get(coordinator)
    if person is None:
        raise LevenError("experiment.errors.coordinator_onbekend")
    if not person.kerngroep:
        raise LevenError("experiment.errors.coordinator_geen_kerngroep", naam=person.naam)


def overview(frame: pd.DataFrame) -> pd.DataFrame:
    """How many experiments each proeftuin has per status (``Store.frame(Experiment)``)."""
    if frame.empty:
        return pd.DataFrame(columns=list(OVERVIEW_COLUMNS))
    counts = frame.groupby(["proeftuin", "status"]).size().rename("aantal").reset_index()
    order = {status: rank for rank, status in enumerate(STATUSSEN)}
    counts = counts.sort_values(["proeftuin", "status"], key=lambda c: c.map(order)
                                if c.name == "status" else c, kind="stable")
    return counts.reset_index(drop=True)[list(OVERVIEW_COLUMNS)]


def spans(frame: pd.DataFrame) -> pd.DataFrame:
    """Each experiment from its start (loopt, else in voorbereiding, else idee) to its end
    (afgerond or gestopt; NaT while it goes on): the bars of a timeline."""
    if frame.empty:
        return pd.DataFrame(columns=list(SPAN_COLUMNS))
    out = frame[["record_id", "proeftuin", "naam", "status"]].copy()
    dates = {name: pd.to_datetime(frame[f"datum_{name}"]) for name in STATUSSEN}
    out["start"] = dates["loopt"].fillna(dates["in_voorbereiding"]).fillna(dates["idee"])
    out["eind"] = dates["afgerond"].fillna(dates["gestopt"])
    return out.reset_index(drop=True)[list(SPAN_COLUMNS)]


def borging(frame: pd.DataFrame) -> pd.DataFrame:
    """What each experiment yielded and whether it is borged, how and by whom (what the
    transitiebijeenkomst presents); ``geborgd`` is True, False or missing (not decided)."""
    if frame.empty:
        return pd.DataFrame(columns=list(BORGING_COLUMNS))
    out = frame[list(BORGING_COLUMNS)].copy()
    out["geborgd"] = out["geborgd"].astype("boolean")
    out["borging_datum"] = pd.to_datetime(out["borging_datum"])
    return out.reset_index(drop=True)


def open_actions(acties: Iterable[Actie]) -> list[Actie]:
    """The actions not done yet, the earliest deadline first (no deadline last)."""
    return sorted((a for a in acties if not a.klaar), key=lambda a: (a.uiterlijk is None,
                                                                      a.uiterlijk or date.max))


def overdue(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """The actions whose date has passed and that are not done (``Store.frame(Actie)``),
    with ``dagen_te_laat``; what the coordinator has to chase."""
    if frame.empty:
        return frame.assign(dagen_te_laat=pd.Series(dtype="int64"))
    deadline = pd.to_datetime(frame["uiterlijk"])
    late = deadline.notna() & (deadline < pd.Timestamp(today)) & ~frame["klaar"].astype(bool)
    out = frame[late].copy()
    out["dagen_te_laat"] = (pd.Timestamp(today) - deadline[late]).dt.days.astype("int64")
    return out.sort_values("uiterlijk", kind="stable").reset_index(drop=True)


def latest_t_scores(goals: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Per experiment the latest T-score: at the vervolgmeting when scored, else at the
    nulmeting (from :func:`leven.gas.experiment_summary`); experiments without any scored
    goal are left out."""
    if goals.empty:
        return pd.DataFrame(columns=list(T_SCORE_COLUMNS))
    summary = gas.experiment_summary(goals, scores)
    rows = []
    for row in summary.itertuples(index=False):
        for meting in ("vervolgmeting", "nulmeting"):
            value = getattr(row, f"t_{meting}")
            if pd.notna(value):
                rows.append((row.experiment_id, meting, float(value), int(row.n_doelen)))
                break
    return pd.DataFrame(rows, columns=list(T_SCORE_COLUMNS))


@dataclass(frozen=True)
class Migrated:
    """An experiment record made from the GAS goals that named it as ``experiment_id``."""

    proeftuin: str
    record_id: str
    record: Experiment
    experiment_id: str

    @property
    def repoints(self) -> bool:
        """Whether its goals must point at a new id (theirs was taken by another proeftuin's
        experiment: GAS ids were unique only within a proeftuin, record ids are in a store)."""
        return self.record_id != self.experiment_id


def experiments_from_goals(
    goals: pd.DataFrame, scores: pd.DataFrame, existing: Iterable[tuple[str, str]]
) -> list[Migrated]:
    """Experiment records for every (proeftuin, experiment_id) the GAS goals name that has
    none yet; ``existing``: (proeftuin, record id) of every experiment record in the store.

    The record id is the goals' ``experiment_id``, so they belong to it unchanged; only when
    another proeftuin's experiment has that id already is it ``<proeftuin>-<id>`` (see
    :attr:`Migrated.repoints`). The name is the latest goal's; an experiment with a scored
    goal runs (``loopt``) since its first scoring, one without is in preparation since its
    first goal (the goal's date, else its save date).
    """
    if goals.empty:
        return []
    known = set(existing)
    taken = {record_id for _, record_id in known}
    ordered = goals.sort_values("saved_at", kind="stable")
    scored_on = (
        scores.assign(datum=pd.to_datetime(scores["datum"])).groupby("doel_id")["datum"].min()
        if not scores.empty else pd.Series(dtype="datetime64[ns]")
    )
    found = []
    for (proeftuin, experiment_id), group in ordered.groupby(["proeftuin", "experiment_id"],
                                                             sort=False):
        if (proeftuin, experiment_id) in known:
            continue
        record_id = str(experiment_id)
        if record_id in taken:
            record_id = unique_slug(f"{proeftuin}-{experiment_id}", taken, "experiment",
                                    max_length=ID_MAX - 4)
        taken.add(record_id)
        first_goal = pd.to_datetime(group["datum"]).min()
        if pd.isna(first_goal):
            first_goal = pd.Timestamp(group["saved_at"].min()).tz_localize(None)
        first_score = scored_on.reindex(group["record_id"].unique()).min()
        name = str(group["experiment"].iloc[-1])
        record = Experiment(naam=name, status="in_voorbereiding",
                            datum_in_voorbereiding=first_goal.date())
        if pd.notna(first_score):
            record = record.with_status("loopt", max(first_score, first_goal).date())
        found.append(Migrated(str(proeftuin), record_id, record, str(experiment_id)))
    return found


def is_ended(record: Experiment) -> bool:
    """Whether the experiment is afgerond or gestopt."""
    return record.status in EINDE
