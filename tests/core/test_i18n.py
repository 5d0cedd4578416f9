"""The message catalogue: complete in both languages, with the same placeholders."""

import re
import string

import pytest

from leven.core import i18n
from leven.core.i18n import catalogue, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages():
    nl, en = set(catalogue("nl")), set(catalogue("en"))
    assert nl - en == set(), f"missing in English: {sorted(nl - en)}"
    assert en - nl == set(), f"missing in Dutch: {sorted(en - nl)}"
    assert len(nl) > 100


def test_placeholders_match_between_languages():
    nl, en = catalogue("nl"), catalogue("en")
    different = [k for k in nl if _placeholders(nl[k]) != _placeholders(en[k])]
    assert different == []


def test_no_message_is_empty():
    for lang in i18n.LANGUAGES:
        assert [k for k, v in catalogue(lang).items() if not v.strip()] == []


def test_dutch_is_the_default_and_english_can_be_chosen(monkeypatch):
    monkeypatch.delenv("LEVEN_LANG", raising=False)
    assert t("core.form.save") == "Opslaan"
    monkeypatch.setenv("LEVEN_LANG", "en")
    assert t("core.form.save") == "Save"
    i18n.set_language("nl")
    try:
        assert t("core.form.save") == "Opslaan"
    finally:
        i18n.set_language(None)


def test_formatting_and_unknown_keys():
    assert t("core.form.saved", lang="nl", version=3) == "Opgeslagen (versie 3)."
    assert t("core.does.not.exist") == "core.does.not.exist"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_keys_are_namespaced_by_file():
    assert all(re.match(r"^[a-z_]+\.", key) for key in catalogue("nl"))
