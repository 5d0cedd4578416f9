"""The GAS app's widgets: fill goals, score them, and read the T-scores back from the store.

Every test clicks the real buttons (``.click()``) and checks what the store holds and what
the page says afterwards.
"""

from __future__ import annotations

import html
import math
from datetime import date

import pytest

from leven.gas import GasDoel, GasScore, experiment_summary, t_score
from leven.gas.views.app import GasApp
from leven.gas.views.goal import GasDoelForm

PROEFTUIN = "bergeijk"

CASUS = {
    "praktijk": "Huisartsenpraktijk De Linde",
    "wie": "huisarts, wijkverpleging, sociaal team",
    "ingevuld_door": "Anna de Vries",
    "datum": date(2025, 5, 13),
    "doel": "Samen casussen bespreken",
    "niveau_min2": "Zorg en sociaal domein bespreken casussen ieder apart",
    "niveau_min1": "Eén gezamenlijke bespreking, daarna niet meer",
    "niveau_0": "Elke zes weken een casuïstiekbespreking",
    "niveau_plus1": "Elke zes weken, en het sociaal team brengt zelf casussen in",
    "niveau_plus2": "De bespreking hoort bij het bestaande MDO en gaat door",
}
ROLLEN = {
    "doel": "Elkaars rol kennen",
    "niveau_min1": "Men kent elkaars naam",
    "niveau_0": "Men weet wie men kan inschakelen",
    "niveau_plus1": "Men schakelt elkaar zelf in",
}


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


@pytest.fixture
def app(store):
    return GasApp(store, PROEFTUIN, saved_by=lambda: "Marieke Jansen")


def start_experiment(app: GasApp, name: str) -> str:
    app.new_name.value = name
    app.new_button.click()
    return app.picker.value


def fill(form, values: dict) -> None:
    for name, value in values.items():
        form.fields[name].widget.value = value


def add_goal(app: GasApp, values: dict) -> str:
    app.goals.new_button.click()
    fill(app.goals.form, values)
    app.goals.form.save_button.click()
    assert "leven-form-status-ok" in app.goals.form.status.value, app.goals.form.messages
    return app.goals.form.record_id


def score(app: GasApp, meting: str | None, datum: date, niveau: int | None, doel_id=None):
    form = app.scoring.form
    if doel_id is not None:
        form.fields["doel_id"].widget.value = doel_id
    values = {"meting": meting, "datum": datum, "niveau": niveau}
    fill(form, {k: v for k, v in values.items() if v is not None})
    form.save_button.click()


def test_fill_score_twice_and_read_t_scores_back(app, store):
    experiment = start_experiment(app, "Casuïstiekbespreking")
    assert experiment == "casuistiekbespreking"
    assert app.goals.form.fields["experiment"].widget.value == "Casuïstiekbespreking"

    casus = add_goal(app, {**CASUS, "belang": 3, "moeilijkheid": 2})  # weight 6
    rollen = add_goal(app, ROLLEN)  # weight 1
    assert app.goals.form.version_info.value.count("Versie 1") == 1
    saved = {v.record_id: v.record for v in store.records(GasDoel, PROEFTUIN)}
    assert saved[casus].niveau_0 == "Elke zes weken een casuïstiekbespreking"
    assert saved[casus].experiment == "Casuïstiekbespreking"
    assert (saved[casus].volgorde, saved[rollen].volgorde) == (0, 1)
    assert saved[rollen].experiment_id == "casuistiekbespreking"

    # The nulmeting: after the first goal the form keeps meting and date, and the next
    # goal is ready, with its own level descriptions beside the choices.
    score(app, "nulmeting", date(2025, 5, 13), -1, doel_id=casus)
    form = app.scoring.form
    assert form.fields["doel_id"].widget.value == rollen
    assert form.values["meting"] == "nulmeting"
    assert form.values["datum"] == date(2025, 5, 13)
    assert form.values["niveau"] is None  # never carried over
    labels = [label for label, _ in form.fields["niveau"].widget.options]
    assert labels[3] == "-1 · minder bereikt dan verwacht: Men kent elkaars naam"
    assert labels[0] == "+2 · veel meer bereikt dan verwacht"  # not described: meaning only
    assert "nulmeting van 'Samen casussen bespreken', niveau -1" in html.unescape(form.status.value)
    score(app, None, date(2025, 5, 13), -2)

    score(app, "vervolgmeting", date(2025, 9, 16), 1, doel_id=casus)
    score(app, None, date(2025, 9, 16), 0)

    scores = store.frame(GasScore, PROEFTUIN)
    assert sorted(zip(scores["meting"], scores["niveau"], strict=True)) == [
        ("nulmeting", -2),
        ("nulmeting", -1),
        ("vervolgmeting", 0),
        ("vervolgmeting", 1),
    ]
    row = experiment_summary(store.frame(GasDoel, PROEFTUIN), scores).iloc[0]
    # By hand: w = [6, 1], ρ = .3: Σw² = 37, Σw = 7, √(0.7·37 + 0.3·49) = √40.6 = 6.371813.
    # Nulmeting x = [−1, −2]: Σwx = −8, T = 50 − 80/6.371813 = 37.444704.
    # Vervolgmeting x = [+1, 0]: Σwx = 6, T = 50 + 60/6.371813 = 59.416472; change 21.971769.
    assert row["t_nulmeting"] == pytest.approx(37.444704, abs=1e-6)
    assert row["t_vervolgmeting"] == pytest.approx(59.416472, abs=1e-6)
    assert row["verandering"] == pytest.approx(21.971769, abs=1e-6)
    assert row["t_nulmeting"] == pytest.approx(t_score([-1, -2], [6, 1]))
    assert math.isclose(row["verandering"], 140 / math.sqrt(40.6))

    # The page says the same, with Dutch decimal commas.
    assert "T-score nulmeting 37,4" in app.summary.value
    assert "laatste vervolgmeting 59,4" in app.summary.value
    assert "verandering +22,0" in app.summary.value
    assert "T-score vervolgmeting: 59,4 (2 van 2 doelen gescoord)" in app.result.text.value
    assert "+1 (16-09-2025)" in app.goals.table.value


