"""The participants' pages against a real ``leven serve``: no kernel, no browser needed.

And LAN mode: every facilitator route behind the access code, the participants' pages open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Participant, running_server

from leven.core.store import Store
from leven.evaluatie import Evaluatie, EvaluatieAntwoord

OPEN, CLOSED = "KM4TA", "HRT3X"  # the demo's open (transitie) and closed (start) evaluations
ANSWER = {"zelfde_taal": "4", "goede_spoor": "5", "werkt_goed": "De casustafel",
          "domein": "zorg"}


@pytest.fixture(scope="module")
def quiet_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A server without preheated kernels: the participants' pages need none."""
    folder = tmp_path_factory.mktemp("evaluatie")
    with running_server(folder, "--pool-size", "0") as url:
        yield url, folder


def _answers(folder: Path, evaluatie: str = "evaluatie-bijeenkomst-transitie") -> list:
    store = Store(f"sqlite:///{folder / 'demo.sqlite'}")
    try:
        return [v for v in store.records(EvaluatieAntwoord) if v.record.evaluatie_id == evaluatie]
    finally:
        store.close()


def test_the_demo_prints_the_participants_address(quiet_server):
    url, folder = quiet_server
    log = (folder / "server.log").read_text()
    lines = log.splitlines()
    assert f"Deelnemers: {url}e/{OPEN}" in lines
    assert lines.index(f"Deelnemers: {url}e/{OPEN}") > next(
        i for i, line in enumerate(lines) if url in line and "start op" in line)


def test_the_form_is_small_dutch_and_local(quiet_server):
    url, _ = quiet_server
    phone = Participant(url)
    status, page = phone.get(f"e/{OPEN}")
    assert status == 200 and '<html lang="nl">' in page
    assert "Spreken we dezelfde taal?" in page and 'name="_xsrf"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from elsewhere
    total = len(page.encode()) + sum(
        len(phone.get(f"leven/static/{name}")[1].encode()) for name in ("leven.css", "leven.js"))
    # the shared stylesheet carries the one design of every page (issue 16), the fitted
    # charts' rules included: 40.4 KB measured (the app pages' script, leven-app.js, is not
    # loaded here)
    assert total < 42_000
    assert "jupyter" not in page.lower() and "voila" not in page.lower()


def test_the_join_page_takes_a_typed_code(quiet_server):
    url, _ = quiet_server
    phone = Participant(url)
    status, page = phone.get("e")
    assert status == 200 and "Vul de code in" in page
    status, page = phone.get("e?code=km4-ta")  # lower case, a dash: still found
    assert status == 200 and "Zitten we op het goede spoor?" in page


@pytest.mark.parametrize(("code", "status", "text"), [
    ("ZZZZZ", 404, "Deze code kennen we niet"),
    (CLOSED, 410, "Deze evaluatie is gesloten"),
])
def test_an_unknown_or_closed_code_says_so(quiet_server, code, status, text):
    url, _ = quiet_server
    got, page = Participant(url).get(f"e/{code}")
    assert got == status and text in page and "Traceback" not in page


def test_an_answer_is_stored_once_per_browser_and_may_change(quiet_server):
    url, folder = quiet_server
    before = len(_answers(folder))
    phone = Participant(url)
    status, page = phone.answer(OPEN, ANSWER)
    assert status == 200 and "Dank u wel!" in page
    status, page = phone.get(f"e/{OPEN}")
    assert "U heeft al geantwoord" in page and 'value="4" checked' in page
    assert "De casustafel" in page  # the form shows what this browser sent
    phone.post(f"e/{OPEN}", {**ANSWER, "zelfde_taal": "2"})
    Participant(url).answer(OPEN, ANSWER)  # another phone
    answers = _answers(folder)
    assert len(answers) == before + 2
    mine = [v for v in answers if v.record.antwoorden.get("zelfde_taal") == "2"]
    assert len(mine) == 1 and mine[0].version == 2 and mine[0].saved_by == ""


def test_a_bad_answer_keeps_what_was_typed_and_says_why(quiet_server):
    url, folder = quiet_server
    before = len(_answers(folder))
    phone = Participant(url)
    phone.get(f"e/{OPEN}")
    status, page = phone.post(f"e/{OPEN}", {"werkt_goed": "Veel geleerd", "zelfde_taal": "9"})
    assert status == 400
    assert "Kies een antwoord." in page and "Veel geleerd" in page
    assert len(_answers(folder)) == before


def test_a_post_without_the_xsrf_token_or_too_large_is_refused(quiet_server):
    url, folder = quiet_server
    before = len(_answers(folder))
    phone = Participant(url)
    phone.get(f"e/{OPEN}")
    status, page = phone.post(f"e/{OPEN}", ANSWER, xsrf=False)
    assert status == 403 and "Traceback" not in page
    status, page = phone.post(f"e/{OPEN}", {**ANSWER, "werkt_goed": "x" * 70_000})
    assert status == 413 and "te lang om te versturen" in page
    assert len(_answers(folder)) == before


