"""Experiments that existed only as a name on GAS goals become records of their own.

Before this instrument a GAS goal carried its experiment as ``experiment_id`` and a name.
:func:`migrate_gas_experiments` saves an :class:`~leven.experiment.Experiment` under each
such id that has none yet, so every goal (and every scoring) belongs to a record; a goal is
changed only when its id is taken by another proeftuin's experiment (GAS ids were unique
within a proeftuin, record ids are unique in the store): it then gets a new version pointing
at the new id, its earlier versions kept. Nothing is lost. It runs whenever the experiments
page opens, so a store made by an older workbook, or an experiment begun on the GAS page, is
taken over. (It lives beside the page because it writes to the store; the plan itself is
pure: :func:`leven.experiment.analysis.experiments_from_goals`.)
"""

from __future__ import annotations

from leven.core.store import NewVersion, Store, Version, VersionConflict
from leven.experiment.analysis import experiments_from_goals
from leven.experiment.records import Experiment
from leven.gas import GasDoel, GasScore

MIGRATED_BY = "leven (uit de GAS-doelen)"


def migrate_gas_experiments(store: Store, proeftuin: str | None = None) -> list[Version]:
    """Save the missing experiment records (of ``proeftuin``, or of all); returns them.

    ``proeftuin=None`` takes over every proeftuin's experiments at once (a whole store).

    All are saved in one transaction, each as a first version: when another page took them
    over at the same moment, nothing is saved twice (the plan is made again once).
    """
    if store.read_only:
        return []
    for attempt in range(2):
        goals = store.frame(GasDoel, proeftuin)
        scores = store.frame(GasScore, proeftuin)
        existing = {(v.proeftuin, v.record_id) for v in store.records(Experiment)}
        plan = experiments_from_goals(goals, scores, existing)
        if not plan:
            return []
        items = [NewVersion(m.record, m.proeftuin, m.record_id, base_version=0) for m in plan]
        moved = {(m.proeftuin, m.experiment_id): m.record_id for m in plan if m.repoints}
        for goal in store.records(GasDoel, proeftuin) if moved else ():
            new_id = moved.get((goal.proeftuin, goal.record.experiment_id))
            if new_id is not None:
                items.append(NewVersion(goal.record.model_copy(update={"experiment_id": new_id}),
                                        goal.proeftuin, goal.record_id, goal.version))
        try:
            saved = store.save_all(items, saved_by=MIGRATED_BY)
            return [v for v in saved if v.kind == Experiment.KIND]
        except VersionConflict:
            if attempt:
                raise
    return []