def test_no_level_chosen_is_refused_beside_the_level(app, store):
    start_experiment(app, "Informatiepunt")
    goal = add_goal(app, CASUS)
    form = app.scoring.form
    assert form.fields["niveau"].widget.value is None  # nothing preselected
    form.fields["toelichting"].widget.value = "nog niet besproken"
    score(app, "nulmeting", date(2025, 5, 13), None, doel_id=goal)

    assert form.messages == {
        "niveau": "Kies welk niveau is bereikt: een heel getal van -2 tot en met +2."
    }
    assert "leven-form-status-error" in form.status.value
    assert store.records(GasScore, PROEFTUIN) == []
    # nothing typed is lost
    assert form.values["doel_id"] == goal
    assert form.values["meting"] == "nulmeting"
    assert form.values["toelichting"] == "nog niet besproken"

    # No goal and no meting either: each message beside its own field.
    form.fields["doel_id"].widget.value = None
    form.fields["meting"].widget.value = None
    form.save_button.click()
    assert form.messages["doel_id"] == "Kies welk doel u scoort."
    assert form.messages["meting"] == "Kies een van de mogelijkheden."
    assert store.records(GasScore, PROEFTUIN) == []


def test_level_0_must_be_described_and_typed_values_stay(app, store):
    start_experiment(app, "PaTz")
    form = app.goals.form
    typed = {**CASUS, "niveau_0": "   "}
    fill(form, typed)
    form.save_button.click()
    assert form.messages == {
        "niveau_0": "Beschrijf niveau 0, het verwachte resultaat: dat is het doel zelf."
    }
    assert store.records(GasDoel, PROEFTUIN) == []
    assert form.values == {
        **typed,
        "experiment": "PaTz",
        "belang": None,
        "moeilijkheid": None,
        "gewicht": "",
    }
    assert store.load_draft(form.draft_key).values["niveau_plus2"] == CASUS["niveau_plus2"]


def test_same_description_twice_is_refused_beside_the_later_level(app, store):
    start_experiment(app, "PaTz")
    form = app.goals.form
    fill(form, {**CASUS, "niveau_plus1": "elke zes weken een Casuïstiekbespreking"})
    form.save_button.click()
    assert form.messages == {
        "niveau_plus1": "Deze beschrijving staat ook bij niveau 0: elk niveau beschrijft een "
        "ander resultaat."
    }
    assert store.records(GasDoel, PROEFTUIN) == []


