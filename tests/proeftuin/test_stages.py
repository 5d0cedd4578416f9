"""The stages of a proeftuin's year from hand-made dates, and the extended Bijeenkomst."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from leven.core.records import field_messages
from leven.proeftuin.records import (
    Bestuurder,
    Bijeenkomst,
    Fase,
    Fasenplanning,
    GeplandeFase,
    bestuurders_text,
    bijeenkomst_warnings,
    parse_bestuurders,
)
from leven.proeftuin.stages import (
    Span,
    actual_spans,
    add_months,
    current_stage,
    default_plan,
    next_meeting,
    overdue,
    planned_spans,
)

S = date(2025, 2, 11)  # Bergeijk's startdatum, the day of its startbijeenkomst


def meeting(soort: str, day: date, **fields) -> Bijeenkomst:
    return Bijeenkomst(soort=soort, datum=day, **fields)


YEAR = [
    meeting("kerngroepoverleg", date(2024, 12, 3)),
    meeting("startbijeenkomst", S),
    meeting("werkbijeenkomst", date(2025, 5, 13)),
    meeting("transitiebijeenkomst", date(2026, 1, 20)),
]
GESPREKKEN = [date(2025, 1, 8), date(2025, 1, 22)]


def test_an_old_bijeenkomst_loads_with_the_new_fields_empty():
    old = Bijeenkomst.model_validate(
        {"soort": "werkbijeenkomst", "datum": "2025-05-13", "titel": "W", "notities": "n"})
    assert (old.aanwezig, old.bestuurders, old.besluiten, old.gemaakt) == ((), (), "", ())


def test_attendance_keeps_each_deelnemer_once_in_the_order_ticked():
    b = meeting("werkbijeenkomst", S, aanwezig=("d2", "d1", "d2"), uitgenodigd=("d1", "d1"))
    assert b.aanwezig == ("d2", "d1") and b.uitgenodigd == ("d1",)


def test_a_start_or_transitie_without_bestuurders_is_warned_about_in_dutch(dutch):
    [warning] = bijeenkomst_warnings(meeting("startbijeenkomst", S))
    assert "geen bestuurders" in warning and "startbijeenkomst" in warning
    assert bijeenkomst_warnings(meeting("werkbijeenkomst", S)) == []
    with_one = meeting("transitiebijeenkomst", S, bestuurders=(Bestuurder(naam="R. Aerts"),))
    assert bijeenkomst_warnings(with_one) == []


def test_bestuurders_are_typed_one_per_line_and_read_back(dutch):
    text = "Ria Aerts, directeur, Thuiszorg Kempenland\n\nWethouder Smits\nJan, , Gemeente"
    found = parse_bestuurders(text)
    assert found[0] == Bestuurder(naam="Ria Aerts", functie="directeur",
                                  organisatie="Thuiszorg Kempenland")
    assert found[2] == Bestuurder(naam="Jan", organisatie="Gemeente")
    assert parse_bestuurders(bestuurders_text(found)) == found
    with pytest.raises(ValueError, match="Regel 2"):
        parse_bestuurders("Ria\n, directeur")


def test_a_planned_stage_may_not_end_before_it_begins(dutch):
    with pytest.raises(ValidationError) as caught:
        GeplandeFase(fase="werkbijeenkomsten", begin=date(2025, 6, 1), eind=date(2025, 5, 1))
    message = field_messages(caught.value)[""]
    assert message == "werkbijeenkomsten: het einde ligt vóór het begin. Kies een latere einddatum."


def test_months_are_added_on_the_calendar():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 2, 11), -2) == date(2024, 12, 11)
    assert add_months(date(2025, 2, 11), 12) == date(2026, 2, 11)


def test_the_default_plan_counts_months_from_the_startdatum():
    plan = default_plan(S)
    assert plan[Fase.VOORBEREIDING] == Span(date(2024, 12, 11), date(2025, 1, 11))
    assert plan[Fase.STAKEHOLDERGESPREKKEN] == Span(date(2025, 1, 11), date(2025, 2, 10))
    assert plan[Fase.STARTBIJEENKOMST] == Span(S, S)
    assert plan[Fase.WERKBIJEENKOMSTEN] == Span(date(2025, 2, 12), date(2025, 12, 11))
    assert plan[Fase.TRANSITIEBIJEENKOMST] == Span(date(2026, 1, 11), date(2026, 1, 11))
    assert plan[Fase.IN_VERBINDING_BLIJVEN] == Span(date(2026, 1, 11), date(2026, 4, 11))
    assert plan[Fase.MONITORING] == Span(S, date(2026, 2, 11))


def test_a_stored_planning_overrides_only_the_stages_it_names():
    planning = Fasenplanning(fasen=(GeplandeFase(
        fase="transitiebijeenkomst", begin=date(2026, 1, 20), eind=date(2026, 1, 20)),))
    spans = planned_spans(S, planning)
    assert spans[Fase.TRANSITIEBIJEENKOMST] == Span(date(2026, 1, 20), date(2026, 1, 20))
    assert spans[Fase.VOORBEREIDING] == default_plan(S)[Fase.VOORBEREIDING]
    assert list(spans) == list(Fase)


def test_actual_spans_follow_the_meetings_and_the_interviews():
    spans = actual_spans(YEAR, date(2026, 3, 1), GESPREKKEN)
    assert spans == {
        Fase.VOORBEREIDING: Span(date(2024, 12, 3), date(2025, 1, 8)),
        Fase.STAKEHOLDERGESPREKKEN: Span(date(2025, 1, 8), S),
        Fase.STARTBIJEENKOMST: Span(S, S),
        Fase.WERKBIJEENKOMSTEN: Span(S, date(2026, 1, 20)),
        Fase.TRANSITIEBIJEENKOMST: Span(date(2026, 1, 20), date(2026, 1, 20)),
        Fase.IN_VERBINDING_BLIJVEN: Span(date(2026, 1, 20), None),
        Fase.MONITORING: Span(date(2024, 12, 3), date(2026, 1, 20)),
    }


def test_in_the_middle_of_the_year_later_meetings_are_only_planned():
    spans = actual_spans(YEAR, date(2025, 6, 1), GESPREKKEN)
    assert spans[Fase.WERKBIJEENKOMSTEN] == Span(S, None)
    assert Fase.TRANSITIEBIJEENKOMST not in spans
    assert spans[Fase.MONITORING] == Span(date(2024, 12, 3), date(2025, 5, 13))
    assert actual_spans(YEAR, date(2025, 1, 15), GESPREKKEN)[
        Fase.STAKEHOLDERGESPREKKEN] == Span(date(2025, 1, 8), None)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (date(2024, 11, 1), Fase.VOORBEREIDING),  # before everything
        (date(2025, 1, 8), Fase.STAKEHOLDERGESPREKKEN),  # the first interview
        (S, Fase.STARTBIJEENKOMST),
        (date(2025, 2, 12), Fase.WERKBIJEENKOMSTEN),
        (date(2026, 1, 19), Fase.WERKBIJEENKOMSTEN),
        (date(2026, 1, 20), Fase.TRANSITIEBIJEENKOMST),
        (date(2026, 5, 1), Fase.IN_VERBINDING_BLIJVEN),
    ],
)
def test_the_stage_today_follows_the_milestones(today, stage):
    assert current_stage(S, YEAR, today, gesprekken=GESPREKKEN) == stage


def test_before_the_start_without_interviews_the_planned_span_decides():
    # planned stakeholdergesprekken begin on 11 January 2025
    assert current_stage(S, [], date(2025, 1, 10)) == Fase.VOORBEREIDING
    assert current_stage(S, [], date(2025, 1, 11)) == Fase.STAKEHOLDERGESPREKKEN
    assert current_stage(S, [], date(2025, 3, 1)) == Fase.STAKEHOLDERGESPREKKEN  # start late
    later = Fasenplanning(fasen=(GeplandeFase(
        fase="stakeholdergesprekken", begin=date(2025, 2, 1), eind=date(2025, 2, 10)),))
    assert current_stage(S, [], date(2025, 1, 11), later) == Fase.VOORBEREIDING


def test_a_proeftuin_past_its_twelve_months_without_a_transitie_is_overdue():
    without = YEAR[:3]
    assert not overdue(S, without, date(2026, 2, 11))  # the last day of the year
    assert overdue(S, without, date(2026, 2, 12))
    assert not overdue(S, YEAR, date(2026, 6, 1))
    planned_only = [*without, meeting("transitiebijeenkomst", date(2026, 3, 1))]
    assert overdue(S, planned_only, date(2026, 2, 20))  # planned is not held


def test_the_next_meeting_is_the_first_from_today_on():
    assert next_meeting(YEAR, date(2025, 2, 12)).datum == date(2025, 5, 13)
    assert next_meeting(YEAR, date(2025, 5, 13)).datum == date(2025, 5, 13)
    assert next_meeting(YEAR, date(2026, 2, 1)) is None


def test_the_proeftuin_apps_short_form_keeps_what_it_does_not_show(store):
    from leven.proeftuin.views import BijeenkomstForm

    saved = store.save(meeting("werkbijeenkomst", S, aanwezig=("deelnemer-01",),
                               besluiten="Casustafel gaat door"), proeftuin="bergeijk")
    form = BijeenkomstForm(store, "bergeijk", record_id=saved.record_id)
    form.fields["titel"].widget.value = "Werkbijeenkomst in de bibliotheek"
    form.save_button.click()
    latest = store.latest(Bijeenkomst, saved.record_id)
    assert latest.version == 2 and latest.record.titel == "Werkbijeenkomst in de bibliotheek"
    assert latest.record.aanwezig == ("deelnemer-01",)
    assert latest.record.besluiten == "Casustafel gaat door"
