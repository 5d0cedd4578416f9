"""The server over HTTP: start page, creating a proeftuin, XSRF, Dutch pages, no CDN."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest


def _client() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _get(client, url: str) -> tuple[int, str]:
    try:
        with client.open(url, timeout=90) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _post(client, url: str, fields: dict[str, str]) -> tuple[int, str, str]:
    data = urllib.parse.urlencode(fields).encode()
    try:
        with client.open(url, data=data, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


def _xsrf(page: str) -> str:
    return re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)


def test_start_page_lists_the_example_proeftuin_with_links_to_apps(server):
    status, page = _get(_client(), server)
    assert status == 200
    assert '<html lang="nl">' in page
    assert "Samen tot het einde in Bergeijk" in page
    assert "voila/render/proeftuin.ipynb?proeftuin=bergeijk" in page


def test_creating_a_proeftuin_redirects_and_lists_it(server):
    client = _client()
    _, page = _get(client, server)
    status, url, page = _post(client, server, {
        "_xsrf": _xsrf(page), "naam": "Proeftuin Servertest", "gemeente": "Zundert",
        "startdatum": "2025-09-01", "projectleider": "Anna",
        "kerngroep": "Anna de Vries, Huisarts\nKarim, Welzijn",
    })
    assert status == 200 and url.endswith("?nieuw=proeftuin-servertest#proeftuin-servertest")
    assert "Proeftuin Servertest" in page
    assert "voila/render/proeftuin.ipynb?proeftuin=proeftuin-servertest" in page


def test_an_empty_name_gives_a_dutch_message_and_keeps_the_input(server):
    client = _client()
    _, page = _get(client, server)
    status, _, page = _post(client, server, {
        "_xsrf": _xsrf(page), "naam": " ", "gemeente": "Servergemeente-leeg",
        "startdatum": "2025-09-01", "kerngroep": "Bram",
    })
    assert status == 400
    assert 'id="fout-naam">Vul dit veld in.</span>' in page
    assert 'value="Servergemeente-leeg"' in page
    _, start = _get(client, server)
    assert start.count("Servergemeente-leeg") == 0


def test_a_post_without_xsrf_token_is_refused(server):
    status, _, page = _post(_client(), server, {"naam": "Zonder token", "gemeente": "X",
                                                "startdatum": "2025-01-01"})
    assert status == 403
    assert "Traceback" not in page and "Er ging iets mis" in page
    _, start = _get(_client(), server)
    assert "Zonder token" not in start


def test_an_unknown_page_is_dutch_and_shows_no_traceback(server):
    status, page = _get(_client(), server + "leven/foto/0123456789abcdef")
    assert status == 404
    assert "Traceback" not in page


def test_app_page_is_dutch_and_loads_nothing_from_a_cdn(server):
    status, page = _get(_client(), server + "voila/render/proeftuin.ipynb?proeftuin=bergeijk")
    assert status == 200
    assert '<html lang="nl">' in page
    assert "wordt geladen" in page and "Running" not in page
    assert "Bezig: stap {index} van {count}" in page and "Executing" not in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert external == []
    assert 'href="/leven/static/fontawesome/css/all.min.css"' in page


ASSETS = ["leven/static/leven.js", "leven/static/fontawesome/css/all.min.css",
          "leven/static/fontawesome/webfonts/fa-solid-900.woff2"]


@pytest.mark.parametrize("path", ASSETS)
def test_local_assets_are_served(server, path):
    with urllib.request.urlopen(server + path, timeout=30) as response:
        assert response.status == 200


def test_a_missing_static_file_gets_the_dutch_page(server):
    status, page = _get(_client(), server + "leven/static/bestaat-niet.css")
    assert status == 404
    assert "Deze pagina bestaat niet." in page and "Not Found" not in page


def test_notebook_files_are_not_served(server):
    status, _ = _get(_client(), server + "voila/files/proeftuin.ipynb")
    assert status in (403, 404)


def test_english_is_a_setting_for_every_page(tmp_path):
    from helpers import running_server

    with running_server(tmp_path, LEVEN_LANG="en") as english:
        _, start = _get(_client(), english)
        _, app = _get(_client(), english + "voila/render/proeftuin.ipynb?proeftuin=bergeijk")
    assert '<html lang="en">' in start and "Create proeftuin" in start
    assert '<html lang="en">' in app and "Loading " in app and "wordt geladen" not in app
    assert "Working: step {index} of {count}" in app


def test_a_foreign_host_name_is_refused(server):
    request = urllib.request.Request(server, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403


def test_voila_tree_leads_to_the_start_page(server):
    status, page = _get(_client(), server + "voila/tree")
    assert status == 200 and "Uw proeftuinen" in page


def test_a_missing_notebook_gets_our_dutch_page_without_cdn(server):
    status, page = _get(_client(), server + "voila/render/bestaat-niet.ipynb")
    assert status == 404
    assert "Deze pagina bestaat niet." in page
    assert "jsdelivr" not in page and "Voil" not in page


def test_a_proeftuin_is_saved_with_its_kerngroep_or_not_at_all(example_store, monkeypatch):
    """A failure while saving the kerngroep leaves no half-made proeftuin behind."""
    import sqlalchemy as sa

    from leven.core.store import Store
    from leven.proeftuin import Deelnemer, Proeftuin
    from leven.proeftuin import pages as start_page

    monkeypatch.setattr(start_page, "open_store", lambda: example_store)
    values = {"naam": "Rucphen", "gemeente": "Rucphen", "startdatum": "2026-03-01",
              "kerngroep": "Anna de Vries; Thuiszorg West; zorg\nBram Smit; Welzijn; sociaal"}
    insert = Store._insert

    def failing_for_members(record, *args):
        if isinstance(record, Deelnemer):
            return sa.text("INSERT INTO ontbreekt VALUES (1)")  # fails inside the transaction
        return insert(record, *args)

    monkeypatch.setattr(Store, "_insert", staticmethod(failing_for_members))
    members_before = len(example_store.records(Deelnemer))
    errors = start_page.create_proeftuin(values)
    assert errors == {"": "Niet opgeslagen: de gegevensopslag gaf een fout. Uw invoer staat "
                          "nog in het formulier; probeer het opnieuw."}
    assert example_store.latest(Proeftuin, "rucphen") is None
    assert len(example_store.records(Deelnemer)) == members_before
    monkeypatch.setattr(Store, "_insert", staticmethod(insert))
    assert start_page.create_proeftuin(values) == "rucphen"  # trying again: one proeftuin
    assert len(example_store.records(Deelnemer, "rucphen")) == 2


def test_a_second_proeftuin_of_the_same_name_asks_to_confirm(server):
    client = _client()
    _, page = _get(client, server)
    values = {"_xsrf": _xsrf(page), "naam": "Proeftuin Dubbel", "gemeente": "Rucphen",
              "startdatum": "2025-09-01", "kerngroep": "Anna de Vries, Huisarts"}
    status, url, _ = _post(client, server, values)
    assert status == 200 and url.endswith("#proeftuin-dubbel")
    status, _, page = _post(client, server, {**values, "naam": "  proeftuin   dubbel "})
    assert status == 400
    assert "Er is al een proeftuin ‘Proeftuin Dubbel’ in Rucphen" in page
    assert 'name="toch" value="1"' in page and 'value="Rucphen"' in page
    status, url, _ = _post(client, server, {**values, "toch": "1"})
    assert status == 200 and url.endswith("#proeftuin-dubbel-2")


def test_a_huge_request_body_is_refused_before_it_is_read(server):
    """A body over 1 MB is refused from its Content-Length, not read into memory first."""
    import http.client
    from urllib.parse import urlparse

    from leven.core.web.server import MAX_REQUEST_BYTES

    where = urlparse(server)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    connection.putrequest("POST", "/e/KM4TA")
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Content-Length", str(100 * MAX_REQUEST_BYTES))
    connection.endheaders()
    connection.send(b"a=" + b"x" * 1000)  # far less than announced: the server does not wait
    assert connection.getresponse().status == 400
    connection.close()
