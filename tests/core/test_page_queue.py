"""Many app pages opened at once all appear: at most N are drawn at once, the others wait
in a queue on a Dutch page that goes on by itself; a page whose widgets never appear is
reloaded once and then says so."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
from helpers import offline_context, running_server

from leven.core.web.queue import TICKET_ARGUMENT, PageQueue, with_ticket


def test_first_come_first_served_within_the_limit():
    queue = PageQueue(limit=2)
    assert queue.enter() == (0, "")
    assert queue.enter() == (0, "")
    place_c, ticket_c = queue.enter()
    place_d, ticket_d = queue.enter()
    assert (place_c, place_d) == (1, 2)
    assert queue.enter(ticket_d) == (2, ticket_d)  # asking again keeps the place
    queue.leave()
    # d asks before c, but c is first in line: d waits, c goes
    assert queue.enter(ticket_d) == (2, ticket_d)
    place_e, _ = queue.enter()  # a newcomer does not jump the queue
    assert place_e == 3
    assert queue.enter(ticket_c) == (0, "")
    assert queue.drawing == 2
    assert queue.enter(ticket_d) == (1, ticket_d)


def test_a_browser_that_went_away_is_forgotten():
    queue = PageQueue(limit=1, patience=0.2)
    queue.enter()
    _, gone = queue.enter()
    _, stays = queue.enter()
    for _ in range(3):
        time.sleep(0.1)
        assert queue.enter(stays)[0] in (1, 2)
    assert queue.enter(stays) == (1, stays)  # the one ahead stopped asking
    assert queue.waiting == 1
    queue.leave()
    assert queue.enter(stays) == (0, "")
    assert queue.enter(gone)[0] == 1  # an unknown (forgotten) ticket joins at the end


def test_leave_never_counts_below_zero():
    queue = PageQueue(limit=1)
    queue.leave()
    assert queue.drawing == 0
    assert queue.enter() == (0, "")


def test_the_ticket_replaces_an_old_one_and_keeps_the_rest():
    old = f"/voila/render/gas.ipynb?proeftuin=bergeijk&{TICKET_ARGUMENT}=old"
    address = with_ticket(old, "new")
    assert address == f"/voila/render/gas.ipynb?proeftuin=bergeijk&{TICKET_ARGUMENT}=new"


@pytest.mark.browser
def test_pages_opened_at_once_wait_their_turn_and_all_appear(tmp_path, browser):
    """One page drawn at a time and no preheated kernels: the second page waits."""
    with running_server(tmp_path, "--pool-size", "0", "--pages-at-once", "1") as server:
        address = f"{server}voila/render/proeftuin.ipynb?proeftuin=bergeijk"
        first = threading.Thread(target=lambda: urllib.request.urlopen(address, timeout=120).read())
        first.start()
        time.sleep(0.5)
        with urllib.request.urlopen(address, timeout=30) as waiting:
            page = waiting.read().decode()
        assert "U bent de 1e in de rij" in page
        assert f"{TICKET_ARGUMENT}=" in page and 'http-equiv="refresh"' in page
        first.join()

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
