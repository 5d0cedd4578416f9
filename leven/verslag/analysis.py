"""How people appear in the year report: by name only when asked, else by role.

Pure (no store, no UI). A report goes to managers, bestuurders and funders, so by default
every person is shown by function and organisation ("huisarts, Huisartsenpraktijk De
Linde"): the deelnemers, whoever saved or scored, the bestuurders, the projectleider, and
the names written in free text (the kernthema's ``wie``, an action's ``wie``, notes). The
name matching is the research export's (:class:`leven.core.pseudonymise.Pseudonyms`), with
a role label instead of a code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from leven.core.i18n import t
from leven.core.pseudonymise import Pseudonyms, normal
from leven.proeftuin.records import Bestuurder, Deelnemer


def role(functie: str, organisatie: str) -> str:
    """"functie, organisatie", either alone, or "" when neither is known."""
    return ", ".join(part for part in (functie.strip(), organisatie.strip()) if part)


@dataclass
class _Roles(Pseudonyms):
    """Pseudonyms whose "code" of a person is their role label."""

    labels: dict[str, str] = field(default_factory=dict)

    def code(self, name: str) -> str:
        return self.labels.get(normal(name)) or t("verslag.mensen.iemand")


class Mensen:
    """The people of one proeftuin, and how the report names them.

    ``names`` True: everyone by name, texts as typed. Otherwise :meth:`person` gives a
    person's role, :meth:`text` replaces known names in free text by roles, and
    :meth:`deelnemer` gives a deelnemer's role by record id.
    """

    def __init__(self, deelnemers: Mapping[str, Deelnemer], *, names: bool = False,
                 projectleider: str = "", bestuurders: Iterable[Bestuurder] = (),
                 others: Iterable[str] = ()) -> None:
        self.names = names
        self.deelnemers = dict(deelnemers)
        labels: dict[str, str] = {}
        for b in bestuurders:
            labels[normal(b.naam)] = (role(b.functie, b.organisatie)
                                      or t("verslag.mensen.bestuurder"))
        for d in self.deelnemers.values():
            labels[normal(d.naam)] = (role(d.functie, d.organisatie)
                                      or t("verslag.mensen.deelnemer"))
        if projectleider.strip():
            labels.setdefault(normal(projectleider), t("verslag.mensen.projectleider"))
        self._roles = _Roles(secret=b"", labels=labels)
        self._roles.add([*labels, *(o for o in others if o)])

    def person(self, name: str) -> str:
        """A field that names one or more people (who saved, who scored, a ``wie``)."""
        if self.names or not name.strip():
            return name
        return str(self._roles.person(name))

    def text(self, value: str | None) -> str:
        """Free text with the names of known people replaced by their roles."""
        if not value:
            return ""
        return value if self.names else str(self._roles.text(value))

    def deelnemer(self, record_id: str) -> str:
        """A deelnemer by record id: name, or role (functie, organisatie)."""
        found = self.deelnemers.get(record_id)
        if found is None:
            return t("verslag.mensen.onbekend")
        if self.names:
            return found.naam
        return role(found.functie, found.organisatie) or t("verslag.mensen.deelnemer")

    def short(self, record_id: str) -> str:
        """A deelnemer on a small picture (the netwerkkaart): name, or only the function."""
        found = self.deelnemers.get(record_id)
        if found is None or self.names:
            return found.naam if found else record_id
        return found.functie or found.organisatie or t("verslag.mensen.deelnemer")

    def name_parts(self) -> set[str]:
        """Every known name and word of a name (casefolded), to keep them out of word counts."""
        parts: set[str] = set()
        if self.names:
            return parts
        for person in self._roles.people:
            parts.add(person)
            parts.update(w for w in person.split() if len(w) >= 3)
        return parts


def without_names(words: pd.DataFrame, parts: set[str]) -> pd.DataFrame:
    """A word table (``woord`` column) without the words that are (part of) a name."""
    if not parts:
        return words
    keep = ~words["woord"].str.casefold().isin(parts)
    return words[keep].reset_index(drop=True)
