"""The spine's models: Dutch validation, kerngroep lines, readable ids."""

from datetime import date

import pytest
from pydantic import ValidationError

from leven.core.errors import LevenError
from leven.core.records import field_messages
from leven.proeftuin import Bijeenkomst, Deelnemer, Dimensie, Proeftuin, parse_kerngroep, slug


def messages(model, **values):
    with pytest.raises(ValidationError) as caught:
        model(**values)
    return field_messages(caught.value)


def test_proeftuin_needs_name_gemeente_and_date_in_dutch():
    found = messages(Proeftuin, naam="", gemeente="  ", startdatum=None)
    assert found == {
        "naam": "Vul dit veld in.",
        "gemeente": "Vul dit veld in.",
        "startdatum": "Vul een geldige datum in.",
    }


def test_names_are_stripped_and_records_are_frozen():
    p = Proeftuin(naam="  Zundert ", gemeente="Zundert", startdatum=date(2024, 3, 1))
    assert p.naam == "Zundert"
    with pytest.raises(ValidationError):
        p.naam = "other"


def test_deelnemer_dimensions_are_ordered_and_unique():
    d = Deelnemer(naam="Anna", dimensies=["sociaal", "lichamelijk", "sociaal"])
    assert d.dimensies == (Dimensie.LICHAMELIJK, Dimensie.SOCIAAL)


def test_deelnemer_email_must_be_an_address():
    found = messages(Deelnemer, naam="Anna", email="geen adres")
    assert found == {"email": "Een e-mailadres heeft de vorm naam@organisatie.nl: de @ of de "
                              "naam ervoor ontbreekt."}  # what is wrong, not "klopt niet"
    assert Deelnemer(naam="Anna", email=" ").email is None


def test_bijeenkomst_type_must_be_known():
    found = messages(Bijeenkomst, soort="feest", datum=date(2025, 1, 1))
    assert found == {"soort": "Kies een van de mogelijkheden."}


def test_parse_kerngroep_lines():
    members = parse_kerngroep("Anna de Vries, Huisartsenpraktijk\n\n  Karim  \n")
    assert [(m.naam, m.organisatie, m.kerngroep) for m in members] == [
        ("Anna de Vries", "Huisartsenpraktijk", True),
        ("Karim", "", True),
    ]
    with pytest.raises(LevenError) as caught:
        parse_kerngroep("Anna\n, Welzijn")
    assert str(caught.value).startswith("Regel 2:")


def test_slug_is_readable_and_unique():
    assert slug("Proeftuin Zundert-Oost!") == "proeftuin-zundert-oost"
    assert slug("Één", taken={"een"}) == "een-2"
    assert slug("???") == "proeftuin"


@pytest.mark.parametrize(("email", "message"), [
    ("anna@gmail.com", "Vul een werkadres in: gmail.com is een privéadres"),
    ("bram@Hotmail.NL", "Vul een werkadres in: hotmail.nl is een privéadres"),
    ("k.jansen@ziggo.nl", "Vul een werkadres in: ziggo.nl is een privéadres"),
    ("anna", "Een e-mailadres heeft de vorm naam@organisatie.nl"),
    ("@thuiszorg.nl", "Een e-mailadres heeft de vorm naam@organisatie.nl"),
    ("anna@thuiszorg", "Na de @ hoort het domein van de organisatie"),
    ("an na@thuiszorg.nl", "Dit e-mailadres bevat tekens die in een adres niet kunnen"),
])
def test_only_a_work_email_is_taken_and_a_wrong_one_says_why(email, message):
    with pytest.raises(ValidationError) as info:
        Deelnemer(naam="Anna", email=email)
    assert field_messages(info.value)["email"].startswith(message)


def test_a_work_email_is_normalised():
    assert Deelnemer(naam="Anna", email=" Anna@ThuiszorgWest.NL ").email == (
        "Anna@thuiszorgwest.nl")
    assert Deelnemer(naam="Anna", email="").email is None
