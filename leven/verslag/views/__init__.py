"""The year report as one HTML page: every section from the store, in the template.

"Views" as in Django: records in, a rendered template out (``templates/verslag/``). The
sections use each instrument's own analysis and charts; a section without data says so in
one sentence instead of disappearing, so a reader sees what was not recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tornado import template

from leven.core import i18n
from leven.core.settings import TEMPLATES_DIR
from leven.core.store import Store
from leven.proeftuin.stages import year_end
from leven.verslag.records import Keuze
from leven.verslag.views import jaar, oogst
from leven.verslag.views.bron import Bron
from leven.verslag.views.html import Section, day

TEMPLATE_DIR = TEMPLATES_DIR / "verslag"

#: The sections in the order of the year; each reads the store and returns its Section.
SECTIONS: tuple[Callable[[Bron], Section], ...] = (
    jaar.kernthema, jaar.tijdlijn, jaar.bijeenkomsten, jaar.experimenten,
    oogst.checklist, oogst.collage, oogst.netwerkkaart, oogst.evaluaties,
)
SECTION_IDS = ("kernthema", "tijdlijn", "bijeenkomsten", "experimenten", "checklist", "collage",
               "netwerkkaart", "evaluaties")


def build_report(store: Store, keuze: Keuze) -> str:
    """The report of ``keuze.proeftuin`` as one self-contained HTML document.

    Raises KeyError for a proeftuin that is not in the store.
    """
    before = i18n.language()
    switch = bool(keuze.lang) and keuze.lang != before
    if switch:
        i18n.set_language(keuze.lang)
    try:
        bron = Bron.read(store, keuze)
        sections = [make(bron) for make in SECTIONS]
        page = template.Loader(str(TEMPLATE_DIR), autoescape="xhtml_escape").load("verslag.html")
        p = bron.proeftuin
        html = page.generate(
            t=i18n.t, lang=i18n.language(), proeftuin=p, sections=sections,
            beschrijving=bron.mensen.text(p.beschrijving),
            start=day(p.startdatum), eind=day(year_end(p.startdatum)),
            gemaakt=day(keuze.vandaag or date.today()),
            privacy=i18n.t("verslag.document.met_namen" if keuze.namen
                           else "verslag.document.zonder_namen"),
        )
    finally:
        if switch:
            i18n.set_language(before)
    return html.decode("utf-8")
