"""The Leerwerkplatform page: choose the members, check every field, get the e-mail ready.

The members are ticked from the proeftuin's deelnemers (the kerngroep ticked at first); each
gets a row with the five fields the seed asks for, filled from the deelnemer where known.
"Controleren en klaarzetten" checks every field (a work address only), saves the
registration as a new version and fills what was missing back into the deelnemer, then
shows a ``mailto:`` link and the same text to copy; "Verstuurd" records when it was sent.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as ipw
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.i18n import t
from leven.core.records import field_messages
from leven.core.store import Store, StoreError, Version
from leven.core.widgets.app import LevenApp
from leven.core.widgets.form import Field, safe, status_html
from leven.leerwerkplatform.analysis import mail, mailto, template_for, templates
from leven.leerwerkplatform.records import LID_FIELDS, Aanmelding, Projectgroeplid
from leven.proeftuin.records import Deelnemer, Proeftuin


def _label(name: str) -> str:
    return t(f"leerwerkplatform.velden.{name}")


class LidRow(ipw.VBox):
    """The five fields of one member, filled from the deelnemer (or an earlier registration)."""

    def __init__(self, deelnemer_id: str, values: dict[str, str]) -> None:
        self.deelnemer_id = deelnemer_id
        self.fields = {
            name: Field(name, ipw.Text(value=values.get(name) or ""), _label(name))
            for name in LID_FIELDS
        }
        title = ipw.HTML(f"<h4>{html.escape(values.get('naam') or deelnemer_id)}</h4>")
        super().__init__([title, *self.fields.values()])
        self.add_class("leven-lwp-lid")
        self.add_class(f"leven-lwp-lid-{deelnemer_id}")

    @property
    def values(self) -> dict[str, str]:
        return {name: field.widget.value for name, field in self.fields.items()}

    def check(self) -> Projectgroeplid | None:
        """The member, or None with a Dutch message beside every field that is wrong."""
        for field in self.fields.values():
            field.show_error("")
        try:
            return Projectgroeplid(deelnemer=self.deelnemer_id, **self.values)
        except ValidationError as error:
            for name, message in field_messages(error).items():
                if name in self.fields:
                    self.fields[name].show_error(message)
            return None


class LeerwerkplatformApp(LevenApp):
    """A proeftuin's registration with PZNL's Leerwerkplatform."""

    def __init__(
        self, store: Store, proeftuin: str, saved_by: Callable[[], str] | str = ""
    ) -> None:
        super().__init__(store, proeftuin, saved_by)
        self.deelnemers = {v.record_id: v.record for v in store.records(Deelnemer, proeftuin)}
        self.latest: Version[Aanmelding] | None = self._latest()
        earlier = self.latest.record if self.latest else None
        self.project = ipw.Dropdown(
            options=[(s.kansrijk_project, s.kansrijk_project) for s in templates().values()],
            value=(earlier.kansrijk_project if earlier else None)
            or next(iter(templates().values())).kansrijk_project,
            layout={"width": "24rem"},
        )
        self.project.observe(self._observe_project, names="value")
        self.conditions = ipw.HTML()
        chosen = ({lid.deelnemer for lid in earlier.leden} if earlier
                  else {i for i, d in self.deelnemers.items() if d.kerngroep})
        self.ticks = {
            deelnemer_id: ipw.Checkbox(value=deelnemer_id in chosen, indent=False,
                                       description=self._who(d))
            for deelnemer_id, d in sorted(self.deelnemers.items(),
                                          key=lambda item: item[1].naam.casefold())
        }
        for tick in self.ticks.values():
            tick.observe(self._observe_tick, names="value")
        tick_list = ipw.VBox(list(self.ticks.values()))
        tick_list.add_class("leven-lwp-ticks")
        self.rows_box = ipw.VBox()
        self.rows: dict[str, LidRow] = {}
        self.check_button = ipw.Button(description=t("leerwerkplatform.app.klaarzetten"),
                                       button_style="success", icon="check")
        self.check_button.add_class("leven-save")
        self.check_button.on_click(self._on_click_check_button)
        self.status = ipw.HTML()
        self.ready = ipw.HTML()
        self.ready.add_class("leven-lwp-klaar")
        self.text = ipw.Textarea(layout={"height": "16em", "width": "calc(100% - 8px)"})
        self.text.add_class("leven-lwp-tekst")
        self.sent_button = ipw.Button(description=t("leerwerkplatform.app.verstuurd"),
                                      icon="paper-plane")
        self.sent_button.add_class("leven-lwp-verstuurd")
        self.sent_button.on_click(self._on_click_sent_button)
        self.ready_box = ipw.VBox([self.ready, self.text, self.sent_button])
        self.children = [
            ipw.HTML(f'<p class="leven-lead">{html.escape(t("leerwerkplatform.app.intro"))}</p>'),
            Field("kansrijk_project", self.project, _label("kansrijk_project")), self.conditions,
            ipw.HTML(f"<h3>{html.escape(t('leerwerkplatform.app.kies_leden'))}</h3>"), tick_list,
            self.rows_box, self.check_button, self.status, self.ready_box,
        ]
        self.add_class("leven-leerwerkplatform-app")
        self._show_conditions()
        self._build_rows(earlier)
        self._show_ready()

    # -- state -----------------------------------------------------------------------------

    def _latest(self) -> Version[Aanmelding] | None:
        found = self.store.records(Aanmelding, self.proeftuin)
        return max(found, key=lambda v: v.saved_at) if found else None

    @staticmethod
    def _who(deelnemer: Deelnemer) -> str:
        return f"{deelnemer.naam} · {deelnemer.organisatie}" if deelnemer.organisatie \
            else deelnemer.naam

    def _prefill(self, deelnemer_id: str, earlier: Aanmelding | None) -> dict[str, str]:
        for lid in earlier.leden if earlier else ():
            if lid.deelnemer == deelnemer_id:
                return lid.model_dump()
        d = self.deelnemers[deelnemer_id]
        return {"naam": d.naam, "email": d.email or "", "organisatie": d.organisatie,
                "functie_organisatie": d.functie,
                "functie_project": t("leerwerkplatform.app.kerngroeplid") if d.kerngroep else ""}

    def _build_rows(self, earlier: Aanmelding | None) -> None:
        for deelnemer_id, tick in self.ticks.items():
            if tick.value and deelnemer_id not in self.rows:
                self.rows[deelnemer_id] = LidRow(deelnemer_id, self._prefill(deelnemer_id,
                                                                              earlier))
            elif not tick.value:
                self.rows.pop(deelnemer_id, None)  # unticked: its row goes, typed text too
        self.rows_box.children = [self.rows[i] for i in self.ticks if i in self.rows]

    # -- events ----------------------------------------------------------------------------

    @safe
    def _observe_tick(self, _change: dict) -> None:
        self._build_rows(self.latest.record if self.latest else None)

    @safe
    def _observe_project(self, _change: dict) -> None:
        self._show_conditions()

    def _show_conditions(self) -> None:
        sjabloon = template_for(self.project.value)
        items = "".join(f"<li>{html.escape(c)}</li>" for c in sjabloon.voorwaarden)
        self.conditions.value = (
            f"<p class='leven-hint'>{html.escape(t('leerwerkplatform.app.voorwaarden'))}</p>"
            f"<ul>{items}</ul>" if items else "")

    @safe
    def _on_click_check_button(self, _button: ipw.Button | None = None) -> None:
        self.check()

    @safe
    def _on_click_sent_button(self, _button: ipw.Button | None = None) -> None:
        self.mark_sent()

    # -- actions ---------------------------------------------------------------------------

    def check(self) -> Version[Aanmelding] | None:
        """Check every member; when all are right, save the registration and show the e-mail."""
        checked = [self.rows[i].check() for i in self.ticks if i in self.rows]  # list order
        if not checked:
            self.status.value = status_html(t("leerwerkplatform.errors.geen_leden"), ok=False)
            return None
        if any(lid is None for lid in checked):
            self.status.value = status_html(t("leerwerkplatform.errors.nakijken"), ok=False)
            return None
        leden = tuple(lid for lid in checked if lid is not None)
        earlier = self.latest.record if self.latest else None
        unchanged = earlier and (earlier.leden, earlier.kansrijk_project) == (
            leden, self.project.value)
        record = Aanmelding(kansrijk_project=self.project.value, leden=leden,
                            verzonden_op=earlier.verzonden_op if unchanged else None)
        version = self._save(record)
        if version is None:
            return None
        self._fill_deelnemers(leden)
        self.status.value = status_html(t("leerwerkplatform.app.klaar", version=version.version))
        self._show_ready()
        return version

    def mark_sent(self, on: date | None = None) -> Version[Aanmelding] | None:
        """Record that the registration was sent (today by default), as a new version."""
        if self.latest is None:
            return None
        record = self.latest.record.model_copy(update={"verzonden_op": on or date.today()})
        version = self._save(Aanmelding.model_validate(record.model_dump()))
        if version is not None:
            self._show_ready()
        return version

    def _save(self, record: Aanmelding) -> Version[Aanmelding] | None:
        try:
            version = self.store.save(
                record, proeftuin=self.proeftuin,
                record_id=self.latest.record_id if self.latest else None,
                saved_by=self._name(), base_version=self.latest.version if self.latest else None)
        except (StoreError, LevenError) as error:
            self.status.value = status_html(error.message, ok=False)
            return None
        self.latest = version
        return version

    def _name(self) -> str:
        return self.saved_by() if callable(self.saved_by) else self.saved_by

    def _fill_deelnemers(self, leden: tuple[Projectgroeplid, ...]) -> None:
        """What was typed for a deelnemer who had no e-mail address or function is kept there
        too (a new version of the deelnemer; what it had is never overwritten)."""
        for lid in leden:
            d = self.deelnemers.get(lid.deelnemer or "")
            if d is None or (d.email and d.functie):
                continue
            filled = d.model_copy(update={"email": d.email or lid.email,
                                          "functie": d.functie or lid.functie_organisatie})
            try:
                self.store.save(Deelnemer.model_validate(filled.model_dump()),
                                proeftuin=self.proeftuin, record_id=lid.deelnemer,
                                saved_by=self._name())
            except (StoreError, LevenError, ValidationError):
                continue  # the registration is saved; the deelnemer keeps what it had
            self.deelnemers[lid.deelnemer] = filled

    def _show_ready(self) -> None:
        """The e-mail of the saved registration: a link for the mail program, text to copy."""
        if self.latest is None:
            self.ready_box.layout.display = "none"
            return
        self.ready_box.layout.display = ""
        found = self.store.records(Proeftuin)
        proeftuin = next((v.record for v in found if v.record_id == self.proeftuin), None)
        adres, onderwerp, body = mail(self.latest.record, proeftuin.naam if proeftuin else
                                      self.proeftuin, proeftuin.gemeente if proeftuin else "",
                                      afzender=self._name())
        sent = self.latest.record.verzonden_op
        said = (t("leerwerkplatform.app.verzonden_op", datum=f"{sent:%d-%m-%Y}") if sent
                else t("leerwerkplatform.app.nog_niet_verzonden"))
        link = html.escape(mailto(adres, onderwerp, body), quote=True)
        self.ready.value = (
            f"<h3>{html.escape(t('leerwerkplatform.app.klaar_kop'))}</h3>"
            f"<p>{html.escape(t('leerwerkplatform.app.adres', adres=adres))}</p>"
            f'<p><a class="leven-lwp-mailto" href="{link}">'
            f"{html.escape(t('leerwerkplatform.app.open_mail'))}</a></p>"
            f"<p class='leven-hint'>{html.escape(t('leerwerkplatform.app.kopieer'))}</p>"
            f"<p class='leven-lwp-verzonden'>{html.escape(said)}</p>")
        self.text.value = f"{t('leerwerkplatform.app.onderwerp')}: {onderwerp}\n\n{body}"

    def values(self) -> dict[str, Any]:
        """What the rows hold now, per deelnemer (for tests and drafts)."""
        return {i: row.values for i, row in self.rows.items()}
