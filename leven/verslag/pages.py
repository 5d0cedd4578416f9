"""The year report outside the apps: a kernel-free download and ``leven report``.

The download (``/leven/verslag?proeftuin=ID``, linked from the start page) never has names
or photos: a file that is downloaded is easily passed on. Names and photos only from the
command line, when asked (``--names``, ``--photos``). In LAN mode the download is behind
the facilitators' access code like every page that is not the participants'.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import tornado.web

from leven.core.i18n import t
from leven.core.store import Store, open_store
from leven.core.web.pages import PageHandler
from leven.verslag.records import Keuze

ROUTE = "leven/verslag"
# The report's modules (every instrument's analysis and charts) are imported when a report is
# asked for, not when the server starts and collects its routes.


def routes(base_url: str, notebooks_dir: Path) -> list[tuple]:
    """The report's download."""
    return [(f"{base_url}/{ROUTE}", ReportHandler)]


def file_name(proeftuin: str, today: date | None = None) -> str:
    return f"jaarverslag-{proeftuin}-{(today or date.today()).isoformat()}.html"


class ReportHandler(PageHandler):
    """GET ``?proeftuin=ID``: the report as an HTML file to save (built off the event loop:
    drawing its charts takes a few seconds)."""

    async def get(self) -> None:
        from tornado.ioloop import IOLoop

        from leven.verslag.views import build_report

        proeftuin = self.get_argument("proeftuin", "")
        store = open_store()
        if proeftuin not in store.proeftuinen():
            raise tornado.web.HTTPError(404)  # the Dutch "not found" page
        keuze = Keuze(proeftuin=proeftuin)
        html = await IOLoop.current().run_in_executor(None, build_report, store, keuze)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="{file_name(proeftuin)}"')
        self.finish(html.encode("utf-8"))


def write_report(url: str, args: argparse.Namespace) -> Path:
    """``leven report``: write the report of ``args.proeftuin`` to ``args.out``."""
    from leven.verslag.views import build_report

    store = Store(url)
    try:
        if args.proeftuin not in store.proeftuinen():
            raise SystemExit(t("verslag.cli.onbekend", lang=args.lang, proeftuin=args.proeftuin,
                               bekend=", ".join(store.proeftuinen()) or "-"))
        keuze = Keuze(proeftuin=args.proeftuin, namen=args.names, fotos=args.photos,
                      lang=args.lang)
        html = build_report(store, keuze)
    finally:
        store.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(t("verslag.cli.geschreven", lang=args.lang, pad=out), flush=True)
    return out
