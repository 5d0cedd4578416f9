"""The collage app: notes with uploaded photos (cleaned, never trusted), an inert gallery,
and the word statistics of the dream phase."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from io import BytesIO

import pytest
import sqlalchemy as sa
from PIL import Image

from leven.collage import CollageNotitie
from leven.collage.charts import domain_words_chart, frequent_words_chart
from leven.collage.views.app import CollageApp
from leven.core.media import MAX_UPLOAD_BYTES
from leven.core.store import Store, blobs_table
from leven.core.textstats import frequent_words, words_by_domain
from leven.proeftuin import Bijeenkomst, Deelnemer, Proeftuin

GPS_TAG = 0x8825


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


@pytest.fixture
def zundert(store: Store) -> Store:
    """A proeftuin with two bijeenkomsten and one deelnemer from each domain."""
    store.save(
        Proeftuin(naam="Zundert", gemeente="Zundert", startdatum="2025-03-01"),
        proeftuin="zundert",
        record_id="zundert",
    )
    store.save(
        Bijeenkomst(soort="werkbijeenkomst", datum="2025-05-01", titel="Dromen"),
        proeftuin="zundert",
        record_id="bijeenkomst-dromen",
    )
    store.save(
        Bijeenkomst(soort="startbijeenkomst", datum="2025-03-01"),
        proeftuin="zundert",
        record_id="bijeenkomst-start",
    )
    store.save(Deelnemer(naam="Anna de Vries", domein="zorg"), proeftuin="zundert")
    store.save(Deelnemer(naam="Karim El Idrissi", domein="sociaal_domein"), proeftuin="zundert")
    return store


def phone_photo(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A real JPEG as a phone makes it, with the GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[GPS_TAG] = {1: "N", 2: (52.0, 5.0, 24.0), 3: "E", 4: (5.0, 7.0, 12.0)}
    out = BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="JPEG", exif=exif, quality=90)
    data = out.getvalue()
    assert GPS_TAG in Image.open(BytesIO(data)).getexif()
    return data


def upload(name: str, content: bytes, media_type: str = "image/jpeg") -> dict:
    """One file as ipywidgets 8.1 FileUpload puts it in ``value``."""
    return {
        "name": name,
        "type": media_type,
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime(2025, 5, 13, 14, 0, tzinfo=UTC),
    }


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))


def _tags(markup: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element a browser would build from ``markup``, with its attributes."""
    collector = _TagCollector()
    collector.feed(markup)
    return collector.tags


def blob_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(blobs_table)).scalar()


def fill(app: CollageApp, **values: object) -> None:
    for name, value in values.items():
        app.form.fields[name].widget.value = value


def test_fill_upload_and_save_stores_the_photo_without_exif(zundert: Store):
    app = CollageApp(zundert, "zundert", saved_by="Marieke")
    form = app.form
    assert [label for label, _ in form.fields["bijeenkomst_id"].widget.options] == [
        "— geen bijeenkomst —",
        "01-03-2025 · startbijeenkomst",
        "01-05-2025 · Dromen",
    ]
    assert "15 MB" in form.fields["foto_ids"].hint.value
    fill(
        app,
        titel="Eilanden met bruggen",
        door="Anna de Vries",
        metafoor="Eilanden met bruggen ertussen",
        trefwoorden="Bruggen, #samen, bruggen",
        tekst="De patiënt hoeft niet zelf over te varen.",
        bijeenkomst_id="bijeenkomst-dromen",
        dimensies=("sociaal", "lichamelijk"),
    )
    assert form.fields["domein"].widget.value == "zorg"  # filled in from the deelnemer

    form.photos.upload.value = (upload("IMG_0001.jpg", phone_photo()),)
    assert form.messages == {}
    assert form.photos.upload.value == ()  # the raw bytes are let go
    (photo_id,) = form.photos.value
    assert re.fullmatch(r"[0-9a-f]{32}", photo_id) and "IMG" not in photo_id
    assert len(form.photos.previews.children) == 1

    form.save_button.click()
    assert "leven-form-status-ok" in form.status.value
    (saved,) = zundert.records(CollageNotitie, "zundert")
    note = saved.record
    assert note.foto_ids == [photo_id]
    assert note.trefwoorden == ["bruggen", "samen"]
    assert note.dimensies == ["lichamelijk", "sociaal"]
    assert (note.domein, note.bijeenkomst_id) == ("zorg", "bijeenkomst-dromen")

    data, media_type = zundert.load_blob(photo_id)
    assert media_type == "image/jpeg"
    stored = Image.open(BytesIO(data))
    assert stored.format == "JPEG" and stored.size == (1200, 900)
    assert dict(stored.getexif()) == {} and "exif" not in stored.info
    assert b"TestCam" not in data

    assert f'href="../../leven/foto/{photo_id}"' in app.gallery.value
    assert 'src="data:image/jpeg;base64,' in app.gallery.value
    assert "Eilanden met bruggen" in app.gallery.value
    assert "01-05-2025 · Dromen" in app.gallery.value


