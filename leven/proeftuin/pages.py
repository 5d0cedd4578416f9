"""The start page (no kernel): the proeftuinen with links to every app, and a new proeftuin.

It is the proeftuin instrument's page, served by the spine's server through the registry
(:func:`leven.core.instruments.routes`). Standalone Voila checks no XSRF token, so the POST
here does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

import tornado.web
from pydantic import ConfigDict

from leven.core import i18n
from leven.core.errors import LevenError
from leven.core.records import Record
from leven.core.settings import NOTEBOOKS_DIR
from leven.core.store import (
    InvalidRecord,
    NewVersion,
    Store,
    StoreError,
    VersionConflict,
    open_store,
)
from leven.core.web.notebooks import notebooks
from leven.core.web.pages import PageHandler
from leven.proeftuin.records import (
    Bijeenkomst,
    Fasenplanning,
    Proeftuin,
    parse_kerngroep,
    planning_id,
    slug,
)
from leven.proeftuin.stages import current_stage, next_meeting, overdue, year_end


def routes(base_url: str, notebooks_dir: Path) -> list[tuple]:
    """The start page at the server's root, and the researchers' export (a zip)."""
    return [(f"{base_url}/", StartPageHandler, {"notebooks_dir": notebooks_dir}),
            (f"{base_url}/leven/export.zip", ExportHandler)]


class ExportHandler(PageHandler):
    """The pseudonymised export of the store (or of ``?proeftuin=``) as a zip download.

    It changes no record (only makes the project secret the first time), so a GET; in LAN mode
    it is behind the access code like every facilitators' page. Built off the event loop.
    """

    async def get(self) -> None:
        from tornado.ioloop import IOLoop

        from leven.core.export import export_zip

        store = open_store()
        chosen = [p for p in self.get_arguments("proeftuin") if p]
        if any(p not in store.proeftuinen() for p in chosen):
            raise tornado.web.HTTPError(404)
        try:
            data = await IOLoop.current().run_in_executor(None, export_zip, store, chosen)
        except (LevenError, StoreError) as error:
            self.set_status(409)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(str(error))
            return
        name = f"leven-export-{'-'.join(chosen) or 'alle'}-{date.today().isoformat()}.zip"
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(data)


class StartPageHandler(PageHandler):
    """Lists the proeftuinen with links to every app, and creates a new proeftuin."""

    FIELDS = ("naam", "gemeente", "startdatum", "projectleider", "kerngroep", "toch")

    def initialize(self, notebooks_dir: Path = NOTEBOOKS_DIR) -> None:
        self.notebooks_dir = notebooks_dir

    def get(self) -> None:
        self.show({}, {}, created=self.get_argument("nieuw", None))

    def post(self) -> None:
        self.check_xsrf_cookie()
        values = {name: self.get_body_argument(name, "") for name in self.FIELDS}
        errors = create_proeftuin(values, saved_by=values["projectleider"])
        if isinstance(errors, str):
            self.redirect(f"{self.settings.get('base_url', '/')}?nieuw={errors}#{errors}",
                          status=303)
        else:
            self.show(values, errors, status=400)

    def show(self, values: dict, errors: dict, status: int = 200,
             created: str | None = None) -> None:
        store = open_store()
        entries = sorted(store.records(Proeftuin), key=lambda v: v.record.naam.lower())
        all_notebooks = notebooks(self.notebooks_dir)
        self.page(
            "start.html",
            status=status,
            proeftuinen=entries,
            apps=[nb for nb in all_notebooks if nb.kind == "app"],
            analyses=[nb for nb in all_notebooks if nb.kind == "analyse"],
            values=values,
            errors=errors,
            created=created,
            today=date.today().isoformat(),
            years={e.record_id: year_status(store, e.record_id, e.record) for e in entries},
        )


def year_status(store: Store, proeftuin_id: str, proeftuin: Proeftuin,
                today: date | None = None) -> dict[str, str]:
    """What a proeftuin's card says of its year: the stage it is in, the next bijeenkomst
    and, past its 12 months without a transitiebijeenkomst, a warning (texts, escaped by
    the template). Stakeholdergesprekken are read by their kind name (an instrument above)."""
    today = today or date.today()
    meetings = [v.record for v in store.records(Bijeenkomst, proeftuin_id)]
    found = store.latest(Fasenplanning, planning_id(proeftuin_id))
    gesprekken = [v.record.datum for v in store.records(_Gesprek, proeftuin_id)
                  if v.record.datum]
    stage = current_stage(proeftuin.startdatum, meetings, today,
                          found.record if found else None, gesprekken)
    coming = next_meeting(meetings, today)
    status = {
        "fase": i18n.t("proeftuin.start.fase", fase=i18n.t(f"proeftuin.fase.{stage.value}")),
        "volgende": i18n.t(
            "proeftuin.start.volgende",
            soort=i18n.t(f"proeftuin.soort_bijeenkomst.{coming.soort.value}"),
            datum=f"{coming.datum:%d-%m-%Y}") if coming
        else i18n.t("proeftuin.start.geen_volgende"),
    }
    if overdue(proeftuin.startdatum, meetings, today):
        status["te_laat"] = i18n.t("proeftuin.start.te_laat",
                                   datum=f"{year_end(proeftuin.startdatum):%d-%m-%Y}")
    return status


class _Gesprek(Record):
    """A stakeholdergesprek as the start page reads it: only its date."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    KIND: ClassVar[str] = "stakeholdergesprek"

    datum: date | None = None