def test_goal_without_experiment_and_half_weighing(store):
    form = GasDoelForm(store, PROEFTUIN)
    fill(form, {**CASUS, "belang": 2})
    form.save_button.click()
    # Whole-record checks (the weighing) only run once every field is valid.
    assert form.messages == {
        "experiment": "Kies eerst bovenaan een experiment, of begin een nieuw experiment."
    }
    assert store.records(GasDoel, PROEFTUIN) == []
    form.set_experiment("x", "X")
    fill(form, {**CASUS, "belang": 2, "gewicht": "1,5"})
    form.save_button.click()
    assert form.messages == {
        "moeilijkheid": "Vul zowel belang als moeilijkheid in, of geen van beide."
    }
    assert form.weighing.selected_index == 0  # the message is not hidden in a closed panel
    fill(form, {"belang": 2, "moeilijkheid": 3})
    form.save_button.click()
    assert form.messages == {
        "gewicht": "Kies óf een gewicht óf belang en moeilijkheid, niet allebei."
    }
    fill(form, {"gewicht": "twee"})
    form.save_button.click()
    assert form.messages == {"gewicht": "Vul een getal in."}
    fill(form, {"belang": None, "moeilijkheid": None, "gewicht": "1,5"})
    form.save_button.click()
    assert store.records(GasDoel, PROEFTUIN)[0].record.gewicht == 1.5
    assert form.values["gewicht"] == "1,5"
    assert store.records(GasDoel, PROEFTUIN)[0].record.experiment == "X"


def test_editing_a_scored_goal_keeps_version_1(app, store):
    start_experiment(app, "Casuïstiekbespreking")
    goal = add_goal(app, CASUS)
    score(app, "nulmeting", date(2025, 5, 13), -1, doel_id=goal)

    app.goals.picker.value = ""  # "new"
    app.goals.picker.value = goal  # pick it again, as a facilitator would
    form = app.goals.form
    assert "Versie 1" in form.version_info.value
    assert "al gescoord (1×)" in form.version_info.value
    form.fields["niveau_plus2"].widget.value = "De bespreking is een vast onderdeel van het MDO"
    form.save_button.click()
    assert "Opgeslagen (versie 2)" in form.status.value

    history = store.history(GasDoel, goal)
    assert [v.version for v in history] == [1, 2]
    assert history[0].record.niveau_plus2 == CASUS["niveau_plus2"]
    assert history[1].record.niveau_plus2 == "De bespreking is een vast onderdeel van het MDO"
    assert "Versie 2" in form.version_info.value
    assert CASUS["niveau_plus2"] not in form.history.value  # history lists doel and level 0
    assert "Eerdere versies (1)" in form.history.value
    assert len(store.records(GasDoel, PROEFTUIN)) == 1
    # The scoring still belongs to the goal; the list shows version 2.
    assert "<td>2</td>" in app.goals.table.value
    assert "-1 (13-05-2025)" in app.goals.table.value


def test_a_scoring_can_be_corrected_as_a_new_version(app, store):
    start_experiment(app, "Casuïstiekbespreking")
    goal = add_goal(app, CASUS)
    score(app, "nulmeting", date(2025, 5, 13), 1, doel_id=goal)
    [saved] = store.records(GasScore, PROEFTUIN)
    app.scoring.picker.value = saved.record_id
    form = app.scoring.form
    assert form.values["niveau"] == 1
    assert form.values["doel_id"] == goal
    form.fields["niveau"].widget.value = -1
    form.save_button.click()
    assert [v.record.niveau for v in store.history(GasScore, saved.record_id)] == [1, -1]
    assert "T-score nulmeting 40,0" in app.summary.value


def test_choosing_experiments_of_the_example(example_store):
    app = GasApp(example_store, PROEFTUIN)
    names = [label for label, _ in app.picker.options[1:]]
    assert names == [
        "Casuïstiekbespreking",
        "Informatiepunt in de bibliotheek",
        "Vrijwilligers in de PaTz-groep",
    ]
    assert app.body.layout.display == "none"  # nothing chosen yet: only the explanation
    app.picker.value = "casuistiekbespreking"
    assert app.body.layout.display == ""
    expected = (
        experiment_summary(
            example_store.frame(GasDoel, PROEFTUIN), example_store.frame(GasScore, PROEFTUIN)
        )
        .set_index("experiment_id")
        .loc["casuistiekbespreking"]
    )
    shown = f"{expected['t_nulmeting']:.1f}".replace(".", ",")
    assert f"T-score nulmeting {shown}" in app.summary.value
    assert app.goals.table.value.count("<tr>") == 3  # header + two goals
    # A typed name that already exists chooses that experiment rather than a copy.
    app.picker.value = None
    start_experiment(app, "informatiepunt in de  bibliotheek")
    assert app.picker.value == "informatiepunt"
    assert "bestond al" in app.message.value
    # An empty name is refused beside the button.
    start_experiment(app, "  ")
    assert "Geef het nieuwe experiment eerst een naam." in app.message.value


