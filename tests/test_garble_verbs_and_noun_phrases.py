"""FR801/FR804 helpers: what counts as a verb for a split-off fragment, and what counts as
the end of a noun phrase before a glued media name (spaCy's POS, and the plain-word fallback
used when the French model cannot load). Pinned from the mutation survivors."""

import pytest

from audit.checks import garble
from audit.checks.garble import _has_verb, _noun_phrase_end
from audit.checks.runner import check_text


def test_a_full_verb_alone_makes_a_sentence():
    assert _has_verb("Il mange une pomme.")  # spaCy: mange VERB, no AUX


def test_an_auxiliary_alone_makes_a_sentence():
    assert _has_verb("Il est là.")  # spaCy: est AUX, no VERB


def test_noun_and_name_have_no_verb():
    assert not _has_verb("Publication Facebook.")


def test_noun_phrase_ends_with_a_noun_an_adjective_or_a_name():
    assert _noun_phrase_end("a déclaré un responsable du syndicat des pilotes ")  # NOUN
    assert _noun_phrase_end("a déclaré un porte-parole du Conseil de sécurité nationale ")  # ADJ
    assert _noun_phrase_end("a déclaré le conseiller de Joe Biden ")  # PROPN


def test_noun_phrase_end_skips_trailing_punctuation():
    assert _noun_phrase_end("a déclaré un responsable du syndicat des pilotes »")


def test_a_verb_before_the_media_name_is_not_a_noun_phrase():
    assert not _noun_phrase_end("a rapporté ")
    assert not _noun_phrase_end("")


def test_glued_media_after_a_plain_noun_is_reported():
    text = "« Nous ne céderons pas », a déclaré un responsable du syndicat des pilotes Reuters dans un communiqué."
    assert [(f.code, f.span) for f in check_text(text, select=["FR804"])] == [("FR804", "pilotes Reuters")]


@pytest.fixture
def without_spacy(monkeypatch):
    # The French model missing is a fault this machine cannot provoke (spaCy is installed);
    # garble then decides with its regular expression on the last word.
    monkeypatch.setattr(garble, "nlp_available", lambda: False)


def test_fallback_noun_phrase_end(without_spacy):
    assert _noun_phrase_end("a déclaré un responsable du syndicat des pilotes ") is True
    assert _noun_phrase_end("a déclaré le conseiller de Joe Biden ") is True


@pytest.mark.parametrize("before", [
    "a rapporté ",  # é
    "a déclaré la ministre, citée ",  # ée
    "ont déclaré les élus, interrogés ",  # és
    "ont déclaré les ministres, citées ",  # ées
    "a dit ",  # it
    "a transmis ",  # is
    "a répondu ",  # u
])
def test_fallback_participle_is_not_a_noun_phrase_end(without_spacy, before):
    assert _noun_phrase_end(before) is False
