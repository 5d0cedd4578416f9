"""Kernthema and collage apps in a real headless Chromium against a real ``leven serve --demo``.

Photos go through the real path: the browser reads the file, ipywidgets sends it over the
websocket, the kernel cleans and stores it, the gallery shows it after a reload.
"""

from __future__ import annotations

import random
import re
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from helpers import open_app
from PIL import Image

from leven.core.media import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.browser

GPS_TAG = 0x8825


def _phone_photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[GPS_TAG] = {1: "N", 2: (52.0, 5.0, 24.0), 3: "E", 4: (5.0, 7.0, 12.0)}
    Image.new("RGB", (1600, 1200), (40, 120, 200)).save(path, format="JPEG", exif=exif)
    return path


def _noisy_jpeg(path: Path, width: int, height: int) -> Path:
    """Random pixels at the highest quality: a JPEG about as large as a phone photo."""
    rng = random.Random(width * height)
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    noise.save(path, format="JPEG", quality=100, subsampling=0)
    return path


def _choose_files(page: object, *paths: Path) -> None:
    """Pick files with the FileUpload button (its file input is not in the DOM)."""
    with page.expect_file_chooser() as chooser:
        page.locator(".leven-form-collage .leven-photo-upload").click()
    chooser.value.set_files([str(p) for p in paths])


def test_a_changed_ambition_becomes_a_new_version_beside_the_old(server, offline_page):
    page = offline_page
    open_app(page, server, "kernthema.ipynb")
    page.get_by_role("tab", name="Hoe de ambitie veranderde").click()
    before = page.locator(".leven-kt-card").count()
    assert before >= 2
    page.get_by_role("tab", name="Kernthema en ambitie").click()
    marker = f"test{uuid.uuid4().hex[:6]}"
    ambitie = page.locator(".leven-form-kernthema .leven-field-ambitie textarea")
    ambitie.fill(ambitie.input_value() + f" Ook {marker}.")
    page.locator(".leven-form-kernthema .leven-save").click()
    page.wait_for_selector(".leven-form-kernthema .leven-form-status-ok")
    page.get_by_role("tab", name="Hoe de ambitie veranderde").click()
    cards = page.locator(".leven-kt-card")
    assert cards.count() == before + 1
    assert "11-02-2025" in cards.nth(1).inner_text()
    assert page.locator(".leven-kt-card").last.locator("ins", has_text=marker).count() == 1


def test_a_note_with_a_photo_is_in_the_gallery_after_a_reload(server, offline_page, tmp_path):
    page = offline_page
    open_app(page, server, "collage.ipynb")
    form = page.locator(".leven-form-collage")
    assert "15 MB" in form.locator(".leven-field-foto_ids").inner_text()
    title = f"Bruggen over het water {uuid.uuid4().hex[:6]}"
    form.locator(".leven-field-titel input").fill(title)
    form.locator(".leven-field-tekst textarea").fill("Wij bouwen bruggen <b>samen</b>.")
    _choose_files(page, _phone_photo(tmp_path / "IMG_0042.jpg"))
    form.locator(".leven-photo-preview img").wait_for()
    assert form.locator(".leven-field-error:visible").count() == 0
    form.locator(".leven-save").click()
    page.wait_for_selector(".leven-form-collage .leven-form-status-ok")

    page.reload()
    page.wait_for_selector(".leven-app", timeout=90_000)
    page.get_by_role("tab", name="Galerij").click()
    card = page.locator(".leven-card-note", has_text=title)
    card.wait_for()
    assert "Wij bouwen bruggen <b>samen</b>." in card.inner_text()  # shown as text
    image = card.locator("img.leven-note-photo")
    image.wait_for()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("i => i.naturalWidth") > 0

    # The full photo comes from the app's own route, cleaned.
    url = card.locator("a").first.evaluate("a => a.href")
    assert re.search(r"/leven/foto/[0-9a-f]{32}$", url)
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    served = Image.open(BytesIO(response.body()))
    assert served.size == (1600, 1200) and dict(served.getexif()) == {}


