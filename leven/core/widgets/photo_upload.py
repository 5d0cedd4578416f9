"""The photo field of a collage note: upload, clean, store, preview, remove.

An upload is judged by its bytes, never by its name: :func:`leven.core.media.clean_image` decodes
it and redraws it without EXIF (so without GPS). Only the cleaned, downscaled JPEG is kept in
the store, under a random id, right when it arrives — so a page reload before the note is
saved loses nothing (the form's draft holds the ids). A refused file gets its Dutch message
beside the field; the other fields of the note are never touched.

ipywidgets' FileUpload reads the whole file in the browser and sends it to the kernel in one
message. So the browser checks sizes first (``leven-app.js``, with the limits and texts this field
puts in its guard element): a photo over :data:`leven.core.media.MAX_UPLOAD_BYTES` is left out with
its message, and a choice over :data:`leven.core.media.MAX_UPLOAD_TOTAL_BYTES` is not sent at all
(one message over the server's limit would cut the connection). The kernel checks again.
"""

from __future__ import annotations

import base64
import html
import logging
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

import ipywidgets as ipw
import traitlets

from leven.core.i18n import language, t
from leven.core.media import (
    ACCEPT,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_TOTAL_BYTES,
    ImageRejected,
    clean_image,
    format_size,
    new_photo_id,
    thumbnail,
)
from leven.core.store import Store, StoreError
from leven.core.widgets.form import safe

log = logging.getLogger("leven")

PREVIEW_SIDE = 160
_CACHE_SIZE = 512
_thumbs: OrderedDict[tuple[str, str], bytes | None] = OrderedDict()
_thumbs_lock = Lock()


def thumbnail_bytes(store: Store, blob_id: str) -> bytes | None:
    """A small JPEG of a stored photo, or ``None`` when it is missing or unreadable.

    Blobs never change, so thumbnails are cached by (store, id): redrawing a gallery after
    every save costs nothing.
    """
    key = (store.url, blob_id)
    with _thumbs_lock:
        if key in _thumbs:
            _thumbs.move_to_end(key)
            return _thumbs[key]
    found = store.load_blob(blob_id)
    small: bytes | None = None
    if found is not None:
        try:
            small = thumbnail(found[0])
        except ImageRejected:
            log.warning("stored photo %s cannot be read", blob_id)
    with _thumbs_lock:
        _thumbs[key] = small
        while len(_thumbs) > _CACHE_SIZE:
            _thumbs.popitem(last=False)
    return small


def thumbnail_uri(store: Store, blob_id: str) -> str | None:
    """The thumbnail as a ``data:`` URI, to put straight into an ``<img>``."""
    small = thumbnail_bytes(store, blob_id)
    if small is None:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(small).decode("ascii")


def _content(upload: Any) -> Any:
    content = upload["content"] if isinstance(upload, dict) else getattr(upload, "content", b"")
    return content if content is not None else b""


def _name(upload: Any) -> str:
    name = upload.get("name") if isinstance(upload, dict) else getattr(upload, "name", "")
    return str(name or "")


def upload_guard_html() -> str:
    """A hidden element with the limits and Dutch texts for the browser's size check."""
    too_large = t(
        "collage.foto.geweigerd",
        naam="{naam}",
        reden=t("media.errors.too_large", size="{size}", max_size=format_size(MAX_UPLOAD_BYTES)),
    )
    too_much = t("collage.foto.te_veel", size="{size}",
                 max_size=format_size(MAX_UPLOAD_TOTAL_BYTES))
    attributes = {
        "data-max-file": str(MAX_UPLOAD_BYTES),
        "data-max-total": str(MAX_UPLOAD_TOTAL_BYTES),
        "data-too-large": too_large,
        "data-too-much": too_much,
        "data-lang": language(),
    }
    shown = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attributes.items())
    return f'<div class="leven-upload-guard leven-field-error" hidden {shown}></div>'


