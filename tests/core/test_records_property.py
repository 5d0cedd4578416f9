"""Every record model against generated bad values (hypothesis).

Whatever a form, a participant's phone or a file sends, a model either refuses it with a
short Dutch message per field, or accepts it, and then the store gives back exactly what was
saved. Nothing else: no UnicodeEncodeError from a lone surrogate, no English pydantic text,
no 10 MB value repeated in a message.
"""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from leven.core.records import LINE_MAX, TEXT_MAX, Record, field_messages
from leven.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Input should", "Value error", "validation error", "Field required", "Traceback")


def _examples() -> dict[type[Record], dict]:
    """A valid payload of every record model, from the example data (one file per model)."""
    found = {}
    for path in sorted((ROOT / "data" / "example").glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        if not content.get("model") or not content.get("records"):
            continue
        module, _, name = content["model"].partition(":")
        entry = content["records"][0]
        found[getattr(importlib.import_module(module), name)] = (
            entry.get("versions") or [entry])[-1]["payload"]
    return found


EXAMPLES = _examples()
MODELS = sorted(EXAMPLES, key=lambda model: model.__name__)

any_text = st.text(st.characters(codec=None, categories=None), max_size=60)
bad_values = st.one_of(
    any_text,
    st.text(st.sampled_from("\x00\x01\x1b\x7f\t\n\r\u200b\u202e\ud800é a"), max_size=20),
    st.binary(max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates().map(date.isoformat),
    st.lists(any_text, max_size=5),
    st.dictionaries(any_text, any_text, max_size=3),
)


def _assert_dutch(error: ValidationError) -> None:
    messages = field_messages(error)
    assert messages
    for message in messages.values():
        assert message and len(message) < 300
        assert not any(phrase in message for phrase in ENGLISH), message
        assert not message.startswith(("core.", "gas.", "collage.", "checklist.", "kernthema."))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine_store(request: pytest.FixtureRequest):
    """One store per engine for the whole module (hypothesis runs many examples per test)."""
    if request.param == "sqlite":
        store = Store("sqlite://")
        yield store
        store.close()
        return
    server = request.getfixturevalue("postgres")
    url = server.new_database()
    store = Store(url)
    yield store
    store.close()
    server.drop_database(url)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_bad_value_is_refused_in_dutch_or_read_back_equal(model, data, engine_store):
    payload = dict(EXAMPLES[model])
    name = data.draw(st.sampled_from(sorted(model.model_fields)), label="field")
    payload[name] = data.draw(bad_values, label="value")
    try:
        record = model.model_validate(payload)
    except ValidationError as error:
        _assert_dutch(error)
        return
    saved = engine_store.save(record, proeftuin="p")  # on SQLite and on PostgreSQL
    assert engine_store.latest(model, saved.record_id).record == record


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_huge_value_is_never_repeated_in_a_message(model):
    huge = "x" * 10_000_000
    for name in model.model_fields:
        payload = {**EXAMPLES[model], name: huge}
        try:
            model.model_validate(payload)
        except ValidationError as error:
            _assert_dutch(error)


@pytest.mark.parametrize(("value", "message"), [
    ("Bergeijk\x01\x02\x1b", "Deze tekst bevat onzichtbare stuurtekens"),
    ("Berg\ud800eijk", "Deze tekst bevat tekens die geen geldige tekst zijn"),
    ("Berg\neijk", "Dit veld is één regel"),
    (b"Bergeijk", "Vul tekst in."),
    ("x" * (LINE_MAX + 1), f"Dit is te lang (hoogstens {LINE_MAX} tekens)."),
])
def test_one_text_type_for_every_line(value, message):
    from leven.proeftuin import Proeftuin

    with pytest.raises(ValidationError) as info:
        Proeftuin(naam=value, gemeente="Bergeijk", startdatum=date(2025, 2, 1))
    assert field_messages(info.value)["naam"].startswith(message)


def test_text_is_normalised_and_keeps_its_lines():
    from leven.proeftuin import Bijeenkomst

    record = Bijeenkomst(soort="anders", datum=date(2025, 2, 1), titel="Cafe\u0301",
                         notities="eerste regel\r\n\ttweede regel")
    assert record.titel == "Café" and len(record.titel) == 4  # NFC: one é
    assert record.notities == "eerste regel\n\ttweede regel"
    with pytest.raises(ValidationError):
        Bijeenkomst(soort="anders", datum=date(2025, 2, 1), notities="x" * (TEXT_MAX + 1))


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1900, 5, 13), date(2999, 1, 1)])
def test_dates_that_cannot_be_true_are_refused(day):
    from leven.proeftuin import Bijeenkomst, Proeftuin

    with pytest.raises(ValidationError) as info:
        Bijeenkomst(soort="anders", datum=day)
    assert field_messages(info.value)["datum"].startswith("Vul een datum tussen 2000 en")
    with pytest.raises(ValidationError):
        Proeftuin(naam="X", gemeente="Y", startdatum=day)
