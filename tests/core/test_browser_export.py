"""The researchers' export from the start page, in a real Chromium against a real server:
the link downloads a zip of the pseudonymised export (at a phone and a projector)."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import zipfile

import pytest
from helpers import OfflinePage

pytestmark = pytest.mark.browser

VIEWPORTS = {"telefoon": {"width": 390, "height": 844},
             "projector": {"width": 1920, "height": 1080}}
#: example people (data/example/deelnemers.json) whose names must not be in the download
NAMES = ("Anna de Vries", "Marieke Jansen", "Karim El Idrissi", "Petra van Dijk")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_the_start_page_link_downloads_the_pseudonymised_export(server, browser, screen,
                                                                  tmp_path):
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORTS[screen],
                                  accept_downloads=True)
    holder = OfflinePage(context)
    page = holder.page
    try:
        page.goto(server)
        link = page.get_by_role("link", name="Gegevens exporteren")
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[screen]["width"]
        with page.expect_download(timeout=120_000) as info:
            link.click()
        download = info.value
        assert download.suggested_filename.startswith("leven-export-alle-")
        path = tmp_path / download.suggested_filename
        download.save_as(path)
    finally:
        context.close()
    assert holder.external == []
    with zipfile.ZipFile(path) as archive:
        members = archive.namelist()
        assert {"codeboek.md", "datapackage.json", "leven.xlsx", "sav/deelnemer.sav",
                "dta/gas_score.dta", "parquet/deelnemer.parquet"} <= set(members)
        package = json.loads(archive.read("datapackage.json"))
        assert "deelnemer" in {r["name"] for r in package["resources"]}
        everything = b"".join(archive.read(m) for m in members if not m.endswith(
            (".xlsx", ".parquet")))
        with zipfile.ZipFile(io.BytesIO(archive.read("leven.xlsx"))) as book:
            everything += b"".join(book.read(m) for m in book.namelist())
    text = everything.decode("utf-8", errors="ignore")
    for name in NAMES:
        assert name not in text
    assert "P-" in text


def test_an_unknown_proeftuin_is_not_found(server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}leven/export.zip?proeftuin=nergens", timeout=60)
    assert refused.value.code == 404


def test_one_proeftuin_only(server):
    with urllib.request.urlopen(f"{server}leven/export.zip?proeftuin=lindendal",
                                timeout=120) as response:
        assert response.headers["Content-Type"] == "application/zip"
        data = response.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rows = archive.read("csv/kernthema.csv").decode("utf-8").splitlines()[1:]
    assert rows and all(",lindendal," in row for row in rows)
