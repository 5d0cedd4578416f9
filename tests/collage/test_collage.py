"""Collage notes and the word statistics over them, with hand-counted expectations."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from leven.collage import DIMENSIES, CollageNotitie, normalise_trefwoorden, notes_overview
from leven.core.records import field_messages
from leven.core.textstats import (
    STOPWORDS_FILE,
    domain_totals,
    domain_totals_table,
    frequent_words,
    frequent_words_per_proeftuin,
    log_ratio,
    note_tokens,
    stopwords,
    tokenize,
    words_by_domain,
)

pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


# --- the note ------------------------------------------------------------------------------


def test_trefwoorden_normalised():
    note = CollageNotitie(
        titel="Eilanden",
        trefwoorden=["  Bruggen ", "bruggen", "", "#Samen", "Samen", "  eilanden   in  zee "],
    )
    assert note.trefwoorden == ["bruggen", "samen", "eilanden in zee"]
    # A form may send one comma-separated string.
    assert CollageNotitie(titel="x", trefwoorden="Wijk, buurt;WIJK\nnetwerk").trefwoorden == [
        "wijk",
        "buurt",
        "netwerk",
    ]
    assert normalise_trefwoorden(None) == []
    assert CollageNotitie(titel="x").trefwoorden == []


def test_dimensies_subset_in_usual_order():
    note = CollageNotitie(titel="x", dimensies=["Spiritueel", "sociaal", "sociaal", "fysiek"])
    assert note.dimensies == ["lichamelijk", "sociaal", "spiritueel"]
    assert CollageNotitie(titel="x", dimensies=list(DIMENSIES)).dimensies == list(DIMENSIES)
    with pytest.raises(ValidationError) as info:
        CollageNotitie(titel="x", dimensies=["financieel"])
    assert field_messages(info.value)["dimensies"] == (
        "'financieel' is geen dimensie; kies uit lichamelijk, psychisch, sociaal en spiritueel."
    )


def test_domein_optional_and_checked():
    assert CollageNotitie(titel="x").domein is None
    assert CollageNotitie(titel="x", domein="").domein is None
    assert CollageNotitie(titel="x", domein="Sociaal domein").domein == "sociaal_domein"
    assert CollageNotitie(titel="x", domein="zorg").domein == "zorg"
    with pytest.raises(ValidationError) as info:
        CollageNotitie(titel="x", domein="onderwijs")
    assert field_messages(info.value)["domein"] == (
        "Kies als domein 'zorg' of 'sociaal domein', of laat het leeg."
    )


def test_titel_required_in_dutch():
    with pytest.raises(ValidationError) as info:
        CollageNotitie(titel="  ")
    assert field_messages(info.value) == {"titel": "Geef de collage of tekening een titel."}
    with pytest.raises(ValidationError) as info:
        CollageNotitie()
    assert field_messages(info.value) == {"titel": "Geef de collage of tekening een titel."}


def test_foto_ids_and_bijeenkomst():
    note = CollageNotitie(titel="x", foto_ids=["a1b2", " a1b2 ", "", "c3_d-4"], bijeenkomst_id="  ")
    assert note.foto_ids == ["a1b2", "c3_d-4"]
    assert note.bijeenkomst_id is None
    with pytest.raises(ValidationError) as info:
        CollageNotitie(titel="x", foto_ids=["../../etc/passwd"])
    assert "foto" in field_messages(info.value)["foto_ids"]


def test_kind_and_strictness():
    assert CollageNotitie.KIND == "collage_notitie"
    with pytest.raises(ValidationError) as info:
        CollageNotitie(titel="x", kleur="rood")
    assert field_messages(info.value)["kleur"] == "Dit veld hoort hier niet."


# --- tokens --------------------------------------------------------------------------------


def test_stopwords_file_loaded():
    words = stopwords()
    assert STOPWORDS_FILE.name == "stopwoorden_nl.txt"
    assert {"de", "het", "een", "niet", "hebben", "zonder"} <= words  # Snowball
    assert {"wij", "onze", "jullie"} <= words  # the workbook's additions
    assert not any(w.startswith("#") for w in words)
    assert "samen" not in words and "elkaar" not in words


def test_tokenize_rules():
    text = (
        "De patiënt en zijn naasten: ideeën over mantel-zorg in 2024, op 1 plek! "
        "Wij ZIJN er   samen — ACP-gesprek, 3e keer; zo'n café."
    )
    assert tokenize(text) == [
        "patiënt",
        "naasten",
        "ideeën",
        "mantel-zorg",
        "plek",
        "samen",
        "acp-gesprek",
        "keer",
        "café",
    ]


def test_tokenize_decomposed_diacritics_are_one_word():
    decomposed = "patie\u0308nt"  # e + combining diaeresis, as some keyboards send it
    assert tokenize(decomposed) == ["patiënt"]


def test_note_tokens_cover_all_text_fields():
    note = CollageNotitie(
        titel="Bruggen bouwen",
        metafoor="Eilanden met bruggen",
        trefwoorden=["Verbinding"],
        tekst="De wijk als netwerk.",
        door="Groep met naam",  # not part of the text
    )
    assert note_tokens(note) == [
        "bruggen",
        "bouwen",
        "eilanden",
        "bruggen",
        "verbinding",
        "wijk",
        "netwerk",
    ]


# --- hand-counted statistics ---------------------------------------------------------------


def _notes() -> list[CollageNotitie]:
    return [
        CollageNotitie(
            titel="Bruggen",
            door="Huisarts",
            domein="zorg",
            metafoor="Eilanden met bruggen",
            trefwoorden=["zorgpad"],
            tekst="De patiënt thuis.",
        ),
        # zorg tokens: bruggen, eilanden, bruggen, zorgpad, patiënt, thuis  (6)
        CollageNotitie(
            titel="Thuis",
            door="Wijkverpleging",
            domein="zorg",
            tekst="Het zorgpad en de patiënt.",
        ),
        # zorg tokens: thuis, zorgpad, patiënt  (3) -> zorg total 9
        CollageNotitie(
            titel="Buurt",
            door="Welzijn",
            domein="sociaal_domein",
            metafoor="Bruggen in de buurt",
            trefwoorden=["netwerk", "Buurt"],
            tekst="Een netwerk van buren.",
        ),
        # sociaal tokens: buurt, bruggen, buurt, netwerk, buurt, netwerk, buren  (7)
        CollageNotitie(
            titel="Samen",
            door="Gemengd groepje",
            domein=None,
            tekst="Bruggen, bruggen en nog eens bruggen.",
        ),
        # no domain: samen, bruggen, bruggen, bruggen  (4) -> only in frequent_words
    ]


def test_frequent_words_hand_counted():
    frame = frequent_words(_notes())
    assert list(frame.columns) == ["woord", "aantal", "notities"]
    rows = [tuple(row) for row in frame.itertuples(index=False)]
    assert rows == [
        ("bruggen", 6, 3),
        ("buurt", 3, 1),
        ("netwerk", 2, 1),
        ("patiënt", 2, 2),
        ("thuis", 2, 2),
        ("zorgpad", 2, 2),
        ("buren", 1, 1),
        ("eilanden", 1, 1),
        ("samen", 1, 1),
    ]
    # Stop words never show up.
    assert not set(frame["woord"]) & {"de", "het", "een", "van", "met", "nog", "eens", "en"}
    assert frequent_words(_notes(), n=2)["woord"].tolist() == ["bruggen", "buurt"]


def test_frequent_words_empty():
    frame = frequent_words([])
    assert frame.empty
    assert list(frame.columns) == ["woord", "aantal", "notities"]


def test_words_by_domain_hand_computed():
    frame = words_by_domain(_notes()).set_index("woord")
    # zorg: 9 words, sociaal domein: 7 words (the note without a domain is left out).
    assert frame.loc["bruggen", "aantal_zorg"] == 2
    assert frame.loc["bruggen", "aantal_sociaal_domein"] == 1
    assert frame.loc["bruggen", "relatief_zorg"] == pytest.approx(2 / 9)
    assert frame.loc["bruggen", "relatief_sociaal_domein"] == pytest.approx(1 / 7)
    # log2( (2.5/10) / (1.5/8) ) = log2(4/3)
    assert frame.loc["bruggen", "log_ratio"] == pytest.approx(math.log2(4 / 3))
    assert frame.loc["bruggen", "alleen_in"] is None
    # buurt: zorg 0, sociaal 3: log2( (0.5/10) / (3.5/8) ) = log2(0.4/3.5)
    assert frame.loc["buurt", "log_ratio"] == pytest.approx(math.log2(0.4 / 3.5))
    assert frame.loc["buurt", "alleen_in"] == "sociaal_domein"
    # patiënt: zorg 2, sociaal 0: log2( (2.5/10) / (0.5/8) ) = log2(4) = 2
    assert frame.loc["patiënt", "log_ratio"] == pytest.approx(2.0)
    assert frame.loc["patiënt", "alleen_in"] == "zorg"
    assert "samen" not in frame.index  # only used in the note without a domain


def test_words_by_domain_order():
    frame = words_by_domain(_notes())
    assert frame["woord"].tolist() == [
        # |log_ratio| 3.129 = |log2(0.05 / 0.4375)|: buurt (0 vs 3)
        "buurt",
        # 2.644 = |log2(0.05 / 0.3125)|: netwerk (0 vs 2)
        "netwerk",
        # 2.0 = log2(0.25 / 0.0625): patiënt, thuis, zorgpad (2 vs 0), alphabetical
        "patiënt",
        "thuis",
        "zorgpad",
        # 1.907 = |log2(0.05 / 0.1875)|: buren (0 vs 1)
        "buren",
        # 1.263 = log2(0.15 / 0.0625): eilanden (1 vs 0)
        "eilanden",
        # 0.415 = log2(0.25 / 0.1875): bruggen (2 vs 1)
        "bruggen",
    ]
    assert list(frame.columns) == [
        "woord",
        "aantal_zorg",
        "aantal_sociaal_domein",
        "relatief_zorg",
        "relatief_sociaal_domein",
        "log_ratio",
        "alleen_in",
    ]
    assert frame["log_ratio"].tolist() == pytest.approx(
        [
            math.log2(0.05 / 0.4375),
            math.log2(0.05 / 0.3125),
            2.0,
            2.0,
            2.0,
            math.log2(0.05 / 0.1875),
            math.log2(0.15 / 0.0625),
            math.log2(0.25 / 0.1875),
        ]
    )
    assert words_by_domain(_notes(), min_count=3)["woord"].tolist() == ["buurt", "bruggen"]


def test_log_ratio_symmetric_and_defined_without_words():
    assert log_ratio(3, 10, 3, 10) == 0.0
    assert log_ratio(1, 5, 0, 0) == pytest.approx(-log_ratio(0, 0, 1, 5))
    assert log_ratio(0, 0, 0, 0) == 0.0


def test_words_by_domain_one_domain_only_and_empty():
    zorg_only = [n for n in _notes() if n.domein == "zorg"]
    frame = words_by_domain(zorg_only)
    assert set(frame["alleen_in"]) == {"zorg"}
    assert (frame["relatief_sociaal_domein"] == 0.0).all()
    empty = words_by_domain([])
    assert empty.empty and "log_ratio" in empty.columns


def test_domain_totals():
    assert domain_totals(_notes()) == {
        "zorg": {"notities": 2, "woorden": 9},
        "sociaal_domein": {"notities": 1, "woorden": 7},
    }


# --- tables for researchers ---------------------------------------------------------------


class _Stored:
    """What the store hands out for a note: the proeftuin and the record."""

    def __init__(self, proeftuin: str, record: CollageNotitie) -> None:
        self.proeftuin = proeftuin
        self.record = record


def _stored() -> list[_Stored]:
    return [
        _Stored(
            "zundert",
            CollageNotitie(titel="Bruggen bruggen buurt", domein="zorg", foto_ids=["a1", "b2"]),
        ),
        _Stored("bergeijk", CollageNotitie(titel="Buurt netwerk", domein="sociaal_domein")),
        _Stored("zundert", CollageNotitie(titel="Samen buurt", foto_ids=["c3"])),
    ]


def test_domain_totals_table():
    frame = domain_totals_table(_notes())
    assert frame.to_dict("records") == [
        {"domein": "zorg", "notities": 2, "woorden": 9},
        {"domein": "sociaal_domein", "notities": 1, "woorden": 7},
    ]


def test_notes_overview_per_proeftuin():
    frame = notes_overview(_stored())
    assert list(frame.columns) == [
        "proeftuin",
        "notities",
        "zorg",
        "sociaal_domein",
        "zonder_domein",
        "met_foto",
        "fotos",
    ]
    assert frame.to_dict("records") == [
        {
            "proeftuin": "bergeijk",
            "notities": 1,
            "zorg": 0,
            "sociaal_domein": 1,
            "zonder_domein": 0,
            "met_foto": 0,
            "fotos": 0,
        },
        {
            "proeftuin": "zundert",
            "notities": 2,
            "zorg": 1,
            "sociaal_domein": 0,
            "zonder_domein": 1,
            "met_foto": 2,
            "fotos": 3,
        },
    ]
    assert notes_overview([]).empty


def test_frequent_words_per_proeftuin():
    frame = frequent_words_per_proeftuin(_stored(), n=2)
    assert frame.to_dict("records") == [
        {"proeftuin": "bergeijk", "rang": 1, "woord": "buurt", "aantal": 1, "notities": 1},
        {"proeftuin": "bergeijk", "rang": 2, "woord": "netwerk", "aantal": 1, "notities": 1},
        {"proeftuin": "zundert", "rang": 1, "woord": "bruggen", "aantal": 2, "notities": 1},
        {"proeftuin": "zundert", "rang": 2, "woord": "buurt", "aantal": 2, "notities": 2},
    ]
    assert list(frequent_words_per_proeftuin([]).columns) == [
        "proeftuin",
        "rang",
        "woord",
        "aantal",
        "notities",
    ]


def test_html_pasted_into_a_note_is_not_counted_as_words():
    from leven.core.textstats import tokenize

    assert tokenize("<p><strong>Mantelzorg</strong>&nbsp;in de&nbsp;buurt</p><br/>") == [
        "mantelzorg", "buurt"]
    assert tokenize("zorg &lt;thuis&gt; &amp; welzijn") == ["zorg", "thuis", "welzijn"]
    assert tokenize("3 < 5 en 7 > 2: verschil in zorg") == ["verschil", "zorg"]
