"""The store under its public name, for researchers' notebooks: see :mod:`leven.core.store`."""

from leven.core.store import (
    InvalidRecord,
    NewVersion,
    Store,
    StoreError,
    Version,
    VersionConflict,
    open_store,
)

__all__ = [
    "InvalidRecord",
    "NewVersion",
    "Store",
    "StoreError",
    "Version",
    "VersionConflict",
    "open_store",
]
