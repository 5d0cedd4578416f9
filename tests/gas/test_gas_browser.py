"""The GAS app in a real Chromium against a real ``leven serve --demo``.

A facilitator starts a new experiment, describes a goal, is refused a scoring without a
chosen level, records a nulmeting and a vervolgmeting, reads the T-scores on the page, and
finds the goal back after a reload.
"""

from __future__ import annotations

from uuid import uuid4

import pytest
from helpers import open_app

pytestmark = pytest.mark.browser


def test_goal_scored_twice_in_a_new_experiment(server, offline_page):
    page = offline_page
    experiment = f"Casustafel proef {uuid4().hex[:6]}"
    goal = f"Elke maand een casustafel ({uuid4().hex[:6]})"
    open_app(page, server, "gas.ipynb")

    page.fill(".leven-gas-nieuw-experiment input", experiment)
    page.click(".leven-gas-experiment-beginnen")
    page.wait_for_selector(f".leven-gas-app .leven-form-status-ok:has-text('{experiment}')")
    form = ".leven-form-gas_doel"
    assert page.input_value(f"{form} .leven-field-experiment input") == experiment

    page.fill(f"{form} .leven-field-doel textarea", goal)
    page.fill(f"{form} .leven-field-niveau_min1 textarea", "Eén casustafel in het hele jaar")
    page.fill(f"{form} .leven-field-niveau_0 textarea", "Elke maand een casustafel")
    page.fill(f"{form} .leven-field-niveau_plus1 textarea", "Het sociaal domein brengt casussen in")
    page.click(f"{form} .leven-save")
    page.wait_for_selector(f"{form} .leven-form-status-ok:has-text('versie 1')")
    page.wait_for_selector(f".leven-gas-app .leven-table:has-text('{goal}')")

    page.click(".lm-TabBar-tab:has-text('2. Scoren')")
    scoring = ".leven-form-gas_score"
    page.select_option(f"{scoring} .leven-field-doel_id select", label=f"1. {goal}")
    page.click(f"{scoring} .leven-field-meting button:has-text('nulmeting')")
    page.fill(f"{scoring} .leven-field-datum input", "13-05-2025")
    # The group's own words stand beside each level; none is chosen yet.
    level = f"{scoring} .leven-field-niveau label"
    page.wait_for_selector(f"{level}:has-text('-1 · minder bereikt dan verwacht: Eén casustafel')")
    assert page.locator(f"{scoring} .leven-field-niveau input:checked").count() == 0
    page.click(f"{scoring} .leven-save")
    refused = page.wait_for_selector(f"{scoring} .leven-field-niveau .leven-field-error")
    assert (
        refused.inner_text() == "Kies welk niveau is bereikt: een heel getal van -2 tot en met +2."
    )

    page.click(f"{level}:has-text('-1 ·')")
    page.click(f"{scoring} .leven-save")
    page.wait_for_selector(f"{scoring} .leven-form-status-ok:has-text('nulmeting')")

    page.select_option(f"{scoring} .leven-field-doel_id select", label=f"1. {goal}")
    page.click(f"{scoring} .leven-field-meting button:has-text('vervolgmeting')")
    page.fill(f"{scoring} .leven-field-datum input", "16-09-2025")
    page.click(f"{level}:has-text('+1 ·')")
    page.click(f"{scoring} .leven-save")
    page.wait_for_selector(f"{scoring} .leven-form-status-ok:has-text('vervolgmeting')")

    # One goal, unweighted: −1 → T = 40, +1 → T = 60, change +20.
    summary = page.wait_for_selector(".leven-gas-samenvatting:has-text('60,0')")
    assert "T-score nulmeting 40,0" in summary.inner_text()
    assert "laatste vervolgmeting 60,0" in summary.inner_text()
    assert "verandering +20,0" in summary.inner_text()
    page.click(".lm-TabBar-tab:has-text('3. Resultaat')")
    page.wait_for_selector(".leven-gas-resultaat:has-text('T-score vervolgmeting: 60,0')")
    # its chart is drawn by Vega served from this machine (the page fails on other requests)
    page.wait_for_selector(".leven-gas-result .vega-embed svg, "
                           ".leven-gas-result .vega-embed canvas")

    page.reload()
    page.wait_for_selector(".leven-app", timeout=90_000)
    page.select_option(".leven-gas-experiment select", label=experiment)
    page.wait_for_selector(f".leven-gas-app .leven-table:has-text('{goal}')")
    page.wait_for_selector(".leven-gas-samenvatting:has-text('T-score nulmeting 40,0')")
