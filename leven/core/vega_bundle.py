"""Vega for the apps' interactive charts: one file the server serves, not a copy per chart.

Altair's offline chart widget carries its JavaScript (Vega, Vega-Lite and vega-embed,
~900 KB, bundled by vl-convert in ~2 s) inside every chart: each chart sent it over the
websocket and the browser evaluated it anew. Written once to a file that our server serves
(``/leven/vega/<name>``), the browser loads it once and keeps it in its cache, and each
kernel is spared the bundling. The file name carries the versions it was made with.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("leven")

ROUTE = "leven/vega/"


def bundle_dir() -> Path:
    """Where the bundle is kept: the user's cache folder (shared by the server's kernels)."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "leven" / "vega"


def bundle_name() -> str:
    import altair
    import vl_convert

    return f"jupyter-chart-{altair.__version__}-{vl_convert.__version__}.js"


def enable_offline() -> None:
    """Make Altair's chart widget work offline, from the kept bundle when there is one."""
    from altair.jupyter import JupyterChart

    if JupyterChart._is_offline:
        return
    path = bundle_dir() / bundle_name()
    if path.is_file():
        JupyterChart._esm = path.read_text(encoding="utf-8")
        JupyterChart._is_offline = True
        return
    JupyterChart.enable_offline(True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(JupyterChart._esm, encoding="utf-8")
        partial.replace(path)  # whole or not at all, whichever kernel writes it first
    except OSError:  # the charts still work, each carrying its own copy
        log.warning("could not keep the chart bundle in %s", path.parent, exc_info=True)


def load_from_server() -> None:
    """After the request: charts load the bundle from the page's own server.

    Only in Voila (which tells the kernel the server's name and port) and only once the
    bundle file exists; elsewhere each chart keeps carrying its own copy.
    """
    from altair.jupyter import JupyterChart

    host, port = os.environ.get("SERVER_NAME"), os.environ.get("SERVER_PORT")
    base = os.environ.get("VOILA_BASE_URL", "/")
    if not (host and port and JupyterChart._is_offline):
        return
    if (bundle_dir() / bundle_name()).is_file():
        host = f"[{host}]" if ":" in host else host
        scheme = urlsplit(os.environ.get("VOILA_REQUEST_URL", "")).scheme or "http"
        JupyterChart._esm = f"{scheme}://{host}:{port}{base}{ROUTE}{bundle_name()}"