def test_guessing_codes_is_stopped(quiet_server):
    """(The last test on this server: its address is then blocked for a minute.)"""
    url, _ = quiet_server
    phone = Participant(url)
    statuses = [phone.get(f"e/Q{n:04d}")[0] for n in range(22)]
    first = statuses.index(429)  # 20 unknown codes a minute per address, this test's included
    assert 15 <= first <= 20 and set(statuses[:first]) == {404} and set(statuses[first:]) == {429}
    status, page = phone.get(f"e/{OPEN}")
    assert status == 429 and "Te veel pogingen" in page


# -- LAN mode ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lan_server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """``--lan`` (on 127.0.0.1 here: tests talk to this machine only); yields URL and code."""
    folder = tmp_path_factory.mktemp("lan")
    with running_server(folder, "--lan", "--ip", "127.0.0.1", "--pool-size", "0") as url:
        log = (folder / "server.log").read_text()
        code = re.search(r"toegangscode ([A-Z0-9]{8})", log)[1]
        assert "▀" in log or "█" in log  # the open evaluation's QR code in the terminal
        yield url, code


@pytest.mark.parametrize("path", [
    "", "voila/render/gas.ipynb?proeftuin=bergeijk", "leven/foto/0123456789abcdef",
    "leven/static/fontawesome/css/all.min.css",
])
def test_lan_mode_asks_facilitators_for_the_code(lan_server, path):
    url, _ = lan_server
    status, page = Participant(url).get(path)
    assert status == 200 and "Toegang voor begeleiders" in page  # after the redirect


def test_lan_mode_refuses_the_kernel_api_without_the_code(lan_server):
    url, _ = lan_server
    status, _ = Participant(url).get("api/kernels/11111111-2222-3333-4444-555555555555")
    assert status == 403


def test_lan_mode_serves_the_participants_pages(lan_server):
    url, _ = lan_server
    phone = Participant(url)
    status, page = phone.answer(OPEN, ANSWER)
    assert status == 200 and "Dank u wel!" in page
    assert phone.get("leven/static/leven.css")[0] == 200


def test_the_access_code_opens_everything_once_per_browser(lan_server):
    url, code = lan_server
    facilitator = Participant(url)
    facilitator.get("leven/toegang")
    status, page = facilitator.post("leven/toegang?next=/", {"code": code.lower()})
    assert status == 200 and "Proeftuinen" in page  # the start page
    cookie = next(c for c in facilitator.cookies if c.name == "leven_toegang")
    assert cookie.has_nonstandard_attr("HttpOnly") and code not in cookie.value
    status, page = facilitator.get("voila/render/gas.ipynb?proeftuin=bergeijk")
    assert status == 200 and "Toegang voor begeleiders" not in page
    for elsewhere in ("/\\evil.example/", "//evil.example/", "http://evil.example/"):
        status, page = facilitator.post(f"leven/toegang?next={elsewhere}", {"code": code})
        assert status == 200 and "Proeftuinen" in page  # sent to the start page, not away


def test_an_address_other_machines_reach_needs_the_code_even_without_lan(tmp_path):
    # 127.0.0.2: on this machine, but not "only this computer" to the workbook
    with running_server(tmp_path, "--ip", "127.0.0.2", "--pool-size", "0") as url:
        assert "toegangscode" in (tmp_path / "server.log").read_text()
        status, page = Participant(url).get("")
        assert status == 200 and "Toegang voor begeleiders" in page
        assert Participant(url).get(f"e/{OPEN}")[0] == 200


def test_wrong_access_codes_are_limited_per_address(lan_server):
    url, code = lan_server
    guesser = Participant(url)
    guesser.get("leven/toegang")
    statuses = [guesser.post("leven/toegang", {"code": f"FOUT{n}"})[0] for n in range(6)]
    assert statuses == [403] * 5 + [429]
    status, page = guesser.post("leven/toegang", {"code": code})
    assert status == 429 and "Te veel pogingen" in page  # even the right one, for a minute
    assert Evaluatie.KIND  # the store was never touched by a guess


def test_the_participants_pages_speak_english_with_the_setting(tmp_path):
    with running_server(tmp_path, "--pool-size", "0", "--lang", "en") as url:
        phone = Participant(url)
        status, page = phone.get(f"e/{OPEN}")
        assert status == 200 and '<html lang="en">' in page
        assert "Do we speak the same language?" in page and "not at all" in page
        status, page = phone.answer(OPEN, ANSWER)
        assert "Thank you!" in page
        assert "Participants: " in (tmp_path / "server.log").read_text()