def test_text_file_renamed_jpg_is_refused_beside_the_field(zundert: Store):
    app = CollageApp(zundert, "zundert")
    form = app.form
    fill(app, titel="Het warme huis", tekst="Met de deur open naar de buurt.")
    form.photos.upload.value = (upload("vakantie.jpg", b"Dit is geen foto, maar tekst.\n"),)
    message = form.messages["foto_ids"]
    assert message.startswith("vakantie.jpg: Dit bestand is geen foto die we kunnen lezen")
    assert "leven-field-error" in form.fields["foto_ids"].error.value
    assert form.values["titel"] == "Het warme huis"
    assert form.values["tekst"] == "Met de deur open naar de buurt."
    assert form.photos.value == ()
    assert zundert.records(CollageNotitie, "zundert") == []
    assert blob_count(zundert) == 0


def test_one_good_one_bad_in_one_upload(zundert: Store):
    app = CollageApp(zundert, "zundert")
    app.form.photos.upload.value = (
        upload("goed.jpg", phone_photo((300, 200))),
        upload("script.jpg", b"<script>alert(1)</script>"),
    )
    assert len(app.form.photos.value) == 1
    assert app.form.messages["foto_ids"].startswith("script.jpg: Dit bestand is geen foto")
    assert "&lt;" not in app.form.messages["foto_ids"]
    assert "<script" not in app.form.fields["foto_ids"].error.value  # the name is escaped
    assert blob_count(zundert) == 1


def test_too_large_upload_gets_the_size_message(zundert: Store):
    app = CollageApp(zundert, "zundert")
    big = b"\xff\xd8\xff\xe0" + bytes(MAX_UPLOAD_BYTES + 1024)
    app.form.photos.upload.value = (upload("groot.jpg", big),)
    message = app.form.messages["foto_ids"]
    assert "te groot" in message and "15 MB" in message
    assert app.form.photos.value == () and blob_count(zundert) == 0


def test_photos_survive_a_reload_as_draft_and_can_be_removed(zundert: Store):
    first = CollageApp(zundert, "zundert")
    fill(first, titel="Nog niet opgeslagen")
    first.form.photos.upload.value = (upload("a.jpg", phone_photo((200, 100))),)
    photo_ids = first.form.photos.value
    first.form.flush_draft()

    again = CollageApp(zundert, "zundert")
    assert again.form.draft_box.layout.display != "none"
    again.form.restore_button.click()
    assert again.form.photos.value == photo_ids
    assert again.form.values["titel"] == "Nog niet opgeslagen"
    (preview,) = again.form.photos.previews.children
    preview.children[1].click()  # the remove button
    assert again.form.photos.value == ()


def test_user_html_is_inert_in_the_gallery(zundert: Store):
    app = CollageApp(zundert, "zundert")
    fill(
        app,
        titel="<script>alert(1)</script><b>x</b>",
        door='"><img src=x onerror=alert(2)>',
        metafoor="<iframe src=javascript:alert(3)>",
        trefwoorden="<u>woord</u>",
        tekst="<style>body{display:none}</style>tekst",
    )
    app.form.photos.upload.value = (upload("foto.jpg", phone_photo((200, 100))),)
    assert app.form.save() is not None
    gallery = app.gallery.value
    tags = _tags(gallery)
    assert {name for name, _ in tags} <= {
        "div",
        "article",
        "a",
        "img",
        "h4",
        "p",
        "span",
    }
    assert not [attr for _, attrs in tags for attr, _ in attrs if attr.startswith("on")]
    assert all(
        value.startswith("data:image/jpeg;base64,")
        for name, attrs in tags
        if name == "img"
        for attr, value in attrs
        if attr == "src"
    )
    assert "<style>" not in gallery  # the typed one is text; our styles are in leven.css
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in gallery
    assert 'alt="Foto bij: &lt;script&gt;' in gallery
    assert "&lt;iframe src=javascript:alert(3)&gt;" in gallery
    # The picker shows the title as plain text (a Dropdown never interprets it).
    assert app.notes.picker.options[1][0].startswith("<script>")


def test_edit_an_existing_note_makes_a_new_version(example_store: Store):
    app = CollageApp(example_store, "bergeijk")
    app.notes.picker.value = "collage-bergeijk-01"
    assert app.form.values["titel"] == "Eilanden met bruggen"
    assert app.form.values["trefwoorden"] == "bruggen, samenwerking, huisarts"
    assert app.form.photos.value == ("e0e0000000000001",)
    app.form.fields["tekst"].widget.value = "Korter nu."
    assert app.form.save().version == 2
    assert example_store.latest(CollageNotitie, "collage-bergeijk-01").record.foto_ids == [
        "e0e0000000000001"
    ]


