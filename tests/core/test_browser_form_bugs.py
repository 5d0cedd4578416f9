"""What a form shows after a save, in a real headless Chromium against a real ``leven serve``.

Issue 11, item 9: a facilitator saved, renamed and saved again, and was not sure what had been
kept. After every save a form must show the saved record, chosen in its picker, with
"Opgeslagen (versie N)."; a new record's picker says "— nieuw —"; a note's photo message no
longer asks to save once the note is saved. One browser page per app is shared by the tests
of that app (a page load takes a kernel); each test starts its own record.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import offline_context, open_app
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 30_000  # ms: a save goes to the kernel and back; the shared server may be busy

# the Dutch texts, from the message catalogues (leven/*/messages/nl.toml)
NEW = "— nieuw —"  # core.panel.new_option
NEW_GOAL = "— nieuw doel —"  # gas.doelen.nieuw_optie
PHOTO_ADDED = "Foto toegevoegd: 1. Sla de notitie op om ze te bewaren."  # collage.foto.toegevoegd
PHOTOS_KEPT = "Foto's bij deze notitie: 1."  # collage.foto.bij_notitie


def saved(version: int) -> str:
    """core.form.saved"""
    return f"Opgeslagen (versie {version})."


def _phone_photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    Image.new("RGB", (1600, 1200), (40, 120, 200)).save(path, format="JPEG", exif=exif)
    return path


def _choose_files(page: object, *paths: Path) -> None:
    """Pick files with the FileUpload button (its file input is not in the DOM)."""
    with page.expect_file_chooser() as chooser:
        page.locator(".leven-form-collage .leven-photo-upload").click()
    chooser.value.set_files([str(p) for p in paths])


def _unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def page(browser: object) -> Iterator[object]:
    """One page for this file's tests; it may only talk to localhost."""
    holder = offline_context(browser)
    yield holder.page
    holder.context.close()
    assert holder.external == [], f"requests outside this machine: {holder.external}"


def _on_app(page: object, server: str, notebook: str, proeftuin: str = "bergeijk") -> None:
    """Open the app, unless the shared page shows it already (a page load costs a kernel)."""
    wanted = f"{server}voila/render/{notebook}?proeftuin={proeftuin}"
    if page.url != wanted or page.locator(".leven-app").count() == 0:
        open_app(page, server, notebook, proeftuin)


def _chosen(select: object) -> object:
    """The option a picker shows (ipywidgets writes its spaces as no-break spaces)."""
    return select.locator("option:checked")


def _status(form: object) -> object:
    return form.locator(".leven-form-status-ok, .leven-form-status-error")


# -- collage ---------------------------------------------------------------------------


def _collage(page: object, server: str) -> tuple[object, object]:
    """The collage app with an empty note form: (its picker, its form)."""
    _on_app(page, server, "collage.ipynb")
    app = page.locator(".leven-collage-app")
    app.locator("button:text-is('Nieuw')").click()
    picker = app.get_by_label("Bewerken:")
    form = app.locator(".leven-form-collage")
    expect(_chosen(picker)).to_have_text(NEW, timeout=WAIT)
    expect(form.locator(".leven-field-titel input")).to_have_value("", timeout=WAIT)
    return picker, form


def test_a_new_note_says_new_in_its_picker(server, page):
    _on_app(page, server, "collage.ipynb")
    picker = page.locator(".leven-collage-app").get_by_label("Bewerken:")
    expect(_chosen(picker)).to_have_text(NEW)  # as the page opens
    assert picker.locator("option").first.inner_text().replace("\xa0", " ") == NEW
    _collage(page, server)  # and after "Nieuw"


def test_a_renamed_new_note_stays_saved_and_chosen(server, page):
    picker, form = _collage(page, server)
    first, second = _unique("Eerste titel"), _unique("Tweede titel")
    title = form.locator(".leven-field-titel input")
    title.fill(first)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(first, timeout=WAIT)

    title.fill(second)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(2), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(second, timeout=WAIT)
    expect(title).to_have_value(second)
    labels = [o.replace("\xa0", " ") for o in picker.locator("option").all_inner_texts()]
    assert second in labels and first not in labels  # one note, renamed: not two

    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    picker = page.locator(".leven-collage-app").get_by_label("Bewerken:")
    expect(_chosen(picker)).to_have_text(NEW, timeout=WAIT)
    picker.select_option(label=second)
    form = page.locator(".leven-form-collage")
    expect(form.locator(".leven-field-titel input")).to_have_value(second, timeout=WAIT)
    labels = [o.replace("\xa0", " ") for o in picker.locator("option").all_inner_texts()]
    assert labels.count(second) == 1 and first not in labels


def test_a_saved_note_with_a_photo_no_longer_asks_to_save_it(server, page, tmp_path):
    picker, form = _collage(page, server)
    title = _unique("Met foto")
    form.locator(".leven-field-titel input").fill(title)
    _choose_files(page, _phone_photo(tmp_path / "IMG_0042.jpg"))
    photos = form.locator(".leven-field-foto_ids")
    expect(photos.locator(".leven-photo-preview img")).to_have_count(1, timeout=WAIT)
    expect(photos).to_contain_text(PHOTO_ADDED)

    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    expect(photos).not_to_contain_text("Sla de notitie op", timeout=WAIT)
    expect(photos).to_contain_text(PHOTOS_KEPT)
    expect(photos.locator(".leven-photo-preview img")).to_have_count(1)
    expect(_chosen(picker)).to_have_text(title, timeout=WAIT)

    # a new note, then this one again: its photo is counted, nothing asks to save
    picker.select_option(index=0)
    expect(photos.locator(".leven-photo-preview")).to_have_count(0, timeout=WAIT)
    expect(photos).not_to_contain_text(PHOTOS_KEPT)
    picker.select_option(label=title)
    expect(form.locator(".leven-field-titel input")).to_have_value(title, timeout=WAIT)
    expect(photos.locator(".leven-photo-preview img")).to_have_count(1, timeout=WAIT)
    expect(photos).to_contain_text(PHOTOS_KEPT)
    expect(photos).not_to_contain_text("Sla de notitie op")


