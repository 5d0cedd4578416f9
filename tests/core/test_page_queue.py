"""Many app pages opened at once all appear: at most N are drawn at once, the others wait
in a queue on a Dutch page that goes on by itself; a page whose widgets never appear is
reloaded once and then says so."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request

import pytest
from helpers import offline_context, running_server

from leven.core.web.queue import TICKET_ARGUMENT, PageQueue, with_ticket


def admitted(entered: tuple[int, str]) -> bool:
    place, slot = entered
    return place == 0 and len(slot) == 32


def test_first_come_first_served_within_the_limit():
    queue = PageQueue(limit=2)
    first, second = queue.enter(), queue.enter()
    assert admitted(first) and admitted(second)
    place_c, ticket_c = queue.enter()
    place_d, ticket_d = queue.enter()
    assert (place_c, place_d) == (1, 2)
    assert queue.enter(ticket_d) == (2, ticket_d)  # asking again keeps the place
    queue.leave(first[1])
    # d asks before c, but c is first in line: d waits, c goes
    assert queue.enter(ticket_d) == (2, ticket_d)
    place_e, _ = queue.enter()  # a newcomer does not jump the queue
    assert place_e == 3
    assert admitted(queue.enter(ticket_c))
    assert queue.drawing == 2
    assert queue.enter(ticket_d) == (1, ticket_d)


def test_a_waiting_page_learns_its_place_without_entering():
    queue = PageQueue(limit=1)
    _, drawn = queue.enter()
    _, first = queue.enter()
    _, second = queue.enter()
    assert (queue.place(first), queue.place(second)) == (1, 2)
    assert queue.place("onbekend") == 0  # forgotten or never known: go on (and line up)
    queue.leave(drawn)
    assert (queue.place(first), queue.place(second)) == (0, 2)  # first goes; second waits
    assert queue.drawing == 0 and queue.waiting == 2  # asking took no place


def test_asking_for_the_place_keeps_a_waiting_page_in_line():
    queue = PageQueue(limit=1, patience=0.2)
    queue.enter()
    _, ticket = queue.enter()
    for _ in range(4):
        time.sleep(0.1)
        assert queue.place(ticket) == 1
    assert queue.waiting == 1


def test_a_page_sent_holds_its_place_until_its_widgets_are_shown():
    queue = PageQueue(limit=1)
    _, slot = queue.enter()
    queue.sent(slot)  # the HTML is out, the widgets are not there yet
    place, ticket = queue.enter()
    assert place == 1
    assert queue.shown("kernel-a")  # the page says its widgets are on the screen
    assert not queue.shown("kernel-a")  # said once per kernel: a second word frees nothing
    assert admitted(queue.enter(ticket))
    assert not queue.shown("kernel-b")  # the page being sent now has not been sent yet
    assert queue.drawing == 1


def test_a_page_that_never_says_it_is_shown_frees_its_place_after_a_while():
    queue = PageQueue(limit=1, hold=0.2)
    _, slot = queue.enter()
    queue.sent(slot)
    place, ticket = queue.enter()
    assert place == 1
    time.sleep(0.3)
    assert admitted(queue.enter(ticket))


def test_a_page_still_being_sent_is_never_freed_by_time():
    queue = PageQueue(limit=1, hold=0.1)
    queue.enter()
    time.sleep(0.2)
    assert queue.enter()[0] == 1


def test_a_browser_that_went_away_is_forgotten():
    queue = PageQueue(limit=1, patience=0.2)
    _, slot = queue.enter()
    _, gone = queue.enter()
    _, stays = queue.enter()
    for _ in range(3):
        time.sleep(0.1)
        assert queue.enter(stays)[0] in (1, 2)
    assert queue.enter(stays) == (1, stays)  # the one ahead stopped asking
    assert queue.waiting == 1
    queue.leave(slot)
    assert admitted(queue.enter(stays))
    assert queue.enter(gone)[0] == 1  # an unknown (forgotten) ticket joins at the end


def test_leave_never_counts_below_zero():
    queue = PageQueue(limit=1)
    queue.leave()
    queue.leave("unknown")
    assert queue.drawing == 0
    assert admitted(queue.enter())


def test_the_ticket_replaces_an_old_one_and_keeps_the_rest():
    old = f"/voila/render/gas.ipynb?proeftuin=bergeijk&{TICKET_ARGUMENT}=old"
    address = with_ticket(old, "new")
    assert address == f"/voila/render/gas.ipynb?proeftuin=bergeijk&{TICKET_ARGUMENT}=new"


@pytest.mark.browser
def test_pages_opened_at_once_wait_their_turn_and_all_appear(tmp_path, browser):
    """One page drawn at a time and no preheated kernels: the second page waits."""
    with running_server(tmp_path, "--pool-size", "0", "--pages-at-once", "1") as server:
        address = f"{server}voila/render/proeftuin.ipynb?proeftuin=bergeijk"
        drawn: list[str] = []

        def draw() -> None:
            drawn.append(urllib.request.urlopen(address, timeout=120).read().decode())

        first = threading.Thread(target=draw)
        first.start()
        time.sleep(0.5)
        with urllib.request.urlopen(address, timeout=30) as waiting:
            page = waiting.read().decode()
        assert "U bent de 1e in de rij" in page
        assert f"{TICKET_ARGUMENT}=" in page and "data-leven-ask=" in page
        # no reload while a script runs (a screen reader would start over): a script asks;
        # without script, a refresh does
        assert '<noscript><meta http-equiv="refresh"' in page
        first.join()
        # Its HTML is sent but no browser shows its widgets: the page still holds its place.
        ticket = re.search(f"{TICKET_ARGUMENT}=([0-9a-f]{{32}})", page).group(1)
        with urllib.request.urlopen(with_ticket(address, ticket), timeout=30) as waiting:
            assert "U bent de 1e in de rij" in waiting.read().decode()
        with urllib.request.urlopen(f"{server}leven/wachtrij/{ticket}", timeout=30) as asked:
            body = json.loads(asked.read())
            assert body["place"] == 1 and "U bent de 1e in de rij" in body["text"]
        kernel = re.search(r'"kernelId": *"([0-9a-f-]{36})"', drawn[0]).group(1)
        with urllib.request.urlopen(f"{server}leven/shown/{kernel}", timeout=30) as said:
            assert json.loads(said.read()) == {"freed": True}
        with urllib.request.urlopen(f"{server}leven/wachtrij/{ticket}", timeout=30) as asked:
            assert json.loads(asked.read())["place"] == 0  # its turn: the page goes on
        with urllib.request.urlopen(f"{server}leven/shown/{kernel}", timeout=30) as said:
            assert json.loads(said.read()) == {"freed": False}  # once per kernel
        with urllib.request.urlopen(f"{server}leven/shown/{'0' * 8}-0000-0000-0000-{'0' * 12}",
                                    timeout=30) as said:
            assert json.loads(said.read()) == {"freed": False}  # a kernel the server does not run

        holders = [offline_context(browser) for _ in range(3)]
        seen: list[str] = []
        for holder in holders:
            holder.page.on("response", lambda r: seen.append(r.url))
            holder.page.goto(address, wait_until="commit", timeout=120_000)
        for holder in holders:
            holder.page.wait_for_selector(".leven-app", timeout=180_000)
            kernel = json.loads(holder.page.locator("#jupyter-config-data").text_content())
            assert kernel["kernelId"]
        assert any(TICKET_ARGUMENT in url for url in seen), "no page had to wait"
        for holder in holders:
            holder.context.close()
            assert holder.external == []


NEVER_SHOWN = {
    "cells": [{
        "cell_type": "code", "execution_count": None, "id": "c1", "metadata": {},
        "outputs": [], "source": [
            "from IPython.display import display\n",
            "display({'application/vnd.jupyter.widget-view+json':\n",
            "         {'model_id': 'nergens', 'version_major': 2, 'version_minor': 0}}, raw=True)",
        ],
    }],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@pytest.mark.browser
def test_a_page_whose_widgets_never_appear_reloads_once_then_says_so(tmp_path, browser):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "kapot.ipynb").write_text(json.dumps(NEVER_SHOWN))
    with running_server(tmp_path, "--pool-size", "0", LEVEN_NOTEBOOKS_DIR=str(notebooks)) as server:
        holder = offline_context(browser)
        page = holder.page
        page.add_init_script("window.levenWatchMs = 1500")
        loads: list[str] = []
        page.on("load", lambda p: loads.append(p.url))
        page.goto(f"{server}voila/render/kapot.ipynb", timeout=120_000)
        banner = page.locator("#leven-banner")
        banner.wait_for(state="visible", timeout=60_000)
        assert "De pagina kwam niet goed op" in banner.inner_text()
        assert banner.locator(".leven-banner-reload").is_visible()
        assert len(loads) == 2, loads  # reloaded once by itself, not again and again
        holder.context.close()
        assert holder.external == []
