"""The evaluation: question sets, answers, results (hand-computed) and the facilitator's page."""

from __future__ import annotations

import re

import pytest

from leven.core.errors import LevenError
from leven.evaluatie import (
    AnswerRefused,
    Evaluatie,
    EvaluatieAntwoord,
    answer_from_form,
    answer_id,
    available_sets,
    evaluation_id,
    load_set,
    new_code,
    normalise_code,
    results,
    tidy,
    year_summary,
)
from leven.evaluatie.charts import year_chart
from leven.evaluatie.records import CODE_ALPHABET
from leven.evaluatie.views import EvaluatieApp, participant_url, qr_svg

pytestmark = pytest.mark.usefixtures("dutch")
STANDAARD = load_set("standaard")


def test_the_default_set_holds_the_seeds_four_questions_and_the_domain():
    assert available_sets()[0] == "standaard" and "ja_deels_nee" in available_sets()
    assert [v.label() for v in STANDAARD.vragen] == [
        "Wat werkt goed?", "Wat kan anders?", "Spreken we dezelfde taal?",
        "Zitten we op het goede spoor?", "Vanuit welk domein werkt u?",
    ]
    assert [v.id for v in STANDAARD.scales] == ["zelfde_taal", "goede_spoor"]
    assert STANDAARD.vraag("zelfde_taal").values() == ("1", "2", "3", "4", "5")
    assert STANDAARD.domain_question.values() == ("zorg", "sociaal_domein", "vrijwilliger")
    jdn = load_set("ja_deels_nee")
    assert jdn.vraag("goede_spoor").value_label("deels") == "Deels"
    assert jdn.vraag("goede_spoor").value_label("deels", "en") == "Partly"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("title = 'x'\n[[vragen]]\nid = 'a'\nsoort = 'raar'\ntekst = 'A'\n", "id of soort"),
        ("title = 'x'\n[[vragen]]\nid = 'a'\nsoort = 'keuze'\ntekst = 'A'\n", "opties"),
        ("title = 'x'\n", "vragen ontbreken"),
        ("title = = 'x'\n", "klopt niet"),
        ("[[vragen]]\nid = 'a'\nsoort = 'open'\ntekst = 'A'\n", "'title' ontbreekt"),
    ],
)
def test_a_broken_question_set_is_said_in_dutch(tmp_path, text, fragment):
    (tmp_path / "kapot.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LevenError) as info:
        load_set("kapot", tmp_path)
    assert info.value.message.startswith("De vragenlijst kapot.toml klopt niet")
    assert fragment in info.value.message
    with pytest.raises(LevenError, match="Er is geen vragenlijst"):
        load_set("../standaard", tmp_path)


def test_an_answer_is_read_from_the_form():
    form = {"werkt_goed": "  De casus  ", "zelfde_taal": "4", "zelfde_taal_toelichting": "Meestal",
            "goede_spoor": "5", "domein": ""}
    answer = answer_from_form(STANDAARD, "evaluatie-x", form)
    assert answer.antwoorden == {"werkt_goed": "De casus", "zelfde_taal": "4", "goede_spoor": "5"}
    assert answer.toelichting == {"zelfde_taal": "Meestal"}


@pytest.mark.parametrize(
    ("form", "messages"),
    [
        ({}, {"zelfde_taal": "Kies een antwoord.", "goede_spoor": "Kies een antwoord."}),
        ({"zelfde_taal": "6", "goede_spoor": "1", "domein": "huisarts"},
         {"zelfde_taal": "Kies een antwoord.", "domein": "Kies een antwoord."}),
        ({"zelfde_taal": "3", "goede_spoor": "3", "werkt_goed": "x" * 2001},
         {"werkt_goed": "Dit is te lang (hoogstens 2000 tekens)."}),
        ({"zelfde_taal": "3", "goede_spoor": "3", "goede_spoor_toelichting": "y" * 1001},
         {"goede_spoor_toelichting": "Dit is te lang (hoogstens 1000 tekens)."}),
    ],
)
def test_a_bad_answer_gets_a_dutch_message_per_field(form, messages):
    with pytest.raises(AnswerRefused) as info:
        answer_from_form(STANDAARD, "evaluatie-x", form)
    assert info.value.fields == messages
    assert info.value.message == "Niet verstuurd: kijk bij de vragen die rood zijn."


def test_codes_are_short_and_unambiguous_and_ids_hide_the_browser():
    codes = {new_code() for _ in range(200)}
    assert all(re.fullmatch(f"[{CODE_ALPHABET}]{{5}}", code) for code in codes)
    assert not set("0O1IL2Z5S6G8B") & set(CODE_ALPHABET)
    assert new_code(taken=codes) not in codes
    assert normalise_code(" km4-ta ") == "KM4TA"
    browser = "ab" * 16
    first = answer_id("evaluatie-x", browser)
    assert first == answer_id("evaluatie-x", browser) != answer_id("evaluatie-y", browser)
    assert browser not in first
    assert evaluation_id("bijeenkomst-start") == "evaluatie-bijeenkomst-start"
    with pytest.raises(ValueError):
        Evaluatie(bijeenkomst_id="b", vragenset="standaard", code="O0O0O")


def _answers(*rows: tuple[str, str, str]) -> list[EvaluatieAntwoord]:
    return [
        EvaluatieAntwoord(evaluatie_id="e", antwoorden={
            "zelfde_taal": taal, "goede_spoor": spoor, "domein": domein,
            "werkt_goed": "Samen de casus bespreken"})
        for taal, spoor, domein in rows
    ]


def test_results_count_every_answer_once_with_hand_computed_means():
    found = results(STANDAARD, _answers(("4", "5", "zorg"), ("2", "5", "zorg"),
                                        ("3", "4", "sociaal_domein")))
    assert found.n == 3
    assert found.counts["zelfde_taal"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0}
    assert found.counts["domein"] == {"zorg": 2, "sociaal_domein": 1, "vrijwilliger": 0}
    assert found.means == {"zelfde_taal": 3.0, "goede_spoor": pytest.approx(14 / 3)}
    words = dict(zip(found.words["woord"], found.words["aantal"], strict=True))
    assert words == {"samen": 3, "casus": 3, "bespreken": 3}  # "de": a stop word
    assert found.texts["werkt_goed"] == ["Samen de casus bespreken"] * 3
    assert results(STANDAARD, []).means == {"zelfde_taal": None, "goede_spoor": None}


def test_the_year_summary_of_the_example_data(example_store):
    evaluations = example_store.records(Evaluatie, "bergeijk")
    frame = tidy(evaluations, example_store.records(EvaluatieAntwoord), {"standaard": STANDAARD})
    assert set(frame["vraag"]) == {"werkt_goed", "kan_anders", "zelfde_taal", "goede_spoor"}
    summary = year_summary(frame, by_domain=True).set_index(
        ["bijeenkomst_id", "vraag", "domein"])
    # startbijeenkomst, "spreken we dezelfde taal": 3, 2, 3, 4, 2, 3 -> 17/6; zorg 3, 3, 3
    start = summary.loc[("bijeenkomst-start", "zelfde_taal", "")]
    assert start["n"] == 6 and start["gemiddelde"] == pytest.approx(17 / 6)
    assert summary.loc[("bijeenkomst-start", "zelfde_taal", "zorg"), "gemiddelde"] == 3.0
    # werkbijeenkomst: 4, 4, 3, 4, 3, 4, 4 -> 26/7
    assert summary.loc[("bijeenkomst-werk-1", "zelfde_taal", ""), "gemiddelde"] == \
        pytest.approx(26 / 7)
    chart = year_chart(year_summary(frame, by_domain=True),
                       {"bijeenkomst-start": "11-02-2025", "bijeenkomst-werk-1": "13-05-2025",
                        "bijeenkomst-transitie": "20-01-2026"},
                       {"zelfde_taal": "Spreken we dezelfde taal?"}).to_dict()
    assert chart["spec"]["mark"]["type"] == "line"
    assert chart["spec"]["encoding"]["x"]["sort"] == ["11-02-2025", "13-05-2025", "20-01-2026"]


def test_a_ja_deels_nee_set_gives_the_share_of_ja():
    jdn = load_set("ja_deels_nee")
    answers = [_version("e", answer_from_form(jdn, "e", {"zelfde_taal": v, "goede_spoor": "ja"}))
               for v in ("ja", "deels", "nee", "ja")]
    evaluation = _version("e", Evaluatie(bijeenkomst_id="b", vragenset="ja_deels_nee",
                                         code="ACDEF"))
    summary = year_summary(tidy([evaluation], answers, {"ja_deels_nee": jdn}))
    taal = summary[summary["vraag"] == "zelfde_taal"].iloc[0]
    assert taal["aandeel_ja"] == pytest.approx((1 + 0.5 + 0 + 1) / 4)


def _version(record_id, record):
    from types import SimpleNamespace

    return SimpleNamespace(record_id=f"{record_id}-{id(record)}" if isinstance(
        record, EvaluatieAntwoord) else record_id, proeftuin="p", record=record)


# -- the facilitator's page -------------------------------------------------------------


def _participant(store, evaluation, browser, **values):
    answer = answer_from_form(load_set(evaluation.record.vragenset), evaluation.record_id, values)
    return store.save(answer, proeftuin="bergeijk",
                      record_id=answer_id(evaluation.record_id, browser))


def test_the_page_opens_an_evaluation_and_counts_answers_as_they_come(example_store):
    app = EvaluatieApp(example_store, "bergeijk", saved_by="Petra van Dijk")
    # the demo's open evaluation (transitiebijeenkomst) is taken up again after a reload
    assert app.meeting.value == "bijeenkomst-transitie"
    assert "KM4TA" in app.join.value and 'data-n="2"' in app.live.value
    app.meeting.value = "bijeenkomst-start"  # closed: its results, a way to reopen
    assert app.join.value == "" and 'data-n="6"' in app.live.value
    assert app.open_button.description == "Opnieuw openen" and app.close_button.disabled
    app.open_button.click()
    evaluation = example_store.latest(Evaluatie, "evaluatie-bijeenkomst-start")
    assert evaluation.version == 3 and evaluation.record.status == "open"
    assert evaluation.record.code != "HRT3X" and evaluation.saved_by == "Petra van Dijk"
    assert evaluation.record.code in app.join.value and "<svg" in app.join.value
    assert participant_url(evaluation.record.code) in app.join.value
    _participant(example_store, evaluation, "a" * 32, zelfde_taal="5", goede_spoor="5")
    _participant(example_store, evaluation, "b" * 32, zelfde_taal="1", goede_spoor="5")
    _participant(example_store, evaluation, "a" * 32, zelfde_taal="4", goede_spoor="5")  # changed
    app.refresh_results()
    assert 'data-n="8"' in app.live.value  # 6 earlier answers + 2 browsers, each once
    app.close_button.click()
    closed = example_store.latest(Evaluatie, "evaluatie-bijeenkomst-start")
    assert closed.record.status == "gesloten" and closed.record.gesloten is not None
    assert app.status.value and "gesloten" in app.status.value
    assert not app.open_button.disabled and app.join.value == ""


def test_open_answers_are_shown_only_when_chosen_and_never_as_html(example_store):
    app = EvaluatieApp(example_store, "bergeijk")
    evaluation = app.evaluation
    _participant(example_store, evaluation, "c" * 32, zelfde_taal="3", goede_spoor="3",
                 kan_anders="<script>alert(1)</script> meer pauze")
    app.refresh_results()
    assert "meer pauze" not in app.live.value and "verborgen" in app.live.value
    app.show_open.value = True
    assert example_store.latest(Evaluatie, evaluation.record_id).record.open_antwoorden_tonen
    assert "&lt;script&gt;alert(1)&lt;/script&gt; meer pauze" in app.live.value
    assert "<script>" not in app.live.value


def test_the_year_tab_lists_every_evaluated_bijeenkomst(example_store):
    app = EvaluatieApp(example_store, "bergeijk")
    app.tabs.selected_index = 1
    assert "11-02-2025 Startbijeenkomst in De Kattenberg" in app.year_table.value
    assert "2,8" in app.year_table.value  # 17/6 at the startbijeenkomst
    assert app.year_chart.chart is not None


def test_a_proeftuin_without_bijeenkomsten_says_what_to_do(store):
    app = EvaluatieApp(store, "leeg")
    assert "nog geen bijeenkomsten" in app.children[0].children[0].value
    app.open_button.click()
    assert store.records(Evaluatie) == []


def test_the_qr_code_is_inline_svg_without_requests():
    svg = qr_svg("http://192.168.1.20:8866/e/KM4TA")
    assert svg.startswith("<svg") and "http://192.168.1.20:8866/e/KM4TA" in svg  # its title
    assert "<image" not in svg and "href" not in svg


def test_values_a_question_does_not_have_are_never_counted():
    odd = EvaluatieAntwoord(evaluatie_id="e", antwoorden={"zelfde_taal": "ja", "goede_spoor": "4"})
    found = results(STANDAARD, [odd, *_answers(("2", "2", "zorg"))])
    assert found.means["zelfde_taal"] == 2.0 and sum(found.counts["zelfde_taal"].values()) == 1
    assert found.means["goede_spoor"] == 3.0


def test_a_reopened_evaluation_keeps_its_questions(example_store):
    app = EvaluatieApp(example_store, "bergeijk")
    app.meeting.value = "bijeenkomst-werk-1"
    assert app.question_set.disabled and app.question_set.value == "standaard"
    app.question_set.disabled = False
    app.question_set.value = "ja_deels_nee"  # even if the dropdown were changed
    app.open_button.click()
    reopened = example_store.latest(Evaluatie, "evaluatie-bijeenkomst-werk-1")
    assert reopened.record.vragenset == "standaard" and reopened.record.status == "open"
    code = reopened.record.code
    app.open_button.click()  # a second click: nothing new
    assert example_store.latest(Evaluatie, reopened.record_id).record.code == code


def test_the_live_view_follows_a_close_in_another_tab(example_store):
    projected = EvaluatieApp(example_store, "bergeijk")
    other_tab = EvaluatieApp(example_store, "bergeijk")
    assert "KM4TA" in projected.join.value
    other_tab.close_button.click()
    projected.live_tick()
    assert projected.join.value == "" and projected.close_button.disabled
    assert projected.open_button.description == "Opnieuw openen"
