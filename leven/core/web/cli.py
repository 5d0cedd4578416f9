"""The ``leven`` command: ``leven serve`` starts the workbook, ``leven example`` fills a store."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from traitlets.config import Config

from leven.core.settings import DATA_DIR, NOTEBOOKS_DIR, TEMPLATES_DIR, database_url, sqlite_url

DEMO_DATABASE = DATA_DIR / "demo" / "leven-demo.sqlite"
#: where ``leven serve`` at a terminal writes the server's messages (``--log`` chooses another)
SERVE_LOG = DATA_DIR / "leven-serve.log"
LAB_DEMO_DATABASE = DATA_DIR / "demo" / "leven-lab-demo.sqlite"
# A kernel whose page is gone (no websocket, no heartbeat) is shut down after this many
# seconds; a page that is still open keeps its kernel (cull_connected=False, and its
# heartbeat counts as activity), so a facilitator's form is never culled.
CULL_IDLE_SECONDS = int(os.environ.get("LEVEN_CULL_SECONDS", 120))
# Phone photos are larger than Tornado's default 10 MB websocket message limit.
WEBSOCKET_MAX_BYTES = 64 * 1024 * 1024
LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")


def _store_url(data: str | None) -> str:
    if not data:
        return database_url()
    return data if "://" in data else sqlite_url(Path(data))


def fresh_demo_store(path: Path = DEMO_DATABASE) -> str:
    """A new copy of the example proeftuin in its own SQLite file; returns its URL."""
    from leven.core.example import load_example
    from leven.core.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store(sqlite_url(path))
    load_example(store)
    store.close()
    return sqlite_url(path)


def _refused_plainly(action: Callable[..., Any], *args: Any) -> Any:
    """Run ``action``; a file that cannot be written ends the command with its message."""
    from leven.core.store import StoreError

    try:
        return action(*args)
    except (OSError, StoreError) as error:
        raise SystemExit(str(error)) from None


def _say_if_read_only(url: str) -> None:
    """A data file that cannot be written is said at the start, not only at the first save."""
    from leven.core.i18n import t
    from leven.core.store import Store, StoreError

    try:
        store = Store(url)
    except StoreError as error:
        raise SystemExit(str(error)) from None
    if store.read_only:
        print(t("core.store.read_only_notice", path=store.path), flush=True)
    store.close()


def language() -> str:
    from leven.core.i18n import language as current

    return current()


def voila_config(port: int, ip: str, pool_size: int) -> Config:
    """The Voila settings the workbook is tested with."""
    c = Config()
    c.Voila.ip = ip
    c.Voila.port = port
    c.Voila.open_browser = False
    # a taken port is an error: on another port the printed and QR addresses would be wrong
    c.Voila.port_retries = 0
    c.Voila.log_level = "WARN"
    from leven.core.web.server import NotFoundHandler

    # an address nothing answers gets our Dutch page (with its lang), not Tornado's English one
    # jupyter_server's kernel websocket asks Tornado for a ping timeout of 3 intervals,
    # which Tornado refuses with a warning in the log at every start: ask for one interval.
    c.Voila.tornado_settings = {"websocket_max_message_size": WEBSOCKET_MAX_BYTES,
                                "default_handler_class": NotFoundHandler,
                                "ws_ping_timeout": 30_000}
    c.VoilaConfiguration.template = "leven"
    c.HTMLExporter.language_code = language()
    c.VoilaConfiguration.show_tracebacks = False
    # The kernel learns the page's cookies, so drafts are kept per browser (leven.core.widgets.app).
    c.VoilaConfiguration.http_header_envs = ["Cookie"]
    c.VoilaConfiguration.preheat_kernel = pool_size > 0
    c.VoilaConfiguration.default_pool_size = pool_size
    # Nothing under notebooks/ is served as a file: photos go through the app only.
    c.VoilaConfiguration.file_allowlist = []
    # Analysis notebooks are opened rarely: no kernel is kept waiting for them.
    c.VoilaKernelManager.preheat_denylist = ["analyse"]
    # Kernels talk to the server over Unix sockets, not TCP: nothing listens on a port
    # (and ipykernel has no reason to warn of unencrypted TCP).
    if os.name == "posix":
        c.KernelManager.transport = "ipc"
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
    # checked every 30 s: a page gone for two minutes frees its kernel within 2.5 minutes
    c.MappingKernelManager.cull_interval = max(1, min(30, CULL_IDLE_SECONDS // 2))
    c.MappingKernelManager.cull_connected = False
    # Our template's texts come from the leven catalogue.
    c.VoilaExporter.filters = {
        "leven_t": "leven.core.i18n.t",
        "leven_title": "leven.core.web.notebooks.title_for",
        "leven_banner": "leven.core.web.pages.banner_html",
        "leven_header": "leven.core.web.pages.header_html",
        "leven_presentatie": "leven.core.web.pages.presentatie_script",
    }
    return c


def serve(args: argparse.Namespace) -> None:
    """Start Voila over ``notebooks/`` with our routes, template and store."""
    from leven.core.i18n import t

    if args.demo:
        demo = Path(args.data) if args.data else DEMO_DATABASE
        if demo.exists() and "demo" not in demo.name:
            # --demo starts from a fresh copy: never on a file that may hold real work
            raise SystemExit(t("core.cli.demo_refused", path=demo))
        url = _refused_plainly(fresh_demo_store, demo)
    else:
        url = _store_url(args.data)
        _say_if_read_only(url)
    os.environ["LEVEN_DATABASE_URL"] = url
    os.environ["LEVEN_LANG"] = args.lang
    jupyter_path = str(TEMPLATES_DIR / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (jupyter_path, os.environ.get("JUPYTER_PATH", "")) if p
    )
    from leven.core import instruments
    from leven.core.web.access import AccessCode
    from leven.core.web.queue import PageQueue
    from leven.core.web.server import LevenVoila

    LevenVoila.page_queue = PageQueue(args.pages_at_once)

    ip = args.ip or (lan_address() if args.lan else "127.0.0.1")
    shown = lan_address() if ip in ("0.0.0.0", "::") else ip  # an address phones can use
    host = f"[{shown}]" if ":" in shown else shown
    public = f"http://{host}:{args.port}/"
    os.environ["LEVEN_PUBLIC_URL"] = public  # the kernels build participants' addresses on it
    shown_store = sa_url_without_password(url)
    print(t("core.cli.serving", url=public, store=shown_store), flush=True)
    # reachable from other machines: facilitators' pages need the code, --lan or not
    if args.lan or ip not in LOCAL_ADDRESSES or args.access_code:
        LevenVoila.access = AccessCode(args.access_code)
        print(t("core.access.lan", url=public, code=LevenVoila.access.code), flush=True)
    for line in instruments.announcements(public, qr=args.lan):
        print(line, flush=True)
    _port_free_or_exit(ip, args.port)
    log = Path(args.log) if args.log else (SERVE_LOG if sys.stdout.isatty() else None)
    if log is not None:
        _messages_to(log)
    LevenVoila.launch_instance(
        argv=[os.environ.get("LEVEN_NOTEBOOKS_DIR", str(NOTEBOOKS_DIR))],
        config=voila_config(args.port, ip, args.pool_size),
    )
    print(t("core.cli.stopped"), flush=True)


def sa_url_without_password(url: str) -> str:
    """A store URL fit to print: a PostgreSQL password is shown as ***."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True) if "@" in url else url