def test_the_upload_button_does_not_say_0_for_a_note_with_a_photo(server, page, tmp_path):
    _picker, form = _collage(page, server)
    form.locator(".leven-field-titel input").fill(_unique("Knop"))
    _choose_files(page, _phone_photo(tmp_path / "IMG_0043.jpg"))
    expect(form.locator(".leven-photo-preview img")).to_have_count(1, timeout=WAIT)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    assert "(0)" not in form.locator(".leven-photo-upload").inner_text()


def test_after_a_reload_a_saved_new_note_is_not_typed_back_into_the_new_form(server, page):
    _picker, form = _collage(page, server)
    title = _unique("Niet terug")
    form.locator(".leven-field-titel input").fill(title)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    page.reload()
    page.wait_for_selector(".leven-app", timeout=120_000)
    page.wait_for_timeout(2000)  # leven.js puts typed text back as soon as the form is drawn
    assert page.locator(".leven-form-collage .leven-field-titel input").input_value() == ""
    assert page.locator("#leven-banner").is_hidden()


# -- bijeenkomst (proeftuin app) ----------------------------------------------------------


def test_a_renamed_bijeenkomst_says_saved_and_stays_chosen(server, page):
    _on_app(page, server, "proeftuin.ipynb", proeftuin="lindendal")
    page.get_by_role("tab", name="Bijeenkomsten").click()
    form = page.locator(".leven-form-bijeenkomst")
    panel = page.locator(".widget-vbox:has(> .leven-form-bijeenkomst)")
    picker = panel.get_by_label("Bewerken:")
    expect(_chosen(picker)).to_have_text(NEW, timeout=WAIT)
    first, second = _unique("Werkbijeenkomst"), _unique("Transitie")
    form.locator(".leven-field-soort select").select_option(label="werkbijeenkomst")
    form.locator(".leven-field-datum input").fill("2025-05-13")
    form.locator(".leven-field-titel input").fill(first)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(f"13-05-2025 {first}", timeout=WAIT)

    form.locator(".leven-field-titel input").fill(second)
    form.locator(".leven-field-datum input").fill("2025-05-20")
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(2), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(f"20-05-2025 {second}", timeout=WAIT)
    expect(form.locator(".leven-field-titel input")).to_have_value(second)
    expect(panel.locator(".leven-table")).to_contain_text(second)

    # and once more, the third version of the same record
    form.locator(".leven-field-notities textarea").fill("Verzet naar de 20e.")
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(3), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(f"20-05-2025 {second}", timeout=WAIT)


# -- kernthema -------------------------------------------------------------------------


def test_a_saved_kernthema_says_its_version_and_keeps_what_was_saved(server, page):
    _on_app(page, server, "kernthema.ipynb")
    form = page.locator(".leven-form-kernthema")
    working = page.locator(".leven-kernthema-app .leven-meta", has_text="U werkt aan versie")
    working.wait_for(timeout=WAIT)
    current = int(re.search(r"Versie (\d+) blijft bewaard", working.inner_text()).group(1))
    marker = _unique("Ook")
    ambitie = form.locator(".leven-field-ambitie textarea")
    text = f"{ambitie.input_value()} {marker}."
    ambitie.fill(text)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(current + 1), timeout=WAIT)
    expect(working).to_contain_text(f"U werkt aan versie {current + 2}", timeout=WAIT)
    expect(ambitie).to_have_value(text)


# -- GAS -------------------------------------------------------------------------------


def test_a_changed_gas_goal_says_saved_and_stays_chosen(server, page):
    _on_app(page, server, "gas.ipynb")
    experiment, first, second = _unique("Proef"), _unique("Elke maand"), _unique("Elke week")
    page.fill(".leven-gas-nieuw-experiment input", experiment)
    page.click(".leven-gas-experiment-beginnen")
    experiments = page.locator(".leven-gas-experiment select")
    expect(_chosen(experiments)).to_have_text(f"{experiment} (nieuw)", timeout=WAIT)
    picker = page.locator(".leven-gas-doelkeuze select")
    expect(_chosen(picker)).to_have_text(NEW_GOAL, timeout=WAIT)
    form = page.locator(".leven-form-gas_doel")
    form.locator(".leven-field-doel textarea").fill(first)
    form.locator(".leven-field-niveau_0 textarea").fill("Elke maand een casustafel")
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(1), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(f"1. {first}", timeout=WAIT)
    expect(_chosen(experiments)).to_have_text(experiment, timeout=WAIT)

    form.locator(".leven-field-doel textarea").fill(second)
    form.locator(".leven-save").click()
    expect(_status(form)).to_have_text(saved(2), timeout=WAIT)
    expect(_chosen(picker)).to_have_text(f"1. {second}", timeout=WAIT)
    expect(form.locator(".leven-field-doel textarea")).to_have_value(second)
    expect(form.locator(".leven-gas-versie")).to_contain_text("Versie 2,")
    expect(_chosen(experiments)).to_have_text(experiment)
