"""The command line: --demo never destroys real work."""

from __future__ import annotations

import pytest

from leven.core.settings import NOTEBOOKS_DIR
from leven.core.store import Store
from leven.core.web.cli import fresh_demo_store, main
from leven.proeftuin import Proeftuin


def test_a_fresh_demo_store_removes_only_its_own_files(tmp_path):
    demo = tmp_path / "mijn-demo.sqlite"
    neighbours = [tmp_path / "mijn-demo.sqlite.bak-2024", tmp_path / "mijn-demo.sqlite-notes.txt"]
    for path in neighbours:
        path.write_text("bewaren")
    Store(f"sqlite:///{demo}").save(
        Proeftuin(naam="Eigen werk", gemeente="X", startdatum="2025-01-01"), proeftuin="x",
        record_id="x")
    url = fresh_demo_store(demo)
    assert all(path.read_text() == "bewaren" for path in neighbours)
    store = Store(url)
    assert store.latest(Proeftuin, "x") is None
    assert store.latest(Proeftuin, "bergeijk").record.gemeente == "Bergeijk"


def test_demo_refuses_to_overwrite_a_store_that_is_not_a_demo(tmp_path, capsys):
    real = tmp_path / "leven.sqlite"
    Store(f"sqlite:///{real}").save(
        Proeftuin(naam="Echt", gemeente="X", startdatum="2025-01-01"), proeftuin="x",
        record_id="x")
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--demo", "--data", str(real)])
    assert "is geen demo-bestand" in str(stopped.value)
    assert Store(f"sqlite:///{real}").latest(Proeftuin, "x").record.naam == "Echt"


def test_a_demo_or_example_file_that_cannot_be_written_ends_with_a_sentence(tmp_path):
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand, geen map")
    with pytest.raises(SystemExit) as ended:
        main(["serve", "--demo", "--data", str(blocker / "leven-demo.sqlite")])
    assert "Traceback" not in str(ended.value) and str(ended.value)
    with pytest.raises(SystemExit) as ended:
        main(["example", "--data", str(blocker / "leven.sqlite")])
    assert str(ended.value)


def test_a_read_only_store_is_said_at_the_start(tmp_path, capsys, monkeypatch):
    import leven.core.store
    from leven.core.web import cli

    class ReadOnly(Store):  # as a file without write rights opens (see test_store_read_only)
        def __init__(self, url: str) -> None:
            super().__init__(url)
            self.read_only = True

    monkeypatch.setattr(leven.core.store, "Store", ReadOnly)
    cli._say_if_read_only(f"sqlite:///{tmp_path / 'leven.sqlite'}")
    said = capsys.readouterr().out
    assert "kan niet worden beschreven" in said and str(tmp_path / "leven.sqlite") in said


def _wait_for_kernels(server_pid: int, count: int, seconds: float = 120) -> None:
    """Until the server runs ``count`` kernels (its preheated pools are full), and a bit."""
    import time

    import psutil

    server, deadline = psutil.Process(server_pid), time.monotonic() + seconds
    while time.monotonic() < deadline:
        kernels = [c for c in server.children(recursive=True)
                   if "ipykernel" in " ".join(c.cmdline())]
        if len(kernels) >= count:
            break
        time.sleep(0.5)
    time.sleep(5)  # started, and into their notebooks


@pytest.mark.browser  # a real server with kernels
def test_the_terminal_shows_our_lines_and_a_clean_stop(tmp_path):
    """Start, an app page, Ctrl+C (SIGINT to the whole process group, as a terminal sends
    it): the terminal shows the address, the participants' link, the log file and the stop;
    the kernels ran over Unix sockets (no TCP warning), the log file has the rest."""
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    from helpers import _free_port, _wait_until_up

    port, log = _free_port(), tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "leven.core.web.cli", "serve", "--demo", "--data",
         str(tmp_path / "demo.sqlite"), "--port", str(port), "--log", str(log)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "LEVEN_DATABASE_URL": "", "LEVEN_LANG": "nl"})
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until_up(url, process)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(f"{url}voila/render/proeftuin.ipynb?proeftuin=bergeijk", timeout=120)
        assert "kernelId" in page.read().decode()
        _wait_for_kernels(process.pid, len(list(NOTEBOOKS_DIR.glob("*.ipynb"))))
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=120)  # a guard against a hang, not a timing
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    lines = out.decode().splitlines()
    assert lines == [
        f"Het werkboek start op {url}  (gegevens: sqlite:///{tmp_path / 'demo.sqlite'}). "
        "Stoppen: Ctrl+C.",
        f"Deelnemers: {url}e/KM4TA",
        f"Meldingen en fouten van de server: {log}",
        "Het werkboek is gestopt.",
    ]
    assert err.decode() == ""
    messages = log.read_text()
    assert "TCP without encryption" not in messages and "not trusted" not in messages
    # preheated kernels stopped while their notebook waits for a request logged a ZMQError
    # traceback each; Tornado warned of the ping timeout at every start
    assert "Traceback" not in messages and "ZMQError" not in messages, messages[-2000:]
    assert "websocket_ping_timeout" not in messages
    assert process.returncode == 0


def test_a_taken_port_is_said_in_dutch(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as ended:
            main(["serve", "--demo", "--data", str(tmp_path / "demo.sqlite"), "--port", str(port)])
    assert f"Poort {port} is al in gebruik" in str(ended.value)


def test_lab_opens_jupyterlab_on_the_analyses_with_the_chosen_store(tmp_path, monkeypatch):
    import os
    import shutil
    import sys
    from pathlib import Path

    from leven.core.web import cli

    assert shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)), \
        "JupyterLab is not installed from the lock"
    ran: list[list[str]] = []
    # lab() sets the variable for JupyterLab: put it back for the tests after this one
    monkeypatch.setenv("LEVEN_DATABASE_URL", os.environ.get("LEVEN_DATABASE_URL", ""))
    monkeypatch.setattr(os, "execvp", lambda command, argv: ran.append(argv))
    monkeypatch.setattr(cli, "LAB_DEMO_DATABASE", tmp_path / "demo" / "lab-demo.sqlite")
    main(["lab", "--data", str(tmp_path / "mijn.sqlite"), "--no-browser"])
    assert ran[-1][1] == str(NOTEBOOKS_DIR / "analyse") and ran[-1][-1] == "--no-browser"
    assert os.environ["LEVEN_DATABASE_URL"] == f"sqlite:///{tmp_path / 'mijn.sqlite'}"
    main(["lab", "--example"])
    assert Store(os.environ["LEVEN_DATABASE_URL"]).records(Proeftuin)  # the example is there
