"""The header of every app page (issue 16): the proeftuin's steps in the order of the method,
Stap 1 ... Stap 5 first, then the instruments of the process; the start page keeps its order."""

from __future__ import annotations

import re

import pytest

from leven.core.web.notebooks import Notebook, in_method_order, notebooks
from leven.core.web.pages import header_html

#: the method's steps, then the process's instruments in their start-page order
HEADER_ORDER = ["kernthema", "netwerkkaart", "collage", "experiment", "gas",
                "proeftuin", "jaar", "stakeholdergesprek", "checklist", "evaluatie",
                "leerwerkplatform"]


def _steps(page: str) -> list[tuple[str, str, bool]]:
    """(notebook stem, label, current) of every link in the header's steps."""
    nav = re.search(r'<nav class="leven-steps".*?</nav>', page).group(0)
    return [(stem, label, bool(current)) for stem, current, label in
            re.findall(r'href="[^"]*/([a-z]+)\.ipynb"( aria-current="page")?>([^<]*)</a>', nav)]


@pytest.mark.usefixtures("dutch")
def test_the_header_lists_stap_1_to_5_first_then_the_process():
    page = header_html({"kind": "app", "title": "gas.app.title"}, base_url="/")
    steps = _steps(page)
    assert [stem for stem, _, _ in steps] == HEADER_ORDER
    labels = [label for _, label, _ in steps]
    assert labels[:5] == ["Stap 1 · Kernthema en ambitie", "Stap 2 · Verkennen",
                          "Stap 3 · Verbeelden", "Stap 4–5 · Experimenten",
                          "Stap 5 · Doelbereik (GAS)"]
    assert not any(label.startswith("Stap") for label in labels[5:])
    assert [stem for stem, _, current in steps if current] == ["gas"]


def test_the_start_page_keeps_its_own_order():
    apps = [nb.path for nb in notebooks() if nb.kind == "app"]
    assert apps[:3] == ["proeftuin.ipynb", "jaar.ipynb", "stakeholdergesprek.ipynb"]
    assert apps.index("kernthema.ipynb") < apps.index("checklist.ipynb")


def test_an_app_without_a_step_comes_after_the_steps_by_its_order():
    new = Notebook("nieuw.ipynb", "app", 5, "nieuw.app.title", "", step=None)
    late = Notebook("laat.ipynb", "app", 95, "laat.app.title", "", step=None)
    stap = Notebook("stap.ipynb", "app", 99, "stap.app.title", "", step=2)
    eerst = Notebook("eerst.ipynb", "app", 98, "eerst.app.title", "", step=1)
    assert in_method_order([late, stap, new, eerst]) == [eerst, stap, new, late]


def test_a_page_that_is_no_app_has_no_steps():
    assert "leven-steps" not in header_html({}, base_url="/")
    assert "leven-steps" not in header_html({"kind": "app"}, base_url="/", steps=False)
