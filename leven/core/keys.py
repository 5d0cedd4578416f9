"""The project's secrets for pseudonymised exports, kept in the store itself.

A pseudonym is an HMAC of a person's name with the project secret, so the same person gets
the same code in every export of that database and nobody can reverse a code without the
secret. Dates of a proeftuin may be shifted by one random number of days (like REDCap's
date shift), the same in every export. Both are made once, at the first export, and kept in
their own small table ``project_keys`` (not in ``records``: they are no record of anyone's
work, must never be exported, and leave the provenance checksum as it was), made by migration
0003 like every table of the store (:mod:`leven.core.schema`). A store opened read-only may
predate it, and then has no secret yet.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from leven.core.errors import LevenError
from leven.core.schema import project_keys_table as keys_table
from leven.core.store import Store

SECRET = "pseudonym_secret"
MAX_SHIFT_DAYS = 364
#: The secret of the example proeftuinen: fixed, so the analysis notebooks show the same codes
#: on every run. Real stores get a random one.
EXAMPLE_SECRET = "leven-voorbeeld-proeftuinen-niet-geheim"


def _read(store: Store, name: str) -> str | None:
    if not sa.inspect(store.engine).has_table(keys_table.name):
        return None
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(keys_table.c.value).where(keys_table.c.name == name)).scalar()


def _kept(store: Store, name: str, make: str) -> str:
    """The value kept under ``name``, made ``make`` the first time (the first saver wins)."""
    found = _read(store, name)
    if found is not None:
        return found
    if store.read_only:
        raise LevenError("codebook.export.no_secret", path=str(store.path))
    try:
        with store.engine.begin() as connection:
            connection.execute(keys_table.insert().values(name=name, value=make))
    except IntegrityError:
        pass  # another process made it meanwhile: use theirs
    kept = _read(store, name)
    assert kept is not None
    return kept


def project_secret(store: Store) -> bytes:
    """The store's HMAC secret (32 random bytes as hex, made once)."""
    return _kept(store, SECRET, secrets.token_hex(32)).encode("utf-8")


def use_secret(store: Store, value: str) -> None:
    """Keep ``value`` as the secret unless the store has one (the example data's fixed one)."""
    _kept(store, SECRET, value)


def date_shift(store: Store, proeftuin: str) -> int:
    """The days all dates of ``proeftuin`` move back in a shifted export (1-364, made once)."""
    return int(_kept(store, f"date_shift:{proeftuin}",
                     str(-1 - secrets.randbelow(MAX_SHIFT_DAYS))))
