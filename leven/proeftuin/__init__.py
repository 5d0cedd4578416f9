"""The proeftuin itself: its deelnemers, organisaties and bijeenkomsten, and the start page.

The instrument the others build on (they may import its records; see the import contracts
in pyproject.toml). Pure: :mod:`.records`; the app: :mod:`.views`; the kernel-free start
page: :mod:`.pages`.
"""

from __future__ import annotations

from leven.proeftuin.records import (
    Betrokkenheid,
    Bijeenkomst,
    Deelnemer,
    Dimensie,
    Domein,
    Naam,
    Organisatie,
    Proeftuin,
    SoortBijeenkomst,
    parse_kerngroep,
    slug,
)

__all__ = [
    "Betrokkenheid",
    "Bijeenkomst",
    "Deelnemer",
    "Dimensie",
    "Domein",
    "Naam",
    "Organisatie",
    "Proeftuin",
    "SoortBijeenkomst",
    "parse_kerngroep",
    "slug",
]
