"""The app start-up: choosing the proeftuin, and no traceback ever reaching the page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from leven.core.settings import NOTEBOOKS_DIR
from leven.core.web.notebooks import notebooks
from leven.core.widgets.app import start_app
from leven.proeftuin.views import ProeftuinApp


def test_outside_voila_the_first_proeftuin_is_chosen(example_store, monkeypatch):
    monkeypatch.delenv("LEVEN_PROEFTUIN", raising=False)
    app = start_app(store=example_store)
    assert app.proeftuin_id == "bergeijk"
    page = app.page("proeftuin.app.title", ProeftuinApp)
    assert "leven-app" in page._dom_classes


def test_an_unknown_proeftuin_gives_a_dutch_message(example_store, monkeypatch):
    monkeypatch.setenv("LEVEN_PROEFTUIN", "bestaat-niet")
    app = start_app(store=example_store)
    page = app.page("proeftuin.app.title", ProeftuinApp)
    assert app.proeftuin is None
    assert "Er is geen (bestaande) proeftuin gekozen" in page.value


def test_the_name_typed_at_the_top_is_who_saves(example_store, monkeypatch):
    monkeypatch.setenv("LEVEN_PROEFTUIN", "lindendal")
    app = start_app(store=example_store)
    widget = app.page("proeftuin.app.title", ProeftuinApp)
    app.user.value = "  Hans Kuipers "
    form = widget.children[1].details
    form.fields["beschrijving"].widget.value = "Bijgewerkt"
    form.save_button.click()
    latest = example_store.latest(type(app.proeftuin.record), "lindendal")
    assert (latest.version, latest.saved_by) == (2, "Hans Kuipers")


def test_a_failing_cell_shows_a_dutch_sentence_and_no_traceback():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from leven.core.widgets.app import guard_tracebacks\nguard_tracebacks()"
        ),
        nbformat.v4.new_code_cell("{}['ontbreekt']"),
    ]
    client = NotebookClient(nb, kernel_name="python3", timeout=120)
    with pytest.raises(CellExecutionError):  # the notebook stops there, as in Voila
        client.execute()
    outputs = nb.cells[1].outputs
    text = str(outputs)
    assert "Dit onderdeel kon niet worden geladen" in text
    assert "Traceback" not in text and "KeyError" not in text
    assert all(o["output_type"] != "error" for o in outputs)


_PAGE_TIME_IMPORTS = """
import json, os, sys
import nbformat
cells = [c.source for c in nbformat.read(sys.argv[1], as_version=4).cells]
exec("\\n".join(cells[:-1]))  # what a preheated kernel runs before the request arrives
before = set(sys.modules)
exec(cells[-1])  # what waits for the request
print(json.dumps(sorted(m for m in set(sys.modules) - before if "." not in m)))
"""


@pytest.mark.parametrize("name", [nb.path for nb in notebooks() if nb.kind == "app"])
def test_an_app_imports_nothing_heavy_after_the_request(name, example_file, tmp_path):
    """With preheated kernels, imports in the notebook's last cell are the page's wait.

    Altair alone costs ~2 s here: an app that draws charts (``draws_charts``) has it
    imported by ``start_app``, before the request.
    """
    store = tmp_path / "example.sqlite"
    shutil.copy(example_file, store)
    env = os.environ | {"LEVEN_DATABASE_URL": f"sqlite:///{store}", "LEVEN_PROEFTUIN": "bergeijk"}
    notebook = NOTEBOOKS_DIR / name
    result = subprocess.run([sys.executable, "-c", _PAGE_TIME_IMPORTS, str(notebook)],
                            capture_output=True, text=True, env=env, check=True)
    new = json.loads(result.stdout.splitlines()[-1])
    assert new == [], f"{name} imports {new} only after the request"


def test_your_name_is_remembered_per_browser(example_store, monkeypatch):
    """'Uw naam' comes back after a reload in the same browser, never in another."""
    from leven.core.widgets import form as form_module

    monkeypatch.setattr(form_module, "_draft_owner", "")  # restored after the test
    monkeypatch.setenv("LEVEN_PROEFTUIN", "lindendal")
    monkeypatch.setenv("HTTP_COOKIE", "leven_browser=" + "a" * 32)
    first = start_app(store=example_store)
    assert first.user.value == "" and first.user.continuous_update is False
    first.user.value = " Hans Kuipers "
    again = start_app(store=example_store)  # a reload: a new kernel, the same browser
    assert again.user.value == "Hans Kuipers" and again.saved_by() == "Hans Kuipers"
    monkeypatch.setenv("HTTP_COOKIE", "leven_browser=" + "b" * 32)
    other = start_app(store=example_store)
    assert other.user.value == ""
