"""Apertium's analysers and bilingual dictionaries used as lexicons (real Debian packages)."""

from __future__ import annotations

import pytest

from audit.resources import bilingual

pytestmark = pytest.mark.skipif(not bilingual.available(), reason="apertium eng-spa / fr-es not installed")


def test_english_to_french_through_spanish_keeps_every_alternative():
    out = bilingual.translations([("party", "n"), ("tea", ("n", "sg")), ("wonk", "n")], "en", "fr")
    assert {"fête", "parti"} <= set(out[("party", ("n",))])
    assert out[("tea", ("n", "sg"))] == ["thé"]
    assert out[("wonk", ("n",))] == []  # not in the dictionary: no guess


def test_bare_part_of_speech_is_completed_when_the_dictionary_wants_gender():
    # spa-eng only matches "librería<n><f>": the completion pass must find it
    assert bilingual.translations([("librairie", "n")], "fr", "en")[("librairie", ("n",))] == ["bookshop"]
    assert bilingual.translate("library", "n") == ("bibliothèque",)


def test_analyse_tags_in_context_and_survives_stream_characters():
    words = bilingual.analyse("The committee raised [gas] taxes at $3/gallon^2.", "en")
    by_surface = {w.surface: w for w in words}
    assert by_surface["raised"].lemma == "raise" and by_surface["raised"].pos == "vblex"
    assert by_surface["taxes"].lemma == "tax" and by_surface["taxes"].tags[:2] == ("n", "pl")
    french = bilingual.analyse("Les motoristes paient à l'État.", "fr")
    assert [w.surface for w in french if w.unknown] == ["motoristes"]


def test_escape_round_trips():
    text = "a[b]^c$d@e/f<g>h{i}j*k#l\\m"
    assert bilingual.unescape(bilingual.escape(text)) == text
