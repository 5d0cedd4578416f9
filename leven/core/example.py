"""Loading the example proeftuin from ``data/example/`` into a store.

Each file there holds the records of one model, so an instrument adds its example data as a
new file::

    {"model": "leven.proeftuin.records:Deelnemer",
     "records": [{"record_id": "...", "proeftuin": "...", "saved_by": "...",
                  "saved_at": "2025-02-11T10:00:00+00:00", "payload": {...}},
                 {"record_id": "...", "proeftuin": "...",
                  "versions": [{"saved_at": ..., "saved_by": ..., "payload": {...}}, ...]}],
     "blobs": [{"blob_id": "...", "proeftuin": "...", "media_type": "image/jpeg",
                "make": "leven.core.example_images:draw", "args": {...}}]}

Fixed ids and timestamps keep the analysis notebooks' outputs the same on every run.
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from leven.core import keys
from leven.core.settings import EXAMPLE_DIR
from leven.core.store import Store


def _resolve(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def load_example(store: Store, folder: Path = EXAMPLE_DIR) -> int:
    """Save every example record into ``store``; returns the number of versions saved.

    An empty store gets the example's fixed pseudonym secret, so the analysis notebooks show
    the same codes on every run; a store that holds work keeps (or later gets) its own.
    """
    if not store.proeftuinen():
        keys.use_secret(store, keys.EXAMPLE_SECRET)
    saved = 0
    for path in sorted(folder.glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        for blob in content.get("blobs", []):
            data = _resolve(blob["make"])(**blob.get("args", {}))
            store.save_blob(data, proeftuin=blob["proeftuin"],
                            media_type=blob.get("media_type", "image/jpeg"),
                            blob_id=blob["blob_id"])
        if not content.get("model"):
            continue
        model = _resolve(content["model"])
        for entry in content.get("records", []):
            versions = entry.get("versions") or [entry]
            for version in versions:
                store.save(
                    model.model_validate(version["payload"]),
                    proeftuin=entry["proeftuin"],
                    record_id=entry["record_id"],
                    saved_by=version.get("saved_by", ""),
                    saved_at=datetime.fromisoformat(version["saved_at"]),
                )
                saved += 1
    return saved
