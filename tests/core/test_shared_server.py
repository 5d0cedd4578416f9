"""Two ``leven serve`` processes on one PostgreSQL (a shared server behind a reverse proxy).

Each has its own kernels and memory; what one saves, the other reads, because the store is
the only thing they share. Participants' pages run in the server process (no kernel), so
plain HTTP shows it; the facilitators' access code of ``--access-code`` opens both.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Participant, _free_port, _wait_until_up

from leven.core.example import load_example
from leven.core.store import Store
from leven.evaluatie import EvaluatieAntwoord

OPEN = "KM4TA"  # the example's open evaluation (transitie)
ANSWER = {"zelfde_taal": "4", "goede_spoor": "5", "werkt_goed": "De casustafel",
          "domein": "zorg"}


@contextlib.contextmanager
def serve(url: str, log: Path, *args: str) -> Iterator[str]:
    """``leven serve --data URL`` (no demo copy: the shared database itself) on a free port."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "leven.core.web.cli", "serve", "--data", url, "--port",
             str(port), "--pool-size", "0", *args],
            stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "LEVEN_DATABASE_URL": "", "LEVEN_LANG": "nl"})
        base = f"http://127.0.0.1:{port}/"
        try:
            _wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def two_servers(postgres, tmp_path_factory) -> Iterator[tuple[str, str, str, Path]]:
    folder = tmp_path_factory.mktemp("shared")
    url = postgres.new_database()
    store = Store(url)
    load_example(store)
    store.close()
    code = ("--access-code", "gedeeld 2345")
    with serve(url, folder / "a.log", *code) as first, \
            serve(url, folder / "b.log", *code) as second:
        yield first, second, url, folder
    postgres.drop_database(url)


def answers(url: str) -> list:
    store = Store(url)
    try:
        return [v for v in store.records(EvaluatieAntwoord)
                if v.record.evaluatie_id == "evaluatie-bijeenkomst-transitie"]
    finally:
        store.close()


def test_what_one_server_saves_the_other_reads(two_servers):
    first, second, url, folder = two_servers
    before = len(answers(url))
    phone = Participant(first)
    status, page = phone.answer(OPEN, ANSWER)
    assert status == 200 and "Dank u wel!" in page
    phone.server = second  # the same phone (cookies), the other server behind the proxy
    status, page = phone.get(f"e/{OPEN}")
    assert "U heeft al geantwoord" in page and 'value="4" checked' in page
    phone.post(f"e/{OPEN}", {**ANSWER, "zelfde_taal": "2"})  # changed through the second
    phone.server = first
    assert 'value="2" checked' in phone.get(f"e/{OPEN}")[1]
    saved = answers(url)
    assert len(saved) == before + 1
    assert [v.version for v in saved if v.record.antwoorden.get("zelfde_taal") == "2"] == [2]
    other = Participant(second)  # another phone has answered nothing, on either server
    assert "U heeft al geantwoord" not in other.get(f"e/{OPEN}")[1]
    log = (folder / "a.log").read_text()
    assert "postgresql+psycopg://postgres@/" in log  # the store it serves, said at the start


def test_one_access_code_opens_both_servers(two_servers):
    first, second, *_ = two_servers
    facilitator = Participant(first)
    status, page = facilitator.get("")
    assert status == 200 and 'name="code"' in page  # asked for the code
    facilitator.get("leven/toegang")
    status, _ = facilitator.post("leven/toegang", {"code": "GEDEELD2345"})
    assert status == 200
    facilitator.server = second  # the cookie of the first server is good on the second
    status, page = facilitator.get("")
    assert status == 200 and 'name="code"' not in page
    assert 'name="code"' in Participant(second).get("")[1]


def test_drafts_stay_per_browser_across_servers(postgres, monkeypatch):
    """Kernels of two servers (two stores on one database): each browser gets its own draft
    back on either server, never another's."""
    from leven.core.widgets import form as form_module
    from leven.proeftuin.views import BijeenkomstForm

    url = postgres.new_database()
    kernels = Store(url), Store(url)  # a kernel of each server
    anna, bram = "a" * 32, "b" * 32
    monkeypatch.setattr(form_module, "_draft_owner", "")
    for owner, store, title in ((anna, kernels[0], "Van Anna"), (bram, kernels[1], "Van Bram")):
        form_module.set_draft_owner(owner)
        form = BijeenkomstForm(store, "z")
        form.fields["titel"].widget.value = title
        form.flush_draft()
    for owner, store, title in ((anna, kernels[1], "Van Anna"), (bram, kernels[0], "Van Bram")):
        form_module.set_draft_owner(owner)  # after a reload, answered by the other server
        again = BijeenkomstForm(store, "z")
        again.restore_button.click()
        assert again.fields["titel"].widget.value == title
    form_module.set_draft_owner("c" * 32)
    third = BijeenkomstForm(kernels[1], "z")
    assert third.draft_box.layout.display == "none"
    for store in kernels:
        store.close()
    postgres.drop_database(url)


def test_a_store_url_is_printed_without_its_password():
    from leven.core.web.cli import sa_url_without_password

    shown = sa_url_without_password("postgresql+psycopg://leven:geheim@db.example/leven")
    assert "geheim" not in shown and shown.startswith("postgresql+psycopg://leven:***@")
    assert sa_url_without_password("sqlite:////tmp/a.sqlite") == "sqlite:////tmp/a.sqlite"


@pytest.mark.browser
def test_a_note_saved_on_a_phone_through_one_server_is_on_the_projector_of_the_other(
        two_servers, browser):
    """In Chromium, with kernels: a phone (390x844) saves a collage note through the first
    server; the projector (1920x1080), drawn by the second server's kernel, lists it."""
    import uuid

    from helpers import offline_context, open_app
    from playwright.sync_api import expect

    first, second, *_ = two_servers
    title = f"Gedeeld {uuid.uuid4().hex[:6]}"
    screens = []
    for size, server in (({"width": 390, "height": 844}, first),
                         ({"width": 1920, "height": 1080}, second)):
        holder = offline_context(browser)
        holder.page.set_viewport_size(size)
        holder.page.goto(f"{server}leven/toegang")
        holder.page.fill("input[name=code]", "gedeeld2345")
        holder.page.press("input[name=code]", "Enter")
        holder.page.wait_for_load_state()
        screens.append(holder)
    phone, projector = (holder.page for holder in screens)
    open_app(phone, first, "collage.ipynb")
    app = phone.locator(".leven-collage-app")
    app.locator("button:text-is('Nieuw')").click()
    form = app.locator(".leven-form-collage")
    form.locator(".leven-field-titel input").fill(title)
    form.locator(".leven-save").click()
    expect(form.locator(".leven-form-status-ok")).to_have_text("Opgeslagen (versie 1).",
                                                                timeout=60_000)
    open_app(projector, second, "collage.ipynb")
    picker = projector.locator(".leven-collage-app").get_by_label("Bewerken:")
    expect(picker.locator("option", has_text=title)).to_have_count(1, timeout=60_000)
    for holder in screens:
        holder.context.close()
        assert holder.external == [], f"requests outside this machine: {holder.external}"