def _port_free_or_exit(ip: str, port: int) -> None:
    """A taken port is said in Dutch before Voila starts (it would log it and stop)."""
    import socket

    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError:
            from leven.core.i18n import t

            raise SystemExit(t("core.cli.port_taken", port=port)) from None


def _messages_to(log: Path) -> None:
    """The server's and its kernels' messages go to ``log``; the terminal keeps our lines.

    Standard error itself is redirected (the kernels inherit it), so the warnings and
    tracebacks of Voila, Jupyter and the kernels stay readable in one file the README names.
    """
    from leven.core.i18n import t

    log.parent.mkdir(parents=True, exist_ok=True)
    stream = log.open("a", encoding="utf-8")
    os.dup2(stream.fileno(), 2)
    print(t("core.cli.log", path=log), flush=True)


def lan_address() -> str:
    """This laptop's address on its network (the first non-loopback IPv4), for ``--lan``."""
    import psutil

    stats = psutil.net_if_stats()
    found = [
        (name.startswith(("docker", "br-", "veth", "virbr", "tun", "tap", "wg")), address.address)
        for name, addresses in psutil.net_if_addrs().items()
        if name in stats and stats[name].isup
        for address in addresses
        if address.family.name == "AF_INET" and not address.address.startswith("127.")
    ]
    if found:  # Wi-Fi or cable before container bridges and VPNs
        return min(found)[1]
    raise SystemExit("geen netwerkadres gevonden: is de wifi of hotspot aan?")