def test_a_12_mb_phone_photo_arrives(server, offline_page, tmp_path):
    page = offline_page
    photo = _noisy_jpeg(tmp_path / "groot.jpg", 2048, 1536)
    assert 11 * 1024 * 1024 < photo.stat().st_size < MAX_UPLOAD_BYTES
    open_app(page, server, "collage.ipynb")
    _choose_files(page, photo)
    field = page.locator(".leven-form-collage .leven-field-foto_ids")
    field.locator(".leven-photo-preview img, .leven-field-error:visible").first.wait_for(
        timeout=90_000
    )
    # Below the limit, so it must arrive (the websocket takes more than Tornado's 10 MB).
    assert field.locator(".leven-field-error:visible").count() == 0
    assert field.locator(".leven-photo-preview img").count() == 1
    assert page.locator("#leven-banner").is_hidden()


def _largest_sent_frames(page: object) -> list[int]:
    """Sizes of what the page sends over its websockets from now on (the largest first)."""
    sizes: list[int] = []

    def watch(socket: object) -> None:
        socket.on("framesent", lambda payload: sizes.append(len(payload)))

    page.on("websocket", watch)
    return sizes


def test_a_photo_over_the_limit_gets_the_size_message(server, offline_page, tmp_path):
    page = offline_page
    sent = _largest_sent_frames(page)
    photo = _noisy_jpeg(tmp_path / "te-groot.jpg", 2500, 1800)
    assert photo.stat().st_size > MAX_UPLOAD_BYTES
    open_app(page, server, "collage.ipynb")
    page.locator(".leven-form-collage .leven-field-titel input").fill("Blijft staan")
    _choose_files(page, photo)
    error = page.locator(".leven-form-collage .leven-field-foto_ids .leven-field-error")
    error.wait_for(timeout=90_000)
    assert "te groot" in error.inner_text() and "15 MB" in error.inner_text()
    assert "te-groot.jpg" in error.inner_text()  # said by the browser: the photo stayed here
    assert max(sent) < 1024 * 1024
    assert page.locator(".leven-form-collage .leven-photo-preview").count() == 0
    assert page.locator(".leven-form-collage .leven-field-titel input").input_value() == (
        "Blijft staan"
    )


def test_of_several_photos_the_too_large_one_is_left_out(server, offline_page, tmp_path):
    page = offline_page
    large = _noisy_jpeg(tmp_path / "te-groot.jpg", 2500, 1800)
    small = _phone_photo(tmp_path / "klein.jpg")
    open_app(page, server, "collage.ipynb")
    _choose_files(page, large, small)
    field = page.locator(".leven-form-collage .leven-field-foto_ids")
    field.locator(".leven-photo-preview img").first.wait_for(timeout=90_000)
    assert field.locator(".leven-photo-preview img").count() == 1  # the small one arrived
    assert "te-groot.jpg" in field.locator(".leven-upload-guard").inner_text()
    assert "klein.jpg" not in field.locator(".leven-upload-guard").inner_text()


def test_photos_too_large_together_are_not_sent(server, offline_page, tmp_path):
    page = offline_page
    sent = _largest_sent_frames(page)
    first = _noisy_jpeg(tmp_path / "een.jpg", 700, 500)
    second = _noisy_jpeg(tmp_path / "twee.jpg", 700, 500)
    open_app(page, server, "collage.ipynb")
    together = first.stat().st_size + second.stat().st_size
    guard = page.locator(".leven-form-collage .leven-upload-guard")
    # the limit the page was given, lowered here so that two small photos exceed it together
    guard.evaluate(f"g => g.setAttribute('data-max-total', '{together - 1}')")
    _choose_files(page, first, second)
    guard.wait_for(state="visible", timeout=30_000)
    assert "samen te groot" in guard.inner_text()
    page.wait_for_timeout(1500)
    assert page.locator(".leven-form-collage .leven-photo-preview").count() == 0
    assert max(sent) < first.stat().st_size  # neither photo went over the websocket
