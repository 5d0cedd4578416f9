"""Where things are: the repository folders and the store's URL.

Read from the environment at call time (never at import), because ``leven serve`` sets
``LEVEN_DATABASE_URL`` and ``LEVEN_LANG`` for the Voila kernels it starts.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
TEMPLATES_DIR = ROOT / "templates"
DATA_DIR = ROOT / "data"
EXAMPLE_DIR = DATA_DIR / "example"
DEFAULT_DATABASE = DATA_DIR / "leven.sqlite"

#: The cookie naming a browser (a random id; set by our pages and by leven.js), so each
#: browser keeps its own drafts.
BROWSER_COOKIE = "leven_browser"
BROWSER_ID = r"[0-9a-f]{32}"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def database_url() -> str:
    """``LEVEN_DATABASE_URL`` if set, else the embedded SQLite file under ``data/``."""
    return os.environ.get("LEVEN_DATABASE_URL") or sqlite_url(DEFAULT_DATABASE)


def public_url() -> str:
    """The address people on other devices use to reach this server, ending in ``/``.

    ``LEVEN_PUBLIC_URL`` when ``leven serve`` set it (LAN mode: the laptop's network address);
    inside a Voila kernel the server's own name and port; else the local default.
    """
    given = os.environ.get("LEVEN_PUBLIC_URL")
    if given:
        return given.rstrip("/") + "/"
    host, port = os.environ.get("SERVER_NAME"), os.environ.get("SERVER_PORT")
    if host and port:
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{os.environ.get('VOILA_BASE_URL', '/')}"
    return "http://127.0.0.1:8866/"