def test_example_gallery_has_every_note_with_thumbnails(example_store: Store):
    app = CollageApp(example_store, "bergeijk")
    gallery = app.gallery.value
    assert gallery.count('<article class="leven-card-note') == 9
    assert gallery.count('<img class="leven-note-photo"') == 5
    assert "Groepje 3: Ingrid, Els en Joost" in gallery
    assert "11-02-2025 · Startbijeenkomst in De Kattenberg" in gallery


def test_word_statistics_shown_when_the_tab_opens(example_store: Store):
    app = CollageApp(example_store, "bergeijk")
    assert app.words.stale and app.words.frequent_chart is None
    app.tabs.selected_index = 2
    words = app.words
    assert not words.stale
    assert list(words.frequent.woord[:3]) == ["patiënt", "buurt", "netwerk"]
    assert "Zorg: 4 notities" in words.summary.value
    assert "Sociaal domein: 4 notities" in words.summary.value
    table = words.table.value
    assert "<th>Woord</th>" in table and "Alleen gebruikt door" in table
    assert re.search(r"<td>patiënt</td><td>8</td><td>0</td><td>\+\d,\d\d</td><td>Zorg</td>", table)
    assert "<td>buurt</td>" in table and "Sociaal domein" in table
    assert words.frequent_chart.to_dict()["mark"]["type"] == "bar"
    assert words.domain_chart is not None

    # A new note counts as soon as it is saved.
    app.tabs.selected_index = 0
    fill(
        app,
        titel="Zorgpad zorgpad zorgpad zorgpad zorgpad zorgpad zorgpad zorgpad zorgpad",
        domein="zorg",
    )
    app.form.save()
    assert words.stale
    app.tabs.selected_index = 2
    assert words.frequent.woord[0] == "zorgpad"


def test_word_statistics_without_both_domains(zundert: Store):
    app = CollageApp(zundert, "zundert")
    app.words.refresh()
    assert "nog geen collagenotities" in app.words.table.value
    fill(app, titel="Bruggen bouwen", domein="zorg")
    app.form.save()
    app.words.refresh()
    assert "zowel de zorg als het sociaal domein" in app.words.table.value
    assert app.words.domain_chart is None and app.words.frequent_chart is not None


def _notes() -> list[CollageNotitie]:
    return [
        CollageNotitie(titel="Patiënt patiënt buurt", domein="zorg"),
        CollageNotitie(titel="Buurt buurt netwerk", domein="sociaal_domein"),
        CollageNotitie(titel="Samen samen", domein="zorg"),
    ]


def test_frequent_words_chart():
    frame = frequent_words(_notes())
    spec = frequent_words_chart(frame).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "aantal"
    assert spec["encoding"]["y"]["field"] == "woord"
    assert spec["encoding"]["y"]["sort"] == ["buurt", "patiënt", "samen", "netwerk"]
    assert spec["title"] == "Meest gebruikte woorden"
    (data,) = spec["datasets"].values()
    assert data[0] == {"woord": "buurt", "aantal": 3, "notities": 2}


def test_domain_words_chart():
    frame = words_by_domain(_notes())
    spec = domain_words_chart(frame, n=3).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "log_ratio"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Zorg", "Sociaal domein"]
    (data,) = spec["datasets"].values()
    assert len(data) == 3
    by_word = {row["woord"]: row for row in data}
    assert by_word["samen"]["vooral"] == "Zorg" and by_word["samen"]["log_ratio"] > 0
    assert spec["encoding"]["y"]["sort"][0] in {"samen", "patiënt"}


def test_the_photo_field_gives_the_browser_its_limits_and_texts():
    """leven-app.js checks sizes before sending; what it says comes from the catalogue."""
    import html as html_module

    from leven.core.media import MAX_UPLOAD_BYTES, MAX_UPLOAD_TOTAL_BYTES
    from leven.core.web.cli import WEBSOCKET_MAX_BYTES
    from leven.core.widgets.photo_upload import upload_guard_html

    guard = upload_guard_html()
    attributes = {k: html_module.unescape(v) for k, v in re.findall(r'(data-[\w-]+)="([^"]*)"',
                                                                    guard)}
    assert attributes["data-max-file"] == str(MAX_UPLOAD_BYTES)
    assert attributes["data-max-total"] == str(MAX_UPLOAD_TOTAL_BYTES)
    assert MAX_UPLOAD_TOTAL_BYTES < WEBSOCKET_MAX_BYTES  # a choice that fits never cuts the line
    assert attributes["data-too-large"].startswith("{naam}: Deze foto is te groot ({size})")
    assert "het maximum is 15 MB" in attributes["data-too-large"]
    assert "samen hooguit 48 MB" in attributes["data-too-much"]
    assert " hidden " in guard