def lab(args: argparse.Namespace) -> None:
    """JupyterLab on the analysis notebooks, their kernels reading the chosen store."""
    import shutil

    if args.example:
        url = _refused_plainly(fresh_demo_store, LAB_DEMO_DATABASE)
    else:
        url = _store_url(args.data)
    os.environ["LEVEN_DATABASE_URL"] = url
    print(f"JupyterLab: {NOTEBOOKS_DIR / 'analyse'}  ({url})", flush=True)
    command = shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) or "jupyter-lab"
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    os.execvp(command, [command, str(NOTEBOOKS_DIR / "analyse"), *as_root, *args.lab_args])


def export(args: argparse.Namespace) -> None:
    """The data for research in the chosen formats, pseudonymised unless asked not to."""
    from leven.core.export import export_command

    refused = export_command(args)
    if refused:
        raise SystemExit(refused)


def example(args: argparse.Namespace) -> None:
    """Load the example proeftuin into a store."""
    from leven.core.example import load_example
    from leven.core.store import Store

    print(_refused_plainly(lambda: load_example(Store(_store_url(args.data)))))


def sync(args: argparse.Namespace) -> None:
    """Every record version (and photo) from one store to another; see leven.core.sync."""
    from leven.core.sync import sync_command

    sync_command(_store_url(args.source), _store_url(args.target), args.proeftuin)


def report(args: argparse.Namespace) -> None:
    """The year report of one proeftuin as one offline HTML file (the instrument whose
    pages module offers ``write_report``: leven.verslag)."""
    from leven.core import instruments

    write = instruments.page_function("write_report")
    if write is None:
        raise SystemExit("leven report: no instrument writes a year report")
    _refused_plainly(write, _store_url(args.data), args)


