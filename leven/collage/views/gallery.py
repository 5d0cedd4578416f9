"""The gallery of collage notes: a card per note, with thumbnails of its photos.

Thumbnails are inlined as ``data:`` URIs made with :func:`leven.core.media.thumbnail` (cached, as
blobs never change), and each links to the full photo at ``../../leven/foto/<id>`` (the
server's route, relative to ``/voila/render/collage.ipynb``). Inline thumbnails make the
gallery complete wherever the widget is shown — Voila, JupyterLab, a test — with no second
request per photo and no full-size download just to show a small picture; the link is only
followed when someone wants to see the photo large, e.g. on the projector.

Everything typed by people (titles, names, metaphors, keywords, text) is escaped: no markup
or script from a note is ever interpreted.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from leven.collage import CollageNotitie
from leven.core.i18n import t
from leven.core.store import Store, Version
from leven.core.widgets.photo_upload import thumbnail_uri
from leven.proeftuin import Bijeenkomst

PHOTO_URL = "../../leven/foto/{id}"


def bijeenkomst_options(store: Store, proeftuin: str) -> list[tuple[str, str]]:
    """The proeftuin's bijeenkomsten as (label, id), in date order: ``11-02-2025 · title``."""
    versions = sorted(
        store.records(Bijeenkomst, proeftuin), key=lambda v: (v.record.datum, v.record_id)
    )
    options = []
    for version in versions:
        record = version.record
        title = record.titel or t(f"proeftuin.soort_bijeenkomst.{record.soort.value}")
        options.append((f"{record.datum:%d-%m-%Y} · {title}", version.record_id))
    return options


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _photos(store: Store, note: CollageNotitie) -> str:
    parts = []
    alt = _e(t("collage.foto.alt", titel=note.titel))
    for blob_id in note.foto_ids:
        uri = thumbnail_uri(store, blob_id)
        if uri is None:
            parts.append(
                f'<span class="leven-photo-missing">{_e(t("collage.foto.niet_gevonden"))}</span>'
            )
            continue
        parts.append(
            f'<a href="{_e(PHOTO_URL.format(id=blob_id))}" target="_blank" rel="noopener" '
            f'title="{_e(t("collage.foto.vergroten"))}">'
            f'<img class="leven-note-photo" src="{uri}" alt="{alt}" data-foto="{_e(blob_id)}"></a>'
        )
    return f'<div class="leven-note-photos">{"".join(parts)}</div>' if parts else ""


def note_card(
    store: Store, version: Version[CollageNotitie], bijeenkomsten: Mapping[str, str]
) -> str:
    """One note as an HTML card (every typed text escaped)."""
    note = version.record
    meta = []
    if note.door:
        meta.append(_e(t("collage.galerij.door", door=note.door)))
    if note.domein:
        meta.append(_e(t(f"collage.domeinen.{note.domein}")))
    if note.bijeenkomst_id:
        meta.append(_e(bijeenkomsten.get(note.bijeenkomst_id, note.bijeenkomst_id)))
    chips = [
        f'<span class="leven-chip leven-chip-dimensie">{_e(t(f"collage.dimensies.{d}"))}</span>'
        for d in note.dimensies
    ]
    chips += [f'<span class="leven-chip">{_e(word)}</span>' for word in note.trefwoorden]
    domein = _e(note.domein or "geen")
    return "".join(
        [
            f'<article class="leven-card-note leven-domein-{domein}" '
            f'data-record="{_e(version.record_id)}">',
            _photos(store, note),
            f'<h4 class="leven-note-titel">{_e(note.titel)}</h4>',
            f'<p class="leven-meta">{" · ".join(meta)}</p>' if meta else "",
            f'<p class="leven-note-metafoor">{_e(note.metafoor)}</p>' if note.metafoor else "",
            f'<p class="leven-note-chips">{"".join(chips)}</p>' if chips else "",
            f'<p class="leven-note-tekst">{_e(note.tekst)}</p>' if note.tekst else "",
            "</article>",
        ]
    )


def gallery_html(
    store: Store, versions: Sequence[Version[CollageNotitie]], bijeenkomsten: Mapping[str, str]
) -> str:
    """All notes as cards, the most recently saved first."""
    if not versions:
        return f'<p class="leven-empty">{_e(t("collage.galerij.leeg"))}</p>'
    cards = [note_card(store, v, bijeenkomsten) for v in reversed(versions)]
    return f'<div class="leven-gallery">{"".join(cards)}</div>'