def create_proeftuin(values: dict[str, str], saved_by: str = "") -> str | dict[str, str]:
    """Save a new proeftuin and its kerngroep from the start page's form.

    Returns the new proeftuin's id, or the Dutch messages per field when nothing was saved.
    """
    from pydantic import ValidationError

    from leven.core.records import field_messages

    errors: dict[str, str] = {}
    try:
        proeftuin = Proeftuin(
            naam=values.get("naam", ""),
            gemeente=values.get("gemeente", ""),
            startdatum=values.get("startdatum") or None,
            projectleider=values.get("projectleider", ""),
        )
    except ValidationError as error:
        errors.update(field_messages(error))
    try:
        members = parse_kerngroep(values.get("kerngroep", ""))
    except LevenError as error:
        errors["kerngroep"] = error.message
    except ValidationError as error:
        errors["kerngroep"] = next(iter(field_messages(error).values()))
    if errors:
        return errors
    store = open_store()
    same = [v for v in store.records(Proeftuin) if _same(v.record, proeftuin)]
    if same and values.get("toch") != "1":  # asked to confirm: a second click on purpose
        return {"naam": i18n.t("proeftuin.start.dubbel", naam=same[0].record.naam,
                               gemeente=same[0].record.gemeente), "toch": ""}
    try:
        for _attempt in range(5):
            proeftuin_id = slug(proeftuin.naam, store.proeftuinen())
            together = [NewVersion(proeftuin, proeftuin_id, proeftuin_id, base_version=0)]
            together += [NewVersion(member, proeftuin_id) for member in members]
            try:  # the proeftuin with its kerngroep, or nothing (then the form says why)
                store.save_all(together, saved_by=saved_by)
                break
            except VersionConflict:
                continue  # someone took this id a moment ago: take the next one
        else:
            return {"": i18n.t("core.store.conflict")}
    except InvalidRecord as error:
        return error.fields
    except StoreError as error:
        return {"": error.message}
    return proeftuin_id


def _same(one: Proeftuin, other: Proeftuin) -> bool:
    """The same name in the same gemeente (case and spaces aside): most likely a double."""
    def key(p: Proeftuin) -> tuple[str, str]:
        return " ".join(p.naam.split()).casefold(), " ".join(p.gemeente.split()).casefold()

    return key(one) == key(other)
