"""What every section reads of one proeftuin, read from the store once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from leven.core.store import Store
from leven.proeftuin.records import Bijeenkomst, Deelnemer, Proeftuin
from leven.verslag.analysis import Mensen
from leven.verslag.records import Keuze


@dataclass
class Bron:
    """The store, the options, and the proeftuin's people and meetings."""

    store: Store
    keuze: Keuze
    proeftuin: Proeftuin
    deelnemers: dict[str, Deelnemer]
    bijeenkomsten: dict[str, Bijeenkomst]
    mensen: Mensen
    today: date

    @property
    def id(self) -> str:
        return self.keuze.proeftuin

    @classmethod
    def read(cls, store: Store, keuze: Keuze) -> Bron:
        found = store.latest(Proeftuin, keuze.proeftuin)
        if found is None or found.proeftuin != keuze.proeftuin:
            raise KeyError(keuze.proeftuin)
        deelnemers = {v.record_id: v.record for v in store.records(Deelnemer, keuze.proeftuin)}
        meetings = {v.record_id: v.record for v in store.records(Bijeenkomst, keuze.proeftuin)}
        bestuurders = [b for m in meetings.values() for b in m.bestuurders]
        savers = _savers(store, keuze.proeftuin)
        mensen = Mensen(deelnemers, names=keuze.namen, projectleider=found.record.projectleider,
                        bestuurders=bestuurders, others=savers)
        return cls(store, keuze, found.record, deelnemers, meetings, mensen,
                   keuze.vandaag or date.today())

    def meeting_label(self, record_id: str) -> str:
        """A bijeenkomst as a reader knows it: its date and title."""
        b = self.bijeenkomsten.get(record_id)
        return f"{b.datum:%d-%m-%Y} {b.titel}".strip() if b else record_id


def _savers(store: Store, proeftuin: str) -> set[str]:
    """Everyone who saved anything of the proeftuin (kept out of the report by default)."""
    import sqlalchemy as sa

    from leven.core.schema import records_table

    t = records_table
    query = sa.select(t.c.saved_by).where(t.c.proeftuin == proeftuin).distinct()
    with store.engine.connect() as connection:
        return {row.saved_by for row in connection.execute(query) if row.saved_by}