def test_typed_markup_is_shown_as_text(app):
    start_experiment(app, "<b>Vet</b> experiment")
    add_goal(app, {**CASUS, "doel": "<script>alert(1)</script> samen bespreken"})
    assert "<script>" not in app.goals.table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; samen bespreken" in app.goals.table.value
    assert "<b>Vet</b>" not in app.message.value
    assert "&lt;b&gt;Vet&lt;/b&gt;" in app.message.value


def test_the_chart_is_made_when_its_tab_opens_and_follows_the_experiment(
    example_store, monkeypatch
):
    from leven.core import charts
    from leven.gas import charts as gas_charts

    drawn, made = [], []
    monkeypatch.setattr(charts, "show", drawn.append)
    make = gas_charts.levels_over_time
    monkeypatch.setattr(gas_charts, "levels_over_time",
                        lambda t, **kw: made.append(t) or make(t, **kw))
    app = GasApp(example_store, PROEFTUIN)
    experiments = [v for _, v in app.picker.options if v]
    assert len(experiments) >= 2
    app.picker.value = experiments[0]
    assert made == [] and drawn == []  # not even made (that needs Altair) before it is seen
    app.tabs.selected_index = 2
    assert len(drawn) == 1
    assert set(made[-1]["experiment_id"]) == {experiments[0]}
    app.picker.value = experiments[1]  # on the open tab: redrawn for the other experiment
    assert len(drawn) == 2
    assert set(made[-1]["experiment_id"]) == {experiments[1]}
    app.tabs.selected_index = 0
    app.picker.value = experiments[0]
    assert len(drawn) == 2  # a closed tab is not drawn


def test_a_new_experiment_with_a_typed_goal_survives_a_reload(app, store):
    """Begun, a goal typed, no goal saved, page reloaded: the experiment and the goal's
    draft are offered again (the experiment exists only through its goals)."""
    experiment_id = start_experiment(app, "Mantelzorgcafé")
    app.goals.form.fields["doel"].widget.value = "Mantelzorgers vinden de weg"
    app.goals.form.flush_draft()  # what the debounce does a moment after typing
    assert app.goals.form.draft_key.startswith(GasDoelForm.new_goal_drafts(PROEFTUIN))
    start_experiment(app, "Leeg begonnen")  # nothing typed: nothing to bring back

    again = GasApp(store, PROEFTUIN)  # the page after a reload: a new kernel
    offered = dict((v, label) for label, v in again.picker.options)
    assert "Mantelzorgcafé" in offered[experiment_id]
    assert not any("Leeg begonnen" in label for label in offered.values())
    again.picker.value = experiment_id
    form = again.goals.form
    assert form.draft_box.layout.display == ""  # "a draft was found": restore it
    form.restore_button.click()
    assert form.fields["doel"].widget.value == "Mantelzorgers vinden de weg"
    fill(form, {k: v for k, v in CASUS.items() if k != "doel"})
    form.save_button.click()
    assert "leven-form-status-ok" in form.status.value, form.messages
    saved = store.latest(GasDoel, form.record_id).record
    assert (saved.experiment_id, saved.experiment) == (experiment_id, "Mantelzorgcafé")
    assert store.drafts(GasDoelForm.new_goal_drafts(PROEFTUIN)) == []


def test_a_follow_up_needs_the_baseline_and_comes_after_it(app, store):
    start_experiment(app, "Casuïstiekbespreking")
    goal = add_goal(app, CASUS)
    form = app.scoring.form
    score(app, "vervolgmeting", date(2025, 9, 1), 1, doel_id=goal)
    assert store.records(GasScore, PROEFTUIN) == []
    assert form.messages["meting"].startswith("Scoor eerst de nulmeting van dit doel")
    assert form.values["niveau"] == 1  # what was typed stays
    score(app, "nulmeting", date(2025, 5, 13), -1, doel_id=goal)
    score(app, "vervolgmeting", date(2025, 5, 1), 1, doel_id=goal)
    assert form.messages["datum"] == (
        "Een vervolgmeting ligt na de nulmeting (13-05-2025): kies een latere datum.")
    assert [v.record.meting for v in store.records(GasScore, PROEFTUIN)] == ["nulmeting"]
    score(app, "vervolgmeting", date(2025, 9, 1), 1, doel_id=goal)
    assert len(store.records(GasScore, PROEFTUIN)) == 2


def test_dates_that_cannot_be_true_are_refused(app, store):
    start_experiment(app, "Casuïstiekbespreking")
    goal = add_goal(app, CASUS)
    score(app, "nulmeting", date(1900, 5, 13), 0, doel_id=goal)
    assert app.scoring.form.messages["datum"].startswith("Vul een datum tussen 2000 en")
    assert store.records(GasScore, PROEFTUIN) == []