def new_instrument(args: argparse.Namespace) -> None:
    """Write the skeleton of a new instrument and say what was written."""
    from leven.core.scaffold import new_instrument as write

    try:
        written = write(args.name, args.title, args.order)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    for path in written:
        print(path)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="leven", description="Leven tot het einde – werkboek")
    commands = main.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="start the workbook (Voila) in the browser")
    run.add_argument("--demo", action="store_true",
                     help="a fresh copy of the example proeftuin (in --data, if given)")
    run.add_argument("--data", help="SQLite file or SQLAlchemy URL (or LEVEN_DATABASE_URL)")
    run.add_argument("--port", type=int, default=8866)
    run.add_argument("--ip", help="address to listen on (default: 127.0.0.1, only this computer)")
    run.add_argument("--lan", action="store_true",
                     help="open on the network for phones; facilitators need the access code")
    run.add_argument("--access-code", default=os.environ.get("LEVEN_ACCESS_CODE") or None,
                     help="the facilitators' access code (or LEVEN_ACCESS_CODE): the same on "
                          "every server of a shared store; default with --lan: a new one")
    run.add_argument("--lang", choices=("nl", "en"), default=os.environ.get("LEVEN_LANG", "nl"))
    run.add_argument("--pool-size", type=int, default=1, help="preheated kernels per app")
    run.add_argument("--log", help="the server's messages and errors (default at a terminal: "
                                   "data/leven-serve.log)")
    run.add_argument("--pages-at-once", type=int, default=None,
                     help="app pages drawn at once, the others wait (default: the cores, ≥ 2)")
    run.set_defaults(action=serve)
    research = commands.add_parser(
        "lab", help="JupyterLab on notebooks/analyse/ and a store (other options go to it)")
    research.add_argument("--data", help="SQLite file or SQLAlchemy URL (or LEVEN_DATABASE_URL)")
    research.add_argument("--example", action="store_true",
                          help="a fresh copy of the example proeftuinen")
    research.set_defaults(action=lab)
    data_out = commands.add_parser(
        "export", help="the data for research: CSV + datapackage, Excel, SPSS, Stata, Parquet")
    data_out.add_argument("--data", help="SQLite file or SQLAlchemy URL (or LEVEN_DATABASE_URL)")
    data_out.add_argument("--out", required=True, help="the folder to write into")
    data_out.add_argument("--proeftuin", action="extend", nargs="+",
                          help="only these proeftuinen (ids, repeatable; default: all)")
    data_out.add_argument("--format", default="csv,xlsx,sav,dta,xpt,parquet",
                          help="comma-separated: csv,xlsx,sav,dta,xpt,parquet")
    data_out.add_argument("--pseudonymise", action=argparse.BooleanOptionalAction, default=True,
                          help="people as codes, no e-mail addresses (default: yes)")
    data_out.add_argument("--labels", action="store_true", help="choices as labels, not codes")
    data_out.add_argument("--shift-dates", action="store_true",
                          help="shift each proeftuin's dates by one secret offset")
    data_out.add_argument("--no-free-text", dest="free_text", action="store_false",
                          help="leave out free text")
    data_out.add_argument("--lang", choices=("nl", "en"), default=None, help="labels' language")
    data_out.set_defaults(action=export)
    fill = commands.add_parser("example", help="load the example proeftuin into a store")
    fill.add_argument("--data", help="SQLite file or SQLAlchemy URL")
    fill.set_defaults(action=example)
    union = commands.add_parser(
        "sync", help="copy every record version (no drafts) from one store to another")
    union.add_argument("source", help="SQLite file or SQLAlchemy URL to copy from")
    union.add_argument("target", help="SQLite file or SQLAlchemy URL to copy into")
    union.add_argument("--proeftuin", action="extend", nargs="+",
                       help="only these proeftuinen (ids; default: all)")
    union.set_defaults(action=sync)
    yearly = commands.add_parser(
        "report", help="the year report of a proeftuin: one offline HTML file (print: A4)")
    yearly.add_argument("--data", help="SQLite file or SQLAlchemy URL (or LEVEN_DATABASE_URL)")
    yearly.add_argument("--proeftuin", required=True, help="the proeftuin's id (bergeijk)")
    yearly.add_argument("--out", required=True, help="the HTML file to write")
    yearly.add_argument("--names", action="store_true",
                        help="people by name (default: by function and organisation)")
    yearly.add_argument("--photos", action="store_true", help="the collage photos, downscaled")
    yearly.add_argument("--lang", choices=("nl", "en"), default=None)
    yearly.set_defaults(action=report)
    new = commands.add_parser("new-instrument", help="the skeleton of a new instrument")
    new.add_argument("name", help="its package name, a domain noun: netwerkkaart")
    new.add_argument("--title", required=True, help="its Dutch title on the start page")
    new.add_argument("--order", type=int, default=90, help="its place on the start page")
    new.set_defaults(action=new_instrument)
    return main


def main(argv: list[str] | None = None) -> None:
    commands = parser()
    args, rest = commands.parse_known_args(argv)
    if rest and args.command != "lab":  # only JupyterLab takes options of its own
        commands.error(f"unrecognized arguments: {' '.join(rest)}")
    args.lab_args = rest
    args.action(args)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