class PhotoField(ipw.VBox):
    """The photos of one note: ``value`` is the tuple of stored photo ids, in order."""

    value = traitlets.Tuple()

    def __init__(
        self, store: Store, proeftuin: str, on_message: Callable[[str], None] | None = None
    ) -> None:
        self.store = store
        self.proeftuin = proeftuin
        self.on_message = on_message
        self.last_message = ""
        self.upload = ipw.FileUpload(
            accept=ACCEPT,
            multiple=True,
            icon="camera",
            description=t("collage.foto.kiezen"),
            layout={"width": "auto", "min_width": "16rem"},
        )
        self.upload.add_class("leven-photo-upload")
        self.upload.observe(self._observe_upload, names="value")
        self.previews = ipw.HBox(layout={"flex_flow": "row wrap", "gap": "0.5rem"})
        self.previews.add_class("leven-photo-previews")
        self.note = ipw.HTML()
        self.guard = ipw.HTML(upload_guard_html())
        super().__init__([self.upload, self.guard, self.previews, self.note])
        self.add_class("leven-photo-field")

    # -- messages ------------------------------------------------------------------------

    def _message(self, text: str) -> None:
        self.last_message = text
        if self.on_message is not None:
            self.on_message(text)

    def show_status(self, message: str, ok: bool = True) -> None:
        """Where :func:`safe` puts an unexpected error: beside the field."""
        if not ok:
            self._message(message)

    # -- uploads -------------------------------------------------------------------------

    @safe
    def _observe_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        self.note.value = f'<span class="leven-hint">{html.escape(t("collage.foto.bezig"))}</span>'
        try:
            added, refused = self.add_files(files)
        finally:
            # Let go of the raw bytes in kernel and browser; the same file may come again.
            self.upload.value = ()
            self.note.value = ""
        self._message(" ".join(refused))
        if added:
            text = t("collage.foto.toegevoegd", aantal=len(added))
            self.note.value = f'<span class="leven-hint">{html.escape(text)}</span>'

    def add_files(self, files: Any) -> tuple[list[str], list[str]]:
        """Clean and store every file that really is an image; returns the new ids and a
        Dutch message per refused file. Accepted photos are added to ``value``."""
        added: list[str] = []
        refused: list[str] = []
        for upload in files:
            name = _name(upload)
            try:
                cleaned = clean_image(_content(upload))
                blob_id = self.store.save_blob(
                    cleaned,
                    proeftuin=self.proeftuin,
                    media_type="image/jpeg",
                    blob_id=new_photo_id(),
                )
            except (ImageRejected, StoreError) as error:
                refused.append(
                    t("collage.foto.geweigerd", naam=name, reden=error.message)
                    if name
                    else error.message
                )
                continue
            added.append(blob_id)
        if added:
            self.value = (*self.value, *added)
        return added, refused

    # -- previews ------------------------------------------------------------------------

    @traitlets.observe("value")
    def _observe_value(self, change: dict) -> None:
        try:
            self._draw_previews(change["new"])
        except Exception:  # a preview is a courtesy: never let it break the form
            log.exception("photo previews not drawn")

    def _draw_previews(self, ids: tuple[str, ...]) -> None:
        boxes = []
        for blob_id in ids:
            small = thumbnail_bytes(self.store, blob_id)
            if small is None:
                missing = html.escape(t("collage.foto.niet_gevonden"))
                image: ipw.Widget = ipw.HTML(f'<span class="leven-field-error">{missing}</span>')
            else:
                image = ipw.Image(
                    value=small,
                    format="jpeg",
                    layout={"max_width": f"{PREVIEW_SIDE}px", "max_height": f"{PREVIEW_SIDE}px"},
                )
            remove = ipw.Button(
                description="",
                icon="trash",
                tooltip=t("collage.foto.verwijderen"),
                layout={"width": "2.6rem"},
            )
            remove.add_class("leven-photo-remove")
            remove.on_click(lambda _button, blob_id=blob_id: self._remove(blob_id))
            box = ipw.VBox([image, remove], layout={"align_items": "center"})
            box.add_class("leven-photo-preview")
            boxes.append(box)
        self.previews.children = boxes

    @safe
    def _remove(self, blob_id: str) -> None:
        # The blob itself stays: earlier versions of the note may still show it.
        self.value = tuple(i for i in self.value if i != blob_id)
        self.note.value = ""
